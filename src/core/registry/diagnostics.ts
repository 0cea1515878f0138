/**
 * Diagnostics: located errors and warnings about registry files, and how to locate a field path
 * in the YAML it came from.
 */
import { formatLocated } from '../errors/index.ts'
import type { FieldPath } from './model.ts'

export interface Diagnostic {
  readonly kind: 'diagnostic'
  readonly severity: 'error' | 'warning'
  readonly file: string
  readonly line?: number
  readonly column?: number
  /** Dotted field path, e.g. `enactments[0].provisions[1].when`. */
  readonly field?: string
  readonly message: string
}

/**
 * Formats a diagnostic as one line: `file:line:column: severity: field: message`.
 *
 * @example
 * ```ts
 * formatDiagnostic({ kind: 'diagnostic', severity: 'error', file: 'us/state-ca.yaml', line: 4, column: 3, field: 'geoid', message: 'bad' })
 * // 'us/state-ca.yaml:4:3: error: geoid: bad'
 * ```
 */
export function formatDiagnostic(d: Diagnostic): string {
  return formatLocated({ file: d.file, line: d.line, column: d.column }, `${d.severity}: ${d.field ? `${d.field}: ` : ''}${d.message}`)
}

/**
 * Renders a field path the way people read it.
 *
 * @example
 * ```ts
 * fieldPathText(['enactments', 0, 'provisions', 1, 'when']) // 'enactments[0].provisions[1].when'
 * ```
 */
export function fieldPathText(path: FieldPath): string {
  let out = ''
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part
  return out
}

export { YamlLocator } from '../yaml/index.ts'
