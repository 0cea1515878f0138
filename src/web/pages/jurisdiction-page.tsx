/**
 * A jurisdiction's page, at a stable URL per OCD ID: what the law says on a date for each
 * question (the engine's answers for each case template, with citations), the provisions in force
 * from every layer that reaches it, what the layers above override, a timeline of its enactments,
 * and every enactment and provision with its quoted sources, confidence and disagreements. A
 * county with no file gets the same page from the state and federal law that reach it. Rendered
 * on the server; the browser adds only the timeline chart.
 */
import { encodeCase } from '../shared/case-url.ts'
import { WhoDecidesSection, type WhoDecidesView } from '../components/who-decides.tsx'
import { ContactSection } from '../components/contact.tsx'
import type { JurisdictionFederal } from '../../core/federal/index.ts'
import { FederalSection } from '../components/federal.tsx'
import type { Answer } from '../../core/engine/index.ts'
import { missingFactWords, ValueBadge } from '../components/answer.tsx'
import { ACTION_WORDS, Disagreements, EnactmentBlock, SourceQuote, type SourceJson, type EnactmentJson, type ProvisionJson } from '../components/provision.tsx'
import type { Timeline } from '../components/timeline.ts'
import { answerSentence, dateWords, jurisdictionPath, LAYER_LABELS, QUESTION_IDS, QUESTION_LABELS, type AnswerValue, type DecidingLayer, type QuestionId } from '../shared/words.ts'

/** One dated search that found no law, as the page shows it. */
export interface SearchView {
  readonly on: string
  readonly actions: readonly string[]
  readonly searched: string
  readonly found: string
  readonly sources: readonly SourceJson[]
}

export interface LayerView {
  readonly layer: string
  readonly jurisdiction: string | null
  readonly name: string | null
  readonly inRegistry: boolean
  readonly note: string | null
}

export interface InForceProvision {
  readonly provision: string
  readonly enactment: string
  readonly title: string
  readonly citation: string | null
  readonly jurisdiction: string
  readonly layer: string
  readonly action: string
  readonly effect: string
  readonly summary: string
  readonly inForce: 'yes' | 'unknown'
  readonly maxHours: number | null
  readonly confidence: string
  readonly overridesLocal: boolean
  readonly url: string
  readonly quote: string
}

export interface OverrideView {
  readonly question: QuestionId
  readonly templates: readonly string[]
  readonly lower: { readonly provision: string; readonly jurisdiction: string; readonly layer: string; readonly summary: string }
  readonly by: readonly { readonly provision: string; readonly jurisdiction: string; readonly layer: string; readonly summary: string }[]
}

export interface JurisdictionPageProps {
  /** The federal view (lists, conditions, rulings, money), when federal data is loaded. */
  readonly federal?: JurisdictionFederal | null
  readonly today: string
  readonly date: string
  readonly j: {
    readonly id: string
    readonly name: string
    readonly level: string
    readonly state: string | null
    readonly inRegistry: boolean
    readonly consolidated: boolean
    readonly aliases: readonly string[]
    readonly confidence: string | null
    readonly confidenceNote: string | null
    readonly geoid: string | null
    readonly note: string | null
    readonly jailCounty: { readonly id: string; readonly name: string } | { readonly unknown: string } | null
    readonly notes: readonly string[]
    readonly disagreements: readonly ProvisionJson['disagreements'][number][]
    readonly unknowns: readonly { readonly field: string; readonly reason: string }[]
    /** Dated research that looked for law on some actions and found none. */
    readonly searches: readonly SearchView[]
  }
  readonly layers: readonly LayerView[]
  readonly custody: 'county-jail' | 'city-jail'
  readonly answers: readonly {
    readonly template: { readonly id: string; readonly label: string }
    readonly answers: Readonly<Record<QuestionId, Answer>>
    /** The case the template means here (the same the map answers), for the evaluator link. */
    readonly case?: unknown
    /** The template's assumed facts in words, e.g. "no reimbursement agreement". */
    readonly assumes?: string
  }[]
  readonly inForce: readonly { readonly action: string; readonly provisions: readonly InForceProvision[] }[]
  readonly overrides: readonly OverrideView[]
  readonly places: readonly { readonly jurisdiction: string; readonly name: string }[]
  /**
   * For a county or state: cities of its state with their own law whose jail county the registry
   * does not record; `namesThisCounty` when the city's registry entry names this county (by GEOID).
   */
  readonly unplaced: readonly { readonly jurisdiction: string; readonly name: string; readonly reason: string | null; readonly namesThisCounty: boolean }[]
  readonly enactments: readonly EnactmentJson[]
  /** Enactment and provision ids → the titles readers know them by; pages never print an id. */
  readonly names: Readonly<Record<string, string>>
  readonly timeline: Timeline
  /** Who applies and who can change the rules here, from the officials directory. */
  readonly whoDecides: WhoDecidesView
}

const LEVEL_WORDS: Record<string, string> = { country: 'Country', state: 'State', district: 'District', county: 'County', place: 'City' }
const OWN_LAYER: Record<string, string> = { country: 'federal', state: 'state', district: 'state', county: 'county', place: 'place' }
const EFFECT_WORDS: Record<string, string> = { prohibit: 'prohibits', permit: 'permits', require: 'requires', limit: 'permits only under conditions' }

function layerWord(layer: string): string {
  return LAYER_LABELS[layer as DecidingLayer] ?? layer
}

function AnswersSection(props: JurisdictionPageProps) {
  const linkDate = props.date === props.today ? undefined : props.date
  return (
    <section aria-labelledby="answers-title">
      <h2 id="answers-title">What the law says on {dateWords(props.date)}</h2>
      <p class="muted">
        The engine's answers for a person held in {props.custody === 'city-jail' ? "the city's jail" : 'a county jail'} on an ICE detainer, for four sets of facts.
        {props.custody === 'city-jail' ? ' A person booked into the county jail is governed by the county’s law; see the county’s page.' : ''}
      </p>
      {QUESTION_IDS.map((q) => (
        <div class="table-scroll" key={q}>
          <table class="answers-grid" role="table">
            <caption>{QUESTION_LABELS[q]}</caption>
            {/* The same column widths in each question's table, whatever their contents. */}
            <colgroup>
              <col class="col-case" />
              <col class="col-answer" />
              <col class="col-words" />
              <col class="col-by" />
            </colgroup>
            <thead>
              <tr role="row">
                <th scope="col" role="columnheader">
                  Case
                </th>
                <th scope="col" role="columnheader">
                  Answer
                </th>
                <th scope="col" role="columnheader">
                  In plain words
                </th>
                <th scope="col" role="columnheader">
                  Decided by
                </th>
              </tr>
            </thead>
            <tbody>
              {props.answers.map((a) => {
                const ans = a.answers[q]
                return (
                  <tr key={a.template.id} role="row">
                    <th scope="row" role="rowheader">
                      {a.template.label}
                      {a.assumes ? <span class="small muted"> Assumes: {a.assumes}.</span> : null}
                      {a.case ? (
                        <>
                          {' '}
                          <a class="small" href={`/evaluate?case=${encodeCase(a.case)}`}>
                            Open in the evaluator
                          </a>
                        </>
                      ) : null}
                    </th>
                    <td role="cell" data-label="Answer">
                      <ValueBadge value={ans.value as AnswerValue} />
                    </td>
                    <td role="cell" data-label="In plain words">
                      {answerSentence(q, ans.value as AnswerValue, ans.maxHours)}
                      {ans.basis === 'default' ? ' No provision in the registry addresses it.' : ''}
                      {ans.missing.length ? ` It depends on: ${ans.missing.map((m) => missingFactWords(m, props.names)).join('; ')}.` : ''}
                      {ans.conditional ? <span class="conditional"> {ans.conditional.text}.</span> : null}
                      {ans.conflict ? ` Provisions conflict: ${ans.conflict.between.map((id) => props.names[id] ?? 'a provision').join('; ')}.` : ''}
                    </td>
                    <td role="cell" data-label="Decided by">
                      {ans.citations.length === 0 ? (
                        '—'
                      ) : (
                        <ul class="citations">
                          {ans.citations.map((c) => (
                            <li key={c.provision}>
                              <a href={`${jurisdictionPath(c.jurisdiction, linkDate)}#provision-${c.provision}`}>{c.title}</a> <span class="tag">{layerWord(c.layer)}</span>
                              {c.citation ? <span class="small"> {c.citation}</span> : null}{' '}
                              <a class="small" href={c.url} rel="noopener noreferrer">
                                source
                              </a>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  )
}

function InForceSection(props: JurisdictionPageProps) {
  const linkDate = props.date === props.today ? undefined : props.date
  return (
    <section aria-labelledby="in-force-title">
      <h2 id="in-force-title">Provisions in force on {dateWords(props.date)}</h2>
      <p class="muted">From every layer of law that reaches {props.j.name}, by what they govern.</p>
      {props.inForce.length === 0 ? <p>No provision in the registry is in force here on this date.</p> : null}
      {props.inForce.map((group) => (
        <div key={group.action}>
          <h3>{ACTION_WORDS[group.action] ?? group.action}</h3>
          <ul class="citations">
            {group.provisions.map((p) => (
              <li key={p.provision}>
                <span class="tag">{layerWord(p.layer)}</span> <strong>{p.title}</strong> {EFFECT_WORDS[p.effect] ?? p.effect}
                {p.maxHours !== null ? ` (at most ${p.maxHours} hours)` : ''}: {p.summary}{' '}
                {p.inForce === 'unknown' ? <em>Whether it is in force on this date is not known (a date the sources give only in part).</em> : null}
                {p.overridesLocal ? <em> Overrides contrary local rules.</em> : null}
                <br />
                <span class="small">
                  {p.citation ? `${p.citation} · ` : ''}confidence {p.confidence} ·{' '}
                  <a href={`${jurisdictionPath(p.jurisdiction, linkDate)}#provision-${p.provision}`}>the provision in full</a> ·{' '}
                  <a href={p.url} rel="noopener noreferrer">
                    source
                  </a>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  )
}

function LayersSection(props: JurisdictionPageProps) {
  const linkDate = props.date === props.today ? undefined : props.date
  const own = props.j.id
  const preempting = props.inForce.flatMap((g) => g.provisions).filter((p) => p.overridesLocal && p.jurisdiction !== own)
  return (
    <section aria-labelledby="layers-title">
      <h2 id="layers-title">Layers of law</h2>
      <p class="muted">Federal law, then the state's, then the local layer: a lower layer may narrow what a higher one permits, but not lift what it prohibits or requires.</p>
      <ol class="layer-list">
        {props.layers.map((l) => (
          <li key={l.layer}>
            <strong>{layerWord(l.layer)}:</strong>{' '}
            {l.jurisdiction && l.jurisdiction !== own ? <a href={jurisdictionPath(l.jurisdiction, linkDate)}>{l.name ?? l.jurisdiction}</a> : (l.name ?? 'not identified')}
            {l.inRegistry ? '' : ' — no file in the registry'}
            {l.note && !l.inRegistry && l.note !== 'no file in the registry' ? ` (${l.note})` : ''}
          </li>
        ))}
      </ol>
      {props.places.length > 0 ? (
        <p>
          Cities whose jail is this county's and that have their own law:{' '}
          {props.places.map((p, i) => (
            <span key={p.jurisdiction}>
              {i > 0 ? ', ' : ''}
              <a href={jurisdictionPath(p.jurisdiction, linkDate)}>{p.name}</a>
            </span>
          ))}
          .
        </p>
      ) : null}
      <UnplacedCities {...props} linkDate={linkDate} />
      <h3>What the layers above override</h3>
      {preempting.length === 0 && props.overrides.length === 0 ? <p>On this date no provision of a higher layer overrides a local rule here, for the questions the engine answers.</p> : null}
      {preempting.length > 0 ? (
        <ul>
          {preempting.map((p) => (
            <li key={p.provision}>
              <span class="tag">{layerWord(p.layer)}</span> {p.title} ({(ACTION_WORDS[p.action] ?? p.action).toLowerCase()}) overrides contrary local rules: {p.summary}
            </li>
          ))}
        </ul>
      ) : null}
      {props.overrides.length > 0 ? (
        <ul>
          {props.overrides.map((o) => (
            <li key={`${o.question}-${o.lower.provision}`}>
              {QUESTION_LABELS[o.question]}: the {layerWord(o.lower.layer).toLowerCase()} provision of <em>{props.names[o.lower.provision] ?? 'a local enactment'}</em> ({o.lower.summary}) is overridden by{' '}
              {o.by.map((b, i) => (
                <span key={b.provision}>
                  {i > 0 ? ' and ' : ''}
                  <em>{props.names[b.provision] ?? 'a provision above'}</em> ({layerWord(b.layer).toLowerCase()})
                </span>
              ))}{' '}
              <span class="small muted">for: {o.templates.join('; ')}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}

/** Cities with their own law whose jail county is not recorded: those the registry names here first, then the others of the state. */
function UnplacedCities(props: JurisdictionPageProps & { linkDate: string | undefined }) {
  const here = props.unplaced.filter((c) => c.namesThisCounty)
  const elsewhere = props.unplaced.filter((c) => !c.namesThisCounty)
  if (props.unplaced.length === 0) return null
  const link = (c: (typeof props.unplaced)[number]) => <a href={jurisdictionPath(c.jurisdiction, props.linkDate)}>{c.name}</a>
  return (
    <div class="note-box">
      {here.length > 0 ? (
        <>
          <p>
            <strong>
              {here.length === 1 ? 'A city with its own law lies partly in this county' : 'Cities with their own law lie partly in this county'}, but the registry does not record
              which county's jail holds {here.length === 1 ? 'its' : 'their'} arrestees
            </strong>
            . The answers above are for the county's own jail; {here.length === 1 ? "the city's law is on its page" : "each city's law is on its page"}.
          </p>
          <ul>
            {here.map((c) => (
              <li key={c.jurisdiction}>
                {link(c)}
                {c.reason ? <span class="small muted"> — {c.reason}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {elsewhere.length > 0 ? (
        <p>
          {here.length > 0 ? 'Elsewhere in the state, ' : props.j.level === 'county' ? 'In this county’s state, ' : 'In this state, '}
          {elsewhere.length === 1 ? 'a city with its own law has no recorded jail county: ' : 'cities with their own law have no recorded jail county: '}
          {elsewhere.map((c, i) => (
            <span key={c.jurisdiction}>
              {i > 0 ? ', ' : ''}
              {link(c)}
            </span>
          ))}
          .
        </p>
      ) : null}
    </div>
  )
}

function TimelineSection(props: JurisdictionPageProps) {
  const t = props.timeline
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline of enactments</h2>
      <p class="muted">{props.j.name}’s own enactments and those of the layers above it whose provisions the engine applies here.</p>
      {t.events.length === 0 ? (
        <p>The registry has no enactments that apply to {props.j.name}.</p>
      ) : (
        <>
          <div id="timeline-chart" class="timeline-chart" />
          <div class="table-scroll">
            <table class="timeline-table stack-on-phone">
              <caption>Events, in order (dates the sources do not give come last)</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Enactment</th>
                  <th scope="col">Layer</th>
                  <th scope="col">Event</th>
                </tr>
              </thead>
              <tbody>
                {t.events.map((e, i) => (
                  <tr key={i}>
                    <td data-label="Date">{e.date ? dateWords(e.date) : 'Not known'}</td>
                    <td data-label="Enactment">
                      <a href={e.from ? `${jurisdictionPath(e.from.jurisdiction)}#enactment-${e.enactment}` : `#enactment-${e.enactment}`}>{e.title}</a>
                    </td>
                    <td data-label="Layer">{e.from ? `${layerWord(e.from.layer)} (${e.from.name})` : layerWord(OWN_LAYER[props.j.level] ?? props.j.level)}</td>
                    <td data-label="Event">{e.what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

/**
 * @example
 * ```tsx
 * <JurisdictionPage {...jurisdictionPageData(ctx, 'ocd-division/country:us/state:il/county:cook', '2019-01-01')} />
 * ```
 */
export function JurisdictionPage(props: JurisdictionPageProps) {
  const { j } = props
  return (
    <div>
      <p class="small muted">
        {LEVEL_WORDS[j.level] ?? j.level}
        {j.consolidated ? ' (consolidated city-county)' : ''}
        {j.state ? ` · ${j.state}` : ''} · <code>{j.id}</code>
        {j.geoid ? ` · Census GEOID ${j.geoid}` : ''}
      </p>
      <h1>{j.name}</h1>
      {j.aliases.length ? <p class="muted">Also known as: {j.aliases.join('; ')}</p> : null}
      {j.inRegistry ? (
        <p>
          Registry confidence: <strong>{j.confidence}</strong>
          {j.confidenceNote ? ` — ${j.confidenceNote}` : ''}
        </p>
      ) : (
        <p class="card">{j.note}</p>
      )}
      {j.jailCounty ? (
        <p>
          Jail: {'id' in j.jailCounty ? <a href={jurisdictionPath(j.jailCounty.id)}>{j.jailCounty.name}</a> : `unknown (${j.jailCounty.unknown})`}
        </p>
      ) : null}
      <form method="get" action={jurisdictionPath(j.id)} class="controls inline" aria-label="Date">
        <div class="field">
          <label for="as-of">As of</label>
          <input id="as-of" type="date" name="date" value={props.date} max="2100-12-31" required />
        </div>
        <div class="field">
          <button type="submit">Show</button>
        </div>
        {props.date !== props.today ? (
          <p class="small">
            <a href={jurisdictionPath(j.id)}>Show today ({dateWords(props.today)})</a>
          </p>
        ) : null}
      </form>
      <nav aria-label="On this page" class="small">
        <p>
          On this page: <a href="#answers-title">answers</a> · <a href="#who-decides-title">who decides</a> · {props.whoDecides.kind === 'shown' ? <><a href="#contact-title">contact</a> · </> : null}<a href="#in-force-title">provisions in force</a> · <a href="#layers-title">layers</a> ·{' '}
          <a href="#timeline-title">timeline</a> · <a href="#enactments-title">enactments and sources</a> ·{' '}
          <a href={`/compare?ids=${encodeURIComponent(j.id)}`}>compare with others</a> · <a href={`/evaluate?jurisdiction=${encodeURIComponent(j.id)}&date=${props.date}`}>evaluate a case here</a>
        </p>
      </nav>
      <p class="small no-print">
        <a href={`${jurisdictionPath(j.id)}?${new URLSearchParams({ ...(props.date === props.today ? {} : { date: props.date }), format: 'pdf' }).toString()}`} type="application/pdf">
          This page as PDF
        </a>{' '}
        (the answers, the provisions with their quotes and every source address; printing the page gives the same without navigation)
      </p>
      <AnswersSection {...props} />
      <WhoDecidesSection view={props.whoDecides} />
      <ContactSection view={props.whoDecides} {...(props.date === props.today ? {} : { date: props.date })} />
      <InForceSection {...props} />
      <LayersSection {...props} />
      <TimelineSection {...props} />
      {props.federal ? <FederalSection f={props.federal} /> : null}
      <section aria-labelledby="enactments-title">
        <h2 id="enactments-title">Enactments and sources</h2>
        {props.enactments.length === 0 ? (
          <p>
            The registry has no file for {j.name}. The law that reaches it is in the files of the layers above:{' '}
            {props.layers
              .filter((l) => l.inRegistry && l.jurisdiction && l.jurisdiction !== j.id)
              .map((l, i) => (
                <span key={l.layer}>
                  {i > 0 ? ', ' : ''}
                  <a href={jurisdictionPath(l.jurisdiction!)}>{l.name}</a>
                </span>
              ))}
            .
          </p>
        ) : (
          props.enactments.map((e) => <EnactmentBlock key={e.id} enactment={e} names={props.names} />)
        )}
      </section>
      {j.searches.length ? <SearchesSection searches={j.searches} /> : null}
      {j.disagreements.length || j.unknowns.length || j.notes.length ? (
        <section aria-labelledby="notes-title">
          <h2 id="notes-title">Notes on the sources</h2>
          <Disagreements items={j.disagreements} />
          {j.unknowns.map((u, i) => (
            <p key={`u${i}`}>
              Not known ({u.field}): {u.reason}
            </p>
          ))}
          {j.notes.map((n, i) => (
            <p key={`n${i}`}>Note: {n}</p>
          ))}
        </section>
      ) : null}
    </div>
  )
}

/**
 * What research looked for and did not find, dated, so that "no law on this" reads as searched,
 * not assumed.
 *
 * @example
 * ```tsx
 * <SearchesSection searches={[{ on: '2026-12-07', actions: ['detainer-hold'], searched: 'the Idaho Code', found: 'no statute', sources: [] }]} />
 * ```
 */
export function SearchesSection(props: { readonly searches: readonly SearchView[] }) {
  return (
    <section aria-labelledby="searches-title">
      <h2 id="searches-title">Searched, nothing found</h2>
      <ul class="searches">
        {props.searches.map((r, i) => (
          <li key={i}>
            <strong>{r.actions.map((a) => ACTION_WORDS[a] ?? a).join(', ')}</strong> — on {dateWords(r.on)}, searched {r.searched}. Found: {r.found}
            {r.sources.length ? (
              <ul>
                {r.sources.map((s, k) => (
                  <li key={k}>
                    <SourceQuote source={s} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
