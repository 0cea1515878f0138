/**
 * The map's answers and the web app's read models: case templates, the gazetteer of states and
 * counties joined to the registry, answers for every county, search, compare, the view of a
 * division with no file, and downloads. Pure: adapters hand in the us-atlas lists and geometry.
 *
 * @example
 * ```ts
 * import { answersFor, buildGazetteer } from './core/answers/index.ts'
 * const gazetteer = buildGazetteer(engine.registry, { states, counties })
 * const answers = answersFor({ engine, gazetteer, date: '2019-01-01', action: 'hold', template: 'no-record' })
 * ```
 */
export { agreementsInForce, answersFor, chainKey, decisionOf, type AnswersRequest, type Decision } from './answers.ts'
export { answersIntervalKey, calendarPiece, createAnswersCache, intervalIndex, type AnswersCache, type MapDecisions } from './intervals.ts'
export { ASSUMABLE_FACTS, assumedFacts, changedAssumptions, parseAssumptions, templateAssumptions, templateCase, type AssumableFact, type AssumedFact, type AssumedValue, type Assumptions } from './assumptions.ts'
export { compareJurisdictions, describeDivision, inForceProvisions, jurisdictionDetail, layerRefs, type DivisionRef } from './compare.ts'
export {
  ANSWERS_CSV_COLUMNS,
  answersCsv,
  answersGeoJson,
  csvField,
  REGISTRY_CSV_COLUMNS,
  registryCsv,
  registryGeoJson,
  registryJson,
  toCsv,
  type AtlasGeometry,
  type Feature,
  type FeatureCollection,
  type Geometry,
} from './exports.ts'
export {
  buildGazetteer,
  deriveCountyId,
  isKnownDivision,
  ocdSlug,
  STATE_FIPS,
  type Gazetteer,
  type GazetteerCounty,
  type GazetteerInput,
  type GazetteerCensusPlace,
  type GazetteerPlace,
  type GazetteerPlaceInput,
  type GazetteerState,
  withStateCode,
} from './gazetteer.ts'
export * from './schemas.ts'
export { CASE_TEMPLATES, isTemplateId, TEMPLATE_IDS, templateById, templateFacts, yearsBefore, type CaseTemplate, type TemplateId } from './templates.ts'
