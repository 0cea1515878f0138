/**
 * Rule cases in the style of OpenFisca's YAML tests: name, jurisdiction, date, facts, expected
 * answers. They live beside the registry files they test (`*.cases.yaml`).
 */
import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { LineCounter, parseDocument } from 'yaml'
import { fieldPathText, YamlLocator, type Diagnostic } from '../registry/index.ts'
import { CaseFactsSchema } from './case.ts'
import type { Engine } from './evaluate.ts'
import { QUESTION_NAMES } from './plan.ts'

const strict = { additionalProperties: false } as const
const ValueText = Type.Union([Type.Literal('required'), Type.Literal('permitted'), Type.Literal('prohibited'), Type.Literal('undetermined')])
const Expected = Type.Union([
  ValueText,
  Type.Object({ value: ValueText, missing: Type.Optional(Type.Array(Type.String())), maxHours: Type.Optional(Type.Union([Type.Number(), Type.Null()])) }, strict),
])

const RuleCaseSchema = Type.Object(
  {
    name: Type.String({ minLength: 3 }),
    jurisdiction: Type.String(),
    date: Type.String(),
    case: Type.Optional(CaseFactsSchema),
    expect: Type.Object({ hold: Type.Optional(Expected), notify: Type.Optional(Expected), interview: Type.Optional(Expected) }, strict),
    note: Type.Optional(Type.String()),
  },
  strict,
)
const CaseFileSchema = Type.Object({ cases: Type.Array(RuleCaseSchema) }, strict)
const checkCaseFile = Compile(CaseFileSchema)

export type RuleCase = Static<typeof RuleCaseSchema> & { readonly file: string; readonly line?: number }

export interface CaseResult {
  readonly kind: 'case-result'
  readonly ruleCase: RuleCase
  readonly passed: boolean
  /** One line per mismatch. */
  readonly failures: readonly string[]
}

/**
 * Parses a case file's text; problems come back as diagnostics with file:line.
 *
 * @example
 * ```ts
 * const { cases, diagnostics } = parseCaseFile('us/state-ca.cases.yaml', text)
 * ```
 */
export function parseCaseFile(file: string, text: string): { cases: RuleCase[]; diagnostics: Diagnostic[] } {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true })
  if (doc.errors.length) {
    return {
      cases: [],
      diagnostics: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0])
        return { kind: 'diagnostic', severity: 'error', file, line: pos.line, column: pos.col, message: `malformed YAML: ${e.message.split('\n')[0]}` }
      }),
    }
  }
  const value = doc.toJS()
  const locator = new YamlLocator(doc, lines)
  if (!checkCaseFile.Check(value)) {
    const errors = [...checkCaseFile.Errors(value)].filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean')
    const deepest = errors.sort((a, b) => b.instancePath.length - a.instancePath.length)[0]
    const path = (deepest?.instancePath ?? '').split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p))
    const pos = locator.locate(path)
    const params = (deepest?.params ?? {}) as Record<string, unknown>
    const message = deepest?.keyword === 'additionalProperties' ? `unknown field ${JSON.stringify(params.additionalProperties)}` : (deepest?.message ?? 'invalid case file')
    return { cases: [], diagnostics: [{ kind: 'diagnostic', severity: 'error', file, line: pos?.line, column: pos?.column, field: fieldPathText(path), message }] }
  }
  const cases = (value as Static<typeof CaseFileSchema>).cases.map((c, i) => ({ ...c, file, line: locator.locate(['cases', i])?.line }))
  return { cases, diagnostics: [] }
}

/**
 * Runs rule cases through the engine.
 *
 * @example
 * ```ts
 * runCases(engine, cases).filter((r) => !r.passed)
 * ```
 */
export function runCases(engine: Engine, cases: readonly RuleCase[]): CaseResult[] {
  return cases.map((rc) => {
    const failures: string[] = []
    try {
      const ev = engine.evaluate({ jurisdiction: rc.jurisdiction, date: rc.date, ...(rc.case ?? {}) })
      for (const q of QUESTION_NAMES) {
        const expected = rc.expect[q]
        if (expected === undefined) continue
        const want = typeof expected === 'string' ? { value: expected } : expected
        const got = ev.answers[q]
        if (got.value !== want.value) failures.push(`${q}: expected ${want.value}, got ${got.value}${got.missing.length ? ` (missing ${got.missing.join(', ')})` : ''}${got.citations.length ? ` [${got.citations.map((c) => c.provision).join(', ')}]` : ''}`)
        for (const m of 'missing' in want ? (want.missing ?? []) : []) {
          if (!got.missing.includes(m)) failures.push(`${q}: expected missing "${m}", got [${got.missing.join(', ')}]`)
        }
        if ('maxHours' in want && want.maxHours !== undefined && (got.maxHours ?? null) !== want.maxHours) failures.push(`${q}: expected maxHours ${want.maxHours}, got ${got.maxHours ?? null}`)
      }
    } catch (error) {
      failures.push(`case does not evaluate: ${(error as Error).message}${(error as { location?: { field?: string } }).location?.field ? ` (field ${(error as { location: { field: string } }).location.field})` : ''}`)
    }
    return { kind: 'case-result', ruleCase: rc, passed: failures.length === 0, failures }
  })
}
