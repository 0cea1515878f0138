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
import { parseDay, type Day } from '../dates/index.ts'
import { resolveLayers, type Engine, type Question } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'
import { boundaryDays, type Condition, type Registry } from '../registry/index.ts'
import { changedAssumptions, templateCase, type Assumptions } from './assumptions.ts'
import { agreementCounts, assembleAnswers, chainKey, requireAnswersQuery, decisionOf, type AgreementCounts, type Decision } from './answers.ts'
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

const hasConvictions = (template: TemplateId) => (templateFacts(template, '2000-06-01').person?.convictions?.length ?? 0) > 0

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

/** One chain of registry files the gazetteer's states and counties share, with its own boundary days. */
interface Chain {
  readonly jurisdiction: string
  readonly days: Int32Array
  readonly windows: boolean
}

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
  /** The 287(g) agreements in force in the interval, by county GEOID (they change on boundary days too). */
  readonly agreements: AgreementCounts
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
  /** Distinct decision vectors and engine evaluations so far (for tests and benchmarks). */
  stats(): { readonly intervals: number; readonly evaluations: number }
}

/**
 * Creates the cache for one engine and gazetteer.
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
  const chains: Chain[] = []
  const chainIndex = new Map<string, number>()
  const chainOf = (jurisdiction: string): number => {
    const key = chainKey(registry, jurisdiction)
    let i = chainIndex.get(key)
    if (i === undefined) {
      const files = resolveLayers(registry, jurisdiction).flatMap((l) => (l.jurisdiction ? [l.jurisdiction] : []))
      const enactments = files.flatMap((j) => j.enactments)
      const windows = enactments.some((e) => e.provisions.some((p) => usesWindow(p.when) || usesWindow(p.unless)))
      i = chains.push({ jurisdiction, days: Int32Array.from(boundaryDays(enactments)), windows }) - 1
      chainIndex.set(key, i)
    }
    return i
  }
  const chainOfState = Int32Array.from(gazetteer.states.map((s) => chainOf(s.jurisdiction)))
  const chainOfCounty = Int32Array.from(gazetteer.counties.map((c) => chainOf(c.jurisdiction)))
  const maxIntervals = options.maxIntervals ?? 50_000

  // per (action, template, assumptions): per chain, its decision per chain interval
  const tables = new Map<string, Map<string, Decision>[]>()
  const decisionIds = new WeakMap<Decision, number>()
  let nextDecisionId = 0
  const byInterval = new Map<string, MapDecisions>()
  let evaluations = 0

  // 287(g) counts change only on the registry's boundary days too: one count per interval.
  const agreementsByInterval = new Map<string, { readonly counts: AgreementCounts; readonly id: number }>()
  const agreementIds = new Map<string, number>()
  const agreementsOn = (template: string, date: string): { readonly counts: AgreementCounts; readonly id: number } => {
    const key = answersIntervalKey(registry, template, date)
    let hit = agreementsByInterval.get(key)
    if (!hit) {
      const counts = agreementCounts(registry, gazetteer, parseDay(date)!)
      const text = JSON.stringify([[...counts.own], [...counts.city]])
      let id = agreementIds.get(text)
      if (id === undefined) agreementIds.set(text, (id = agreementIds.size))
      if (agreementsByInterval.size >= maxIntervals) agreementsByInterval.delete(agreementsByInterval.keys().next().value!)
      agreementsByInterval.set(key, (hit = { counts, id }))
    }
    return hit
  }

  const decisions = (date: string, action: string, template: string, assume: Assumptions = {}): MapDecisions => {
    const { day } = requireAnswersQuery(date, action)
    const t = templateById(template).id
    const assumeKey = Object.keys(assume).length ? JSON.stringify(changedAssumptions(t, assume)) : ''
    const key = `${answersIntervalKey(registry, t, date)}|${action}|${t}|${assumeKey}`
    const hit = byInterval.get(key)
    if (hit) return hit
    const tableKey = `${action}|${t}|${assumeKey}`
    let table = tables.get(tableKey)
    if (!table) tables.set(tableKey, (table = chains.map(() => new Map())))
    const convictions = hasConvictions(t)
    const piece = calendarPiece(date)
    const byChain = chains.map((chain, i) => {
      const pieceKey = chain.windows && convictions ? `${intervalIndex(chain.days, day)}.${piece}` : String(intervalIndex(chain.days, day))
      let d = table[i]!.get(pieceKey)
      if (!d) {
        evaluations++
        d = decisionOf(engine.evaluate(templateCase({ template: t, jurisdiction: chain.jurisdiction, date, assume })), action as Question)
        // decisions that agree share one object (and one id)
        const text = JSON.stringify(d)
        const same = [...table[i]!.values()].find((x) => JSON.stringify(x) === text)
        if (same) d = same
        else decisionIds.set(d, nextDecisionId++)
        table[i]!.set(pieceKey, d)
      }
      return d
    })
    const agreements = agreementsOn(t, date)
    const md: MapDecisions = Object.freeze({
      kind: 'map-decisions',
      action: action as Question,
      template: t,
      assume,
      byChain: Object.freeze(byChain),
      agreements: agreements.counts,
      signature: `${tableKey}|${byChain.map((d) => decisionIds.get(d)).join(',')}|287g:${agreements.id}`,
    })
    if (byInterval.size >= maxIntervals) byInterval.delete(byInterval.keys().next().value!)
    byInterval.set(key, md)
    return md
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

  return Object.freeze({ kind: 'answers-cache', chainOfState, chainOfCounty, decisions, answers, stats: () => ({ intervals: byInterval.size, evaluations }) })
}
