/**
 * The simulation report as one self-contained HTML page: inline CSS, inline SVG charts, no script,
 * no external request (a Content-Security-Policy in the page forbids both). Written for a reader
 * who is not a lawyer or a statistician; neutral in voice. A suppressed count reads "withheld":
 * the report marks counts of 1–10 and the counts hidden to protect them (complementary
 * suppression) alike, so "fewer than 11" would be false for the latter.
 */
import { JSDOM } from 'jsdom'
import type { CounterfactualSpec, MaybePracticeCounts, MaybeScenarioCounts, Scenario, SimulationReport } from '../simulate/index.ts'
import { COLOURS, lawVsPracticeChart, linkingChart, monthlyChart, outcomeChart } from './charts.ts'
import { ACTION_WORDS, fileName, monthDate, monthSpan, percentText, scenarioTotals, share, topJurisdictionSeries } from './model.ts'

/**
 * What a suppressed count reads as. Not "fewer than 11": a `null` in the report is either a count
 * of 1–10 or a larger count hidden so that such a count cannot be worked out by subtraction, and
 * the report does not say which.
 */
export const SUPPRESSED_TEXT = 'withheld'

/** The one-line explanation shown wherever "withheld" first appears. */
export const SUPPRESSED_NOTE = '“Withheld” marks a count of 1 to 10 records, or a count hidden so that such a small count cannot be worked out from the numbers shown.'

/** Options of {@link renderReport}. */
export interface RenderOptions {
  /** How many jurisdictions get a monthly chart (default 12). */
  readonly topJurisdictions?: number
  /** The DOM to draw charts in; a fresh jsdom document by default. */
  readonly document?: Document
}

/**
 * Escapes text for HTML content and double-quoted attributes.
 *
 * @example
 * ```ts
 * esc('<b>"A & B"</b>') // '&lt;b&gt;&quot;A &amp; B&quot;&lt;/b&gt;'
 * ```
 */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

/**
 * A count for display: grouped digits, or "withheld" when suppressed (`null`).
 *
 * @example
 * ```ts
 * count(12345) // '12,345'
 * count(null)  // 'withheld'
 * ```
 */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? SUPPRESSED_TEXT : n.toLocaleString('en-US')
}

const percent = percentText

function cell(n: number | null | undefined): string {
  return n === null || n === undefined ? `<td class="num suppressed">${SUPPRESSED_TEXT}</td>` : `<td class="num">${count(n)}</td>`
}

function rangeCell(lower: number | null | undefined, upper: number | null | undefined): string {
  const cls = lower === null || lower === undefined || upper === null || upper === undefined ? 'num range suppressed' : 'num range'
  return `<td class="${cls}">${lower === upper ? count(lower) : `${count(lower)} to ${count(upper)}`}</td>`
}

function counterfactualText(spec: CounterfactualSpec): string {
  if (spec.kind === 'jurisdiction') {
    return `the law in force in ${esc(spec.jurisdictionName || spec.jurisdiction)} on ${esc(spec.date)}, applied to every record whatever its own place and date`
  }
  return `the policy in <code>${esc(fileName(spec.file))}</code> for ${esc(spec.jurisdictionName || spec.jurisdiction)}, ${spec.replaced ? 'in place of that jurisdiction’s law in the registry' : 'added to the registry'}, applied on each record’s own date and place`
}

function scenarioDescription(s: Scenario): string {
  return s.id === 'law' ? 'the law in force on each record’s date in its jurisdiction, as the registry records it' : counterfactualText(s.spec)
}

function headline(report: SimulationReport, s: Scenario, t: MaybeScenarioCounts | undefined): string {
  const words = ACTION_WORDS[report.action]
  const total = report.totals.records
  if (!t) return `<p><strong>${esc(s.label)}</strong>: no answers in this report.</p>`
  const { lower, upper } = t.held
  const of = total === null ? '' : ` of ${count(total)}`
  const pct = (n: number) => (total === null ? '' : ` (${percent(share(n, total))})`)
  const range =
    lower !== null && upper !== null
      ? lower === upper
        ? `<span class="big">${count(lower)}</span>${of}${pct(lower)}`
        : `between <span class="big">${count(lower)}</span> and <span class="big">${count(upper)}</span>${of}${total === null ? '' : ` (${percent(share(lower, total))} to ${percent(share(upper, total))})`}`
      : lower === null && upper === null
        ? `<span class="big withheld">${SUPPRESSED_TEXT}</span>`
        : `from ${count(lower)} to ${count(upper)}${of}`
  return `<div class="headline"><h3>${esc(s.label)}</h3>
<p class="scenario-desc">Under ${scenarioDescription(s)}:</p>
<p>Records where ${esc(words.held)}: ${range}.</p></div>`
}

function suppressedStats(report: SimulationReport): string {
  const stats = report.stats as SimulationReport['stats'] & { suppressed?: number; primarySuppressed?: number }
  if (typeof stats.suppressed !== 'number') return ''
  const small = typeof stats.primarySuppressed === 'number' ? ` (${stats.primarySuppressed.toLocaleString('en-US')} of them because they were 1 to 10 records)` : ''
  return ` In this report, ${stats.suppressed.toLocaleString('en-US')} numbers are withheld${small}.`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function outcomeFigure(report: SimulationReport, document: Document): string {
  const chart = outcomeChart(report, { document })
  if (!chart) return `<p class="withheld-list">No chart of shares: the total or every answer count is withheld.</p>`
  return `<figure>${chart}<figcaption>Share of all records by the engine’s answer. “Undetermined” records are the difference between the lower and upper bounds. A withheld count is left out of its bar.</figcaption></figure>`
}

function countsTable(report: SimulationReport): string {
  const rows = report.scenarios
    .map((s) => {
      const t = scenarioTotals(report, s.id)
      if (!t) return ''
      return `<tr><th scope="row">${esc(s.label)}</th>${cell(t.required)}${cell(t.permitted)}${cell(t.undetermined)}${cell(t.prohibited)}${rangeCell(t.held.lower, t.held.upper)}</tr>`
    })
    .join('\n')
  return `<table>
<caption>Records by answer, per scenario (${report.totals.records === null ? 'all records' : `all ${count(report.totals.records)} records`}, unlinked included)</caption>
<thead><tr><th scope="col">Scenario</th><th scope="col" class="num">Required</th><th scope="col" class="num">Permitted</th><th scope="col" class="num">Undetermined</th><th scope="col" class="num">Prohibited</th><th scope="col" class="num">May or must (range)</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
}

function practiceTable(p: MaybePracticeCounts): string {
  const labels: Array<[keyof MaybePracticeCounts, string]> = [
    ['honored', 'Honored, or released to ICE custody'],
    ['declined', 'Declined by the jail or prison'],
    ['released', 'Released from local custody otherwise'],
    ['other', 'Transferred, lifted by ICE, or other'],
    ['unknown', 'Not recorded'],
  ]
  return `<table class="narrow">
<caption>What the records say happened (sources that record it)</caption>
<thead><tr><th scope="col">Outcome</th><th scope="col" class="num">Records</th></tr></thead>
<tbody>
${labels.map(([k, label]) => `<tr><th scope="row">${label}</th>${cell(p[k])}</tr>`).join('\n')}
</tbody></table>`
}

function lawVsPracticeSection(report: SimulationReport, document: Document): string {
  const rows = report.lawVsPractice
  const practice = report.totals.practice
  if (rows.length === 0 && !practice) return ''
  const words = ACTION_WORDS[report.action]
  const chart = lawVsPracticeChart(report, { document })
  const withheld = (r: (typeof rows)[number]) => r.records === null && r.lawHeld.lower === null && r.lawHeld.upper === null && r.practiceHonored === null && r.practiceDeclined === null
  const shown = [...rows].filter((r) => !withheld(r)).sort((a, b) => (b.records ?? 0) - (a.records ?? 0) || (a.name < b.name ? -1 : 1))
  const hidden = rows.filter(withheld).map((r) => r.name || r.jurisdiction).sort()
  const table = shown.length
    ? `<table>
<caption>Law and practice by jurisdiction (all months)</caption>
<thead><tr><th scope="col">Jurisdiction</th><th scope="col" class="num">Records</th><th scope="col" class="num">Law: may or must (range)</th><th scope="col" class="num">Honored (records)</th><th scope="col" class="num">Declined (records)</th></tr></thead>
<tbody>
${shown.map((r) => `<tr><th scope="row">${esc(r.name || r.jurisdiction)}</th>${cell(r.records)}${rangeCell(r.lawHeld.lower, r.lawHeld.upper)}${cell(r.practiceHonored)}${cell(r.practiceDeclined)}</tr>`).join('\n')}
</tbody></table>`
    : ''
  const hiddenList = hidden.length
    ? `<p class="withheld-list">Every number withheld for ${hidden.length} more jurisdiction${hidden.length === 1 ? '' : 's'}: ${hidden.map(esc).join('; ')}.</p>`
    : ''
  return `<section id="practice">
<h2>Law and practice</h2>
<p>Some sources record what happened to each detainer: Pennsylvania’s records give the reason a detainer was lifted (including “Detainer Declined by LEA”), and Pierce County’s bookings record releases to immigration custody. For those records the report sets what the law allowed next to what was recorded. “Honored” counts detainers the records show as honored or ending in a transfer to ICE custody; the law’s range counts records where ${esc(words.held)}.</p>
${practice ? practiceTable(practice) : ''}
${chart ? `<figure>${chart}<figcaption>Bars: share of each jurisdiction’s records where ${esc(words.held)}, from the lower to the upper bound. Dots: share recorded as honored. Jurisdictions with a suppressed total are left out of the chart.</figcaption></figure>` : ''}
${table}
${hiddenList}
</section>`
}

function legend(report: SimulationReport): string {
  const items = [`<span class="swatch line" style="border-color:${COLOURS.records}"></span>records`]
  for (const s of report.scenarios) {
    const colour = s.id === 'law' ? COLOURS.law : COLOURS.counterfactual
    const swatch = s.id === 'law' ? `<span class="swatch" style="background:${colour};opacity:.45"></span>` : `<span class="swatch line dashed" style="border-color:${colour}"></span>`
    items.push(`${swatch}${esc(s.label)}`)
  }
  items.push(`<span class="times">×</span> ${report.period === 'quarter' || report.period === 'year' ? report.period : 'month'} whose count is withheld (not drawn)`)
  return `<p class="legend">${items.map((i) => `<span class="item">${i}</span>`).join('')}</p>`
}

/** The time-series heading per cell period (`all` has no series, hence no section). */
const PERIOD_HEADING = { month: 'Month by month', quarter: 'Quarter by quarter', year: 'Year by year', all: 'Month by month' } as const

function monthlySection(report: SimulationReport, document: Document, top: number): string {
  const series = topJurisdictionSeries(report, top)
  const span = monthSpan(report)
  if (series.length === 0 || !span) return ''
  const domain: [Date, Date] = [monthDate(span.first), monthDate(span.last)]
  const charts = series
    .map((s) => `<figure class="small">${monthlyChart(s, report, domain, { document })}<figcaption>${esc(s.name)}</figcaption></figure>`)
    .join('\n')
  return `<section id="monthly">
<h2>${PERIOD_HEADING[report.period ?? 'month']}</h2>
<p>The ${series.length} jurisdictions with the most records, by ${report.period === 'quarter' || report.period === 'year' ? report.period : 'month'} from ${esc(span.first)} to ${esc(span.last)}. Each chart has its own vertical scale. The grey line is the number of records. The blue band runs from the lower to the upper bound of the records where ${esc(ACTION_WORDS[report.action].held)} under the law as enacted${report.scenarios.length > 1 ? '; the dashed orange lines are the same bounds under the counterfactual' : ''}. Where a bound equals the number of records, its line covers the grey one. Gaps are ${report.period === 'quarter' || report.period === 'year' ? `${report.period}s` : 'months'} with no records in the data or with a withheld count.</p>
${legend(report)}
<div class="grid">
${charts}
</div>
</section>`
}

function linkingSection(report: SimulationReport, document: Document): string {
  const chart = linkingChart(report, { document })
  const rows = report.linking
    .map((l) => `<tr><th scope="row">${esc(l.source)}</th>${cell(l.records)}${cell(l.linked)}${cell(l.unlinked)}<td class="num">${percent(l.matchRate)}</td></tr>`)
    .join('\n')
  return `<section id="linking">
<h2>Placing records in a county</h2>
<p>A record can be simulated under local law only if it can be placed in a county (and, for a city jail, a city). The importers link each record through its facility code, the jail named in it, the agency, or a county name, using public crosswalk tables. Records that cannot be placed are kept as “unlinked”: they stay in every total and are evaluated under the law that applies wherever they were lodged, as far as it is known. ${unlinkedSentence(report)}</p>
${chart ? `<figure>${chart}<figcaption>Share of each source’s records linked to a county.</figcaption></figure>` : ''}
<table>
<caption>Match rate by source</caption>
<thead><tr><th scope="col">Source</th><th scope="col" class="num">Records</th><th scope="col" class="num">Linked to a county</th><th scope="col" class="num">Unlinked</th><th scope="col" class="num">Match rate</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`
}

function unlinkedSentence(report: SimulationReport): string {
  const { unlinked, records } = report.totals
  if (unlinked === null) return 'In this report, the number of unlinked records is withheld.'
  return records === null ? `In this report, ${count(unlinked)} records are unlinked.` : `In this report, ${count(unlinked)} of ${count(records)} records are unlinked.`
}

function methodSection(report: SimulationReport): string {
  const words = ACTION_WORDS[report.action]
  return `<section id="method">
<h2>How this was calculated</h2>
<p><strong>Each record is one detainer</strong> that ICE lodged with a jail or prison. For each record, the rules engine answers one question: may, must, or must not the jail ${esc(words.question)}? It answers from the laws in the registry — federal, state, county and city — that were in force on the record’s date in the record’s place, and from the facts the record holds (the date, the kind of custody, the detainer form, convictions and pending charges when the source gives them).</p>
<p><strong>Scenarios.</strong> “${esc(report.scenarios[0]?.label ?? 'Law')}” applies ${scenarioDescription(report.scenarios[0] ?? { id: 'law', label: 'Law' })}. ${report.scenarios
    .filter((s) => s.id !== 'law')
    .map((s) => `“${esc(s.label)}” applies ${scenarioDescription(s)}.`)
    .join(' ')}</p>
<p><strong>Ranges, not single numbers.</strong> Many records lack a fact the law turns on — for example, whether the person had a conviction of a listed kind, or whether a judge signed a warrant. The engine then answers “undetermined” rather than guess. Every total is therefore a range: the lower bound counts the undetermined records as if ${esc(words.notHeld)}, the upper bound as if ${esc(words.held)}. If the registry states the law correctly, the true count lies inside the range. A wide range means the records do not hold the facts needed to decide.</p>
<p><strong>Unknown facts are never filled in.</strong> A record that does not say something is treated as not knowing it; no value is imputed from other records.</p>
<p><strong>Small numbers are hidden.</strong> To protect the people in the records, no count of 1 to 10 records is shown: the report says “${SUPPRESSED_TEXT}” instead, and leaves such months out of the charts. Where a small count could be worked out by subtracting published numbers from a total or from other counts, those counts are withheld too, so a “${SUPPRESSED_TEXT}” count may be large. The report contains only counts, never a single record.${suppressedStats(report)}</p>
<p><strong>Unlinked records</strong> (records that could not be placed in a county) are counted in every total and shown as their own row; they cannot be evaluated under county or city law.</p>
<p><strong>Limits.</strong> The registry covers a set of jurisdictions; a county or city without a registry file is evaluated under state and federal law only. The records are public releases with gaps and their own coding, and one person can have several detainers: a count here is a count of records, not of people.</p>
<p class="meta">Engine ${esc(report.engineVersion)}, registry ${esc(report.registryVersion)}. Smallest published count: ${esc(String(report.minCell))}. ${report.stats.distinctCombinations.toLocaleString('en-US')} distinct combinations of facts evaluated.</p>
</section>`
}

function inputsSection(report: SimulationReport): string {
  return `<section id="inputs">
<h2>Inputs</h2>
<table class="narrow">
<caption>Files simulated</caption>
<thead><tr><th scope="col">File</th><th scope="col" class="num">Records</th></tr></thead>
<tbody>
${report.inputs.map((i) => `<tr><td><code>${esc(fileName(i.file))}</code></td>${cell(i.records)}</tr>`).join('\n')}
</tbody></table>
</section>`
}

const CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5a5a5f; --rule: #d8d8dc; --bg: #ffffff; --band: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 28px 22px 60px; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3em; }
h2 { font-size: 1.35rem; margin: 2.2em 0 .5em; padding-top: .6em; border-top: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 0 0 .2em; }
p { max-width: 72ch; }
.lede { color: var(--muted); margin-top: 0; }
.headlines { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 14px; margin: 18px 0; }
.headline { background: var(--band); border-radius: 8px; padding: 14px 16px; }
.headline p { margin: .3em 0; }
.scenario-desc { color: var(--muted); font-size: .92rem; }
.big { font-size: 1.35rem; font-weight: 700; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; margin: 14px 0 22px; width: 100%; font-size: .92rem; }
.table-wrap { overflow-x: auto; }
tbody th[scope=row] { min-width: 11em; }
table.narrow { width: auto; min-width: 420px; }
caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.suppressed { color: var(--muted); font-style: italic; }
figure { margin: 16px 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .88rem; margin-top: 4px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 8px 18px; }
figure.small { margin: 6px 0; }
figure.small figcaption { color: var(--ink); font-weight: 600; margin: 0 0 2px; order: -1; }
figure.small { display: flex; flex-direction: column; }
.legend { font-size: .88rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 18px; }
.legend span.item { white-space: nowrap; }
.swatch { display: inline-block; width: 14px; height: 10px; vertical-align: middle; margin-right: 3px; }
.swatch.line { height: 0; border-top: 2px solid; }
.swatch.dashed { border-top-style: dashed; }
.times { color: ${COLOURS.suppressed}; font-weight: 700; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; word-break: break-all; }
.meta { color: var(--muted); font-size: .85rem; }
.withheld { color: var(--muted); font-style: italic; font-weight: 600; }
.withheld-list { color: var(--muted); font-size: .88rem; }
nav { font-size: .9rem; color: var(--muted); }
nav a { color: inherit; }
@media print { h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
`

/**
 * Renders a simulation report as a self-contained HTML page (no script, no external request).
 * Charts are Observable Plot SVGs drawn in jsdom.
 *
 * @example
 * ```ts
 * await writeFile('report.html', renderReport(report))
 * ```
 */
export function renderReport(report: SimulationReport, options: RenderOptions = {}): string {
  const document = options.document ?? new JSDOM('<!doctype html><html><body></body></html>').window.document
  const words = ACTION_WORDS[report.action]
  const span = monthSpan(report)
  const sections = renderReportSections(report, { ...options, document })
  const title = `Simulation: ${words.title} under the law and a counterfactual`
  const hasPractice = report.lawVsPractice.length > 0 || report.totals.practice !== null
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${esc(capitalise(words.title))}: what the law allowed, record by record</h1>
<p class="lede">${report.totals.records === null ? 'Detainer records' : `${count(report.totals.records)} detainer records`}${span ? ` from ${esc(span.first)} to ${esc(span.last)}` : ''}, each run through the Sanctuary Atlas rules engine to ask whether the jail could ${esc(words.question)}. Counts are ranges because records often lack facts the law depends on. ${SUPPRESSED_NOTE}</p>
<nav>Contents: <a href="#summary">Summary</a> · ${hasPractice ? '<a href="#practice">Law and practice</a> · ' : ''}${span ? `<a href="#monthly">${PERIOD_HEADING[report.period ?? 'month']}</a> · ` : ''}<a href="#linking">Placing records</a> · <a href="#method">How this was calculated</a></nav>
${sections}
</main>
</body>
</html>
`
  return page
}

/**
 * The report's sections without the document around them (summary, law and practice, month by
 * month, linking, method, inputs), as HTML: every text from the report is escaped, charts are
 * Observable Plot SVGs (with their own inline `<style>`), and there is no script. For embedding the
 * report in another page (the web app's simulation page); {@link renderReport} wraps the same
 * sections in a self-contained document. Section ids and classes are those of the report's CSS.
 *
 * @example
 * ```ts
 * const html = renderReportSections(report) // '<section id="summary">…'
 * ```
 */
export function renderReportSections(report: SimulationReport, options: RenderOptions = {}): string {
  const document = options.document ?? new JSDOM('<!doctype html><html><body></body></html>').window.document
  const headlines = report.scenarios.map((s) => headline(report, s, scenarioTotals(report, s.id))).join('\n')
  const html = `<section id="summary">
<h2>Summary</h2>
<div class="headlines">
${headlines}
</div>
${outcomeFigure(report, document)}
${countsTable(report)}
</section>
${lawVsPracticeSection(report, document)}
${monthlySection(report, document, options.topJurisdictions ?? 12)}
${linkingSection(report, document)}
${methodSection(report)}
${inputsSection(report)}
`
  // every table scrolls sideways on a narrow screen instead of widening the page
  return html.replace(/<table([\s\S]*?)<\/table>/g, '<div class="table-wrap"><table$1</table></div>')
}
