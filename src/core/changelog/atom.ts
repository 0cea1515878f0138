/**
 * The change log as an Atom 1.0 feed (RFC 4287): the whole registry's at `/changes.atom`, one
 * jurisdiction's at `/jurisdictions/<id>/changes.atom`. Pure string building.
 */
import { changeWords, type ChangeEntry } from './derive.ts'

/** The feeds' id authority (a tag URI, RFC 4151, so ids stay the same whatever host serves them). */
export const FEED_TAG = 'tag:sanctuary-atlas.example,2026'

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** What a feed needs besides its entries. */
export interface FeedOptions {
  /** The site's origin, e.g. `https://atlas.example.org` (no trailing slash). */
  readonly origin: string
  /** The feed's own path (`/changes.atom`). */
  readonly self: string
  /** The page the feed follows (`/` or the jurisdiction's page). */
  readonly alternate: string
  readonly title: string
  /** The feed's id suffix: `changes` or `changes:<jurisdiction>`. */
  readonly key: string
  /** When there are no entries: the time to give as `updated` (the log's newest commit). */
  readonly fallbackUpdated: string
  /** At most this many entries (newest first). */
  readonly limit?: number
}

/** The page of a jurisdiction (its OCD ID as-is in the path). */
export function jurisdictionPath(id: string): string {
  return `/jurisdictions/${id}`
}

/**
 * An Atom feed of change entries (valid: feed id, title, updated, author, self link; each entry
 * id, title, updated, alternate link and summary).
 *
 * @example
 * ```ts
 * atomFeed(entries, { origin: 'https://x.org', self: '/changes.atom', alternate: '/', title: 'Changes', key: 'changes', fallbackUpdated: '2026-12-07T00:00:00Z' })
 * ```
 */
export function atomFeed(entries: readonly ChangeEntry[], o: FeedOptions): string {
  const shown = entries.slice(0, o.limit ?? entries.length)
  const updated = toRfc3339(shown[0]?.date ?? o.fallbackUpdated)
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escape(`${FEED_TAG}:${o.key}`)}</id>`,
    `  <title>${escape(o.title)}</title>`,
    `  <updated>${updated}</updated>`,
    '  <author><name>Sanctuary Atlas</name></author>',
    `  <link rel="self" type="application/atom+xml" href="${escape(o.origin + o.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escape(o.origin + o.alternate)}"/>`,
  ]
  for (const e of shown) {
    const words = changeWords(e)
    lines.push(
      '  <entry>',
      `    <id>${escape(`${FEED_TAG}:change:${e.commit}:${e.jurisdiction}`)}</id>`,
      `    <title>${escape(`${e.name}: ${entryTitle(e)}`)}</title>`,
      `    <updated>${toRfc3339(e.date)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escape(o.origin + jurisdictionPath(e.jurisdiction))}"/>`,
      `    <summary type="text">${escape(words)}</summary>`,
      ...(e.sources.length ? [`    <content type="html">${escape(`<p>${escape(words)}</p><ul>${e.sources.map((u) => `<li><a href="${escape(u)}">${escape(u)}</a></li>`).join('')}</ul>`)}</content>`] : []),
      '  </entry>',
    )
  }
  lines.push('</feed>', '')
  return lines.join('\n')
}

function entryTitle(e: ChangeEntry): string {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`
  const parts = [e.added.length ? `${n(e.added.length, 'enactment')} added` : '', e.changed.length ? `${n(e.changed.length, 'enactment')} changed` : '', e.removed.length ? `${n(e.removed.length, 'enactment')} removed` : '']
  const text = parts.filter(Boolean).join(', ')
  return text || (e.change === 'added' ? 'added to the registry' : 'details changed')
}

/** An ISO date-time as RFC 3339 in UTC (`2026-12-07T05:52:00Z`). */
function toRfc3339(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
