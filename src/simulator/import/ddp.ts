/**
 * The Deportation Data Project's detainers table (ICE ERO-LESA detainers, 2023–2025 releases,
 * CC0): one row per detainer, as CSV (plain or gzipped) or Parquet (`detainers-latest.parquet`).
 * Column names are DDP's snake_case ones; the 2026 release's renamed columns are accepted too
 * (`detainer_criminality`, `detainer_facility`, `detainer_facility_code`, `msc_charge`).
 *
 * Mapping:
 * - `event_date` ← `detainer_prepare_date`; state ← `facility_state`; facility ←
 *   `detention_facility_code` / `detention_facility` / `facility_city` (the receiving jail);
 * - `detainer_form` ← `detainer_type` ("I247A - …" → I-247A);
 * - `detainer_prepared_criminality` (set when the detainer was prepared): "1 Convicted Criminal" →
 *   convicted; "2 Pending Criminal Charges" → no conviction, charges pending; "3 Other Immigration
 *   Violator" → neither;
 * - `conviction_category` ← the most serious conviction (`most_serious_conviction_msc_charge`,
 *   `msc_charge_code`) through `offense-codes.ts`, only for convicted records and only when the
 *   conviction date is not after the detainer (a later conviction did not exist at the time);
 * - `conviction_level` ← `msc_crime_class` when present (Felony / Aggravated Felony → felony,
 *   Misdemeanor → misdemeanor); otherwise null (the sentence length is not used to guess it);
 * - `practice_outcome` ← `detainer_lift_reason` (see `outcomes.ts`).
 */
import { readTableRows } from './table-rows.ts'
import { classifyOffense } from './offense-codes.ts'
import { liftReasonOutcome } from './outcomes.ts'
import type { ChargeStatus, ConvictionStatus, ImportItem, OffenseLevel, ReadOptions, SourceRecord, UnmappedValue } from './record.ts'
import { fileStem, parseDetainerForm, parseSourceDate, stateCode } from './values.ts'

/**
 * The columns of the DDP detainers table (2023–2025 release), in file order, as listed in DDP's
 * data dictionary. The fixture `fixtures/ddp-detainers.csv` uses exactly this layout.
 */
export const DDP_DETAINER_COLUMNS = [
  'detainer_prepare_date', 'facility_state', 'facility_aor', 'port_of_departure', 'departure_country', 'departed_date', 'case_status',
  'detainer_prepared_criminality', 'detention_facility', 'detention_facility_code', 'facility_city', 'detainer_prep_threat_level', 'gender',
  'citizenship_country', 'birth_country', 'birth_year', 'entry_status', 'most_serious_conviction_msc_charge', 'msc_sentence_days',
  'msc_sentence_months', 'msc_sentence_years', 'msc_charge_code', 'msc_charge_date', 'msc_conviction_date', 'felon', 'processing_disposition',
  'case_category', 'final_program', 'time_of_apprehension_case_category', 'time_of_apprehension_current_program', 'apprehension_method',
  'case_final_order_yes_no', 'final_order_date', 'apprehension_date', 'entry_date', 'prior_felony_yes_no', 'multiple_prior_misd_yes_no',
  'violent_misdemeanor_yes_no', 'illegal_entry_yes_no', 'illegal_reentry_yes_no', 'immigration_fraud_yes_no', 'significant_risk_yes_no',
  'other_removal_reason_yes_no', 'criminal_street_gang_yes_no', 'aggravated_felony_yes_no', 'deportation_ordered_yes_no',
  'order_to_show_cause_served_yes_no', 'biometric_match_yes_no', 'statements_made_yes_no', 'unlawful_attempt_yes_no', 'unlawful_entry_yes_no',
  'visa_yes_no', 'final_order_yes_no', 'federal_interest_yes_no', 'resume_custody_yes_no', 'detainer_lift_reason', 'detainer_type',
  'alien_file_number', 'case_id', 'subject_id', 'eid_dta_id', 'unique_id', 'data_source',
] as const

/** Fields read, each with the column names that may hold it (first non-empty wins). */
export const DDP_FIELDS = {
  date: ['detainer_prepare_date', 'prepare_date'],
  state: ['facility_state'],
  aor: ['facility_aor', 'detainer_aor'],
  facilityCode: ['detention_facility_code', 'detainer_facility_code'],
  facilityName: ['detention_facility', 'detainer_facility'],
  city: ['facility_city'],
  criminality: ['detainer_prepared_criminality', 'detainer_criminality'],
  mscCharge: ['most_serious_conviction_msc_charge', 'msc_charge', 'most_serious_conviction_charge'],
  mscCode: ['msc_charge_code', 'most_serious_conviction_charge_code'],
  mscConvictionDate: ['msc_conviction_date', 'most_serious_conviction_conviction_date'],
  mscCrimeClass: ['msc_crime_class'],
  liftReason: ['detainer_lift_reason'],
  detainerType: ['detainer_type'],
} as const

type DdpField = keyof typeof DDP_FIELDS
const REQUIRED: readonly DdpField[] = ['date', 'state', 'facilityCode', 'detainerType']

/**
 * Criminality at preparation → conviction and charge status.
 *
 * @example
 * ```ts
 * criminalityStatus('2 Pending Criminal Charges') // { conviction: 'none', charge: 'pending' }
 * ```
 */
export function criminalityStatus(text: string): { conviction: ConvictionStatus | null; charge: ChargeStatus | null } | undefined {
  const t = text.trim()
  if (t === '') return { conviction: null, charge: null }
  const code = /^([123])\b/.exec(t)?.[1] ?? (/convicted/i.test(t) ? '1' : /pending/i.test(t) ? '2' : /other immigration violator/i.test(t) ? '3' : undefined)
  if (code === '1') return { conviction: 'convicted', charge: null }
  if (code === '2') return { conviction: 'none', charge: 'pending' }
  if (code === '3') return { conviction: 'none', charge: 'none' }
  return undefined
}

/**
 * ICE crime class → offense level.
 *
 * @example
 * ```ts
 * crimeClassLevel('Aggravated Felony') // 'felony'
 * crimeClassLevel('Other') // null
 * ```
 */
export function crimeClassLevel(text: string): OffenseLevel | null {
  const t = text.trim().toLowerCase()
  if (t === 'felony' || t === 'aggravated felony') return 'felony'
  if (t === 'misdemeanor') return 'misdemeanor'
  return null
}

/**
 * Turns one DDP detainer row (by column name) into a record or a parse error.
 *
 * @example
 * ```ts
 * parseDdpRow(row, 12) // { kind: 'record', record: { source: 'ddp', detainer_form: 'I-247A', … } }
 * ```
 */
export function parseDdpRow(values: ReadonlyMap<string, string>, line: number, stem = 'ddp'): ImportItem {
  const get = (field: DdpField): string => {
    for (const column of DDP_FIELDS[field]) {
      const v = values.get(column)?.trim()
      if (v) return v
    }
    return ''
  }
  const date = parseSourceDate(get('date'))
  if (date === undefined) return { kind: 'unparseable', line, reason: 'detainer_prepare_date is not a date' }
  const unmapped: UnmappedValue[] = []
  const state = stateCode(get('state'))
  if (state === undefined) unmapped.push({ field: 'facility_state', value: get('state') })
  const form = parseDetainerForm(get('detainerType'))
  if (form === undefined) unmapped.push({ field: 'detainer_type', value: get('detainerType') })
  const status = criminalityStatus(get('criminality'))
  if (status === undefined) unmapped.push({ field: 'detainer_prepared_criminality', value: get('criminality') })
  const convictionDate = parseSourceDate(get('mscConvictionDate'))
  if (convictionDate === undefined) return { kind: 'unparseable', line, reason: 'msc_conviction_date is not a date' }
  const hasMsc = get('mscCharge') !== '' || get('mscCode') !== ''
  const convictionBefore = convictionDate === null || date === null || convictionDate <= date
  let conviction = status?.conviction ?? null
  if (conviction === null && hasMsc && convictionDate !== null && date !== null && convictionDate <= date) conviction = 'convicted'
  let convictionCategory = null
  if (conviction === 'convicted' && hasMsc && convictionBefore) {
    convictionCategory = classifyOffense(get('mscCharge'), get('mscCode'))
    if (convictionCategory === null) unmapped.push({ field: 'msc_charge', value: get('mscCharge') || get('mscCode') })
  }
  const outcome = liftReasonOutcome(get('liftReason'))
  if (outcome === undefined) unmapped.push({ field: 'detainer_lift_reason', value: get('liftReason') })
  const facilityCode = get('facilityCode') || null
  const facilityName = get('facilityName') || null
  const record: SourceRecord = {
    source: 'ddp',
    source_line: line,
    record_id: `${stem}:${line}`,
    event_date: date,
    facility_code: facilityCode,
    facility_name: facilityName,
    detainer_form: form ?? null,
    custody: null,
    conviction_status: conviction,
    conviction_category: convictionCategory,
    conviction_level: conviction === 'convicted' && convictionBefore ? crimeClassLevel(get('mscCrimeClass')) : null,
    charge_status: status?.charge ?? null,
    charge_category: null,
    charge_level: null,
    practice_outcome: outcome ?? null,
    location: { facilityCode, facilityName, city: get('city') || null, state: state ?? null, aor: get('aor').replace(/\s*Area of Responsibility\s*$/i, '') || null },
  }
  return { kind: 'record', line, record, ...(unmapped.length ? { unmapped } : {}) }
}

/**
 * Streams a DDP detainers file (CSV, gzipped CSV or Parquet). Throws `invalid-input` naming the
 * file when a needed column is missing.
 *
 * @example
 * ```ts
 * for await (const item of readDdp('detainers-latest.parquet')) if (item.kind === 'record') n++
 * ```
 */
export async function* readDdp(path: string, options: ReadOptions = {}): AsyncGenerator<ImportItem> {
  const stem = fileStem(path)
  const missingColumns = (columns: readonly string[]) => REQUIRED.filter((f) => !DDP_FIELDS[f].some((c) => columns.includes(c))).map((f) => DDP_FIELDS[f][0])
  for await (const row of readTableRows(path, 'DDP detainers file', missingColumns, options)) {
    yield row.kind === 'error' ? { kind: 'unparseable', line: row.line, reason: row.reason } : parseDdpRow(row.values, row.line, stem)
  }
}
