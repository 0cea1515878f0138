/**
 * `sanctuary officials import --from ../shared/data`: reads each dataset where it lies (never
 * copying it), streams it through the pure parsers in `core/officials`, and stores the records
 * with the officials store, one import run per dataset. A dataset whose files are missing is
 * reported as skipped; a row that cannot be used is counted and its first lines reported.
 */
import { parse as parseCsv } from 'csv-parse'
import { createReadStream, existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { LineCounter, parseDocument, isSeq } from 'yaml'
import { ocdSlug, type Gazetteer } from '../../core/answers/index.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  CONGRESS_DATASET,
  congressRecords,
  COUNTY_GEOID_SUCCESSORS,
  CURATED_DATASET,
  curatedRecords,
  GAZETTEER_DATASET,
  governingBodies,
  HIFLD_DATASET,
  HIFLD_FILE,
  hifldCollector,
  OPENSTATES_DATASET,
  OPENSTATES_FILE,
  openStatesLine,
  ZCTA_COUNTIES_FILE,
  ZCTA_DATASET,
  ZCTA_PLACES_FILE,
  zctaArea,
  type AreaRef,
  type DirectoryRecord,
  type RowProblem,
  type ZipArea,
} from '../../core/officials/index.ts'
import type { Diagnostic } from '../../core/registry/index.ts'
// The database module is loaded when an import runs, not when `sanctuary check` validates the curated folder.
import type { Database, ImportSummary } from '../db/index.ts'

/** Records per database write while streaming. */
const BATCH = 2000

/** The gazetteer's version as recorded on governing-body records (the us-atlas package the map uses). */
export const GAZETTEER_VERSION = 'us-atlas 3.0.1'

export interface ImportOptions {
  /** The shared data folder (`../shared/data`): one sub-folder per dataset. */
  readonly from?: string
  /** The curated officials folder (`officials/` in the repo). */
  readonly curatedDir?: string
  readonly gazetteer: Gazetteer
  /** The gazetteer's own version, e.g. `us-atlas 3.0.1`. */
  readonly gazetteerVersion: string
  /** The day memberships that left a source are ended on, and roles are judged in force. */
  readonly asOf: string
  /** Only these datasets (default: all). */
  readonly only?: readonly string[]
  readonly onProgress?: (line: string) => void
}

export type DatasetOutcome = { readonly kind: 'imported'; readonly summary: ImportSummary; readonly skippedRows: number } | { readonly kind: 'skipped'; readonly dataset: string; readonly reason: string }

export const DATASETS = [GAZETTEER_DATASET, CONGRESS_DATASET, OPENSTATES_DATASET, HIFLD_DATASET, ZCTA_DATASET, CURATED_DATASET] as const

/**
 * Imports every dataset it finds, in an order where posts exist before the curated holders join them.
 *
 * @example
 * ```ts
 * const outcomes = await importOfficials(database, { from: '../shared/data', curatedDir: 'officials', gazetteer, gazetteerVersion: 'us-atlas 3.0.1', asOf: '2026-12-05' })
 * ```
 */
export async function importOfficials(database: Database, options: ImportOptions): Promise<DatasetOutcome[]> {
  const outcomes: DatasetOutcome[] = []
  for (const dataset of DATASETS) {
    if (options.only && !options.only.includes(dataset)) continue
    const outcome = await importDataset(database, dataset, options)
    outcomes.push(outcome)
    options.onProgress?.(describeOutcome(outcome))
  }
  return outcomes
}

/** One line for a dataset's outcome, e.g. `openstates-people: 8,212 records, 3 problem rows, 120 skipped`. */
export function describeOutcome(outcome: DatasetOutcome): string {
  if (outcome.kind === 'skipped') return `${outcome.dataset}: skipped (${outcome.reason})`
  const s = outcome.summary
  const parts = [`${s.records.toLocaleString('en-US')} records`, `${s.problems} problem row(s)`]
  if (outcome.skippedRows) parts.push(`${outcome.skippedRows.toLocaleString('en-US')} skipped as out of scope`)
  if (s.membershipsEnded) parts.push(`${s.membershipsEnded} membership(s) ended`)
  if (s.zipAreasRemoved) parts.push(`${s.zipAreasRemoved} ZIP area(s) removed`)
  return `${s.dataset}: ${parts.join(', ')}`
}

type Source = { readonly kind: 'source'; run(write: (records: readonly (DirectoryRecord | ZipArea)[]) => Promise<void>, problems: RowProblem[]): Promise<{ records: number; skipped: number }> }

async function importDataset(database: Database, dataset: (typeof DATASETS)[number], options: ImportOptions): Promise<DatasetOutcome> {
  const source = await sourceFor(dataset, options)
  if (source.kind === 'skipped') return source
  const { startImport } = await import('../db/index.ts')
  const run = await startImport(database, dataset, options.asOf)
  const problems: RowProblem[] = []
  const { records, skipped } = await source.run((batch) => run.write(batch), problems)
  const summary = await run.finish(problems, { records })
  return { kind: 'imported', summary, skippedRows: skipped }
}

async function sourceFor(dataset: (typeof DATASETS)[number], options: ImportOptions): Promise<Source | { kind: 'skipped'; dataset: string; reason: string }> {
  const skipped = (reason: string) => ({ kind: 'skipped' as const, dataset, reason })
  if (dataset === GAZETTEER_DATASET) return gazetteerSource(options)
  if (dataset === CURATED_DATASET) return options.curatedDir && existsSync(options.curatedDir) ? curatedSource(options.curatedDir) : skipped('no curated folder')
  if (!options.from) return skipped('no data folder given (--from)')
  const dir = join(options.from, dataset)
  const need = { [CONGRESS_DATASET]: 'legislators-current.yaml', [OPENSTATES_DATASET]: OPENSTATES_FILE, [HIFLD_DATASET]: HIFLD_FILE, [ZCTA_DATASET]: ZCTA_COUNTIES_FILE }[dataset]
  if (!existsSync(join(dir, need))) return skipped(`${join(dir, need)} not found`)
  const versions = await manifestVersions(dir)
  if (dataset === CONGRESS_DATASET) return congressSource(dir, versions)
  if (dataset === OPENSTATES_DATASET) return openStatesSource(dir, versions, options.asOf)
  if (dataset === HIFLD_DATASET) return hifldSource(dir, versions, options.gazetteer)
  return zctaSource(dir, versions, options.gazetteer)
}

/**
 * The dataset's MANIFEST.tsv (size, sha256, repo, commit, source path, local name): the commit
 * each local file came from, for every record's source.
 */
async function manifestVersions(dir: string): Promise<(file: string) => string> {
  const text = await readFile(join(dir, 'MANIFEST.tsv'), 'utf8').catch(() => '')
  const byFile = new Map<string, string>()
  for (const line of text.split('\n')) {
    const cols = line.split('\t')
    const commit = cols[3]?.trim()
    for (const name of cols[5]?.split(/[ ,()]+/) ?? []) if (commit && commit !== '-' && /\.\w+$/.test(name)) byFile.set(name, commit)
  }
  const any = [...byFile.values()][0]
  return (file) => byFile.get(file) ?? any ?? 'unversioned'
}

function batcher(write: (records: readonly (DirectoryRecord | ZipArea)[]) => Promise<void>) {
  let pending: (DirectoryRecord | ZipArea)[] = []
  let count = 0
  return {
    async push(records: readonly (DirectoryRecord | ZipArea)[]) {
      pending.push(...records)
      count += records.length
      if (pending.length >= BATCH) await this.flush()
    },
    async flush() {
      if (pending.length) await write(pending)
      pending = []
    },
    get count() {
      return count
    },
  }
}

function gazetteerSource(options: ImportOptions): Source {
  return {
    kind: 'source',
    async run(write) {
      const { gazetteer } = options
      const areas = [
        ...gazetteer.counties.map((c) => ({ division: c.jurisdiction, label: c.label, level: 'county' as const })),
        ...gazetteer.counties.flatMap((c) => c.places.map((p) => ({ division: p.jurisdiction, label: p.name, level: 'place' as const }))),
        ...gazetteer.placesWithoutCounty.map((p) => ({ division: p.jurisdiction, label: p.name, level: 'place' as const })),
      ]
      const records = governingBodies(areas, options.gazetteerVersion)
      const out = batcher(write)
      await out.push(records)
      await out.flush()
      return { records: out.count, skipped: 0 }
    },
  }
}

function curatedSource(dir: string): Source {
  return {
    kind: 'source',
    async run(write, problems) {
      const files = await readYamlTree(dir)
      const { records, diagnostics } = curatedRecords(files, 'repository')
      problems.push(...diagnostics.filter((d) => d.severity === 'error').map((d) => diagnosticProblem(d)))
      const out = batcher(write)
      await out.push(records)
      await out.flush()
      return { records: out.count, skipped: 0 }
    },
  }
}

function diagnosticProblem(d: Diagnostic): RowProblem {
  return { kind: 'row-problem', dataset: CURATED_DATASET, file: d.file, ...(d.line ? { line: d.line } : {}), message: `${d.field ? `${d.field}: ` : ''}${d.message}` }
}

/** Every `.yaml` file under `dir`, with its path relative to `dir` (forward slashes). */
export async function readYamlTree(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const paths = entries.filter((e) => e.isFile() && e.name.endsWith('.yaml')).map((e) => join(e.parentPath, e.name)).sort()
  return Promise.all(paths.map(async (p) => ({ path: relative(dir, p).split(sep).join('/'), text: await readFile(p, 'utf8') })))
}

/** Parses a YAML list file, keeping each item's line. */
async function readYamlList(path: string): Promise<{ value: unknown; lineOf: (i: number) => number | undefined }> {
  const lines = new LineCounter()
  const doc = parseDocument(await readFile(path, 'utf8'), { lineCounter: lines })
  if (doc.errors.length) throw new AppError('invalid-input', `${path}: malformed YAML: ${doc.errors[0]!.message.split('\n')[0]}`, { file: path })
  const items = isSeq(doc.contents) ? doc.contents.items : []
  return { value: doc.toJS(), lineOf: (i) => { const at = (items[i] as { range?: [number] } | undefined)?.range?.[0]; return at === undefined ? undefined : lines.linePos(at).line } }
}

function congressSource(dir: string, versions: (file: string) => string): Source {
  return {
    kind: 'source',
    async run(write, problems) {
      const legislators = await readYamlList(join(dir, 'legislators-current.yaml'))
      const officesPath = join(dir, 'legislators-district-offices.yaml')
      const offices = existsSync(officesPath) ? await readYamlList(officesPath) : undefined
      const batch = congressRecords({ legislators: legislators.value, offices: offices?.value, version: versions('legislators-current.yaml'), legislatorLine: legislators.lineOf, officeLine: offices?.lineOf })
      problems.push(...batch.problems)
      const out = batcher(write)
      await out.push(batch.records)
      await out.flush()
      return { records: out.count, skipped: 0 }
    },
  }
}

function openStatesSource(dir: string, versions: (file: string) => string, asOf: string): Source {
  return {
    kind: 'source',
    async run(write, problems) {
      const version = versions(OPENSTATES_FILE)
      const out = batcher(write)
      let skipped = 0
      let line = 0
      const input = createReadStream(join(dir, OPENSTATES_FILE), 'utf8')
      try {
        for await (const text of createInterface({ input, crlfDelay: Infinity })) {
          line++
          if (!text.trim()) continue
          const result = openStatesLine(text, line, version, asOf)
          if (result.kind === 'problem') problems.push(result.problem)
          else {
            skipped += result.skippedRoles
            await out.push(result.records)
          }
        }
      } finally {
        input.destroy()
      }
      await out.flush()
      return { records: out.count, skipped }
    },
  }
}

/** The gazetteer's county for a GEOID, following the Census Bureau's code changes. */
function countyByGeoid(gazetteer: Gazetteer, geoid: string) {
  return gazetteer.countyByGeoid.get(geoid) ?? gazetteer.countyByGeoid.get(COUNTY_GEOID_SUCCESSORS[geoid] ?? '')
}

/** Streams a CSV file's rows with their line numbers (the header is line 1). */
async function* csvRows(path: string): AsyncGenerator<{ row: Record<string, string>; line: number }> {
  const input = createReadStream(path)
  const parser = input.pipe(parseCsv({ columns: true, bom: true, info: true, relax_column_count: true, skip_empty_lines: true }))
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) yield { row: record.record, line: record.info.lines }
  } finally {
    input.destroy()
  }
}

function hifldSource(dir: string, versions: (file: string) => string, gazetteer: Gazetteer): Source {
  return {
    kind: 'source',
    async run(write, problems) {
      const collector = hifldCollector(versions(HIFLD_FILE), (geoid) => {
        const county = countyByGeoid(gazetteer, geoid)
        return county ? { division: county.jurisdiction, label: county.label } : undefined
      })
      for await (const { row, line } of csvRows(join(dir, HIFLD_FILE))) collector.add(row, line)
      const result = collector.finish()
      problems.push(...result.problems)
      const out = batcher(write)
      await out.push(result.records)
      await out.flush()
      return { records: out.count, skipped: result.skipped }
    },
  }
}

function zctaSource(dir: string, versions: (file: string) => string, gazetteer: Gazetteer): Source {
  return {
    kind: 'source',
    async run(write, problems) {
      const places = await placeNames(join(dir, 'data/2020_dist/places.csv'))
      const out = batcher(write)
      let skipped = 0
      const countyOf = (geoid: string): AreaRef | undefined => {
        const c = countyByGeoid(gazetteer, geoid)
        return c ? { name: c.label, division: c.jurisdiction } : undefined
      }
      for (const [level, file, areaOf] of [
        ['county', ZCTA_COUNTIES_FILE, countyOf],
        ['place', ZCTA_PLACES_FILE, (g: string) => places.get(g)],
      ] as const) {
        if (!existsSync(join(dir, file))) continue
        const version = versions(file)
        for await (const { row, line } of csvRows(join(dir, file))) {
          const area = zctaArea(level, row, line, version, areaOf)
          if (!area) skipped++
          else if (area.kind === 'row-problem') problems.push(area)
          else await out.push([area])
        }
      }
      await out.flush()
      return { records: out.count, skipped }
    },
  }
}

/**
 * Place names and divisions from `places.csv` (GEOID, Name, Short Name, State): the division is
 * the place's OCD ID the way Open States and OCD form it (`…/state:tx/place:houston`).
 */
async function placeNames(path: string): Promise<Map<string, AreaRef>> {
  const byGeoid = new Map<string, AreaRef>()
  if (!existsSync(path)) return byGeoid
  for await (const { row } of csvRows(path)) {
    const state = row.State?.toLowerCase()
    const short = row['Short Name']
    if (!row.GEOID || !state || !short) continue
    byGeoid.set(row.GEOID, { name: `${row.Name}, ${row.State}`, division: `ocd-division/country:us/state:${state}/place:${ocdSlug(short)}` })
  }
  return byGeoid
}

/** The repository's curated officials folder (`officials/`). */
export function defaultCuratedDir(): string {
  return fileURLToPath(new URL('../../../officials', import.meta.url))
}

/**
 * The shared data folder: `SANCTUARY_SHARED_DATA`, else `../shared/data` beside the repository,
 * when it exists.
 */
export function defaultSharedDataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.SANCTUARY_SHARED_DATA ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url))
  return existsSync(dir) ? dir : undefined
}

/**
 * Validates the curated officials folder as `sanctuary check` does: every file parsed and checked
 * against the schema, diagnostics naming the file (as `<folder name>/<path>`) and line.
 *
 * @example
 * ```ts
 * const { diagnostics, entries } = await checkCuratedFolder('officials')
 * ```
 */
export async function checkCuratedFolder(dir: string): Promise<{ readonly files: number; readonly entries: number; readonly diagnostics: readonly Diagnostic[] }> {
  if (!existsSync(dir)) return { files: 0, entries: 0, diagnostics: [] }
  const files = await readYamlTree(dir)
  const { records, diagnostics } = curatedRecords(files, 'check')
  const prefix = basename(dir)
  return { files: files.length, entries: records.filter((r) => r.kind === 'person').length, diagnostics: diagnostics.map((d) => ({ ...d, file: `${prefix}/${d.file}` })) }
}
