/**
 * "Who decides here": for each question, the office that applies the rule and the bodies that can
 * change it with the law in force at their level; then each body with its offices, seats, holders,
 * contacts and the dataset every entry came from. Server-rendered; no script.
 */
import type { Contact, DecidingBody, Seat, SourceRef, WhoDecides } from '../../core/officials/index.ts'
import { jurisdictionPath } from '../shared/words.ts'

export type WhoDecidesView = { readonly kind: 'shown'; readonly value: WhoDecides } | { readonly kind: 'unavailable'; readonly reason: string }

const LEVEL_WORDS = { local: 'Local', state: 'State', federal: 'Federal' } as const
const DATASET_WORDS: Readonly<Record<string, string>> = {
  'congress-legislators': 'congress-legislators (United States project)',
  'openstates-people': 'Open States people',
  'hifld-law-enforcement': 'HIFLD law enforcement locations',
  gazetteer: 'Census list of counties and places',
  curated: 'curated entry',
}

function SourceNote({ source }: { readonly source: SourceRef }) {
  const name = DATASET_WORDS[source.dataset] ?? source.dataset
  return (
    <span class="small muted">
      {' '}
      — source: {source.url ? <a href={source.url}>{name}</a> : name}
      {source.quote ? ` (“${source.quote}”)` : ''}, version {source.version.slice(0, 12)}
    </span>
  )
}

function ContactList({ contacts }: { readonly contacts: readonly Contact[] }) {
  const shown = contacts.filter((c) => c.kind === 'phone' || c.kind === 'website' || c.kind === 'webform' || c.kind === 'email').slice(0, 4)
  if (shown.length === 0) return null
  return (
    <span>
      {shown.map((c, i) => (
        <span key={`${c.kind}${i}`}>
          {i > 0 ? ' · ' : ' '}
          {c.kind === 'phone' ? <a href={`tel:${c.value.replace(/[^0-9+]/g, '')}`}>{c.value}</a> : c.kind === 'email' ? <a href={`mailto:${c.value}`}>{c.value}</a> : <a href={c.value}>{c.kind === 'webform' ? 'contact form' : 'website'}</a>}
          {c.label ? <span class="small muted"> ({c.label})</span> : null}
        </span>
      ))}
    </span>
  )
}

function SeatItem({ seat }: { readonly seat: Seat }) {
  if (seat.holders.length === 0)
    return (
      <li>
        {seat.post.label}: <em>no holder listed</em>
        {seat.post.holderUnknownReason ? <span class="small muted"> ({seat.post.holderUnknownReason})</span> : null}
      </li>
    )
  return (
    <>
      {seat.holders.map(({ person }) => (
        <li key={person.id}>
          {seat.post.label}: <strong>{person.name}</strong>
          {person.party ? ` (${person.party})` : ''}
          <ContactList contacts={person.contacts} />
          <SourceNote source={person.source} />
        </li>
      ))}
    </>
  )
}

function BodyBlock({ body }: { readonly body: DecidingBody }) {
  return (
    <div class="card" id={`body-${body.key}`}>
      <h4>{body.name}</h4>
      <p class="small">{body.power}</p>
      <ul>
        {body.offices.map((o) => (
          <li key={o.id}>
            {o.name}
            <ContactList contacts={o.contacts} />
            <SourceNote source={o.source} />
          </li>
        ))}
        {body.seats.map((s) => (
          <SeatItem key={s.post.id} seat={s} />
        ))}
      </ul>
      {body.unknown ? <p class="small muted">Not listed: {body.unknown}.</p> : null}
    </div>
  )
}

/**
 * @example
 * ```tsx
 * <WhoDecidesSection view={{ kind: 'shown', value: who }} />
 * ```
 */
export function WhoDecidesSection({ view }: { readonly view: WhoDecidesView }) {
  if (view.kind === 'unavailable')
    return (
      <section aria-labelledby="who-decides-title">
        <h2 id="who-decides-title">Who decides here</h2>
        <p>{view.reason}</p>
      </section>
    )
  const who = view.value
  const names = new Map<string, string>(who.bodies.map((b) => [b.key, b.name]))
  const link = (key: string) => <a href={`#body-${key}`}>{names.get(key)}</a>
  return (
    <section aria-labelledby="who-decides-title">
      <h2 id="who-decides-title">Who decides here</h2>
      <p class="muted">
        The office that applies each rule in {who.name}, and the bodies that can change it, with the people in office on {who.asOf} as public datasets list them.
      </p>
      {who.notes.map((n, i) => (
        <p key={i} class="small">
          {n}
        </p>
      ))}
      <table class="who-decides">
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Applied by</th>
            <th scope="col">Can be changed by, and the law in force at that level</th>
          </tr>
        </thead>
        <tbody>
          {who.questions.map((q) => (
            <tr key={q.question}>
              <th scope="row">{q.label}</th>
              <td>{q.appliedBy.length ? q.appliedBy.map((k, i) => <span key={k}>{i > 0 ? ', ' : ''}{link(k)}</span>) : <em>not known here</em>}</td>
              <td>
                <ul class="plain">
                  {q.changedBy.map((c) => (
                    <li key={c.level}>
                      {LEVEL_WORDS[c.level]}: {c.bodies.map((k, i) => <span key={k}>{i > 0 ? ', ' : ''}{link(k)}</span>)}
                      {' — '}
                      {c.law.length ? (
                        c.law.map((p, i) => (
                          <span key={p.provision}>
                            {i > 0 ? '; ' : ''}
                            <a href={`${jurisdictionPath(p.jurisdiction)}#provision-${p.provision}`}>{p.title}</a>
                          </span>
                        ))
                      ) : (
                        <span class="muted">no provision in the registry at this level</span>
                      )}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(['local', 'state', 'federal'] as const).map((level) => {
        const bodies = who.bodies.filter((b) => b.level === level)
        return bodies.length ? (
          <div key={level}>
            <h3>{LEVEL_WORDS[level]}</h3>
            {bodies.map((b) => (
              <BodyBlock key={b.key} body={b} />
            ))}
          </div>
        ) : null
      })}
    </section>
  )
}
