/**
 * The rules engine: a pure function of the registry and a case. See docs/engine.md.
 *
 * @example
 * ```ts
 * import { createEngine } from './core/engine/index.ts'
 * const engine = createEngine(registry, { version: '0.1.0' })
 * const answer = engine.evaluate({ jurisdiction: 'ocd-division/country:us/state:tx/county:travis', date: '2018-01-01', custody: 'county-jail' })
 * console.log(answer.explanation)
 * ```
 */
export { CaseSchema, CaseFactsSchema, OffenseSchema, parseCase, type Case, type CaseFacts, type Offense, type ParsedCase } from './case.ts'
export { createEngine, hashInput, unpackCodes, VALUE_BY_CODE, VALUE_CODES, type Answer, type Citation, type Engine, type Evaluation, type QuestionEvaluation, type Receipt, type TraceEntry } from './evaluate.ts'
export { explainEvaluation } from './explain.ts'
export { conditionalAnswer, conditionalText, factClause, factQuestion, factValues, MAX_BRANCH_FACTS, withFact, type Branch, type Conditional, type FactEffect, type FactValue } from './branches.ts'
export { QUESTIONS, QUESTION_NAMES, questionKey, resolveLayers, type Question } from './plan.ts'
export type { Value, Verdict } from './combine.ts'
export { runCases, parseCaseFile, type CaseResult, type RuleCase } from './rule-cases.ts'
