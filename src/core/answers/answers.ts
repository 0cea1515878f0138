/**
 * The map's data: the engine's answer to one question, for one case template, as of one date, for
 * every state and county of the gazetteer. Counties without a file of their own share their state's
 * chain of law, so the engine runs once per distinct chain of registry files and the result is
 * reused (about 75 evaluations for the ~3,200 counties).
 */
import { parseDay, type Day } from '../dates/index.ts'
import { QUESTION_NAMES, resolveLayers, type Engine, type Evaluation, type Question } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'
import { provisionInForce, type Registry } from '../registry/index.ts'
import type { Gazetteer } from './gazetteer.ts'
import type { Answers, CountyAnswer, DecidingLayer, StateAnswer } from './schemas.ts'
import { assumedFacts, templateAssumptions, templateCase, type Assumptions } from './assumptions.ts'
import { templateById, type TemplateId } from './templates.ts'

const LAYER_RANK: Readonly<Record<string, number>> = { federal: 0, state: 1, county: 2, place: 3 }

/** The decided part of a row: value, deciding layer and its jurisdiction, and the hold's hours. */
export interface Decision {
  readonly value: Answers['counties'][number]['value']
  readonly layer: DecidingLayer
  readonly decidedBy: string | null
  readonly maxHours: number | null
  readonly conditional: string | null
}

/**
 * The value of one question in an evaluation, with the most local layer whose provision decided
 * it: for a determined answer the provisions that set the value (trace roles `decided` and
 * `overrode`, not those that only set the hours); for an undetermined one the provisions it
 * cites (the two sides of a conflict, or those whose unknown facts matter). `default` when none.
 *
 * @example
 * ```ts
 * decisionOf(engine.evaluate(c), 'hold') // { value: 'prohibited', layer: 'state', decidedBy: 'ocd-division/country:us/state:ca', maxHours: null }
 * ```
 */
export function decisionOf(ev: Evaluation, q: Question): Decision {
  const answer = ev.answers[q]
  const deciders: { layer: string; jurisdiction: string }[] =
    answer.value === 'undetermined' ? [...answer.citations] : ev.trace.filter((t) => t.question === q && (t.role === 'decided' || t.role === 'overrode'))
  let best: { layer: string; jurisdiction: string } | undefined
  for (const d of deciders) if (LAYER_RANK[d.layer] !== undefined && (!best || LAYER_RANK[d.layer]! > LAYER_RANK[best.layer]!)) best = d
  return {
    value: answer.value,
    layer: best ? (best.layer as DecidingLayer) : 'default',
    decidedBy: best ? best.jurisdiction : null,
    maxHours: answer.maxHours ?? null,
    conditional: answer.conditional?.text ?? null,
  }
}

/**
 * The registry files that form a jurisdiction's chain, as a key: two jurisdictions with the same
 * key get the same answer to the same case.
 *
 * @example
 * ```ts
 * chainKey(registry, 'ocd-division/country:us/state:ca/county:fresno') // 'ocd-division/country:us|ocd-division/country:us/state:ca'
 * ```
 */
export function chainKey(registry: Registry, jurisdiction: string): string {
  return resolveLayers(registry, jurisdiction)
    .filter((l) => l.jurisdiction)
    .map((l) => l.id)
    .join('|')
}

// Chain keys depend only on the registry and the ID, not the date: computed once per gazetteer.
const chainKeyMemo = new WeakMap<Registry, WeakMap<Gazetteer, Map<string, string>>>()

function memoChainKey(registry: Registry, gazetteer: Gazetteer, jurisdiction: string): string {
  let byGazetteer = chainKeyMemo.get(registry)
  if (!byGazetteer) chainKeyMemo.set(registry, (byGazetteer = new WeakMap()))
  let keys = byGazetteer.get(gazetteer)
  if (!keys) byGazetteer.set(gazetteer, (keys = new Map()))
  let key = keys.get(jurisdiction)
  if (key === undefined) keys.set(jurisdiction, (key = chainKey(registry, jurisdiction)))
  return key
}

/** What {@link answersFor} needs. `action` and `template` are checked here, so raw input is fine. */
export interface AnswersRequest {
  readonly engine: Engine
  readonly gazetteer: Gazetteer
  /** YYYY-MM-DD */
  readonly date: string
  readonly action: string
  readonly template: string
  /** Values instead of the template's assumed facts (see assumptions.ts). */
  readonly assume?: Assumptions
}

/**
 * Answers one question for one template on one date, for every state and county. Throws
 * `invalid-input` naming `date`, `action` or `template`.
 *
 * @example
 * ```ts
 * const a = answersFor({ engine, gazetteer, date: '2019-01-01', action: 'hold', template: 'no-record' })
 * a.counties.find((c) => c.geoid === '06019') // Fresno: { value: 'prohibited', layer: 'state', ... }
 * ```
 */
export function answersFor(request: AnswersRequest): Answers {
  const { engine, gazetteer, date } = request
  const { day, action } = requireAnswersQuery(date, request.action)
  const template = templateById(request.template)
  const assume = request.assume ?? {}
  const registry = engine.registry

  const byChain = new Map<string, Decision>()
  const decide = (jurisdiction: string): Decision => {
    const key = memoChainKey(registry, gazetteer, jurisdiction)
    let d = byChain.get(key)
    if (!d) {
      d = decisionOf(engine.evaluate(templateCase({ template: template.id, jurisdiction, date, assume })), action)
      byChain.set(key, d)
    }
    return d
  }

  return assembleAnswers({
    engine,
    gazetteer,
    date,
    action,
    template: template.id,
    assume,
    stateDecision: (i) => decide(gazetteer.states[i]!.jurisdiction),
    countyDecision: (i) => decide(gazetteer.counties[i]!.jurisdiction),
    agreements: agreementCounts(registry, gazetteer, day),
  })
}

/**
 * The day and question of an answers query, or `invalid-input` naming `date` or `action`.
 *
 * @example
 * ```ts
 * requireAnswersQuery('2019-06-01', 'hold').action // 'hold'
 * ```
 */
export function requireAnswersQuery(date: string, action: string): { readonly day: Day; readonly action: Question } {
  const day = parseDay(date)
  if (day === undefined) throw new AppError('invalid-input', `"${date}" is not a real calendar date (YYYY-MM-DD)`, { field: 'date' })
  if (!(QUESTION_NAMES as readonly string[]).includes(action)) throw new AppError('invalid-input', `"${action}" is not an action (one of: ${QUESTION_NAMES.join(', ')})`, { field: 'action' })
  return { day, action: action as Question }
}

/** What {@link assembleAnswers} puts together: the query, and the decision of each gazetteer state and county by index. */
export interface AnswersParts {
  readonly engine: Engine
  readonly gazetteer: Gazetteer
  readonly date: string
  readonly action: Question
  readonly template: TemplateId
  readonly assume: Assumptions
  readonly stateDecision: (index: number) => Decision
  readonly countyDecision: (index: number) => Decision
  readonly agreements: AgreementCounts
}

/**
 * The answers object from its parts — one shape for the uncached computation and the interval cache.
 *
 * @example
 * ```ts
 * assembleAnswers({ engine, gazetteer, date, action: 'hold', template: 'no-record', assume: {}, stateDecision, countyDecision, agreements }).counts
 * ```
 */
export function assembleAnswers(parts: AnswersParts): Answers {
  const { engine, gazetteer, date, action, assume, agreements } = parts
  const template = templateById(parts.template)
  const states: StateAnswer[] = gazetteer.states.map((s, i) => ({ fips: s.fips, code: s.code, name: s.name, jurisdiction: s.jurisdiction, inRegistry: s.inRegistry, ...parts.stateDecision(i) }))
  const counts = { permitted: 0, required: 0, prohibited: 0, undetermined: 0 }
  const counties: CountyAnswer[] = gazetteer.counties.map((c, i) => {
    const d = parts.countyDecision(i)
    counts[d.value]++
    return {
      geoid: c.geoid,
      name: c.name,
      state: c.state,
      jurisdiction: c.jurisdiction,
      inRegistry: c.inRegistry,
      ...d,
      places: c.places.map((p) => ({ ...p })),
      agreements287g: agreements.own.get(c.geoid) ?? 0,
      cityAgreements287g: agreements.city.get(c.geoid) ?? 0,
    }
  })
  return {
    kind: 'answers',
    date,
    action,
    template: { id: template.id, label: template.label },
    assumptions: templateAssumptions(template.id, assume),
    facts: assumedFacts(template.id, date, assume),
    registryVersion: engine.registry.version,
    engineVersion: engine.version,
    counts,
    states,
    counties,
    placesWithoutCounty: gazetteer.placesWithoutCounty.map((p) => ({ ...p })),
  }
}

/** 287(g) agreements in force on a day, by county GEOID: the county's own, and its cities' (summed). */
export interface AgreementCounts {
  readonly own: ReadonlyMap<string, number>
  readonly city: ReadonlyMap<string, number>
}

/**
 * The 287(g) agreements in force on a day for every county of the gazetteer with a file, and
 * for the cities with a file, summed by their county.
 *
 * @example
 * ```ts
 * agreementCounts(registry, gazetteer, parseDay('2025-08-01')!).own.get('24021') // 1 (Frederick County, MD)
 * ```
 */
export function agreementCounts(registry: Registry, gazetteer: Gazetteer, day: Day): AgreementCounts {
  const own = new Map<string, number>()
  const city = new Map<string, number>()
  for (const c of gazetteer.counties) {
    const n = c.inRegistry ? agreementsInForce(registry, c.jurisdiction, day) : 0
    if (n) own.set(c.geoid, n)
  }
  for (const p of gazetteer.places) {
    if (!p.inRegistry || !p.countyGeoid) continue
    const n = agreementsInForce(registry, p.jurisdiction, day)
    if (n) city.set(p.countyGeoid, (city.get(p.countyGeoid) ?? 0) + n)
  }
  return { own, city }
}

/**
 * How many 287(g) agreements a jurisdiction's own agencies have in force on a day: enactments of
 * kind `agreement` with an `agreement-287g` provision that is in force (unknown counts as not).
 *
 * @example
 * ```ts
 * agreementsInForce(registry, 'ocd-division/country:us/state:md/county:frederick', parseDay('2025-08-01')!) // 1
 * ```
 */
export function agreementsInForce(registry: Registry, jurisdiction: string, day: Day): number {
  const j = registry.jurisdictions.get(jurisdiction)
  if (!j) return 0
  let n = 0
  for (const e of j.enactments) {
    if (e.enactmentKind !== 'agreement') continue
    if (e.provisions.some((p) => p.action === 'agreement-287g' && p.effect !== 'prohibit' && provisionInForce(p, e, day).kind === 'yes')) n++
  }
  return n
}
