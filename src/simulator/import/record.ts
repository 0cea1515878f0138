/**
 * The normalized detainer record: one row per detainer, the simulator's input. Field names are
 * the Parquet column names (snake_case) so the contract reads the same in TypeScript and SQL.
 *
 * A value the source does not give is `null`, never a guess.
 */
import { OFFENSE_CATEGORIES } from '../../core/registry/schema.ts'

/** The offense vocabulary (shared with the registry's offense matches). */
export type OffenseCategory = (typeof OFFENSE_CATEGORIES)[number]
export { OFFENSE_CATEGORIES }

/** How a record's place was linked to a county, best first. */
export const LINK_METHODS = ['facility-code', 'landmark', 'agency', 'county-name', 'unlinked'] as const
export type LinkMethod = (typeof LINK_METHODS)[number]

/** Detainer forms: I-247 (to 2015), I-247D / I-247N / I-247X (2015–2017), I-247A (April 2017 on). */
export const DETAINER_FORMS = ['I-247', 'I-247A', 'I-247D', 'I-247N', 'I-247X'] as const
export type DetainerForm = (typeof DETAINER_FORMS)[number]

/** Who held the person when the detainer was lodged. Federal facilities are left null. */
export const CUSTODY_VALUES = ['county-jail', 'city-jail', 'state-prison'] as const
export type Custody = (typeof CUSTODY_VALUES)[number]

export const CONVICTION_STATUSES = ['none', 'convicted'] as const
export type ConvictionStatus = (typeof CONVICTION_STATUSES)[number]

/** Pending criminal charges at the time of the detainer. */
export const CHARGE_STATUSES = ['none', 'pending'] as const
export type ChargeStatus = (typeof CHARGE_STATUSES)[number]

export const OFFENSE_LEVELS = ['felony', 'misdemeanor', 'infraction'] as const
export type OffenseLevel = (typeof OFFENSE_LEVELS)[number]

/**
 * What happened to the detainer in practice:
 * - `declined-by-lea`: the jail or prison declined to honor it;
 * - `honored`: the source says it was honored (held or notified), without saying more;
 * - `released-to-ice`: custody passed to ICE (e.g. PA "Booked into Detention", Pierce "Immigration");
 * - `released`: the person left local custody otherwise (bail, dismissal, time served);
 * - `transferred`: to another agency or facility (state prison chain, U.S. Marshals, another county);
 * - `lifted-by-ice`: ICE withdrew it (case closed, lifted, prosecutorial discretion, U.S. citizen);
 * - `died`.
 */
export const PRACTICE_OUTCOMES = [
  'declined-by-lea',
  'honored',
  'released-to-ice',
  'released',
  'transferred',
  'lifted-by-ice',
  'died',
] as const
export type PracticeOutcome = (typeof PRACTICE_OUTCOMES)[number]

/** One normalized detainer. Keys are the Parquet columns. */
export interface DetainerRecord {
  /** Importer that produced the row (`ice-lesa`, `pa`, `pierce`, `ddp`) or the mapping's `source`. */
  readonly source: string
  /** 1-based line in the decompressed input where the row starts (row number for Parquet). */
  readonly source_line: number
  /** Stable within one input file: the file stem or source name and the line. */
  readonly record_id: string
  /** `YYYY-MM-DD`. */
  readonly event_date: string | null
  /** Two-letter lower-case state code. */
  readonly state: string | null
  /** Five-digit county GEOID (us-geo 2020-based vintage, CT planning regions). */
  readonly county_geoid: string | null
  /** Seven-digit place GEOID of the facility's place, when known. */
  readonly place_geoid: string | null
  readonly facility_code: string | null
  readonly facility_name: string | null
  readonly link_method: LinkMethod
  readonly detainer_form: DetainerForm | null
  readonly custody: Custody | null
  readonly conviction_status: ConvictionStatus | null
  readonly conviction_category: OffenseCategory | null
  readonly conviction_level: OffenseLevel | null
  readonly charge_status: ChargeStatus | null
  readonly charge_category: OffenseCategory | null
  readonly charge_level: OffenseLevel | null
  readonly practice_outcome: PracticeOutcome | null
}

/** What a source says about where the detainer was lodged; the linker turns it into GEOIDs. */
export interface LocationHint {
  readonly facilityCode?: string | null
  readonly facilityName?: string | null
  readonly city?: string | null
  /** Two-letter lower-case state code the source gives for the facility. */
  readonly state?: string | null
  readonly countyName?: string | null
  /** A county GEOID the source declares (e.g. a county's own jail export). */
  readonly countyGeoid?: string | null
  readonly placeGeoid?: string | null
  /** ICE area of responsibility, as a name ("Denver") or code ("DEN"). */
  readonly aor?: string | null
}

/** A record as an importer produces it: everything but the linked geography. */
export type SourceRecord = Omit<DetainerRecord, 'state' | 'county_geoid' | 'place_geoid' | 'link_method'> & {
  readonly location: LocationHint
}

/** What an importer yields for each row it reads. */
export type ImportItem =
  | { readonly kind: 'record'; readonly line: number; readonly record: SourceRecord; readonly unmapped?: readonly UnmappedValue[] }
  | { readonly kind: 'skipped'; readonly line: number }
  | { readonly kind: 'unparseable'; readonly line: number; readonly reason: string }

/** A categorical source value no table knows; the field stays null and the value is counted. */
export interface UnmappedValue {
  readonly field: string
  readonly value: string
}

/** Options every importer takes. */
export interface ReadOptions {
  /** Stop after this many data rows (header and preamble not counted). */
  readonly maxRows?: number
  /** Called now and then with the number of data rows read so far. */
  readonly onRows?: (rows: number) => void
}

/** Parquet column types of {@link DetainerRecord}, in column order. */
export const RECORD_COLUMNS: ReadonlyArray<{ readonly name: keyof DetainerRecord; readonly type: 'VARCHAR' | 'BIGINT' | 'DATE' }> = [
  { name: 'source', type: 'VARCHAR' },
  { name: 'source_line', type: 'BIGINT' },
  { name: 'record_id', type: 'VARCHAR' },
  { name: 'event_date', type: 'DATE' },
  { name: 'state', type: 'VARCHAR' },
  { name: 'county_geoid', type: 'VARCHAR' },
  { name: 'place_geoid', type: 'VARCHAR' },
  { name: 'facility_code', type: 'VARCHAR' },
  { name: 'facility_name', type: 'VARCHAR' },
  { name: 'link_method', type: 'VARCHAR' },
  { name: 'detainer_form', type: 'VARCHAR' },
  { name: 'custody', type: 'VARCHAR' },
  { name: 'conviction_status', type: 'VARCHAR' },
  { name: 'conviction_category', type: 'VARCHAR' },
  { name: 'conviction_level', type: 'VARCHAR' },
  { name: 'charge_status', type: 'VARCHAR' },
  { name: 'charge_category', type: 'VARCHAR' },
  { name: 'charge_level', type: 'VARCHAR' },
  { name: 'practice_outcome', type: 'VARCHAR' },
]

const ENUMS: Partial<Record<keyof DetainerRecord, readonly string[]>> = {
  link_method: LINK_METHODS,
  detainer_form: DETAINER_FORMS,
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
 * Checks a record against the column contract. Returns the problems (empty when valid).
 *
 * @example
 * ```ts
 * validateRecord({ ...record, state: 'PA' }) // ['state: must be a two-letter lower-case code']
 * ```
 */
export function validateRecord(record: DetainerRecord): string[] {
  const problems: string[] = []
  if (!record.source) problems.push('source: must not be empty')
  if (!Number.isInteger(record.source_line) || record.source_line < 0) problems.push('source_line: must be a non-negative integer')
  if (!record.record_id) problems.push('record_id: must not be empty')
  if (record.event_date !== null && !isIsoDate(record.event_date)) problems.push('event_date: must be a real date YYYY-MM-DD')
  if (record.state !== null && !/^[a-z]{2}$/.test(record.state)) problems.push('state: must be a two-letter lower-case code')
  if (record.county_geoid !== null && !/^\d{5}$/.test(record.county_geoid)) problems.push('county_geoid: must be 5 digits')
  if (record.place_geoid !== null && !/^\d{7}$/.test(record.place_geoid)) problems.push('place_geoid: must be 7 digits')
  for (const [field, allowed] of Object.entries(ENUMS) as Array<[keyof DetainerRecord, readonly string[]]>) {
    const value = record[field]
    if (value !== null && !allowed.includes(String(value))) problems.push(`${field}: must be one of ${allowed.join(', ')}`)
  }
  if (record.link_method !== 'unlinked' && record.county_geoid === null) problems.push('link_method: a linked record needs a county_geoid')
  return problems
}

/**
 * Whether text is a real calendar date `YYYY-MM-DD` (so `2019-02-30` is not).
 *
 * @example
 * ```ts
 * isIsoDate('2016-02-29') // true
 * isIsoDate('2017-02-29') // false
 * ```
 */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}
