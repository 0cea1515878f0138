/**
 * The simulation report as a self-contained HTML page for a general reader: headline ranges per
 * scenario, law against practice, monthly series for the jurisdictions with most records, linking
 * match rates, and a plain-language method. Charts are Observable Plot SVGs drawn in jsdom.
 *
 * @example
 * ```ts
 * import { renderReport } from './simulator/report/index.ts'
 * await writeFile('report.html', renderReport(report))
 * ```
 */
export { renderReport, renderReportSections, esc, count, SUPPRESSED_TEXT, SUPPRESSED_NOTE, type RenderOptions } from './render.ts'
export { outcomeChart, monthlyChart, lawVsPracticeChart, linkingChart, COLOURS, type ChartOptions } from './charts.ts'
export { topJurisdictionSeries, monthSpan, share, percentText, fileName, jurisdictionName, ACTION_WORDS, type JurisdictionSeries, type SeriesPoint } from './model.ts'
export { readReportFile, parseReport } from './read.ts'
