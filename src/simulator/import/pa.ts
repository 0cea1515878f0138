/**
 * ICE detainers lodged at Pennsylvania facilities, 2007–2015 (FOIA data as published by
 * eads/geocode-pa-detainers): CSV with `date, lift_reason, det_facility, city, state,
 * detainer_type`. One row per detainer.
 *
 * The lift reason gives the practice outcome ("Detainer Declined by LEA" → `declined-by-lea`, see
 * `outcomes.ts`); detainer_type gives the form (filled from 2013 on). No criminality is given.
 */
import { readTableRows } from './table-rows.ts'
import { liftReasonOutcome } from './outcomes.ts'
import type { ImportItem, ReadOptions, SourceRecord, UnmappedValue } from './record.ts'
import { fileStem, parseDetainerForm, parseSourceDate, stateCode } from './values.ts'

/** The columns the PA file must have. */
export const PA_COLUMNS = ['date', 'lift_reason', 'det_facility', 'city', 'state', 'detainer_type'] as const

/**
 * Turns one PA row (by column name) into a detainer record or a parse error.
 *
 * @example
 * ```ts
 * parsePaRow(new Map([['date', '2014-05-02 00:00:00'], ['lift_reason', 'Detainer Declined by LEA'], ['det_facility', 'BUCKS CNTY JAIL, PA'], ['city', 'DOYLESTOWN'], ['state', 'PENNSYLVANIA'], ['detainer_type', '']]), 9)
 * // { kind: 'record', record: { record_id: 'pa_detainers:9', practice_outcome: 'declined-by-lea', … } }
 * ```
 */
export function parsePaRow(values: ReadonlyMap<string, string>, line: number, stem = 'pa_detainers'): ImportItem {
  const get = (c: string) => (values.get(c) ?? '').trim()
  const date = parseSourceDate(get('date'))
  if (date === undefined) return { kind: 'unparseable', line, reason: 'date is not a date (YYYY-MM-DD)' }
  const state = stateCode(get('state'))
  if (state === undefined) return { kind: 'unparseable', line, reason: 'state is not a U.S. state' }
  const unmapped: UnmappedValue[] = []
  const outcome = liftReasonOutcome(get('lift_reason'))
  if (outcome === undefined) unmapped.push({ field: 'lift_reason', value: get('lift_reason') })
  const form = parseDetainerForm(get('detainer_type'))
  if (form === undefined) unmapped.push({ field: 'detainer_type', value: get('detainer_type') })
  const facility = get('det_facility') || null
  const record: SourceRecord = {
    source: 'pa',
    source_line: line,
    record_id: `${stem}:${line}`,
    event_date: date,
    facility_code: null,
    facility_name: facility,
    detainer_form: form ?? null,
    custody: null,
    conviction_status: null,
    conviction_category: null,
    conviction_level: null,
    charge_status: null,
    charge_category: null,
    charge_level: null,
    practice_outcome: outcome ?? null,
    location: { facilityName: facility, city: get('city') || null, state },
  }
  return { kind: 'record', line, record, ...(unmapped.length ? { unmapped } : {}) }
}

/**
 * Streams the PA detainers file. Throws `invalid-input` naming the file when a column is missing.
 *
 * @example
 * ```ts
 * for await (const item of readPa('pa_detainers.csv')) if (item.kind === 'record') count++
 * ```
 */
export async function* readPa(path: string, options: ReadOptions = {}): AsyncGenerator<ImportItem> {
  const stem = fileStem(path)
  const rows = readTableRows(path, 'PA detainers file', (columns) => PA_COLUMNS.filter((c) => !columns.includes(c)), options)
  for await (const row of rows) {
    yield row.kind === 'error' ? { kind: 'unparseable', line: row.line, reason: row.reason } : parsePaRow(row.values, row.line, stem)
  }
}
