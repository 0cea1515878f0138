/**
 * Federal pressure on a page: the lists that named a jurisdiction (beside what the registry's law
 * said on the list's date), each grant condition with whether the law conflicts with it and whether
 * it could be enforced there, the rulings that bind it, actions against its officials, and the sums
 * at stake with their sources. Also the `/federal` overview. Describes what each list and court said.
 */
import type { ConditionConflict, FederalOverview, JurisdictionFederal, RulingView } from '../../core/federal/index.ts'
import { dateWords, jurisdictionPath } from '../shared/words.ts'

const TRI: Record<string, string> = { yes: 'yes', no: 'no', undetermined: 'undetermined' }
const BASIS: Record<string, string> = {
  'not-yet-announced': 'not yet announced',
  enjoined: 'enjoined for this jurisdiction',
  'held-unlawful-in-circuit': 'held unlawful by its circuit',
  'upheld-in-circuit': 'upheld by its circuit',
  'no-binding-ruling': 'no binding ruling known',
  undetermined: 'undetermined',
}
const BINDS: Record<string, string> = { party: 'party to the case', 'circuit-precedent': 'precedent of its circuit', 'injunction-scope': 'within the injunction’s scope' }
const FLAG: Record<string, string> = {
  'consolidated-city-county': 'consolidated city-county',
  'listed-twice': 'listed twice',
  'spans-counties': 'spans counties',
  'names-two-jurisdictions': 'names two jurisdictions',
  'disputed-by-jurisdiction': 'inclusion disputed by the jurisdiction',
  'no-matching-division': 'matches no single division',
}

function money(n: number | null): string {
  return n === null ? 'unknown' : `$${n.toLocaleString('en-US')}`
}

function Source({ url, quote }: { url: string; quote: string }) {
  return (
    <span class="small">
      “{quote}” <a href={url}>source</a>
    </span>
  )
}

function ConflictRow({ c }: { c: ConditionConflict }) {
  const e = c.enforceable
  return (
    <li>
      <strong>{c.condition.title}</strong> ({c.condition.program}, FY{c.condition.fiscalYear}). <Source url={c.condition.url} quote={c.condition.quote} />
      <p>
        Conflict with the law in force: <strong>{TRI[c.conflict]}</strong>. {c.conflictReasons.join(' ')}
      </p>
      {c.lawCitations.length ? (
        <ul class="small">
          {c.lawCitations.map((l) => (
            <li key={l.provision}>
              {l.title}
              {l.citation ? ` (${l.citation})` : ''}: <Source url={l.url} quote={l.quote} />
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        Enforceable on {dateWords(c.date)}: <strong>{TRI[e.value]}</strong> ({BASIS[e.basis]}). {e.reasons.join(' ')}
      </p>
      {e.citations.length ? (
        <ul class="small">
          {e.citations.map((r) => (
            <li key={r.ruling}>
              {r.case}, {r.court}, {r.decided}
              {r.citation ? `, ${r.citation}` : ''}: <Source url={r.url} quote={r.quote} />
            </li>
          ))}
        </ul>
      ) : null}
      {e.split.exists ? (
        <p class="small">
          Circuit split on that date:{' '}
          {e.split.circuits.map((s, i) => (
            <span key={s.circuit}>
              {i > 0 ? '; ' : ''}
              {s.circuit === 'dc' ? 'D.C.' : `${s.circuit}`} Cir. {s.holding === 'lawful' ? 'upheld it' : 'held it unlawful'} ({s.ruling.case}, {s.ruling.decided})
            </span>
          ))}
          .
        </p>
      ) : null}
    </li>
  )
}

function RulingItem({ r, binds }: { r: RulingView; binds?: readonly string[] }) {
  return (
    <li>
      <strong>{r.decided}</strong> — {r.case}, {r.court}
      {r.citation ? `, ${r.citation}` : ''} ({r.stage}). {r.summary}
      {binds?.length ? <span class="small"> Binds it as: {binds.map((b) => BINDS[b] ?? b).join(', ')}.</span> : null}
      {r.injunction ? (
        <span class="small">
          {' '}
          Injunction ({r.injunction.permanent ? 'permanent' : 'preliminary'}):{' '}
          {r.injunction.periods.map((p, i) => (
            <span key={i}>
              {i > 0 ? '; ' : ''}
              {p.from ?? 'unknown'} to {p.to ?? 'open'}, {p.scope}
            </span>
          ))}
          .
        </span>
      ) : null}{' '}
      <Source url={r.url} quote={r.quote} />
      {r.disagreements.map((d, i) => (
        <p class="small" key={`d${i}`}>
          Sources disagree on {d.about}: {d.claims.join(' / ')}.
        </p>
      ))}
      {r.unknowns.map((u, i) => (
        <p class="small" key={`u${i}`}>
          Not known ({u.field}): {u.reason}
        </p>
      ))}
    </li>
  )
}

/** The "Federal" section of a jurisdiction page. */
export function FederalSection({ f }: { f: JurisdictionFederal }) {
  return (
    <section aria-labelledby="federal-title">
      <h2 id="federal-title">Federal</h2>
      <p class="small">
        Circuit: {f.circuitName ?? 'unknown'}. Lists, grant conditions, rulings and funding recorded in the registry; see <a href="/federal">all federal lists and rulings</a>.
      </p>
      <h3>Lists that named it</h3>
      {f.listed.length === 0 ? (
        <p>No list in the registry names it.</p>
      ) : (
        <ul>
          {f.listed.map((e, i) => (
            <li key={i}>
              <strong>{e.listTitle}</strong> ({e.listPublished ?? 'date unknown'}
              {e.listWithdrawn ? `, withdrawn ${e.listWithdrawn}` : ''}): listed as “{e.name}”{e.heading ? ` under ${e.heading}` : ''}
              {e.via === 'state' ? ' (its state)' : ''}. {e.claim ? `The list said: ${e.claim}. ` : ''}
              {e.flags.length ? <span class="small">Flags: {e.flags.map((x) => `${FLAG[x.flag] ?? x.flag} — ${x.note}`).join('; ')}. </span> : null}
              {e.lawOnListDate ? (
                <span class="small">
                  The registry’s law on {e.lawOnListDate.date}: hold {e.lawOnListDate.hold}, notify {e.lawOnListDate.notify}, interview {e.lawOnListDate.interview}.{' '}
                </span>
              ) : null}
              <Source url={e.url} quote={e.quote} />
            </li>
          ))}
        </ul>
      )}
      <h3>Grant conditions on {dateWords(f.date)}</h3>
      <ul>
        {f.conditions.map((c) => (
          <ConflictRow key={c.condition.id} c={c} />
        ))}
      </ul>
      <h3>Rulings that bind it</h3>
      {f.rulings.length === 0 ? (
        <p>No ruling in the registry binds it.</p>
      ) : (
        <ul>
          {f.rulings.map((r) => (
            <RulingItem key={r.ruling} r={r} binds={r.binds} />
          ))}
        </ul>
      )}
      {f.actions.length ? (
        <>
          <h3>Actions against its officials</h3>
          <ul>
            {f.actions.map((a) => (
              <li key={a.id}>
                {a.date ?? 'date unknown'} — {a.actor}
                {a.official ? ` (concerning ${a.official})` : ''}: {a.summary} Outcome: {a.outcome ?? `unknown (${a.outcomeUnknown})`}. <Source url={a.url} quote={a.quote} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Money at stake</h3>
      {f.funding.length === 0 ? (
        <p>No amount for this jurisdiction is recorded; none is estimated here.</p>
      ) : (
        <ul>
          {f.funding.map((m) => (
            <li key={m.id}>
              {m.program}, FY{m.fiscalYear ?? ' unknown'}: <strong>{money(m.amount)}</strong> ({m.amountKind === 'estimate' ? 'an estimate' : m.amountKind}). {m.summary}
              {m.basis ? ` Basis: ${m.basis}` : ''} <Source url={m.url} quote={m.quote} />
              {m.disagreements.map((d, i) => (
                <p class="small" key={i}>
                  Sources disagree on {d.about}: {d.claims.join(' / ')}.
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The `/federal` page body. */
export function FederalPage({ o, entries }: { o: FederalOverview; entries: Readonly<Record<string, readonly { name: string; heading: string | null; jurisdiction: string | null; jurisdictionName: string | null; unmatchedReason: string | null; flags: readonly { flag: string; note: string }[] }[]>> }) {
  return (
    <div>
      <h1>Federal pressure</h1>
      <p>
        Lists of “sanctuary jurisdictions” published by federal agencies, recorded as what each list claimed; grant conditions; and the court rulings on them, with whom each ruling binds. Downloads:{' '}
        <a href="/api/v1/federal/export/entries?format=csv">list entries (CSV)</a>, <a href="/api/v1/federal/export/rulings?format=csv">rulings (CSV)</a>, <a href="/api/v1/federal">everything (JSON)</a>.
      </p>
      <section aria-labelledby="lists-title">
        <h2 id="lists-title">Lists</h2>
        {o.lists.map((l) => (
          <article key={l.id} class="card">
            <h3>{l.title}</h3>
            <p>
              {l.publisher}, published {l.published ?? 'on an unknown date'}
              {l.withdrawn ? `, withdrawn ${l.withdrawn}` : ''}. {l.summary}
            </p>
            <p>
              Count stated: <strong>{l.statedCount ?? 'unknown'}</strong>
              {l.statedCountUnknown ? ` (${l.statedCountUnknown})` : ''}. Entries recorded here: {l.recordedEntries}
              {l.complete ? ' (the whole list)' : ' (only some entries)'}; attached to a division: {l.matchedEntries}; matching no single division: {l.unmatchedEntries}.
            </p>
            <p class="small">Criteria given: {l.criteria ?? 'none stated in the sources read'}.</p>
            {l.disagreements.map((d, i) => (
              <p class="small" key={i}>
                Sources disagree on {d.about}: {d.claims.join(' / ')}.
              </p>
            ))}
            <p class="small">
              {l.sources.map((s, i) => (
                <span key={i}>
                  {i > 0 ? ' ' : ''}
                  <Source url={s.url} quote={s.quote} />
                </span>
              ))}
            </p>
            <details>
              <summary>Entries</summary>
              <ul class="small">
                {(entries[l.id] ?? []).map((e, i) => (
                  <li key={i}>
                    {e.heading ? `${e.heading}: ` : ''}“{e.name}” → {e.jurisdiction ? <a href={jurisdictionPath(e.jurisdiction)}>{e.jurisdictionName}</a> : `not attached (${e.unmatchedReason})`}
                    {e.flags.length ? ` — ${e.flags.map((x) => FLAG[x.flag] ?? x.flag).join(', ')}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          </article>
        ))}
      </section>
      <section aria-labelledby="conditions-title">
        <h2 id="conditions-title">Grant conditions</h2>
        <ul>
          {o.conditions.map((c) => (
            <li key={c.id}>
              <strong>{c.title}</strong> (announced {c.announced ?? 'unknown'}): {c.summary} <Source url={c.sources[0]!.url} quote={c.sources[0]!.quote} />
              <ul class="small">
                {c.rulings.map((r) => (
                  <li key={r.ruling}>
                    {r.decided} — {r.court}: {r.holding ?? 'no holding recorded'} ({r.case})
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rulings-title">
        <h2 id="rulings-title">Litigation timeline</h2>
        <ul>
          {o.rulings.map((r) => (
            <RulingItem key={r.ruling} r={r} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="money-title">
        <h2 id="money-title">Money</h2>
        <ul>
          {o.funding.map((m) => (
            <li key={m.id}>
              {m.program}, FY{m.fiscalYear ?? ' unknown'}: <strong>{money(m.amount)}</strong> ({m.amountKind === 'estimate' ? 'an estimate' : m.amountKind}). {m.summary} <Source url={m.url} quote={m.quote} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
