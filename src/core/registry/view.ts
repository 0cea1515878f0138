/**
 * Plain JSON views of model values, shaped like the YAML people write (dates as text, unknowns as
 * `{ unknown: reason }`). The CLI's `--json` and the HTTP API both print these.
 */
import type { SourceDate } from '../dates/index.ts'
import type { Condition, Enactment, Jurisdiction, Known, Provision, StatusPeriod } from './model.ts'

type DateJson = string | { unknown: string } | null

function dateJson(d: SourceDate | undefined): DateJson {
  if (!d) return null
  return d.kind === 'unknown' ? { unknown: d.reason } : d.text
}

function knownJson<T>(k: Known<T> | undefined): T | { unknown: string } | null {
  if (!k) return null
  return k.kind === 'known' ? k.value : { unknown: k.reason }
}

/** A condition in its YAML form. */
export function conditionJson(c: Condition): unknown {
  switch (c.kind) {
    case 'all':
      return { all: c.parts.map(conditionJson) }
    case 'any':
      return { any: c.parts.map(conditionJson) }
    case 'not':
      return { not: conditionJson(c.part) }
    case 'fact': {
      const out: Record<string, unknown> = { fact: c.path }
      for (const t of c.tests) {
        if (t.kind === 'equals') out.equals = t.value
        else if (t.kind === 'in') out.in = t.values
        else if (t.kind === 'at-least') out.atLeast = t.value
        else out.below = t.value
      }
      return out
    }
    case 'offense': {
      const m = c.match
      const match = { categories: m.categories, levels: m.levels, class: m.class, within: m.withinYears === undefined ? undefined : { years: m.withinYears } }
      return { [c.list === 'convictions' ? 'conviction' : 'pendingCharge']: JSON.parse(JSON.stringify(match)) }
    }
  }
}

/**
 * A provision as JSON.
 *
 * @example
 * ```ts
 * provisionView(registry.provisions.get('ca-sb54-hold')!).effect // 'prohibit'
 * ```
 */
export function provisionView(p: Provision) {
  return {
    id: p.id,
    enactment: p.enactmentId,
    jurisdiction: p.jurisdictionId,
    action: p.action,
    effect: p.effect,
    summary: p.summary,
    from: dateJson(p.from),
    to: dateJson(p.to),
    custody: p.custody,
    when: p.when ? conditionJson(p.when) : null,
    unless: p.unless ? conditionJson(p.unless) : null,
    limits: p.limits,
    overridesLocal: p.overridesLocal,
    penalties: p.penalties,
    interpretation: p.interpretation ?? null,
    confidence: p.confidence,
    sources: p.sources,
    disagreements: p.disagreements,
    unknowns: p.unknowns,
  }
}

function statusJson(s: StatusPeriod) {
  return { status: s.status, from: dateJson(s.from), to: dateJson(s.to), by: s.by ?? null, provisions: s.provisions ?? null, sources: s.sources }
}

/**
 * An enactment with its provisions as JSON.
 *
 * @example
 * ```ts
 * enactmentView(registry.enactments.get('ca-sb54')!).effective // '2018-01-01'
 * ```
 */
export function enactmentView(e: Enactment) {
  return {
    id: e.id,
    jurisdiction: e.jurisdictionId,
    title: e.title,
    kind: e.enactmentKind,
    citation: knownJson(e.citation),
    enacted: dateJson(e.enacted),
    effective: dateJson(e.effective),
    ends: dateJson(e.ends),
    inForceBy: e.inForceBy ? { date: dateJson(e.inForceBy.date), sources: e.inForceBy.sources } : null,
    status: e.status.map(statusJson),
    amends: e.amends,
    supersedes: e.supersedes,
    repeals: e.repeals,
    confidence: e.confidence,
    sources: e.sources,
    provisions: e.provisions.map(provisionView),
    disagreements: e.disagreements,
    unknowns: e.unknowns,
    notes: e.notes,
  }
}

/**
 * The short form used in lists.
 *
 * @example
 * ```ts
 * jurisdictionSummary(j) // { id, name, level, state, geoid, confidence, enactments: 3, provisions: 12 }
 * ```
 */
export function jurisdictionSummary(j: Jurisdiction) {
  return {
    id: j.id,
    name: j.name,
    level: j.level,
    state: j.state ?? null,
    consolidated: j.consolidated,
    geoid: j.geoid.kind === 'known' ? j.geoid.value.code : null,
    aliases: j.aliases,
    confidence: j.confidence,
    enactments: j.enactments.length,
    provisions: j.enactments.reduce((n, e) => n + e.provisions.length, 0),
  }
}

/**
 * A jurisdiction with everything in its file, as JSON.
 *
 * @example
 * ```ts
 * jurisdictionView(j).enactments[0].provisions
 * ```
 */
export function jurisdictionView(j: Jurisdiction) {
  return {
    id: j.id,
    name: j.name,
    level: j.level,
    state: j.state ?? null,
    consolidated: j.consolidated,
    jailCounty: knownJson(j.jailCounty),
    geoid: knownJson(j.geoid),
    aliases: j.aliases,
    confidence: j.confidence,
    confidenceNote: j.confidenceNote ?? null,
    enactments: j.enactments.map(enactmentView),
    detainerForms: j.detainerForms.map((f) => ({ ...f, from: dateJson(f.from), to: dateJson(f.to) })),
    disagreements: j.disagreements,
    unknowns: j.unknowns,
    notes: j.notes,
    searches: j.searches,
  }
}
