/**
 * The gazetteer: every state and county-equivalent the map draws (from us-atlas, handed in by an
 * adapter as plain `{ id, name }` lists), joined to the registry. A county with a registry file
 * takes that file's OCD ID; any other gets an ID derived from its state and name, the way OCD
 * division IDs are formed (lower case, spaces to `_`, accents and apostrophes dropped), so that
 * the engine can answer it by walking federal → state.
 *
 * When the adapter also hands in Census places (incorporated cities, towns, villages and boroughs)
 * and populations (us-geo, read where it lies), the gazetteer knows every real place too: a place
 * ID is then a real place only if it is in that list or in the registry.
 */
import { AppError } from '../errors/index.ts'
import { COUNTRY_ID, parseOcdId, withStateCode } from '../ocd/index.ts'
import type { Registry } from '../registry/index.ts'

/** Two-letter postal code and name for every state, D.C. and territory FIPS code in us-atlas. */
export const STATE_FIPS: Readonly<Record<string, { readonly code: string; readonly name: string }>> = Object.freeze({
  '01': { code: 'AL', name: 'Alabama' },
  '02': { code: 'AK', name: 'Alaska' },
  '04': { code: 'AZ', name: 'Arizona' },
  '05': { code: 'AR', name: 'Arkansas' },
  '06': { code: 'CA', name: 'California' },
  '08': { code: 'CO', name: 'Colorado' },
  '09': { code: 'CT', name: 'Connecticut' },
  '10': { code: 'DE', name: 'Delaware' },
  '11': { code: 'DC', name: 'District of Columbia' },
  '12': { code: 'FL', name: 'Florida' },
  '13': { code: 'GA', name: 'Georgia' },
  '15': { code: 'HI', name: 'Hawaii' },
  '16': { code: 'ID', name: 'Idaho' },
  '17': { code: 'IL', name: 'Illinois' },
  '18': { code: 'IN', name: 'Indiana' },
  '19': { code: 'IA', name: 'Iowa' },
  '20': { code: 'KS', name: 'Kansas' },
  '21': { code: 'KY', name: 'Kentucky' },
  '22': { code: 'LA', name: 'Louisiana' },
  '23': { code: 'ME', name: 'Maine' },
  '24': { code: 'MD', name: 'Maryland' },
  '25': { code: 'MA', name: 'Massachusetts' },
  '26': { code: 'MI', name: 'Michigan' },
  '27': { code: 'MN', name: 'Minnesota' },
  '28': { code: 'MS', name: 'Mississippi' },
  '29': { code: 'MO', name: 'Missouri' },
  '30': { code: 'MT', name: 'Montana' },
  '31': { code: 'NE', name: 'Nebraska' },
  '32': { code: 'NV', name: 'Nevada' },
  '33': { code: 'NH', name: 'New Hampshire' },
  '34': { code: 'NJ', name: 'New Jersey' },
  '35': { code: 'NM', name: 'New Mexico' },
  '36': { code: 'NY', name: 'New York' },
  '37': { code: 'NC', name: 'North Carolina' },
  '38': { code: 'ND', name: 'North Dakota' },
  '39': { code: 'OH', name: 'Ohio' },
  '40': { code: 'OK', name: 'Oklahoma' },
  '41': { code: 'OR', name: 'Oregon' },
  '42': { code: 'PA', name: 'Pennsylvania' },
  '44': { code: 'RI', name: 'Rhode Island' },
  '45': { code: 'SC', name: 'South Carolina' },
  '46': { code: 'SD', name: 'South Dakota' },
  '47': { code: 'TN', name: 'Tennessee' },
  '48': { code: 'TX', name: 'Texas' },
  '49': { code: 'UT', name: 'Utah' },
  '50': { code: 'VT', name: 'Vermont' },
  '51': { code: 'VA', name: 'Virginia' },
  '53': { code: 'WA', name: 'Washington' },
  '54': { code: 'WV', name: 'West Virginia' },
  '55': { code: 'WI', name: 'Wisconsin' },
  '56': { code: 'WY', name: 'Wyoming' },
  '60': { code: 'AS', name: 'American Samoa' },
  '66': { code: 'GU', name: 'Guam' },
  '69': { code: 'MP', name: 'Northern Mariana Islands' },
  '72': { code: 'PR', name: 'Puerto Rico' },
  '78': { code: 'VI', name: 'U.S. Virgin Islands' },
})

const TERRITORIES: ReadonlySet<string> = new Set(['60', '66', '69', '72', '78'])
const DC_FIPS = '11'
/** Carson City, Nevada: a consolidated municipality, not a county by name. */
const CARSON_CITY = '32510'

/** A Census place as an adapter hands it in (us-geo `places.csv`: incorporated places only). */
export interface GazetteerPlaceInput {
  /** Seven-digit Census place GEOID. */
  readonly geoid: string
  /** The short name, e.g. `Houston`. */
  readonly name: string
  /** Two-letter postal code (either case). */
  readonly state: string
  /** Five-digit GEOID of the county the place is mostly in, when known. */
  readonly countyGeoid?: string
  readonly population?: number
  /** `city`, `town`, `village`, `borough`, `municipality`… (from the Census name); default `place`. */
  readonly type?: string
}

/** What an adapter hands in: us-atlas state and county ids (FIPS / GEOID) and names; optionally us-geo places and populations. */
export interface GazetteerInput {
  /** `code` is looked up in {@link STATE_FIPS} when absent (tests pass fictional states with a code). */
  readonly states: readonly { readonly fips: string; readonly name: string; readonly code?: string; readonly population?: number }[]
  readonly counties: readonly { readonly geoid: string; readonly name: string; readonly population?: number }[]
  /**
   * Census places. Absent: the gazetteer has no list of places and knows only the registry's, so a
   * place ID without a registry file is not a known division.
   */
  readonly places?: readonly GazetteerPlaceInput[]
}

export interface GazetteerState {
  readonly kind: 'gazetteer-state'
  readonly fips: string
  /** Upper-case postal code, e.g. `CA`. */
  readonly code: string
  readonly name: string
  readonly jurisdiction: string
  readonly level: 'state' | 'district'
  readonly territory: boolean
  readonly inRegistry: boolean
  /** Residents (Census estimate), or null when the adapter gave none. */
  readonly population: number | null
}

export interface GazetteerPlace {
  readonly jurisdiction: string
  readonly name: string
}

export interface GazetteerCounty {
  readonly kind: 'gazetteer-county'
  /** Five-digit Census GEOID as in us-atlas. */
  readonly geoid: string
  /** The us-atlas name; Virginia, Maryland and Missouri independent cities get " city" (the Census name). */
  readonly name: string
  /** Upper-case postal code of the state. */
  readonly state: string
  readonly jurisdiction: string
  readonly inRegistry: boolean
  /** The registry's name when it has a file, else the name with its kind and state: "Fresno County, CA". */
  readonly label: string
  /** Registry places whose jail is this county's (`jailCounty`). */
  readonly places: readonly GazetteerPlace[]
  /** Residents (Census estimate), or null when the adapter gave none. */
  readonly population: number | null
  /**
   * Names of the Census place that covers the whole county (a consolidated city-county or an
   * independent city: "New Orleans" for Orleans Parish, "Richmond" for Richmond city, VA); such a
   * place gets no ID of its own, per the OCD convention for consolidated governments.
   */
  readonly cityNames: readonly string[]
}

/** A Census place (city, town, village, borough) that is not its own county-equivalent. */
export interface GazetteerCensusPlace {
  readonly kind: 'gazetteer-place'
  /** Seven-digit Census place GEOID. */
  readonly geoid: string
  readonly name: string
  /** `city`, `town`, `village`, `borough`, `municipality` or `place`. */
  readonly type: string
  /** Upper-case postal code of the state. */
  readonly state: string
  /** `…/state:xx/place:<slug>`, or the registry file's ID when one matches (by GEOID or by that ID). */
  readonly jurisdiction: string
  readonly inRegistry: boolean
  /** The registry's name when it has a file, else "Houston, TX". */
  readonly label: string
  readonly countyGeoid: string | null
  readonly population: number | null
}

export interface Gazetteer {
  readonly kind: 'gazetteer'
  readonly states: readonly GazetteerState[]
  readonly counties: readonly GazetteerCounty[]
  /** Registry places whose jail county is unknown or not a county of the gazetteer. */
  readonly placesWithoutCounty: readonly (GazetteerPlace & { readonly state: string | null })[]
  readonly stateByFips: ReadonlyMap<string, GazetteerState>
  /** By lower-case postal code. */
  readonly stateByCode: ReadonlyMap<string, GazetteerState>
  readonly countyByGeoid: ReadonlyMap<string, GazetteerCounty>
  readonly countyByJurisdiction: ReadonlyMap<string, GazetteerCounty>
  /** Census places, when the adapter gave them (else empty, and {@link Gazetteer.placesListed} is false). */
  readonly places: readonly GazetteerCensusPlace[]
  readonly placesListed: boolean
  readonly placeByJurisdiction: ReadonlyMap<string, GazetteerCensusPlace>
}

/**
 * The OCD segment value for a name: lower case, accents and apostrophes dropped, spaces to `_`,
 * only `[a-z0-9_.~-]` kept.
 *
 * @example
 * ```ts
 * ocdSlug("Prince George's") // 'prince_georges'
 * ocdSlug('Doña Ana') // 'dona_ana'
 * ocdSlug('St. Louis') // 'st._louis'
 * ```
 */
export function ocdSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^a-z0-9_.~-]/g, '')
}

/** A county-equivalent that is an independent city (Virginia's, Baltimore, St. Louis): its own county. */
function isIndependentCity(geoid: string): boolean {
  return (geoid.startsWith('51') && Number(geoid.slice(2)) >= 500) || geoid === '24510' || geoid === '29510'
}

function segmentType(stateFips: string): 'county' | 'parish' | 'borough' {
  return stateFips === '22' ? 'parish' : stateFips === '02' ? 'borough' : 'county'
}

function stateJurisdiction(fips: string, code: string): string {
  return fips === DC_FIPS ? `${COUNTRY_ID}/district:${code.toLowerCase()}` : `${COUNTRY_ID}/state:${code.toLowerCase()}`
}

/**
 * The OCD ID for a county-equivalent with no registry file: `…/state:xx/county:<slug>` (Louisiana
 * `parish:`, Alaska `borough:`; independent cities `<slug>_city`; D.C.'s one county-equivalent is
 * the district itself).
 *
 * @example
 * ```ts
 * deriveCountyId('06019', 'Fresno', 'CA') // 'ocd-division/country:us/state:ca/county:fresno'
 * deriveCountyId('51760', 'Richmond', 'VA') // 'ocd-division/country:us/state:va/county:richmond_city'
 * ```
 */
export function deriveCountyId(geoid: string, name: string, stateCode: string): string {
  const fips = geoid.slice(0, 2)
  if (fips === DC_FIPS) return stateJurisdiction(fips, stateCode)
  const slug = ocdSlug(name) + (isIndependentCity(geoid) ? '_city' : '')
  return `${COUNTRY_ID}/state:${stateCode.toLowerCase()}/${segmentType(fips)}:${slug}`
}

/** A registry file's name with its state's code ("Harris County, TX"): one rule, in core/ocd. */
export { withStateCode }

function countyLabel(geoid: string, name: string, code: string): string {
  const fips = geoid.slice(0, 2)
  if (fips === DC_FIPS) return name
  // Alaska's county-equivalents are boroughs, census areas and municipalities; territories' vary.
  const suffix = fips === '22' ? ' Parish' : fips === '72' ? ' Municipio' : fips === '02' || TERRITORIES.has(fips) || isIndependentCity(geoid) || geoid === CARSON_CITY ? '' : ' County'
  return `${name}${suffix}, ${code}`
}

/**
 * Joins us-atlas states and counties to the registry. Throws `invalid-input` when a state FIPS
 * code is unknown or two counties would get the same OCD ID.
 *
 * @example
 * ```ts
 * const g = buildGazetteer(registry, { states: [{ fips: '06', name: 'California' }], counties: [{ geoid: '06019', name: 'Fresno' }] })
 * g.countyByGeoid.get('06019')?.jurisdiction // 'ocd-division/country:us/state:ca/county:fresno'
 * ```
 */
export function buildGazetteer(registry: Registry, input: GazetteerInput): Gazetteer {
  const registryByGeoid = new Map<string, string>()
  for (const j of registry.jurisdictions.values()) if (j.level === 'county' && j.geoid.kind === 'known') registryByGeoid.set(j.geoid.value.code, j.id)

  const states = input.states
    .map((s, i): GazetteerState => {
      const code = (s.code ?? STATE_FIPS[s.fips]?.code)?.toUpperCase()
      if (!code || !/^[A-Z]{2}$/.test(code)) throw new AppError('invalid-input', `unknown state FIPS code "${s.fips}"`, { field: `states[${i}].fips` })
      const jurisdiction = stateJurisdiction(s.fips, code)
      return Object.freeze({
        kind: 'gazetteer-state',
        fips: s.fips,
        code,
        name: s.name,
        jurisdiction,
        level: s.fips === DC_FIPS ? 'district' : 'state',
        territory: TERRITORIES.has(s.fips),
        inRegistry: registry.jurisdictions.has(jurisdiction),
        population: s.population ?? null,
      })
    })
    .sort((a, b) => a.fips.localeCompare(b.fips))
  const stateByFips = new Map(states.map((s) => [s.fips, s]))

  const places = [...registry.jurisdictions.values()].filter((j) => j.level === 'place')
  const placesByCounty = new Map<string, GazetteerPlace[]>()
  for (const p of places) {
    if (p.jailCounty?.kind !== 'known') continue
    const list = placesByCounty.get(p.jailCounty.value) ?? []
    list.push(Object.freeze({ jurisdiction: p.id, name: p.name }))
    placesByCounty.set(p.jailCounty.value, list)
  }

  // A place with (nearly) exactly its county's residents is that county under another name.
  const countyPopulation = new Map(input.counties.map((c) => [c.geoid, c.population]))
  const coincident = (p: GazetteerPlaceInput): boolean => {
    const county = p.countyGeoid ? countyPopulation.get(p.countyGeoid) : undefined
    return county !== undefined && county > 0 && p.population !== undefined && Math.abs(p.population - county) <= COINCIDENT_TOLERANCE * county
  }
  const cityNamesByGeoid = new Map<string, string[]>()
  for (const p of input.places ?? []) if (coincident(p)) cityNamesByGeoid.set(p.countyGeoid!, [...(cityNamesByGeoid.get(p.countyGeoid!) ?? []), p.name])

  const countyByJurisdiction = new Map<string, GazetteerCounty>()
  const counties = [...input.counties]
    .sort((a, b) => a.geoid.localeCompare(b.geoid))
    .map((c, i): GazetteerCounty => {
      const state = stateByFips.get(c.geoid.slice(0, 2))
      if (!state || !/^\d{5}$/.test(c.geoid)) throw new AppError('invalid-input', `county "${c.name}" has GEOID "${c.geoid}", which is not five digits in a known state`, { field: `counties[${i}].geoid` })
      const name = isIndependentCity(c.geoid) ? `${c.name} city` : c.name
      const derived = deriveCountyId(c.geoid, c.name, state.code)
      const jurisdiction = registryByGeoid.get(c.geoid) ?? derived
      const file = registry.jurisdictions.get(jurisdiction)
      const county: GazetteerCounty = Object.freeze({
        kind: 'gazetteer-county',
        geoid: c.geoid,
        name,
        state: state.code,
        jurisdiction,
        inRegistry: Boolean(file),
        label: file ? withStateCode(file.name, state.code) : countyLabel(c.geoid, name, state.code),
        places: Object.freeze(placesByCounty.get(jurisdiction) ?? []),
        population: c.population ?? null,
        cityNames: Object.freeze(cityNamesByGeoid.get(c.geoid) ?? []),
      })
      const clash = countyByJurisdiction.get(jurisdiction)
      // D.C.'s county-equivalent shares the district's ID by design; nothing else may share one.
      if (clash) throw new AppError('invalid-input', `counties ${clash.geoid} and ${c.geoid} would both have the OCD ID ${jurisdiction}`, { field: `counties[${i}].geoid` })
      countyByJurisdiction.set(jurisdiction, county)
      return county
    })

  const placed = new Set([...countyByJurisdiction.values()].flatMap((c) => c.places.map((p) => p.jurisdiction)))
  const placesWithoutCounty = places
    .filter((p) => !placed.has(p.id))
    .map((p) => Object.freeze({ jurisdiction: p.id, name: p.name, state: p.state?.toUpperCase() ?? null }))
    .sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction))

  const censusPlaces = buildPlaces(registry, (input.places ?? []).filter((p) => !coincident(p)), stateByFips)

  return Object.freeze({
    kind: 'gazetteer',
    states: Object.freeze(states),
    counties: Object.freeze(counties),
    placesWithoutCounty: Object.freeze(placesWithoutCounty),
    stateByFips,
    stateByCode: new Map(states.map((s) => [s.code.toLowerCase(), s])),
    countyByGeoid: new Map(counties.map((c) => [c.geoid, c])),
    countyByJurisdiction,
    places: Object.freeze(censusPlaces),
    placesListed: input.places !== undefined,
    placeByJurisdiction: new Map(censusPlaces.map((p) => [p.jurisdiction, p])),
  })
}

/** A place whose residents number its county's within this share is taken to be the county itself. */
const COINCIDENT_TOLERANCE = 0.02
const PLACE_TYPES: ReadonlySet<string> = new Set(['city', 'town', 'village', 'borough', 'municipality', 'township', 'city and borough'])

/**
 * Census places with OCD IDs: a registry place matches by GEOID, else by the derived ID. Two
 * places of one state with the same name: the more populous keeps `place:<slug>`, the others get
 * `place:<slug>~<geoid>` (no ID is guessed to be the one a registry file meant).
 */
function buildPlaces(registry: Registry, input: readonly GazetteerPlaceInput[], stateByFips: ReadonlyMap<string, GazetteerState>): GazetteerCensusPlace[] {
  const registryByGeoid = new Map<string, string>()
  for (const j of registry.jurisdictions.values()) if (j.level === 'place' && j.geoid.kind === 'known') registryByGeoid.set(j.geoid.value.code, j.id)
  const sorted = [...input].sort((a, b) => (b.population ?? -1) - (a.population ?? -1) || a.geoid.localeCompare(b.geoid))
  const taken = new Set<string>()
  const out: GazetteerCensusPlace[] = []
  for (const p of sorted) {
    const state = stateByFips.get(p.geoid.slice(0, 2))
    if (!state || !/^\d{7}$/.test(p.geoid) || state.code !== p.state.toUpperCase()) {
      throw new AppError('invalid-input', `place "${p.name}" has GEOID "${p.geoid}", which is not seven digits in its state ${p.state}`, { field: `places[${input.indexOf(p)}].geoid` })
    }
    const slug = ocdSlug(p.name)
    if (!slug) continue
    const base = `${state.jurisdiction}/place:${slug}`
    let jurisdiction = registryByGeoid.get(p.geoid) ?? (taken.has(base) ? `${base}~${p.geoid}` : base)
    if (taken.has(jurisdiction)) jurisdiction = `${base}~${p.geoid}`
    taken.add(jurisdiction)
    const file = registry.jurisdictions.get(jurisdiction)
    const type = p.type && PLACE_TYPES.has(p.type) ? p.type : 'place'
    out.push(
      Object.freeze({
        kind: 'gazetteer-place',
        geoid: p.geoid,
        name: p.name,
        type,
        state: state.code,
        jurisdiction,
        inRegistry: Boolean(file),
        label: file ? withStateCode(file.name, state.code) : `${p.name}, ${state.code}`,
        countyGeoid: p.countyGeoid ?? null,
        population: p.population ?? null,
      }),
    )
  }
  return out.sort((a, b) => a.geoid.localeCompare(b.geoid))
}

/**
 * True when `id` is a well-formed OCD ID the gazetteer can place: the country, a known state or
 * district, a county in the gazetteer, or a place in its list of Census places. (A registry file's
 * ID is known too; callers check the registry first.) Without a list of places, no place is known.
 *
 * @example
 * ```ts
 * isKnownDivision(gazetteer, 'ocd-division/country:us/state:ca/county:fresno') // true
 * ```
 */
export function isKnownDivision(gazetteer: Gazetteer, id: string): boolean {
  const ocd = parseOcdId(id)
  if (!ocd) return false
  if (ocd.level === 'country') return true
  if (!ocd.state || !gazetteer.stateByCode.has(ocd.state)) return false
  if (ocd.level === 'county') return gazetteer.countyByJurisdiction.has(id)
  if (ocd.level === 'state' || ocd.level === 'district') return gazetteer.stateByCode.get(ocd.state)!.jurisdiction === id
  return gazetteer.placeByJurisdiction.has(id)
}
