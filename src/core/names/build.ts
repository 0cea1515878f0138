/**
 * The name index: one entry per real division — each registry jurisdiction, and each state,
 * county-equivalent and Census place of the gazetteer (a division with a file appears once, under
 * its registry ID) — with every name it goes by, and the laws of the registry by title, number and
 * citation.
 */
import type { Gazetteer, GazetteerCounty } from '../answers/index.ts'
import { labelFromOcdId, nameWithState, parseOcdId } from '../ocd/index.ts'
import type { Jurisdiction, Registry } from '../registry/index.ts'
import { buildLawEntries, type LawEntry } from './laws.ts'
import { normalizeName, shortCountyName } from './normalize.ts'
import type { Candidate } from './schemas.ts'

/** How well a typed name matches one of an entry's names. */
export type Tier = 'full' | 'short'

/** One division and its names (normalised). */
export interface NameEntry {
  readonly candidate: Candidate
  /** Names it goes by in full: "harris county", "houston", aliases ("sf"). */
  readonly full: readonly string[]
  /** A county's name without its kind word: "harris" for Harris County. */
  readonly short: readonly string[]
}

/** A prepared index over one registry and (optionally) one gazetteer. Build once; pure lookups after. */
export interface NameIndex {
  readonly kind: 'name-index'
  readonly entries: readonly NameEntry[]
  readonly byId: ReadonlyMap<string, NameEntry>
  readonly byGeoid: ReadonlyMap<string, NameEntry>
  /** Normalised name → the entries with that name, and how. */
  readonly exact: ReadonlyMap<string, readonly { readonly entry: NameEntry; readonly tier: Tier }[]>
  /** Normalised state name or postal code → upper-case postal code. */
  readonly stateNames: ReadonlyMap<string, string>
  readonly laws: readonly LawEntry[]
  /** Whether places beyond the registry's are listed (the gazetteer had Census places). */
  readonly placesListed: boolean
  /** Whether populations are known (the gazetteer had them). */
  readonly populationsKnown: boolean
  /** Lazily built fuzzy matcher (see resolve.ts); internal. */
  readonly cache: { fuzzy?: unknown; lawFuzzy?: unknown; words?: unknown; prefix?: unknown }
}

/** What the index is built from. */
export interface NameIndexInput {
  readonly registry: Registry
  /** States, counties and places (us-atlas, us-geo); without it only registry jurisdictions are known. */
  readonly gazetteer?: Gazetteer
}

const stripState = (label: string) => label.replace(/, [A-Z]{2}$/, '')
const stripParens = (name: string) => name.replace(/\s*\([^)]*\)\s*/g, ' ').trim()

function countyType(c: GazetteerCounty | undefined, id: string): string {
  const ocd = parseOcdId(id)
  if (c && c.name.endsWith(' city')) return 'independent city'
  if (ocd?.segmentType === 'parish') return 'parish'
  if (ocd?.segmentType === 'borough') return 'borough'
  return 'county'
}

function registryNames(j: Jurisdiction): string[] {
  return [j.name, stripParens(j.name), ...j.aliases, stripState(labelFromOcdId(j.id))]
}

/**
 * Builds the index.
 *
 * @example
 * ```ts
 * const names = buildNameIndex({ registry, gazetteer })
 * resolveName(names, 'Harris County').kind // 'resolved' (with populations), else 'ambiguous'
 * ```
 */
export function buildNameIndex(input: NameIndexInput): NameIndex {
  const { registry, gazetteer } = input
  const entries: NameEntry[] = []
  const seen = new Set<string>()
  const add = (candidate: Candidate, full: readonly string[], short: readonly string[] = []) => {
    if (seen.has(candidate.jurisdiction)) return
    seen.add(candidate.jurisdiction)
    const f = [...new Set(full.map(normalizeName).filter(Boolean))]
    // A county's short names: its full names without the kind word, and any given.
    const derived = candidate.level === 'county' ? f.map(shortCountyName).filter((s): s is string => s !== null) : []
    const s = [...new Set([...short.map(normalizeName), ...derived].filter((n) => n && !f.includes(n)))]
    entries.push(Object.freeze({ candidate: Object.freeze(candidate), full: Object.freeze(f), short: Object.freeze(s) }))
  }
  const registryPart = (id: string): { names: string[]; name: string | null } => {
    const j = registry.jurisdictions.get(id)
    return j ? { names: registryNames(j), name: j.name } : { names: [], name: null }
  }

  // The country, states and districts.
  const country = registry.jurisdictions.get('ocd-division/country:us')
  if (country) add({ jurisdiction: country.id, name: country.name, level: 'country', type: 'country', state: null, inRegistry: true, geoid: null, population: null }, [...registryNames(country), 'United States', 'USA', 'US', 'federal'])
  const stateNames = new Map<string, string>()
  for (const s of gazetteer?.states ?? []) {
    const r = registryPart(s.jurisdiction)
    // D.C.'s city is Washington: a name of the district, but weaker than the state of Washington's own.
    const short = s.level === 'district' ? ['Washington'] : []
    add({ jurisdiction: s.jurisdiction, name: r.name ?? s.name, level: s.level, type: s.level, state: s.code, inRegistry: s.inRegistry, geoid: s.fips, population: s.population }, [s.name, s.code, ...r.names, ...(s.level === 'district' ? ['Washington DC', 'D.C.'] : [])], short)
    stateNames.set(normalizeName(s.name), s.code)
    stateNames.set(normalizeName(s.code), s.code)
    if (s.level === 'district') stateNames.set('d c', s.code)
  }
  // Counties and county-equivalents (D.C.'s is the district itself).
  for (const c of gazetteer?.counties ?? []) {
    if (c.jurisdiction.startsWith('ocd-division/country:us/district:')) continue
    const r = registryPart(c.jurisdiction)
    const independent = c.name.endsWith(' city')
    add(
      { jurisdiction: c.jurisdiction, name: c.label, level: 'county', type: countyType(c, c.jurisdiction), state: c.state, inRegistry: c.inRegistry, geoid: c.geoid, population: c.population },
      [stripState(c.label), ...c.cityNames, ...r.names, ...(independent ? [c.name.replace(/ city$/, '')] : [])],
      // The bare Census name ("Harris") is a short name, unless the label is no more than it (Alaska's).
      [c.name],
    )
  }
  // Census places.
  for (const p of gazetteer?.places ?? []) {
    const r = registryPart(p.jurisdiction)
    add({ jurisdiction: p.jurisdiction, name: p.label, level: 'place', type: p.type, state: p.state, inRegistry: p.inRegistry, geoid: p.geoid, population: p.population }, [p.name, stripState(p.label), ...r.names])
  }
  // Registry jurisdictions the gazetteer does not have (or every one, without a gazetteer).
  for (const j of registry.jurisdictions.values()) {
    if (seen.has(j.id)) continue
    const state = j.state?.toUpperCase() ?? null
    const geoid = j.geoid.kind === 'known' ? j.geoid.value.code : null
    const type = j.level === 'county' ? countyType(undefined, j.id) : j.level === 'place' ? 'city' : j.level
    add({ jurisdiction: j.id, name: nameWithState(j.id, j.name), level: j.level, type, state, inRegistry: true, geoid, population: null }, [...registryNames(j), ...(j.level === 'state' && state ? [state] : [])])
    if ((j.level === 'state' || j.level === 'district') && state) {
      stateNames.set(normalizeName(j.name), state)
      stateNames.set(state.toLowerCase(), state)
    }
  }

  const exact = new Map<string, { entry: NameEntry; tier: Tier }[]>()
  for (const e of entries) {
    for (const n of e.full) exact.set(n, [...(exact.get(n) ?? []), { entry: e, tier: 'full' }])
    for (const n of e.short) exact.set(n, [...(exact.get(n) ?? []), { entry: e, tier: 'short' }])
  }
  const byId = new Map(entries.map((e) => [e.candidate.jurisdiction, e]))
  const byGeoid = new Map<string, NameEntry>()
  for (const e of entries) if (e.candidate.geoid && !byGeoid.has(e.candidate.geoid)) byGeoid.set(e.candidate.geoid, e)
  return Object.freeze({
    kind: 'name-index',
    entries: Object.freeze(entries),
    byId,
    byGeoid,
    exact,
    stateNames,
    laws: buildLawEntries(registry, (id) => byId.get(id)?.candidate.name ?? labelFromOcdId(id)),
    placesListed: gazetteer?.placesListed ?? false,
    populationsKnown: (gazetteer?.counties ?? []).some((c) => c.population !== null),
    cache: {},
  })
}
