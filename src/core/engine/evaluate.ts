/**
 * The engine: answers hold / notify / interview for a case, on two paths that share one plan and
 * one combination rule. `evaluate` explains (trace, citations, missing facts, receipt);
 * `decide` / `decideQuestion` / `decideAll` are the batch path for the simulator: value codes only,
 * from tables per jurisdiction and interval (batch.ts) over generated functions (compile.ts).
 */
import { createHash } from 'node:crypto'
import { labelFromOcdId, nameWithState } from '../ocd/index.ts'
import { boundedByEnactment, type Registry } from '../registry/index.ts'
import { parseCase, type ParsedCase } from './case.ts'
import { NO, UNKNOWN, YES, type TriCode } from './conditions.ts'
import { resolve, type Outcome, type StateMask, type Value } from './combine.ts'
import { buildPlan, CUSTODY_BITS, QUESTION_NAMES, segmentFor, type Candidate, type Layer, type Plan, type Question, type Segment, type SegmentItem } from './plan.ts'
import { compileRouter, constantCode, prepareBatch, type BatchFunction, type PreparedItems } from './compile.ts'
import { BatchDispatch, factMask, factTable, type Routed } from './batch.ts'
import { explainEvaluation } from './explain.ts'
import { conditionalAnswer, type Branch, type Conditional } from './branches.ts'

/** A citation: the enactment and provision that decided, with where to read it. */
export interface Citation {
  readonly provision: string
  readonly enactment: string
  readonly title: string
  readonly citation: string | null
  readonly jurisdiction: string
  readonly layer: string
  readonly url: string
  readonly quote: string
}

/** The answer to one question. */
export interface Answer {
  readonly value: Value
  /** For hold: the longest hold allowed, in hours; null when not held or not stated. */
  readonly maxHours?: number | null
  readonly basis: 'registry' | 'default'
  readonly missing: readonly string[]
  readonly citations: readonly Citation[]
  readonly conflict: { readonly between: readonly string[] } | null
  /**
   * Only when undetermined for want of facts that can be enumerated: the answer under each
   * combination of them (at most four facts), computed by re-evaluating the case.
   */
  readonly branches?: readonly Branch[]
  /** With `branches`: the facts branched on, what each changes alone, and the branches in words. */
  readonly conditional?: Conditional
}

/** One provision considered for one question, and what became of it. */
export interface TraceEntry {
  readonly question: Question
  readonly provision: string
  readonly enactment: string
  readonly jurisdiction: string
  readonly layer: string
  readonly effect: string
  readonly inForce: 'yes' | 'no' | 'unknown'
  readonly notInForceReason?: string
  readonly applies: 'yes' | 'no' | 'unknown'
  readonly role: 'decided' | 'overrode' | 'overridden' | 'narrowed' | 'limited-hours' | 'conflict' | 'concurred' | 'not-applicable' | 'undecided'
  readonly missing: readonly string[]
  readonly summary: string
}

export interface Receipt {
  readonly engineVersion: string
  readonly registryVersion: string
  readonly asOf: string
  readonly inputHash: string
}

export interface Evaluation {
  readonly kind: 'evaluation'
  readonly jurisdiction: string
  readonly jurisdictionName: string
  readonly date: string
  readonly custody: string | null
  readonly answers: Readonly<Record<Question, Answer>>
  readonly layers: readonly { readonly layer: string; readonly id: string; readonly name: string | null; readonly inRegistry: boolean; readonly note: string | null }[]
  readonly trace: readonly TraceEntry[]
  readonly explanation: string
  readonly receipt: Receipt
}

/** The explained answer to one question (see {@link Engine.explainQuestion}). */
export interface QuestionEvaluation extends Omit<Evaluation, 'kind' | 'answers'> {
  readonly kind: 'question-evaluation'
  readonly question: Question
  readonly answers: Readonly<Partial<Record<Question, Answer>>>
}

/**
 * Splits a packed code from `decideAll` into the three value codes.
 *
 * @example
 * ```ts
 * unpackCodes(engine.decideAll(c)) // { hold: 2, notify: 0, interview: 0 }
 * ```
 */
export function unpackCodes(packed: number): Record<Question, number> {
  return { hold: packed & 3, notify: (packed >> 2) & 3, interview: (packed >> 4) & 3 }
}

/** Value codes of the batch path. */
export const VALUE_CODES = { permitted: 0, required: 1, prohibited: 2, undetermined: 3 } as const
export const VALUE_BY_CODE: readonly Value[] = ['permitted', 'required', 'prohibited', 'undetermined']

/**
 * Per-case state mask of one item, with the facts it lacked. The batch path's generated code
 * (compile.ts) computes the same masks; the property tests hold the two to agreement.
 *
 * `unless` is an exception to the provision as a whole, for every effect: when it holds the
 * provision does not take effect (state 0). For a `limit` that means neither its permission nor its
 * prohibition applies; when it does not hold, the limit permits if `when` holds, else prohibits.
 */
function itemMask(item: SegmentItem, c: ParsedCase, missing?: Set<string>): StateMask {
  const cand = item.candidate
  let applies: TriCode = item.inForceUnknown ? UNKNOWN : YES
  if (item.inForceUnknown && missing) for (const d of item.missingDates) missing.add(d)
  if (cand.custodyMask !== 7) {
    if (c.custody === undefined) {
      missing?.add('custody')
      applies = UNKNOWN
    } else if (!(cand.custodyMask & CUSTODY_BITS[c.custody])) return 1
  }
  if (cand.unknownLayer) {
    missing?.add(cand.unknownLayer)
    return 15
  }
  if (cand.provision.effect === 'limit') {
    let u: TriCode = NO
    if (cand.unless) {
      u = cand.unless(c, missing)
      if (u === YES) return 1
    }
    const w = cand.when ? cand.when(c, missing) : YES
    const verdicts = w === YES ? 2 : w === NO ? 4 : 6
    return applies === YES && u === NO ? verdicts : verdicts | 1
  }
  let cond: TriCode = YES
  if (cand.when) cond = cand.when(c, missing)
  if (cond !== NO && cand.unless) {
    const u = cand.unless(c, missing)
    cond = u === YES ? NO : u === UNKNOWN ? UNKNOWN : cond
  }
  if (cond === NO) return 1
  if (applies === YES && cond === YES) return 2
  return 3
}

/** The engine over one registry. Plans are cached per jurisdiction. */
export interface Engine {
  readonly registry: Registry
  readonly version: string
  /** Validates and answers a case with trace, citations and receipt. Throws invalid-input on bad input. */
  evaluate(input: unknown): Evaluation
  /**
   * Validates and answers one question with its trace, citations, explanation and receipt: the
   * explained path for a caller that asks one question (as `evaluate` does for all three).
   */
  explainQuestion(input: unknown, q: Question): QuestionEvaluation
  /** Answers a validated case on the batch path: one value code per question. */
  decide(c: ParsedCase): Readonly<Record<Question, number>>
  /** One question on the batch path: a value code (see {@link VALUE_CODES}). */
  decideQuestion(c: ParsedCase, q: Question): number
  /**
   * All three questions on the batch path without allocating: `hold | notify << 2 | interview << 4`
   * (decode with {@link unpackCodes}).
   */
  decideAll(c: ParsedCase): number
  /**
   * One question without generating the jurisdiction's batch function: the same value code as
   * {@link Engine.decideQuestion}, from the plan's provisions and a memo of the combinations
   * met so far. Cheaper for a caller that asks each jurisdiction few questions (the simulator
   * asks once per distinct case), as it resolves only the combinations its cases reach.
   */
  decideInterpreted(c: ParsedCase, q: Question): number
  /** The cached plan for a jurisdiction. */
  planFor(jurisdictionId: string): Plan
}

/**
 * Creates an engine over a registry.
 *
 * @example
 * ```ts
 * const engine = createEngine(registry, { version: '0.1.0' })
 * engine.evaluate({ jurisdiction: 'ocd-division/country:us/state:ca/county:fresno', date: '2018-06-01', custody: 'county-jail' }).answers.hold.value
 * ```
 */
export function createEngine(registry: Registry, options: { version: string }): Engine {
  const plans = new Map<string, Plan>()
  const planFor = (id: string): Plan => {
    let plan = plans.get(id)
    if (!plan) {
      plan = buildPlan(registry, id)
      plans.set(id, plan)
    }
    return plan
  }

  // The batch path: per jurisdiction, one generated function per question (and one for all three)
  // over the plan's intervals, adjacent intervals with the same provisions merged. Each interval's
  // combinations are resolved once and shared by every jurisdiction and interval with the same items.
  const prepared = new Map<string, PreparedItems>()
  const signature = (items: readonly SegmentItem[]) => items.map((it) => `${it.candidate.provision.id}@${it.candidate.layerIndex}${it.inForceUnknown ? '?' : ''}`).join('|')
  const preparedFor = (items: readonly SegmentItem[]): PreparedItems => {
    const key = signature(items)
    let p = prepared.get(key)
    if (!p) {
      const candidates = items.map((it) => it.candidate)
      p = prepareBatch(registry, items, (masks) => VALUE_CODES[resolve(candidates, masks).value])
      prepared.set(key, p)
    }
    return p
  }
  // Per question (and for all three packed), one dispatcher: the merged intervals' start days and,
  // per interval, the constant answer when the interval's decision tree does not read the case,
  // else a generated function (the same source shared by every jurisdiction and interval).
  const sources = new Map<string, BatchFunction>()
  const routed = (id: string, questions: readonly Question[]): Routed => {
    const plan = planFor(id)
    const starts: number[] = []
    const leaves: Routed['leaves'][number][] = []
    let previous: string | undefined
    for (const segment of plan.segments) {
      const key = questions.map((q) => signature(segment.items[q])).join('#')
      if (key === previous) continue
      previous = key
      const parts = questions.map((q) => preparedFor(segment.items[q]))
      const constants = parts.map(constantCode)
      starts.push(segment.from)
      if (constants.every((v) => v !== undefined)) {
        leaves.push(constants.reduce<number>((acc, v, i) => acc | (v! << (2 * i)), 0))
        continue
      }
      const fn = compileRouter(registry, [segment.from], [parts], sources)
      const mask = factMask(questions.flatMap((q) => segment.items[q]))
      leaves.push((mask !== undefined ? factTable(mask, fn, segment.from) : undefined) ?? fn)
    }
    return { starts, leaves }
  }
  const dispatch: Record<Question | 'all', BatchDispatch> = {
    hold: new BatchDispatch((id) => routed(id, ['hold'])),
    notify: new BatchDispatch((id) => routed(id, ['notify'])),
    interview: new BatchDispatch((id) => routed(id, ['interview'])),
    all: new BatchDispatch((id) => routed(id, QUESTION_NAMES)),
  }
  const holdDispatch = dispatch.hold
  const allDispatch = dispatch.all

  const decideQuestion = (c: ParsedCase, q: Question): number => (q === 'hold' ? holdDispatch : dispatch[q]).decide(c)

  const decideAll = (c: ParsedCase): number => allDispatch.decide(c)

  const decide = (c: ParsedCase): Record<Question, number> => unpackCodes(decideAll(c))

  // The interpreted path: per segment's items (shared by signature), value codes by mask vector.
  const memoBySignature = new Map<string, Map<number | string, number>>()
  const memoOfItems = new WeakMap<readonly SegmentItem[], Map<number | string, number>>()
  const decideInterpreted = (c: ParsedCase, q: Question): number => {
    const items = segmentFor(planFor(c.jurisdiction), c.day).items[q]
    let memo = memoOfItems.get(items)
    if (!memo) {
      const key = signature(items)
      memo = memoBySignature.get(key)
      if (!memo) memoBySignature.set(key, (memo = new Map()))
      memoOfItems.set(items, memo)
    }
    const masks: StateMask[] = new Array(items.length)
    let key: number | string = 0
    for (let i = 0; i < items.length; i++) {
      const m = itemMask(items[i]!, c)
      masks[i] = m
      if (items.length <= 13) key = (key as number) * 16 + m
    }
    if (items.length > 13) key = masks.join(',')
    let v = memo.get(key)
    if (v === undefined) {
      v = VALUE_CODES[resolve(items.map((it) => it.candidate), masks).value]
      memo.set(key, v)
    }
    return v
  }

  // What the explained path needs per jurisdiction and does not depend on the case: the layers as
  // shown, the name, and per interval and question the provisions not in force there (traced for
  // completeness). Built once per jurisdiction, shared (frozen) by every evaluation.
  interface Shown {
    readonly name: string
    readonly layers: Evaluation['layers']
    readonly notInForce: Map<Segment, Record<Question, readonly TraceEntry[]>>
  }
  const shown = new Map<string, Shown>()
  const shownFor = (id: string, plan: Plan): Shown => {
    let s = shown.get(id)
    if (!s) {
      s = { name: nameOf(registry, id), layers: Object.freeze(plan.layers.map(layerView)), notInForce: new Map() }
      shown.set(id, s)
    }
    return s
  }
  const notInForceFor = (s: Shown, plan: Plan, segment: Segment, q: Question): readonly TraceEntry[] => {
    let bySegment = s.notInForce.get(segment)
    if (!bySegment) {
      bySegment = {} as Record<Question, readonly TraceEntry[]>
      for (const question of QUESTION_NAMES) bySegment[question] = Object.freeze(notInForceEntries(question, segment, plan))
      s.notInForce.set(segment, bySegment)
    }
    return bySegment[q]
  }

  const explained = (input: unknown, questions: readonly Question[]) => {
    const c = parseCase(input)
    const plan = planFor(c.jurisdiction)
    const segment = segmentFor(plan, c.day)
    const s = shownFor(c.jurisdiction, plan)
    const answers = {} as Record<Question, Answer>
    const trace: TraceEntry[] = []
    for (const q of questions) {
      const { answer, entries } = answerQuestion(q, segment, plan, c)
      answers[q] = answer
      for (const e of entries) trace.push(e)
      for (const e of notInForceFor(s, plan, segment, q)) trace.push(e)
    }
    const evaluation = {
      jurisdiction: c.jurisdiction,
      jurisdictionName: s.name,
      date: c.date,
      custody: c.custody ?? null,
      answers,
      layers: s.layers,
      trace,
      receipt: { engineVersion: options.version, registryVersion: registry.version, asOf: c.date, inputHash: hashInput(input) },
    }
    return { ...evaluation, explanation: explainEvaluation(evaluation) }
  }

  const evaluate = (input: unknown): Evaluation => Object.freeze({ kind: 'evaluation', ...explained(input, QUESTION_NAMES) })

  const explainQuestion = (input: unknown, q: Question): QuestionEvaluation => Object.freeze({ kind: 'question-evaluation', question: q, ...explained(input, [q]) })

  return Object.freeze({ registry, version: options.version, evaluate, explainQuestion, decide, decideQuestion, decideAll, decideInterpreted, planFor })
}

function layerView(l: Layer) {
  return { layer: l.layer, id: l.id, name: l.jurisdiction ? nameWithState(l.jurisdiction.id, l.jurisdiction.name) : l.id ? labelFromOcdId(l.id) : null, inRegistry: Boolean(l.jurisdiction), note: l.note ?? null }
}

/** One question's answer and trace; with `branch`, the conditional answer when facts are missing. */
function answerQuestion(q: Question, segment: Segment, plan: Plan, c: ParsedCase, branch = true): { answer: Answer; entries: TraceEntry[] } {
  const items = segment.items[q]
  const perItemMissing = items.map(() => new Set<string>())
  const masks = items.map((it, i) => itemMask(it, c, perItemMissing[i]))
  const candidates = items.map((it) => it.candidate)
  const resolution = resolve(candidates, masks)
  const outcome = resolution.outcome
  const missing = new Set<string>()
  if (resolution.value === 'undetermined' && !resolution.conflict) for (const i of resolution.decisive) for (const m of perItemMissing[i]!) missing.add(m)
  const determinedOutcome = resolution.value !== 'undetermined' || resolution.conflict
  const cited = (determinedOutcome ? [...outcome.decidedBy, ...outcome.limitedBy.filter((x) => !outcome.decidedBy.includes(x))] : resolution.decisive.map((i) => candidates[i]!)).filter((x) => !x.unknownLayer)
  const answer: Answer = {
    value: resolution.value,
    ...(q === 'hold' ? { maxHours: resolution.value === 'prohibited' || resolution.value === 'undetermined' ? null : (resolution.maxHours ?? null) } : {}),
    basis: determinedOutcome ? outcome.basis : 'registry',
    missing: [...missing].sort(),
    citations: uniqueCandidates(cited).map(citationOf),
    conflict: resolution.conflict && outcome.conflict ? { between: [...outcome.conflict.a, ...outcome.conflict.b].map((x) => x.provision.id) } : null,
  }
  const conditional = branch && answer.value === 'undetermined' && !answer.conflict && answer.missing.length > 0 ? conditionalAnswer(c, answer.missing, q === 'hold', (x) => answerQuestion(q, segment, plan, x, false).answer) : null
  if (conditional) Object.assign(answer, conditional)
  const entries: TraceEntry[] = []
  items.forEach((it, i) => {
    if (!it.candidate.unknownLayer) entries.push(traceEntry(q, it, masks[i]!, perItemMissing[i]!, outcome, resolution.decisive.includes(i), determinedOutcome))
  })
  return { answer, entries }
}

/** Trace entries for the provisions of the chain on a question that are not in force in an interval, for completeness. */
function notInForceEntries(q: Question, segment: Segment, plan: Plan): TraceEntry[] {
  const inSegment = new Set(segment.items[q].map((it) => it.candidate.provision.id))
  const entries: TraceEntry[] = []
  for (const other of allCandidates(plan, q)) {
    if (inSegment.has(other.provision.id)) continue
    entries.push(
      Object.freeze({
        question: q,
        provision: other.provision.id,
        enactment: other.enactment.id,
        jurisdiction: other.provision.jurisdictionId,
        layer: other.layer,
        effect: other.provision.effect,
        inForce: 'no',
        notInForceReason: notInForceReason(other, segment),
        applies: 'no',
        role: 'not-applicable',
        missing: [],
        summary: other.provision.summary,
      }),
    )
  }
  return entries
}

function allCandidates(plan: Plan, q: Question): Candidate[] {
  const seen = new Map<string, Candidate>()
  for (const s of plan.segments) for (const it of s.items[q]) if (!it.candidate.unknownLayer) seen.set(it.candidate.provision.id, it.candidate)
  return [...seen.values()]
}

function notInForceReason(c: Candidate, segment: Segment): string {
  const e = c.enactment
  const effective = boundedByEnactment(e).effective
  const start = effective.kind === 'exact' ? effective.day : effective.kind === 'partial' ? effective.earliest : undefined
  const enactedBound = effective !== e.effective && e.enacted.kind !== 'unknown' ? `, not before its enactment on ${e.enacted.text}` : ''
  if (start !== undefined && segment.to <= start) return `not yet in force (from ${e.effective.kind === 'unknown' ? 'unknown' : e.effective.text}${enactedBound})`
  return `not in force on this date (${e.id}: in force from ${e.effective.kind === 'unknown' ? 'an unknown date' : e.effective.text}${e.ends ? ` until ${e.ends.kind === 'unknown' ? 'an unknown date' : e.ends.text}` : ''}${e.status.length ? `; status: ${e.status.map((s) => s.status).join(', ')}` : ''})`
}

function traceEntry(q: Question, it: SegmentItem, mask: StateMask, missing: Set<string>, outcome: Outcome, decisive: boolean, determined: boolean): TraceEntry {
  const c = it.candidate
  const applies = mask === 1 ? 'no' : mask & 1 ? 'unknown' : 'yes'
  let role: TraceEntry['role'] = applies === 'no' ? 'not-applicable' : 'concurred'
  if (!determined && decisive) role = 'undecided'
  else if (outcome.conflict && (outcome.conflict.a.includes(c) || outcome.conflict.b.includes(c))) role = 'conflict'
  else if (outcome.overridden.some((o) => o.lower.includes(c))) role = 'overridden'
  else if (outcome.overridden.some((o) => o.by.includes(c))) role = 'overrode'
  else if (outcome.decidedBy.includes(c)) role = 'decided'
  else if (outcome.narrowed.includes(c)) role = 'narrowed'
  else if (outcome.limitedBy.includes(c)) role = 'limited-hours'
  else if (applies === 'unknown') role = 'undecided'
  return {
    question: q,
    provision: c.provision.id,
    enactment: c.enactment.id,
    jurisdiction: c.provision.jurisdictionId,
    layer: c.layer,
    effect: c.provision.effect,
    inForce: it.inForceUnknown ? 'unknown' : 'yes',
    applies,
    role,
    missing: [...missing].sort(),
    summary: c.provision.summary,
  }
}

function uniqueCandidates(list: readonly Candidate[]): Candidate[] {
  return [...new Map(list.map((c) => [c.provision.id, c])).values()]
}

function citationOf(c: Candidate): Citation {
  const source = c.provision.sources[0]!
  return {
    provision: c.provision.id,
    enactment: c.enactment.id,
    title: c.enactment.title,
    citation: c.enactment.citation.kind === 'known' ? c.enactment.citation.value : null,
    jurisdiction: c.provision.jurisdictionId,
    layer: c.layer,
    url: source.url,
    quote: source.quote,
  }
}

/** A stable hash of the input: keys sorted, so the same case always hashes the same. */
export function hashInput(input: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v
  return `sha256:${createHash('sha256').update(JSON.stringify(canonical(input))).digest('hex')}`
}

/** The jurisdiction's name as people see it: a registry county or city with its state ("Harris County, TX"). */
function nameOf(registry: Registry, id: string): string {
  const j = registry.jurisdictions.get(id)
  return j ? nameWithState(j.id, j.name) : labelFromOcdId(id)
}
