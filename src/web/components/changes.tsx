/**
 * A jurisdiction's change log on its page: what changed in its registry entry, when, and which
 * sources were first cited, newest first, with the Atom feed to follow it.
 */
import { dateWords } from '../shared/words.ts'

/** One change as the page shows it. */
export interface ChangeView {
  /** YYYY-MM-DD */
  readonly date: string
  readonly words: string
  readonly sources: readonly string[]
  /** Sources first cited beyond those listed. */
  readonly moreSources: number
}

/** The page's change log: the newest entries, how many there are, and the feed's path. */
export interface ChangesView {
  readonly entries: readonly ChangeView[]
  readonly total: number
  readonly feed: string
}

/**
 * The "Changes" section.
 *
 * @example
 * ```tsx
 * <ChangesSection changes={{ entries: [{ date: '2026-12-07', words: 'Added: …', sources: [], moreSources: 0 }], total: 1, feed: '/jurisdictions/…/changes.atom' }} />
 * ```
 */
export function ChangesSection(props: { readonly changes: ChangesView }) {
  const c = props.changes
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">Changes</h2>
      <p class="small">
        What changed in this entry of the registry, and when, from its public history.{' '}
        <a href={c.feed} type="application/atom+xml">
          Follow the changes (Atom feed)
        </a>
        {' · '}
        <a href="/changes.atom" type="application/atom+xml">
          all changes
        </a>
      </p>
      {c.entries.length === 0 ? (
        <p>No change to this entry is recorded yet.</p>
      ) : (
        <ul class="changes">
          {c.entries.map((e, i) => (
            <li key={i}>
              <strong>{dateWords(e.date)}</strong> — {e.words}
              {e.sources.length ? (
                <ul class="small">
                  {e.sources.map((u) => (
                    <li key={u}>
                      <a class="address" href={u} rel="nofollow noopener">
                        {u}
                      </a>
                    </li>
                  ))}
                  {e.moreSources ? <li>and {e.moreSources} more</li> : null}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {c.total > c.entries.length ? <p class="small">The {c.entries.length} newest of {c.total} changes; the feed has them all.</p> : null}
    </section>
  )
}
