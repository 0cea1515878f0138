/**
 * Pierce County (WA) jail bookings with ICE holds, Oct 2016 – Jul 2018 (UWCHR,
 * ice-detainers-pierce `charges/output/`): one row per booking charge, pipe-delimited and gzipped
 * (`allholds.csv.gz`) or CSV (`no_charges.csv`, `max_charge_other.csv`, with a leading index
 * column). A booking is a detainer when `imm_hold` is 1; other rows are skipped.
 *
 * One record per booking (rows grouped by the hashed `booking_id`; memory grows with the number
 * of bookings, not rows):
 * - `record_id`: `pierce:` and the first 16 characters of the source's hashed booking id, so a
 *   booking found in two files (the comparison files repeat `allholds` bookings) is imported once;
 * - `event_date`: the booking date (the hold's own date is not given; approximate);
 * - place: Pierce County (53053), the county jail, by provenance (`county-name`);
 * - pending charges: the booking charges other than holds (seriousness > 0 in UWCHR's RCW
 *   coding); the most serious one gives `charge_category` (from its description) and
 *   `charge_level` (from its RCW class: felony, gross/simple misdemeanor, civil infraction;
 *   a mixed "gross misdemeanor/class C felony" class stays null);
 * - `conviction_status`: null (bookings do not say whether the person had prior convictions);
 * - `practice_outcome`: from the booking's `final_release_disp` (see `outcomes.ts`).
 */
import { readTableRows } from './table-rows.ts'
import { classifyOffenseDescription } from './offense-codes.ts'
import { pierceDispositionOutcome } from './outcomes.ts'
import type { ImportItem, OffenseLevel, ReadOptions, SourceRecord, UnmappedValue } from './record.ts'
import { parseSourceDate } from './values.ts'

/** The columns a Pierce charges file must have. */
export const PIERCE_COLUMNS = ['booking_id', 'booking_dt', 'booking_charge_desc', 'imm_hold', 'final_release_disp', 'category', 'seriousness'] as const

/** Pierce County, Washington. */
export const PIERCE_COUNTY = { name: 'Pierce', state: 'wa', facility: 'PIERCE COUNTY JAIL' } as const

/** One booking being assembled from its charge rows. */
export interface PierceBooking {
  readonly bookingId: string
  readonly firstLine: number
  readonly date: string | null
  readonly disposition: string
  readonly charges: ReadonlyArray<{ readonly description: string; readonly category: string; readonly seriousness: number }>
}

/** One charge row read, or why it was not. */
export type PierceRow =
  | { readonly kind: 'charge'; readonly bookingId: string; readonly date: string | null; readonly disposition: string; readonly charge: PierceBooking['charges'][number] }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'unparseable'; readonly reason: string }

/**
 * Reads one charge row.
 *
 * @example
 * ```ts
 * parsePierceRow(new Map([['booking_id', 'ab12'], ['booking_dt', '2017-04-21 11:43:00'], ['imm_hold', '1'], ['booking_charge_desc', 'ASLT 2'], ['category', 'class B felony'], ['seriousness', '5.0'], ['final_release_disp', 'Immigration']]))
 * // { kind: 'charge', bookingId: 'ab12', date: '2017-04-21', … }
 * ```
 */
export function parsePierceRow(values: ReadonlyMap<string, string>): PierceRow {
  const get = (c: string) => (values.get(c) ?? '').trim()
  const hold = get('imm_hold')
  if (hold !== '1' && hold !== '1.0' && hold.toLowerCase() !== 'true') return { kind: 'skipped' }
  const bookingId = get('booking_id')
  if (bookingId === '') return { kind: 'unparseable', reason: 'booking_id is empty' }
  const date = parseSourceDate(get('booking_dt'))
  if (date === undefined) return { kind: 'unparseable', reason: 'booking_dt is not a date' }
  const seriousnessText = get('seriousness')
  const seriousness = seriousnessText === '' ? 0 : Number(seriousnessText)
  if (!Number.isFinite(seriousness)) return { kind: 'unparseable', reason: 'seriousness is not a number' }
  return {
    kind: 'charge',
    bookingId,
    date,
    disposition: get('final_release_disp'),
    charge: { description: get('booking_charge_desc'), category: get('category'), seriousness },
  }
}

/**
 * The level of an RCW class as UWCHR coded it.
 *
 * @example
 * ```ts
 * rcwLevel('class B felony') // 'felony'
 * rcwLevel('gross misdemeanor') // 'misdemeanor'
 * rcwLevel('gross misdemeanor/class C felony') // null
 * ```
 */
export function rcwLevel(category: string): OffenseLevel | null {
  const c = category.toLowerCase()
  const felony = c.includes('felony')
  const misdemeanor = c.includes('misdemeanor')
  if (felony && !misdemeanor) return 'felony'
  if (misdemeanor && !felony) return 'misdemeanor'
  if (c.includes('infraction') && !felony && !misdemeanor) return 'infraction'
  return null
}

/**
 * Turns an assembled booking into a detainer record.
 *
 * @example
 * ```ts
 * pierceRecord({ bookingId: 'ab12', firstLine: 2, date: '2017-04-21', disposition: 'Immigration', charges: [...] })
 * // { record: { source: 'pierce', practice_outcome: 'released-to-ice', charge_status: 'pending', … }, unmapped: [] }
 * ```
 */
export function pierceRecord(booking: PierceBooking): { record: SourceRecord; unmapped: UnmappedValue[] } {
  const unmapped: UnmappedValue[] = []
  let top: PierceBooking['charges'][number] | undefined
  for (const charge of booking.charges) if (charge.seriousness > 0 && (!top || charge.seriousness > top.seriousness)) top = charge
  const category = top ? classifyOffenseDescription(top.description) : null
  if (top && category === null) unmapped.push({ field: 'booking_charge_desc', value: top.description })
  const outcome = pierceDispositionOutcome(booking.disposition)
  if (outcome === undefined) unmapped.push({ field: 'final_release_disp', value: booking.disposition })
  const record: SourceRecord = {
    source: 'pierce',
    source_line: booking.firstLine,
    record_id: `pierce:${booking.bookingId.slice(0, 16)}`,
    event_date: booking.date,
    facility_code: null,
    facility_name: PIERCE_COUNTY.facility,
    detainer_form: null,
    custody: 'county-jail',
    conviction_status: null,
    conviction_category: null,
    conviction_level: null,
    charge_status: top ? 'pending' : 'none',
    charge_category: category,
    charge_level: top ? rcwLevel(top.category) : null,
    practice_outcome: outcome ?? null,
    location: { countyName: PIERCE_COUNTY.name, state: PIERCE_COUNTY.state, facilityName: PIERCE_COUNTY.facility },
  }
  return { record, unmapped }
}

/**
 * Streams a Pierce charges file and yields one record per booking with an ICE hold, after the
 * file is read (rows of one booking need not be adjacent).
 *
 * @example
 * ```ts
 * for await (const item of readPierce('allholds.csv.gz')) if (item.kind === 'record') bookings++
 * ```
 */
export async function* readPierce(path: string, options: ReadOptions = {}): AsyncGenerator<ImportItem> {
  const bookings = new Map<string, { firstLine: number; date: string | null; disposition: string; charges: Array<PierceBooking['charges'][number]> }>()
  const rows = readTableRows(path, 'Pierce charges file', (columns) => PIERCE_COLUMNS.filter((c) => !columns.includes(c)), options)
  for await (const row of rows) {
    if (row.kind === 'error') {
      yield { kind: 'unparseable', line: row.line, reason: row.reason }
      continue
    }
    const parsed = parsePierceRow(row.values)
    if (parsed.kind === 'skipped') {
      yield { kind: 'skipped', line: row.line }
      continue
    }
    if (parsed.kind === 'unparseable') {
      yield { kind: 'unparseable', line: row.line, reason: parsed.reason }
      continue
    }
    const booking = bookings.get(parsed.bookingId)
    if (!booking) bookings.set(parsed.bookingId, { firstLine: row.line, date: parsed.date, disposition: parsed.disposition, charges: [parsed.charge] })
    else {
      booking.charges.push(parsed.charge)
      booking.date ??= parsed.date
      if (booking.disposition === '') booking.disposition = parsed.disposition
    }
  }
  const ordered = [...bookings.entries()].sort((a, b) => a[1].firstLine - b[1].firstLine)
  for (const [bookingId, b] of ordered) {
    const { record, unmapped } = pierceRecord({ bookingId, ...b })
    yield { kind: 'record', line: b.firstLine, record, ...(unmapped.length ? { unmapped } : {}) }
  }
}
