/**
 * Federal pressure on local cooperation with immigration enforcement: published lists (as claims,
 * attached to registry jurisdictions by OCD ID), grant conditions, rulings and whom they bind,
 * actions against officials, and money — and whether a jurisdiction's law conflicts with a
 * condition on a date and whether the condition can be enforced against it. Pure: no I/O.
 *
 * @example
 * ```ts
 * import { buildFederal, conditionConflict } from './core/federal/index.ts'
 * const { federal } = buildFederal(files)
 * conditionConflict({ id, name }, federal!.conditions.get('fy2017-jag-notice')!, '2019-06-01', answers, federal!)
 * ```
 */
export * from './model.ts'
export { buildFederal, countFederal, type FederalBuildResult, type FederalFileText } from './build.ts'
export { FEDERAL_FILE_SCHEMAS, type FederalFileKind } from './schema.ts'
export {
  circuitName,
  circuitOf,
  circuitSplit,
  cite,
  conditionConflict,
  enforceability,
  injunctionsFor,
  precedentFor,
  scopeCovers,
  type CircuitHolding,
  type ConditionConflict,
  type Enforceability,
  type EnforceabilityBasis,
  type LawAnswer,
  type LawAnswers,
  type RulingCitation,
  type SharingProvision,
} from './conflict.ts'
export {
  conditionView,
  conflictsFor,
  entryView,
  federalOverview,
  fundingForEvaluation,
  fundingText,
  withFunding,
  fundingView,
  jurisdictionFederal,
  lawAnswers,
  LIST_ENTRY_CSV_COLUMNS,
  listEntriesCsv,
  listSummary,
  RULING_CSV_COLUMNS,
  rulingsCsv,
  rulingsTimeline,
  rulingView,
  type EntryView,
  type FederalOverview,
  type JurisdictionFederal,
  type ListSummary,
  type RulingView,
} from './views.ts'
export { parseFederalCaseFile, runFederalCases, type FederalCaseResult, type FederalRuleCase } from './cases.ts'
export { printedName, verifyTranscription, type TranscribedRow, type TranscriptionCheck } from './verify.ts'
