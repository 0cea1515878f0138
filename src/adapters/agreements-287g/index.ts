/**
 * `sanctuary import-287g`: reads ICE's 287(g) sheets where they lie (`../shared/data/287g`: the
 * participating and pending agency CSVs, archived sheets under `results/` and `sheets/`, the MOA
 * hyperlinks inside the `.xlsx` files, `agreements.csv` with ORIs and ZIP codes, `MANIFEST.tsv`
 * for where each file is archived) and us-geo's ZIP tables, runs the pure importer, and writes
 * the generated registry files and the report. Files whose text is unchanged are not rewritten;
 * generated files no longer produced are removed, so a second run changes nothing.
 *
 * @example
 * ```ts
 * const result = await import287g({ from: '../shared/data/287g', registry: defaultRegistryDir(), report: 'registry/287g-import-report.tsv' })
 * ```
 */
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  parseCsv,
  generate287g,
  matchIndex,
  parseDirectory,
  parseSheet,
  reportTsv,
  sheetInfoFromName,
  type ImportResult,
  type MatchGazetteer,
  type SheetRow,
} from '../../core/agreements-287g/index.ts'
import type { Gazetteer } from '../../core/answers/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { GENERATED_SUFFIX } from '../../core/registry/index.ts'
import { defaultUsGeoDir, loadRegistryOrThrow, sharedNames } from '../fs/index.ts'
import { sheetLinks } from './xlsx-links.ts'

/** `../shared/data/287g` beside the repository (or `SANCTUARY_287G`). */
export function default287gDir(): string {
  return process.env.SANCTUARY_287G || resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/287g')
}

/** Options of {@link import287g}. */
export interface Import287gOptions {
  readonly from: string
  readonly registry: string
  /** Where the report goes (TSV); none when absent. */
  readonly report?: string
  /** Compute only; write nothing. */
  readonly dryRun?: boolean
  /** The us-geo folder (ZIP code tables and Census lines for GEOIDs); default the shared one. */
  readonly usGeo?: string
}

/** What a run did, besides the importer's own result. */
export interface Import287gRun {
  readonly result: ImportResult
  readonly written: number
  readonly unchanged: number
  readonly removed: number
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

async function text(path: string): Promise<string> {
  return readFile(path, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    throw new AppError('not-found', `cannot read ${path}: ${cause.code ?? cause.message}`, { file: path }, { cause })
  })
}

/** MANIFEST.tsv: local file name → the archived copy's address (a CSV derived from an .xlsx points at the .xlsx). */
function archiveUrls(manifest: string): Map<string, string> {
  const out = new Map<string, string>()
  const byBase = new Map<string, string>()
  for (const line of manifest.split(/\r?\n/)) {
    const [, , repo, commit, path, local] = line.split('\t')
    if (!repo || !commit || !path || !local || path === '(derived)' || !/^[0-9a-f]{40}$/.test(commit)) continue
    const url = `https://github.com/${repo}/blob/${commit}/${path}`
    out.set(local, url)
    byBase.set(basename(path).replace(/\.[^.]+$/, ''), url)
  }
  for (const line of manifest.split(/\r?\n/)) {
    const [, , , , path, local] = line.split('\t')
    if (path !== '(derived)' || !local) continue
    for (const name of local.split('/').map((s) => s.trim())) {
      const url = byBase.get(name.replace(/\.[^.]+$/, ''))
      if (url) out.set(name, url)
    }
  }
  return out
}

async function zipTables(usGeo: string): Promise<{ zipPlaces: Map<string, string[]>; zipCounties: Map<string, string[]>; lines: Map<string, string> }> {
  const zipPlaces = new Map<string, string[]>()
  const zipCounties = new Map<string, string[]>()
  const lines = new Map<string, string>()
  const base = join(usGeo, 'data/2020_dist')
  if (!existsSync(join(base, 'zcta_places.csv'))) return { zipPlaces, zipCounties, lines }
  const add = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v])
  for (const line of (await text(join(base, 'zcta_places.csv'))).split(/\r?\n/).slice(1)) {
    const [zip, geoid] = line.split(',')
    if (zip && geoid) add(zipPlaces, zip, geoid)
  }
  for (const line of (await text(join(base, 'zcta_counties.csv'))).split(/\r?\n/).slice(1)) {
    const [zip, geoid] = line.split(',')
    if (zip && geoid) add(zipCounties, zip, geoid)
  }
  // A verbatim start of each county and place line (GEOID, GNIS ID, name, short name, state) and state line.
  for (const file of ['counties.csv', 'places.csv']) {
    for (const line of (await text(join(base, file))).split(/\r?\n/).slice(1)) {
      const cells = line.split(',')
      if (cells[0] && !line.includes('"')) lines.set(cells[0], cells.slice(0, 5).join(','))
    }
  }
  for (const line of (await text(join(base, 'states.csv'))).split(/\r?\n/).slice(1)) {
    const cells = line.split(',')
    if (cells[3]) lines.set(cells[3], cells.slice(0, 4).join(','))
  }
  return { zipPlaces, zipCounties, lines }
}

/** The gazetteer in the shape matching needs. */
export function matchGazetteer(g: Gazetteer, zips: { zipPlaces: Map<string, string[]>; zipCounties: Map<string, string[]> }): MatchGazetteer {
  return {
    states: g.states.filter((s) => !s.territory).map((s) => ({ code: s.code, name: s.name, fips: s.fips, jurisdiction: s.jurisdiction, level: s.level })),
    counties: g.counties.map((c) => ({ geoid: c.geoid, name: c.name, state: c.state, jurisdiction: c.jurisdiction, label: c.label, cityNames: c.cityNames })),
    places: g.places.map((p) => ({ geoid: p.geoid, name: p.name, state: p.state, jurisdiction: p.jurisdiction, countyGeoid: p.countyGeoid, population: p.population })),
    zipPlaces: zips.zipPlaces,
    zipCounties: zips.zipCounties,
  }
}

/**
 * Reads the shared 287(g) folder and the gazetteer, generates, and (unless `dryRun`) writes.
 *
 * @example
 * ```ts
 * const run = await import287g({ from: default287gDir(), registry: defaultRegistryDir() })
 * run.result.counts.matched // 829
 * ```
 */
export async function import287g(options: Import287gOptions): Promise<Import287gRun> {
  const dir = options.from
  if (!existsSync(dir)) throw new AppError('not-found', `no 287(g) folder at ${dir}`, { file: dir })
  const files = await walk(dir)
  const manifestPath = join(dir, 'MANIFEST.tsv')
  const archives = existsSync(manifestPath) ? archiveUrls(await text(manifestPath)) : new Map<string, string>()
  const xlsxByBase = new Map(files.filter((f) => f.endsWith('.xlsx')).map((f) => [basename(f, '.xlsx'), f]))

  const participating: SheetRow[] = []
  const pending: SheetRow[] = []
  const seenSheets = new Set<string>()
  for (const file of files.filter((f) => f.endsWith('.csv')).sort()) {
    const name = basename(file)
    const rel = relative(dir, file).split('\\').join('/')
    const info = sheetInfoFromName(name, archives.get(rel) ?? archives.get(name) ?? null)
    if (!info) continue
    const key = `${info.list}|${info.date}|${info.edition}`
    if (seenSheets.has(key)) continue
    seenSheets.add(key)
    const body = await text(file)
    const header = (parseCsv(body.split(/\r?\n/)[0] ?? '')[0]?.cells ?? []).map((c) => c.trim())
    const moaColumn = header.indexOf('MOA')
    const xlsx = xlsxByBase.get(basename(name, '.csv'))
    const links = xlsx && moaColumn >= 0 ? sheetLinks(await readFile(xlsx), String.fromCharCode(65 + moaColumn)) : new Map<number, string>()
    const rows = parseSheet(body, { ...info, file: rel }, links)
    ;(info.list === 'participating' ? participating : pending).push(...rows)
  }
  if (participating.length === 0) throw new AppError('invalid-input', `no participating-agency sheet (participatingAgenciesMMDDYYYY[am|pm].csv) under ${dir}`, { file: dir })
  // Only the newest pending sheet matters: an older pending row is either signed now or withdrawn.
  const newestPending = pending.map((r) => r.sheet.date).sort().at(-1)
  const directoryPath = join(dir, 'agreements.csv')
  const directory = existsSync(directoryPath) ? parseDirectory(await text(directoryPath), 'agreements.csv') : []

  const registry = await loadRegistryOrThrow(options.registry)
  const { gazetteer } = await sharedNames(registry)
  const zips = await zipTables(options.usGeo ?? defaultUsGeoDir())
  const result = generate287g({
    participating,
    pending: pending.filter((r) => r.sheet.date === newestPending),
    directory,
    directoryUrl: archives.get('agreements.csv') ?? null,
    index: matchIndex(matchGazetteer(gazetteer, zips)),
    geoidQuote: (geoid) => {
      const line = zips.lines.get(geoid)
      return line ? { url: 'https://github.com/bdurand/us_geo', quote: line } : undefined
    },
  })
  if (options.dryRun) return { result, written: 0, unchanged: 0, removed: 0 }
  return { result, ...(await writeResult(options.registry, result, options.report)) }
}

/** Writes changed files, removes generated files no longer produced, writes the report. */
async function writeResult(root: string, result: ImportResult, report: string | undefined): Promise<{ written: number; unchanged: number; removed: number }> {
  let written = 0
  let unchanged = 0
  let removed = 0
  const wanted = new Set(result.files.map((f) => f.path))
  for (const f of result.files) {
    const path = join(root, f.path)
    const old = existsSync(path) ? await readFile(path, 'utf8') : undefined
    if (old === f.text) {
      unchanged++
      continue
    }
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, f.text)
    written++
  }
  for (const file of await walk(root)) {
    const rel = relative(root, file).split('\\').join('/')
    if (rel.endsWith(GENERATED_SUFFIX) && !wanted.has(rel)) {
      await rm(file)
      removed++
    }
  }
  if (report) {
    const body = reportTsv(result)
    const old = existsSync(report) ? await readFile(report, 'utf8') : undefined
    if (old !== body) {
      await mkdir(dirname(report), { recursive: true })
      await writeFile(report, body)
    }
  }
  return { written, unchanged, removed }
}
