/**
 * When a provision is in force: the enactment's effective/end dates, its status periods
 * (enjoined, struck down, repealed ...), and the provision's own from/to. Three-valued, because a
 * partial or unknown date leaves a window where the registry cannot say.
 */
import { earliestDay, latestDayExclusive, type Day, type SourceDate } from '../dates/index.ts'
import type { Enactment, Provision, StatusKind } from './model.ts'

/** Whether something holds on a day: yes, no, or unknown because of the named dates. */
export type Tri = { readonly kind: 'yes' } | { readonly kind: 'no'; readonly reason?: string } | { readonly kind: 'unknown'; readonly missing: readonly string[] }

const YES: Tri = Object.freeze({ kind: 'yes' })
const NOT_IN_FORCE_STATUSES: ReadonlySet<StatusKind> = new Set(['enjoined', 'stayed', 'struck-down', 'repealed', 'expired', 'superseded', 'failed'])

/**
 * Is `day` on or after a start date? Unknown inside a partial date's window, or when the date is
 * unknown (then bounded below by `floor`, above by `ceiling` when given).
 */
function onOrAfter(day: Day, start: SourceDate, label: string, floor?: SourceDate, ceiling?: SourceDate): Tri {
  const no: Tri = { kind: 'no', reason: `before ${label}` }
  switch (start.kind) {
    case 'exact':
      return day >= start.day ? YES : no
    case 'partial':
      return day >= start.latest ? YES : day < start.earliest ? no : { kind: 'unknown', missing: [label] }
    case 'unknown': {
      const low = floor ? earliestDay(floor) : undefined
      const high = ceiling ? earliestDay(ceiling) : undefined
      if (high !== undefined && day >= high) return YES
      if (low !== undefined && day < low) return no
      return { kind: 'unknown', missing: [label] }
    }
  }
}

/**
 * Is `day` before an exclusive end date? An unknown end is bounded below by `shownInForce`, a day
 * a source shows the enactment in force (`inForceBy`): on and before that day it had not ended.
 */
function before(day: Day, end: SourceDate | undefined, label: string, shownInForce?: SourceDate): Tri {
  if (!end) return YES
  if (end.kind === 'unknown' && shownInForce?.kind === 'exact' && day <= shownInForce.day) return YES
  if (end.kind === 'exact') return day < end.day ? YES : { kind: 'no', reason: `on or after ${label}` }
  if (end.kind === 'partial') {
    if (day < end.earliest) return YES
    if (day >= end.latest) return { kind: 'no', reason: `on or after ${label}` }
  }
  return { kind: 'unknown', missing: [label] }
}

/** Combines conditions that must all hold. */
export function andTri(parts: readonly Tri[]): Tri {
  const missing: string[] = []
  for (const p of parts) {
    if (p.kind === 'no') return p
    if (p.kind === 'unknown') missing.push(...p.missing)
  }
  return missing.length ? { kind: 'unknown', missing } : YES
}

function notTri(t: Tri, reason: string): Tri {
  return t.kind === 'yes' ? { kind: 'no', reason } : t.kind === 'no' ? YES : t
}

const bounded = new WeakMap<Enactment, Enactment>()

/**
 * The enactment as the in-force test sees it: a partial effective date (`2018-01`) whose
 * window contains a known enactment date cannot fall before that date, so the window starts there.
 * (An unknown effective date is already bounded by `enacted` in the registry's time rules.)
 *
 * @example
 * ```ts
 * boundedByEnactment(dc2019).effective // { kind: 'partial', text: '2019-10', earliest: <2019-10-08>, latest: <2019-11-01> }
 * ```
 */
export function boundedByEnactment(e: Enactment): Enactment {
  if (e.effective.kind !== 'partial') return e
  let out = bounded.get(e)
  if (out) return out
  const low = earliestDay(e.enacted)
  const eff = e.effective
  out = low !== undefined && low > eff.earliest && low < eff.latest ? Object.freeze({ ...e, effective: Object.freeze({ ...eff, earliest: low }) }) : e
  bounded.set(e, out)
  return out
}

/**
 * Is the enactment in force on `day`, counting its status periods?
 *
 * @example
 * ```ts
 * enactmentInForce(sb54, parseDay('2018-06-01')!) // { kind: 'yes' }
 * ```
 */
export function enactmentInForce(e: Enactment, day: Day, provisionId?: string): Tri {
  const inForceBy = e.inForceBy?.date
  const parts: Tri[] = [
    onOrAfter(day, boundedByEnactment(e).effective, `effective date of ${e.id}`, e.enacted, inForceBy),
    before(day, e.ends, `end date of ${e.id}`, inForceBy),
  ]
  for (const s of e.status) {
    if (!NOT_IN_FORCE_STATUSES.has(s.status)) continue
    if (provisionId && s.provisions && !s.provisions.includes(provisionId)) continue
    if (!provisionId && s.provisions) continue
    const label = `${s.status} period of ${e.id}`
    const covered = andTri([onOrAfter(day, s.from, `start of ${label}`), before(day, s.to, `end of ${label}`)])
    parts.push(notTri(covered, `${s.status}${s.by ? ` by ${s.by}` : ''}`))
  }
  return andTri(parts)
}

/**
 * Is the provision in force on `day`: its enactment in force and its own from/to covering the day?
 *
 * @example
 * ```ts
 * provisionInForce(provision, enactment, parseDay('2014-01-01')!)
 * ```
 */
export function provisionInForce(p: Provision, e: Enactment, day: Day): Tri {
  return andTri([
    enactmentInForce(e, day, p.id),
    p.from ? onOrAfter(day, p.from, `start date of ${p.id}`) : YES,
    before(day, p.to, `end date of ${p.id}`),
  ])
}

/**
 * Every day on which some provision's in-force status may change: the boundaries the engine
 * compiles between. Sorted, unique.
 */
export function boundaryDays(enactments: readonly Enactment[]): Day[] {
  const days = new Set<Day>()
  const add = (d: SourceDate | undefined) => {
    if (!d) return
    const lo = earliestDay(d)
    const hi = latestDayExclusive(d)
    if (lo !== undefined) days.add(lo)
    if (hi !== undefined) days.add(hi)
    if (d.kind === 'exact') days.add(d.day)
  }
  for (const e of enactments) {
    for (const d of [e.enacted, e.effective, e.ends, e.inForceBy?.date]) add(d)
    for (const s of e.status) {
      add(s.from)
      add(s.to)
    }
    for (const p of e.provisions) {
      add(p.from)
      add(p.to)
    }
  }
  return [...days].sort((a, b) => a - b)
}
