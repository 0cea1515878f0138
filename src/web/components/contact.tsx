/**
 * "Contact": who decides in the jurisdiction, seat by seat — the office, its holder and a way to
 * reach them — with a link to a call script for each question the engine answers. The scripts
 * leave the ask to the caller. Server-rendered; no script.
 */
import type { Contact, Seat } from '../../core/officials/index.ts'
import type { WhoDecidesView } from './who-decides.tsx'

const QUESTIONS = [
  ['hold', 'holding on a detainer'],
  ['notify', 'release-date notice'],
  ['interview', 'ICE interviews'],
] as const

/**
 * The URL of the script page for a seat, a jurisdiction and a question.
 *
 * @example
 * ```ts
 * scriptPath('post:sheriff/ocd-division/country:us/state:ca/county:fresno', 'ocd-division/country:us/state:ca/county:fresno', 'hold')
 * // '/scripts?post=post%3Asheriff%2F…&jurisdiction=ocd-division%2F…&question=hold'
 * ```
 */
export function scriptPath(postId: string, jurisdiction: string, question: string, date?: string): string {
  const q = new URLSearchParams({ post: postId, jurisdiction, question, ...(date ? { date } : {}) })
  return `/scripts?${q.toString()}`
}

function firstReach(contacts: readonly Contact[]): Contact | undefined {
  return contacts.find((c) => c.kind === 'phone') ?? contacts.find((c) => c.kind === 'webform' || c.kind === 'website' || c.kind === 'email')
}

function SeatRow({ seat, jurisdiction, date }: { readonly seat: Seat; readonly jurisdiction: string; readonly date?: string }) {
  const reach = firstReach([...seat.holders.flatMap((h) => h.person.contacts), ...(seat.organization?.contacts ?? [])])
  return (
    <li>
      <strong>{seat.post.label}</strong>
      {seat.holders.length ? `: ${seat.holders.map((h) => h.person.name).join(', ')}` : <span class="muted">: no holder listed</span>}
      {reach ? (
        <>
          {' · '}
          {reach.kind === 'phone' ? <a href={`tel:${reach.value.replace(/[^0-9+]/g, '')}`}>{reach.value}</a> : reach.kind === 'email' ? <a href={`mailto:${reach.value}`}>{reach.value}</a> : <a href={reach.value}>{reach.kind === 'webform' ? 'contact form' : 'website'}</a>}
        </>
      ) : null}
      <span class="small">
        {' · Call script: '}
        {QUESTIONS.map(([q, words], i) => (
          <span key={q}>
            {i > 0 ? ', ' : ''}
            <a href={scriptPath(seat.post.id, jurisdiction, q, date)}>{words}</a>
          </span>
        ))}
      </span>
    </li>
  )
}

/**
 * @example
 * ```tsx
 * <ContactSection view={{ kind: 'shown', value: who }} />
 * ```
 */
export function ContactSection({ view, date }: { readonly view: WhoDecidesView; readonly date?: string }) {
  if (view.kind === 'unavailable') return null
  const who = view.value
  const seats = who.bodies.flatMap((b) => b.seats.map((s) => ({ body: b, seat: s })))
  return (
    <section aria-labelledby="contact-title">
      <h2 id="contact-title">Contact</h2>
      <p class="muted">
        Who decides in {who.name}, and a script for a call or an email to each: who the official is, what the law says on the day with its citations, and what the office can and cannot change. The request
        itself is yours to word.
      </p>
      {seats.length === 0 ? (
        <p>The directory lists no seat for {who.name}.</p>
      ) : (
        <ul>
          {seats.map(({ seat }) => (
            <SeatRow key={seat.post.id} seat={seat} jurisdiction={who.jurisdiction} {...(date ? { date } : {})} />
          ))}
        </ul>
      )}
    </section>
  )
}
