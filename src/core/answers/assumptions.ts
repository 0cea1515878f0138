/**
 * A case template's assumed facts, and the one function every view calls to turn a template into
 * a case. A template states some facts (an administrative I-247A, no record or one conviction);
 * to colour a map it must also assume others the evaluator would leave unknown (no written
 * agreement to reimburse the costs, no proof of lawful status…). Those assumptions are named here,
 * shown beside the map's legend, and can be changed — to the other value or to "unknown" — so the
 * map, the jurisdiction page, compare and the evaluator answer the same case.
 */
import { parseOcdId } from '../ocd/index.ts'
import { AppError } from '../errors/index.ts'
import type { Case, CaseFacts } from '../engine/index.ts'
import { templateById, templateFacts, type TemplateId } from './templates.ts'

/** The facts a template assumes rather than states, by their query-parameter name. */
export const ASSUMABLE_FACTS = ['judicialProbableCause', 'reimbursementAgreement', 'writtenConsent', 'lawfulStatusProof', 'gangDatabase'] as const
export type AssumableFact = (typeof ASSUMABLE_FACTS)[number]

/** A fact's assumed value: yes, no, or unknown (left out of the case). */
export type AssumedValue = 'yes' | 'no' | 'unknown'

/** Values to use instead of a template's defaults; absent keys keep the default. */
export type Assumptions = Readonly<Partial<Record<AssumableFact, AssumedValue>>>

/** One assumed fact as the legend shows it. */
export interface AssumedFact {
  readonly kind: 'assumed-fact'
  readonly name: AssumableFact
  /** The engine's fact path, e.g. `detainer.reimbursementAgreement`. */
  readonly fact: string
  readonly value: AssumedValue
  /** The template's own value for it. */
  readonly defaultValue: AssumedValue
  /** The assumption in words, e.g. "no written agreement to reimburse the costs". */
  readonly words: string
  /** The fact as a question, for the form. */
  readonly question: string
}

const PATHS: Readonly<Record<AssumableFact, string>> = {
  judicialProbableCause: 'detainer.judicialProbableCause',
  reimbursementAgreement: 'detainer.reimbursementAgreement',
  writtenConsent: 'detainer.writtenConsent',
  lawfulStatusProof: 'person.lawfulStatusProof',
  gangDatabase: 'person.gangDatabase',
}

const WORDS: Readonly<Record<AssumableFact, { yes: string; no: string; unknown: string; question: string }>> = {
  judicialProbableCause: { yes: 'a judge found probable cause', no: 'no judicial finding of probable cause', unknown: 'whether a judge found probable cause is not known', question: 'A judge found probable cause' },
  reimbursementAgreement: {
    yes: 'a written agreement to reimburse the costs',
    no: 'no reimbursement agreement',
    unknown: 'whether a reimbursement agreement exists is not known',
    question: 'A written agreement by which the federal government reimburses the costs',
  },
  writtenConsent: { yes: 'the person gave written consent', no: 'no written consent from the person', unknown: 'whether the person consented is not known', question: 'The person gave written consent' },
  lawfulStatusProof: { yes: 'proof of lawful status shown', no: 'no proof of lawful status', unknown: 'whether proof of lawful status was shown is not known', question: 'The person showed proof of lawful status' },
  gangDatabase: { yes: 'listed in a gang database', no: 'not in a gang database', unknown: 'whether the person is in a gang database is not known', question: 'The person is listed in a gang database' },
}

/** The facts a template assumes: every assumable fact except those the template states. */
function assumedBy(id: TemplateId): readonly AssumableFact[] {
  return id === 'judicial-warrant' ? ASSUMABLE_FACTS.filter((f) => f !== 'judicialProbableCause') : ASSUMABLE_FACTS
}

const asValue = (b: boolean | undefined): AssumedValue => (b === true ? 'yes' : b === false ? 'no' : 'unknown')

/**
 * Reads assumptions from query parameters (`reimbursementAgreement=unknown`, `lawfulStatusProof=yes`).
 * Other parameters are ignored; a bad value is an `invalid-input` naming the parameter.
 *
 * @example
 * ```ts
 * parseAssumptions({ reimbursementAgreement: 'unknown', date: '2016-06-01' }) // { reimbursementAgreement: 'unknown' }
 * ```
 */
export function parseAssumptions(query: Readonly<Record<string, unknown>>): Assumptions {
  const out: Partial<Record<AssumableFact, AssumedValue>> = {}
  for (const name of ASSUMABLE_FACTS) {
    const v = query[name]
    if (v === undefined || v === '') continue
    if (v !== 'yes' && v !== 'no' && v !== 'unknown') throw new AppError('invalid-input', `"${String(v)}" is not yes, no or unknown`, { field: name })
    out[name] = v
  }
  return out
}

/**
 * The template's assumed facts with the values in force, for the legend.
 *
 * @example
 * ```ts
 * templateAssumptions('no-record', { reimbursementAgreement: 'unknown' }).find((a) => a.name === 'reimbursementAgreement')?.value // 'unknown'
 * ```
 */
export function templateAssumptions(template: string, assume: Assumptions = {}): AssumedFact[] {
  const t = templateById(template)
  const facts = templateFacts(t.id, '2000-01-01')
  return assumedBy(t.id).map((name) => {
    const [head, key] = PATHS[name].split('.') as ['detainer' | 'person', string]
    const defaultValue = asValue((facts[head] as Record<string, boolean | undefined> | undefined)?.[key])
    const value = assume[name] ?? defaultValue
    return { kind: 'assumed-fact', name, fact: PATHS[name], value, defaultValue, words: WORDS[name][value], question: WORDS[name].question }
  })
}

/**
 * Only the assumptions that differ from the template's defaults (for URLs and cache keys), in a
 * fixed order.
 *
 * @example
 * ```ts
 * changedAssumptions('no-record', { reimbursementAgreement: 'no', lawfulStatusProof: 'unknown' }) // { lawfulStatusProof: 'unknown' }
 * ```
 */
export function changedAssumptions(template: string, assume: Assumptions): Assumptions {
  const out: Partial<Record<AssumableFact, AssumedValue>> = {}
  for (const a of templateAssumptions(template, assume)) if (a.value !== a.defaultValue) out[a.name] = a.value
  return out
}

/**
 * The facts of a template as of a date with the assumptions applied: "unknown" leaves a fact out.
 *
 * @example
 * ```ts
 * assumedFacts('no-record', '2016-06-01', { reimbursementAgreement: 'unknown' }).detainer?.reimbursementAgreement // undefined
 * ```
 */
export function assumedFacts(template: string, date: string, assume: Assumptions = {}): CaseFacts {
  const t = templateById(template)
  const base = templateFacts(t.id, date)
  const detainer: Record<string, unknown> = { ...base.detainer }
  const person: Record<string, unknown> = { ...base.person }
  for (const a of templateAssumptions(t.id, assume)) {
    const [head, key] = a.fact.split('.') as ['detainer' | 'person', string]
    const target = head === 'detainer' ? detainer : person
    if (a.value === 'unknown') delete target[key]
    else target[key] = a.value === 'yes'
  }
  return { ...base, detainer: detainer as CaseFacts['detainer'], person: person as CaseFacts['person'] }
}

/**
 * The case a template means for a jurisdiction on a date: the one function the map, the
 * jurisdiction page, compare and the link into the evaluator call, so that all four answer the
 * same case. A city is held in a city jail; every other division in a county jail.
 *
 * @example
 * ```ts
 * templateCase({ template: 'no-record', jurisdiction: 'ocd-division/country:us/state:il/county:cook', date: '2016-06-01' }).detainer?.reimbursementAgreement // false
 * ```
 */
export function templateCase(request: { readonly template: string; readonly jurisdiction: string; readonly date: string; readonly assume?: Assumptions }): Case {
  const facts = assumedFacts(request.template, request.date, request.assume)
  const custody = parseOcdId(request.jurisdiction)?.level === 'place' ? 'city-jail' : 'county-jail'
  return { jurisdiction: request.jurisdiction, date: request.date, ...facts, custody }
}
