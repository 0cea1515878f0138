/**
 * What the HTML report shows, derived from a {@link SimulationReport} (pure). Derived numbers are
 * only used to choose and order what is shown (e.g. the jurisdictions with most records); every
 * number printed is one the report publishes, or a ratio of two published numbers, so the page
 * cannot reveal a suppressed cell by subtraction.
 */
import type { MaybeScenarioCounts, SimulationAction, SimulationCell, SimulationReport } from '../simulate/index.ts'

/** How the report words each question. */
export const ACTION_WORDS: Readonly<Record<SimulationAction, { readonly question: string; readonly held: string; readonly notHeld: string; readonly title: string }>> = {
  hold: {
    question: 'hold the person on the detainer',
    held: 'the jail may or must hold',
    notHeld: 'the jail must not hold',
    title: 'ICE detainer holds',
  },
  notify: {
    question: 'notify ICE of the release date',
    held: 'the jail may or must notify ICE',
    notHeld: 'the jail must not notify ICE',
    title: 'release-date notifications to ICE',
  },
  interview: {
    question: 'allow ICE to interview the person',
    held: 'the jail may or must allow the interview',
    notHeld: 'the jail must not allow the interview',
    title: 'ICE interviews in jail',
  },
}

/** One point of a jurisdiction's monthly series; `null` values are suppressed or absent. */
export interface SeriesPoint {
  readonly month: string
  readonly date: Date
  readonly records: number | null
  readonly suppressed: boolean
  /** Held bounds per scenario id; null where suppressed. */
  readonly held: Readonly<Record<string, { readonly lower: number | null; readonly upper: number | null }>>
}

/** A jurisdiction with its months, in month order, gaps for months without a cell. */
export interface JurisdictionSeries {
  readonly jurisdiction: string
  readonly name: string
  readonly points: readonly SeriesPoint[]
  /** Months with a suppressed cell. */
  readonly suppressedMonths: number
}

/** A dated cell label: `YYYY-MM` (month), `YYYY-Qn` (quarter) or `YYYY` (year); `all` and `unknown` are not. */
const DATED = /^\d{4}(?:-\d{2}|-Q[1-4])?$/

/** A cell label (`YYYY-MM`, `YYYY-Qn` or `YYYY`) → the first day of its period, UTC. */
export function monthDate(month: string): Date {
  const q = /^(\d{4})-Q([1-4])$/.exec(month)
  if (q) return new Date(Date.UTC(Number(q[1]), (Number(q[2]) - 1) * 3, 1))
  return new Date(`${/^\d{4}$/.test(month) ? `${month}-01` : month}-01T00:00:00Z`)
}

/** The label of the period after `label`, of the same kind. */
function nextMonth(label: string): string {
  if (/^\d{4}$/.test(label)) return String(Number(label) + 1)
  const q = /^(\d{4})-Q([1-4])$/.exec(label)
  if (q) return q[2] === '4' ? `${Number(q[1]) + 1}-Q1` : `${q[1]}-Q${Number(q[2]) + 1}`
  const [y, m] = label.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The display name of a cell's jurisdiction. */
export function jurisdictionName(cell: { readonly jurisdiction: string; readonly name: string }): string {
  return cell.jurisdiction === 'unlinked' ? 'Unlinked records (no county)' : cell.name || cell.jurisdiction
}

/**
 * The `n` jurisdictions with most published records (all months), with their monthly series. A
 * month between a jurisdiction's first and last that has no cell becomes a gap, never a zero.
 *
 * @example
 * ```ts
 * topJurisdictionSeries(report, 8)[0]?.name // 'Harris County'
 * ```
 */
export function topJurisdictionSeries(report: SimulationReport, n: number): JurisdictionSeries[] {
  const byJurisdiction = new Map<string, SimulationCell[]>()
  for (const cell of report.cells) {
    if (!DATED.test(cell.month)) continue
    const list = byJurisdiction.get(cell.jurisdiction)
    if (list) list.push(cell)
    else byJurisdiction.set(cell.jurisdiction, [cell])
  }
  // ranking only: the sum is never shown
  const rank = [...byJurisdiction.entries()]
    .map(([j, cells]) => ({ j, cells, weight: cells.reduce((a, c) => a + (c.records ?? 0), 0) }))
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.j < b.j ? -1 : 1))
    .slice(0, n)
  const ids = report.scenarios.map((s) => s.id)
  return rank.map(({ j, cells }) => {
    const byMonth = new Map(cells.map((c) => [c.month, c]))
    const months = [...byMonth.keys()].sort()
    const points: SeriesPoint[] = []
    for (let m = months[0] as string; m <= (months[months.length - 1] as string); m = nextMonth(m)) {
      const c = byMonth.get(m)
      const held: Record<string, { lower: number | null; upper: number | null }> = {}
      for (const id of ids) {
        const s = c?.byScenario[id]
        held[id] = { lower: s?.held.lower ?? null, upper: s?.held.upper ?? null }
      }
      points.push({ month: m, date: monthDate(m), records: c?.records ?? null, suppressed: c?.suppressed ?? false, held })
    }
    const first = cells[0] as SimulationCell
    return { jurisdiction: j, name: jurisdictionName(first), points, suppressedMonths: cells.filter((c) => c.suppressed).length }
  })
}

/**
 * A share as a percentage with one decimal that never rounds a partial share to 0% or 100%: a
 * share above 99.9% reads "over 99.9%", one below 0.1% "under 0.1%", so a percentage never
 * contradicts a count beside it (16 records not placed, "100.0% placed").
 *
 * @example
 * ```ts
 * percentText(32741 / 32757) // 'over 99.9%'
 * percentText(0.25)          // '25.0%'
 * ```
 */
export function percentText(x: number | null): string {
  if (x === null) return '—'
  if (x > 0.999 && x < 1) return 'over 99.9%'
  if (x > 0 && x < 0.001) return 'under 0.1%'
  return `${(100 * x).toFixed(1)}%`
}

/**
 * The last part of a path, e.g. `/tmp/sim/pa.parquet` → `pa.parquet`: reports name their input
 * files, never the folders a run read them from.
 */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path
}

/** The share `part / whole`, or null when either is unknown or the whole is 0. */
export function share(part: number | null | undefined, whole: number | null | undefined): number | null {
  return part === null || part === undefined || whole === null || whole === undefined || whole === 0 ? null : part / whole
}

/** A scenario's counts, or undefined when the report has none for it. */
export function scenarioTotals(report: SimulationReport, id: string): MaybeScenarioCounts | undefined {
  return report.totals.byScenario[id as keyof typeof report.totals.byScenario]
}

/** The first and last dated cell labels (`YYYY-MM`, or `YYYY-Qn`/`YYYY` in a coarser report), or null (e.g. `all`). */
export function monthSpan(report: SimulationReport): { first: string; last: string } | null {
  const months = report.cells.map((c) => c.month).filter((m) => DATED.test(m)).sort()
  return months.length ? { first: months[0] as string, last: months[months.length - 1] as string } : null
}
