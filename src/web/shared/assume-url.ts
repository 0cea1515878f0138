/**
 * A template's changed assumptions in URLs: one query parameter per fact (`reimbursementAgreement=unknown`),
 * the same names in the map page, the answers API, the jurisdiction page and the evaluator, and
 * in the map legend's no-JavaScript form. Only values that differ from the template's defaults are
 * written, so a default view keeps its short URL.
 */
import type { AssumedFact } from '../../core/answers/index.ts'

/** Fact name → yes / no / unknown. */
export type AssumeQuery = Readonly<Record<string, string>>

/**
 * The changed assumptions as URL parameters, in the order the legend lists them.
 *
 * @example
 * ```ts
 * assumeParams({ reimbursementAgreement: 'unknown' }) // [['reimbursementAgreement', 'unknown']]
 * ```
 */
export function assumeParams(assume: AssumeQuery | undefined): [string, string][] {
  return Object.entries(assume ?? {})
    .filter(([, v]) => v === 'yes' || v === 'no' || v === 'unknown')
    .sort(([a], [b]) => a.localeCompare(b))
}

/**
 * The assumptions that differ from the defaults, from the legend's list and a new value for one.
 *
 * @example
 * ```ts
 * withAssumption(assumptions, 'reimbursementAgreement', 'unknown') // { reimbursementAgreement: 'unknown' }
 * ```
 */
export function withAssumption(list: readonly AssumedFact[], name: string, value: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const a of list) {
    const v = a.name === name ? value : a.value
    if (v !== a.defaultValue) out[a.name] = v
  }
  return out
}
