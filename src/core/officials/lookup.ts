/**
 * Finding the place whose officials a person wants, from a ZIP code or a typed name. A ZIP code
 * resolves through the Census ZIP Code Tabulation Area relationship files: where its area lies in
 * one county, that county is the answer; where it spans several, every county is offered with its
 * share of the land, and none is picked. Nothing is guessed below the county (districts never).
 */
import { AppError } from '../errors/index.ts'
import { jurisdictionOrThrow, type Resolution } from '../names/index.ts'
import type { ZipArea } from './model.ts'

/** A place a person can pick, with its share of the ZIP code's land where it came from one. */
export interface PlaceChoice {
  readonly jurisdiction: string
  readonly name: string
  readonly level: 'county' | 'place' | 'state' | 'district' | 'country'
  /** Fraction (0–1) of the ZIP code's land area in this county or place. */
  readonly landShare?: number
}

export type PlaceLookup =
  | { readonly kind: 'decided'; readonly query: string; readonly jurisdiction: string; readonly name: string; readonly places: readonly PlaceChoice[] }
  | { readonly kind: 'choose'; readonly query: string; readonly reason: string; readonly choices: readonly PlaceChoice[]; readonly places: readonly PlaceChoice[] }

const ZIP = /^\d{5}$/

function shares(areas: readonly ZipArea[], level: 'county' | 'place'): PlaceChoice[] {
  const known = areas.filter((a) => a.level === level && a.division)
  const total = areas.filter((a) => a.level === 'county').reduce((n, a) => n + a.landArea, 0)
  return known
    .map((a) => ({ jurisdiction: a.division!, name: a.name, level, ...(total > 0 ? { landShare: Math.round((a.landArea / total) * 1000) / 1000 } : {}) }))
    .sort((a, b) => (b.landShare ?? 0) - (a.landShare ?? 0) || a.name.localeCompare(b.name))
}

/**
 * The county (or the choice of counties) for a ZIP code, from its relationship-file areas.
 * Throws `invalid-input` (field `zip`) for a malformed code and `not-found` for one the Census
 * files do not list (a PO-box-only ZIP code has no tabulation area).
 *
 * @example
 * ```ts
 * zipLookup('77002', areas) // { kind: 'decided', jurisdiction: 'ocd-division/country:us/state:tx/county:harris', … }
 * ```
 */
export function zipLookup(zip: string, areas: readonly ZipArea[]): PlaceLookup {
  if (!ZIP.test(zip)) throw new AppError('invalid-input', `zip must be five digits, got "${zip}"`, { field: 'zip' })
  if (areas.length === 0) throw new AppError('not-found', `ZIP code ${zip} is not in the Census ZIP Code Tabulation Areas (PO-box-only and new ZIP codes have none); try a city or county name`, { field: 'zip' })
  const counties = shares(areas, 'county')
  const places = shares(areas, 'place')
  if (counties.length === 1) return Object.freeze({ kind: 'decided', query: zip, jurisdiction: counties[0]!.jurisdiction, name: counties[0]!.name, places })
  if (counties.length === 0) throw new AppError('not-found', `ZIP code ${zip} lies in no county the directory knows`, { field: 'zip' })
  return Object.freeze({ kind: 'choose', query: zip, reason: `ZIP code ${zip} spans ${counties.length} counties; pick one`, choices: counties, places })
}

/**
 * The jurisdiction a typed name or OCD ID means, from the name resolver's answer
 * (`resolveName`, which puts state context first, then population): one division decides; an
 * ambiguous name is `invalid-input` naming `field` with the candidates to choose from; an unknown
 * one is `not-found` with "did you mean" suggestions.
 *
 * @example
 * ```ts
 * nameLookup(resolveName(names, 'Cook County, IL')).kind // 'decided'
 * ```
 */
export function nameLookup(resolution: Resolution, field = 'q'): PlaceLookup {
  if (!resolution.query.trim()) throw new AppError('invalid-input', `${field} must name a place or give a ZIP code`, { field })
  const c = jurisdictionOrThrow(resolution, field)
  return Object.freeze({ kind: 'decided', query: resolution.query, jurisdiction: c.jurisdiction, name: c.name, places: [] })
}
