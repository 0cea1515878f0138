/**
 * The one name resolver of Sanctuary Atlas: what a person typed — a name, an alias, an OCD ID, a
 * Census GEOID, "Harris County, TX", "Houston", a typo — to one real division, or to a choice
 * between equally good ones, or to "did you mean"; and laws by name and number ("SB 54", "TRUST
 * Act", "287(g)"). The CLI, the API, the pages and the simulator all use it. Pure: the registry
 * and the gazetteer (us-atlas states and counties, us-geo places and populations, read by an
 * adapter) are handed in.
 *
 * @example
 * ```ts
 * import { buildNameIndex, requireJurisdiction, resolveName } from './core/names/index.ts'
 * const names = buildNameIndex({ registry, gazetteer })
 * resolveName(names, 'Houston', { state: 'tx' }).kind // 'resolved'
 * requireJurisdiction(names, 'Harriss', { field: 'jurisdiction' }) // throws not-found, suggestions [Harris County, TX, …]
 * ```
 */
export { buildNameIndex, type NameEntry, type NameIndex, type NameIndexInput, type Tier } from './build.ts'
export { type LawEntry } from './laws.ts'
export { containsWords, normalizeLawText, normalizeName, shortCountyName } from './normalize.ts'
export {
  DOMINANCE,
  jurisdictionOrThrow,
  requireJurisdiction,
  resolveLaw,
  resolveName,
  searchLaws,
  searchNames,
  SHORT_NAME_WEIGHT,
  toChoice,
  type LawResolution,
  type NameContext,
  type SearchOptions,
} from './resolve.ts'
export { isZipLike, requireDivisionId, searchAll, withZip, type SearchAllOptions, type ZipShare } from './search.ts'
export * from './schemas.ts'
