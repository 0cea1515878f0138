/**
 * Case templates: the fixed sets of facts the map asks the engine about. Custody is always a county
 * jail and the detainer an administrative I-247A; conviction dates are set relative to the chosen
 * date so that "within N years" conditions can be evaluated rather than left unknown.
 */
import { parseDay } from '../dates/index.ts'
import type { CaseFacts } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'

export const TEMPLATE_IDS = ['no-record', 'misdemeanor', 'violent-felony', 'judicial-warrant'] as const
export type TemplateId = (typeof TEMPLATE_IDS)[number]

/** A case template: an id, a neutral label stating its facts, and the facts for a date. */
export interface CaseTemplate {
  readonly kind: 'case-template'
  readonly id: TemplateId
  readonly label: string
}

const LABELS: Readonly<Record<TemplateId, string>> = {
  'no-record': 'No criminal record, administrative detainer (I-247A)',
  misdemeanor: 'One misdemeanor conviction (larceny) two years earlier, administrative detainer (I-247A)',
  'violent-felony': 'One felony conviction (robbery) five years earlier, administrative detainer (I-247A)',
  'judicial-warrant': 'No criminal record, detainer (I-247A) accompanied by a judicial warrant with a judicial finding of probable cause',
}

/** Every template, in display order. */
export const CASE_TEMPLATES: readonly CaseTemplate[] = Object.freeze(TEMPLATE_IDS.map((id) => Object.freeze({ kind: 'case-template' as const, id, label: LABELS[id] })))

/**
 * True when `id` names a template.
 *
 * @example
 * ```ts
 * isTemplateId('no-record') // true
 * ```
 */
export function isTemplateId(id: string): id is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(id)
}

/**
 * The template with this id, or an `invalid-input` error naming the `template` field.
 *
 * @example
 * ```ts
 * templateById('misdemeanor').label
 * ```
 */
export function templateById(id: string): CaseTemplate {
  const t = CASE_TEMPLATES.find((x) => x.id === id)
  if (!t) throw new AppError('invalid-input', `"${id}" is not a case template (one of: ${TEMPLATE_IDS.join(', ')})`, { field: 'template' })
  return t
}

/**
 * `date` minus whole years, on the same month and day (29 February falls back to 28 February).
 *
 * @example
 * ```ts
 * yearsBefore('2020-02-29', 2) // '2018-02-28'
 * ```
 */
export function yearsBefore(date: string, years: number): string {
  if (parseDay(date) === undefined) throw new AppError('invalid-input', `"${date}" is not a real calendar date`, { field: 'date' })
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const target = `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  // Only 29 February can be missing in the target year.
  return parseDay(target) !== undefined ? target : `${String(y - years).padStart(4, '0')}-02-28`
}

/**
 * The facts of a template as of a date (everything of a case but jurisdiction and date).
 *
 * @example
 * ```ts
 * templateFacts('misdemeanor', '2019-01-01').person?.convictions
 * // [{ category: 'larceny', level: 'misdemeanor', date: '2017-01-01' }]
 * ```
 */
export function templateFacts(id: TemplateId, date: string): CaseFacts {
  const judicial = id === 'judicial-warrant'
  const convictions =
    id === 'misdemeanor'
      ? [{ category: 'larceny' as const, level: 'misdemeanor' as const, date: yearsBefore(date, 2) }]
      : id === 'violent-felony'
        ? [{ category: 'robbery' as const, level: 'felony' as const, date: yearsBefore(date, 5) }]
        : []
  return {
    custody: 'county-jail',
    detainer: { form: 'I-247A', judicialWarrant: judicial, judicialProbableCause: judicial, reimbursementAgreement: false, writtenConsent: false },
    person: { age: 30, convictions, pendingCharges: [], lawfulStatusProof: false, gangDatabase: false },
  }
}
