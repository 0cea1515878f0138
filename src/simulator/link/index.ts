/**
 * Linking detainer locations (DETLOC codes, jail landmarks, agencies, cities) to county and place
 * GEOIDs, from crosswalk tables read at run time.
 */
export {
  Linker,
  recordCustody,
  classifyCustody,
  type CrosswalkTables,
  type CountyRow,
  type PlaceRow,
  type FacilityRow,
  type SiteRow,
  type LinkResult,
} from './linker.ts'
export { loadCrosswalks, cityFromAddress, CROSSWALK_FILES, type LoadedCrosswalks } from './crosswalks.ts'
export { normalizeName, extractStateHint, countyNameCandidates, stripOfficePrefix, isCustodyLandmark, type NamedCustody, type StateHint } from './names.ts'
