/**
 * Read models of the federal data for the API, pages and downloads: the overview (lists with their
 * counts, conditions, rulings as a timeline), one jurisdiction's federal view (the lists that named
 * it beside what the registry's law said that day, the conditions and whether its law conflicts,
 * the rulings that bind it, actions and money), the engine's answers that feed the conflict check,
 * and CSV tables.
 */
import { parseDay } from '../dates/index.ts'
import { resolveLayers, type Engine, type Evaluation } from '../engine/index.ts'
import { csvField, templateFacts } from '../answers/index.ts'
import { labelFromOcdId, parseOcdId } from '../ocd/index.ts'
import { provisionInForce, type Registry } from '../registry/index.ts'
import { circuitName, circuitOf, cite, conditionConflict, scopeCovers, type ConditionConflict, type LawAnswers, type RulingCitation, type SharingProvision } from './conflict.ts'
import type { FederalData, FederalList, ListEntry, Ruling } from './model.ts'

const dateText = (d: { kind: string; text?: string }): string | null => (d.kind === 'unknown' ? null : (d as { text: string }).text)

/**
 * The engine's answers for the conflict check: notify and interview for a person with no record
 * held on an administrative detainer (a city jail for a place, a county jail otherwise), and the
 * information-sharing provisions in force in the jurisdiction's chain.
 *
 * @example
 * ```ts
 * lawAnswers(engine, 'ocd-division/country:us/state:il/county:cook', '2019-06-01').notify.value // 'prohibited'
 * ```
 */
export function lawAnswers(engine: Engine, jurisdictionId: string, date: string): LawAnswers {
  const place = parseOcdId(jurisdictionId)?.level === 'place'
  const facts = { ...templateFacts('no-record', date), custody: place ? ('city-jail' as const) : ('county-jail' as const) }
  const ev = engine.evaluate({ jurisdiction: jurisdictionId, date, ...facts })
  const label = `a person with no criminal record held in a ${place ? 'city' : 'county'} jail on an administrative detainer (I-247A)`
  return { facts: label, notify: ev.answers.notify, interview: ev.answers.interview, informationSharing: sharingInForce(engine.registry, jurisdictionId, date) }
}

/** The information-sharing provisions in force (or possibly in force) in a jurisdiction's chain on a date. */
function sharingInForce(registry: Registry, jurisdictionId: string, date: string): SharingProvision[] {
  const day = parseDay(date)!
  const sharing: SharingProvision[] = []
  for (const layer of resolveLayers(registry, jurisdictionId)) {
    for (const e of layer.jurisdiction?.enactments ?? []) {
      for (const p of e.provisions) {
        if (p.action !== 'information-sharing') continue
        const t = provisionInForce(p, e, day)
        if (t.kind === 'no') continue
        sharing.push({ provision: p.id, enactment: e.id, jurisdiction: p.jurisdictionId, effect: p.effect, summary: p.summary, inForce: t.kind, url: p.sources[0]!.url, quote: p.sources[0]!.quote })
      }
    }
  }
  return sharing
}

/**
 * The funding consequence of one evaluated case: each grant condition announced by the case's
 * date, whether the law's answers *for this case* conflict with it, and whether it was
 * enforceable against the jurisdiction that day (the rulings that bind it).
 *
 * @example
 * ```ts
 * fundingForEvaluation(federal, engine, engine.evaluate(chicagoCase))[0].explanation
 * // "FY2017 Byrne JAG notice condition — Chicago, 2018-06-01. Law: … Enforceability: … enjoined …"
 * ```
 */
export function fundingForEvaluation(federal: FederalData, engine: Engine, ev: Evaluation): ConditionConflict[] {
  const answers: LawAnswers = { facts: 'the case as given', notify: ev.answers.notify, interview: ev.answers.interview, informationSharing: sharingInForce(engine.registry, ev.jurisdiction, ev.date) }
  const day = parseDay(ev.date)!
  return [...federal.conditions.values()]
    .filter((c) => c.announced.kind === 'unknown' || (c.announced.kind === 'exact' ? c.announced.day : c.announced.earliest) <= day)
    .map((c) => conditionConflict({ id: ev.jurisdiction, name: ev.jurisdictionName }, c, ev.date, answers, federal))
}

/**
 * An evaluation with its funding consequence: `funding` (see {@link fundingForEvaluation}) and the
 * explanation followed by the same in words. What `?funding=true` and `--funding` return.
 *
 * @example
 * ```ts
 * withFunding(federal, engine, engine.evaluate(chicagoCase)).explanation.includes('Federal grant conditions') // true
 * ```
 */
export function withFunding(federal: FederalData, engine: Engine, ev: Evaluation): Evaluation & { readonly funding: readonly ConditionConflict[] } {
  const funding = fundingForEvaluation(federal, engine, ev)
  return { ...ev, funding, explanation: `${ev.explanation.trimEnd()}\n\n${fundingText(funding)}\n` }
}

/** The funding consequences in words, as a paragraph to append to an explanation. */
export function fundingText(conflicts: readonly ConditionConflict[]): string {
  if (!conflicts.length) return 'Federal grant conditions: none had been announced by this date.'
  return ['Federal grant conditions (what this case\'s answers mean for them):', ...conflicts.map((c) => c.explanation)].join('\n\n')
}

/** Every condition's conflict and enforceability for one jurisdiction on one date. */
export function conflictsFor(federal: FederalData, engine: Engine, jurisdictionId: string, date: string): ConditionConflict[] {
  const answers = lawAnswers(engine, jurisdictionId, date)
  const name = engine.registry.jurisdictions.get(jurisdictionId)?.name ?? labelFromOcdId(jurisdictionId)
  return [...federal.conditions.values()].map((c) => conditionConflict({ id: jurisdictionId, name }, c, date, answers, federal))
}

export interface ListSummary {
  readonly id: string
  readonly title: string
  readonly publisher: string
  readonly listKind: string
  readonly published: string | null
  readonly withdrawn: string | null
  readonly authority: string | null
  readonly criteria: string | null
  readonly statedCount: number | null
  readonly statedCountUnknown: string | null
  readonly recordedEntries: number
  readonly matchedEntries: number
  readonly unmatchedEntries: number
  readonly complete: boolean
  readonly summary: string
  readonly sources: readonly { readonly url: string; readonly quote: string }[]
  readonly disagreements: readonly { readonly about: string; readonly claims: readonly string[] }[]
}

export function listSummary(l: FederalList): ListSummary {
  const matched = l.entries.filter((e) => e.match.kind === 'matched').length
  return {
    id: l.id,
    title: l.title,
    publisher: l.publisher,
    listKind: l.listKind,
    published: dateText(l.published),
    withdrawn: l.withdrawn ? (dateText(l.withdrawn.date) ?? 'unknown') : null,
    authority: l.authority ?? null,
    criteria: l.criteria.kind === 'known' ? l.criteria.value : null,
    statedCount: l.statedCount.kind === 'known' ? l.statedCount.value : null,
    statedCountUnknown: l.statedCount.kind === 'unknown' ? l.statedCount.reason : null,
    recordedEntries: l.entries.length,
    matchedEntries: matched,
    unmatchedEntries: l.entries.length - matched,
    complete: l.complete,
    summary: l.summary,
    sources: l.sources.map((s) => ({ url: s.url, quote: s.quote })),
    disagreements: l.disagreements.map((d) => ({ about: d.about, claims: d.claims.map((c) => c.claim) })),
  }
}

export interface EntryView {
  readonly list: string
  readonly name: string
  readonly heading: string | null
  readonly jurisdiction: string | null
  readonly jurisdictionName: string | null
  readonly inRegistry: boolean
  readonly unmatchedReason: string | null
  readonly flags: readonly { readonly flag: string; readonly note: string }[]
  readonly claim: string | null
  readonly url: string
  readonly quote: string
}

export function entryView(e: ListEntry, registry: Registry): EntryView {
  const id = e.match.kind === 'matched' ? e.match.jurisdictionId : null
  return {
    list: e.listId,
    name: e.name,
    heading: e.heading ?? null,
    jurisdiction: id,
    jurisdictionName: id ? (registry.jurisdictions.get(id)?.name ?? labelFromOcdId(id)) : null,
    inRegistry: id ? registry.jurisdictions.has(id) : false,
    unmatchedReason: e.match.kind === 'unmatched' ? e.match.reason : null,
    flags: e.flags.map((f) => ({ flag: f.flag, note: f.note })),
    claim: e.claim ?? null,
    url: e.sources[0]!.url,
    quote: e.sources[0]!.quote,
  }
}

export interface RulingView extends RulingCitation {
  readonly stage: string
  readonly level: string
  readonly enBanc: boolean
  readonly docket: string | null
  readonly parties: readonly string[]
  readonly holdings: readonly { readonly conditions: readonly string[]; readonly holding: string; readonly summary: string; readonly url: string; readonly quote: string }[]
  readonly injunction: { readonly conditions: readonly string[]; readonly permanent: boolean; readonly periods: readonly { readonly from: string | null; readonly to: string | null; readonly scope: string; readonly note: string | null }[] } | null
  readonly precedentEnds: string | null
  readonly reviews: { readonly ruling: string; readonly disposition: string } | null
  readonly unknowns: readonly { readonly field: string; readonly reason: string }[]
  readonly disagreements: readonly { readonly about: string; readonly claims: readonly string[] }[]
}

function scopeText(s: Ruling['injunction'] extends infer I ? (I extends { periods: readonly (infer P)[] } ? P : never) : never): string {
  const sc = s.scope
  return sc.kind === 'nationwide' ? 'nationwide' : sc.kind === 'stayed' ? 'stayed' : sc.kind === 'parties' ? `parties: ${sc.jurisdictions.join(', ')}` : `${labelFromOcdId(sc.state)} and its political subdivisions`
}

export function rulingView(r: Ruling): RulingView {
  return {
    ...cite(r),
    stage: r.stage,
    level: r.courtLevel,
    enBanc: r.enBanc,
    docket: r.docket ?? null,
    parties: r.parties,
    holdings: r.holdings.map((h) => ({ conditions: h.conditions, holding: h.holding, summary: h.summary, url: h.sources[0]!.url, quote: h.sources[0]!.quote })),
    injunction: r.injunction
      ? { conditions: r.injunction.conditions, permanent: r.injunction.permanent, periods: r.injunction.periods.map((p) => ({ from: dateText(p.from), to: p.to ? (dateText(p.to) ?? 'unknown') : null, scope: scopeText(p), note: p.note ?? null })) }
      : null,
    precedentEnds: r.precedentEnds ? (dateText(r.precedentEnds.date) ?? 'unknown') : null,
    reviews: r.reviews ?? null,
    unknowns: r.unknowns,
    disagreements: r.disagreements.map((d) => ({ about: d.about, claims: d.claims.map((c) => c.claim) })),
  }
}

/** Rulings sorted as a timeline (unknown dates last). */
export function rulingsTimeline(federal: FederalData): RulingView[] {
  const key = (r: Ruling) => (r.decided.kind === 'exact' ? r.decided.day : r.decided.kind === 'partial' ? r.decided.earliest : Number.MAX_SAFE_INTEGER)
  return [...federal.rulings.values()].sort((a, b) => key(a) - key(b)).map(rulingView)
}

export function conditionView(federal: FederalData, id: string) {
  const c = federal.conditions.get(id)!
  return {
    id: c.id,
    program: federal.programs.get(c.programId)?.name ?? c.programId,
    fiscalYear: c.fiscalYear,
    conditionKind: c.conditionKind,
    test: c.test,
    title: c.title,
    summary: c.summary,
    announced: dateText(c.announced),
    sources: c.sources.map((s) => ({ url: s.url, quote: s.quote })),
    rulings: [...federal.rulings.values()].filter((r) => r.holdings.some((h) => h.conditions.includes(id)) || r.injunction?.conditions.includes(id)).map((r) => cite(r, id)),
  }
}

export interface FederalOverview {
  readonly kind: 'federal-overview'
  readonly lists: readonly ListSummary[]
  readonly conditions: readonly ReturnType<typeof conditionView>[]
  readonly rulings: readonly RulingView[]
  readonly funding: readonly ReturnType<typeof fundingView>[]
}

export function federalOverview(federal: FederalData): FederalOverview {
  const published = (l: FederalList) => (l.published.kind === 'exact' ? l.published.day : l.published.kind === 'partial' ? l.published.earliest : 0)
  return {
    kind: 'federal-overview',
    lists: [...federal.lists.values()].sort((a, b) => published(a) - published(b)).map(listSummary),
    conditions: [...federal.conditions.keys()].map((id) => conditionView(federal, id)),
    rulings: rulingsTimeline(federal),
    funding: [...federal.funding.values()].map(fundingView),
  }
}

export function fundingView(f: FederalData['funding'] extends ReadonlyMap<string, infer V> ? V : never) {
  return {
    id: f.id,
    jurisdictions: f.jurisdictions,
    program: f.program,
    fiscalYear: f.fiscalYear.kind === 'known' ? f.fiscalYear.value : null,
    amount: f.amount.kind === 'known' ? f.amount.value : null,
    amountUnknown: f.amount.kind === 'unknown' ? f.amount.reason : null,
    amountKind: f.amountKind,
    basis: f.basis ?? null,
    summary: f.summary,
    url: f.sources[0]!.url,
    quote: f.sources[0]!.quote,
    reliability: f.sources[0]!.reliability ?? null,
    disagreements: f.disagreements.map((d) => ({ about: d.about, claims: d.claims.map((c) => c.claim) })),
  }
}

/** Why a ruling bears on a jurisdiction. */
export type BindingReason = 'party' | 'circuit-precedent' | 'injunction-scope'

export interface JurisdictionFederal {
  readonly kind: 'jurisdiction-federal'
  readonly jurisdiction: string
  readonly name: string
  readonly date: string
  readonly circuit: string | null
  readonly circuitName: string | null
  readonly listed: readonly (EntryView & { readonly via: 'self' | 'state'; readonly listTitle: string; readonly listPublished: string | null; readonly listWithdrawn: string | null; readonly lawOnListDate: { readonly date: string; readonly hold: string; readonly notify: string; readonly interview: string } | null })[]
  readonly conditions: readonly ConditionConflict[]
  readonly rulings: readonly (RulingView & { readonly binds: readonly BindingReason[] })[]
  readonly actions: readonly { readonly id: string; readonly actionKind: string; readonly date: string | null; readonly actor: string; readonly official: string | null; readonly summary: string; readonly outcome: string | null; readonly outcomeUnknown: string | null; readonly url: string; readonly quote: string }[]
  readonly funding: readonly ReturnType<typeof fundingView>[]
}

/**
 * One jurisdiction's federal view as of a date.
 *
 * @example
 * ```ts
 * jurisdictionFederal(federal, engine, 'ocd-division/country:us/state:il/place:chicago', '2019-06-01').rulings.map((r) => r.ruling)
 * ```
 */
export function jurisdictionFederal(federal: FederalData, engine: Engine, jurisdictionId: string, date: string): JurisdictionFederal {
  const registry = engine.registry
  const ocd = parseOcdId(jurisdictionId)
  const stateId = ocd && (ocd.level === 'county' || ocd.level === 'place') ? ocd.ancestors[1] : undefined
  const circuit = circuitOf(federal, jurisdictionId) ?? null
  const listed: JurisdictionFederal['listed'][number][] = []
  for (const l of federal.lists.values()) {
    for (const e of l.entries) {
      if (e.match.kind !== 'matched') continue
      const via = e.match.jurisdictionId === jurisdictionId ? 'self' : e.match.jurisdictionId === stateId ? 'state' : undefined
      if (!via) continue
      const on = l.published.kind === 'exact' ? l.published.text : null
      let law: JurisdictionFederal['listed'][number]['lawOnListDate'] = null
      if (on && via === 'self') {
        const a = lawAnswers(engine, jurisdictionId, on)
        const hold = engine.evaluate({ jurisdiction: jurisdictionId, date: on, ...templateFacts('no-record', on), custody: ocd?.level === 'place' ? 'city-jail' : 'county-jail' }).answers.hold.value
        law = { date: on, hold, notify: a.notify.value, interview: a.interview.value }
      }
      listed.push({ ...entryView(e, registry), via, listTitle: l.title, listPublished: dateText(l.published), listWithdrawn: l.withdrawn ? (dateText(l.withdrawn.date) ?? 'unknown') : null, lawOnListDate: law })
    }
  }
  const rulings: JurisdictionFederal['rulings'][number][] = []
  for (const r of rulingsTimeline(federal)) {
    const ruling = federal.rulings.get(r.ruling)!
    const binds: BindingReason[] = []
    if (ruling.parties.includes(jurisdictionId)) binds.push('party')
    if ((ruling.courtLevel === 'appeals' && ruling.circuit === circuit) || ruling.courtLevel === 'supreme') binds.push('circuit-precedent')
    if (ruling.injunction?.periods.some((p) => p.scope.kind !== 'parties' && scopeCovers(p.scope, jurisdictionId))) binds.push('injunction-scope')
    if (binds.length) rulings.push({ ...r, binds })
  }
  const actions = [...federal.actions.values()].flatMap((a) =>
    a.targets
      .filter((t) => t.match.kind === 'matched' && t.match.jurisdictionId === jurisdictionId)
      .map((t) => ({
        id: a.id,
        actionKind: a.actionKind,
        date: dateText(a.date),
        actor: a.actor,
        official: t.official ?? null,
        summary: a.summary,
        outcome: a.outcome.kind === 'known' ? a.outcome.value : null,
        outcomeUnknown: a.outcome.kind === 'unknown' ? a.outcome.reason : null,
        url: a.sources[0]!.url,
        quote: a.sources[0]!.quote,
      })),
  )
  return {
    kind: 'jurisdiction-federal',
    jurisdiction: jurisdictionId,
    name: registry.jurisdictions.get(jurisdictionId)?.name ?? labelFromOcdId(jurisdictionId),
    date,
    circuit,
    circuitName: circuit ? circuitName(circuit) : null,
    listed,
    conditions: conflictsFor(federal, engine, jurisdictionId, date),
    rulings,
    actions,
    funding: [...federal.funding.values()].filter((f) => f.jurisdictions.includes(jurisdictionId)).map(fundingView),
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

export const LIST_ENTRY_CSV_COLUMNS = ['list', 'list_title', 'published', 'withdrawn', 'heading', 'name', 'jurisdiction', 'in_registry', 'unmatched_reason', 'flags', 'claim', 'source_url', 'source_quote'] as const
export const RULING_CSV_COLUMNS = ['ruling', 'case', 'court', 'circuit', 'level', 'stage', 'decided', 'citation', 'holdings', 'injunction', 'precedent_ends', 'source_url', 'source_quote'] as const

function csv(columns: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return [columns.join(','), ...rows.map((r) => r.map((v) => csvField(v === null ? '' : String(v))).join(','))].join('\r\n') + '\r\n'
}

export function listEntriesCsv(federal: FederalData, registry: Registry): string {
  const rows: (string | number | boolean | null)[][] = []
  for (const l of federal.lists.values()) {
    const s = listSummary(l)
    for (const e of l.entries) {
      const v = entryView(e, registry)
      rows.push([l.id, l.title, s.published, s.withdrawn, v.heading, v.name, v.jurisdiction, v.inRegistry, v.unmatchedReason, v.flags.map((f) => f.flag).join(';'), v.claim, v.url, v.quote])
    }
  }
  return csv(LIST_ENTRY_CSV_COLUMNS, rows)
}

export function rulingsCsv(federal: FederalData): string {
  return csv(
    RULING_CSV_COLUMNS,
    rulingsTimeline(federal).map((r) => [
      r.ruling,
      r.case,
      r.court,
      r.circuit,
      r.level,
      r.stage,
      r.decided,
      r.citation,
      r.holdings.map((h) => `${h.conditions.join('+')}:${h.holding}`).join(';'),
      r.injunction ? r.injunction.periods.map((p) => `${p.from ?? 'unknown'}..${p.to ?? ''} ${p.scope}`).join(';') : null,
      r.precedentEnds,
      r.url,
      r.quote,
    ]),
  )
}
