/**
 * What the search box, the API's `/api/v1/search` and the forms share: the whole answer for a
 * query (divisions best first, laws, and what the query resolves to), ZIP codes through the
 * officials directory's Census ZCTA areas, and the check every surface applies to an OCD ID.
 */
import { AppError } from '../errors/index.ts'
import type { NameIndex } from './build.ts'
import { requireJurisdiction, resolveName, searchLaws, searchNames, toChoice, type NameContext } from './resolve.ts'
import type { Candidate, Resolution, Search } from './schemas.ts'

/** A county (or place) a ZIP code's area lies in, with its share of the land (from the officials directory). */
export interface ZipShare {
  readonly jurisdiction: string
  readonly landShare?: number
}

const ZIP = /^\d{5}$/

/**
 * True when a query could be a ZIP code (five digits), so that an adapter looks up its areas.
 *
 * @example
 * ```ts
 * isZipLike(' 77002 ') // true
 * ```
 */
export function isZipLike(text: string): boolean {
  return ZIP.test(text.trim())
}

/**
 * A resolution that also weighs a ZIP code's counties: one county decides; several are a choice
 * (largest land share first); a five-digit county GEOID that is also a ZIP code is a choice between
 * them. Without ZIP areas the resolution is unchanged.
 *
 * @example
 * ```ts
 * withZip(names, resolveName(names, '77002'), '77002', [{ jurisdiction: HARRIS }]).kind // 'resolved'
 * ```
 */
export function withZip(index: NameIndex, resolution: Resolution, zip: string, shares: readonly ZipShare[]): Resolution {
  const counties = shares.map((s) => index.byId.get(s.jurisdiction)?.candidate).filter((c): c is Candidate => c !== undefined)
  if (counties.length === 0) return resolution
  const query = resolution.query
  const byGeoid = resolution.kind === 'resolved' ? resolution.jurisdiction : null
  const all = [...counties, ...(byGeoid && !counties.some((c) => c.jurisdiction === byGeoid.jurisdiction) ? [byGeoid] : [])]
  if (all.length === 1) return { kind: 'resolved', query, jurisdiction: all[0]!, by: 'zip', reason: `ZIP code ${zip} lies in ${all[0]!.name}` }
  const reason = byGeoid && all.length === counties.length + 1 ? `${zip} is a ZIP code in ${counties.map((c) => c.name).join('; ')} and the Census GEOID of ${byGeoid.name}` : `ZIP code ${zip} spans ${counties.length} counties`
  return { kind: 'ambiguous', query, candidates: all, reason }
}

/** Options of {@link searchAll}. */
export interface SearchAllOptions extends NameContext {
  readonly limit?: number
  /** The query's ZIP areas, when it is five digits and the officials directory knows them. */
  readonly zip?: readonly ZipShare[]
}

/**
 * The search answer for a query: divisions best first (a ZIP code's counties first), laws by
 * name and number, and what the query resolves to on its own.
 *
 * @example
 * ```ts
 * searchAll(names, 'Houston').resolution.kind // 'resolved' (Houston, TX) with us-geo's populations
 * searchAll(names, 'SB 54').laws[0]?.enactment // 'ca-sb54'
 * ```
 */
export function searchAll(index: NameIndex, query: string, options: SearchAllOptions = {}): Search {
  const limit = options.limit ?? 20
  const state = options.state ?? null
  let resolution = resolveName(index, query, { state, prefer: options.prefer ?? null })
  if (options.zip && isZipLike(query)) resolution = withZip(index, resolution, query.trim(), options.zip)
  const found = searchNames(index, query, { state, prefer: options.prefer ?? null, limit })
  const first = resolution.kind === 'resolved' ? [resolution.jurisdiction] : resolution.kind === 'ambiguous' ? resolution.candidates : []
  const seen = new Set<string>()
  const results = [...first, ...found].filter((c) => !seen.has(c.jurisdiction) && Boolean(seen.add(c.jurisdiction))).slice(0, limit)
  // Laws for every query but a GEOID or ZIP code ("1373" and "287" are law numbers); near
  // spellings of law names only when the query is no place.
  const laws = /^\d{2}$|^\d{5}$|^\d{7}$/.test(query.trim()) ? [] : searchLaws(index, query, { state, limit, fuzzy: resolution.kind === 'unknown' })
  // A law's name or number that names no place ("TRUST Act"): near spellings of places are noise.
  if (resolution.kind === 'unknown' && laws.some((l) => l.match !== 'fuzzy')) {
    const exactOnly = searchNames(index, query, { state, prefer: options.prefer ?? null, limit, fuzzy: false })
    return { kind: 'search', query, results: exactOnly, laws, resolution: { ...resolution, suggestions: [], reason: `"${query}" names no place; it is the name or number of a law` } }
  }
  return { kind: 'search', query, results, laws, resolution }
}

/**
 * The check every surface applies to a jurisdiction given as an ID (the API's `jurisdiction`,
 * `ids`, a page's path): it must be an OCD ID of a real state, county, county-equivalent or place
 * (gazetteer or registry file). A name where an ID belongs is `invalid-input` with what the name
 * resolves to as suggestions; an ID of nothing real is `not-found` with "did you mean".
 *
 * @example
 * ```ts
 * requireDivisionId(names, 'ocd-division/country:us/state:zz/county:nowhere', 'jurisdiction') // throws not-found
 * requireDivisionId(names, 'Harris County', 'jurisdiction') // throws invalid-input, suggestions [Harris County, TX]
 * ```
 */
export function requireDivisionId(index: NameIndex, text: string, field: string): Candidate {
  const id = text.trim()
  if (id.startsWith('ocd-division/')) return requireJurisdiction(index, id, { field })
  let suggestions: readonly Candidate[] = []
  try {
    const r = resolveName(index, id)
    suggestions = r.kind === 'resolved' ? [r.jurisdiction] : r.kind === 'ambiguous' ? r.candidates : r.suggestions
  } catch {
    suggestions = []
  }
  const shown = suggestions.slice(0, 5)
  const did = shown.length ? `; did you mean ${shown.map((c) => `${c.name} (${c.jurisdiction})`).join('; ')}?` : ''
  throw new AppError('invalid-input', `"${id}" is not a U.S. OCD division ID (e.g. ocd-division/country:us/state:ca/county:fresno)${did}`, { field }, { suggestions: shown.map(toChoice) })
}
