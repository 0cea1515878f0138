/**
 * Reading a YAML file people wrote: parse with line numbers, and check it against a TypeBox schema
 * with one message per field, located at its line. Shared by the registry and the curated
 * officials folder.
 */
import { parseSourceDate, type SourceDate } from '../dates/index.ts'
import { fieldPathText, YamlLocator, type Diagnostic } from './diagnostics.ts'
import type { FieldPath, Known } from './model.ts'

export { parseYaml, type YamlFileText } from '../yaml/index.ts'

type Report = (path: FieldPath, message: string, severity?: 'error' | 'warning') => void

/** Reports schema errors, at most one per field path, choosing the most specific message. */
export function schemaCheck(validator: { Check(v: unknown): boolean; Errors(v: unknown): Iterable<SchemaError> }, value: unknown, report: Report): boolean {
  if (validator.Check(value)) return true
  for (const error of pickSchemaErrors([...validator.Errors(value)])) {
    report(pointerToPath(error.instancePath), describeSchemaError(error))
  }
  return false
}

interface SchemaError {
  keyword: string
  instancePath: string
  message: string
  params: Record<string, unknown>
}

/**
 * A union that fails reports an error for every branch; people need the one that explains it.
 * Keep the deepest errors, drop the noise of `anyOf`/boolean-schema errors when a more specific
 * one exists, one message per path.
 */
function pickSchemaErrors(errors: SchemaError[]): SchemaError[] {
  const useful = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean')
  const pool = useful.length ? useful : errors
  const byPath = new Map<string, SchemaError>()
  for (const error of pool) {
    const current = byPath.get(error.instancePath)
    if (!current || rank(error) > rank(current)) byPath.set(error.instancePath, error)
  }
  // Drop an error on a parent when a child of it also failed: the child is the cause.
  const paths = [...byPath.keys()]
  return [...byPath.values()].filter((e) => !paths.some((p) => p !== e.instancePath && p.startsWith(`${e.instancePath}/`))).slice(0, 20)
}

function rank(error: SchemaError): number {
  return ['additionalProperties', 'required', 'pattern', 'type', 'const', 'enum', 'minItems', 'minLength'].indexOf(error.keyword) >= 0 ? 2 : 1
}

function describeSchemaError(error: SchemaError): string {
  const params = error.params
  if (error.keyword === 'additionalProperties') {
    const names = (params.additionalProperties as string[] | undefined) ?? []
    return `unknown field${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}`
  }
  if (error.keyword === 'required') {
    const names = (params.requiredProperties as string[] | undefined) ?? []
    return `missing required field${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}`
  }
  if (error.keyword === 'const') return `must be ${JSON.stringify(params.allowedValue ?? params.const)}`
  if (error.keyword === 'pattern' && String(params.pattern).startsWith('^\\d{4}')) return 'must be a date YYYY-MM-DD (or YYYY-MM / YYYY when the source gives no more)'
  return error.message
}

function pointerToPath(pointer: string): FieldPath {
  if (!pointer) return []
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}

/** A diagnostic at the line and column of `path` in the file, where the locator knows it. */
export function locatedDiagnostic(file: string, locator: YamlLocator | undefined, path: FieldPath, message: string, severity: 'error' | 'warning'): Diagnostic {
  const pos = locator?.locate(path)
  return Object.freeze({ kind: 'diagnostic', severity, file, line: pos?.line, column: pos?.column, field: path.length ? fieldPathText(path) : undefined, message })
}

/**
 * A date as written (`2018`, `2018-01`, `2018-01-02` or `{ unknown: reason }`); an invalid one is
 * reported and kept as unknown, so later checks can still run (the error already blocks the file).
 */
export function sourceDateOf(text: string | { unknown: string } | undefined, path: FieldPath, report: Report): SourceDate | undefined {
  if (text === undefined) return undefined
  if (typeof text !== 'string') return Object.freeze({ kind: 'unknown', reason: text.unknown })
  const parsed = parseSourceDate(text)
  if (parsed) return parsed
  report(path, `"${text}" is not a real calendar date`)
  return Object.freeze({ kind: 'unknown', reason: `invalid date "${text}"` })
}

/** A value as written, or `{ unknown: reason }` (an object with that one key) as unknown. */
export function knownOf<T>(value: T | { unknown: string }): Known<T> {
  if (value && typeof value === 'object' && 'unknown' in (value as object) && Object.keys(value as object).length === 1) {
    return Object.freeze({ kind: 'unknown', reason: (value as { unknown: string }).unknown })
  }
  return Object.freeze({ kind: 'known', value: value as T })
}
