/**
 * The simulator: the engine's answers over normalized detainer records, under the law in force
 * and under a counterfactual, aggregated by jurisdiction and month with small cells suppressed.
 *
 * @example
 * ```ts
 * import { simulate, reportCsv } from './simulator/simulate/index.ts'
 * const report = await simulate({ inputs: ['/tmp/pa.parquet'], law: fsLawSource(), counterfactual: { kind: 'jurisdiction', jurisdiction: 'California', date: '2018-01-01' } })
 * report.totals.byScenario.law?.held // { lower, upper }, null where withheld
 * ```
 */
export {
  MIN_CELL,
  type SimulationAction,
  type SimulationPeriod,
  type CounterfactualSpec,
  type Scenario,
  type ScenarioId,
  type ScenarioCounts,
  type MaybeScenarioCounts,
  type PracticeCounts,
  type MaybePracticeCounts,
  type InputSummary,
  type LinkingSummary,
  type SimulationCell,
  type LawVsPractice,
  type SimulationReport,
} from './report.ts'
export { runSimulation, SIMULATION_COLUMNS, type SimulateOptions } from './run.ts'
export { parseAsOption, resolveCounterfactual, counterfactualLabel, type CounterfactualInput, type LawSource, type ResolvedCounterfactual } from './scenario.ts'
export { Places, targetsFor, countyOcdId, stateOcdId, ocdSlug, type CountyName, type RecordLocation, type ResolvedLocation } from './places.ts'
export { caseFacts, sqlString, FACT_COLUMNS, FACT_VOCABULARY, type RecordFacts, type FactColumn } from './facts.ts'
export {
  cellTotals,
  packAtom,
  unpackAtom,
  practiceGroup,
  scenarioCounts,
  ANSWERS,
  PRACTICE_GROUPS,
  type SimulationTable,
  type TableCell,
  type TableJurisdiction,
  type Origin,
  type Atoms,
  type CellTotals,
} from './table.ts'
export { publishReport, protectionOf } from './publish.ts'
export { simulate } from './simulate.ts'
export { aggregatePeriod, periodLabel, PERIODS } from './period.ts'
export { reportCsv, reportJson, formatReport, CSV_COLUMNS } from './output.ts'
export { loadCountyNames, COUNTY_NAMES_FILE } from './counties.ts'
