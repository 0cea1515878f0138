/**
 * The simulation pages as functions of published reports (already read and checked by the
 * adapter): the list, one report (its sections drawn by the simulator's report module, charts as
 * server-side Observable Plot SVGs), and the self-contained report document. Server only; no I/O.
 */
import { AppError } from '../../core/errors/index.ts'
import { renderReport, renderReportSections } from '../../simulator/report/index.ts'
import type { SimulationReport } from '../../simulator/simulate/index.ts'
import { SimulationPage, SimulationsPage } from '../pages/simulations-page.tsx'
import type { PageResult } from './site.tsx'
import { isReportName, summariseReport } from './simulation-summary.ts'

/** A report file as the adapter found it: its name (file name without `.json`) and contents. */
export interface PublishedReport {
  readonly name: string
  readonly report: SimulationReport
}

const SECTION_LABELS: Readonly<Record<string, string>> = {
  summary: 'Summary',
  practice: 'Law and practice',
  monthly: 'Month by month',
  linking: 'Placing records',
  method: 'How this was calculated',
  inputs: 'Inputs',
}

/**
 * The list of published reports, by file name. `unreadable` names
 * files that are in the folder but are not valid reports (listed as a count only).
 *
 * @example
 * ```ts
 * simulationsPage([{ name: 'pa-pierce', report }], [])
 * ```
 */
export function simulationsPage(reports: readonly PublishedReport[], unreadable: readonly string[]): PageResult {
  const summaries = reports.map((r) => summariseReport(r.name, r.report)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return {
    kind: 'page',
    status: 200,
    title: 'Simulations',
    description: 'Published simulation reports: detainer records run through the rules engine under the law and a counterfactual, as ranges, with small counts withheld.',
    nav: 'simulations',
    entry: null,
    body: <SimulationsPage reports={summaries} unreadable={unreadable} />,
    data: null,
    canonical: '/simulations',
  }
}

/**
 * Throws `not-found` unless `name` may name a report file (so `../x` never reaches the file system).
 *
 * @example
 * ```ts
 * checkReportName('pa-pierce') // ok
 * checkReportName('../etc')    // throws AppError not-found
 * ```
 */
export function checkReportName(name: string): void {
  if (!isReportName(name)) throw new AppError('not-found', `no simulation report "${name.slice(0, 80)}"`, { field: 'name' })
}

/**
 * The page of one report. `sectionsHtml` may be passed when the caller caches it (it is the
 * costly part: the charts are drawn in jsdom).
 *
 * @example
 * ```ts
 * simulationPage({ name: 'pa-pierce', report }, registryVersion)
 * ```
 */
export function simulationPage(published: PublishedReport, currentRegistryVersion: string, sectionsHtml?: string): PageResult {
  checkReportName(published.name)
  const summary = summariseReport(published.name, published.report)
  const html = sectionsHtml ?? renderReportSections(published.report)
  // the contents line names each section by its own heading (e.g. "Quarter by quarter" in a report by quarter)
  const sections = [...html.matchAll(/<section id="([a-z-]+)">\s*(?:<h2>([^<]*)<\/h2>)?/g)].map((m) => {
    const id = m[1] as string
    const heading = m[2]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim()
    return { id, label: heading || SECTION_LABELS[id] || id }
  })
  return {
    kind: 'page',
    status: 200,
    title: `${summary.title} — Simulations`,
    description: `A simulation report: ${summary.title}. Counts as ranges, small counts withheld.`,
    nav: 'simulations',
    entry: null,
    body: <SimulationPage summary={summary} sectionsHtml={html} sections={sections} currentRegistryVersion={currentRegistryVersion} />,
    data: null,
    canonical: `/simulations/${published.name}`,
  }
}

/**
 * The report as the simulator's self-contained HTML document (inline CSS and SVG, no script).
 *
 * @example
 * ```ts
 * reply.type('text/html').send(simulationDocument(published))
 * ```
 */
export function simulationDocument(published: PublishedReport): string {
  checkReportName(published.name)
  return renderReport(published.report)
}

/** The sections' markup of a report, for callers that cache it. @example `const html = simulationSections(report)` */
export function simulationSections(report: SimulationReport): string {
  return renderReportSections(report)
}
