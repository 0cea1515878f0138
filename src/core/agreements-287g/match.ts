/**
 * Matching a 287(g) sheet row to the jurisdiction whose agency signed it: a sheriff's office to
 * its county (by state and county name), a police department to its Census place (by name, with
 * the agency's ZIP code from `agreements.csv` to choose between places of the same name), a
 * state agency to its state. Pure: the gazetteer is handed in.
 */
import type { Level } from '../ocd/index.ts'
import type { DirectoryRow, Model287g, SheetRow } from './sheets.ts'

/** What matching needs of the gazetteer (built by the adapter from us-atlas, us-geo and the registry). */
export interface MatchGazetteer {
  readonly states: readonly { readonly code: string; readonly name: string; readonly fips: string; readonly jurisdiction: string; readonly level: 'state' | 'district' }[]
  readonly counties: readonly { readonly geoid: string; readonly name: string; readonly state: string; readonly jurisdiction: string; readonly label: string; readonly cityNames: readonly string[] }[]
  readonly places: readonly { readonly geoid: string; readonly name: string; readonly state: string; readonly jurisdiction: string; readonly countyGeoid: string | null; readonly population: number | null }[]
  /** ZIP code → Census place GEOIDs (ZCTA overlap). */
  readonly zipPlaces?: ReadonlyMap<string, readonly string[]>
  /** ZIP code → county GEOIDs (ZCTA overlap). */
  readonly zipCounties?: ReadonlyMap<string, readonly string[]>
}

/** The jurisdiction a row was attached to, and how. */
export interface MatchedJurisdiction {
  readonly kind: 'matched'
  readonly jurisdiction: string
  readonly level: Level
  readonly name: string
  /** Census GEOID (2, 5 or 7 digits). */
  readonly geoid: string
  readonly state: string
  readonly by: 'state-agency' | 'county-name' | 'county-name-fuzzy' | 'agency-county-name' | 'zip-county' | 'place-name' | 'place-zip' | 'place-county' | 'city-county'
}

/** A row no jurisdiction could be found for, and why. */
export interface Unmatched {
  readonly kind: 'unmatched'
  readonly reason: string
}

/**
 * A name as a comparison key: accents, case, punctuation and spaces dropped; "Saint" as "St".
 *
 * @example
 * ```ts
 * nameKey('St. Lucie') === nameKey('Saint Lucie') // true
 * ```
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/\bste\.?\b/g, 'ste')
    .replace(/[^a-z0-9]/g, '')
}

/**
 * A county name as a key: "Cherokee County", "Orleans Parish", "Cherokee" all → `cherokee`.
 *
 * @example
 * ```ts
 * countyKey('DeKalb County') === countyKey('De Kalb') // true
 * ```
 */
export function countyKey(name: string): string {
  return nameKey(name.replace(/\b(county|parish|borough|census area|city and borough|municipality)\s*$/i, ''))
}

/**
 * An agency name as a key for joining the sheet to `agreements.csv` ("Colbert County Sheriff's
 * Office" and "colbert county sheriff" agree).
 *
 * @example
 * ```ts
 * agencyKey("Colbert County Sheriff's Office") // 'colbert county sheriff'
 * ```
 */
export function agencyKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]s\b/g, 's')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !AGENCY_NOISE.has(w))
    .map((w) => (w === 'sheriffs' ? 'sheriff' : w === 'saint' ? 'st' : w))
    .join(' ')
}

const AGENCY_NOISE = new Set(['the', 'of', 'city', 'town', 'village', 'office', 'department', 'departent', 'dept', 'services', 'service'])

/**
 * The place a municipal agency is named after: "City of Melbourne Police Department" → Melbourne.
 *
 * @example
 * ```ts
 * placeNameOfAgency('Boca Raton Police Services Department') // 'Boca Raton'
 * ```
 */
export function placeNameOfAgency(agency: string): string {
  let s = agency.replace(/\(.*?\)/g, ' ').replace(/\s+/g, ' ').trim()
  s = s.replace(/^(the\s+)?(city|town|village|borough|township)\s+of\s+/i, '')
  const cut = /\s+(police|department|dept\b|public safety|marshal|law enforcement|sheriff|constable|security)/i.exec(s)
  if (cut) s = s.slice(0, cut.index)
  return s.replace(/[,\s]+$/, '').trim()
}

/** The gazetteer indexed for matching. */
export interface MatchIndex {
  readonly kind: 'match-index'
  readonly gazetteer: MatchGazetteer
  readonly stateByName: ReadonlyMap<string, MatchGazetteer['states'][number]>
  readonly countyByKey: ReadonlyMap<string, MatchGazetteer['counties'][number]>
  readonly countyByGeoid: ReadonlyMap<string, MatchGazetteer['counties'][number]>
  readonly countyByCityName: ReadonlyMap<string, MatchGazetteer['counties'][number]>
  readonly placesByKey: ReadonlyMap<string, readonly MatchGazetteer['places'][number][]>
  readonly placeByGeoid: ReadonlyMap<string, MatchGazetteer['places'][number]>
}

/**
 * Indexes a gazetteer for {@link matchRow}.
 *
 * @example
 * ```ts
 * const index = matchIndex({ states, counties, places })
 * ```
 */
export function matchIndex(g: MatchGazetteer): MatchIndex {
  const stateByName = new Map(g.states.map((s) => [nameKey(s.name), s]))
  const countyByKey = new Map<string, MatchGazetteer['counties'][number]>()
  const countyByCityName = new Map<string, MatchGazetteer['counties'][number]>()
  for (const c of g.counties) {
    countyByKey.set(`${c.state}|${countyKey(c.name)}`, c)
    for (const n of c.cityNames) countyByCityName.set(`${c.state}|${nameKey(n)}`, c)
  }
  const placesByKey = new Map<string, MatchGazetteer['places'][number][]>()
  for (const p of g.places) {
    const k = `${p.state}|${nameKey(p.name)}`
    placesByKey.set(k, [...(placesByKey.get(k) ?? []), p])
  }
  return {
    kind: 'match-index',
    gazetteer: g,
    stateByName,
    countyByKey,
    countyByGeoid: new Map(g.counties.map((c) => [c.geoid, c])),
    countyByCityName,
    placesByKey,
    placeByGeoid: new Map(g.places.map((p) => [p.geoid, p])),
  }
}

const levelOfCounty = (): Level => 'county'

/**
 * The jurisdiction whose agency signed the agreement a row lists. `directory` is the row's match
 * in `agreements.csv`, when there is one (its ZIP code chooses between places of one name).
 *
 * @example
 * ```ts
 * matchRow(index, row, undefined) // { kind: 'matched', jurisdiction: 'ocd-division/country:us/state:al/county:cherokee', by: 'county-name', ... }
 * ```
 */
export function matchRow(index: MatchIndex, row: { readonly state: string; readonly agency: string; readonly agencyType: string; readonly county: string | null }, directory: DirectoryRow | undefined): MatchedJurisdiction | Unmatched {
  const state = index.stateByName.get(nameKey(row.state))
  if (!state) return { kind: 'unmatched', reason: `unknown state "${row.state}"` }
  const type = row.agencyType.toLowerCase()
  const stateNamed = new RegExp(`^(the\\s+)?${state.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(state|department|dept|division|bureau|office|highway|alcohol|attorney|law enforcement|fish|wildlife|national guard|board|commission|corrections)\\b`, 'i')
  if (type.startsWith('state') || (!/\b(county|parish|borough)\b/i.test(row.agency) && stateNamed.test(row.agency))) return { kind: 'matched', jurisdiction: state.jurisdiction, level: state.level, name: state.name, geoid: state.fips, state: state.code, by: 'state-agency' }

  const county = (c: MatchGazetteer['counties'][number], by: MatchedJurisdiction['by']): MatchedJurisdiction => ({ kind: 'matched', jurisdiction: c.jurisdiction, level: levelOfCounty(), name: c.label, geoid: c.geoid, state: state.code, by })
  const zip = directory?.zip ?? null

  if (type.startsWith('county') || (!type.startsWith('municipal') && /\b(county|parish|borough)\b/i.test(row.agency))) {
    const byColumn = row.county ? index.countyByKey.get(`${state.code}|${countyKey(row.county)}`) : undefined
    if (byColumn) return county(byColumn, 'county-name')
    const named = /^(.*?)\s+(county|parish|borough)\b/i.exec(row.agency)
    const byAgency = named ? index.countyByKey.get(`${state.code}|${countyKey(named[1]!)}`) : undefined
    if (byAgency) return county(byAgency, 'agency-county-name')
    const name = row.county ?? named?.[1]
    const independent = name ? index.countyByKey.get(`${state.code}|${countyKey(name)}city`) : undefined
    if (independent) return county(independent, 'city-county')
    const fuzzy = name ? closeCounty(index, state.code, countyKey(name)) : undefined
    if (fuzzy) return county(fuzzy, 'county-name-fuzzy')
    const zipCounties = zip ? (index.gazetteer.zipCounties?.get(zip) ?? []).filter((g) => g.startsWith(state.fips)) : []
    if (zipCounties.length === 1) return county(index.countyByGeoid.get(zipCounties[0]!)!, 'zip-county')
    if (type.startsWith('county') && /\b(county|parish|borough|sheriff)/i.test(row.agency)) return { kind: 'unmatched', reason: `no county "${row.county ?? '(blank)'}" in ${state.code}${zip ? ` (ZIP ${zip} ${zipCounties.length ? 'spans several counties' : 'names no county'})` : ''}` }
  }

  const placeName = placeNameOfAgency(row.agency)
  const key = `${state.code}|${nameKey(placeName)}`
  let candidates = index.placesByKey.get(key) ?? []
  if (candidates.length > 1 && zip) {
    const inZip = new Set(index.gazetteer.zipPlaces?.get(zip) ?? [])
    const narrowed = candidates.filter((p) => inZip.has(p.geoid))
    if (narrowed.length) candidates = narrowed
  }
  if (candidates.length > 1 && row.county) {
    const c = index.countyByKey.get(`${state.code}|${countyKey(row.county)}`)
    const narrowed = candidates.filter((p) => p.countyGeoid === c?.geoid)
    if (narrowed.length) candidates = narrowed
  }
  if (candidates.length === 1) {
    const p = candidates[0]!
    const by = (index.placesByKey.get(key)?.length ?? 0) > 1 ? (zip && index.gazetteer.zipPlaces?.get(zip)?.includes(p.geoid) ? 'place-zip' : 'place-county') : 'place-name'
    return { kind: 'matched', jurisdiction: p.jurisdiction, level: 'place', name: `${p.name}, ${state.code}`, geoid: p.geoid, state: state.code, by }
  }
  if (candidates.length > 1) return { kind: 'unmatched', reason: `"${placeName}" names ${candidates.length} places in ${state.code} (${candidates.map((p) => p.geoid).join(', ')}) and nothing chooses one` }
  const city = index.countyByCityName.get(key) ?? index.countyByKey.get(`${state.code}|${nameKey(`${placeName} city`)}`)
  if (city) return county(city, 'city-county')
  return { kind: 'unmatched', reason: `no incorporated place "${placeName}" in ${state.code}` }
}

/**
 * A county of the state whose key is within two edits of `key` ("Lampass" → Lampasas), when
 * exactly one is and the first letters agree; else undefined.
 */
function closeCounty(index: MatchIndex, state: string, key: string): MatchGazetteer['counties'][number] | undefined {
  if (key.length < 5) return undefined
  const close = index.gazetteer.counties.filter((c) => c.state === state && countyKey(c.name)[0] === key[0] && editDistance(countyKey(c.name), key) <= 2)
  return close.length === 1 ? close[0] : undefined
}

/** Levenshtein distance (small strings). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]!
}

/** The model label in words, for reports. */
export function modelWords(model: Model287g | null): string {
  return model === null ? 'model not given' : model
}
