/**
 * Synthetic detainer records for benchmarks and demos: `synthesize` writes normalized records
 * (the importers' Parquet columns) whose distributions follow marginals measured from the real
 * files (`marginals.json`, aggregates only, small cells merged); `measureMarginals` regenerates them.
 *
 * @example
 * ```ts
 * import { loadMarginals, synthesize } from './simulator/synth/index.ts'
 * await synthesize({ rows: 10_000_000, seed: 1, out: '/tmp/synth.parquet', marginals: await loadMarginals() })
 * ```
 */
export {
  SYNTH_MIN_CELL,
  DISTRIBUTION_FIELDS,
  parseMarginals,
  poolSmallCells,
  rollUpPlaces,
  weightedCategories,
  type CellValue,
  type Distribution,
  type SourceMarginals,
  type Marginals,
  type RawCell,
} from './marginals.ts'
export { aliasTable, aliasDraw, aliasProbabilities, type AliasTable } from './alias.ts'
export { synthesize, synthesisSql, checkSynthOptions, MAX_SYNTH_ROWS, type SynthesizeOptions, type SynthesizeResult } from './generate.ts'
export { measureMarginals, defaultMeasureJobs, formatMarginals, MEASURE_COMMAND, type MeasureJob, type MeasureOptions, type MeasureResult } from './measure.ts'
export { loadMarginals, DEFAULT_MARGINALS } from './load.ts'
