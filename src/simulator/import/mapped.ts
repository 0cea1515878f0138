/**
 * Any table (CSV, gzipped CSV, Parquet) plus a mapping file that says which column is which
 * normalized field. Example mapping (YAML):
 *
 * ```yaml
 * source: king-county-jail        # value of the `source` column (kebab-case)
 * columns:                        # normalized field → source column
 *   record_id: booking_number
 *   event_date: hold_date
 *   facility_name: facility
 *   conviction_offense: top_conviction   # text or NCIC code → conviction_category
 *   lift_reason: outcome                 # ICE lift-reason text → practice_outcome
 * constants:                      # fixed values for every row
 *   state: wa
 *   county_geoid: '53033'
 *   custody: county-jail
 * values:                         # source value → normalized value, per field
 *   practice_outcome: { 'Released to ICE': released-to-ice }
 * where: { hold_type: ICE }       # only rows whose column equals the value; others are skipped
 * date_format: MM/DD/YYYY         # optional; default reads ISO and M/D/YYYY
 * ```
 *
 * Values of the vocabulary fields (custody, statuses, levels, categories, outcome) must be in the
 * vocabulary after `values` is applied (case and spaces are forgiven); a row with any other value is
 * unparseable, reported with the field, never coerced.
 */
import { readFile } from 'node:fs/promises'
import { Type, type TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { LineCounter, parseDocument } from 'yaml'
import { AppError } from '../../core/errors/index.ts'
import { fileError } from '../io/index.ts'
import { readTableRows } from './table-rows.ts'
import { classifyOffense } from './offense-codes.ts'
import { liftReasonOutcome } from './outcomes.ts'
import {
  CHARGE_STATUSES,
  CONVICTION_STATUSES,
  CUSTODY_VALUES,
  OFFENSE_CATEGORIES,
  OFFENSE_LEVELS,
  PRACTICE_OUTCOMES,
  type ImportItem,
  type ReadOptions,
  type SourceRecord,
  type UnmappedValue,
} from './record.ts'
import { fileStem, parseDateWithFormat, parseDetainerForm, parseSourceDate, stateCode } from './values.ts'

/** Fields a mapping may fill: the record's own, plus inputs that are translated. */
export const MAPPED_FIELDS = [
  'record_id',
  'event_date',
  'state',
  'county_geoid',
  'place_geoid',
  'facility_code',
  'facility_name',
  'facility_city',
  'county_name',
  'aor',
  'detainer_form',
  'custody',
  'conviction_status',
  'conviction_category',
  'conviction_offense',
  'conviction_level',
  'charge_status',
  'charge_category',
  'charge_offense',
  'charge_level',
  'practice_outcome',
  'lift_reason',
] as const
export type MappedField = (typeof MAPPED_FIELDS)[number]

function fieldMap(value: TSchema): TSchema {
  const properties: Record<string, TSchema> = {}
  for (const field of MAPPED_FIELDS) properties[field] = Type.Optional(value)
  return Type.Object(properties, { additionalProperties: false })
}

/** The mapping file's schema. */
export const MappingSchema = Type.Object(
  {
    source: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'kebab-case name written to the source column' }),
    columns: fieldMap(Type.String({ minLength: 1 })),
    constants: Type.Optional(fieldMap(Type.String())),
    values: Type.Optional(fieldMap(Type.Record(Type.String(), Type.String()))),
    where: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.String())),
    date_format: Type.Optional(Type.String({ pattern: '^(?=.*YYYY)(?=.*M)(?=.*D)[YMD./\\- ]+$' })),
  },
  { additionalProperties: false },
)
/** A checked mapping file. */
export interface Mapping {
  readonly source: string
  readonly columns: Partial<Record<MappedField, string>>
  readonly constants?: Partial<Record<MappedField, string>>
  readonly values?: Partial<Record<MappedField, Record<string, string>>>
  readonly where?: Record<string, string>
  readonly date_format?: string
}

const checkMapping = Compile(MappingSchema)

/**
 * Parses and checks a mapping document. Throws `invalid-input` with the file, line and field.
 *
 * @example
 * ```ts
 * parseMapping('source: x\ncolumns: { event_date: day }\n', 'm.yaml').columns.event_date // 'day'
 * ```
 */
export function parseMapping(text: string, file: string): Mapping {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const yamlError = doc.errors[0]
  if (yamlError) {
    const pos = lines.linePos(yamlError.pos[0])
    throw new AppError('invalid-input', `malformed YAML: ${yamlError.message.split('\n')[0]}`, { file, line: pos.line, column: pos.col })
  }
  const value: unknown = doc.toJS()
  if (!checkMapping.Check(value)) {
    const errors = [...checkMapping.Errors(value)]
    const error = errors.find((e) => e.keyword === 'additionalProperties' || e.keyword === 'required') ?? errors.find((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean') ?? errors[0]
    const path = error ? error.instancePath.split('/').filter(Boolean) : []
    const node = path.length ? doc.getIn(path, true) : undefined
    const range = (node as { range?: [number, number, number] } | undefined)?.range
    const pos = range ? lines.linePos(range[0]) : undefined
    const params = (error?.params ?? {}) as { additionalProperties?: string[]; requiredProperties?: string[] }
    const message = params.additionalProperties
      ? `unknown field ${params.additionalProperties.map((n) => `"${n}"`).join(', ')} (allowed: ${MAPPED_FIELDS.join(', ')})`
      : params.requiredProperties
        ? `missing required field ${params.requiredProperties.map((n) => `"${n}"`).join(', ')}`
        : (error?.message ?? 'invalid mapping')
    throw new AppError('invalid-input', message, { file, ...(pos ? { line: pos.line, column: pos.col } : {}), ...(path.length ? { field: path.join('.') } : {}) })
  }
  const mapping = value as Mapping
  if (Object.keys(mapping.columns).length === 0 && Object.keys(mapping.constants ?? {}).length === 0) {
    throw new AppError('invalid-input', 'columns must name at least one field', { file, field: 'columns' })
  }
  return mapping
}

/**
 * Reads a mapping file.
 *
 * @example
 * ```ts
 * const mapping = await loadMapping('county-mapping.yaml')
 * ```
 */
export async function loadMapping(file: string): Promise<Mapping> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (thrown) {
    throw fileError(file, thrown)
  }
  return parseMapping(text, file)
}

const VOCABULARIES: Partial<Record<MappedField, readonly string[]>> = {
  custody: CUSTODY_VALUES,
  conviction_status: CONVICTION_STATUSES,
  conviction_category: OFFENSE_CATEGORIES,
  conviction_level: OFFENSE_LEVELS,
  charge_status: CHARGE_STATUSES,
  charge_category: OFFENSE_CATEGORIES,
  charge_level: OFFENSE_LEVELS,
  practice_outcome: PRACTICE_OUTCOMES,
}

/**
 * Turns one row into a record using a mapping.
 *
 * @example
 * ```ts
 * parseMappedRow(new Map([['day', '2024-01-05']]), 2, { source: 'x', columns: { event_date: 'day' } })
 * // { kind: 'record', record: { source: 'x', event_date: '2024-01-05', … } }
 * ```
 */
export function parseMappedRow(values: ReadonlyMap<string, string>, line: number, mapping: Mapping, stem = 'input'): ImportItem {
  for (const [column, expected] of Object.entries(mapping.where ?? {})) {
    if ((values.get(column) ?? '').trim() !== expected) return { kind: 'skipped', line }
  }
  const unmapped: UnmappedValue[] = []
  const raw = (field: MappedField): string => {
    const column = mapping.columns[field]
    const text = column !== undefined ? (values.get(column) ?? '').trim() : (mapping.constants?.[field] ?? '').trim()
    const mapped = mapping.values?.[field]?.[text]
    return (mapped ?? text).trim()
  }
  const fail = (field: MappedField, why: string): ImportItem => ({ kind: 'unparseable', line, reason: `${field}: ${why}` })
  const vocab = (field: MappedField): string | null | false => {
    const text = raw(field)
    if (text === '') return null
    const normalized = text.toLowerCase().replace(/[\s_]+/g, '-')
    return (VOCABULARIES[field] ?? []).includes(normalized) ? normalized : false
  }

  const date = mapping.date_format ? parseDateWithFormat(raw('event_date'), mapping.date_format) : parseSourceDate(raw('event_date'))
  if (date === undefined) return fail('event_date', `is not a date${mapping.date_format ? ` (${mapping.date_format})` : ''}`)
  const state = stateCode(raw('state'))
  if (state === undefined) return fail('state', 'is not a U.S. state name or code')
  const countyText = raw('county_geoid')
  const county = countyText === '' ? null : /^\d{4,5}$/.test(countyText) ? countyText.padStart(5, '0') : undefined
  if (county === undefined) return fail('county_geoid', 'is not a 5-digit county GEOID')
  const placeText = raw('place_geoid')
  const place = placeText === '' ? null : /^\d{6,7}$/.test(placeText) ? placeText.padStart(7, '0') : undefined
  if (place === undefined) return fail('place_geoid', 'is not a 7-digit place GEOID')
  const form = parseDetainerForm(raw('detainer_form'))
  if (form === undefined) return fail('detainer_form', 'is not an I-247 form (I-247, I-247A, I-247D, I-247N, I-247X)')

  const checked: Partial<Record<MappedField, string | null>> = {}
  for (const field of Object.keys(VOCABULARIES) as MappedField[]) {
    const v = vocab(field)
    if (v === false) return fail(field, `is not one of ${(VOCABULARIES[field] ?? []).join(', ')} (map it under values:)`)
    checked[field] = v
  }
  const offense = (categoryField: 'conviction_category' | 'charge_category', offenseField: 'conviction_offense' | 'charge_offense') => {
    if (checked[categoryField]) return checked[categoryField]
    const text = raw(offenseField)
    if (text === '') return null
    const category = classifyOffense(text, /^\d{3,4}$/.test(text) ? text : null)
    if (category === null) unmapped.push({ field: offenseField, value: text })
    return category
  }
  let outcome = checked.practice_outcome ?? null
  if (outcome === null && raw('lift_reason') !== '') {
    const fromLift = liftReasonOutcome(raw('lift_reason'))
    if (fromLift === undefined) unmapped.push({ field: 'lift_reason', value: raw('lift_reason') })
    outcome = fromLift ?? null
  }
  const facilityCode = raw('facility_code') || null
  const facilityName = raw('facility_name') || null
  const record = {
    source: mapping.source,
    source_line: line,
    record_id: raw('record_id') ? `${mapping.source}:${raw('record_id')}` : `${mapping.source}:${stem}:${line}`,
    event_date: date,
    facility_code: facilityCode,
    facility_name: facilityName,
    detainer_form: form,
    custody: checked.custody ?? null,
    conviction_status: checked.conviction_status ?? null,
    conviction_category: offense('conviction_category', 'conviction_offense'),
    conviction_level: checked.conviction_level ?? null,
    charge_status: checked.charge_status ?? null,
    charge_category: offense('charge_category', 'charge_offense'),
    charge_level: checked.charge_level ?? null,
    practice_outcome: outcome,
    location: {
      facilityCode,
      facilityName,
      city: raw('facility_city') || null,
      state,
      countyName: raw('county_name') || null,
      countyGeoid: county,
      placeGeoid: place,
      aor: raw('aor') || null,
    },
  } as SourceRecord
  return { kind: 'record', line, record, ...(unmapped.length ? { unmapped } : {}) }
}

/**
 * Streams any table through a mapping. Throws `invalid-input` naming the file when a mapped
 * column is not in the table.
 *
 * @example
 * ```ts
 * const mapping = await loadMapping('m.yaml')
 * for await (const item of readMapped('jail.csv', mapping)) if (item.kind === 'record') n++
 * ```
 */
export async function* readMapped(path: string, mapping: Mapping, options: ReadOptions = {}): AsyncGenerator<ImportItem> {
  const wanted = [...Object.values(mapping.columns), ...Object.keys(mapping.where ?? {})] as string[]
  const missingColumns = (columns: readonly string[]) => [...new Set(wanted.filter((c) => !columns.includes(c)))]
  const stem = fileStem(path)
  for await (const row of readTableRows(path, 'table', missingColumns, options, 'mapped column')) {
    yield row.kind === 'error' ? { kind: 'unparseable', line: row.line, reason: row.reason } : parseMappedRow(row.values, row.line, mapping, stem)
  }
}
