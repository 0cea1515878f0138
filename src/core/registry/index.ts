/**
 * The registry model: the YAML schema, the immutable model and the pure build/check pipeline.
 *
 * @example
 * ```ts
 * import { buildRegistry, formatDiagnostic } from './core/registry/index.ts'
 * const { registry, diagnostics } = buildRegistry(files)
 * diagnostics.forEach((d) => console.log(formatDiagnostic(d)))
 * ```
 */
export { buildRegistry, GENERATED_SUFFIX, isFederalFile, isGeneratedFile, isOffenseClassFile, normalizeCondition, type BuildResult, type RegistryFileText } from './build.ts'
export { formatDiagnostic, fieldPathText, YamlLocator, type Diagnostic } from './diagnostics.ts'
export { knownOf, locatedDiagnostic, parseYaml, schemaCheck, sourceDateOf, type YamlFileText } from './yaml-file.ts'
export { DateOrUnknown, DateText, Disagreement as DisagreementSchema, LocalId, OcdIdText, Source as SourceSchema, Unknown as UnknownSchema, UnknownField as UnknownFieldSchema } from './schema.ts'
export { formatSourceStats, sourceStats, type SourceStats } from './source-stats.ts'
export { countRegistry, coverageCounts, jurisdictionsInState, sourceCount, type CoverageCounts } from './query.ts'
export * from './model.ts'
export {
  ACTIONS,
  ENACTMENT_KINDS,
  FACT_PATHS,
  OFFENSE_CATEGORIES,
  JurisdictionFile as JurisdictionFileSchema,
  OffenseClassesFile as OffenseClassesFileSchema,
} from './schema.ts'
export { andTri, boundaryDays, boundedByEnactment, enactmentInForce, provisionInForce, type Tri } from './time.ts'
export { conditionJson, enactmentView, jurisdictionSummary, jurisdictionView, provisionView } from './view.ts'
export { filterJurisdictions, governsOn, type JurisdictionFilter } from './filter.ts'
export { describeEnactment, describeJurisdiction, describeProvision } from './describe.ts'
export { checkPublicText, dropMaintainerNotes, publicTextProblems, PUBLIC_TEXT_RULES } from './public-text.ts'
export { checkSourceLabels, isLowReliabilityHost, isOfficialHost, LOW_RELIABILITY_HOSTS } from './source-labels.ts'
