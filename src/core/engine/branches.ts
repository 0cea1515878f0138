/**
 * Conditional answers. Where an answer is undetermined because the case leaves facts out, the
 * engine answers again under each combination of values of those facts — by re-evaluating the same
 * plan with each value set, never by rules of thumb — and states the result in words: "Prohibited,
 * unless a judge found probable cause (then permitted, at most 48 hours)". Bounded: at most
 * {@link MAX_BRANCH_FACTS} facts are combined; beyond that, those whose value alone changes the
 * answer most. Only the explained path computes this; the batch path is untouched.
 */
import type { ParsedCase } from './case.ts'
import type { Value } from './combine.ts'

/** The most facts combined into branches (2^4 = 16 branches for yes/no facts). */
export const MAX_BRANCH_FACTS = 4

/** A value a missing fact can take in a branch. */
export type FactValue = boolean | string

/** The answer under one combination of the missing facts. */
export interface Branch {
  /** Fact path → the value assumed in this branch, in the order of `Conditional.facts`. */
  readonly facts: Readonly<Record<string, FactValue>>
  readonly value: Value
  /** For hold: the longest hold in hours when held; null otherwise. Absent for other questions. */
  readonly maxHours?: number | null
  /** Facts or dates still missing under this branch (those not branched on). */
  readonly missing: readonly string[]
}

/** What one missing fact would change on its own (the other missing facts left unknown). */
export interface FactEffect {
  readonly fact: string
  /** The fact as a plain question, e.g. "Did a judge find probable cause?" */
  readonly question: string
  readonly outcomes: readonly { readonly value: FactValue; readonly label: string; readonly answer: Value; readonly maxHours?: number | null }[]
}

/** The conditional part of an undetermined answer. */
export interface Conditional {
  /** The facts branched on, the one that matters most first. */
  readonly facts: readonly string[]
  /** Missing facts or dates not branched on: not enumerable (a date, an age) or beyond the bound. */
  readonly unbranched: readonly string[]
  /** Each branched fact on its own. */
  readonly effects: readonly FactEffect[]
  /** The branches in words, e.g. "Prohibited, unless a judge found probable cause (then permitted, at most 48 hours)". */
  readonly text: string
}

/** What re-evaluating one question under a modified case returns. */
export interface Reanswer {
  readonly value: Value
  readonly maxHours?: number | null
  readonly missing: readonly string[]
}

const BOOLEAN_FACTS: Readonly<Record<string, { readonly yes: string; readonly no: string; readonly question: string }>> = {
  'detainer.judicialWarrant': { yes: 'a judicial warrant accompanies the detainer', no: 'no judicial warrant accompanies the detainer', question: 'Does a judicial warrant accompany the detainer?' },
  'detainer.judicialProbableCause': { yes: 'a judge found probable cause', no: 'no judge found probable cause', question: 'Did a judge find probable cause for the detainer?' },
  'detainer.reimbursementAgreement': { yes: 'the federal government has agreed in writing to reimburse the costs', no: 'no written agreement to reimburse the costs exists', question: 'Has the federal government agreed in writing to reimburse the costs of the hold?' },
  'detainer.writtenConsent': { yes: 'the person gave written consent', no: 'the person did not give written consent', question: 'Did the person give written consent?' },
  'person.lawfulStatusProof': { yes: 'the person showed proof of lawful status', no: 'the person did not show proof of lawful status', question: 'Did the person show proof of lawful immigration status?' },
  'person.gangDatabase': { yes: 'the person is listed in a gang database', no: 'the person is not listed in a gang database', question: 'Is the person listed in a gang database?' },
}

const CUSTODY_VALUES = ['county-jail', 'city-jail', 'state-prison'] as const
const LEVELS = ['felony', 'misdemeanor', 'infraction'] as const
const OFFENSE_LEVEL = /^person\.(convictions|pendingCharges)\[(\d+)\]\.level$/

/**
 * The values a missing fact can take, or undefined when it cannot be enumerated (a date, an age,
 * a whole list of offenses).
 *
 * @example
 * ```ts
 * factValues('detainer.judicialProbableCause') // [false, true]
 * factValues('person.age') // undefined
 * ```
 */
export function factValues(path: string): readonly FactValue[] | undefined {
  if (BOOLEAN_FACTS[path]) return [false, true]
  if (path === 'custody') return CUSTODY_VALUES
  if (OFFENSE_LEVEL.test(path)) return LEVELS
  return undefined
}

function offenseName(list: string, index: string): string {
  return `${list === 'convictions' ? 'conviction' : 'pending charge'} ${Number(index) + 1}`
}

/**
 * A fact with a value, as a clause: "a judge found probable cause".
 *
 * @example
 * ```ts
 * factClause('detainer.judicialProbableCause', true) // 'a judge found probable cause'
 * factClause('custody', 'city-jail') // 'the person is held in a city jail'
 * ```
 */
export function factClause(path: string, value: FactValue): string {
  const b = BOOLEAN_FACTS[path]
  if (b) return value ? b.yes : b.no
  if (path === 'custody') return `the person is held in a ${String(value).replace('-', ' ')}`
  const m = OFFENSE_LEVEL.exec(path)
  if (m) return `${offenseName(m[1]!, m[2]!)} is ${value === 'infraction' ? 'an' : 'a'} ${String(value)}`
  return `${path} is ${String(value)}`
}

/**
 * A missing fact as a plain question, for forms.
 *
 * @example
 * ```ts
 * factQuestion('person.lawfulStatusProof') // 'Did the person show proof of lawful immigration status?'
 * ```
 */
export function factQuestion(path: string): string {
  const b = BOOLEAN_FACTS[path]
  if (b) return b.question
  if (path === 'custody') return 'Where is the person held?'
  const m = OFFENSE_LEVEL.exec(path)
  if (m) return `Is ${offenseName(m[1]!, m[2]!)} a felony, a misdemeanor or an infraction?`
  return `What is ${path}?`
}

function valueLabel(path: string, value: FactValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return path === 'custody' ? String(value).replace('-', ' ') : String(value)
}

/**
 * The case with one fact set (the value of a missing fact in a branch).
 *
 * @example
 * ```ts
 * withFact(c, 'detainer.judicialProbableCause', true).detainer?.judicialProbableCause // true
 * ```
 */
export function withFact(c: ParsedCase, path: string, value: FactValue): ParsedCase {
  if (path === 'custody') return { ...c, custody: value as ParsedCase['custody'] }
  const m = OFFENSE_LEVEL.exec(path)
  if (m) {
    const list = m[1] as 'convictions' | 'pendingCharges'
    const offenses = [...(c.person?.[list] ?? [])]
    const i = Number(m[2])
    if (offenses[i]) offenses[i] = { ...offenses[i]!, level: value as (typeof LEVELS)[number] }
    return { ...c, person: { ...c.person, [list]: offenses } }
  }
  const [head, key] = path.split('.') as [string, string]
  if (head === 'detainer') return { ...c, detainer: { ...c.detainer, [key]: value } }
  return { ...c, person: { ...c.person, [key]: value } }
}

function outcomeWords(a: Reanswer, withHours: boolean, capital: boolean): string {
  const word = capital ? a.value[0]!.toUpperCase() + a.value.slice(1) : a.value
  return withHours && a.maxHours != null && (a.value === 'permitted' || a.value === 'required') ? `${word}, at most ${a.maxHours} hours` : word
}

function sameOutcome(a: Reanswer, b: Reanswer): boolean {
  return a.value === b.value && (a.maxHours ?? null) === (b.maxHours ?? null)
}

/**
 * The conditional answer and its branches for one undetermined question, or null when none of its
 * missing facts can be enumerated. `reanswer` re-evaluates the question under a modified case.
 *
 * @example
 * ```ts
 * const r = conditionalAnswer(c, ['detainer.judicialProbableCause'], true, (x) => answer(x))
 * r?.conditional.text // 'Prohibited, unless a judge found probable cause (then permitted, at most 48 hours)'
 * ```
 */
export function conditionalAnswer(
  c: ParsedCase,
  missing: readonly string[],
  withHours: boolean,
  reanswer: (c: ParsedCase) => Reanswer,
): { branches: Branch[]; conditional: Conditional } | null {
  const enumerable = missing.filter((m) => factValues(m) !== undefined)
  if (enumerable.length === 0) return null
  // Each fact on its own: what it decides, and how much it moves the answer.
  const effects = enumerable.map((fact) => {
    const outcomes = factValues(fact)!.map((value) => ({ value, answer: reanswer(withFact(c, fact, value)) }))
    const decided = outcomes.filter((o) => o.answer.value !== 'undetermined').length
    const distinct = new Set(outcomes.map((o) => `${o.answer.value}|${o.answer.maxHours ?? ''}`)).size
    return { fact, outcomes, score: decided * 10 + distinct }
  })
  const ranked = [...effects].sort((a, b) => b.score - a.score || enumerable.indexOf(a.fact) - enumerable.indexOf(b.fact)).slice(0, MAX_BRANCH_FACTS)
  const facts = ranked.map((e) => e.fact)
  const branches: Branch[] = []
  const combine = (i: number, assigned: Record<string, FactValue>, current: ParsedCase) => {
    if (i === facts.length) {
      const a = reanswer(current)
      branches.push({ facts: { ...assigned }, value: a.value, ...(withHours ? { maxHours: a.maxHours ?? null } : {}), missing: [...a.missing] })
      return
    }
    for (const v of factValues(facts[i]!)!) combine(i + 1, { ...assigned, [facts[i]!]: v }, withFact(current, facts[i]!, v))
  }
  combine(0, {}, c)
  return {
    branches,
    conditional: {
      facts,
      unbranched: missing.filter((m) => !facts.includes(m)),
      effects: ranked.map((e) => ({
        fact: e.fact,
        question: factQuestion(e.fact),
        outcomes: e.outcomes.map((o) => ({ value: o.value, label: valueLabel(e.fact, o.value), answer: o.answer.value, ...(withHours ? { maxHours: o.answer.maxHours ?? null } : {}) })),
      })),
      text: conditionalText(facts, branches, withHours),
    },
  }
}

/**
 * The branches in words. The first branch (every fact at its first value: "no" for yes/no facts)
 * is the base; each other branch is named when its outcome differs from what the base and the
 * exceptions already named imply for it, fewest differing facts first.
 *
 * @example
 * ```ts
 * conditionalText(['detainer.judicialProbableCause'], [{ facts: { 'detainer.judicialProbableCause': false }, value: 'prohibited', maxHours: null, missing: [] }, { facts: { 'detainer.judicialProbableCause': true }, value: 'permitted', maxHours: 48, missing: [] }], true)
 * // 'Prohibited, unless a judge found probable cause (then permitted, at most 48 hours)'
 * ```
 */
export function conditionalText(facts: readonly string[], branches: readonly Branch[], withHours: boolean): string {
  const base = branches[0]
  if (!base) return ''
  const deviations = (b: Branch) => facts.filter((f) => b.facts[f] !== base.facts[f])
  const ordered = branches.slice(1).map((b) => ({ b, dev: deviations(b) })).sort((x, y) => x.dev.length - y.dev.length)
  const named: { b: Branch; dev: string[] }[] = []
  for (const x of ordered) {
    const within = named.filter((n) => n.dev.every((f) => x.b.facts[f] === n.b.facts[f]))
    const most = Math.max(0, ...within.map((n) => n.dev.length))
    const specific = within.filter((n) => n.dev.length === most)
    const implied = specific.length === 0 ? [base] : specific.map((n) => n.b)
    if (!implied.every((i) => sameOutcome(i, x.b))) named.push(x)
  }
  const head = outcomeWords(base, withHours, true)
  if (named.length === 0) return `${head}, whether or not ${facts.map((f) => factClause(f, factValues(f)![1]!)).join(' or ')}`
  // Adjacent exceptions with the same outcome read as one: "unless A or B (then permitted)".
  const groups: { clauses: string[]; b: Branch }[] = []
  for (const n of named) {
    const clause = n.dev.map((f) => factClause(f, n.b.facts[f]!)).join(' and ')
    const last = groups[groups.length - 1]
    if (last && sameOutcome(last.b, n.b)) last.clauses.push(clause)
    else groups.push({ clauses: [clause], b: n.b })
  }
  return `${head}${groups.map((g, i) => `${i === 0 ? ', unless ' : '; unless '}${g.clauses.join(' or ')} (then ${outcomeWords(g.b, withHours, false)})`).join('')}`
}
