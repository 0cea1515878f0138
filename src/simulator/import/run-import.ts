/**
 * One import run: read every input with the chosen importer, link each record's place, validate
 * it, append it to the Parquet output, and count what happened (rows read, imported, skipped,
 * unparseable with their first line numbers, unmapped values, link methods).
 */
import { resolve } from 'node:path'
import { AppError } from '../../core/errors/index.ts'
import { Linker, loadCrosswalks, recordCustody, type LinkResult } from '../link/index.ts'
import { readDdp } from './ddp.ts'
import { readIceLesa } from './ice-lesa.ts'
import { loadMapping, readMapped, type Mapping } from './mapped.ts'
import { readPa } from './pa.ts'
import { ParquetWriter } from './parquet-writer.ts'
import { readPierce } from './pierce.ts'
import { createProgress, type Progress } from './progress.ts'
import { LINK_METHODS, validateRecord, type DetainerRecord, type ImportItem, type LinkMethod, type ReadOptions, type SourceRecord } from './record.ts'

/** The importers by `--format` name. */
export const IMPORT_FORMATS = ['ice-lesa', 'pa', 'pierce', 'ddp', 'mapped'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** Values seen fewer times than this are not printed (small-cell suppression). */
export const SMALL_CELL = 10

/** How many unparseable line numbers are kept per file. */
export const KEEP_LINES = 20

/** What to import, from where, to where. */
export interface ImportOptions {
  readonly format: ImportFormat
  readonly paths: readonly string[]
  readonly out: string
  /** Folder holding the crosswalk tables (`us-geo/`, `ice-facilities/`, …). */
  readonly crosswalks: string
  /** Mapping file, required for `mapped`. */
  readonly mapping?: string
  /** Cap on data rows read per file. */
  readonly maxRows?: number
  /** Progress reporter; defaults to stderr when it is a terminal. */
  readonly progress?: Progress
}

/** Counts for one input file. */
export interface FileSummary {
  readonly path: string
  rowsRead: number
  imported: number
  skipped: number
  /** Records whose record_id was already imported in this run (e.g. the same file twice). */
  duplicates: number
  unparseable: number
  /** The first {@link KEEP_LINES} unparseable rows: line and reason (never the row's content). */
  readonly unparseableLines: Array<{ line: number; reason: string }>
  readonly links: Record<LinkMethod, number>
}

/** The result of a run. */
export interface ImportSummary {
  readonly format: ImportFormat
  readonly out: string
  readonly files: FileSummary[]
  readonly totals: { rowsRead: number; imported: number; skipped: number; duplicates: number; unparseable: number }
  /** Records by link method, and by source within it. */
  readonly links: Record<LinkMethod, number>
  readonly linksBySource: Record<string, Record<LinkMethod, number>>
  /** Categorical values no table knew, by field, with counts (top values). */
  readonly unmapped: Record<string, Record<string, number>>
  readonly warnings: string[]
}

const emptyLinks = (): Record<LinkMethod, number> => Object.fromEntries(LINK_METHODS.map((m) => [m, 0])) as Record<LinkMethod, number>

/**
 * Combines a source record and its link into the output record (pure).
 *
 * @example
 * ```ts
 * toDetainerRecord(source, linker.link(source.location))
 * ```
 */
export function toDetainerRecord(source: SourceRecord, link: LinkResult): DetainerRecord {
  const { location: _location, ...rest } = source
  const facilityName = rest.facility_name ?? link.facilityName
  return {
    ...rest,
    facility_name: facilityName,
    state: link.state ?? source.location.state ?? null,
    county_geoid: link.countyGeoid,
    place_geoid: link.placeGeoid,
    link_method: link.method,
    custody: rest.custody ?? recordCustody(facilityName, link.custody),
  }
}

/**
 * Runs one import and writes the Parquet file. Throws {@link AppError} for bad input (a missing
 * file, a wrong layout, a bad mapping); rows that cannot be parsed are counted, not thrown.
 *
 * @example
 * ```ts
 * const summary = await runImport({ format: 'pa', paths: ['pa_detainers.csv'], out: 'pa.parquet', crosswalks: '../shared/data' })
 * console.log(formatSummary(summary))
 * ```
 */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  if (options.paths.length === 0) throw new AppError('invalid-input', 'no input files given', { field: 'PATH' })
  if (options.maxRows !== undefined && (!Number.isInteger(options.maxRows) || options.maxRows < 1)) {
    throw new AppError('invalid-input', 'must be a positive whole number', { field: '--max-rows' })
  }
  const outFull = resolve(options.out)
  for (const p of options.paths) if (resolve(p) === outFull) throw new AppError('invalid-input', 'output would overwrite an input', { file: p })
  let mapping: Mapping | undefined
  if (options.format === 'mapped') {
    if (!options.mapping) throw new AppError('invalid-input', 'the mapped format needs --mapping FILE', { field: '--mapping' })
    mapping = await loadMapping(options.mapping)
  } else if (options.mapping) {
    throw new AppError('invalid-input', `--mapping is only for --format mapped, not ${options.format}`, { field: '--mapping' })
  }
  const { tables, warnings } = await loadCrosswalks(options.crosswalks)
  const linker = new Linker(tables)
  const progress = options.progress ?? createProgress()
  const writer = await ParquetWriter.open(options.out)
  const seen = new Set<string>()
  const summary: ImportSummary = {
    format: options.format,
    out: options.out,
    files: [],
    totals: { rowsRead: 0, imported: 0, skipped: 0, duplicates: 0, unparseable: 0 },
    links: emptyLinks(),
    linksBySource: {},
    unmapped: {},
    warnings: [...warnings],
  }
  try {
    for (const path of options.paths) {
      const file: FileSummary = { path, rowsRead: 0, imported: 0, skipped: 0, duplicates: 0, unparseable: 0, unparseableLines: [], links: emptyLinks() }
      summary.files.push(file)
      const readOptions: ReadOptions = {
        ...(options.maxRows !== undefined ? { maxRows: options.maxRows } : {}),
        onRows: (rows) => {
          file.rowsRead = rows
          progress.update(path, rows)
        },
      }
      for await (const item of readItems(options.format, path, readOptions, mapping)) {
        handleItem(item, file, summary, linker, writer, seen)
      }
      progress.done()
      summary.totals.rowsRead += file.rowsRead
    }
    await writer.close()
  } catch (thrown) {
    progress.done()
    writer.abort()
    throw thrown
  }
  return summary
}

function readItems(format: ImportFormat, path: string, options: ReadOptions, mapping: Mapping | undefined): AsyncGenerator<ImportItem> {
  switch (format) {
    case 'ice-lesa':
      return readIceLesa(path, options)
    case 'pa':
      return readPa(path, options)
    case 'pierce':
      return readPierce(path, options)
    case 'ddp':
      return readDdp(path, options)
    case 'mapped':
      return readMapped(path, mapping as Mapping, options)
  }
}

function handleItem(item: ImportItem, file: FileSummary, summary: ImportSummary, linker: Linker, writer: ParquetWriter, seen: Set<string>): void {
  if (item.kind === 'skipped') {
    file.skipped++
    summary.totals.skipped++
    return
  }
  if (item.kind === 'unparseable') {
    noteUnparseable(file, summary, item.line, item.reason)
    return
  }
  if (seen.has(item.record.record_id)) {
    file.duplicates++
    summary.totals.duplicates++
    return
  }
  seen.add(item.record.record_id)
  const record = toDetainerRecord(item.record, linker.link(item.record.location))
  const problems = validateRecord(record)
  if (problems.length > 0) {
    noteUnparseable(file, summary, item.line, problems.join('; '))
    return
  }
  for (const u of item.unmapped ?? []) {
    const byValue = (summary.unmapped[u.field] ??= {})
    const value = u.value.length > 60 ? `${u.value.slice(0, 57)}...` : u.value
    byValue[value] = (byValue[value] ?? 0) + 1
  }
  writer.append(record)
  file.imported++
  summary.totals.imported++
  file.links[record.link_method]++
  summary.links[record.link_method]++
  const bySource = (summary.linksBySource[record.source] ??= emptyLinks())
  bySource[record.link_method]++
}

function noteUnparseable(file: FileSummary, summary: ImportSummary, line: number, reason: string): void {
  file.unparseable++
  summary.totals.unparseable++
  if (file.unparseableLines.length < KEEP_LINES) file.unparseableLines.push({ line, reason })
}

/**
 * The summary as text: per file rows read, imported, skipped, unparseable (with the first line
 * numbers), then the match rate by link method for each source, then unmapped values.
 *
 * @example
 * ```ts
 * process.stdout.write(formatSummary(summary))
 * ```
 */
export function formatSummary(summary: ImportSummary): string {
  const n = (x: number) => x.toLocaleString('en-US')
  const pct = (x: number, of: number) => (of === 0 ? '0.0%' : `${((100 * x) / of).toFixed(1)}%`)
  const lines: string[] = []
  for (const f of summary.files) {
    const dup = f.duplicates > 0 ? `, ${n(f.duplicates)} duplicates dropped` : ''
    lines.push(`${f.path}: ${n(f.rowsRead)} rows read, ${n(f.imported)} detainers imported, ${n(f.skipped)} skipped${dup}, ${n(f.unparseable)} unparseable`)
    if (f.unparseable > 0) {
      const shown = f.unparseableLines.map((u) => u.line).join(', ')
      lines.push(`  unparseable lines${f.unparseable > f.unparseableLines.length ? ` (first ${f.unparseableLines.length} of ${n(f.unparseable)})` : ''}: ${shown}`)
      const reasons = new Map<string, number>()
      for (const u of f.unparseableLines) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1)
      for (const [reason, count] of reasons) lines.push(`    ${reason} (${count})`)
    }
  }
  const t = summary.totals
  const dupTotal = t.duplicates > 0 ? `, ${n(t.duplicates)} duplicates dropped` : ''
  lines.push(`total: ${n(t.rowsRead)} rows read, ${n(t.imported)} detainers imported, ${n(t.skipped)} skipped${dupTotal}, ${n(t.unparseable)} unparseable → ${summary.out}`)
  for (const [source, links] of Object.entries(summary.linksBySource)) {
    const total = Object.values(links).reduce((a, b) => a + b, 0)
    const linked = total - links.unlinked
    lines.push(`match rate (${source}): ${pct(linked, total)} linked to a county (${n(linked)} of ${n(total)})`)
    for (const method of LINK_METHODS) lines.push(`  ${method.padEnd(14)} ${n(links[method]).padStart(10)}  ${pct(links[method], total).padStart(6)}`)
  }
  for (const [field, values] of Object.entries(summary.unmapped)) {
    // Small cells are suppressed: a value seen fewer than SMALL_CELL times is only counted.
    const entries = Object.entries(values).sort((a, b) => b[1] - a[1])
    const shown = entries.filter(([, c]) => c >= SMALL_CELL).slice(0, 10)
    const total = entries.reduce((a, [, c]) => a + c, 0)
    const hidden = entries.length - shown.length
    const parts = shown.map(([v, c]) => `"${v}" ${n(c)}`)
    if (hidden > 0) parts.push(`${n(hidden)} other value${hidden > 1 ? 's' : ''}`)
    lines.push(`unmapped ${field} (${n(total)} records, left null): ${parts.join(', ')}`)
  }
  for (const w of summary.warnings) lines.push(`warning: ${w}`)
  return `${lines.join('\n')}\n`
}
