/** The import report as a TSV table: every row that was not turned into a matched, current agreement. */
import type { ImportResult } from './generate.ts'

const COLUMNS = ['status', 'sheet', 'line', 'state', 'agency', 'agencyType', 'county', 'model', 'signed', 'detail'] as const

/**
 * The report as tab-separated text with a commented summary first (deterministic: no clock).
 *
 * @example
 * ```ts
 * reportTsv(result).split('\n')[0] // '# sanctuary import-287g: 845 agreements, 830 matched, 15 unmatched ...'
 * ```
 */
export function reportTsv(result: ImportResult): string {
  const c = result.counts
  const cell = (v: unknown) => String(v ?? '').replace(/[\t\r\n]+/g, ' ')
  const lines = [
    `# sanctuary import-287g: ${c.agreements} agreements (${c.current} on the list of ${result.asOf ?? '?'}), ${c.matched} matched to ${c.jurisdictions} jurisdictions, ${c.unmatched} unmatched; ${c.pending} pending rows (${c.pendingUnmatched} unmatched)`,
    `# matched by level: ${Object.entries(c.byLevel).map(([k, v]) => `${k} ${v}`).join(', ')}; by model: ${Object.entries(c.byModel).map(([k, v]) => `${k} ${v}`).join(', ')}; ${c.withOri} with an ORI, ${c.withMoa} with an MOA link`,
    COLUMNS.join('\t'),
    ...result.report.map((r) => COLUMNS.map((k) => cell(r[k])).join('\t')),
  ]
  return `${lines.join('\n')}\n`
}
