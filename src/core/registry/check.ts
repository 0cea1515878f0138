/**
 * Checks over the whole registry that a schema cannot express: dates in order, references that
 * resolve, parent chains and GEOIDs, contradicting periods. Errors block; warnings inform.
 */
import { earliestDay, latestDayExclusive, type SourceDate } from '../dates/index.ts'
import { parseOcdId } from '../ocd/index.ts'
import type { Condition, Enactment, FieldPath, Jurisdiction, Provision, Registry } from './model.ts'

type Locate = (file: string, path: FieldPath, message: string, severity?: 'error' | 'warning') => void

const MAX_QUOTE_WORDS = 60

/**
 * Runs every cross-file check, reporting through `locate`.
 *
 * @example
 * ```ts
 * checkRegistry(registry, (file, path, message, severity) => console.log(file, path, message, severity))
 * ```
 */
export function checkRegistry(registry: Registry, locate: Locate): void {
  for (const j of registry.jurisdictions.values()) {
    checkJurisdiction(j, registry, locate)
    for (const e of j.enactments) checkEnactment(e, registry, locate)
    checkContradictions(j, locate)
  }
  for (const c of registry.offenseClasses.values()) {
    if (!parseOcdId(c.jurisdictionId)) locate(c.origin.file, [...c.origin.path, 'jurisdiction'], `"${c.jurisdictionId}" is not a well-formed OCD division ID`)
  }
}

function checkJurisdiction(j: Jurisdiction, registry: Registry, locate: Locate): void {
  const file = j.origin.file
  const ocd = parseOcdId(j.id)!
  if (ocd.level !== j.level) locate(file, ['level'], `level "${j.level}" does not match the OCD ID, which is a ${ocd.level}`)
  if (j.consolidated && j.level !== 'county') locate(file, ['consolidated'], 'only a county-level ID can be a consolidated city-county')
  const stateId = ocd.ancestors[1]
  if (stateId && !registry.jurisdictions.has(stateId)) {
    locate(file, ['id'], `no registry file for the parent ${stateId}: the state's own law is not in the registry`, 'warning')
  }
  if (j.level !== 'country' && !registry.jurisdictions.has(ocd.ancestors[0]!)) locate(file, ['id'], 'no federal baseline file (us.yaml)', 'warning')

  if (j.jailCounty?.kind === 'known') {
    const county = parseOcdId(j.jailCounty.value)
    if (j.level !== 'place') locate(file, ['jailCounty'], 'only a place has a jailCounty')
    else if (!county || county.level !== 'county' || county.state !== ocd.state) locate(file, ['jailCounty'], `"${j.jailCounty.value}" must be a county in the same state`)
  }

  if (j.geoid.kind === 'known') {
    const code = j.geoid.value.code
    const expected = { country: 0, state: 2, district: 2, county: 5, place: 7 }[j.level]
    if (code.length !== expected) locate(file, ['geoid', 'code'], `a ${j.level} GEOID has ${expected} digits, not ${code.length}`)
    const state = stateId ? registry.jurisdictions.get(stateId) : undefined
    if (state?.geoid.kind === 'known' && !code.startsWith(state.geoid.value.code)) {
      locate(file, ['geoid', 'code'], `GEOID ${code} does not start with the state's GEOID ${state.geoid.value.code}`)
    }
  }
  checkSources(j.geoid.kind === 'known' ? j.geoid.value.sources : [], file, ['geoid', 'sources'], locate)
  if (j.confidence === 'low') locate(file, ['confidence'], 'low confidence: few or weak sources', 'warning')
}

function checkEnactment(e: Enactment, registry: Registry, locate: Locate): void {
  const file = e.origin.file
  const at = (...rest: (string | number)[]) => [...e.origin.path, ...rest]
  checkSources(e.sources, file, at('sources'), locate)
  orderDates(e.effective, e.ends, file, at('ends'), 'ends', 'effective', locate)
  const enacted = earliestDay(e.enacted)
  const effective = latestDayExclusive(e.effective)
  if (enacted !== undefined && effective !== undefined && effective <= enacted) {
    locate(file, at('effective'), `effective ${describe(e.effective)} is before enacted ${describe(e.enacted)}`, 'warning')
  }
  if (e.effective.kind === 'unknown') locate(file, at('effective'), `effective date unknown: ${e.effective.reason}`, 'warning')
  for (const [field, ids] of [['amends', e.amends], ['supersedes', e.supersedes], ['repeals', e.repeals]] as const) {
    ids.forEach((id, i) => {
      if (!registry.enactments.has(id)) locate(file, at(field, i), `no enactment with id "${id}"`)
      if (id === e.id) locate(file, at(field, i), 'an enactment cannot refer to itself')
    })
  }
  const provisionIds = new Set(e.provisions.map((p) => p.id))
  e.status.forEach((s, i) => {
    checkSources(s.sources, file, at('status', i, 'sources'), locate)
    orderDates(s.from, s.to, file, at('status', i, 'to'), 'to', 'from', locate)
    if (s.by && !registry.enactments.has(s.by)) locate(file, at('status', i, 'by'), `no enactment with id "${s.by}"`)
    s.provisions?.forEach((id, k) => {
      if (!provisionIds.has(id)) locate(file, at('status', i, 'provisions', k), `enactment ${e.id} has no provision "${id}"`)
    })
  })
  for (const p of e.provisions) checkProvision(p, e, registry, locate)
}

function checkProvision(p: Provision, e: Enactment, registry: Registry, locate: Locate): void {
  const file = p.origin.file
  const at = (...rest: (string | number)[]) => [...p.origin.path, ...rest]
  checkSources(p.sources, file, at('sources'), locate)
  p.penalties.forEach((penalty, i) => checkSources(penalty.sources, file, at('penalties', i, 'sources'), locate))
  orderDates(p.from, p.to, file, at('to'), 'to', 'from', locate)
  const start = p.from ? earliestDay(p.from) : undefined
  const enactmentEnd = e.ends ? latestDayExclusive(e.ends) : undefined
  if (start !== undefined && enactmentEnd !== undefined && start >= enactmentEnd) {
    locate(file, at('from'), `starts after its enactment ${e.id} ends`, 'warning')
  }
  if (p.effect === 'limit' && !p.when) locate(file, at('effect'), '"limit" needs a "when" condition (permitted only if ...); an "unless" alone would make it never apply')
  for (const [field, condition] of [['when', p.when], ['unless', p.unless]] as const) {
    if (condition) checkCondition(condition, registry, file, at(field), locate)
  }
  if (p.overridesLocal && (p.effect === 'permit' || p.effect === 'limit')) {
    locate(file, at('overridesLocal'), 'overridesLocal only changes a "require" or "prohibit" provision', 'warning')
  }
}

function checkCondition(condition: Condition, registry: Registry, file: string, path: FieldPath, locate: Locate): void {
  switch (condition.kind) {
    case 'all':
    case 'any':
      condition.parts.forEach((part, i) => checkCondition(part, registry, file, [...path, condition.kind, i], locate))
      return
    case 'not':
      checkCondition(condition.part, registry, file, [...path, 'not'], locate)
      return
    case 'fact':
      if (condition.tests.length === 0) locate(file, path, 'a fact condition needs equals, in, atLeast or below')
      return
    case 'offense': {
      const key = condition.list === 'convictions' ? 'conviction' : 'pendingCharge'
      const m = condition.match
      if (m.class && !registry.offenseClasses.has(m.class)) locate(file, [...path, key, 'class'], `no offense class "${m.class}" in registry/offense-classes/`)
      if (!m.class && !m.categories && !m.levels && m.withinYears === undefined) {
        locate(file, [...path, key], 'matches any offense at all; say so with an explicit criterion', 'warning')
      }
      if (condition.list === 'pendingCharges' && m.withinYears !== undefined) locate(file, [...path, key, 'within'], 'pending charges have no conviction date to count back from')
    }
  }
}

function checkSources(sources: readonly { url: string; quote: string; reliability?: string }[], file: string, path: FieldPath, locate: Locate): void {
  sources.forEach((s, i) => {
    const words = s.quote.trim().split(/\s+/).length
    if (words > MAX_QUOTE_WORDS) locate(file, [...path, i, 'quote'], `quote has ${words} words; keep quotes short (under about 40)`, 'warning')
  })
  if (sources.length > 0 && sources.every((s) => s.reliability === 'low')) {
    locate(file, path, 'every source is marked low reliability', 'warning')
  }
}

function orderDates(from: SourceDate | undefined, to: SourceDate | undefined, file: string, path: FieldPath, toName: string, fromName: string, locate: Locate): void {
  if (!from || !to) return
  const start = earliestDay(from)
  const end = latestDayExclusive(to)
  if (start !== undefined && end !== undefined && end <= start) {
    locate(file, path, `${toName} ${describe(to)} is not after ${fromName} ${describe(from)} (intervals are [${fromName}, ${toName}))`)
  }
}

function describe(date: SourceDate): string {
  return date.kind === 'unknown' ? 'unknown' : date.text
}

/**
 * Two provisions of one jurisdiction that, at the same time and for the same custody, one requires
 * and the other prohibits the same action unconditionally, from enactments not linked by
 * amends/supersedes/repeals and with no disagreement recorded: the registry contradicts itself.
 */
function checkContradictions(j: Jurisdiction, locate: Locate): void {
  const all = j.enactments.flatMap((e) => e.provisions.map((p) => ({ p, e })))
  for (let a = 0; a < all.length; a++) {
    for (let b = a + 1; b < all.length; b++) {
      const x = all[a]!
      const y = all[b]!
      if (x.p.action !== y.p.action) continue
      const effects = new Set([x.p.effect, y.p.effect])
      if (!(effects.has('require') && effects.has('prohibit'))) continue
      if (x.p.when || x.p.unless || y.p.when || y.p.unless) continue
      if (!x.p.custody.some((c) => y.p.custody.includes(c))) continue
      if (linked(x.e, y.e) || x.p.disagreements.length || y.p.disagreements.length) continue
      if (!overlaps(span(x.p, x.e), span(y.p, y.e))) continue
      locate(
        j.origin.file,
        y.p.origin.path,
        `contradicts ${x.p.id}: one requires and the other prohibits ${x.p.action} over the same period; link the enactments (amends/supersedes/repeals), bound their dates, or record the disagreement`,
      )
    }
  }
}

function linked(a: Enactment, b: Enactment): boolean {
  const refs = (e: Enactment) => [...e.amends, ...e.supersedes, ...e.repeals, ...e.status.map((s) => s.by ?? '')]
  return a.id === b.id || refs(a).includes(b.id) || refs(b).includes(a.id)
}

function span(p: Provision, e: Enactment): [number, number] {
  const start = earliestDay(p.from ?? e.effective) ?? earliestDay(e.enacted) ?? Number.NEGATIVE_INFINITY
  const endDate = p.to ?? e.ends
  const end = endDate ? (latestDayExclusive(endDate) ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY
  return [start, end]
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[1] && b[0] < a[1]
}
