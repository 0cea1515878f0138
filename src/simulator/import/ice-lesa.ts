/**
 * ICE ERO-LESA encounters as released to UWCHR (FOIA 2019-ICFO-53623): pipe-delimited, gzipped,
 * a preamble (unit, FOUO banner, FOIA number, blank line, title) before the header. One row per
 * encounter; a detainer is an encounter whose Processing Disposition is "Detainer".
 *
 * Columns used: Event Area of Responsibility, Event Date (M/D/YYYY), Landmark, Processing
 * Disposition. Birth date, citizenship and gender are never read into the output. The
 * encounters carry no criminality, form or outcome, so those fields stay null.
 */
import { AppError } from '../../core/errors/index.ts'
import { readDelimited } from '../io/index.ts'
import type { ImportItem, ReadOptions, SourceRecord } from './record.ts'
import { fileStem, parseSourceDate } from './values.ts'

/** The column names this importer needs, with the alternatives seen across releases. */
export const ICE_LESA_COLUMNS = {
  aor: ['Event Area of Responsibility', 'Area of Responsibility'],
  date: ['Event Date', 'Apprehension Date'],
  landmark: ['Landmark', 'Apprehension Landmark'],
  disposition: ['Processing Disposition'],
} as const

/** How many lines to search for the header before giving up. */
export const ICE_LESA_HEADER_SEARCH_LINES = 50

/** Where each needed column sits in a row. */
export interface IceLesaLayout {
  readonly width: number
  readonly aor: number
  readonly date: number
  readonly landmark: number
  readonly disposition: number
}

/**
 * Finds the columns in a header row; undefined when the row is not an ERO-LESA header, or lists
 * the missing columns.
 *
 * @example
 * ```ts
 * iceLesaLayout(['Event Area of Responsibility', 'Event Date', 'Landmark', 'Operation', 'Processing Disposition'])
 * // { layout: { width: 5, aor: 0, date: 1, landmark: 2, disposition: 4 } }
 * ```
 */
export function iceLesaLayout(header: readonly string[]): { layout?: IceLesaLayout; missing?: string[] } | undefined {
  const names = header.map((h) => h.trim())
  if (!ICE_LESA_COLUMNS.aor.some((a) => names[0] === a)) return undefined
  const find = (options: readonly string[]) => names.findIndex((n) => options.includes(n))
  const idx = { aor: find(ICE_LESA_COLUMNS.aor), date: find(ICE_LESA_COLUMNS.date), landmark: find(ICE_LESA_COLUMNS.landmark), disposition: find(ICE_LESA_COLUMNS.disposition) }
  const missing = (Object.keys(idx) as Array<keyof typeof idx>).filter((k) => idx[k] < 0).map((k) => ICE_LESA_COLUMNS[k][0])
  if (missing.length > 0) return { missing }
  return { layout: { width: names.length, ...idx } }
}

/**
 * Turns one ERO-LESA row into a detainer record, a skip (not a detainer) or a parse error.
 *
 * @example
 * ```ts
 * parseIceLesaRow(['Denver Area of Responsibility', '10/1/2015', 'EAGLE COUNTY JAIL', '', 'Detainer', 'x', 'y', 'z'], layout, { line: 7, stem: 'EROEncounters_FY2016' })
 * // { kind: 'record', line: 7, record: { source: 'ice-lesa', event_date: '2015-10-01', facility_name: 'EAGLE COUNTY JAIL', … } }
 * ```
 */
export function parseIceLesaRow(fields: readonly string[], layout: IceLesaLayout, at: { line: number; stem: string }): ImportItem {
  if (fields.length !== layout.width) return { kind: 'unparseable', line: at.line, reason: `expected ${layout.width} fields, found ${fields.length}` }
  const disposition = (fields[layout.disposition] ?? '').trim()
  if (disposition.toLowerCase() !== 'detainer') return { kind: 'skipped', line: at.line }
  const date = parseSourceDate(fields[layout.date])
  if (date === undefined) return { kind: 'unparseable', line: at.line, reason: 'Event Date is not a date (M/D/YYYY)' }
  const landmark = (fields[layout.landmark] ?? '').trim() || null
  const aor = (fields[layout.aor] ?? '').trim().replace(/\s*Area of Responsibility\s*$/i, '') || null
  const record: SourceRecord = {
    source: 'ice-lesa',
    source_line: at.line,
    record_id: `${at.stem}:${at.line}`,
    event_date: date,
    facility_code: null,
    facility_name: landmark,
    detainer_form: null,
    custody: null,
    conviction_status: null,
    conviction_category: null,
    conviction_level: null,
    charge_status: null,
    charge_category: null,
    charge_level: null,
    practice_outcome: null,
    location: { facilityName: landmark, aor },
  }
  return { kind: 'record', line: at.line, record }
}

/**
 * Streams the detainers of one ERO-LESA encounters file (plain or gzipped). Throws
 * `invalid-input` naming the file when no header is found or a needed column is missing.
 *
 * @example
 * ```ts
 * for await (const item of readIceLesa('EROEncounters_FY2016.csv.gz', { maxRows: 50_000 })) {
 *   if (item.kind === 'record') console.log(item.record.event_date)
 * }
 * ```
 */
export async function* readIceLesa(path: string, options: ReadOptions = {}): AsyncGenerator<ImportItem> {
  const stem = fileStem(path)
  let layout: IceLesaLayout | undefined
  let rows = 0
  for await (const row of readDelimited(path, '|')) {
    if (!layout) {
      if (row.line > ICE_LESA_HEADER_SEARCH_LINES) break
      if (row.kind !== 'row') continue
      const found = iceLesaLayout(row.fields)
      if (!found) continue
      if (found.missing) {
        throw new AppError('invalid-input', `ERO-LESA header lacks column${found.missing.length > 1 ? 's' : ''} ${found.missing.map((m) => `"${m}"`).join(', ')}`, { file: path, line: row.line })
      }
      layout = found.layout
      continue
    }
    if (options.maxRows !== undefined && rows >= options.maxRows) break
    rows++
    if (rows % 10_000 === 0) options.onRows?.(rows)
    if (row.kind === 'error') {
      yield { kind: 'unparseable', line: row.line, reason: row.reason }
      continue
    }
    if (row.fields.every((f) => f.trim() === '')) {
      yield { kind: 'skipped', line: row.line }
      continue
    }
    yield parseIceLesaRow(row.fields, layout, { line: row.line, stem })
  }
  if (!layout) {
    throw new AppError(
      'invalid-input',
      `no ERO-LESA header ("Event Area of Responsibility|Event Date|Landmark|…") in the first ${ICE_LESA_HEADER_SEARCH_LINES} lines`,
      { file: path },
    )
  }
  options.onRows?.(rows)
}
