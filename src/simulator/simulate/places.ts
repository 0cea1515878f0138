/**
 * Where a record is, in the engine's terms: the OCD division its cell is reported under, and the
 * divisions whose law could bind it (its "targets"). A record's answer is the engine's answer in
 * its target when there is one; when the place is uncertain (an unlinked record, a custody that
 * does not say whether the city or the county jail held the person) the answer is the engine's
 * answer if every possible target agrees, and undetermined otherwise.
 *
 * GEOIDs become OCD ids through the registry's own `geoid` fields first; a county the registry
 * has no file for gets an id derived from its Census name (`county:lancaster`, `parish:acadia`,
 * `place:alexandria` for an independent city), or, without a names table, its state's id, which
 * the engine answers identically (a county without a file adds no law to its state's).
 */
import { deriveCountyId, ocdSlug as gazetteerSlug } from '../../core/answers/index.ts'
import { COUNTRY_ID, labelFromOcdId, parseOcdId } from '../../core/ocd/index.ts'
import type { Registry } from '../../core/registry/index.ts'

/** A county in the Census names table (us-geo `counties.csv`). */
export interface CountyName {
  readonly geoid: string
  /** Full name, e.g. `Acadia Parish`, `City of Alexandria`. */
  readonly name: string
  /** Short name, e.g. `Acadia`, `Alexandria (city)`. */
  readonly shortName: string
  /** Two-letter lower-case state code. */
  readonly state: string
}

/** The linked geography of a record, as its columns give it. */
export interface RecordLocation {
  readonly state: string | null
  readonly county: string | null
  readonly place: string | null
}

/** A record's place in the report and for the engine. */
export interface ResolvedLocation {
  /** The cell's jurisdiction: a registry place, else the county's id, else the state's; `unlinked` without a county. */
  readonly cell: string
  readonly name: string
  readonly linked: boolean
  /** The county's OCD id (or the state's when no id can be derived); null when unlinked. */
  readonly county: string | null
  /** The registry place the record is in, if any. */
  readonly place: string | null
  /** The state's OCD id when known. */
  readonly state: string | null
}

const DISTRICTS = new Set(['dc'])

/**
 * An OCD id segment value from a Census name, exactly as the map's gazetteer forms it (one rule
 * for the map, the pages and the simulator's cells).
 *
 * @example
 * ```ts
 * ocdSlug("Prince George's") // 'prince_georges'
 * ocdSlug('Doña Ana') // 'dona_ana'
 * ```
 */
export const ocdSlug = gazetteerSlug

/**
 * The OCD id of a state (or D.C.) by its two-letter code.
 *
 * @example
 * ```ts
 * stateOcdId('dc') // 'ocd-division/country:us/district:dc'
 * ```
 */
export function stateOcdId(state: string): string {
  return `${COUNTRY_ID}/${DISTRICTS.has(state) ? 'district' : 'state'}:${state}`
}

/**
 * The OCD id of a county from its Census names, the same id the map's gazetteer gives it;
 * undefined when none can be formed.
 *
 * @example
 * ```ts
 * countyOcdId({ geoid: '22001', name: 'Acadia Parish', shortName: 'Acadia', state: 'la' }) // '…/state:la/parish:acadia'
 * countyOcdId({ geoid: '51510', name: 'City of Alexandria', shortName: 'Alexandria (city)', state: 'va' }) // '…/state:va/county:alexandria_city'
 * ```
 */
export function countyOcdId(county: CountyName): string | undefined {
  if (DISTRICTS.has(county.state)) return stateOcdId(county.state)
  const base = county.shortName.replace(/\s*\(city\)\s*$/i, '')
  if (!ocdSlug(base) || !/^\d{5}$/.test(county.geoid)) return undefined
  const id = deriveCountyId(county.geoid, base, county.state.toUpperCase())
  return parseOcdId(id) ? id : undefined
}

/**
 * Resolves record locations against a registry and an optional Census names table. Results
 * are cached per distinct location.
 *
 * @example
 * ```ts
 * const places = new Places(registry, counties)
 * places.resolve({ state: 'il', county: '17031', place: null }).cell // 'ocd-division/country:us/state:il/county:cook'
 * ```
 */
export class Places {
  private readonly byCountyGeoid = new Map<string, string>()
  private readonly byPlaceGeoid = new Map<string, string>()
  private readonly names = new Map<string, CountyName>()
  private readonly registries: readonly Registry[]

  /** `registries`: the law's registry first, then any counterfactual registry whose ids also count. */
  constructor(registries: Registry | readonly Registry[], counties: readonly CountyName[] = []) {
    this.registries = Array.isArray(registries) ? registries : [registries as Registry]
    for (const registry of this.registries) {
      for (const j of registry.jurisdictions.values()) {
        if (j.geoid.kind !== 'known') continue
        if (j.level === 'county' || (j.level === 'district' && j.geoid.value.code.length === 5)) {
          if (!this.byCountyGeoid.has(j.geoid.value.code)) this.byCountyGeoid.set(j.geoid.value.code, j.id)
        } else if (j.level === 'district' && j.geoid.value.code.length === 2) {
          // D.C. is both a state-level district and a county (11001)
          if (!this.byCountyGeoid.has(`${j.geoid.value.code}001`)) this.byCountyGeoid.set(`${j.geoid.value.code}001`, j.id)
        } else if (j.level === 'place') {
          if (!this.byPlaceGeoid.has(j.geoid.value.code)) this.byPlaceGeoid.set(j.geoid.value.code, j.id)
        }
      }
    }
    for (const c of counties) this.names.set(c.geoid, c)
  }

  /** The display name of an OCD id: the registry's name, else the Census name, else a label from the id. */
  nameOf(id: string, countyGeoid?: string | null): string {
    for (const r of this.registries) {
      const j = r.jurisdictions.get(id)
      if (j) return j.name
    }
    const census = countyGeoid ? this.names.get(countyGeoid) : undefined
    if (census) return `${census.name}, ${census.state.toUpperCase()}`
    return labelFromOcdId(id)
  }

  /** Resolves one location (see the module comment). */
  resolve(loc: RecordLocation): ResolvedLocation {
    const county = loc.county
    const state = loc.state ?? (county ? (this.names.get(county)?.state ?? null) : null)
    const stateId = state ? stateOcdId(state) : null
    if (!county) return { cell: 'unlinked', name: 'Unlinked records', linked: false, county: null, place: null, state: stateId }
    const census = this.names.get(county)
    const countyId = this.byCountyGeoid.get(county) ?? (census ? countyOcdId(census) : undefined) ?? stateId
    const place = loc.place ? (this.byPlaceGeoid.get(loc.place) ?? null) : null
    const cell = place ?? countyId
    if (!cell) return { cell: 'unlinked', name: 'Unlinked records', linked: false, county: null, place: null, state: stateId }
    return { cell, name: this.nameOf(cell, place ? null : county), linked: true, county: countyId, place, state: stateId }
  }
}

/**
 * The divisions whose law could bind a record, in one registry, given its custody (see the
 * module comment). The engine's answer for the record is the common answer over them, or
 * undetermined where they differ.
 *
 * - A county jail is the county's: the record's county (a registry place only when the place's
 *   jail county is that county, so the place's own provisions for county jails are weighed).
 * - A city jail is the place's, when the record is in a registry place; else the county's.
 * - Unknown custody in a registry place whose jail county is not the record's: both.
 * - Unlinked with a known state: the state, and every registry county and place in it.
 * - Unlinked without a state: the federal baseline, every state and every local registry file.
 *
 * @example
 * ```ts
 * targetsFor(registry, places.resolve(loc), 'county-jail') // ['ocd-division/country:us/state:il/county:cook']
 * ```
 */
export function targetsFor(registry: Registry, loc: ResolvedLocation, custody: string | null): readonly string[] {
  if (!loc.linked || !loc.county) {
    const prefix = loc.state ? `${loc.state}/` : `${COUNTRY_ID}/`
    const ids = new Set<string>([loc.state ?? COUNTRY_ID])
    for (const j of registry.jurisdictions.values()) if (j.id.startsWith(prefix)) ids.add(j.id)
    return [...ids].sort()
  }
  if (!loc.place) return [loc.county]
  const jail = registry.jurisdictions.get(loc.place)?.jailCounty
  const jailIsRecordCounty = jail?.kind === 'known' && jail.value === loc.county
  if (custody === 'city-jail' || jailIsRecordCounty) return [loc.place]
  if (custody === 'county-jail' || custody === 'state-prison') return [loc.county]
  return [loc.place, loc.county].sort()
}
