/**
 * Open Civic Data division identifiers: parsing, parent chains and the registry path for each.
 *
 * Sanctuary Atlas uses the U.S. subset: `ocd-division/country:us`, then a state or district, then
 * a county (or Louisiana parish, Alaska borough) or a place. A place sits directly under its state
 * (places can span counties); the county whose jail serves it is recorded on the place, not in its ID.
 */

/** The levels of government the registry knows. */
export type Level = 'country' | 'state' | 'district' | 'county' | 'place'

/** A parsed OCD division ID. */
export interface OcdId {
  readonly kind: 'ocd-id'
  readonly id: string
  readonly level: Level
  /** Two-letter lower-case state or district code; undefined for the country. */
  readonly state?: string
  /** The segment type of the last part (`state`, `district`, `county`, `parish`, `borough`, `place`). */
  readonly segmentType: string
  /** The last part's value, e.g. `santa_clara`. */
  readonly segmentValue: string
  /** Parent division IDs from the country down, not including this one. */
  readonly ancestors: readonly string[]
}

export const COUNTRY_ID = 'ocd-division/country:us'
const SEGMENT_VALUE = '[a-z0-9_.~\\-]+'
const OCD_PATTERN = new RegExp(
  `^ocd-division/country:us(?:/(state|district):(${'[a-z]{2}'})(?:/(county|parish|borough|place):(${SEGMENT_VALUE}))?)?$`,
)

/** The JSON-Schema pattern OCD IDs in the registry must match. */
export const OCD_ID_PATTERN = OCD_PATTERN.source

/**
 * Parses an OCD division ID, or returns undefined when it is not a well-formed U.S. division.
 *
 * @example
 * ```ts
 * parseOcdId('ocd-division/country:us/state:ca/county:fresno')?.ancestors
 * // ['ocd-division/country:us', 'ocd-division/country:us/state:ca']
 * ```
 */
export function parseOcdId(id: string): OcdId | undefined {
  const m = OCD_PATTERN.exec(id)
  if (!m) return undefined
  const [, stateType, state, localType, localValue] = m
  if (!stateType || !state) {
    return Object.freeze({ kind: 'ocd-id', id, level: 'country', segmentType: 'country', segmentValue: 'us', ancestors: Object.freeze([]) })
  }
  if (stateType === 'district' && localType) return undefined
  const stateId = `${COUNTRY_ID}/${stateType}:${state}`
  if (!localType || !localValue) {
    return Object.freeze({
      kind: 'ocd-id',
      id,
      level: stateType === 'district' ? 'district' : 'state',
      state,
      segmentType: stateType,
      segmentValue: state,
      ancestors: Object.freeze([COUNTRY_ID]),
    })
  }
  return Object.freeze({
    kind: 'ocd-id',
    id,
    level: localType === 'place' ? 'place' : 'county',
    state,
    segmentType: localType,
    segmentValue: localValue,
    ancestors: Object.freeze([COUNTRY_ID, stateId]),
  })
}

/**
 * The registry file path (relative to the registry folder) for an OCD ID: each `type:value`
 * segment after the country becomes `type-value`, so paths carry no colons.
 *
 * @example
 * ```ts
 * registryPathFor('ocd-division/country:us/state:il/place:chicago') // 'us/state-il/place-chicago.yaml'
 * registryPathFor('ocd-division/country:us') // 'us.yaml'
 * ```
 */
export function registryPathFor(id: string): string {
  const parts = id.replace(/^ocd-division\//, '').split('/')
  const segments = parts.map((part, index) => (index === 0 ? part.replace(/^country:/, '') : part.replace(':', '-')))
  return `${segments.join('/')}.yaml`
}

/**
 * A readable label from an OCD ID's last segment, for jurisdictions the registry has no file for.
 *
 * @example
 * ```ts
 * labelFromOcdId('ocd-division/country:us/state:ca/county:san_luis_obispo') // 'San Luis Obispo County, CA'
 * ```
 */
export function labelFromOcdId(id: string): string {
  const parsed = parseOcdId(id)
  if (!parsed) return id
  const words = parsed.segmentValue
    .split(/[_~-]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ')
  switch (parsed.level) {
    case 'country':
      return 'United States'
    case 'state':
    case 'district':
      return parsed.segmentValue.toUpperCase()
    case 'county': {
      const suffix = parsed.segmentType === 'county' ? 'County' : parsed.segmentType === 'parish' ? 'Parish' : 'Borough'
      return `${words} ${suffix}, ${parsed.state!.toUpperCase()}`
    }
    case 'place':
      return `${words}, ${parsed.state!.toUpperCase()}`
  }
}

/**
 * A name with its state's postal code, so that same-named places stay apart: "Harris County" in
 * Texas is "Harris County, TX" (D.C.'s own name, and a name that already ends in the code, stay as
 * they are).
 *
 * @example
 * ```ts
 * withStateCode('Harris County', 'TX') // 'Harris County, TX'
 * ```
 */
export function withStateCode(name: string, code: string): string {
  return code === 'DC' || name.endsWith(`, ${code}`) ? name : `${name}, ${code}`
}

/**
 * A county's or city's name with its state's code, as the map and search show it; states, D.C.
 * and the country keep their names.
 *
 * @example
 * ```ts
 * nameWithState('ocd-division/country:us/state:tx/county:harris', 'Harris County') // 'Harris County, TX'
 * ```
 */
export function nameWithState(id: string, name: string): string {
  const parsed = parseOcdId(id)
  if (!parsed?.state || (parsed.level !== 'county' && parsed.level !== 'place')) return name
  return withStateCode(name, parsed.state.toUpperCase())
}
