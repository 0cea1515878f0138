/**
 * The registry's change log, derived from its history: for each commit that touched a
 * jurisdiction's file, what changed there (enactments added, changed or removed, by title) and
 * which sources it added. Pure: the adapter reads the history (git) and hands in each changed
 * file's text before and after.
 */
import { parse } from 'yaml'
import { Type, type Static } from 'typebox'

/** One changed file in one commit, as the adapter reads it. */
export interface FileChange {
  /** Registry-relative path after the change (before it, for a removed file). */
  readonly path: string
  readonly before: string | null
  readonly after: string | null
}

/** One commit of the registry's history. */
export interface HistoryCommit {
  readonly commit: string
  /** ISO 8601 date-time of the commit. */
  readonly date: string
  readonly files: readonly FileChange[]
}

const EnactmentRef = Type.Object({ id: Type.String(), title: Type.String() })

/** One jurisdiction's change in one commit. */
export const ChangeEntrySchema = Type.Object({
  commit: Type.String({ description: 'The commit of the registry history (for the feed id; not shown on pages)' }),
  date: Type.String({ description: 'ISO 8601 date-time of the change' }),
  jurisdiction: Type.String({ description: 'OCD division ID' }),
  name: Type.String(),
  change: Type.Enum(['added', 'changed', 'removed'] as const, { description: "The jurisdiction's file(s): first added, changed, or removed" }),
  added: Type.Array(EnactmentRef, { description: 'Enactments added' }),
  changed: Type.Array(EnactmentRef, { description: 'Enactments whose text, dates, provisions or sources changed' }),
  removed: Type.Array(EnactmentRef, { description: 'Enactments removed' }),
  other: Type.Boolean({ description: 'Other parts of the file changed (notes, searches, GEOID, confidence…)' }),
  sources: Type.Array(Type.String(), { description: 'Source addresses first cited in this change (at most 20)' }),
  sourceCount: Type.Integer({ description: 'How many source addresses were first cited' }),
})
export type ChangeEntry = Static<typeof ChangeEntrySchema>

/** The committed change-log file (`changelog/registry-changes.json`). */
export const ChangelogSchema = Type.Object({
  kind: Type.Literal('registry-changelog'),
  through: Type.String({ description: 'The newest commit the log covers' }),
  throughDate: Type.String(),
  entries: Type.Array(ChangeEntrySchema, { description: 'Newest first' }),
})
export type Changelog = Static<typeof ChangelogSchema>

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** A file's value, or null when absent or unreadable (a malformed version is skipped, not fatal). */
function valueOf(text: string | null): Record<string, Json> | null {
  if (text === null) return null
  try {
    const body = text.replace(/^(#[^\n]*\n)+/, '')
    const v = (body.startsWith('{') ? JSON.parse(body) : parse(text)) as Json
    return v && typeof v === 'object' && !Array.isArray(v) && typeof v.id === 'string' ? v : null
  } catch {
    return null
  }
}

/** Drops maintainers' notes (never public) so a change to one alone is no public change. */
function publicPart(v: Json): Json {
  if (Array.isArray(v)) return v.map(publicPart)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'maintainerNote').map(([k, x]) => [k, publicPart(x)]))
  return v
}

function urls(v: Json, out: Set<string>): Set<string> {
  if (Array.isArray(v)) for (const x of v) urls(x, out)
  else if (v && typeof v === 'object') {
    if (typeof v.url === 'string' && typeof v.quote === 'string') out.add(v.url)
    for (const [k, x] of Object.entries(v)) if (k !== 'maintainerNote') urls(x, out)
  }
  return out
}

function enactments(v: Record<string, Json> | null): Map<string, { title: string; text: string; value: Json }> {
  const out = new Map<string, { title: string; text: string; value: Json }>()
  const list = v?.enactments
  if (!Array.isArray(list)) return out
  for (const e of list) {
    if (!e || typeof e !== 'object' || Array.isArray(e) || typeof e.id !== 'string') continue
    const value = publicPart(e)
    out.set(e.id, { title: typeof e.title === 'string' ? e.title : e.id, text: JSON.stringify(value), value })
  }
  return out
}

function restOf(v: Record<string, Json> | null): string {
  if (!v) return ''
  const { enactments: _e, ...rest } = v
  return JSON.stringify(publicPart(rest))
}

const isJurisdictionFile = (path: string) => path.startsWith('us') && path.endsWith('.yaml') && !path.endsWith('.cases.yaml') && !path.startsWith('federal/') && !path.startsWith('offense-classes/')

/**
 * The change entries of a history, newest first: one per commit and jurisdiction (a hand-written
 * and a generated file of one jurisdiction changed together make one entry). Commits whose files
 * changed only in maintainers' notes or formatting give none.
 *
 * @example
 * ```ts
 * deriveChanges([{ commit: 'abc', date: '2026-12-07T05:00:00Z', files: [{ path: 'us/state-al.yaml', before: null, after: text }] }])[0].change // 'added'
 * ```
 */
export function deriveChanges(history: readonly HistoryCommit[]): ChangeEntry[] {
  const entries: ChangeEntry[] = []
  const order = new Map<string, number>()
  history.forEach((c, i) => order.set(c.commit, i))
  for (const c of history) {
    const byJurisdiction = new Map<string, { name: string; before: Record<string, Json>[]; after: Record<string, Json>[]; existedBefore: boolean; existsAfter: boolean }>()
    for (const f of c.files) {
      if (!isJurisdictionFile(f.path)) continue
      const before = valueOf(f.before)
      const after = valueOf(f.after)
      const id = (after?.id ?? before?.id) as string | undefined
      if (!id) continue
      const slot = byJurisdiction.get(id) ?? { name: '', before: [], after: [], existedBefore: false, existsAfter: false }
      if (before) slot.before.push(before)
      if (after) slot.after.push(after)
      slot.existedBefore ||= before !== null
      slot.existsAfter ||= after !== null
      slot.name ||= String((after?.name ?? before?.name) || id)
      byJurisdiction.set(id, slot)
    }
    for (const [jurisdiction, s] of [...byJurisdiction.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const b = new Map([...s.before.flatMap((v) => [...enactments(v)])])
      const a = new Map([...s.after.flatMap((v) => [...enactments(v)])])
      const ref = (id: string, m: typeof a) => ({ id, title: m.get(id)!.title })
      const added = [...a.keys()].filter((id) => !b.has(id)).sort().map((id) => ref(id, a))
      const removed = [...b.keys()].filter((id) => !a.has(id)).sort().map((id) => ref(id, b))
      const changed = [...a.keys()].filter((id) => b.has(id) && b.get(id)!.text !== a.get(id)!.text).sort().map((id) => ref(id, a))
      const other = s.before.map(restOf).sort().join('\n') !== s.after.map(restOf).sort().join('\n')
      if (!added.length && !removed.length && !changed.length && !other) continue
      const oldUrls = new Set<string>()
      for (const v of s.before) urls(v, oldUrls)
      const newUrls = new Set<string>()
      for (const v of s.after) urls(v, newUrls)
      const fresh = [...newUrls].filter((u) => !oldUrls.has(u)).sort()
      entries.push({
        commit: c.commit,
        date: c.date,
        jurisdiction,
        name: s.name,
        change: !s.existedBefore ? 'added' : !s.existsAfter ? 'removed' : 'changed',
        added,
        changed,
        removed,
        other,
        sources: fresh.slice(0, 20),
        sourceCount: fresh.length,
      })
    }
  }
  // Newest first; commits in the same second in history order (later first).
  return entries.sort((x, y) => Date.parse(y.date) - Date.parse(x.date) || order.get(y.commit)! - order.get(x.commit)! || x.jurisdiction.localeCompare(y.jurisdiction))
}

/**
 * The change log as the committed file holds it.
 *
 * @example
 * ```ts
 * changelogOf(history, headCommit) // { kind: 'registry-changelog', through: headCommit, entries: [...] }
 * // `through`: the commit the history was read at (default its last commit)
 * ```
 */
export function changelogOf(history: readonly HistoryCommit[], head?: string): Changelog {
  const entries = deriveChanges(history)
  return { kind: 'registry-changelog', through: head ?? history.at(-1)?.commit ?? '', throughDate: entries[0]?.date ?? '', entries }
}

/**
 * The entries for one jurisdiction, newest first.
 *
 * @example
 * ```ts
 * changesFor(log, 'ocd-division/country:us/state:ca').length
 * ```
 */
export function changesFor(log: Changelog, jurisdiction: string): ChangeEntry[] {
  return log.entries.filter((e) => e.jurisdiction === jurisdiction)
}

/**
 * One entry in words: "2 enactments added: …; 1 changed: …; 3 sources first cited".
 *
 * @example
 * ```ts
 * changeWords(entry) // 'Added: California Values Act (SB 54). 2 new sources.'
 * ```
 */
export function changeWords(e: ChangeEntry): string {
  const list = (xs: readonly { title: string }[]) => (xs.length > 3 ? `${xs.slice(0, 3).map((x) => x.title).join('; ')} and ${xs.length - 3} more` : xs.map((x) => x.title).join('; '))
  const parts = [
    e.change === 'added' ? 'First in the registry.' : e.change === 'removed' ? 'Removed from the registry.' : '',
    e.added.length ? `Added: ${list(e.added)}.` : '',
    e.changed.length ? `Changed: ${list(e.changed)}.` : '',
    e.removed.length ? `Removed: ${list(e.removed)}.` : '',
    e.other && !e.added.length && !e.changed.length && !e.removed.length ? 'Notes or details of the entry changed.' : '',
    e.sourceCount ? `${e.sourceCount} source${e.sourceCount === 1 ? '' : 's'} first cited.` : '',
  ]
  return parts.filter(Boolean).join(' ')
}
