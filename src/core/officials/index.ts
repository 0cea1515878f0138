/**
 * The officials directory's pure core: the Popolo model, the parsers that turn each source into
 * records, the curated folder's format, and the rules that say who decides in a jurisdiction. No
 * I/O: the database adapter stores the records and the import adapter reads the files.
 *
 * @example
 * ```ts
 * import { openStatesLine } from './core/officials/index.ts'
 * const out = openStatesLine(line, 1, commit, '2026-12-05')
 * ```
 */
export type {
  Contact,
  DirectoryBatch,
  DirectoryRecord,
  Membership,
  Organization,
  OrganizationClass,
  Person,
  Post,
  PostRole,
  RowProblem,
  SourceRef,
  ZipArea,
} from './model.ts'
export { COUNTY_GEOID_SUCCESSORS, congressionalDistrict, divisionOfJurisdiction, legislativeDistrict, stateDivision, stateName } from './divisions.ts'
export { CONGRESS_DATASET, congressRecords, type CongressInput } from './sources/congress.ts'
export { OPENSTATES_DATASET, OPENSTATES_FILE, openStatesLine, type OpenStatesLine } from './sources/openstates.ts'
export { HIFLD_DATASET, HIFLD_FILE, hifldCollector, titleCase, type CountyRef, type HifldRow } from './sources/hifld.ts'
export { ZCTA_COUNTIES_FILE, ZCTA_DATASET, ZCTA_PLACES_FILE, zctaArea, type AreaRef, type ZctaRow } from './sources/zcta.ts'
export { GAZETTEER_DATASET, governingBodies, type GoverningArea } from './sources/governing-bodies.ts'
export { CURATED_DATASET, CuratedFileSchema, curatedPostId, curatedRecords } from './curated.ts'
export {
  DECISION_QUESTIONS,
  QUESTION_ACTIONS,
  QUESTION_LABELS,
  whoDecides,
  type BodyKey,
  type DecidingBody,
  type DecisionQuestion,
  type GovernmentLevel,
  type QuestionDeciders,
  type Seat,
  type WhoDecides,
  type WhoDecidesInput,
} from './who-decides.ts'
export { nameLookup, zipLookup, type PlaceChoice, type PlaceLookup } from './lookup.ts'
export { contactLine, describeWhoDecides } from './describe.ts'
export { POPOLO_COLLECTIONS, popoloChunks, toPopolo, type PopoloCollection } from './popolo.ts'
