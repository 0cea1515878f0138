/**
 * The checks of a draft in place: preemption (the engine evaluates the draft layered under the
 * state and federal law in force, and higher rules on the other actions are compared by the same
 * layering rule), funding risk (the federal layer's grant conditions, lists and rulings), and the
 * rule cases the drafter can keep.
 *
 * The layering rule for actions the engine does not answer (287(g), status questions, data
 * sharing, courthouse arrests, resources) is the engine's own (docs/engine.md, *Combining*): a
 * higher rule with `overridesLocal` displaces a contrary lower one; a contrary higher rule without
 * it is an open conflict; a higher permission does not stop a lower restriction. A higher ban on
 * local limits (action `preemption`, effect prohibit, `overridesLocal`) in force covers every
 * draft clause that restricts cooperation; the check names it and quotes it, and does not decide
 * whether a court would read the clause as within the ban.
 */
import { createEngine, QUESTIONS, resolveLayers, type Engine, type Evaluation, type Question } from '../engine/index.ts'
import { conflictsFor, jurisdictionFederal, type ConditionConflict, type FederalData, type JurisdictionFederal } from '../federal/index.ts'
import { provisionInForce, type Action, type Provision, type Registry } from '../registry/index.ts'
import { parseDay } from '../dates/index.ts'
import { CLAUSE_INFO } from './clauses.ts'
import type { Draft, DraftProvision } from './draft.ts'
import { layerDraft, type LayeredDraft } from './layer.ts'
import { custodyFor, probesFor } from './probes.ts'

/** A provision cited in a check: where it is from and what it says, quoted. */
export interface CheckCitation {
  readonly provision: string
  readonly enactment: string
  readonly title: string
  readonly citation: string | null
  readonly jurisdiction: string
  readonly jurisdictionName: string
  readonly summary: string
  readonly url: string
  readonly quote: string
}

export type ClauseStatus = 'stands' | 'overridden' | 'partly-overridden' | 'open-conflict' | 'barred-by-preemption'

/** One probe's outcome for an engine-answered clause. */
export interface ProbeOutcome {
  readonly label: string
  readonly role: string
  readonly answer: string
  readonly overriddenBy: readonly string[]
}

/** What higher law does to one clause of the draft. */
export interface ClauseCheck {
  readonly provision: string
  readonly clause: string | null
  readonly clauseTitle: string | null
  readonly action: Action
  readonly effect: string
  readonly status: ClauseStatus
  /** How the status was reached: the engine over probe cases, or the layering rule for other actions. */
  readonly method: 'engine' | 'layering-rule'
  readonly explanation: string
  readonly probes: readonly ProbeOutcome[]
  readonly citations: readonly CheckCitation[]
}

/** A rule case in the registry's format (`*.cases.yaml`), generated for the draft. */
export interface DraftRuleCase {
  readonly name: string
  readonly jurisdiction: string
  readonly date: string
  readonly case: Record<string, unknown>
  readonly expect: Record<string, string>
}

export interface FundingRisk {
  readonly circuit: string | null
  readonly circuitName: string | null
  /** Each grant condition: conflict under the draft, under the law in force, and enforceability. */
  readonly conditions: readonly { readonly draft: ConditionConflict; readonly lawInForce: ConditionConflict['conflict'] }[]
  /** Lists that named the jurisdiction or its state, with their stated criteria (text; not evaluated). */
  readonly lists: readonly { readonly list: string; readonly title: string; readonly via: string; readonly published: string | null; readonly withdrawn: string | null; readonly criteria: string | null; readonly printedAs: string }[]
  readonly rulings: JurisdictionFederal['rulings']
}

export interface DraftCheck {
  readonly kind: 'draft-check'
  readonly jurisdiction: string
  readonly jurisdictionName: string
  readonly date: string
  readonly draft: { readonly id: string; readonly title: string; readonly clauses: number }
  readonly setAside: LayeredDraft['setAside']
  readonly clauses: readonly ClauseCheck[]
  readonly summary: Readonly<Record<ClauseStatus, number>>
  readonly funding: FundingRisk | null
  readonly ruleCases: readonly DraftRuleCase[]
  readonly registryVersion: string
  readonly engineVersion: string
}

export interface CheckContext {
  readonly registry: Registry
  readonly engineVersion: string
  readonly federal?: FederalData
  /** The engine over the registry as it is (for the law-in-force comparison); made when absent. */
  readonly lawEngine?: Engine
  /** Where the draft can be read (the composer link), cited as the draft's own source. */
  readonly draftUrl?: string
}

const QUESTION_OF: Partial<Record<Action, Question>> = Object.fromEntries(Object.entries(QUESTIONS).map(([q, a]) => [a, q as Question]))

function citeProvision(registry: Registry, id: string): CheckCitation | undefined {
  const p = registry.provisions.get(id)
  const e = p ? registry.enactments.get(p.enactmentId) : undefined
  if (!p || !e) return undefined
  const source = p.sources[0]!
  return {
    provision: p.id,
    enactment: e.id,
    title: e.title,
    citation: e.citation.kind === 'known' ? e.citation.value : null,
    jurisdiction: p.jurisdictionId,
    jurisdictionName: registry.jurisdictions.get(p.jurisdictionId)?.name ?? p.jurisdictionId,
    summary: p.summary,
    url: source.url,
    quote: source.quote,
  }
}

/** Higher-layer provisions (federal, state; the county above a place) in force on the day, by action. */
function higherInForce(registry: Registry, jurisdiction: string, day: number): Provision[] {
  const out: Provision[] = []
  for (const layer of resolveLayers(registry, jurisdiction)) {
    if (layer.id === jurisdiction || !layer.jurisdiction) continue
    for (const e of layer.jurisdiction.enactments) for (const p of e.provisions) if (provisionInForce(p, e, day).kind !== 'no') out.push(p)
  }
  return out
}

const restricts = (p: Pick<Provision, 'effect'>) => p.effect === 'prohibit' || p.effect === 'limit'
const contrary = (higher: Provision, lower: DraftProvision) =>
  (higher.effect === 'require' && restricts(lower)) || (restricts(higher) && (lower.effect === 'require' || lower.effect === 'permit'))

function engineClause(engine: Engine, layered: LayeredDraft, p: DraftProvision, q: Question): { probes: ProbeOutcome[]; overriders: Set<string>; conflicts: Set<string> } {
  const probes: ProbeOutcome[] = []
  const overriders = new Set<string>()
  const conflicts = new Set<string>()
  for (const probe of probesFor(p, layered.registry, layered.date, custodyFor(layered.level))) {
    const ev: Evaluation = engine.evaluate({ jurisdiction: layered.jurisdiction, date: layered.date, ...probe.facts })
    const mine = ev.trace.find((t) => t.question === q && t.provision === p.id)
    const by = ev.trace.filter((t) => t.question === q && t.role === 'overrode').map((t) => t.provision)
    const role = mine?.role ?? 'not-applicable'
    if (role === 'overridden') by.forEach((x) => overriders.add(x))
    if (role === 'conflict') ev.trace.filter((t) => t.question === q && t.role === 'conflict' && t.provision !== p.id).forEach((t) => conflicts.add(t.provision))
    probes.push({ label: probe.label, role, answer: ev.answers[q].value, overriddenBy: role === 'overridden' ? by : [] })
  }
  return { probes, overriders, conflicts }
}

function checkClause(ctx: { registry: Registry; engine: Engine; layered: LayeredDraft; higher: Provision[] }, p: DraftProvision): ClauseCheck {
  const { registry, layered, higher } = ctx
  const info = p.clause ? CLAUSE_INFO[p.clause] : undefined
  const q = QUESTION_OF[p.action]
  const cite = (ids: Iterable<string>) => [...new Set(ids)].map((id) => citeProvision(registry, id)).filter((c): c is CheckCitation => c !== undefined)
  const bans = restricts(p) && p.action !== 'preemption' ? higher.filter((h) => h.action === 'preemption' && h.effect === 'prohibit' && h.overridesLocal) : []
  let status: ClauseStatus = 'stands'
  let method: ClauseCheck['method'] = 'layering-rule'
  let probes: ProbeOutcome[] = []
  let citations: CheckCitation[] = []
  let explanation: string
  if (q) {
    method = 'engine'
    const r = engineClause(ctx.engine, layered, p, q)
    probes = r.probes
    const applied = probes.filter((x) => x.role !== 'not-applicable')
    const overridden = applied.filter((x) => x.role === 'overridden')
    if (overridden.length && overridden.length === applied.length) status = 'overridden'
    else if (overridden.length) status = 'partly-overridden'
    else if (applied.some((x) => x.role === 'conflict')) status = 'open-conflict'
    citations = cite([...r.overriders, ...r.conflicts])
    explanation =
      status === 'overridden'
        ? `Higher law in force on ${layered.date} overrides this clause in every case checked.`
        : status === 'partly-overridden'
          ? `Higher law overrides this clause in ${overridden.length} of the ${applied.length} cases where it applies.`
          : status === 'open-conflict'
            ? 'A higher rule points the other way without displacing local rules: the engine leaves the answer undetermined.'
            : 'No higher rule in force displaces this clause in the cases checked.'
  } else {
    const same = higher.filter((h) => h.action === p.action && contrary(h, p))
    const displacing = same.filter((h) => h.overridesLocal)
    if (displacing.length) status = 'overridden'
    else if (same.length) status = 'open-conflict'
    citations = cite((displacing.length ? displacing : same).map((h) => h.id))
    explanation =
      status === 'overridden'
        ? 'A higher rule on the same action, in force on that date, displaces contrary local rules.'
        : status === 'open-conflict'
          ? 'A higher rule on the same action points the other way without displacing local rules: the outcome is undetermined.'
          : 'No higher rule on this action in force on that date points the other way.'
  }
  if (bans.length && (status === 'stands' || status === 'open-conflict' || status === 'partly-overridden')) {
    status = status === 'partly-overridden' ? status : 'barred-by-preemption'
    explanation += ' A state ban on local limits is in force; the registry records it as displacing local rules. Whether this clause falls within the ban is for its text and the courts; the ban is quoted below.'
  }
  citations = [...citations, ...cite(bans.map((b) => b.id)).filter((c) => !citations.some((x) => x.provision === c.provision))]
  return { provision: p.id, clause: p.clause ?? null, clauseTitle: info?.title ?? null, action: p.action, effect: p.effect, status, method, explanation, probes, citations }
}

function ruleCases(engine: Engine, layered: LayeredDraft, draft: Draft): DraftRuleCase[] {
  const day = parseDay(layered.date)!
  const before = new Date((day - 1) * 86_400_000).toISOString().slice(0, 10)
  const out: DraftRuleCase[] = []
  const seen = new Set<string>()
  for (const p of draft.provisions) {
    const q = QUESTION_OF[p.action]
    if (!q) continue
    for (const probe of probesFor(p, layered.registry, layered.date, custodyFor(layered.level))) {
      for (const [date, when] of [[before, 'the day before the draft takes effect'], [layered.date, 'the day it takes effect']] as const) {
        const key = `${q}|${date}|${JSON.stringify(probe.facts)}`
        if (seen.has(key)) continue
        seen.add(key)
        const ev = engine.evaluate({ jurisdiction: layered.jurisdiction, date, ...probe.facts })
        out.push({ name: `${p.id}: ${probe.label}, ${when}`, jurisdiction: layered.jurisdiction, date, case: probe.facts as Record<string, unknown>, expect: { [q]: ev.answers[q].value } })
      }
    }
  }
  return out
}

function fundingRisk(federal: FederalData, lawEngine: Engine, draftEngine: Engine, jurisdiction: string, date: string): FundingRisk {
  const view = jurisdictionFederal(federal, draftEngine, jurisdiction, date)
  const law = conflictsFor(federal, lawEngine, jurisdiction, date)
  return {
    circuit: view.circuit,
    circuitName: view.circuitName,
    conditions: view.conditions.map((c) => ({ draft: c, lawInForce: law.find((x) => x.condition.id === c.condition.id)?.conflict ?? 'undetermined' })),
    lists: view.listed.map((l) => {
      const list = federal.lists.get(l.list)
      return {
        list: l.list,
        title: l.listTitle,
        via: l.via,
        published: l.listPublished,
        withdrawn: l.listWithdrawn,
        criteria: list && list.criteria.kind === 'known' ? list.criteria.value : null,
        printedAs: l.name,
      }
    }),
    rulings: view.rulings,
  }
}

/**
 * Checks a draft for a jurisdiction on a date: preemption, funding risk (when federal data is
 * given) and rule cases. Throws `invalid-input` naming the field for a bad jurisdiction or date.
 *
 * @example
 * ```ts
 * const check = checkDraft({ registry, engineVersion: '0.1.0', federal }, draft, 'ocd-division/country:us/state:tx/county:travis', '2018-06-01')
 * check.clauses[0].status // 'overridden'
 * ```
 */
export function checkDraft(ctx: CheckContext, draft: Draft, jurisdiction: string, date: string): DraftCheck & { readonly engine: Engine; readonly layered: LayeredDraft } {
  const layered = layerDraft(ctx.registry, draft, jurisdiction, date, ctx.draftUrl)
  const engine = createEngine(layered.registry, { version: ctx.engineVersion })
  const higher = higherInForce(layered.registry, jurisdiction, parseDay(date)!)
  const clauses = draft.provisions.map((p) => checkClause({ registry: layered.registry, engine, layered, higher }, p))
  const summary = { stands: 0, overridden: 0, 'partly-overridden': 0, 'open-conflict': 0, 'barred-by-preemption': 0 } as Record<ClauseStatus, number>
  for (const c of clauses) summary[c.status]++
  const lawEngine = ctx.lawEngine ?? createEngine(ctx.registry, { version: ctx.engineVersion })
  return {
    kind: 'draft-check',
    jurisdiction,
    jurisdictionName: layered.jurisdictionName,
    date,
    draft: { id: draft.id, title: draft.title, clauses: draft.provisions.length },
    setAside: layered.setAside,
    clauses,
    summary,
    funding: ctx.federal ? fundingRisk(ctx.federal, lawEngine, engine, jurisdiction, date) : null,
    ruleCases: ruleCases(engine, layered, draft),
    registryVersion: layered.registry.version,
    engineVersion: ctx.engineVersion,
    engine,
    layered,
  }
}
