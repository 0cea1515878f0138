/**
 * Answers for any date at cached speed. The map's answers change only on the registry's boundary
 * days (every day on which some provision's in-force status may change), so a date is mapped to
 * the interval between two boundary days it falls in, and answers are kept per interval, template
 * and question: a new date inside a known interval is a cache hit.
 *
 * Within the registry's intervals each chain of files (federal, state, county, place) is answered
 * per its own, coarser intervals, so the engine runs once per chain and chain interval. Templates
 * with a conviction a fixed number of years before the date ("two years earlier") meet windows
 * counted in days ("within five years") a day sooner or later depending on the leap days between
 * the two dates; for chains with such a window the interval is split on 1 March and 29 February
 * of each year, where that count changes.
 */
import { formatDay, parseDay, type Day } from '../dates/index.ts'
import { QUESTION_NAMES, QUESTIONS, resolveLayers, type Engine, type Question } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'
import { boundaryDays, type Condition, type Enactment, type Registry } from '../registry/index.ts'
import { changedAssumptions, templateCase, type Assumptions } from './assumptions.ts'
import { agreementCounts, assembleAnswers, chainKey, decisionOf, requireAnswersQuery, type AgreementCounts, type Decision } from './answers.ts'
import type { Gazetteer } from './gazetteer.ts'
import type { Answers } from './schemas.ts'
import { templateById, templateFacts, type TemplateId } from './templates.ts'

/** The number of sorted days at or before `day` (the index of the interval `day` falls in). */
export function intervalIndex(boundaries: ArrayLike<number>, day: number): number {
  let lo = 0
  let hi = boundaries.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (boundaries[mid]! <= day) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The stretch of the calendar on which "the same date N whole years earlier" lies the same number
 * of days back: from 1 March of one year to 28 February of the next; 29 February alone.
 *
 * @example
 * ```ts
 * calendarPiece('2019-03-01') === calendarPiece('2020-02-28') // true
 * calendarPiece('2020-02-29') === calendarPiece('2020-02-28') // false
 * ```
 */
export function calendarPiece(date: string): number {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  if (m >= 3) return y * 2
  if (m === 2 && d === 29) return y * 2 + 1
  return (y - 1) * 2
}

function usesWindow(c: Condition | undefined): boolean {
  if (!c) return false
  switch (c.kind) {
    case 'all':
    case 'any':
      return c.parts.some(usesWindow)
    case 'not':
      return usesWindow(c.part)
    case 'offense':
      return c.match.withinYears !== undefined
    case 'fact':
      return false
  }
}

const registryBoundaries = new WeakMap<Registry, { readonly days: Int32Array; readonly windows: boolean }>()

function boundariesOf(registry: Registry): { readonly days: Int32Array; readonly windows: boolean } {
  let b = registryBoundaries.get(registry)
  if (!b) {
    const enactments = [...registry.enactments.values()]
    b = { days: Int32Array.from(boundaryDays(enactments)), windows: [...registry.provisions.values()].some((p) => usesWindow(p.when) || usesWindow(p.unless)) }
    registryBoundaries.set(registry, b)
  }
  return b
}

const convictionTemplates = new Map<string, boolean>()
const hasConvictions = (template: TemplateId): boolean => {
  let yes = convictionTemplates.get(template)
  if (yes === undefined) convictionTemplates.set(template, (yes = (templateFacts(template, '2000-06-01').person?.convictions?.length ?? 0) > 0))
  return yes
}

/**
 * The key of the interval of the registry's boundary days a date falls in, for a template: two
 * dates with the same key get the same answers from every jurisdiction (all but the fields that
 * state the date). Throws `invalid-input` naming `date` or `template`.
 *
 * @example
 * ```ts
 * answersIntervalKey(registry, 'no-record', '2019-06-01') === answersIntervalKey(registry, 'no-record', '2019-06-02') // true unless a boundary day falls between
 * ```
 */
export function answersIntervalKey(registry: Registry, template: string, date: string): string {
  const day = parseDay(date)
  if (day === undefined) throw new AppError('invalid-input', `"${date}" is not a real calendar date (YYYY-MM-DD)`, { field: 'date' })
  const t = templateById(template)
  const b = boundariesOf(registry)
  const index = intervalIndex(b.days, day)
  return b.windows && hasConvictions(t.id) ? `${index}.${calendarPiece(date)}` : String(index)
}

/** One chain of registry files the gazetteer's states and counties share, with its own boundary days per question. */
interface Chain {
  readonly jurisdiction: string
  readonly byQuestion: Readonly<Record<Question, { readonly days: Int32Array; readonly windows: boolean }>>
}

/**
 * The enactments whose dates can change the answer to a question: those with a provision on the
 * question's action (the engine's candidates for a question are exactly those provisions).
 */
const onQuestion = (enactments: readonly Enactment[], q: Question): Enactment[] => enactments.filter((e) => e.provisions.some((p) => p.action === QUESTIONS[q]))

const windowsIn = (enactments: readonly Enactment[], q: Question): boolean => enactments.some((e) => e.provisions.some((p) => p.action === QUESTIONS[q] && (usesWindow(p.when) || usesWindow(p.unless))))

/**
 * The decisions of the whole map for one interval, question, template and assumptions: one per
 * chain of registry files (see {@link AnswersCache.chainOfState}). Equal `signature`s mean equal
 * decisions everywhere; the decision objects are shared between intervals that agree.
 */
export interface MapDecisions {
  readonly kind: 'map-decisions'
  readonly action: Question
  readonly template: TemplateId
  readonly assume: Assumptions
  readonly byChain: readonly Decision[]
  /** For each chain, the id of its decision: equal ids mean equal decisions (across questions and templates too). */
  readonly decisionIds: Int32Array
  /** The 287(g) agreements in force in the interval, by county GEOID (they change on boundary days too). */
  readonly agreements: AgreementCounts
  /** Equal for equal `agreements` (by content). */
  readonly agreementsId: number
  /** Equal for two values that give the same answers body but for the date: decisions and agreements. */
  readonly signature: string
}

/** Answers for every date, kept per interval (see the file comment). */
export interface AnswersCache {
  readonly kind: 'answers-cache'
  /** For each gazetteer state and county, the index of its chain in `MapDecisions.byChain`. */
  readonly chainOfState: Int32Array
  readonly chainOfCounty: Int32Array
  /** The decisions for a date (cached by interval). Throws `invalid-input` naming `date`, `action` or `template`. */
  decisions(date: string, action: string, template: string, assume?: Assumptions): MapDecisions
  /** The answers as {@link answersFor} computes them, from the decisions. */
  answers(decisions: MapDecisions, date: string): Answers
  /**
   * One date in each interval (of the question's law and of the 287(g) agreements) that meets
   * `[from, to]`, for filling the cache ahead of requests.
   */
  intervalDates(action: string, template: string, from: string, to: string): string[]
  /** Distinct decision vectors and engine evaluations so far (for tests and benchmarks). */
  stats(): { readonly intervals: number; readonly evaluations: number }
}

/**
 * Creates the cache for one engine and gazetteer. A question's answers change only on the
 * boundary days of the enactments with a provision on it, and each chain's only on those of its
 * own files, so a date in a new interval of the registry evaluates only the chains whose own
 * interval is new (often none); the 287(g) counts are kept by the agreements' own intervals.
 *
 * @example
 * ```ts
 * const cache = createAnswersCache(engine, gazetteer)
 * const d = cache.decisions('2019-06-01', 'hold', 'no-record')
 * cache.answers(d, '2019-06-01').counts
 * ```
 */
export function createAnswersCache(engine: Engine, gazetteer: Gazetteer, options: { readonly maxIntervals?: number } = {}): AnswersCache {
  const registry = engine.registry
  const all = [...registry.enactments.values()]
  const lawOf = Object.fromEntries(QUESTION_NAMES.map((q) => [q, { days: Int32Array.from(boundaryDays(onQuestion(all, q))), windows: windowsIn(all, q) }])) as Record<Question, { days: Int32Array; windows: boolean }>
  const agreementDays = Int32Array.from(boundaryDays(all.filter((e) => e.enactmentKind === 'agreement')))
  const chains: Chain[] = []
  const chainIndex = new Map<string, number>()
  const chainOf = (jurisdiction: string): number => {
    const key = chainKey(registry, jurisdiction)
    let i = chainIndex.get(key)
    if (i === undefined) {
      const files = resolveLayers(registry, jurisdiction).flatMap((l) => (l.jurisdiction ? [l.jurisdiction] : []))
      const enactments = files.flatMap((j) => j.enactments)
      const byQuestion = Object.fromEntries(QUESTION_NAMES.map((q) => [q, { days: Int32Array.from(boundaryDays(onQuestion(enactments, q))), windows: windowsIn(enactments, q) }])) as Chain['byQuestion']
      i = chains.push({ jurisdiction, byQuestion }) - 1
      chainIndex.set(key, i)
    }
    return i
  }
  const chainOfState = Int32Array.from(gazetteer.states.map((s) => chainOf(s.jurisdiction)))
  const chainOfCounty = Int32Array.from(gazetteer.counties.map((c) => chainOf(c.jurisdiction)))
  const maxIntervals = options.maxIntervals ?? 50_000
  const bounded = <V>(map: Map<string, V>, key: string, value: V): V => {
    if (map.size >= maxIntervals) map.delete(map.keys().next().value!)
    map.set(key, value)
    return value
  }

  // Decisions shared by content: one object and one id for equal decisions anywhere.
  const decisionByText = new Map<string, { readonly decision: Decision; readonly id: number }>()
  const shared = (d: Decision): { readonly decision: Decision; readonly id: number } => {
    const text = JSON.stringify(d)
    let hit = decisionByText.get(text)
    if (!hit) decisionByText.set(text, (hit = { decision: Object.freeze(d), id: decisionByText.size }))
    return hit
  }
  // per (action, template, assumptions): per chain, its decision per chain interval
  const tables = new Map<string, Map<string, { readonly decision: Decision; readonly id: number }>[]>()
  // per (action, template, assumptions) and interval of the question's law: the decisions of every chain
  const vectors = new Map<string, { readonly byChain: readonly Decision[]; readonly ids: Int32Array; readonly id: number }>()
  const vectorIds = new Map<string, number>()
  const byInterval = new Map<string, MapDecisions>()
  let evaluations = 0

  // 287(g) counts change only on the agreements' own boundary days: one count per such interval.
  const agreementsByInterval = new Map<number, { readonly counts: AgreementCounts; readonly id: number }>()
  const agreementIds = new Map<string, number>()
  const agreementsOn = (index: number, day: Day): { readonly counts: AgreementCounts; readonly id: number } => {
    let hit = agreementsByInterval.get(index)
    if (!hit) {
      const counts = agreementCounts(registry, gazetteer, day)
      const text = JSON.stringify([[...counts.own], [...counts.city]])
      let id = agreementIds.get(text)
      if (id === undefined) agreementIds.set(text, (id = agreementIds.size))
      agreementsByInterval.set(index, (hit = { counts, id }))
    }
    return hit
  }

  const vectorFor = (tableKey: string, lawKey: string, action: Question, t: TemplateId, date: string, day: Day, assume: Assumptions) => {
    const key = `${tableKey}|${lawKey}`
    const hit = vectors.get(key)
    if (hit) return hit
    let table = tables.get(tableKey)
    if (!table) tables.set(tableKey, (table = chains.map(() => new Map())))
    const convictions = hasConvictions(t)
    const piece = calendarPiece(date)
    const ids = new Int32Array(chains.length)
    const byChain = chains.map((chain, i) => {
      const own = chain.byQuestion[action]
      const pieceKey = own.windows && convictions ? `${intervalIndex(own.days, day)}.${piece}` : String(intervalIndex(own.days, day))
      let d = table[i]!.get(pieceKey)
      if (!d) {
        evaluations++
        d = shared(decisionOf(engine.evaluate(templateCase({ template: t, jurisdiction: chain.jurisdiction, date, assume })), action))
        table[i]!.set(pieceKey, d)
      }
      ids[i] = d.id
      return d.decision
    })
    const text = ids.join(',')
    let id = vectorIds.get(text)
    if (id === undefined) vectorIds.set(text, (id = vectorIds.size))
    return bounded(vectors, key, { byChain: Object.freeze(byChain), ids, id })
  }

  const decisions = (date: string, action: string, template: string, assume: Assumptions = {}): MapDecisions => {
    const { day, action: q } = requireAnswersQuery(date, action)
    const t = templateById(template).id
    const assumeKey = Object.keys(assume).length ? JSON.stringify(changedAssumptions(t, assume)) : ''
    const law = lawOf[q]
    const lawIndex = intervalIndex(law.days, day)
    const lawKey = law.windows && hasConvictions(t) ? `${lawIndex}.${calendarPiece(date)}` : String(lawIndex)
    const agreementIndex = intervalIndex(agreementDays, day)
    const tableKey = `${q}|${t}|${assumeKey}`
    const key = `${tableKey}|${lawKey}|${agreementIndex}`
    const hit = byInterval.get(key)
    if (hit) return hit
    const vector = vectorFor(tableKey, lawKey, q, t, date, day, assume)
    const agreements = agreementsOn(agreementIndex, day)
    const md: MapDecisions = Object.freeze({
      kind: 'map-decisions',
      action: q,
      template: t,
      assume,
      byChain: vector.byChain,
      decisionIds: vector.ids,
      agreements: agreements.counts,
      agreementsId: agreements.id,
      signature: `${tableKey}|${vector.id}|287g:${agreements.id}`,
    })
    return bounded(byInterval, key, md)
  }

  const intervalDates = (action: string, template: string, from: string, to: string): string[] => {
    const lo = requireAnswersQuery(from, action).day
    const hi = requireAnswersQuery(to, action).day
    const q = action as Question
    const t = templateById(template).id
    const days = new Set<number>([lo])
    for (const d of lawOf[q].days) if (d > lo && d <= hi) days.add(d)
    for (const d of agreementDays) if (d > lo && d <= hi) days.add(d)
    if (lawOf[q].windows && hasConvictions(t)) {
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
        for (const md of ['02-29', '03-01']) {
          const d = parseDay(`${y}-${md}`)
          if (d !== undefined && d > lo && d <= hi) days.add(d)
        }
      }
    }
    return [...days].sort((a, b) => a - b).map(formatDay)
  }

  const answers = (md: MapDecisions, date: string): Answers =>
    assembleAnswers({
      engine,
      gazetteer,
      date,
      action: md.action,
      template: md.template,
      assume: md.assume,
      stateDecision: (i) => md.byChain[chainOfState[i]!]!,
      countyDecision: (i) => md.byChain[chainOfCounty[i]!]!,
      agreements: md.agreements,
    })

  return Object.freeze({ kind: 'answers-cache', chainOfState, chainOfCounty, decisions, answers, intervalDates, stats: () => ({ intervals: byInterval.size, evaluations }) })
}
