/**
 * The pages as functions of a request: each takes the site context (engine, gazetteer, search
 * index, today) and the query, calls the same pure core functions the API uses, and returns the
 * page to render (status, title, the component's output, its hydration data) or a redirect.
 * Server only; no I/O.
 */
import { changesFor, changeWords, type Changelog } from '../../core/changelog/index.ts'
import type { ChangesView } from '../components/changes.tsx'
import type { WhoDecidesView } from '../components/who-decides.tsx'
import type { VNode } from 'preact'
import {
  CASE_TEMPLATES,
  compareJurisdictions,
  describeDivision,
  inForceProvisions,
  isTemplateId,
  jurisdictionDetail,
  layerRefs,
  assumedFacts,
  changedAssumptions,
  parseAssumptions,
  templateAssumptions,
  templateById,
  templateCase,
  type Assumptions,
  type Answers,
  type Gazetteer,
} from '../../core/answers/index.ts'
import { requireDivisionId, searchAll, type NameIndex, type ZipShare } from '../../core/names/index.ts'
import type { NameChoiceLink } from '../components/name-choices.tsx'
import { choiceLinks, pickJurisdiction, stateOfId, type PickOutcome } from './name-picks.ts'
import { parseDay } from '../../core/dates/index.ts'
import { resolveLayers, type Engine, type Evaluation } from '../../core/engine/index.ts'
import { AppError, toAppError } from '../../core/errors/index.ts'
import { lastVerified, type PublicCorrection } from '../../core/corrections/index.ts'
import { parseOcdId } from '../../core/ocd/index.ts'
import { countRegistry, enactmentView, OFFENSE_CATEGORIES, type Registry } from '../../core/registry/index.ts'
import type { PickedJurisdiction } from '../components/jurisdiction-picker.tsx'
import { timelineOf, type LayerEnactment } from '../components/timeline.ts'
import { ComparePage, type ComparePageProps } from '../pages/compare-page.tsx'
import { DownloadsPage } from '../pages/downloads-page.tsx'
import { EvaluatePage, type EvaluatePageProps } from '../pages/evaluate-page.tsx'
import { JurisdictionPage, type InForceProvision, type JurisdictionPageProps, type OverrideView } from '../pages/jurisdiction-page.tsx'
import { compactAnswersUrl, MapPage, type MapPageProps } from '../pages/map-page.tsx'
import { answersPlacesUrl } from '../shared/compact-answers.ts'
import { MessagePage } from '../pages/message-page.tsx'
import { SearchPage, type SearchPageProps } from '../pages/search-page.tsx'
import { caseToForm, emptyCaseForm, formFromQuery, formToCase } from '../shared/case-form.ts'
import { decodeCase, encodeCase } from '../shared/case-url.ts'
import { mapTable, summarise } from '../shared/map-summary.ts'
import { countOf, dateWords, jurisdictionPath, MAP_FIRST_DATE, QUESTION_IDS, type QuestionId } from '../shared/words.ts'
import { entryView, federalOverview, jurisdictionFederal, type FederalData } from '../../core/federal/index.ts'
import { FederalPage } from '../components/federal.tsx'
import type { NavKey, PageEntry } from './document.tsx'
import { unplacedCities } from './unplaced.ts'
import { answersDescription, caseDescription, compareDescription, type ShareTarget } from './share.ts'

/** What every page may read. */
export interface SiteContext {
  readonly engine: Engine
  /** The federal lists, conditions and rulings, when loaded. */
  readonly federal?: FederalData
  readonly gazetteer: Gazetteer
  /** The one name resolver (registry, gazetteer, Census places, laws). */
  readonly names: NameIndex
  /** ZIP areas of this request's five-digit values (from the officials directory), when it has them. */
  readonly zips?: ReadonlyMap<string, readonly ZipShare[]>
  /** Today as YYYY-MM-DD (UTC); a function so tests can fix it. */
  readonly today: () => string
  /** The map's answers (the server's cached copy; `answersFor` in tests). Throws invalid-input. */
  readonly answers: (date: string, action: string, template: string, assume?: Assumptions) => Answers
  /** The id of the places list the map's compact answers index into (`GET /api/v1/answers/places`), when the server has one. */
  readonly answersPlacesId?: () => string
  /** The registry's change log, when the server has one (the jurisdiction pages' "Changes"). */
  readonly changelog?: Changelog
}

export type Query = Readonly<Record<string, string | undefined>>

/** A jurisdiction's suggested corrections (public views) and the token for the correction forms. */
export interface JurisdictionCorrections {
  readonly csrf: string
  readonly items: readonly PublicCorrection[]
}

/** A page to render, or a redirect. */
export type PageResult =
  | {
      readonly kind: 'page'
      readonly status: number
      readonly title: string
      readonly description: string
      readonly nav: NavKey
      /** The client bundle, or null for a page with no script. */
      readonly entry: PageEntry | null
      readonly body: VNode
      readonly data: unknown
      readonly canonical?: string
      /** What the link preview's image shows (default: the nation's map), and on which date (default today). */
      readonly share?: ShareTarget
      readonly shareDate?: string
      /** Same-origin URLs the page's script fetches at once (preloaded). */
      readonly fetches?: readonly string[]
    }
  | { readonly kind: 'redirect'; readonly status: 303; readonly location: string }

function messagePage(status: number, title: string, message: string): PageResult {
  return { kind: 'page', status, title, description: message, nav: 'none', entry: null, body: <MessagePage title={title} message={message} />, data: null }
}

/**
 * The page for an error: 404 for not-found, 400 for invalid input, 500 otherwise (no details).
 *
 * @example
 * ```ts
 * errorPage(new AppError('not-found', 'no jurisdiction "x"')).status // 404
 * ```
 */
export function errorPage(thrown: unknown): PageResult {
  const e = toAppError(thrown)
  if (e.code === 'not-found') return messagePage(404, 'Not found', e.message)
  if (e.code === 'invalid-input') return messagePage(400, 'Bad request', e.message)
  if (e.code === 'unauthorized') return messagePage(401, 'Sign-in needed', e.message)
  if (e.code === 'forbidden') return messagePage(403, 'Not allowed', e.message)
  if (e.code === 'rate-limited') return messagePage(429, 'Too many requests', e.message)
  return messagePage(e.httpStatus, 'Something went wrong', 'The page could not be built. The error has been logged.')
}

function validDate(text: string | undefined, field: string): string | undefined {
  if (text === undefined || text === '') return undefined
  if (parseDay(text) === undefined) throw new AppError('invalid-input', `"${text}" is not a real calendar date (YYYY-MM-DD)`, { field })
  return text
}

// ---------------------------------------------------------------------------------------------
// Map

/**
 * The map page for `?date=&action=&template=&colour=&state=`. Bad parameters give a 400 page.
 *
 * @example
 * ```ts
 * mapPage(ctx, { date: '2019-01-01', action: 'hold' })
 * ```
 */
export function mapPage(ctx: SiteContext, query: Query): PageResult {
  const today = ctx.today()
  const date = validDate(query.date, 'date') ?? today
  if (date < MAP_FIRST_DATE || date > today) throw new AppError('invalid-input', `the map covers ${MAP_FIRST_DATE} to ${today}; "${date}" is outside`, { field: 'date' })
  const action = query.action ?? 'hold'
  if (!(QUESTION_IDS as readonly string[]).includes(action)) throw new AppError('invalid-input', `"${action}" is not an action (one of: ${QUESTION_IDS.join(', ')})`, { field: 'action' })
  const template = query.template ?? 'no-record'
  if (!isTemplateId(template)) throw new AppError('invalid-input', `"${template}" is not a case template (one of: ${CASE_TEMPLATES.map((t) => t.id).join(', ')})`, { field: 'template' })
  const colour = query.colour === 'layer' ? 'layer' : 'value'
  const assume = changedAssumptions(template, parseAssumptions(query))
  const answers = ctx.answers(date, action, template, assume)
  const state = query.state && answers.states.some((s) => s.code === query.state!.toUpperCase()) ? query.state.toUpperCase() : null
  const props: MapPageProps = {
    date,
    action: action as QuestionId,
    template,
    colour,
    state,
    assume,
    assumptions: answers.assumptions,
    facts: answers.facts,
    today,
    templates: CASE_TEMPLATES.map((t) => ({ id: t.id, label: t.label })),
    states: answers.states.map((s) => ({ code: s.code, name: s.name })).sort((a, b) => a.name.localeCompare(b.name)),
    summary: summarise(answers),
    table: mapTable(answers, state),
    unplaced: unplacedCities(ctx.engine.registry, ctx.gazetteer),
    placesUrl: answersPlacesUrl(ctx.answersPlacesId?.() ?? null),
  }
  return {
    kind: 'page',
    status: 200,
    title: 'Map',
    description: 'Every U.S. county coloured by whether a jail may, must or must not hold a person on an ICE detainer, notify ICE, or allow an ICE interview, on any date since 2008, with the laws that decide it.',
    nav: 'map',
    entry: 'map',
    body: <MapPage {...props} />,
    data: props,
    canonical: '/',
    fetches: [props.placesUrl, compactAnswersUrl({ date, action: action as QuestionId, template, assume })],
  }
}

// ---------------------------------------------------------------------------------------------
// Jurisdiction

function inForceOf(ctx: SiteContext, id: string, date: string): JurisdictionPageProps['inForce'] {
  const registry = ctx.engine.registry
  const byAction = new Map<string, InForceProvision[]>()
  for (const [action, provisions] of inForceProvisions(registry, id, parseDay(date)!)) {
    byAction.set(
      action,
      provisions.map(({ missing: _missing, ...p }) => ({ ...p, action, overridesLocal: registry.provisions.get(p.provision)?.overridesLocal ?? false })),
    )
  }
  const order = ['detainer-hold', 'release-notification', 'interview-access']
  return [...byAction.entries()]
    .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b))
    .map(([action, provisions]) => ({ action, provisions }))
}

function overridesOf(evaluations: readonly { template: { label: string }; evaluation: Evaluation }[]): OverrideView[] {
  const found = new Map<string, OverrideView & { templates: string[] }>()
  for (const { template, evaluation } of evaluations) {
    for (const q of QUESTION_IDS) {
      const entries = evaluation.trace.filter((t) => t.question === q)
      const by = entries.filter((t) => t.role === 'overrode').map((t) => ({ provision: t.provision, jurisdiction: t.jurisdiction, layer: t.layer, summary: t.summary }))
      for (const lower of entries.filter((t) => t.role === 'overridden')) {
        const key = `${q}|${lower.provision}`
        const existing = found.get(key)
        if (existing) {
          if (!existing.templates.includes(template.label)) existing.templates.push(template.label)
          continue
        }
        found.set(key, { question: q, templates: [template.label], lower: { provision: lower.provision, jurisdiction: lower.jurisdiction, layer: lower.layer, summary: lower.summary }, by })
      }
    }
  }
  return [...found.values()]
}

const NO_DIRECTORY: WhoDecidesView = { kind: 'unavailable', reason: 'This server has no officials directory connected.' }

const namesCache = new WeakMap<Registry, Readonly<Record<string, string>>>()

/** Every enactment, provision and offense-class id with the name a reader knows it by (a provision's is its enactment's title). */
export function registryNames(registry: Registry): Readonly<Record<string, string>> {
  let names = namesCache.get(registry)
  if (!names) {
    const out: Record<string, string> = {}
    for (const e of registry.enactments.values()) out[e.id] = e.title
    for (const p of registry.provisions.values()) out[p.id] = registry.enactments.get(p.enactmentId)?.title ?? p.summary
    for (const c of registry.offenseClasses.values()) out[c.id] = c.name
    names = Object.freeze(out)
    namesCache.set(registry, names)
  }
  return names
}

/**
 * The enactments of the layers above `id` (federal and state law, and for a city its jail county)
 * with a provision that reaches it: the timeline lists them beside the jurisdiction's own, so every
 * provision the engine applies there, and every one the page lists as in force, has its dates on
 * it. (Court decisions that act only by enjoining another enactment appear as that one's events.)
 */
export function layerEnactments(registry: Registry, id: string): LayerEnactment[] {
  return resolveLayers(registry, id)
    .filter((l) => l.jurisdiction && l.id !== id)
    .flatMap((l) =>
      l.jurisdiction!.enactments
        .filter((e) => e.provisions.length > 0)
        .map((e) => ({ layer: l.layer, jurisdiction: l.jurisdiction!.id, name: l.jurisdiction!.name, enactment: enactmentView(e) })),
    )
}

/**
 * The page of one jurisdiction by OCD ID, as of `?date=` (default today). Throws `not-found` for
 * an ID that is neither in the registry nor a state or county the gazetteer knows.
 *
 * @example
 * ```ts
 * jurisdictionPage(ctx, 'ocd-division/country:us/state:il/county:cook', {})
 * ```
 */
export function jurisdictionPage(ctx: SiteContext, id: string, query: Query, whoDecides: WhoDecidesView = NO_DIRECTORY, corrections?: JurisdictionCorrections): PageResult {
  const props = jurisdictionProps(ctx, id, query, whoDecides, corrections)
  const { date, enactments } = props
  return {
    kind: 'page',
    status: 200,
    title: props.j.name,
    description: answersDescription(
      props.j.name,
      date,
      props.answers[0]!.answers,
      enactments.length > 0 ? `${countOf(enactments.length, 'enactment', 'enactments')} of its own in the registry, each with its sources.` : 'No law of its own in the registry; the answers come from the law above it.',
    ),
    share: { kind: 'jurisdiction', id },
    ...(query.date ? { shareDate: date } : {}),
    nav: 'none',
    entry: props.timeline.segments.length > 0 ? 'jurisdiction' : null,
    body: <JurisdictionPage {...props} />,
    data: { timeline: props.timeline, today: props.today },
    canonical: jurisdictionPath(id),
  }
}

/**
 * What a jurisdiction page shows, as data (the page, its print view and its PDF all render this).
 * Throws like {@link jurisdictionPage}.
 *
 * @example
 * ```ts
 * jurisdictionProps(ctx, 'ocd-division/country:us/state:il/county:cook', { date: '2016-06-01' }).answers.length // 4
 * ```
 */
export function jurisdictionProps(ctx: SiteContext, id: string, query: Query, whoDecides: WhoDecidesView = NO_DIRECTORY, corrections?: JurisdictionCorrections): JurisdictionPageProps {
  const registry = ctx.engine.registry
  const today = ctx.today()
  const date = validDate(query.date, 'date') ?? today
  if (!registry.jurisdictions.has(id) && id.startsWith('ocd-division/')) requireDivisionId(ctx.names, id, 'id')
  const detail = jurisdictionDetail(registry, ctx.gazetteer, id)
  const file = registry.jurisdictions.get(id)
  const custody = detail.level === 'place' ? 'city-jail' : 'county-jail'
  const assume = parseAssumptions(query)
  const evaluations = CASE_TEMPLATES.map((t) => {
    const c = templateCase({ template: t.id, jurisdiction: id, date, assume })
    return { template: { id: t.id, label: t.label }, case: c, assumes: templateAssumptions(t.id, assume).map((a) => a.words).join('; '), evaluation: ctx.engine.evaluate(c) }
  })
  const jail = file?.jailCounty
  const jailCounty =
    jail === undefined ? null : jail.kind === 'unknown' ? { unknown: jail.reason } : { id: jail.value, name: describeDivisionSafe(ctx, jail.value) }
  const enactments = detail.inRegistry ? detail.enactments : []
  const names = registryNames(registry)
  const reviews = (corrections?.items ?? []).filter((c) => c.decidedOn !== null).map((c) => ({ provision: c.provision, decidedOn: c.decidedOn! }))
  const props: JurisdictionPageProps = {
    ...(file ? { lastVerified: lastVerified(file, reviews) } : {}),
    ...(corrections && file
      ? {
          corrections: {
            byProvision: Object.fromEntries(
              file.enactments.flatMap((e) => e.provisions).map((p) => [p.id, { csrf: corrections.csrf, items: corrections.items.filter((c) => c.provision === p.id), verified: lastVerified(file, reviews, p.id) }]),
            ),
          },
        }
      : {}),
    today,
    date,
    j: {
      id,
      name: detail.name,
      level: detail.level,
      state: detail.state ? detail.state.toUpperCase() : null,
      inRegistry: detail.inRegistry,
      consolidated: detail.inRegistry ? detail.consolidated : false,
      aliases: detail.inRegistry ? detail.aliases : [],
      confidence: detail.inRegistry ? detail.confidence : null,
      confidenceNote: detail.inRegistry ? detail.confidenceNote : null,
      geoid: detail.inRegistry ? (ctx.gazetteer.countyByJurisdiction.get(id)?.geoid ?? (detail.geoid && typeof detail.geoid === 'object' && 'code' in detail.geoid ? detail.geoid.code : null)) : detail.geoid,
      note: detail.inRegistry ? null : detail.note,
      jailCounty,
      notes: detail.inRegistry ? detail.notes : [],
      disagreements: detail.inRegistry ? detail.disagreements : [],
      unknowns: detail.inRegistry ? detail.unknowns : [],
      searches: detail.inRegistry ? detail.searches : [],
    },
    layers: layerRefs(registry, ctx.gazetteer, id),
    changes: ctx.changelog ? changesView(ctx.changelog, id) : null,
    custody,
    answers: evaluations.map((e) => ({ template: e.template, answers: e.evaluation.answers, case: e.case, assumes: e.assumes })),
    inForce: inForceOf(ctx, id, date),
    overrides: overridesOf(evaluations),
    places: ctx.gazetteer.countyByJurisdiction.get(id)?.places ?? [],
    unplaced: unplacedFor(ctx, id, detail.level, detail.state),
    enactments,
    names,
    timeline: timelineOf([...enactments, ...layerEnactments(registry, id)], today, names),
    whoDecides,
    federal: ctx.federal ? jurisdictionFederal(ctx.federal, ctx.engine, id, date) : null,
  }
  return props
}

/**
 * The `/federal` page: every list with its counts and sources, the grant conditions, the
 * litigation as a timeline and the money recorded. 404 when no federal data is loaded.
 */
export function federalPage(ctx: SiteContext): PageResult {
  if (!ctx.federal) throw new AppError('not-found', 'no federal data is loaded')
  const registry = ctx.engine.registry
  const entries = Object.fromEntries([...ctx.federal.lists.values()].map((l) => [l.id, l.entries.map((e) => entryView(e, registry))]))
  return {
    kind: 'page',
    status: 200,
    title: 'Federal pressure: lists, grant conditions, rulings',
    description: 'Federal lists of sanctuary jurisdictions as published, the FY2017 Byrne JAG conditions, and the court rulings on them, with sources.',
    nav: 'none',
    entry: null,
    body: <FederalPage o={federalOverview(ctx.federal)} entries={entries} />,
    data: null,
    canonical: '/federal',
  }
}

/**
 * For a county or a state: the registry cities of its state with their own law whose jail county is
 * not recorded, each marked when its registry entry names this county.
 */
function unplacedFor(ctx: SiteContext, id: string, level: string, state: string | null): JurisdictionPageProps['unplaced'] {
  if ((level !== 'county' && level !== 'state' && level !== 'district') || !state) return []
  const geoid = ctx.gazetteer.countyByJurisdiction.get(id)?.geoid ?? null
  return unplacedCities(ctx.engine.registry, ctx.gazetteer)
    .filter((c) => c.state === state.toUpperCase() && c.jurisdiction !== id)
    .map((c) => ({ jurisdiction: c.jurisdiction, name: c.name, reason: c.reason, namesThisCounty: geoid !== null && level === 'county' && c.counties.includes(geoid) }))
}

function describeDivisionSafe(ctx: SiteContext, id: string): string {
  try {
    return describeDivision(ctx.engine.registry, ctx.gazetteer, id).name
  } catch {
    return id
  }
}

// ---------------------------------------------------------------------------------------------
// Compare

/**
 * The compare page for `?ids=a,b[,c,d]&date=`; a plain form submission (`j1`…`j4`, `j1Name`…) is
 * resolved and redirected to that URL.
 *
 * @example
 * ```ts
 * comparePage(ctx, { ids: 'ocd-division/country:us/state:ca,ocd-division/country:us/state:tx', date: '2019-01-01' })
 * ```
 */
export function comparePage(ctx: SiteContext, query: Query): PageResult {
  const today = ctx.today()
  const date = validDate(query.date, 'date') ?? today
  const slotKeys = [1, 2, 3, 4].filter((i) => query[`j${i}`] !== undefined || query[`j${i}Name`] !== undefined)
  if (slotKeys.length > 0 && query.ids === undefined) {
    // The state of the page: the states of the slots whose picker already holds a jurisdiction.
    const fixed = slotKeys.map((i) => stateOfId(ctx, query[`j${i}`])).filter((s): s is string => s !== null)
    const outcomes = slotKeys.map((i) => {
      const others = fixed.filter((_, k) => slotKeys[k] !== i)
      return { i, outcome: pickJurisdiction(ctx, query[`j${i}`], query[`j${i}Name`], others[0] ?? fixed[0] ?? null) }
    })
    // A name typed beside a resolved one prefers that one's state ("Harris County" then "Houston": both in Texas).
    const first = outcomes.findIndex((o) => o.outcome.kind === 'picked' && o.outcome.state !== null)
    const firstState = first >= 0 && outcomes[first]!.outcome.kind === 'picked' ? outcomes[first]!.outcome.state : null
    const settled = outcomes.map((o, k) =>
      fixed.length === 0 && firstState && k !== first && o.outcome.kind !== 'empty' ? { i: o.i, outcome: pickJurisdiction(ctx, undefined, query[`j${o.i}Name`], firstState) } : o,
    )
    const picks = settled.flatMap((o) => (o.outcome.kind === 'picked' ? [{ jurisdiction: o.outcome.jurisdiction, name: o.outcome.name }] : []))
    const problem = settled.find((o) => o.outcome.kind === 'choose' || o.outcome.kind === 'unknown')
    if (!problem) {
      const ids = [...new Set(picks.map((p) => p.jurisdiction))]
      return { kind: 'redirect', status: 303, location: `/compare?${new URLSearchParams({ ids: ids.join(','), date }).toString()}` }
    }
    const slots = settled.map((o) => (o.outcome.kind === 'picked' ? { jurisdiction: o.outcome.jurisdiction, name: o.outcome.name } : { jurisdiction: '', name: (query[`j${o.i}Name`] ?? '').trim() }))
    const links = choicesOf(problem.outcome, (c) => {
      const params = new URLSearchParams({ date })
      settled.forEach((o, k) => {
        const slot = o.i === problem.i ? { jurisdiction: c.jurisdiction, name: c.name } : slots[k]!
        params.set(`j${o.i}`, slot.jurisdiction)
        params.set(`j${o.i}Name`, slot.name)
      })
      return `/compare?${params.toString()}`
    })
    const message = problem.outcome.kind === 'choose' || problem.outcome.kind === 'unknown' ? problem.outcome.message : ''
    return comparePageWith(ctx, date, slots, message, problem.outcome.kind === 'choose' ? 400 : 404, links)
  }
  const ids = (query.ids ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const picks = ids.map((id) => ({ jurisdiction: id, name: describeDivisionSafe(ctx, id) }))
  const unreal = ids.findIndex((id) => stateOrNull(ctx, id) === undefined)
  if (unreal >= 0) {
    let message = ''
    try {
      requireDivisionId(ctx.names, ids[unreal]!, `ids[${unreal}]`)
    } catch (thrown) {
      message = toAppError(thrown).message
    }
    const links = choiceLinks(suggestionsOf(ctx, ids[unreal]!), (c) => `/compare?${new URLSearchParams({ ids: ids.map((x, k) => (k === unreal ? c.jurisdiction : x)).join(','), date }).toString()}`)
    return comparePageWith(ctx, date, picks, message, 404, links)
  }
  if (ids.length < 2) return comparePageWith(ctx, date, picks, ids.length === 1 ? 'Choose at least one more jurisdiction to compare with.' : null, 200)
  return comparePageWith(ctx, date, picks, null, 200)
}

/** Links for a field's choice or suggestions. */
export function choicesOf(outcome: PickOutcome, href: Parameters<typeof choiceLinks>[1]): NameChoiceLink[] {
  return outcome.kind === 'choose' ? choiceLinks(outcome.choices, href) : outcome.kind === 'unknown' ? choiceLinks(outcome.suggestions, href) : []
}

/** The state of a real division, null for one without a state, undefined for an ID of nothing real. */
function stateOrNull(ctx: SiteContext, id: string): string | null | undefined {
  try {
    return requireDivisionId(ctx.names, id, 'ids').state
  } catch {
    return undefined
  }
}

/** "Did you mean" for an ID of nothing real. */
function suggestionsOf(ctx: SiteContext, id: string) {
  try {
    requireDivisionId(ctx.names, id, 'ids')
    return []
  } catch (thrown) {
    const e = toAppError(thrown)
    return (e.suggestions ?? []).flatMap((c) => {
      const entry = ctx.names.byId.get(c.id)
      return entry ? [entry.candidate] : []
    })
  }
}

/**
 * What the compare page shows for two to four IDs on a date: the comparison and each one's answers
 * for every case template (the page, its print view and its PDF). Throws `invalid-input` or
 * `not-found` naming `ids` or `date`.
 *
 * @example
 * ```ts
 * compareData(ctx, ['ocd-division/country:us/state:ca', 'ocd-division/country:us/state:tx'], '2019-01-01').answers.length // 4
 * ```
 */
export function compareData(ctx: SiteContext, ids: readonly string[], date: string): { comparison: NonNullable<ComparePageProps['comparison']>; answers: ComparePageProps['answers'] } {
  for (const [i, id] of ids.entries()) if (id.startsWith('ocd-division/') && !ctx.engine.registry.jurisdictions.has(id)) requireDivisionId(ctx.names, id, `ids[${i}]`)
  const comparison = compareJurisdictions(ctx.engine.registry, ctx.gazetteer, ids, date)
  const answers = CASE_TEMPLATES.map((t) => ({
    template: { id: t.id, label: t.label },
    values: ids.map((id) => {
      const ev = ctx.engine.evaluate(templateCase({ template: t.id, jurisdiction: id, date }))
      return Object.fromEntries(QUESTION_IDS.map((q) => [q, { value: ev.answers[q].value, maxHours: ev.answers[q].maxHours ?? null }])) as Record<QuestionId, { value: string; maxHours: number | null }>
    }),
  }))
  return { comparison, answers }
}

function comparePageWith(ctx: SiteContext, date: string, picks: readonly PickedJurisdiction[], message: string | null, status: number, choices: readonly NameChoiceLink[] = []): PageResult {
  const today = ctx.today()
  let comparison: ComparePageProps['comparison'] = null
  let answers: ComparePageProps['answers'] = []
  let error = message
  if (picks.length >= 2 && !message) {
    try {
      ;({ comparison, answers } = compareData(ctx, picks.map((p) => p.jurisdiction), date))
    } catch (thrown) {
      const e = toAppError(thrown)
      if (e.code !== 'invalid-input' && e.code !== 'not-found') throw thrown
      error = e.message
      status = e.httpStatus
    }
  }
  const form = { date, slots: picks }
  const props: ComparePageProps = { today, form, comparison, answers, error, ...(choices.length ? { choices } : {}) }
  return {
    kind: 'page',
    status,
    title: comparison ? `Compare ${comparison.jurisdictions.map((j) => j.name).join(', ')}` : 'Compare',
    description: comparison
      ? compareDescription(comparison.jurisdictions.map((j) => j.name), comparison.jurisdictions.map((_, k) => answers[0]?.values[k]?.hold.value ?? 'undetermined'), date)
      : 'Two to four jurisdictions side by side, provision by provision, as of a date.',
    ...(comparison
      ? { share: { kind: 'compare' as const, ids: picks.map((p) => p.jurisdiction) }, shareDate: date, canonical: `/compare?${new URLSearchParams({ ids: picks.map((p) => p.jurisdiction).join(','), date }).toString()}` }
      : {}),
    nav: 'compare',
    entry: 'compare',
    body: <ComparePage {...props} />,
    data: form,
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluate

function detainerForms(ctx: SiteContext): string[] {
  const forms = new Set<string>()
  for (const j of ctx.engine.registry.jurisdictions.values()) for (const f of j.detainerForms) forms.add(f.form.split(' ')[0]!)
  if (forms.size === 0) forms.add('I-247A')
  return [...forms].sort()
}

/**
 * The evaluator for `?case=<base64url JSON>` (answered on the first response), a plain form
 * submission (`run=1&jurisdiction=…`, redirected to `?case=`), or a prefill
 * (`?jurisdiction=&date=`).
 *
 * @example
 * ```ts
 * evaluatePage(ctx, { case: encodeCase({ jurisdiction: 'ocd-division/country:us/state:ca', date: '2019-01-01' }) })
 * ```
 */
export function evaluatePage(ctx: SiteContext, query: Query): PageResult {
  const today = ctx.today()
  const base = {
    today,
    categories: [...OFFENSE_CATEGORIES],
    detainerForms: detainerForms(ctx),
  }
  const page = (props: EvaluatePageProps, status: number): PageResult => ({
    kind: 'page',
    status,
    title: props.evaluation ? `Evaluate: ${props.evaluation.jurisdictionName} on ${dateWords(props.evaluation.date)}` : 'Evaluate a case',
    description: props.evaluation
      ? caseDescription(props.evaluation.jurisdictionName, props.evaluation.date, props.evaluation.answers)
      : 'Answer whether a jail may, must or must not hold a person on an ICE detainer, notify ICE, or allow an ICE interview, for a case you describe, with the laws that decide it.',
    ...(props.evaluation && query.case ? { canonical: `/evaluate?case=${query.case}` } : {}),
    nav: 'evaluate',
    entry: 'evaluate',
    body: <EvaluatePage {...props} />,
    data: props,
  })

  if (query.case !== undefined) {
    const decoded = decodeCase(query.case)
    if (decoded.kind === 'bad-case') return page({ ...base, form: emptyCaseForm(today), evaluation: null, error: { message: decoded.reason, field: 'case' } }, 400)
    const name = (() => {
      const j = (decoded.value as { jurisdiction?: unknown })?.jurisdiction
      return typeof j === 'string' ? describeDivisionSafe(ctx, j) : ''
    })()
    try {
      // Only real places: the engine would answer any well-formed ID from the layers above it.
      const j = (decoded.value as { jurisdiction?: unknown })?.jurisdiction
      if (typeof j === 'string' && j.startsWith('ocd-division/')) requireDivisionId(ctx.names, j, 'jurisdiction')
      const evaluation = ctx.engine.evaluate(decoded.value)
      return page({ ...base, form: caseToForm(decoded.value, evaluation.jurisdictionName), evaluation, error: null }, 200)
    } catch (thrown) {
      const e = toAppError(thrown)
      if (e.code !== 'invalid-input' && e.code !== 'not-found') throw thrown
      const suggestions = (e.suggestions ?? []).flatMap((c) => (ctx.names.byId.get(c.id) ? [ctx.names.byId.get(c.id)!.candidate] : []))
      const choices = choiceLinks(suggestions, (c) => `/evaluate?case=${encodeCase({ ...(decoded.value as object), jurisdiction: c.jurisdiction } as Parameters<typeof encodeCase>[0])}`)
      return page({ ...base, form: caseToForm(decoded.value, name), evaluation: null, error: { message: e.message, field: e.location.field ?? null, ...(choices.length ? { choices } : {}) } }, e.httpStatus)
    }
  }

  if (query.run !== undefined) {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined))
    const form = formFromQuery(params)
    // The state of the page: one given (`state`), else that of the jurisdiction the form was showing.
    const pick = pickJurisdiction(ctx, form.jurisdiction, form.jurisdictionName, query.state?.trim() || stateOfId(ctx, form.jurisdiction))
    if (pick.kind === 'picked') return { kind: 'redirect', status: 303, location: `/evaluate?case=${encodeCase(formToCase({ ...form, jurisdiction: pick.jurisdiction }))}` }
    if (pick.kind === 'empty') return page({ ...base, form, evaluation: null, error: { message: 'Choose a jurisdiction.', field: 'jurisdiction' } }, 400)
    const choices = choicesOf(pick, (c) => {
      const next = new URLSearchParams(params)
      next.set('jurisdiction', c.jurisdiction)
      next.set('jurisdictionName', c.name)
      return `/evaluate?${next.toString()}`
    })
    return page({ ...base, form: { ...form, jurisdiction: '' }, evaluation: null, error: { message: pick.message, field: 'jurisdiction', choices } }, pick.kind === 'choose' ? 400 : 404)
  }

  const date = validDate(query.date, 'date') ?? today
  const prefill = query.jurisdiction ? pickJurisdiction(ctx, query.jurisdiction, undefined, null) : null
  const pick = prefill?.kind === 'picked' ? prefill : null
  // From the map's legend: a case template with its assumed facts, the same case the map answered.
  if (query.template !== undefined) {
    const template = templateById(query.template)
    const assume = parseAssumptions(query)
    if (pick) return { kind: 'redirect', status: 303, location: `/evaluate?case=${encodeCase(templateCase({ template: template.id, jurisdiction: pick.jurisdiction, date, assume }))}` }
    const form = caseToForm({ jurisdiction: '', date, ...assumedFacts(template.id, date, assume) })
    return page({ ...base, form, evaluation: null, error: null }, 200)
  }
  const form = { ...emptyCaseForm(date), ...(pick ? { jurisdiction: pick.jurisdiction, jurisdictionName: pick.name } : {}) }
  return page({ ...base, form, evaluation: null, error: null }, 200)
}

// ---------------------------------------------------------------------------------------------
// Search and downloads

/**
 * The search page for `?q=`.
 *
 * @example
 * ```ts
 * searchPage(ctx, { q: 'SF' })
 * ```
 */
export function searchPage(ctx: SiteContext, query: Query): PageResult {
  const q = (query.q ?? '').slice(0, 200)
  const state = query.state?.trim() || null
  let found: ReturnType<typeof searchAll> | null = null
  let error: string | null = null
  if (q.trim()) {
    try {
      found = searchAll(ctx.names, q, { state, limit: 50, ...(ctx.zips?.get(q.trim()) ? { zip: ctx.zips.get(q.trim())! } : {}) })
    } catch (thrown) {
      const e = toAppError(thrown)
      if (e.code !== 'invalid-input') throw thrown
      error = e.message
    }
  }
  const props: SearchPageProps = { query: q, results: found?.results ?? [], laws: found?.laws ?? [], resolution: found?.resolution ?? null, error }
  return {
    kind: 'page',
    status: 200,
    title: q ? `Search: ${q}` : 'Search',
    description: 'Find a state, county or city by name, alias or ZIP code, and a law by its name or number.',
    nav: 'search',
    entry: 'search',
    body: <SearchPage {...props} />,
    data: props,
  }
}

/**
 * The downloads page.
 *
 * @example
 * ```ts
 * downloadsPage(ctx)
 * ```
 */
export function downloadsPage(ctx: SiteContext): PageResult {
  const registry = ctx.engine.registry
  const props = { today: ctx.today(), templates: CASE_TEMPLATES.map((t) => ({ id: t.id, label: t.label })), counts: countRegistry(registry), registryVersion: registry.version }
  return {
    kind: 'page',
    status: 200,
    title: 'Downloads',
    description: 'The registry and the answers for every county as CSV, JSON and GeoJSON.',
    nav: 'downloads',
    entry: null,
    body: <DownloadsPage {...props} />,
    data: null,
  }
}

/** The newest changes of one jurisdiction, as its page shows them. */
function changesView(log: Changelog, id: string): ChangesView {
  const all = changesFor(log, id)
  return {
    entries: all.slice(0, 20).map((e) => ({ date: e.date.slice(0, 10), words: changeWords(e), sources: e.sources.slice(0, 5), moreSources: e.sourceCount - Math.min(5, e.sources.length) })),
    total: all.length,
    feed: `${jurisdictionFeedPath(id)}`,
  }
}

/**
 * The path of a jurisdiction's change feed.
 *
 * @example
 * ```ts
 * jurisdictionFeedPath('ocd-division/country:us/state:ca') // '/jurisdictions/ocd-division/country:us/state:ca/changes.atom'
 * ```
 */
export function jurisdictionFeedPath(id: string): string {
  return `/jurisdictions/${id}/changes.atom`
}
