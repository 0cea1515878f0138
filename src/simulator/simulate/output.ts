/**
 * Writing a report: JSON (the report as is) and CSV (one row per cell and scenario, then the
 * totals). Suppressed counts are empty in CSV and `null` in JSON.
 */
import type { MaybePracticeCounts, MaybeScenarioCounts, SimulationReport } from './report.ts'

/** CSV columns, in order. */
export const CSV_COLUMNS = [
  'jurisdiction',
  'name',
  'period',
  'scenario',
  'records',
  'suppressed',
  'permitted',
  'required',
  'prohibited',
  'undetermined',
  'held_lower',
  'held_upper',
  'practice_honored',
  'practice_declined',
  'practice_released',
  'practice_other',
  'practice_unknown',
] as const

function csvField(value: string | number | boolean | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function row(
  jurisdiction: string,
  name: string,
  period: string,
  scenario: string,
  records: number | null,
  suppressed: boolean,
  counts: MaybeScenarioCounts | undefined,
  practice: MaybePracticeCounts | null,
): string {
  const values: Array<string | number | boolean | null> = [
    jurisdiction,
    name,
    period,
    scenario,
    records,
    suppressed,
    counts?.permitted ?? null,
    counts?.required ?? null,
    counts?.prohibited ?? null,
    counts?.undetermined ?? null,
    counts?.held.lower ?? null,
    counts?.held.upper ?? null,
    practice?.honored ?? null,
    practice?.declined ?? null,
    practice?.released ?? null,
    practice?.other ?? null,
    practice?.unknown ?? null,
  ]
  return values.map(csvField).join(',')
}

/**
 * The report as CSV: a header, one row per cell and scenario, then one `total` row per scenario.
 *
 * @example
 * ```ts
 * writeFileSync('cells.csv', reportCsv(report))
 * ```
 */
export function reportCsv(report: SimulationReport): string {
  const lines: string[] = [CSV_COLUMNS.join(',')]
  for (const cell of report.cells) {
    for (const s of report.scenarios) lines.push(row(cell.jurisdiction, cell.name, cell.month, s.id, cell.records, cell.suppressed, cell.byScenario[s.id], cell.practice))
  }
  for (const s of report.scenarios) lines.push(row('total', 'All records', 'all', s.id, report.totals.records, report.totals.records === null, report.totals.byScenario[s.id], report.totals.practice))
  return `${lines.join('\n')}\n`
}

/**
 * The report as JSON text.
 *
 * @example
 * ```ts
 * writeFileSync('report.json', reportJson(report))
 * ```
 */
export function reportJson(report: SimulationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

const count = (n: number | null) => (n === null ? 'withheld' : Math.round(n).toLocaleString('en-US'))
const percent = (n: number, d: number) => (d > 0 ? `${((100 * n) / d).toFixed(1)}%` : '–')

/**
 * A plain-text summary for a terminal: match rates per source, the totals as ranges, law
 * against practice.
 *
 * @example
 * ```ts
 * process.stdout.write(formatReport(report))
 * ```
 */
export function formatReport(report: SimulationReport): string {
  const out: string[] = []
  const verb = report.action === 'hold' ? 'held' : report.action === 'notify' ? 'notified' : 'interviewed'
  out.push(`records: ${count(report.totals.records)} in ${report.inputs.length} file(s); unlinked: ${count(report.totals.unlinked)}`)
  out.push('match rate (records linked to a county):')
  for (const l of report.linking) {
    out.push(`  ${l.source.padEnd(12)} ${l.matchRate === null ? '(withheld)' : `${(100 * l.matchRate).toFixed(1)}%`}  (${count(l.linked)} of ${count(l.records)})`)
  }
  for (const s of report.scenarios) {
    const t = report.totals.byScenario[s.id]
    out.push(`${s.id}: ${s.label}`)
    if (!t) continue
    const total = report.totals.records ?? 0
    const range = t.held.lower === null || t.held.upper === null ? '(withheld)' : `${count(t.held.lower)} to ${count(t.held.upper)} (${percent(t.held.lower, total)} to ${percent(t.held.upper, total)})`
    out.push(`  may or must be ${verb}: ${range}`)
    out.push(`  permitted ${count(t.permitted)}, required ${count(t.required)}, prohibited ${count(t.prohibited)}, undetermined ${count(t.undetermined)}`)
  }
  if (report.totals.practice) {
    const p = report.totals.practice
    out.push(`practice recorded: honored ${count(p.honored)}, declined ${count(p.declined)}, released ${count(p.released)}, other ${count(p.other)}, not recorded ${count(p.unknown)}`)
  }
  const shown = report.lawVsPractice.filter((r) => !r.suppressed).sort((a, b) => (b.records ?? 0) - (a.records ?? 0))
  if (report.lawVsPractice.length > 0) out.push(`law against practice (${report.lawVsPractice.length} jurisdictions with outcomes recorded; the largest ${Math.min(shown.length, 10)} shown, all in the report):`)
  for (const r of shown.slice(0, 10)) {
    out.push(`  ${r.name}: ${count(r.records)} records with an outcome; law: ${count(r.lawHeld.lower)} to ${count(r.lawHeld.upper)} may be ${verb}; practice: ${count(r.practiceHonored)} honored, ${count(r.practiceDeclined)} declined`)
  }
  const suppressedCells = report.cells.filter((c) => c.suppressed).length
  out.push(`cells: ${report.cells.length} (jurisdiction × ${report.period === 'all' ? 'all time' : (report.period ?? 'month')}), ${suppressedCells} with their count withheld (fewer than ${report.minCell} records, or needed to protect one)`)
  return `${out.join('\n')}\n`
}
