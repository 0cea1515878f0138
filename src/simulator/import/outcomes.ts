/**
 * Practice outcomes from the words sources use: ICE detainer lift reasons (PA 2007–2015 and the
 * Deportation Data Project's `detainer_lift_reason`) and Pierce County release dispositions.
 * Pure tables; a value not listed maps to null (unknown) and is reported as unmapped.
 */
import type { PracticeOutcome } from './record.ts'

/**
 * ICE detainer lift reasons. "Booked into Detention" means ICE lifted the detainer because it
 * booked the person into ICE custody: counted as `released-to-ice` (approximate: the record does
 * not say whether the jail held past release). "Early Release" is counted as `released`
 * (approximate: released before ICE took custody).
 */
export const LIFT_REASONS: Readonly<Record<string, PracticeOutcome>> = {
  'BOOKED INTO DETENTION': 'released-to-ice',
  'DETAINER DECLINED BY LEA': 'declined-by-lea',
  TRANSFERRED: 'transferred',
  'CASE CLOSED': 'lifted-by-ice',
  LIFTED: 'lifted-by-ice',
  'LIFTED - LACK OF FUNDS': 'lifted-by-ice',
  'LIFTED - LACK OF SPACE': 'lifted-by-ice',
  'ALIEN NOT SUBJECT TO DEPORTATION': 'lifted-by-ice',
  'UNITED STATES CITIZEN INTERVIEWED': 'lifted-by-ice',
  'US CITIZEN INTERVIEWED': 'lifted-by-ice',
  'PROSECUTORIAL DISCRETION': 'lifted-by-ice',
  'EARLY RELEASE': 'released',
  DIED: 'died',
}

/**
 * Maps an ICE lift reason to a practice outcome.
 *
 * @example
 * ```ts
 * liftReasonOutcome('Detainer Declined by LEA') // 'declined-by-lea'
 * liftReasonOutcome('') // null
 * liftReasonOutcome('Something new') // undefined
 * ```
 */
export function liftReasonOutcome(text: string | undefined): PracticeOutcome | null | undefined {
  const t = normalizeLabel(text)
  if (t === '') return null
  return LIFT_REASONS[t] ?? LIFT_REASONS[t.replace(/^[A-Z0-9]{1,2}\s*[-–]\s*/, '')] ?? undefined
}

/** Pierce County final release dispositions that end custody some other way than release. */
const PIERCE_TRANSFERS = new Set([
  'WSI CHAIN',
  'MINI-CHAIN',
  'EXTRADITION',
  'US MARSHALL',
  'US MARSHAL',
  'FBI',
  'DEA',
  'POLICE DEPARTMENT',
  "SHERIFF'S OFFICE",
  'WESTERN STATE HOSPITAL',
])

/** Pierce County dispositions that are a release from local custody (not to another agency). */
const PIERCE_RELEASES = new Set([
  'BAIL BOND', 'PR', 'TIME SERVED', 'DISMISSED', 'CREDIT FOR TIME SERVED', 'NCF FINAL', 'COURT ORDER', 'PROBATION/PAROLE OFFICER',
  'PDC', 'NCF, PENDING INV', 'SIP', 'NO CHARGES FILED', 'CASH BAIL', 'SUSPENDED SENTENCE', 'NCF DIST', 'NCF TACM',
  'NO PROB CAUSE', 'NCF, LAKEWOOD', 'RELEASE WITHOUT CHARGE', 'DEFERRED SENTENCE', 'NOT GUILTY VERDICT', 'NCF SUP', 'QUASHED',
  'FINE PAID', 'TIME PAYMENTS', 'DRUG COURT', 'DETOX CENTER', 'ADMINISTRATIVE BOOKING', 'CHECK',
])

/**
 * Maps a Pierce County final release disposition to a practice outcome: "Immigration" is
 * `released-to-ice`, "Cancel Detainer" is `lifted-by-ice`, chains and other agencies are
 * `transferred`, bail, dismissal and sentences served are `released`.
 *
 * @example
 * ```ts
 * pierceDispositionOutcome('Immigration') // 'released-to-ice'
 * pierceDispositionOutcome('WSI Chain') // 'transferred'
 * pierceDispositionOutcome('Escape') // undefined
 * ```
 */
export function pierceDispositionOutcome(text: string | undefined): PracticeOutcome | null | undefined {
  const t = normalizeLabel(text)
  if (t === '') return null
  if (t === 'IMMIGRATION') return 'released-to-ice'
  if (t === 'CANCEL DETAINER') return 'lifted-by-ice'
  if (PIERCE_TRANSFERS.has(t)) return 'transferred'
  if (PIERCE_RELEASES.has(t)) return 'released'
  return undefined
}

function normalizeLabel(text: string | undefined): string {
  return (text ?? '').trim().toUpperCase().replace(/\s+/g, ' ')
}
