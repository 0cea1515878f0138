/**
 * Search by name or alias over the registry's jurisdictions and every state and county of the
 * gazetteer, as one list: a county with a registry file appears once, under its registry ID, and
 * matches its registry name, its aliases and its Census name alike.
 */
import { labelFromOcdId, parseOcdId } from '../ocd/index.ts'
import type { Registry } from '../registry/index.ts'
import type { Gazetteer } from './gazetteer.ts'
import type { SearchResult } from './schemas.ts'

interface Entry {
  readonly result: SearchResult
  /** Normalised names, each also with the state code and name appended. */
  readonly names: readonly string[]
  readonly withState: readonly string[]
  readonly rank: number
}

/** A prepared search over one registry and gazetteer. */
export interface SearchIndex {
  readonly kind: 'search-index'
  readonly entries: readonly Entry[]
  readonly byId: ReadonlyMap<string, Entry>
  readonly byGeoid: ReadonlyMap<string, Entry>
}

/**
 * Lower case, accents dropped, every run of other characters one space.
 *
 * @example
 * ```ts
 * normalizeName("Prince George's County, MD") // 'prince george s county md'
 * ```
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

// On equal matches: a state first ("Ohio": the state, not Ohio County, Indiana), then a city, then
// a county ("Los Angeles": the city, then the county); and a registry file before a bare Census
// name ("Cook": Cook County, Illinois, before Georgia's).
const LEVEL_PENALTY = { country: 4, state: 0, district: 0, county: 2, place: 1 } as const
const IN_REGISTRY_BONUS = 5

/**
 * Prepares the search index.
 *
 * @example
 * ```ts
 * const index = buildSearchIndex(registry, gazetteer)
 * search(index, 'SF')[0]?.jurisdiction // 'ocd-division/country:us/state:ca/county:san_francisco'
 * ```
 */
export function buildSearchIndex(registry: Registry, gazetteer: Gazetteer): SearchIndex {
  const entries: Entry[] = []
  const entry = (result: SearchResult, rawNames: readonly string[], stateNames: readonly string[]): Entry => {
    const names = [...new Set(rawNames.map(normalizeName).filter(Boolean))]
    const suffixes = stateNames.map(normalizeName).filter(Boolean)
    const withState = [...new Set([...names, ...names.flatMap((n) => suffixes.map((s) => `${n} ${s}`))])]
    const e: Entry = { result: Object.freeze(result), names, withState, rank: (result.inRegistry ? IN_REGISTRY_BONUS : 0) - LEVEL_PENALTY[result.level] }
    entries.push(e)
    return e
  }
  const stateSuffixes = (code: string | undefined) => {
    if (!code) return []
    const s = gazetteer.stateByCode.get(code.toLowerCase())
    return s ? [s.code, s.name] : [code]
  }

  for (const j of registry.jurisdictions.values()) {
    const county = j.level === 'county' ? gazetteer.countyByJurisdiction.get(j.id) : undefined
    const state = j.level === 'state' || j.level === 'district' ? gazetteer.stateByCode.get(j.state ?? '') : undefined
    const geoid = county?.geoid ?? state?.fips ?? (j.geoid.kind === 'known' ? j.geoid.value.code : null)
    const names = [j.name, ...j.aliases, labelFromOcdId(j.id).replace(/, [A-Z]{2}$/, ''), ...(county ? [county.name] : []), ...(state ? [state.name, state.code] : [])]
    entry({ jurisdiction: j.id, name: j.name, level: j.level, state: j.state?.toUpperCase() ?? null, inRegistry: true, geoid }, names, stateSuffixes(j.state))
  }
  for (const s of gazetteer.states) {
    if (s.inRegistry) continue
    entry({ jurisdiction: s.jurisdiction, name: s.name, level: s.level, state: s.code, inRegistry: false, geoid: s.fips }, [s.name, s.code], [])
  }
  for (const c of gazetteer.counties) {
    if (c.inRegistry || c.jurisdiction.startsWith('ocd-division/country:us/district:')) continue
    const label = c.label.replace(/, [A-Z]{2}$/, '')
    entry({ jurisdiction: c.jurisdiction, name: c.label, level: 'county', state: c.state, inRegistry: false, geoid: c.geoid }, [c.name, label], stateSuffixes(c.state))
  }
  return Object.freeze({
    kind: 'search-index',
    entries: Object.freeze(entries),
    byId: new Map(entries.map((e) => [e.result.jurisdiction, e])),
    byGeoid: new Map(entries.filter((e) => e.result.geoid).map((e) => [e.result.geoid!, e])),
  })
}

/**
 * Finds jurisdictions and counties by OCD ID, Census GEOID, name or alias; best matches first.
 * Whole-name matches (optionally followed by the state's code or name) rank above prefixes, then
 * substrings (queries of three or more characters), then names containing every word.
 *
 * @example
 * ```ts
 * search(index, 'Cook', 5).map((r) => r.jurisdiction)[0] // 'ocd-division/country:us/state:il/county:cook'
 * ```
 */
export function search(index: SearchIndex, query: string, limit = 20): SearchResult[] {
  const raw = query.trim()
  const exact = index.byId.get(raw) ?? (/^\d{2}(\d{3})?$/.test(raw) ? index.byGeoid.get(raw) : undefined)
  if (exact) return [exact.result]
  if (parseOcdId(raw)) return []
  const q = normalizeName(raw)
  if (!q) return []
  const words = q.split(' ')
  const scored: { e: Entry; score: number }[] = []
  for (const e of index.entries) {
    let score = 0
    if (e.withState.includes(q)) score = 100
    else if (e.names.some((n) => n.startsWith(q))) score = 60
    else if (q.length >= 3 && e.withState.some((n) => n.includes(q))) score = 40
    else if (words.every((w) => e.withState.some((n) => n.split(' ').includes(w)))) score = 30
    if (score > 0) scored.push({ e, score: score + e.rank })
  }
  return scored
    .sort((a, b) => b.score - a.score || a.e.result.name.localeCompare(b.e.result.name) || a.e.result.jurisdiction.localeCompare(b.e.result.jurisdiction))
    .slice(0, limit)
    .map((s) => s.e.result)
}
