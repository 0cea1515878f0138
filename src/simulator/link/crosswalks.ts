/**
 * Reading the linking tables from a crosswalk folder given at run time (by default the shared
 * data folder, `../shared/data`). Nothing is copied into the project. The folder must hold the
 * us-geo tables; the other lists are optional and each one missing lowers the match rate
 * (reported as a warning).
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { AppError } from '../../core/errors/index.ts'
import { openTable } from '../io/index.ts'
import type { CountyRow, CrosswalkTables, FacilityRow, PlaceRow, SiteRow } from './linker.ts'

/** The files read, relative to the crosswalk folder. */
export const CROSSWALK_FILES = {
  states: 'us-geo/data/2020_dist/states.csv',
  counties: 'us-geo/data/2020_dist/counties.csv',
  places: 'us-geo/data/2020_dist/places.csv',
  placeCounties: 'us-geo/data/2020_dist/place_counties.csv',
  uwchrFacilities: 'ice-facilities/uwchr-ice-facilities/facilities_geocoded.csv.gz',
  codedFacilitiesJun2025: 'ice-facilities/uwchr-deport-data-proj/coded_facilities_jun2025.csv',
  codedFacilitiesFeb2025: 'ice-facilities/uwchr-deport-data-proj/coded_facilities_feb2025.csv',
  veraFacilities: 'ice-facilities/uwchr-deport-data-proj/vera_facilities.csv',
  ddpFacilityLocations: 'ice-facilities/ddp-ice/facility-locations-oct2025.tsv',
  hifldPrisons: 'hifld-law-enforcement/prison_boundaries_facilities.csv',
  hifldAgencies: 'hifld-law-enforcement/local_law_enforcement_locations.csv',
  countyAor: 'ice-enforce/share/hand/county_aor.csv',
  aorCodes: 'ice-enforce/share/hand/aor_codes.yaml',
} as const

/** The tables and what was missing. */
export interface LoadedCrosswalks {
  readonly tables: CrosswalkTables
  readonly warnings: readonly string[]
}

const REQUIRED: ReadonlyArray<keyof typeof CROSSWALK_FILES> = ['states', 'counties', 'places']

/**
 * Reads every crosswalk under `dir`. Throws `not-found` when the folder or a us-geo table is
 * missing, `invalid-input` when a table lacks a column it needs.
 *
 * @example
 * ```ts
 * const { tables, warnings } = await loadCrosswalks('../shared/data')
 * const linker = new Linker(tables)
 * ```
 */
export async function loadCrosswalks(dir: string): Promise<LoadedCrosswalks> {
  if (!existsSync(dir)) throw new AppError('not-found', 'crosswalk folder not found (pass --crosswalks DIR)', { file: dir })
  for (const key of REQUIRED) {
    const path = join(dir, CROSSWALK_FILES[key])
    if (!existsSync(path)) throw new AppError('not-found', 'required crosswalk table missing (is --crosswalks the shared data folder?)', { file: path })
  }
  const warnings: string[] = []
  const optional = (key: keyof typeof CROSSWALK_FILES): string | undefined => {
    const path = join(dir, CROSSWALK_FILES[key])
    if (existsSync(path)) return path
    warnings.push(`crosswalk ${CROSSWALK_FILES[key]} not found; linking without it`)
    return undefined
  }

  const stateByFips = new Map<string, string>()
  await eachRow(join(dir, CROSSWALK_FILES.states), ['Code', 'FIPS'], (r) => {
    stateByFips.set(r('FIPS').padStart(2, '0'), r('Code').toLowerCase())
  })

  const counties: CountyRow[] = []
  await eachRow(join(dir, CROSSWALK_FILES.counties), ['GEOID', 'Name', 'Short Name', 'State'], (r) => {
    counties.push({ geoid: r('GEOID').padStart(5, '0'), name: r('Name'), shortName: r('Short Name'), state: r('State').toLowerCase() })
  })

  const places: PlaceRow[] = []
  await eachRow(join(dir, CROSSWALK_FILES.places), ['GEOID', 'Short Name', 'State', 'County GEOID', 'FIPS Class'], (r) => {
    places.push({ geoid: r('GEOID').padStart(7, '0'), shortName: r('Short Name'), state: r('State').toLowerCase(), countyGeoid: r('County GEOID').padStart(5, '0'), fipsClass: r('FIPS Class') })
  })

  const placeCounties: Array<{ placeGeoid: string; countyGeoid: string }> = []
  const placeCountiesPath = optional('placeCounties')
  if (placeCountiesPath) {
    await eachRow(placeCountiesPath, ['Place GEOID', 'County GEOID'], (r) => {
      placeCounties.push({ placeGeoid: r('Place GEOID').padStart(7, '0'), countyGeoid: r('County GEOID').padStart(5, '0') })
    })
  }

  const facilities: FacilityRow[] = []
  const uwchr = optional('uwchrFacilities')
  if (uwchr) {
    await eachRow(uwchr, ['detloc', 'name', 'city', 'county', 'state', 'type_detailed'], (r) => {
      facilities.push({ code: r('detloc'), name: r('name'), city: na(r('city')), countyName: na(r('county')), state: na(r('state')), type: na(r('type_detailed')) })
    })
  }
  for (const key of ['codedFacilitiesJun2025', 'codedFacilitiesFeb2025'] as const) {
    const path = optional(key)
    if (!path) continue
    await eachRow(path, ['detention_facility_code', 'detention_facility', 'address', 'state', 'type'], (r) => {
      facilities.push({ code: r('detention_facility_code'), name: r('detention_facility'), city: cityFromAddress(r('address')), state: na(r('state')), type: na(r('type')) })
    })
  }
  const vera = optional('veraFacilities')
  if (vera) {
    await eachRow(vera, ['detention_facility_code', 'detention_facility_name', 'type_detailed', 'city', 'state'], (r) => {
      facilities.push({ code: r('detention_facility_code'), name: r('detention_facility_name'), city: na(r('city')), state: na(r('state')), type: na(r('type_detailed')) })
    })
  }
  const ddp = optional('ddpFacilityLocations')
  if (ddp) {
    await eachRow(ddp, ['detention_facility_code', 'detention_facility_name', 'city', 'state'], (r) => {
      facilities.push({ code: r('detention_facility_code'), name: r('detention_facility_name'), city: na(r('city')), state: na(r('state')) })
    })
  }

  const jails: SiteRow[] = []
  const prisons = optional('hifldPrisons')
  if (prisons) {
    await eachRow(prisons, ['NAME', 'CITY', 'STATE', 'TYPE', 'COUNTYFIPS'], (r) => {
      jails.push({ name: r('NAME'), city: na(r('CITY')), state: r('STATE'), type: na(r('TYPE')), countyFips: na(r('COUNTYFIPS')) })
    })
  }
  const agencies: SiteRow[] = []
  const agencyPath = optional('hifldAgencies')
  if (agencyPath) {
    await eachRow(agencyPath, ['NAME', 'CITY', 'STATE', 'TYPE', 'COUNTYFIPS'], (r) => {
      agencies.push({ name: r('NAME'), city: na(r('CITY')), state: r('STATE'), type: na(r('TYPE')), countyFips: na(r('COUNTYFIPS')) })
    })
  }

  const aorStates: Array<{ aor: string; state: string }> = []
  const countyAor = optional('countyAor')
  if (countyAor) {
    const seen = new Set<string>()
    await eachRow(countyAor, ['geoid', 'aor'], (r) => {
      const state = stateByFips.get(r('geoid').padStart(5, '0').slice(0, 2))
      const aor = r('aor').trim().toUpperCase()
      if (!state || aor === '' || seen.has(`${aor}:${state}`)) return
      seen.add(`${aor}:${state}`)
      aorStates.push({ aor, state })
    })
  }
  const aorCodes: Array<{ name: string; code: string }> = []
  const aorCodesPath = optional('aorCodes')
  if (aorCodesPath) {
    let doc: unknown
    try {
      doc = parseYaml(await readFile(aorCodesPath, 'utf8'))
    } catch (thrown) {
      throw new AppError('invalid-input', `malformed YAML: ${thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown)}`, { file: aorCodesPath })
    }
    const map = (doc as { aor?: Record<string, unknown> } | null)?.aor
    if (map && typeof map === 'object') for (const [name, code] of Object.entries(map)) if (typeof code === 'string') aorCodes.push({ name, code })
  }

  return { tables: { counties, places, placeCounties, facilities, jails, agencies, aorStates, aorCodes }, warnings }
}

async function eachRow(path: string, required: readonly string[], visit: (get: (column: string) => string) => void): Promise<void> {
  const { header, rows } = await openTable(path)
  const index = new Map(header.columns.map((c, i) => [c, i]))
  const missing = required.filter((c) => !index.has(c))
  if (missing.length > 0) {
    throw new AppError('invalid-input', `crosswalk table lacks column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`, { file: path, line: header.line })
  }
  for await (const row of rows) {
    if (row.kind !== 'row') continue
    visit((column) => (row.values.get(column) ?? '').trim())
  }
}

function na(value: string): string | undefined {
  return value === '' || value === 'NA' || value === 'N/A' ? undefined : value
}

/**
 * The city of a one-line U.S. address ("2615 Chester Ave, Bakersfield, CA 93301" or "Mobile, AL").
 *
 * @example
 * ```ts
 * cityFromAddress('2615 Chester Ave, Bakersfield, CA 93301') // 'Bakersfield'
 * ```
 */
export function cityFromAddress(address: string): string | undefined {
  const parts = address.split(',').map((p) => p.trim()).filter((p) => p !== '')
  if (parts.length < 2) return undefined
  const last = parts[parts.length - 1] as string
  if (!/^[A-Z]{2}(\s+\d{5}(-\d{4})?)?$/.test(last)) return undefined
  return parts[parts.length - 2]
}
