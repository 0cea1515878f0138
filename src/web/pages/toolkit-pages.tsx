/**
 * The lawmaker toolkit's pages: the catalog of clauses, one clause (its variants, adopters on a
 * timeline and a map by date, the enacted texts, a jurisdiction's peers), and the composer (a GET
 * form whose state is the URL; the check renders on the server, so it works without a script).
 */
import type { Catalog, CatalogClause, ClauseStatus, ComposerState, Peer } from '../../core/toolkit/index.ts'

const RELATION: Record<Peer['relation'], string> = { 'same-state-similar-size': 'same state, similar size', 'same-state': 'same state', 'same-level-similar-size': 'similar size elsewhere', 'same-level': 'same level elsewhere' }
import type { DraftReport } from '../../adapters/toolkit/index.ts'
import { dateWords, jurisdictionPath } from '../shared/words.ts'

const STATUS_LABEL: Record<ClauseStatus, string> = {
  stands: 'Stands',
  overridden: 'Overridden by higher law',
  'partly-overridden': 'Overridden in some cases',
  'open-conflict': 'Open conflict (undetermined)',
  'barred-by-preemption': 'Within a state ban on local limits',
}

const BINDS: Record<string, string> = { party: 'the jurisdiction was a party', 'circuit-precedent': 'precedent in its circuit', 'injunction-scope': 'within the scope of an injunction' }

const first = (c: CatalogClause) => c.adopters.find((a) => a.from)?.from ?? null

export function ToolkitCatalogPage(props: { readonly catalog: Catalog; readonly today: string }) {
  return (
    <div class="wrap">
      <h1>Lawmaker toolkit</h1>
      <p class="lede">
        Clauses found in the registry’s enacted texts, grouped by what they do. Each clause lists the jurisdictions whose law carries it, with the text quoted and cited. The composer checks a
        draft against the state and federal law in force, the federal grant conditions and rulings, and detainer records.
      </p>
      <p>
        <a href="/toolkit/compose">Open the composer</a>
      </p>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Clauses and their adopters</caption>
          <thead>
            <tr>
              <th scope="col">Clause</th>
              <th scope="col">What it does</th>
              <th scope="col" class="num">Enacted texts</th>
              <th scope="col">Earliest</th>
              <th scope="col" class="num">Variants</th>
            </tr>
          </thead>
          <tbody>
            {props.catalog.clauses.map((c) => (
              <tr key={c.kind}>
                <td>
                  <a href={`/toolkit/clauses/${c.kind}`}>{c.title}</a>
                </td>
                <td>{c.description}</td>
                <td class="num">{c.adopters.length}</td>
                <td>{first(c) ? dateWords(first(c)!) : '—'}</td>
                <td class="num">{c.variants.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="small muted">
        Clause kinds are read from each provision’s structured form (its action, effect, the facts its conditions test, its limits and penalties). The registry does not record who sponsored
        or signed a text.
      </p>
    </div>
  )
}

export interface ClausePageProps {
  readonly clause: CatalogClause
  readonly timelineSvg: string | null
  readonly mapSvg: string | null
  readonly mapDate: string
  readonly unmapped: readonly string[]
  readonly jurisdiction: string
  readonly peers: { readonly peers: readonly Peer[]; readonly population: number | null; readonly sizeSource: string | null } | null
}

export function ToolkitClausePage(props: ClausePageProps) {
  const c = props.clause
  return (
    <div class="wrap">
      <p class="small">
        <a href="/toolkit">Lawmaker toolkit</a>
      </p>
      <h1>{c.title}</h1>
      <p class="lede">{c.description}</p>
      <p>
        <a href={`/toolkit/compose?clauses=${c.kind}`}>Start a draft with this clause</a>
      </p>
      <h2>Adoption</h2>
      <p>
        {c.adopters.length} enacted text{c.adopters.length === 1 ? '' : 's'} in the registry carry this clause. Sponsors and signers: not recorded in the registry.
      </p>
      {props.timelineSvg ? (
        <>
          <div class="timeline-chart" dangerouslySetInnerHTML={{ __html: props.timelineSvg }} />
          <p class="small muted">Dark bars: still in force; light bars: ended (repealed, superseded or expired). A dot marks the first day in force. The table below lists every adopter.</p>
        </>
      ) : null}
      <h3>Map by date</h3>
      <form method="get" action={`/toolkit/clauses/${c.kind}`} class="controls">
        <div class="field">
          <label for="map-date">As of</label>
          <input id="map-date" name="date" type="date" value={props.mapDate} />
        </div>
        {props.jurisdiction ? <input type="hidden" name="jurisdiction" value={props.jurisdiction} /> : null}
        <button type="submit">Show</button>
      </form>
      {props.mapSvg ? <div class="timeline-chart" dangerouslySetInnerHTML={{ __html: props.mapSvg }} /> : <p class="muted">No map geometry is loaded on this server.</p>}
      {props.unmapped.length ? <p class="small muted">Cities are not drawn: {props.unmapped.join('; ')}.</p> : null}
      <div class="table-scroll">
        <table>
          <caption>Adopters by date</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Until</th>
              <th scope="col">Jurisdiction</th>
              <th scope="col">Enacted text</th>
              <th scope="col">Status</th>
              <th scope="col">Start from it</th>
            </tr>
          </thead>
          <tbody>
            {c.adopters.map((a) => (
              <tr key={a.provision}>
                <td>{a.from ? dateWords(a.from) : 'unknown'}</td>
                <td>{a.to ? dateWords(a.to) : '—'}</td>
                <td>
                  <a href={jurisdictionPath(a.jurisdiction)}>{a.jurisdictionName}</a>
                </td>
                <td>
                  {a.title}
                  {a.citation ? <span class="small muted"> ({a.citation})</span> : null}
                </td>
                <td class="small">{a.statuses.length ? a.statuses.join('; ') : '—'}</td>
                <td>
                  <a href={`/toolkit/compose?from=${encodeURIComponent(a.enactment)}`}>Compose</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Variants</h2>
      {c.variants.map((v) => (
        <section class="card" key={v.key}>
          <h3>{v.label}</h3>
          <pre class="small">{JSON.stringify({ effect: v.effect, ...(v.when ? { when: v.when } : {}), ...(v.unless ? { unless: v.unless } : {}), ...(Object.keys(v.limits).length ? { limits: v.limits } : {}), ...(v.overridesLocal ? { overridesLocal: true } : {}) }, null, 1)}</pre>
          <ul>
            {c.adopters
              .filter((a) => a.variant === v.key)
              .map((a) => (
                <li key={a.provision}>
                  <strong>{a.jurisdictionName}</strong>, {a.title}: {a.summary}
                  {a.quotes.map((q) => (
                    <blockquote class="source" key={q.url + q.quote}>
                      “{q.quote}” — <a href={q.url}>{new URL(q.url).hostname}</a>
                      {q.reliability ? <span class="tag">{q.reliability}</span> : null}
                    </blockquote>
                  ))}
                </li>
              ))}
          </ul>
        </section>
      ))}
      <h2>Peers</h2>
      <form method="get" action={`/toolkit/clauses/${c.kind}`} class="controls">
        <div class="field">
          <label for="peer-j">Jurisdiction (OCD ID)</label>
          <input id="peer-j" name="jurisdiction" value={props.jurisdiction} size={60} placeholder="ocd-division/country:us/state:pa/county:lancaster" />
        </div>
        <input type="hidden" name="date" value={props.mapDate} />
        <button type="submit">Find peers</button>
      </form>
      {props.peers ? (
        props.peers.peers.length ? (
          <ul>
            {props.peers.peers.map((p) => (
              <li key={p.adopter.provision}>
                {p.adopter.jurisdictionName} ({RELATION[p.relation]}
                {p.population !== null ? `; population ${p.population.toLocaleString('en-US')}` : ''}), {p.adopter.title}, from {p.adopter.from ? dateWords(p.adopter.from) : 'an unknown date'}
              </li>
            ))}
          </ul>
        ) : (
          <p>No jurisdiction in the same state or at the same level has this clause in the registry.</p>
        )
      ) : null}
      <p class="small muted">
        Peers: the same state first, then the same level elsewhere; within each, those of similar size (neither population more than twice the other) first.{' '}
        {props.peers?.sizeSource ? `Populations: ${props.peers.sizeSource}${props.peers.population !== null ? `; this jurisdiction: ${props.peers.population.toLocaleString('en-US')}` : ''}.` : 'No population figures are loaded here, so size is not compared.'}
      </p>
    </div>
  )
}

export interface ComposePageProps {
  readonly state: ComposerState
  readonly catalog: Catalog
  readonly categories: readonly string[]
  readonly report: Omit<DraftReport, 'draftValue'> | null
  readonly draftYaml: string | null
  readonly casesYaml: string | null
  readonly error: { readonly message: string; readonly field: string | null } | null
  readonly exportQuery: string
  /**
   * Saving with a private link: `available` when the server has a database (the result then offers
   * a save button), `saved` on the page a private link opens.
   */
  readonly saving: { readonly kind: 'unavailable' } | { readonly kind: 'available' } | { readonly kind: 'saved'; readonly savedOn: string; readonly path: string }
}

function range(h: { lower: number | null; upper: number | null } | undefined) {
  if (!h || h.lower === null || h.upper === null) return <span class="withheld">withheld (small numbers)</span>
  return <span>{h.lower === h.upper ? h.lower.toLocaleString('en-US') : `${h.lower.toLocaleString('en-US')} to ${h.upper.toLocaleString('en-US')}`}</span>
}

export function ToolkitComposePage(props: ComposePageProps) {
  const s = props.state
  const r = props.report
  return (
    <div class="wrap">
      <p class="small">
        <a href="/toolkit">Lawmaker toolkit</a>
      </p>
      <h1>Compose a draft</h1>
      {props.saving.kind === 'saved' ? (
        <p class="notice" role="status">
          A draft saved on {dateWords(props.saving.savedOn)}. This page’s address is its private link: whoever has it can open the draft; nobody can list saved drafts. Changing the form below starts a new, unsaved draft.
        </p>
      ) : null}
      <p class="lede">
        Pick a jurisdiction, a date and clauses, or start from an enacted text. The draft lives in this page’s address: share the link to share the draft.
        {props.saving.kind === 'unavailable' ? ' Nothing is stored.' : ' Nothing is stored unless you save it with a private link.'}
      </p>
      <form method="get" action="/toolkit/compose" class="card">
        <div class="row">
          <div class="field">
            <label for="c-j">Jurisdiction</label>
            <span class="hint small muted">OCD ID or a name (e.g. Travis County, TX)</span>
            <input id="c-j" name="jurisdiction" value={s.jurisdiction} size={56} required />
          </div>
          <div class="field">
            <label for="c-d">Takes effect</label>
            <input id="c-d" name="date" type="date" value={s.date} required />
          </div>
          <div class="field">
            <label for="c-t">Title</label>
            <input id="c-t" name="title" value={s.title} size={30} />
          </div>
        </div>
        <fieldset>
          <legend>Clauses</legend>
          {props.catalog.clauses.map((c) => (
            <label class="check" key={c.kind}>
              <input type="checkbox" name="clauses" value={c.kind} checked={s.clauses.includes(c.kind)} /> {c.title}
              <span class="small muted"> — {c.adopters.length} enacted</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Parameters</legend>
          <div class="field">
            <span>Listed convictions (offence categories)</span>
            <div class="row">
              {props.categories.map((cat) => (
                <label class="check" key={cat}>
                  <input type="checkbox" name="categories" value={cat} checked={s.params.categories.includes(cat as never)} /> {cat}
                </label>
              ))}
            </div>
          </div>
          <div class="row">
            <div class="field">
              <label for="c-lv">Levels</label>
              <select id="c-lv" name="levels">
                <option value="felony" selected={s.params.levels.join(',') === 'felony'}>felony</option>
                <option value="felony,misdemeanor" selected={s.params.levels.join(',') === 'felony,misdemeanor'}>felony or misdemeanor</option>
                <option value="" selected={s.params.levels.length === 0}>any level</option>
              </select>
            </div>
            <div class="field">
              <label for="c-w">Within (years)</label>
              <input id="c-w" name="within" type="number" min="1" max="100" value={s.params.withinYears ?? ''} />
            </div>
            <div class="field">
              <label for="c-h">Hours cap</label>
              <input id="c-h" name="hours" type="number" min="1" max="240" value={s.params.maxHours} />
            </div>
            <div class="field">
              <label for="c-p">Penalty text</label>
              <input id="c-p" name="penalty" value={s.params.penalty} size={40} />
            </div>
          </div>
        </fieldset>
        <div class="row">
          <div class="field">
            <label for="c-from">Or start from an enacted text (id)</label>
            <input id="c-from" name="from" value={s.from} size={30} />
          </div>
          <div class="field">
            <label for="c-scope">Detainer records</label>
            <select id="c-scope" name="scope">
              {(['auto', 'jurisdiction', 'state', 'peer'] as const).map((x) => (
                <option value={x} selected={s.scope === x} key={x}>
                  {x === 'auto' ? 'this jurisdiction’s, else its state’s' : x === 'jurisdiction' ? 'this jurisdiction’s' : x === 'state' ? 'its state’s' : 'a peer’s'}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="c-peer">Peer (OCD ID)</label>
            <input id="c-peer" name="peer" value={s.peer} size={40} />
          </div>
          <div class="field">
            <label for="c-a">Question</label>
            <select id="c-a" name="action">
              {(['hold', 'notify', 'interview'] as const).map((x) => (
                <option value={x} selected={s.action === x} key={x}>
                  {x}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="c-y">Or edit the draft as YAML (registry format; replaces the choices above)</label>
          <textarea id="c-y" name="yaml" rows={s.yaml ? 16 : 4} cols={90}>
            {s.yaml}
          </textarea>
        </div>
        <button type="submit">Check the draft</button>
      </form>
      {props.error ? (
        <div class="error-box" role="alert">
          <strong>The draft could not be checked.</strong> {props.error.message}
        </div>
      ) : null}
      {r ? <ComposeResult {...props} report={r} /> : null}
    </div>
  )
}

function ComposeResult(props: ComposePageProps & { readonly report: Omit<DraftReport, 'draftValue'> }) {
  const { check, simulation } = props.report
  const q = props.exportQuery
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">
        {check.draft.title}: {check.jurisdictionName}, from {dateWords(check.date)}
      </h2>
      <p>
        Export: <a href={`/toolkit/compose/draft.md?${q}`}>document (Markdown)</a> · <a href={`/toolkit/compose/draft.pdf?${q}`}>document (PDF)</a> ·{' '}
        <a href={`/toolkit/compose/draft.yaml?${q}`}>registry YAML</a> · <a href={`/toolkit/compose/draft.cases.yaml?${q}`}>rule cases</a>
      </p>
      {props.saving.kind === 'available' ? (
        <form method="post" action="/toolkit/drafts" class="inline">
          <input type="hidden" name="query" value={q} />
          <button type="submit">Save with a private link</button> <span class="small muted">Stores this draft on the server; the link that opens it is shown once saved.</span>
        </form>
      ) : null}
      {check.setAside.length ? (
        <p class="small">
          The draft stands in for the jurisdiction’s own rules on the same actions: {check.setAside.map((x) => `${x.title} (${x.action})`).join('; ')}.
        </p>
      ) : null}
      <h3>Preemption check</h3>
      {check.clauses.map((c) => (
        <div class={`card clause-${c.status}`} key={c.provision}>
          <h4>
            {c.clauseTitle ?? c.provision}: <span class="value">{STATUS_LABEL[c.status]}</span>
          </h4>
          <p>{c.explanation}</p>
          {c.probes.length ? (
            <ul class="small">
              {c.probes.map((p) => (
                <li key={p.label}>
                  {p.label}: answer {p.answer}; the draft’s clause {p.role === 'not-applicable' ? 'does not apply' : p.role}
                </li>
              ))}
            </ul>
          ) : null}
          {c.citations.length ? (
            <ul class="citations">
              {c.citations.map((x) => (
                <li key={x.provision}>
                  <strong>{x.title}</strong>
                  {x.citation ? ` (${x.citation})` : ''}, {x.jurisdictionName}: {x.summary}
                  <blockquote class="source">
                    “{x.quote}” — <a href={x.url}>{x.url.startsWith('http') ? new URL(x.url).hostname : x.url}</a>
                  </blockquote>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <h3>Funding risk</h3>
      {check.funding ? (
        <>
          {check.funding.circuitName ? <p>Circuit: {check.funding.circuitName}.</p> : null}
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Grant condition</th>
                  <th scope="col">Conflict under the draft</th>
                  <th scope="col">Under the law in force</th>
                  <th scope="col">Enforceable there then</th>
                </tr>
              </thead>
              <tbody>
                {check.funding.conditions.map((f) => (
                  <tr key={f.draft.condition.id}>
                    <td>
                      <a href={f.draft.condition.url}>{f.draft.condition.title}</a> (FY{f.draft.condition.fiscalYear})
                    </td>
                    <td>{f.draft.conflict}</td>
                    <td>{f.lawInForce}</td>
                    <td>
                      {f.draft.enforceable.value}
                      <span class="small muted"> {f.draft.enforceable.reasons[0] ?? ''}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {check.funding.rulings.length ? (
            <>
              <h4>Rulings that bind this jurisdiction</h4>
              <ul>
                {check.funding.rulings.map((x) => (
                  <li key={x.ruling}>
                    {x.case} ({x.court}, {x.decided}): {x.binds.map((b) => BINDS[b] ?? b).join('; ')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {check.funding.lists.length ? (
            <>
              <h4>Federal lists that named this jurisdiction or its state</h4>
              <ul>
                {check.funding.lists.map((l) => (
                  <li key={l.list + l.printedAs}>
                    {l.title} ({l.published ?? 'date unknown'}
                    {l.withdrawn ? `, withdrawn ${l.withdrawn}` : ''}) as “{l.printedAs}”{l.via === 'state' ? ' (the state)' : ''}.{l.criteria ? ` Stated criteria: “${l.criteria}” (not applied to the draft).` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p class="muted">No federal data is loaded on this server.</p>
      )}
      <h3>Simulated effect</h3>
      {simulation.kind === 'draft-effect' ? (
        <>
          <p>
            {simulation.scopeNote} Question: {simulation.action}. Ranges count undetermined answers as not held, then as held; counts of 1 to {simulation.minCell - 1} are withheld with what would
            reveal them.
          </p>
          <table class="narrow-table">
            <tbody>
              <tr>
                <th scope="row">Records</th>
                <td class="num">{simulation.records === null ? <span class="withheld">withheld</span> : simulation.records.toLocaleString('en-US')}</td>
              </tr>
              <tr>
                <th scope="row">May or must, law in force</th>
                <td class="num">{range(simulation.law?.held)}</td>
              </tr>
              <tr>
                <th scope="row">May or must, under the draft</th>
                <td class="num">{range(simulation.draft?.held)}</td>
              </tr>
              {simulation.matchRate.map((m) => (
                <tr key={m.source}>
                  <th scope="row">Match rate ({m.source} records linked to a county)</th>
                  <td class="num">{m.rate === null ? <span class="withheld">withheld</span> : `${(100 * m.rate).toFixed(2)}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p class="muted">{simulation.reason}</p>
      )}
      <h3>Rule cases for the draft</h3>
      <p>{check.ruleCases.length} cases: each exception the clauses name, on the day before the draft takes effect and on that day, with the engine’s answers. Keep them with the text.</p>
      {props.casesYaml ? <pre class="small">{props.casesYaml}</pre> : null}
      <h3>The draft in the registry’s format</h3>
      {props.draftYaml ? <pre class="small">{props.draftYaml}</pre> : null}
    </section>
  )
}
