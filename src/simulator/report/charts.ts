/**
 * The report's charts, drawn by Observable Plot into a given `document` (jsdom's in Node) and
 * returned as SVG markup. Suppressed values are never plotted: they are `null`, which Plot draws
 * as a gap; suppressed months get a small mark on the axis instead.
 */
import { areaY, barX, dot, gridX, lineY, plot, ruleX, text } from '@observablehq/plot'
import type { SimulationReport } from '../simulate/index.ts'
import { ACTION_WORDS, scenarioTotals, share, type JurisdictionSeries, type SeriesPoint } from './model.ts'

/** Colours: blue for what the law allows or requires, ochre for what it bars, grey for undetermined. */
export const COLOURS = {
  required: '#1f4e79',
  permitted: '#6f9fd8',
  undetermined: '#c8c8c8',
  prohibited: '#c08a2d',
  law: '#2f6aa3',
  counterfactual: '#b5651d',
  records: '#8a8a8a',
  suppressed: '#888888',
} as const

const OUTCOMES = ['required', 'permitted', 'undetermined', 'prohibited'] as const

const pct = (x: number) => `${(100 * x).toFixed(1)}%`

/** Axis labels: 0, 950, 1.5k, 20k, 1.2M. */
function shortCount(n: number): string {
  const trim = (x: number) => String(Number(x.toFixed(1)))
  return n >= 1e6 ? `${trim(n / 1e6)}M` : n >= 1e3 ? `${trim(n / 1e3)}k` : String(n)
}

/** The options every chart shares. */
export interface ChartOptions {
  readonly document: Document
  readonly width?: number
}

/**
 * One bar per scenario: the share of records whose answer is required, permitted, undetermined or
 * prohibited (a suppressed count is left out of its bar); null when no share can be drawn.
 *
 * @example
 * ```ts
 * const svg = outcomeChart(report, { document })
 * ```
 */
export function outcomeChart(report: SimulationReport, options: ChartOptions): string | null {
  const rows: Array<{ scenario: string; outcome: string; share: number; label: string }> = []
  for (const s of report.scenarios) {
    const t = scenarioTotals(report, s.id)
    if (!t) continue
    for (const o of OUTCOMES) {
      const v = share(t[o], report.totals.records)
      if (v !== null) rows.push({ scenario: s.label, outcome: o, share: v, label: pct(v) })
    }
  }
  if (rows.length === 0) return null
  const labels = report.scenarios.map((s) => s.label)
  return plot({
    document: options.document,
    width: options.width ?? 760,
    height: 50 + labels.length * 50,
    marginLeft: 14,
    marginRight: 24,
    style: { fontSize: '12px' },
    ariaLabel: 'Answers by scenario',
    ariaDescription: 'For each scenario, the share of records where the law requires, permits, leaves undetermined, or prohibits the action.',
    x: { domain: [0, 1], tickFormat: (d: number) => `${Math.round(d * 100)}%`, label: 'share of all records', grid: false },
    y: { domain: labels, label: null, axis: null },
    color: { domain: [...OUTCOMES], range: OUTCOMES.map((o) => COLOURS[o]), legend: true },
    marks: [
      barX(rows, { x: 'share', y: 'scenario', fill: 'outcome', order: [...OUTCOMES], insetTop: 18, insetBottom: 4, title: (d: (typeof rows)[number]) => `${d.scenario}: ${d.outcome} ${d.label}` }),
      text(labels, { y: (d: string) => d, x: 0, text: (d: string) => d, textAnchor: 'start', dy: -16, fontWeight: 600 }),
      ruleX([0]),
    ],
  }).outerHTML
}

/**
 * A jurisdiction's months: records (line) and, per scenario, the range of records where the jail
 * may or must act (the law: a band from lower to upper bound; a counterfactual: its two bounds as
 * dashed lines). Months with a suppressed cell are marked × along the bottom; months without
 * records are gaps.
 *
 * @example
 * ```ts
 * const svg = monthlyChart(series, report, [first, last], { document })
 * ```
 */
export function monthlyChart(series: JurisdictionSeries, report: SimulationReport, domain: readonly [Date, Date], options: ChartOptions): string {
  const points = series.points
  // a point with no drawn neighbour would vanish from a line or band: it gets a dot or a range bar
  const isolated = (value: (p: SeriesPoint) => number | null) =>
    points.filter((p, i) => value(p) !== null && (i === 0 || value(points[i - 1] as SeriesPoint) === null) && (i === points.length - 1 || value(points[i + 1] as SeriesPoint) === null))
  // Records first, thin and grey, so the bounds drawn over it stay visible where they equal it;
  // the law as a filled band with solid bounds, a counterfactual as dashed bounds only.
  const marks = [
    lineY(points, { x: 'date', y: 'records', stroke: COLOURS.records, strokeWidth: 1 }),
    dot(isolated((p) => p.records), { x: 'date', y: 'records', fill: COLOURS.records, r: 2.5 }),
  ]
  report.scenarios.forEach((s) => {
    const colour = s.id === 'law' ? COLOURS.law : COLOURS.counterfactual
    const y1 = (d: SeriesPoint) => d.held[s.id]?.lower ?? null
    const y2 = (d: SeriesPoint) => d.held[s.id]?.upper ?? null
    const dash = s.id === 'law' ? {} : { strokeDasharray: '4,3' }
    if (s.id === 'law') marks.push(areaY(points, { x: 'date', y1, y2, fill: colour, fillOpacity: 0.22 }))
    marks.push(lineY(points, { x: 'date', y: y1, stroke: colour, strokeWidth: 1.5, ...dash }))
    marks.push(lineY(points, { x: 'date', y: y2, stroke: colour, strokeWidth: 1.5, ...dash }))
    marks.push(ruleX(isolated(y1).filter((p) => y2(p) !== null), { x: 'date', y1, y2, stroke: colour, strokeOpacity: 0.5, strokeWidth: 5 }))
  })
  const suppressed = points.filter((p) => p.suppressed)
  marks.push(dot(suppressed, { x: 'date', frameAnchor: 'bottom', symbol: 'times', r: 3, stroke: COLOURS.suppressed, strokeWidth: 1.5, title: (d: SeriesPoint) => `${d.month}: count withheld` }))
  return plot({
    document: options.document,
    width: options.width ?? 360,
    height: 180,
    marginLeft: 46,
    marginRight: 14,
    style: { fontSize: '11px' },
    ariaLabel: `Records by month, ${series.name}`,
    ariaDescription: `Records per month in ${series.name} and the range of records where ${ACTION_WORDS[report.action].held}, per scenario.`,
    x: { type: 'utc', domain: [...domain], label: null, ticks: 4 },
    y: { label: 'records', grid: true, nice: true, zero: true, tickFormat: shortCount },
    marks,
  }).outerHTML
}

/**
 * Law against practice, per jurisdiction: the range of records where the law lets the jail act
 * (bar, lower to upper bound, as a share of the records) and the share the data records as
 * honored in practice (dot).
 *
 * @example
 * ```ts
 * const svg = lawVsPracticeChart(report, { document })
 * ```
 */
export function lawVsPracticeChart(report: SimulationReport, options: ChartOptions): string | null {
  const rows = report.lawVsPractice
    .filter((r) => !r.suppressed && r.records !== null && r.records > 0)
    .sort((a, b) => (b.records as number) - (a.records as number))
    .slice(0, 15)
    .map((r) => ({
      name: r.name,
      lower: share(r.lawHeld.lower, r.records),
      upper: share(r.lawHeld.upper, r.records),
      honored: share(r.practiceHonored, r.records),
    }))
    .filter((r) => (r.lower !== null && r.upper !== null) || r.honored !== null)
  if (rows.length === 0) return null
  type Row = (typeof rows)[number]
  return plot({
    document: options.document,
    width: options.width ?? 760,
    height: 50 + rows.length * 26,
    marginLeft: 200,
    marginRight: 24,
    style: { fontSize: '12px' },
    ariaLabel: 'Law and practice',
    ariaDescription: `For each jurisdiction, bars show the share of records where ${ACTION_WORDS[report.action].held} (lower to upper bound); dots show the share recorded as honored.`,
    x: { domain: [0, 1], tickFormat: (d: number) => `${Math.round(d * 100)}%`, label: 'share of the jurisdiction’s records', grid: true },
    y: { domain: rows.map((r) => r.name), label: null },
    marks: [
      barX(rows.filter((r) => r.lower !== null && r.upper !== null), { x1: 'lower', x2: (d: Row) => Math.max(d.upper as number, (d.lower as number) + 0.004), y: 'name', fill: COLOURS.law, fillOpacity: 0.45, insetTop: 6, insetBottom: 6 }),
      dot(rows.filter((r) => r.honored !== null), { x: 'honored', y: 'name', fill: COLOURS.records, r: 4, title: (d: Row) => `honored in practice: ${pct(d.honored as number)}` }),
      ruleX([0]),
    ],
  }).outerHTML
}

/**
 * The share of each source's records linked to a county.
 *
 * @example
 * ```ts
 * const svg = linkingChart(report, { document })
 * ```
 */
export function linkingChart(report: SimulationReport, options: ChartOptions): string | null {
  const rows = report.linking.filter((l) => l.matchRate !== null).map((l) => ({ source: l.source, rate: l.matchRate as number }))
  if (rows.length === 0) return null
  return plot({
    document: options.document,
    width: options.width ?? 760,
    height: 40 + rows.length * 28,
    marginLeft: 120,
    marginRight: 60,
    style: { fontSize: '12px' },
    ariaLabel: 'Match rate by source',
    ariaDescription: 'The share of each source’s records that could be placed in a county.',
    x: { domain: [0, 1], tickFormat: (d: number) => `${Math.round(d * 100)}%`, label: 'records linked to a county', grid: true },
    y: { domain: rows.map((r) => r.source), label: null },
    marks: [
      barX(rows, { x: 'rate', y: 'source', fill: COLOURS.law, insetTop: 5, insetBottom: 5 }),
      text(rows, { x: 'rate', y: 'source', text: (d: { rate: number }) => pct(d.rate), textAnchor: 'start', dx: 4 }),
      ruleX([0]),
    ],
  }).outerHTML
}
