/**
 * Linking a detainer's place (a DETLOC facility code, a jail "landmark", an agency name, a city)
 * to a county GEOID and, when known, a place GEOID. Pure: the {@link Linker} is built from plain
 * crosswalk rows (see `crosswalks.ts` for reading them from files) and keeps nothing else.
 *
 * Methods, tried in this order; the first that yields exactly one county wins:
 * 1. `facility-code`: the DETLOC code is in an ICE facility list (UWCHR facilities with county,
 *    DDP/Vera lists with city → place → county).
 * 2. `county-name`: the source declares the county, or the landmark names one ("X COUNTY JAIL",
 *    "X CNTY", "WALKER CO", "X PARISH"), resolved inside the candidate states.
 * 3. `landmark`: the name equals (or is an unambiguous ≥3-word prefix of) a known facility
 *    (HIFLD prisons and jails, ICE facility lists).
 * 4. `agency`: the name equals a law-enforcement agency in HIFLD (police department, sheriff).
 * 5. `landmark` again, by place: the source gives the facility's city (its mailing city, so a
 *    facility just outside a city's county is placed in the city's county: approximate); or the
 *    landmark names a place of custody whose first 1–4 words are a place name ("DELANO CCF").
 *    A city spanning counties gives its primary county (approximate).
 * 6. `unlinked`: none of these, or more than one county fits (a landmark naming a county that
 *    exists in two candidate states stays unlinked; weaker methods are not tried).
 *
 * Candidate states are, in order: the state the record gives; a state written in the landmark;
 * the states of the ICE area of responsibility (UWCHR county → AOR crosswalk). A county name is
 * never looked up nationwide.
 */
import type { LinkMethod, LocationHint } from '../import/record.ts'
import { classifyCustody, countyNameCandidates, extractStateHint, isCustodyLandmark, normalizeName, stripOfficePrefix, type NamedCustody } from './names.ts'

/** A county in the geography table (us-geo `counties.csv`). */
export interface CountyRow {
  readonly geoid: string
  readonly name: string
  readonly shortName: string
  readonly state: string
}

/** A place in the geography table (us-geo `places.csv`). */
export interface PlaceRow {
  readonly geoid: string
  readonly shortName: string
  readonly state: string
  /** The place's primary county. */
  readonly countyGeoid: string
  /** Census FIPS class: C* incorporated, U* census-designated. */
  readonly fipsClass: string
}

/** A DETLOC facility from an ICE facility list. */
export interface FacilityRow {
  readonly code: string
  readonly name: string
  readonly city?: string
  readonly countyName?: string
  readonly state?: string
  /** The list's type (IGSA, BOP, USMS IGA, HOLD, STATE PRISON …). */
  readonly type?: string
}

/** A jail, prison or law-enforcement agency with its county FIPS (HIFLD). */
export interface SiteRow {
  readonly name: string
  readonly state: string
  readonly countyFips?: string
  readonly city?: string
  /** HIFLD TYPE (COUNTY, STATE, LOCAL, FEDERAL; SHERIFF'S OFFICE, LOCAL POLICE DEPARTMENT …). */
  readonly type?: string
}

/** All tables the linker uses. Every list may be empty except `counties`. */
export interface CrosswalkTables {
  readonly counties: readonly CountyRow[]
  readonly places: readonly PlaceRow[]
  /** Place → every county it touches (us-geo `place_counties.csv`). */
  readonly placeCounties: ReadonlyArray<{ readonly placeGeoid: string; readonly countyGeoid: string }>
  readonly facilities: readonly FacilityRow[]
  readonly jails: readonly SiteRow[]
  readonly agencies: readonly SiteRow[]
  /** AOR code (e.g. `DEN`) → state codes it covers. */
  readonly aorStates: ReadonlyArray<{ readonly aor: string; readonly state: string }>
  /** AOR name (e.g. `Denver`, `New York City`) → code. */
  readonly aorCodes: ReadonlyArray<{ readonly name: string; readonly code: string }>
}

/** The outcome of linking one location. */
export interface LinkResult {
  readonly method: LinkMethod
  readonly state: string | null
  readonly countyGeoid: string | null
  readonly placeGeoid: string | null
  /** The facility's name from a crosswalk, when the record had only a code. */
  readonly facilityName: string | null
  /** Custody the crosswalk's facility type implies (null when it says nothing). */
  readonly custody: NamedCustody | null
}

interface Located {
  readonly county: string
  readonly place: string | null
  readonly custody: NamedCustody | null
  readonly name: string | null
}

const MAX_CACHE = 200_000

/**
 * Links locations to counties. Build once per run; `link` is memoized by its input.
 *
 * @example
 * ```ts
 * const linker = new Linker(tables)
 * linker.link({ facilityName: 'HARRIS COUNTY JAIL, HOUSTON, TX', aor: 'Houston' })
 * // { method: 'county-name', state: 'tx', countyGeoid: '48201', … }
 * ```
 */
export class Linker {
  /** county GEOID → state */
  private readonly countyState = new Map<string, string>()
  /** state → normalized county short name → GEOIDs */
  private readonly countyByName = new Map<string, Map<string, string[]>>()
  /** state → normalized place short name → places */
  private readonly placeByName = new Map<string, Map<string, PlaceRow[]>>()
  private readonly placeByGeoid = new Map<string, PlaceRow>()
  private readonly placeCounties = new Map<string, Set<string>>()
  private readonly facilityByCode = new Map<string, Located & { state: string }>()
  /** state → normalized facility name → located */
  private readonly siteByName = new Map<string, Map<string, Located[]>>()
  /** state → sorted normalized facility names, for prefix search */
  private readonly siteNamesSorted = new Map<string, string[]>()
  /** state → "CITY|FIRST TWO WORDS" → located (HIFLD jails), for names that changed over time */
  private readonly siteByCityPrefix = new Map<string, Map<string, Located[]>>()
  private readonly agencyByName = new Map<string, Map<string, Located[]>>()
  private readonly aorStates = new Map<string, Set<string>>()
  private readonly aorCodeByName = new Map<string, string>()
  private readonly cache = new Map<string, LinkResult>()

  constructor(tables: CrosswalkTables) {
    for (const c of tables.counties) {
      this.countyState.set(c.geoid, c.state)
      // independent cities: "Baltimore (city)" → "BALTIMORE CITY", apart from Baltimore County
      push(this.countyByName, c.state, normalizeName(c.shortName.replace(/\s*\(city\)\s*$/i, ' city')), c.geoid)
    }
    for (const p of tables.places) {
      this.placeByGeoid.set(p.geoid, p)
      pushRow(this.placeByName, p.state, normalizeName(p.shortName), p)
    }
    for (const pc of tables.placeCounties) {
      let set = this.placeCounties.get(pc.placeGeoid)
      if (!set) this.placeCounties.set(pc.placeGeoid, (set = new Set()))
      set.add(pc.countyGeoid)
    }
    for (const row of tables.aorStates) {
      let set = this.aorStates.get(row.aor.toUpperCase())
      if (!set) this.aorStates.set(row.aor.toUpperCase(), (set = new Set()))
      set.add(row.state)
    }
    for (const row of tables.aorCodes) this.aorCodeByName.set(normalizeName(row.name), row.code.toUpperCase())

    // HIFLD jails and prisons first: their county FIPS comes from geocoding, so they also correct
    // ICE lists that give only a mailing city.
    for (const s of tables.jails) {
      const located = this.locateSite(s, siteTypeCustody(s.type))
      if (!located) continue
      const state = s.state.toLowerCase()
      pushRow(this.siteByName, state, siteKey(s.name), located)
      pushRow(this.siteByCityPrefix, state, cityPrefixKey(s.city, s.name), located)
    }
    for (const f of tables.facilities) {
      const code = f.code.trim().toUpperCase()
      if (code === '' || this.facilityByCode.has(code)) continue
      const state = f.state?.trim().toLowerCase() ?? ''
      if (!/^[a-z]{2}$/.test(state)) continue
      const custody = facilityTypeCustody(f.type) ?? null
      const countyFromName = f.countyName ? this.resolveCountyName(normalizeName(f.countyName.replace(/\s+(county|parish|borough)\s*$/i, '')), [state]) : undefined
      const near = countyFromName ? undefined : this.siteNear(f.name, f.city, state)
      const county = countyFromName ?? near?.county ?? this.placeOf(f.city, [state])?.countyGeoid
      if (!county) continue
      const located = { county, place: this.placeInCounty(f.city, state, county), custody: custody ?? near?.custody ?? null, name: f.name || null, state }
      this.facilityByCode.set(code, located)
      if (f.name) pushRow(this.siteByName, state, siteKey(f.name), located)
    }
    for (const [state, names] of this.siteByName) this.siteNamesSorted.set(state, [...names.keys()].sort())
    for (const a of tables.agencies) {
      const located = this.locateSite(a, agencyTypeCustody(a.type))
      if (located) pushRow(this.agencyByName, a.state.toLowerCase(), normalizeName(a.name), located)
    }
  }

  /**
   * Links one location. Never throws; an unknown place is `unlinked` (with the state when known).
   *
   * @example
   * ```ts
   * linker.link({ facilityCode: 'BEXARTX' }).method // 'facility-code'
   * ```
   */
  link(hint: LocationHint): LinkResult {
    const key = JSON.stringify([hint.facilityCode, hint.facilityName, hint.city, hint.state, hint.countyName, hint.countyGeoid, hint.placeGeoid, hint.aor])
    const cached = this.cache.get(key)
    if (cached) return cached
    const result = this.compute(hint)
    if (this.cache.size >= MAX_CACHE) this.cache.clear()
    this.cache.set(key, result)
    return result
  }

  private compute(hint: LocationHint): LinkResult {
    const code = hint.facilityCode?.trim().toUpperCase() ?? ''
    const recordState = hint.state?.trim().toLowerCase() || undefined
    const stateHint = hint.facilityName ? extractStateHint(hint.facilityName) : undefined
    const nameText = stateHint?.rest ?? ''
    const candidates = recordState ? [recordState] : stateHint?.state ? [stateHint.state] : this.statesOfAor(hint.aor)
    const knownState = recordState ?? stateHint?.state
    const unlinked: LinkResult = { method: 'unlinked', state: knownState ?? null, countyGeoid: null, placeGeoid: null, facilityName: null, custody: null }
    const done = (method: LinkMethod, located: Located): LinkResult => ({
      method,
      state: this.countyState.get(located.county) ?? knownState ?? null,
      countyGeoid: located.county,
      placeGeoid: located.place,
      facilityName: located.name,
      custody: located.custody,
    })

    // 1. facility code
    if (code !== '') {
      const f = this.facilityByCode.get(code)
      if (f && (!recordState || f.state === recordState)) return done('facility-code', f)
    }

    // 2. county named by the source or the landmark
    if (hint.countyGeoid && /^\d{5}$/.test(hint.countyGeoid.trim())) {
      const county = hint.countyGeoid.trim()
      return done('county-name', { county, place: this.validPlace(hint.placeGeoid, county), custody: null, name: null })
    }
    if (hint.countyName && candidates.length > 0) {
      const county = this.resolveCountyName(normalizeName(hint.countyName.replace(/\s+(county|parish|borough)$/i, '')), candidates)
      if (county) return done('county-name', { county, place: this.placeInCounty(hint.city, this.countyState.get(county) ?? '', county), custody: null, name: null })
    }
    // the last ", CITY" or " - CITY" segment of a landmark: "HARRIS COUNTY JAIL, HOUSTON"
    const segments = nameText.split(/\s*,\s*|\s+-\s+/).filter((x) => x.trim() !== '')
    const lastSegment = segments.length > 1 ? normalizeName(segments[segments.length - 1]) : ''
    if (nameText !== '' && candidates.length > 0) {
      for (const name of countyNameCandidates(nameText)) {
        const found = this.countyByNameIn(name, candidates)
        if (found.length === 1) {
          const county = found[0] as string
          const place = this.placeInCounty(hint.city || lastSegment, this.countyState.get(county) ?? '', county)
          return done('county-name', { county, place, custody: null, name: null })
        }
        // the landmark names a county that exists in more than one candidate state: do not
        // let a weaker method pick one
        if (found.length > 1) return unlinked
      }
    }

    // 3. known facility by name
    const normalized = siteKey(stripOfficePrefix(nameText))
    if (normalized !== '' && candidates.length > 0) {
      const site = this.siteMatch(normalized, candidates)
      if (site) return done('landmark', site)
    }

    // 4. law-enforcement agency by name
    if (normalized !== '' && candidates.length > 0) {
      const agency = uniqueCounty(candidates.flatMap((s) => this.agencyByName.get(s)?.get(normalized) ?? []))
      if (agency) return done('agency', agency)
    }

    // 3b. the facility's city, then a place named at the start of a custody landmark
    if (hint.city && hint.facilityName && candidates.length === 1) {
      const near = this.siteNear(nameText, hint.city, candidates[0] as string)
      if (near) return done('landmark', near)
    }
    if (hint.city && candidates.length > 0) {
      const place = this.placeOf(hint.city, candidates)
      if (place) return done('landmark', { county: place.countyGeoid, place: place.geoid, custody: null, name: null })
    }
    if (normalized !== '' && candidates.length > 0 && isCustodyLandmark(normalized)) {
      const tokens = normalized.split(' ')
      for (let k = Math.min(4, tokens.length - 1); k >= 1; k--) {
        const place = this.placeOf(tokens.slice(0, k).join(' '), candidates)
        if (place) return done('landmark', { county: place.countyGeoid, place: place.geoid, custody: null, name: null })
      }
      // the last segment as a place: "FEDERAL CORRECTIONAL INSTITUTE - ALICEVILLE"
      if (lastSegment !== '' && lastSegment.split(' ').length <= 3) {
        const place = this.placeOf(lastSegment, candidates)
        if (place) return done('landmark', { county: place.countyGeoid, place: place.geoid, custody: null, name: null })
      }
      for (let k = Math.min(3, tokens.length - 1); k >= 1; k--) {
        const county = this.resolveCountyName(tokens.slice(0, k).join(' '), candidates)
        if (county) return done('county-name', { county, place: null, custody: null, name: null })
      }
    }

    return unlinked
  }

  /** The state codes of an AOR given by name ("Denver Area of Responsibility", "Denver") or code ("DEN"). */
  statesOfAor(aor: string | null | undefined): string[] {
    if (!aor) return []
    const name = normalizeName(aor.replace(/\s*area of responsibility\s*$/i, ''))
    const code = this.aorCodeByName.get(name) ?? name
    return [...(this.aorStates.get(code) ?? [])].sort()
  }

  private countyByNameIn(name: string, states: readonly string[]): string[] {
    const out = new Set<string>()
    for (const s of states) for (const g of this.countyByName.get(s)?.get(name) ?? []) out.add(g)
    return [...out]
  }

  private resolveCountyName(name: string, states: readonly string[]): string | undefined {
    const found = this.countyByNameIn(name, states)
    return found.length === 1 ? found[0] : undefined
  }

  /** A place by name among states: a unique match, preferring the one incorporated place. */
  private placeOf(city: string | null | undefined, states: readonly string[]): PlaceRow | undefined {
    const name = normalizeName(city)
    if (name === '') return undefined
    const rows = states.flatMap((s) => this.placeByName.get(s)?.get(name) ?? [])
    if (rows.length === 1) return rows[0]
    const incorporated = rows.filter((r) => r.fipsClass.startsWith('C'))
    return incorporated.length === 1 ? incorporated[0] : undefined
  }

  /** The place of a city when it lies (at least partly) in the given county. */
  private placeInCounty(city: string | null | undefined, state: string, county: string): string | null {
    if (!city || !state) return null
    const place = this.placeOf(city, [state])
    if (!place) return null
    const counties = this.placeCounties.get(place.geoid)
    return place.countyGeoid === county || counties?.has(county) ? place.geoid : null
  }

  private validPlace(placeGeoid: string | null | undefined, county: string): string | null {
    const p = placeGeoid?.trim()
    if (!p || !/^\d{7}$/.test(p)) return null
    const place = this.placeByGeoid.get(p)
    if (!place) return p
    return place.countyGeoid === county || this.placeCounties.get(p)?.has(county) ? p : null
  }

  /** A HIFLD jail in the same city whose name starts with the same two words. */
  private siteNear(name: string | null | undefined, city: string | null | undefined, state: string): Located | undefined {
    const key = cityPrefixKey(city, name)
    return key === '' ? undefined : uniqueCounty(this.siteByCityPrefix.get(state)?.get(key) ?? [])
  }

  /** A site's county: its FIPS when current, else its city's place. */
  private locateSite(site: SiteRow, custody: NamedCustody | null): Located | undefined {
    const state = site.state.trim().toLowerCase()
    const fips = site.countyFips?.trim().padStart(5, '0') ?? ''
    let county: string | undefined = /^\d{5}$/.test(fips) && this.countyState.has(fips) ? fips : undefined
    county ??= this.placeOf(site.city, [state])?.countyGeoid
    if (!county) return undefined
    return { county, place: this.placeInCounty(site.city, state, county), custody, name: site.name }
  }

  /** Exact name, or a ≥3-word name that is the prefix of facility names all in one county. */
  private siteMatch(normalized: string, states: readonly string[]): Located | undefined {
    const exact = uniqueCounty(states.flatMap((s) => this.siteByName.get(s)?.get(normalized) ?? []))
    if (exact) return exact
    if (normalized.split(' ').length < 3) return undefined
    const hits: Located[] = []
    for (const s of states) {
      const names = this.siteNamesSorted.get(s) ?? []
      let i = lowerBound(names, `${normalized} `)
      while (i < names.length && (names[i] as string).startsWith(`${normalized} `)) {
        hits.push(...(this.siteByName.get(s)?.get(names[i] as string) ?? []))
        i++
      }
    }
    return uniqueCounty(hits)
  }
}

/** A facility name for comparison: normalized, without parenthesized parts ("(MAIN)", "(SQ)"). */
function siteKey(name: string | null | undefined): string {
  return normalizeName((name ?? '').replace(/\([^)]*\)/g, ' '))
}

/** "CITY|FIRST TWO WORDS" of a facility, or '' when either is missing. */
function cityPrefixKey(city: string | null | undefined, name: string | null | undefined): string {
  const c = normalizeName(city)
  const words = siteKey(stripOfficePrefix(name ?? '')).split(' ').filter((w) => w !== '')
  if (c === '' || words.length < 2) return ''
  return `${c}|${words.slice(0, 2).join(' ')}`
}

function uniqueCounty(rows: readonly Located[]): Located | undefined {
  if (rows.length === 0) return undefined
  const counties = new Set(rows.map((r) => r.county))
  if (counties.size !== 1) return undefined
  const first = rows[0] as Located
  const places = new Set(rows.map((r) => r.place))
  const custodies = new Set(rows.map((r) => r.custody))
  return { county: first.county, place: places.size === 1 ? first.place : null, custody: custodies.size === 1 ? first.custody : null, name: first.name }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as string) < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

function push(map: Map<string, Map<string, string[]>>, state: string, name: string, value: string): void {
  let inner = map.get(state)
  if (!inner) map.set(state, (inner = new Map()))
  const list = inner.get(name)
  if (!list) inner.set(name, [value])
  else if (!list.includes(value)) list.push(value)
}

function pushRow<T>(map: Map<string, Map<string, T[]>>, state: string, name: string, value: T): void {
  if (name === '') return
  let inner = map.get(state)
  if (!inner) map.set(state, (inner = new Map()))
  const list = inner.get(name)
  if (!list) inner.set(name, [value])
  else list.push(value)
}

/** Custody implied by an ICE facility list type. */
function facilityTypeCustody(type: string | undefined): NamedCustody | null {
  const t = (type ?? '').toUpperCase()
  if (/\bBOP\b/.test(t)) return 'federal'
  if (/STATE PRISON|^STATE$|\bDOC\b/.test(t)) return 'state-prison'
  return null
}

/** Custody implied by a HIFLD prison TYPE. */
function siteTypeCustody(type: string | undefined): NamedCustody | null {
  const t = (type ?? '').toUpperCase()
  if (t === 'COUNTY') return 'county-jail'
  if (t === 'STATE') return 'state-prison'
  if (t === 'LOCAL') return 'city-jail'
  if (t === 'FEDERAL') return 'federal'
  return null
}

/** Custody implied by a HIFLD law-enforcement agency TYPE. */
function agencyTypeCustody(type: string | undefined): NamedCustody | null {
  const t = (type ?? '').toUpperCase()
  if (t.startsWith('SHERIFF')) return 'county-jail'
  if (t === 'LOCAL POLICE DEPARTMENT') return 'city-jail'
  return null
}

/**
 * Custody for a record: what the facility name says first, else what the crosswalk type says.
 * Federal custody is not in the record's vocabulary and comes back as null.
 *
 * @example
 * ```ts
 * recordCustody('BERKS COUNTY PRISON', null) // 'county-jail'
 * recordCustody('USP CANAAN', null) // null
 * ```
 */
export function recordCustody(facilityName: string | null | undefined, linked: NamedCustody | null): 'county-jail' | 'city-jail' | 'state-prison' | null {
  const named = classifyCustody(facilityName) ?? linked
  return named === 'federal' ? null : named
}

export { classifyCustody }
