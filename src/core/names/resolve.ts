/**
 * Resolving what a person typed to one real division, or to a choice, or to "did you mean".
 *
 * The order, everywhere in the product:
 * 1. An OCD ID or a Census GEOID is looked up as-is; an ID that names no real division is unknown.
 * 2. Exact names (registry names and aliases, Census names with or without "County") — within the
 *    state given (`--state`, a ", TX" / " Texas" suffix) when there is one; a state the page is
 *    about (`prefer`) narrows the choice when it has a match. A state's own name wins over a city or
 *    county of that name ("Washington"), and in one state a full name wins over a county's bare
 *    name ("Los Angeles" is the city; "Los Angeles County" the county).
 * 3. Population: of the exact matches left, the most populous wins only when it has at least
 *    {@link DOMINANCE} times the residents of the next (a county matched by its bare name counts a
 *    tenth: "Houston" is the city of 2.3 million, not Houston County, Georgia). Otherwise — or
 *    when a population is not known — the answer is `ambiguous`, with the candidates.
 * 4. Nothing exact: `unknown`, with fuzzy "did you mean" suggestions (fuse.js), most populous first.
 */
import Fuse from 'fuse.js'
import { AppError, type ErrorChoice } from '../errors/index.ts'
import { parseOcdId } from '../ocd/index.ts'
import type { NameEntry, NameIndex, Tier } from './build.ts'
import { lawMatch, rankLaws, sameNameWithQualifier, type LawEntry } from './laws.ts'
import { normalizeLawText, normalizeName } from './normalize.ts'
import type { Candidate, LawResult, Resolution } from './schemas.ts'

/** The most populous exact match wins only with at least this many times the residents of the next. */
export const DOMINANCE = 10
/** A county matched by its bare name ("Houston" for Houston County) counts this share of its residents. */
export const SHORT_NAME_WEIGHT = 0.1

/** State context for a name. */
export interface NameContext {
  /** A state code the user gave (`--state tx`, `?state=TX`): only matches in that state count. */
  readonly state?: string | null
  /** The state of the page the form is on: preferred when it has a match, ignored when not. */
  readonly prefer?: string | null
}

interface Hit {
  readonly entry: NameEntry
  readonly tier: Tier
}

/** A reading of the query: the name and the state it names, and how firmly. */
interface Reading {
  readonly text: string
  readonly state: string | null
  /** `typed`: after a comma ("Harris County, TX"); `word`: a trailing state without a comma ("Harris County TX"); `given`: the context. */
  readonly how: 'typed' | 'word' | 'given' | 'none'
}

function stateCode(index: NameIndex, text: string | null | undefined, field: string): string | null {
  if (!text) return null
  const code = index.stateNames.get(normalizeName(text))
  if (!code) throw new AppError('invalid-input', `"${text}" is not a U.S. state, district or territory (give its two-letter code, e.g. TX)`, { field })
  return code
}

function readings(index: NameIndex, raw: string, given: string | null): Reading[] {
  const out: Reading[] = []
  const comma = raw.lastIndexOf(',')
  if (comma > 0) {
    const state = index.stateNames.get(normalizeName(raw.slice(comma + 1)))
    const text = normalizeName(raw.slice(0, comma))
    if (state && text) out.push({ text, state, how: 'typed' })
  }
  const whole = normalizeName(raw)
  out.push({ text: whole, state: given, how: given ? 'given' : 'none' })
  const words = whole.split(' ')
  for (let k = Math.min(3, words.length - 1); k >= 1; k--) {
    const state = index.stateNames.get(words.slice(-k).join(' '))
    if (state && (!given || given === state)) {
      out.push({ text: words.slice(0, -k).join(' '), state, how: 'word' })
      break
    }
  }
  return out
}

const effective = (h: Hit): number | null => (h.entry.candidate.population === null ? null : h.entry.candidate.population * (h.tier === 'short' ? SHORT_NAME_WEIGHT : 1))
const isStateLevel = (c: Candidate) => c.level === 'state' || c.level === 'district' || c.level === 'country'

function exactHits(index: NameIndex, r: Reading): Hit[] {
  const hits = index.exact.get(r.text) ?? []
  return r.state ? hits.filter((h) => h.entry.candidate.state === r.state) : [...hits]
}

/** In each state, a full-name match drops the bare-county-name matches. */
function prune(hits: readonly Hit[]): Hit[] {
  const fullIn = new Set(hits.filter((h) => h.tier === 'full').map((h) => h.entry.candidate.state))
  return hits.filter((h) => h.tier === 'full' || !fullIn.has(h.entry.candidate.state))
}

function order(hits: readonly Hit[], prefer: string | null): Hit[] {
  return [...hits].sort(
    (a, b) =>
      Number(isStateLevel(b.entry.candidate) && b.tier === 'full') - Number(isStateLevel(a.entry.candidate) && a.tier === 'full') ||
      Number(b.entry.candidate.state === prefer) - Number(a.entry.candidate.state === prefer) ||
      (effective(b) ?? -1) - (effective(a) ?? -1) ||
      Number(a.tier === 'short') - Number(b.tier === 'short') ||
      Number(b.entry.candidate.inRegistry) - Number(a.entry.candidate.inRegistry) ||
      LEVEL_ORDER[a.entry.candidate.level] - LEVEL_ORDER[b.entry.candidate.level] ||
      a.entry.candidate.name.localeCompare(b.entry.candidate.name),
  )
}

const LEVEL_ORDER = { state: 0, district: 0, country: 1, place: 2, county: 3 } as const

const people = (n: number) => n.toLocaleString('en-US')

function decide(query: string, hits: readonly Hit[], reading: Reading): Resolution {
  const list = order(prune(hits), null)
  const inState = reading.state ? ` in ${reading.state}` : ''
  const stateLevel = list.filter((h) => isStateLevel(h.entry.candidate) && h.tier === 'full')
  if (stateLevel.length === 1) return { kind: 'resolved', query, jurisdiction: stateLevel[0]!.entry.candidate, by: 'name', reason: `"${query}" is the name of ${stateLevel[0]!.entry.candidate.name}` }
  if (list.length === 1) {
    const only = list[0]!.entry.candidate
    return reading.state
      ? { kind: 'resolved', query, jurisdiction: only, by: 'state', reason: `the only match for "${reading.text}"${inState} is ${only.name}` }
      : { kind: 'resolved', query, jurisdiction: only, by: 'name', reason: `the only match for "${query}" is ${only.name}` }
  }
  const [first, second] = list
  const p1 = first ? effective(first) : null
  const p2 = second ? effective(second) : null
  if (first && p1 !== null && list.every((h) => effective(h) !== null) && p2 !== null && p1 >= DOMINANCE * Math.max(p2, 1)) {
    const c = first.entry.candidate
    const s = second!.entry.candidate
    return {
      kind: 'resolved',
      query,
      jurisdiction: c,
      by: 'population',
      reason: `${list.length} places match "${query}"${inState}; ${c.name} (${people(c.population!)} residents) has more than ${DOMINANCE} times the next, ${s.name} (${people(s.population!)})`,
    }
  }
  const why = list.some((h) => effective(h) === null) ? 'and their populations are not all known' : `and none has ${DOMINANCE} times the residents of the next`
  return { kind: 'ambiguous', query, candidates: list.map((h) => h.entry.candidate), reason: `${list.length} places match "${query}"${inState}, ${why}` }
}

/**
 * Resolves a typed name, OCD ID or GEOID to one division, a choice, or suggestions.
 *
 * @example
 * ```ts
 * resolveName(names, 'Harris County, TX') // { kind: 'resolved', jurisdiction: { jurisdiction: '…/state:tx/county:harris', … }, by: 'state', … }
 * resolveName(names, 'Harris County').kind // 'resolved' by population (4.8 million against 35,000), or 'ambiguous' without populations
 * resolveName(names, 'Harriss').kind // 'unknown', suggestions[0].name 'Harris County, TX'
 * ```
 */
export function resolveName(index: NameIndex, text: string, context: NameContext = {}): Resolution {
  const query = text.trim()
  const given = stateCode(index, context.state, 'state')
  const prefer = context.prefer ? (index.stateNames.get(normalizeName(context.prefer)) ?? null) : null
  if (!query) return { kind: 'unknown', query, suggestions: [], reason: 'nothing was typed' }
  if (query.startsWith('ocd-division/')) {
    const entry = index.byId.get(query)
    if (entry) return { kind: 'resolved', query, jurisdiction: entry.candidate, by: 'id', reason: `${query} is ${entry.candidate.name}` }
    return { kind: 'unknown', query, suggestions: suggestForId(index, query), reason: unknownIdReason(index, query) }
  }
  if (/^\d{2}$|^\d{5}$|^\d{7}$/.test(query)) {
    const entry = index.byGeoid.get(query)
    if (entry) return { kind: 'resolved', query, jurisdiction: entry.candidate, by: 'geoid', reason: `Census GEOID ${query} is ${entry.candidate.name}` }
    return { kind: 'unknown', query, suggestions: [], reason: `no state, county or place has Census GEOID ${query}` }
  }
  const all = readings(index, query, given)
  for (const r of all) {
    if (!r.text) continue
    const hits = exactHits(index, r)
    if (hits.length === 0) continue
    if (prefer && !r.state) {
      const preferred = hits.filter((h) => h.entry.candidate.state === prefer)
      if (preferred.length > 0) return decide(query, preferred, { ...r, state: prefer })
    }
    return decide(query, hits, r)
  }
  const typed = all.find((r) => r.how === 'typed' || r.how === 'given')
  const suggestions = searchNames(index, typed?.text ?? normalizeName(query), { state: typed?.state ?? null, limit: 5, fuzzyOnly: true })
  const elsewhere = typed?.state ? (index.exact.get(typed.text) ?? []).map((h) => h.entry.candidate) : []
  const where = typed?.state ? ` in ${typed.state}` : ''
  return {
    kind: 'unknown',
    query,
    suggestions: dedupe([...suggestions, ...order(elsewhere.map((c) => ({ entry: index.byId.get(c.jurisdiction)!, tier: 'full' as const })), null).map((h) => h.entry.candidate)]).slice(0, 5),
    reason: `no state, county or city${index.placesListed ? '' : ' in the registry'} is named "${typed?.text ?? query}"${where}`,
  }
}

function dedupe(list: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>()
  return list.filter((c) => !seen.has(c.jurisdiction) && Boolean(seen.add(c.jurisdiction)))
}

function unknownIdReason(index: NameIndex, id: string): string {
  const ocd = parseOcdId(id)
  if (!ocd) return `"${id}" is not a U.S. OCD division ID (e.g. ocd-division/country:us/state:ca/county:fresno)`
  if (ocd.state && !index.byId.has(ocd.ancestors[1] ?? '')) return `there is no state or district "${ocd.state}" (in ${id})`
  if (ocd.level === 'place' && !index.placesListed) return `${id} is not a place in the registry (the Census list of places is not loaded, so only the registry's places are known)`
  return `${id} is not a real ${ocd.level === 'place' ? 'place' : 'county or county-equivalent'} in the registry or the Census lists`
}

function suggestForId(index: NameIndex, id: string): Candidate[] {
  const ocd = parseOcdId(id)
  const tail = /([a-z]+):([^/]*)$/.exec(id)
  const words = normalizeName((ocd?.segmentValue ?? tail?.[2] ?? '').replace(/[_~.-]+/g, ' '))
  if (!words || /^[a-z]{2}$/.test(words)) return []
  const state = ocd?.state && index.byId.has(ocd.ancestors[1] ?? '') ? ocd.state.toUpperCase() : null
  return searchNames(index, words, { state, limit: 5, fuzzyOnly: false })
}

// ---------------------------------------------------------------------------------------------
// Search: every match, best first.

/**
 * Near spellings: a trigram index narrows the names to the few hundred sharing the most
 * three-letter runs with the query, and fuse.js scores those (scoring all 70,000 names of a full
 * gazetteer takes half a second; this takes milliseconds).
 */
interface Fuzzy {
  readonly names: readonly string[]
  /** For each distinct name, the entries that have it. */
  readonly owners: readonly (readonly number[])[]
  readonly trigrams: ReadonlyMap<string, readonly number[]>
}

const trigramsOf = (name: string): string[] => {
  const padded = `  ${name} `
  const out = new Set<string>()
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3))
  return [...out]
}

function fuzzyIndex(index: NameIndex): Fuzzy {
  const cache = index.cache as { fuzzy?: Fuzzy }
  if (cache.fuzzy) return cache.fuzzy
  const ids = new Map<string, number>()
  const names: string[] = []
  const owners: number[][] = []
  index.entries.forEach((e, i) => {
    for (const n of [...e.full, ...e.short]) {
      let id = ids.get(n)
      if (id === undefined) {
        id = names.length
        ids.set(n, id)
        names.push(n)
        owners.push([])
      }
      if (!owners[id]!.includes(i)) owners[id]!.push(i)
    }
  })
  const trigrams = new Map<string, number[]>()
  names.forEach((n, id) => {
    for (const t of trigramsOf(n)) {
      const list = trigrams.get(t)
      if (list) list.push(id)
      else trigrams.set(t, [id])
    }
  })
  const made: Fuzzy = { names, owners, trigrams }
  cache.fuzzy = made
  return made
}

/**
 * Entries with names near `q`, each with its best fuse.js score (0 exact … 1 nothing alike) and,
 * for ties, how many letters the best-matching name differs from `q` in length ("hariss" is nearer
 * "harris" than "harrison").
 */
function nearNames(index: NameIndex, q: string, pool = 300): { entry: NameEntry; score: number; lengthGap: number }[] {
  const f = fuzzyIndex(index)
  const shared = new Map<number, number>()
  for (const t of trigramsOf(q)) for (const id of f.trigrams.get(t) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1)
  const top = [...shared.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, pool).map(([id]) => id)
  const fuse = new Fuse(top.map((id) => ({ id, name: f.names[id]! })), { keys: ['name'], includeScore: true, threshold: 0.4, ignoreLocation: true, minMatchCharLength: 2 })
  const best = new Map<number, { score: number; lengthGap: number }>()
  for (const r of fuse.search(q)) {
    const score = r.score ?? 1
    const lengthGap = Math.abs(r.item.name.length - q.length)
    for (const i of f.owners[r.item.id]!) {
      const seen = best.get(i)
      if (!seen || score < seen.score || (score === seen.score && lengthGap < seen.lengthGap)) best.set(i, { score, lengthGap })
    }
  }
  return [...best.entries()].map(([i, b]) => ({ entry: index.entries[i]!, ...b }))
}

/** Each entry's full names as one string, " harris county harris ", for word-prefix tests without splitting at query time. */
function wordText(index: NameIndex): readonly string[] {
  const cache = index.cache as { words?: readonly string[] }
  cache.words ??= index.entries.map((e) => ` ${e.full.join(' ')} `)
  return cache.words
}

/** Every distinct name (full and short), sorted, with the entries that have it. */
function prefixIndex(index: NameIndex): { readonly sorted: readonly string[]; readonly owners: readonly (readonly number[])[] } {
  const cache = index.cache as { prefix?: { sorted: string[]; owners: number[][] } }
  if (cache.prefix) return cache.prefix
  const byName = new Map<string, number[]>()
  index.entries.forEach((e, i) => {
    for (const n of [...e.full, ...e.short]) {
      const list = byName.get(n)
      if (!list) byName.set(n, [i])
      else if (!list.includes(i)) list.push(i)
    }
  })
  const sorted = [...byName.keys()].sort()
  cache.prefix = { sorted, owners: sorted.map((n) => byName.get(n)!) }
  return cache.prefix
}

/** The first position in `sorted` whose name is not below `q`. */
function lowerBound(sorted: readonly string[], q: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! < q) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Options of {@link searchNames}. */
export interface SearchOptions {
  /** Only this state (postal code). */
  readonly state?: string | null
  /** This state's matches first. */
  readonly prefer?: string | null
  readonly limit?: number
  /** Only near spellings (for suggestions after exact matching failed). */
  readonly fuzzyOnly?: boolean
  /** `false`: no near spellings (the query is known to be something else, a law's name). */
  readonly fuzzy?: boolean
}

/**
 * Every division matching a query, best first: exact names (ordered as {@link resolveName} orders
 * them), then names that start with it, then names holding all its words, then near spellings.
 *
 * @example
 * ```ts
 * searchNames(names, 'Cook').map((c) => c.name) // ['Cook County', 'Cook County, GA', 'Cook County, MN', …]
 * searchNames(names, 'Harriss')[0]?.name // 'Harris County, TX' (typo tolerance)
 * ```
 */
export function searchNames(index: NameIndex, query: string, options: SearchOptions = {}): Candidate[] {
  const limit = options.limit ?? 20
  const raw = query.trim()
  if (!raw) return []
  if (raw.startsWith('ocd-division/') || /^\d{2}$|^\d{5}$|^\d{7}$/.test(raw)) {
    const e = index.byId.get(raw) ?? index.byGeoid.get(raw)
    return e ? [e.candidate] : []
  }
  const given = options.state ? (index.stateNames.get(normalizeName(options.state)) ?? null) : null
  const prefer = options.prefer ? (index.stateNames.get(normalizeName(options.prefer)) ?? null) : null
  const rs = readings(index, raw, given).filter((x) => x.text)
  const r = rs.find((x) => exactHits(index, x).length > 0) ?? rs.find((x) => x.how === 'typed') ?? rs.find((x) => x.how === 'given' || x.how === 'none')
  if (!r) return []
  const q = r.text
  if (!q) return []
  const inState = (e: NameEntry) => !r.state || e.candidate.state === r.state
  const out: NameEntry[] = []
  const seen = new Set<string>()
  const push = (list: readonly NameEntry[]) => {
    for (const e of list) {
      if (seen.has(e.candidate.jurisdiction)) continue
      seen.add(e.candidate.jurisdiction)
      out.push(e)
    }
  }
  const byPopulation = (list: NameEntry[]) =>
    list.sort(
      (a, b) =>
        Number(b.candidate.state === prefer) - Number(a.candidate.state === prefer) ||
        Number(isStateLevel(b.candidate)) - Number(isStateLevel(a.candidate)) ||
        (b.candidate.population ?? -1) - (a.candidate.population ?? -1) ||
        Number(b.candidate.inRegistry) - Number(a.candidate.inRegistry) ||
        LEVEL_ORDER[a.candidate.level] - LEVEL_ORDER[b.candidate.level] ||
        a.candidate.name.localeCompare(b.candidate.name),
    )
  let exactFound = false
  if (!options.fuzzyOnly) {
    const exact = (index.exact.get(q) ?? []).filter((h) => inState(h.entry))
    exactFound = exact.length > 0
    const preferred = prefer ? exact.filter((h) => h.entry.candidate.state === prefer) : []
    push(order(preferred, prefer).map((h) => h.entry))
    push(order(exact, prefer).map((h) => h.entry))
    if (out.length < limit) {
      // Names that start with the query, from the sorted list of names (a binary search, not a scan).
      const { sorted, owners } = prefixIndex(index)
      const prefix = new Set<NameEntry>()
      for (let k = lowerBound(sorted, q); k < sorted.length && sorted[k]!.startsWith(q); k++) for (const i of owners[k]!) if (!seen.has(index.entries[i]!.candidate.jurisdiction) && inState(index.entries[i]!)) prefix.add(index.entries[i]!)
      push(byPopulation([...prefix]))
    }
    if (out.length < limit && q.length >= 2) {
      // Names holding every word of the query as a word or the start of one ("fran" in San Francisco).
      const text = wordText(index)
      const needles = q.split(' ').map((w) => ` ${w}`)
      const allWords: NameEntry[] = []
      index.entries.forEach((e, i) => {
        if (!seen.has(e.candidate.jurisdiction) && inState(e) && needles.every((w) => text[i]!.includes(w))) allWords.push(e)
      })
      push(byPopulation(allWords))
    }
  }
  // Near spellings when the query found little and no place has its exact name: a typo, or a name
  // not spelled as the Census does ("Harris County" in Georgia is that county, not "Harrison County" too).
  if (!exactFound && out.length < Math.min(limit, 5) && q.length >= 3 && options.fuzzy !== false) {
    const near = nearNames(index, q)
      .map((f) => ({ e: f.entry, score: Math.round(f.score * 10) / 10, raw: f.score, gap: f.lengthGap }))
      .filter((f) => inState(f.e) && !seen.has(f.e.candidate.jurisdiction))
      .sort((a, b) => a.score - b.score || (b.e.candidate.population ?? -1) - (a.e.candidate.population ?? -1) || a.raw - b.raw || a.gap - b.gap || Number(b.e.candidate.inRegistry) - Number(a.e.candidate.inRegistry) || a.e.candidate.name.localeCompare(b.e.candidate.name))
    push(near.map((f) => f.e))
  }
  return out.slice(0, limit).map((e) => e.candidate)
}

// ---------------------------------------------------------------------------------------------
// Laws.

function lawFuzzy(index: NameIndex): Fuse<LawEntry> {
  const cache = index.cache as { lawFuzzy?: Fuse<LawEntry> }
  const made = cache.lawFuzzy ?? new Fuse<LawEntry>([...index.laws], { keys: ['title', 'keys'], includeScore: true, threshold: 0.3, ignoreLocation: true, minMatchCharLength: 3 })
  cache.lawFuzzy = made
  return made
}

/**
 * Laws matching a name, number, citation or topic, best first; near spellings when nothing matches
 * (unless `fuzzy` is false).
 * `state` keeps only that state's laws (not federal ones).
 *
 * @example
 * ```ts
 * searchLaws(names, 'SB54')[0]?.enactment // 'ca-sb54'
 * searchLaws(names, 'TRUST Act').map((l) => l.state) // ['CA', 'CT', 'IL', 'MA', …]
 * ```
 */
export function searchLaws(index: NameIndex, query: string, options: { readonly state?: string | null; readonly limit?: number; readonly fuzzy?: boolean } = {}): LawResult[] {
  const q = normalizeLawText(query)
  if (!q) return []
  const state = options.state ? (index.stateNames.get(normalizeName(options.state)) ?? options.state.toUpperCase()) : null
  const found: { law: LawEntry; match: LawResult['match'] }[] = []
  for (const law of index.laws) {
    if (state && law.result.state !== state) continue
    const match = lawMatch(law, q)
    if (match) found.push({ law, match })
  }
  if (found.length === 0 && q.length >= 4 && options.fuzzy !== false) {
    for (const f of lawFuzzy(index).search(q, { limit: 5 })) if (!state || f.item.result.state === state) found.push({ law: f.item, match: 'fuzzy' })
  }
  return rankLaws(found, state).slice(0, options.limit ?? 20)
}

/** What a typed law name resolves to. */
export type LawResolution =
  | { readonly kind: 'resolved'; readonly query: string; readonly law: LawResult }
  | { readonly kind: 'ambiguous'; readonly query: string; readonly candidates: readonly LawResult[] }
  | { readonly kind: 'unknown'; readonly query: string; readonly suggestions: readonly LawResult[] }

/**
 * One law by name or number: resolved when one enactment has that exact name or number and no
 * other act goes by it with a qualifier ("TRUST Act" is California's, Illinois', Connecticut's and
 * Boston's: ambiguous), or when only one matches at all.
 *
 * @example
 * ```ts
 * resolveLaw(names, 'SB 54') // { kind: 'resolved', law: { enactment: 'ca-sb54', … } }
 * resolveLaw(names, 'TRUST Act', { state: 'il' }) // resolved: il-trust
 * ```
 */
export function resolveLaw(index: NameIndex, query: string, options: { readonly state?: string | null } = {}): LawResolution {
  const q = normalizeLawText(query)
  const list = searchLaws(index, query, { ...options, limit: 1000 })
  const matched = list.filter((l) => l.match !== 'fuzzy')
  if (matched.length === 0) return { kind: 'unknown', query, suggestions: list.slice(0, 5) }
  const entry = (l: LawResult) => index.laws.find((x) => x.result.enactment === l.enactment)!
  // its number, or its whole name (a title that merely contains the query is not exact)
  const exact = matched.filter((l) => l.match === 'number' || entry(l).keys.includes(q))
  if (exact.length === 1 && !matched.some((l) => l !== exact[0] && sameNameWithQualifier(entry(l), q))) return { kind: 'resolved', query, law: exact[0]! }
  if (matched.length === 1) return { kind: 'resolved', query, law: matched[0]! }
  // Several acts by that exact name: those, and the acts that bear it with a qualifier ("Illinois TRUST Act").
  const named = exact.length > 1 ? [...exact, ...matched.filter((l) => !exact.includes(l) && sameNameWithQualifier(entry(l), q))] : matched
  return { kind: 'ambiguous', query, candidates: named }
}

// ---------------------------------------------------------------------------------------------
// For adapters: one division or an AppError naming the field.

/**
 * A candidate as an error's choice.
 *
 * @example
 * ```ts
 * toChoice(candidate) // { id: '…/state:tx/county:harris', name: 'Harris County, TX', type: 'county', state: 'TX' }
 * ```
 */
export function toChoice(c: Candidate): ErrorChoice {
  return { id: c.jurisdiction, name: c.name, type: c.type, state: c.state }
}

const list = (cs: readonly Candidate[]) => cs.map((c) => c.name).join('; ')

/**
 * The one division a typed name or ID means, or an {@link AppError} naming `field`: `invalid-input`
 * with `candidates` when ambiguous, `not-found` with `suggestions` when unknown (an OCD ID that
 * names no real division among them: `ocd-division/country:us/state:zz/county:nowhere`).
 *
 * @example
 * ```ts
 * requireJurisdiction(names, 'Harris County, TX', { field: 'jurisdiction' }).jurisdiction // '…/state:tx/county:harris'
 * requireJurisdiction(names, 'ocd-division/country:us/state:zz/county:nowhere', { field: 'jurisdiction' }) // throws not-found
 * ```
 */
export function requireJurisdiction(index: NameIndex, text: string, options: NameContext & { readonly field: string }): Candidate {
  let r: Resolution
  try {
    r = resolveName(index, text, options)
  } catch (e) {
    if (e instanceof AppError && e.location.field === 'state') throw new AppError(e.code, e.message, { field: options.field === 'jurisdiction' || options.field === 'q' ? 'state' : `${options.field}.state` })
    throw e
  }
  return jurisdictionOrThrow(r, options.field)
}

/**
 * The division of a resolution, or the error for an ambiguous or unknown one.
 *
 * @example
 * ```ts
 * jurisdictionOrThrow(resolveName(names, 'Cook'), 'q')
 * ```
 */
export function jurisdictionOrThrow(r: Resolution, field: string): Candidate {
  if (r.kind === 'resolved') return r.jurisdiction
  if (r.kind === 'ambiguous') {
    const shown = r.candidates.slice(0, 8)
    throw new AppError(
      'invalid-input',
      `"${r.query}" is ambiguous: ${r.reason}. Choose one — ${list(shown)}${r.candidates.length > shown.length ? `; and ${r.candidates.length - shown.length} more` : ''} — or add the state ("${r.query}, TX")`,
      { field },
      { candidates: r.candidates.map(toChoice) },
    )
  }
  const did = r.suggestions.length ? `; did you mean ${list(r.suggestions)}?` : ''
  throw new AppError('not-found', `${r.reason}${did}`, { field }, { suggestions: r.suggestions.map(toChoice) })
}
