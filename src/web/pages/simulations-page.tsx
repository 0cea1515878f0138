/**
 * The simulation pages: the list of published simulation reports (`/simulations`) and one report
 * (`/simulations/<name>`). Server-rendered, no script. Reports hold aggregates only, already
 * suppressed by the simulator; these pages print the numbers as published.
 */
import { percentText } from '../../simulator/report/model.ts'
import type { ScenarioSummary, SimulationSummary } from '../ssr/simulation-summary.ts'

const fmt = (n: number | null | undefined): string => (n === null || n === undefined ? 'withheld' : n.toLocaleString('en-US'))
const pct = (x: number | null): string => (x === null ? 'withheld' : percentText(x))
/** `part` as a share of `whole`, in brackets, or nothing when either is withheld. */
const ofWhole = (part: number | null | undefined, whole: number | null): string =>
  part === null || part === undefined || whole === null || whole === 0 ? '' : ` (${percentText(part / whole)})`

/**
 * What a scenario's range means, in plain words: the floor, the ceiling, how many records the
 * law's answer turns on a fact they lack, and what a wide range says. Only published numbers and
 * their ratios are printed.
 */
export function rangeReading(s: ScenarioSummary, records: number | null, held: string): string {
  const h = s.held
  if (!h) return `Under ${s.phrase}: no answers in this report.`
  if (h.lower === null || h.upper === null) return `Under ${s.phrase}: the count of records where ${held} is withheld.`
  const of = records === null ? ' records' : ` of the ${fmt(records)} records`
  if (h.lower === h.upper) return `Under ${s.phrase}: ${fmt(h.lower)}${of}${ofWhole(h.lower, records)} are ones where ${held}, and in the others the jail must not; the law decides every record.`
  const open = s.undetermined
  const wide = open !== null && records !== null && records > 0 && open / records > 0.5
  return (
    `Under ${s.phrase}: at least ${fmt(h.lower)}${of}${ofWhole(h.lower, records)} are ones where ${held}, and at most ${fmt(h.upper)}${ofWhole(h.upper, records)}. ` +
    (open === null
      ? 'For the records between the two numbers the answer turns on a fact the records do not hold.'
      : `For ${fmt(open)} record${open === 1 ? '' : 's'}${ofWhole(open, records)} the answer turns on a fact the records do not hold (such as a conviction of a listed kind, or a judge’s warrant), so ${open === 1 ? 'it' : 'they'} could fall either way.`) +
    (wide ? ' Most records lack the facts this law depends on, so the records cannot show what it would do; the range is not an estimate of uncertainty in the law.' : '')
  )
}

function Range(props: { held: SimulationSummary['scenarios'][number]['held'] }) {
  const h = props.held
  if (!h) return <>no answers in this report</>
  if (h.lower === null && h.upper === null) return <span class="withheld">withheld</span>
  if (h.lower === h.upper) return <>{fmt(h.lower)}</>
  return (
    <>
      {fmt(h.lower)} to {fmt(h.upper)}
    </>
  )
}

/** What a range and "withheld" mean, in plain words; shown on both pages. */
export function ReadingNote(props: { held: string }) {
  return (
    <div class="note-box">
      <p>
        <strong>Ranges.</strong> Records often lack a fact the law turns on, such as whether a judge signed a warrant. The rules engine then answers “undetermined” instead of
        guessing, so each count of records where {props.held} is a range: the lower number counts the undetermined records as not held, the higher number counts them as held.
      </p>
      <p>
        <strong>Withheld numbers.</strong> A count of 1 to 10 records is not shown, and neither is any count from which such a small count could be worked out by subtraction, so a
        “withheld” count may be large. The reports contain counts only; no individual record is published here.
      </p>
    </div>
  )
}

/**
 * The list of published reports.
 *
 * @example
 * ```tsx
 * <SimulationsPage reports={[summariseReport('pa-pierce', report)]} unreadable={[]} />
 * ```
 */
export function SimulationsPage(props: { reports: readonly SimulationSummary[]; unreadable: readonly string[] }) {
  return (
    <div>
      <h1>Simulations</h1>
      <p class="lede">
        Published runs of the simulator: real detainer records, each run through the rules engine to ask what the jail could do under the law in force on the record’s date in its
        place, and under a counterfactual — another jurisdiction’s law or a draft policy. Each report gives counts by jurisdiction and period, and explains its method.
      </p>
      <ReadingNote held="the jail may or must hold" />
      {props.reports.length === 0 ? <p>No simulation reports are published on this server.</p> : null}
      {props.reports.map((r) => (
        <section class="card sim-summary" key={r.name} aria-labelledby={`sim-${r.name}`}>
          <h2 id={`sim-${r.name}`}>
            <a href={`/simulations/${r.name}`}>{r.title}</a>
          </h2>
          <dl class="facts">
            <dt>Records</dt>
            <dd>
              {fmt(r.records)}
              {r.span ? ` detainers from ${r.span.first} to ${r.span.last}` : ''}
              {r.unlinked === null ? '; records not placed in a county: withheld' : r.unlinked > 0 ? `; ${fmt(r.unlinked)} could not be placed in a county${ofWhole(r.unlinked, r.records)}` : '; every record was placed in a county'}
            </dd>
            <dt>Sources</dt>
            <dd>
              {r.sources.map((s, i) => (
                <span key={s.source}>
                  {i > 0 ? '; ' : ''}
                  {s.label}: {fmt(s.records)} records, {fmt(s.linked)} placed in a county ({pct(s.matchRate)}){s.unlinked ? `, ${fmt(s.unlinked)} not placed` : ''}
                </span>
              ))}
            </dd>
            <dt>Question</dt>
            <dd>May, must or must not the jail {r.question}?</dd>
          </dl>
          <table class="narrow-table">
            <caption>Records where {r.held}, by scenario</caption>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col" class="num">
                  Range
                </th>
              </tr>
            </thead>
            <tbody>
              {r.scenarios.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.label}</th>
                  <td class="num">
                    <Range held={s.held} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="readings">
            <p>
              <strong>In plain words.</strong>
            </p>
            <ul>
              {r.scenarios.map((s) => (
                <li key={s.id}>{rangeReading(s, r.records, r.held)}</li>
              ))}
            </ul>
          </div>
          <p>
            <a href={`/simulations/${r.name}`}>Read the report</a> · <a href={`/simulations/${r.name}/report.html`}>self-contained HTML</a> ·{' '}
            <a href={`/simulations/${r.name}/report.json`}>JSON</a>
          </p>
        </section>
      ))}
      {props.unreadable.length > 0 ? (
        <p class="small muted">
          {props.unreadable.length} file{props.unreadable.length === 1 ? '' : 's'} in the reports folder could not be read as a simulation report and {props.unreadable.length === 1 ? 'is' : 'are'} not listed.
        </p>
      ) : null}
    </div>
  )
}

/**
 * One published report: a summary, what ranges and withheld numbers mean, links to the
 * self-contained HTML and the JSON, then the report's own sections (tables and charts).
 *
 * `sectionsHtml` is the simulator report module's markup (`renderReportSections`): every string
 * from the report is escaped there and its charts are SVGs drawn by Observable Plot; it holds no
 * script. It is the one place the site inserts markup it did not build with Preact.
 *
 * @example
 * ```tsx
 * <SimulationPage summary={summary} sectionsHtml={html} sections={[{ id: 'summary', label: 'Summary' }]} currentRegistryVersion="…" />
 * ```
 */
export function SimulationPage(props: {
  summary: SimulationSummary
  sectionsHtml: string
  /** The report's sections, in order, for the contents line. */
  sections: readonly { readonly id: string; readonly label: string }[]
  currentRegistryVersion: string
}) {
  const r = props.summary
  const stale = r.registryVersion !== props.currentRegistryVersion
  return (
    <div>
      <p class="small">
        <a href="/simulations">All simulations</a>
      </p>
      <h1>{r.title}</h1>
      <p class="lede">
        {r.records === null ? 'Detainer records' : `${fmt(r.records)} detainer records`}
        {r.span ? ` from ${r.span.first} to ${r.span.last}` : ''}, each run through the rules engine to ask whether the jail could {r.question}, under{' '}
        {r.scenarios.map((s, i) => (
          <span key={s.id}>
            {i > 0 ? (i === r.scenarios.length - 1 ? ' and under ' : ', ') : ''}
            {s.id === 'law' ? 'the law in force on each record’s date in its place' : s.label.replace(/^Counterfactual: /, '')}
          </span>
        ))}
        .
      </p>
      <ReadingNote held={r.held} />
      <ul class="readings">
        {r.scenarios.map((s) => (
          <li key={s.id}>{rangeReading(s, r.records, r.held)}</li>
        ))}
      </ul>
      <p>
        The same report as one self-contained page to save or print: <a href={`/simulations/${r.name}/report.html`}>report.html</a>; its published numbers as{' '}
        <a href={`/simulations/${r.name}/report.json`}>JSON</a>.
      </p>
      <p class="small muted">
        Simulated with engine <code>{r.engineVersion}</code> and registry <code>{r.registryVersion.slice(0, 12)}</code>
        {stale ? ` — the registry has changed since (it is now ${props.currentRegistryVersion.slice(0, 12)}); the report shows the law as recorded then.` : ' (the registry this site serves).'}
        {r.withheld === null ? '' : ` ${fmt(r.withheld)} numbers in the report are withheld.`}
      </p>
      <nav aria-label="Report sections" class="small">
        Sections:{' '}
        {props.sections.map((s, i) => (
          <span key={s.id}>
            {i > 0 ? ' · ' : ''}
            <a href={`#${s.id}`}>{s.label}</a>
          </span>
        ))}
      </nav>
      <div class="sim-report" dangerouslySetInnerHTML={{ __html: props.sectionsHtml }} />
    </div>
  )
}
