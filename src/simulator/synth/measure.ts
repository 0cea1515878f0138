/**
 * Measuring the marginals from real files: import them with the project's own importers and
 * linking into a temporary folder (row-level, removed afterwards), count in DuckDB, suppress
 * small cells. Only the aggregates leave this function.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { AppError } from '../../core/errors/index.ts'
import { runImport, type ImportFormat, type ImportSummary, type Progress } from '../import/index.ts'
import { poolSmallCells, rollUpPlaces, SYNTH_MIN_CELL, type CellValue, type Distribution, type Marginals, type RawCell, type SourceMarginals } from './marginals.ts'

/** One import to measure: an importer and its files. */
export interface MeasureJob {
  readonly format: ImportFormat
  readonly paths: readonly string[]
}

/** The command that regenerates the committed marginals (recorded in their provenance). */
export const MEASURE_COMMAND = 'npx sanctuary synth --measure --data ../shared/data --out src/simulator/synth/marginals.json'

/**
 * The real files the committed marginals are measured from, under the shared data folder: ICE
 * ERO-LESA encounters FY2016, FY2017, FY2019 (detainers only), Pennsylvania detainers 2007–2015,
 * Pierce County bookings with ICE holds. (The Deportation Data Project's table is not available.)
 *
 * @example
 * ```ts
 * defaultMeasureJobs('../shared/data')[0] // { format: 'ice-lesa', paths: ['../shared/data/ice-enforce/…/EROEncounters_FY2016.csv.gz', …] }
 * ```
 */
export function defaultMeasureJobs(data: string): MeasureJob[] {
  const ice = join(data, 'ice-enforce/us/import/frozen')
  return [
    { format: 'ice-lesa', paths: ['EROEncounters_FY2016.csv.gz', 'EROEncounters_FY2017.csv.gz', 'EROEncounters_FY2019.csv.gz'].map((f) => join(ice, f)) },
    { format: 'pa', paths: [join(data, 'pa-detainers/pa_detainers.csv')] },
    { format: 'pierce', paths: [join(data, 'pierce-detainers/charges/output/allholds.csv.gz')] },
  ]
}

/** What to measure. */
export interface MeasureOptions {
  readonly jobs: readonly MeasureJob[]
  /** Folder of the crosswalk tables (usually the shared data folder). */
  readonly crosswalks: string
  /** Paths in the provenance are written relative to this folder. */
  readonly relativeTo?: string
  readonly minCell?: number
  /** The measurement date written in the provenance (`YYYY-MM-DD`); the caller owns the clock. */
  readonly measuredOn: string
  readonly command?: string
  readonly progress?: Progress
}

/** The marginals and the import summaries they came from. */
export interface MeasureResult {
  readonly marginals: Marginals
  readonly imports: readonly ImportSummary[]
}

const quiet: Progress = { update: () => undefined, done: () => undefined }

async function cells(c: DuckDBConnection, source: string, exprs: readonly string[], where = 'TRUE'): Promise<RawCell[]> {
  const cols = exprs.map((e, i) => `${e} AS f${i}`).join(', ')
  const sql = `SELECT ${cols}, count(*) AS n FROM records WHERE source = '${source.replace(/'/g, "''")}' AND (${where}) GROUP BY ALL`
  const rows = (await c.runAndReadAll(sql)).getRowObjectsJson() as Array<Record<string, unknown>>
  return rows.map((r) => ({ values: exprs.map((_, i) => (r[`f${i}`] === null ? null : String(r[`f${i}`]))) as CellValue[], count: Number(r.n) }))
}

/**
 * Imports the jobs' files into a temporary folder, measures each source's distributions and
 * returns them with small cells merged. Sources with fewer than `minCell` records are left out.
 *
 * @example
 * ```ts
 * const { marginals } = await measureMarginals({ jobs: defaultMeasureJobs(data), crosswalks: data, relativeTo: data, measuredOn: '2025-01-01' })
 * ```
 */
export async function measureMarginals(options: MeasureOptions): Promise<MeasureResult> {
  const minCell = options.minCell ?? SYNTH_MIN_CELL
  if (options.jobs.length === 0) throw new AppError('invalid-input', 'nothing to measure', { field: 'jobs' })
  const dir = mkdtempSync(join(tmpdir(), 'sanctuary-measure-'))
  const imports: ImportSummary[] = []
  try {
    const outs: string[] = []
    for (const [i, job] of options.jobs.entries()) {
      const out = join(dir, `${i}-${job.format}.parquet`)
      imports.push(await runImport({ format: job.format, paths: job.paths, out, crosswalks: options.crosswalks, progress: options.progress ?? quiet }))
      outs.push(out)
    }
    const db = await DuckDBInstance.create(':memory:')
    const c = await db.connect()
    try {
      await c.run(`CREATE VIEW records AS SELECT * FROM read_parquet([${outs.map((o) => `'${o.replace(/'/g, "''")}'`).join(', ')}])`)
      const totals = (await c.runAndReadAll('SELECT source, count(*) AS n FROM records GROUP BY 1 ORDER BY n DESC, source')).getRowObjectsJson()
      const sources: SourceMarginals[] = []
      for (const t of totals) {
        const source = String(t.source)
        const records = Number(t.n)
        if (records < minCell) continue
        const pool = (raw: RawCell[], fields: readonly string[]) => poolSmallCells(raw, fields, minCell)
        const maybe = (raw: RawCell[], fields: readonly string[]): Distribution | null => (raw.length === 0 ? null : pool(raw, fields))
        const linked = 'county_geoid IS NOT NULL'
        const unlinked = 'county_geoid IS NULL'
        sources.push({
          source,
          records,
          geography: pool(rollUpPlaces(await cells(c, source, ['state', 'county_geoid', 'place_geoid']), minCell), ['state', 'county_geoid', 'place_geoid']),
          linkMethod: maybe(await cells(c, source, ['link_method'], linked), ['link_method']),
          month: pool(await cells(c, source, [`strftime(event_date, '%Y-%m')`]), ['month']),
          detainerForm: pool(await cells(c, source, ['detainer_form']), ['detainer_form']),
          custody: {
            linked: maybe(await cells(c, source, ['custody'], linked), ['custody']),
            unlinked: maybe(await cells(c, source, ['custody'], unlinked), ['custody']),
          },
          conviction: pool(await cells(c, source, ['conviction_status', 'conviction_category', 'conviction_level']), ['conviction_status', 'conviction_category', 'conviction_level']),
          charge: pool(await cells(c, source, ['charge_status', 'charge_category', 'charge_level']), ['charge_status', 'charge_category', 'charge_level']),
          practiceOutcome: pool(await cells(c, source, ['practice_outcome']), ['practice_outcome']),
        })
      }
      if (sources.length === 0) throw new AppError('invalid-input', `no source has ${minCell} or more records to measure`, { field: 'jobs' })
      const rel = (p: string) => (options.relativeTo ? relative(options.relativeTo, p) : p)
      const marginals: Marginals = {
        kind: 'synth-marginals',
        minCell,
        provenance: {
          note:
            'Measured by importing the real files below with sanctuary import (same importers and linking), then counting in DuckDB. ' +
            `Aggregates only: every published count is at least ${minCell}. Place cells under ${minCell} are folded into their county (place unknown); ` +
            `other cells under ${minCell} are merged into a pool (with the smallest larger cells when the pool would otherwise be under ${minCell} or a single cell), ` +
            'and the generator spreads a pool evenly over its members. Fields are measured per source; within a source they are independent except the ' +
            'conviction and charge fields (joint), and link method and custody (given linked or not). No row-level data.',
          command: options.command ?? MEASURE_COMMAND,
          measuredOn: options.measuredOn,
          inputs: options.jobs.map((job, i) => ({ source: imports[i]?.files.length ? sourceOf(imports[i] as ImportSummary, job.format) : job.format, format: job.format, files: job.paths.map(rel) })),
        },
        sources,
      }
      return { marginals, imports }
    } finally {
      c.closeSync()
      db.closeSync()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function sourceOf(summary: ImportSummary, format: string): string {
  return Object.keys(summary.linksBySource)[0] ?? format
}

/**
 * The marginals as JSON text: one cell per line, so a regenerated file diffs readably.
 *
 * @example
 * ```ts
 * await writeFile('marginals.json', formatMarginals(marginals))
 * ```
 */
export function formatMarginals(marginals: Marginals): string {
  const text = JSON.stringify(marginals, null, 2)
  // collapse each cell / member array onto one line
  return `${text.replace(/\[\n\s+((?:"[^"\n]*"|null|\d+)(?:,\n\s+(?:"[^"\n]*"|null|\d+))*)\n\s+\]/g, (_, inner: string) => `[${inner.split(/,\n\s+/).join(', ')}]`)}\n`
}
