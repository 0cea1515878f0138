/**
 * A signer's constituency from the ZIP code they give: the county from the Census ZIP-to-county
 * relationship (a ZIP code spanning counties needs the signer to pick one), the place when most of
 * the ZIP code's land lies in one, and the congressional district only where it is certain — a
 * state with a single, at-large seat. A district is never guessed from a county.
 */
import { AppError } from '../errors/index.ts'
import type { PlaceLookup } from '../officials/index.ts'
import type { Constituency } from './model.ts'

/** A place decides a signer's city when it holds at least this share of the ZIP code's land. */
export const PLACE_SHARE = 0.5

/**
 * The constituency for a ZIP lookup. `county` picks one of a split ZIP code's counties (an OCD
 * ID); `atLarge` is the state's at-large congressional seat when the state has only one.
 *
 * @example
 * ```ts
 * constituencyOf(zipLookup('77002', areas), {}) // { county: '…/county:harris', place: '…/place:houston', … }
 * ```
 */
export function constituencyOf(lookup: PlaceLookup, options: { readonly county?: string; readonly atLarge?: { readonly id: string; readonly name: string } }): Constituency {
  let county: { jurisdiction: string; name: string }
  if (lookup.kind === 'decided') {
    if (options.county !== undefined && options.county !== lookup.jurisdiction) throw new AppError('invalid-input', `county: ZIP code ${lookup.query} lies in ${lookup.name}, not "${options.county}"`, { field: 'county' })
    county = { jurisdiction: lookup.jurisdiction, name: lookup.name }
  } else {
    const picked = lookup.choices.find((c) => c.jurisdiction === options.county)
    if (!picked) {
      throw new AppError('invalid-input', `county: ZIP code ${lookup.query} spans ${lookup.choices.length} counties; give one of: ${lookup.choices.map((c) => `${c.jurisdiction} (${c.name})`).join('; ')}`, { field: 'county' })
    }
    county = picked
  }
  const state = /\/state:([a-z]{2})/.exec(county.jurisdiction)?.[1] ?? (/\/district:dc/.test(county.jurisdiction) ? 'dc' : '')
  const place = lookup.places.find((p) => (p.landShare ?? 0) >= PLACE_SHARE)
  return Object.freeze({
    kind: 'constituency',
    state,
    county: county.jurisdiction,
    countyName: county.name,
    ...(place ? { place: place.jurisdiction, placeName: place.name } : {}),
    ...(options.atLarge ? { district: options.atLarge.id, districtName: options.atLarge.name } : {}),
  })
}
