/** The simulator's entry point: run, then publish with small cells suppressed. */
import { MIN_CELL } from '../privacy/index.ts'
import { publishReport } from './publish.ts'
import type { SimulationReport } from './report.ts'
import { runSimulation, type SimulateOptions } from './run.ts'

/**
 * Simulates the records under the law (and a counterfactual) and returns the published report:
 * aggregates only, counts of 1–10 records (and what would reveal them) suppressed.
 *
 * @example
 * ```ts
 * const report = await simulate({ inputs: ['/tmp/pa.parquet'], law: fsLawSource(), counterfactual: { kind: 'jurisdiction', jurisdiction: 'California', date: '2018-01-01' } })
 * report.totals.byScenario.law?.held // { lower, upper }
 * ```
 */
export async function simulate(options: SimulateOptions & { readonly minCell?: number }): Promise<SimulationReport> {
  const table = await runSimulation(options)
  return publishReport(table, { minCell: Math.max(MIN_CELL, options.minCell ?? MIN_CELL) })
}
