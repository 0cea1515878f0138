/**
 * What the simulation pages show about a published simulation report, derived from it (pure; server only, as the report module draws with jsdom). Every
 * number here is one the report publishes (`null` where it withholds it); nothing is computed from
 * suppressed cells, so the pages cannot reveal a withheld count by subtraction.
 */
import type { CounterfactualSpec, SimulationReport } from '../../simulator/simulate/index.ts'
import { ACTION_WORDS, fileName, monthSpan } from '../../simulator/report/index.ts'

/** The importers' source ids, in words (an unknown id is shown as it is). */
const SOURCE_WORDS: Readonly<Record<string, string>> = {
  pa: 'Pennsylvania detainers',
  pierce: 'Pierce County (WA) bookings with ICE holds',
  'ice-lesa': 'ICE ERO-LESA encounters',
  ddp: 'Deportation Data Project detainers',
}

/** One scenario of a report as the pages list it. */
export interface ScenarioSummary {
  readonly id: 'law' | 'counterfactual'
  readonly label: string
  /** The scenario in a phrase that follows "under", e.g. "California’s law on 2018-01-01". */
  readonly phrase: string
  /** Records where the jail may or must act: lower and upper bound (`null` where withheld). */
  readonly held: { readonly lower: number | null; readonly upper: number | null } | null
  readonly undetermined: number | null
}

/** A published report as the list and the report page describe it. */
export interface SimulationSummary {
  /** The file name without `.json`; the page is `/simulations/<name>`. */
  readonly name: string
  readonly title: string
  /** The question asked of every record, e.g. "hold the person on the detainer". */
  readonly question: string
  /** What "held" means for the question, e.g. "the jail may or must hold". */
  readonly held: string
  readonly records: number | null
  readonly unlinked: number | null
  readonly span: { readonly first: string; readonly last: string } | null
  readonly inputs: readonly { readonly file: string; readonly records: number | null }[]
  readonly sources: readonly {
    readonly source: string
    readonly label: string
    readonly records: number | null
    readonly linked: number | null
    readonly unlinked: number | null
    readonly matchRate: number | null
  }[]
  readonly scenarios: readonly ScenarioSummary[]
  readonly engineVersion: string
  readonly registryVersion: string
  /** How many published numbers are withheld, when the report says. */
  readonly withheld: number | null
}

/** A report file name (without `.json`) the pages accept: letters, digits, `-` and `_`, nothing that could leave the folder. */
export const REPORT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

/**
 * Whether a name may name a report file (no dots, slashes or other path syntax).
 *
 * @example
 * ```ts
 * isReportName('pa-pierce-2018') // true
 * isReportName('../package')     // false
 * ```
 */
export function isReportName(name: string): boolean {
  return REPORT_NAME.test(name)
}

/**
 * A counterfactual in words, short enough for a list.
 *
 * @example
 * ```ts
 * counterfactualWords({ kind: 'jurisdiction', jurisdiction: 'ocd-division/country:us/state:ca', jurisdictionName: 'California', date: '2018-01-01' })
 * // 'California’s law on 2018-01-01'
 * ```
 */
export function counterfactualWords(spec: CounterfactualSpec): string {
  if (spec.kind === 'jurisdiction') return `${spec.jurisdictionName || spec.jurisdiction}’s law on ${spec.date}`
  const file = spec.file.split(/[\\/]/).pop() ?? spec.file
  return `the policy ${file} for ${spec.jurisdictionName || spec.jurisdiction}`
}

/**
 * Summarises a published report for the simulation pages.
 *
 * @example
 * ```ts
 * summariseReport('pa-pierce', report).title // 'ICE detainer holds: Pennsylvania detainers and Pierce County (WA) bookings with ICE holds'
 * ```
 */
export function summariseReport(name: string, report: SimulationReport): SimulationSummary {
  const words = ACTION_WORDS[report.action]
  const sources = report.linking.map((l) => ({ source: l.source, label: SOURCE_WORDS[l.source] ?? l.source, records: l.records, linked: l.linked, unlinked: l.unlinked, matchRate: l.matchRate }))
  const sourceText = sources.length === 0 ? 'no sources' : sources.length === 1 ? sources[0]!.label : `${sources.slice(0, -1).map((s) => s.label).join(', ')} and ${sources[sources.length - 1]!.label}`
  const stats = report.stats as SimulationReport['stats'] & { suppressed?: number }
  return {
    name,
    title: `${words.title.charAt(0).toUpperCase()}${words.title.slice(1)}: ${sourceText}`,
    question: words.question,
    held: words.held,
    records: report.totals.records,
    unlinked: report.totals.unlinked,
    span: monthSpan(report),
    inputs: report.inputs.map((i) => ({ file: fileName(i.file), records: i.records })),
    sources,
    scenarios: report.scenarios.map((s) => {
      const t = report.totals.byScenario[s.id]
      return {
        id: s.id,
        label: s.id === 'law' ? 'The law in force on each record’s date, in its jurisdiction' : `Counterfactual: ${counterfactualWords(s.spec)}`,
        phrase: s.id === 'law' ? 'the law in force on each record’s date and in its place' : s.spec.kind === 'jurisdiction' ? `${counterfactualWords(s.spec)}, applied to every record` : counterfactualWords(s.spec),
        held: t ? { lower: t.held.lower, upper: t.held.upper } : null,
        undetermined: t ? t.undetermined : null,
      }
    }),
    engineVersion: report.engineVersion,
    registryVersion: report.registryVersion,
    withheld: typeof stats.suppressed === 'number' ? stats.suppressed : null,
  }
}
