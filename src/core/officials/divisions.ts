/**
 * OCD division IDs the directory uses beyond the registry's levels: congressional and state
 * legislative districts, and places named by the sources.
 */
import { ocdSlug, STATE_FIPS } from '../answers/index.ts'
import { COUNTRY_ID } from '../ocd/index.ts'

const NAMES = new Map(Object.values(STATE_FIPS).map((s) => [s.code, s.name]))

/** The state's name for a two-letter code (the code itself when unknown). */
export function stateName(code: string): string {
  return NAMES.get(code.toUpperCase()) ?? code.toUpperCase()
}

/** The state's (or D.C.'s) division for a two-letter code. */
export function stateDivision(code: string): string {
  const c = code.toLowerCase()
  return c === 'dc' ? `${COUNTRY_ID}/district:dc` : `${COUNTRY_ID}/state:${c}`
}

/**
 * A congressional district's division; an at-large seat (district 0) represents the whole state.
 *
 * @example
 * ```ts
 * congressionalDistrict('TX', 7) // 'ocd-division/country:us/state:tx/cd:7'
 * congressionalDistrict('AK', 0) // 'ocd-division/country:us/state:ak'
 * ```
 */
export function congressionalDistrict(code: string, district: number): string {
  return district === 0 || code.toLowerCase() === 'dc' ? stateDivision(code) : `${stateDivision(code)}/cd:${district}`
}

/** A state legislative district's division: `sldu` (upper) or `sldl` (lower). */
export function legislativeDistrict(code: string, chamber: 'upper' | 'lower', district: string): string {
  return `${stateDivision(code)}/${chamber === 'upper' ? 'sldu' : 'sldl'}:${ocdSlug(district)}`
}

/** Open States names governments by jurisdiction (`ocd-jurisdiction/…/government`); the division is the same path. */
export function divisionOfJurisdiction(jurisdiction: string): string | undefined {
  const m = /^ocd-jurisdiction\/(country:us(?:\/[a-z_]+:[^/]+)*)\/(?:government|legislature)$/.exec(jurisdiction)
  return m ? `ocd-division/${m[1]}` : undefined
}

/**
 * County GEOIDs the Census Bureau has changed, to the code the gazetteer (us-atlas, 2017
 * boundaries) uses: Shannon County SD became Oglala Lakota (46113 → 46102, 2015), Wade Hampton
 * Census Area AK became Kusilvak (02270 → 02158, 2015), and Valdez-Cordova AK (02261) was split into
 * Chugach (02063) and Copper River (02066) in 2019, after the gazetteer's boundaries. Source:
 * https://www.census.gov/programs-surveys/geography/technical-documentation/county-changes.html
 */
export const COUNTY_GEOID_SUCCESSORS: Readonly<Record<string, string>> = Object.freeze({ '46113': '46102', '02270': '02158', '02063': '02261', '02066': '02261' })
