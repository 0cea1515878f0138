/**
 * The toolkit's pages as functions of a request: the catalog, a clause page (charts drawn on the
 * server with Observable Plot in jsdom, so no script is needed) and the composer, whose state is
 * the query string. Server only.
 */
import { JSDOM } from 'jsdom'
import type { AtlasGeometry, Gazetteer } from '../../core/answers/index.ts'
import { parseDay } from '../../core/dates/index.ts'
import { AppError, toAppError } from '../../core/errors/index.ts'
import { parseOcdId } from '../../core/ocd/index.ts'
import { OFFENSE_CATEGORIES } from '../../core/registry/index.ts'
import { adopterDay, composerDraft, composerQuery, composerState, isClauseKind, CLAUSE_KINDS, type Adopter, type ComposerQuery, type ComposerState } from '../../core/toolkit/index.ts'
import type { DraftReport, ToolkitService } from '../../adapters/toolkit/index.ts'
import { adoptersMap, adoptersTimeline, type MapAdopter } from '../components/adopters-chart.ts'
import { ToolkitCatalogPage, ToolkitClausePage, ToolkitComposePage } from '../pages/toolkit-pages.tsx'
import type { PageResult, SiteContext } from './site.tsx'
import { pickError, pickJurisdiction } from './name-picks.ts'

/** What the toolkit pages read beyond the site context. */
export interface ToolkitContext {
  readonly site: SiteContext
  readonly toolkit: ToolkitService
  /** us-atlas geometry for the map by date; absent in tests without an atlas. */
  readonly geometry?: () => AtlasGeometry
  /** Whether drafts can be saved with a private link (the server has a database). */
  readonly canSave?: boolean
}

/** The `/toolkit` page: every clause with its adopters' count and earliest date. */
export function toolkitCatalogPage(ctx: ToolkitContext): PageResult {
  return {
    kind: 'page',
    status: 200,
    title: 'Lawmaker toolkit: clauses and their adopters',
    description: 'Clauses in enacted U.S. laws on cooperation with immigration enforcement, grouped by what they do, with the jurisdictions that adopted each, quoted and cited.',
    nav: 'toolkit',
    entry: null,
    body: <ToolkitCatalogPage catalog={ctx.toolkit.catalog} today={ctx.site.today()} />,
    data: null,
    canonical: '/toolkit',
  }
}

function stateOn(a: Adopter, day: number): MapAdopter['state'] {
  if (!a.from) return 'date unknown'
  if (adopterDay(a) > day) return 'not yet'
  if (a.to && adopterDay({ from: a.to }) <= day) return 'ended'
  return 'in force'
}

function placeAdopters(adopters: readonly Adopter[], gazetteer: Gazetteer, geometry: AtlasGeometry, day: number): { placed: MapAdopter[]; unmapped: string[] } {
  const placed: MapAdopter[] = []
  const unmapped: string[] = []
  const seen = new Map<string, MapAdopter>()
  const rank = { 'in force': 3, ended: 2, 'date unknown': 1, 'not yet': 0 } as const
  for (const a of adopters) {
    let g = null
    if (a.level === 'state' || a.level === 'district') {
      const s = gazetteer.stateByCode.get(a.state ?? '')
      g = s ? (geometry.states.get(s.fips) ?? null) : null
    } else if (a.level === 'county') {
      const c = gazetteer.countyByJurisdiction.get(a.jurisdiction)
      g = c ? (geometry.counties.get(c.geoid) ?? null) : null
    }
    if (!g) {
      if (a.level !== 'country' && !unmapped.includes(a.jurisdictionName)) unmapped.push(a.jurisdictionName)
      continue
    }
    const m: MapAdopter = { id: a.jurisdiction, name: a.jurisdictionName, geometry: g as MapAdopter['geometry'], state: stateOn(a, day) }
    const prev = seen.get(a.jurisdiction)
    // a jurisdiction with several texts shows the most telling state on the day
    if (!prev || rank[m.state] > rank[prev.state]) seen.set(a.jurisdiction, m)
  }
  placed.push(...seen.values())
  return { placed, unmapped }
}

/** A clause page: variants, adopters on a timeline and a map by `date`, peers of `jurisdiction`. */
export async function toolkitClausePage(ctx: ToolkitContext, kind: string, query: ComposerQuery): Promise<PageResult> {
  if (!isClauseKind(kind)) throw new AppError('not-found', `no clause "${kind}" (one of: ${CLAUSE_KINDS.join(', ')})`, { field: 'kind' })
  const clause = ctx.toolkit.catalog.clauses.find((c) => c.kind === kind)!
  const today = ctx.site.today()
  const mapDate = query.date && parseDay(query.date) !== undefined ? query.date : today
  const jurisdiction = (query.jurisdiction ?? '').trim()
  if (jurisdiction && !parseOcdId(jurisdiction)) throw new AppError('invalid-input', `jurisdiction: "${jurisdiction}" is not an OCD division ID`, { field: 'jurisdiction' })
  const { document } = new JSDOM('<!doctype html><html><body></body></html>').window
  const timelineSvg = adoptersTimeline(clause.adopters, today, { document })
  let mapSvg: string | null = null
  let unmapped: string[] = []
  if (ctx.geometry) {
    const geometry = ctx.geometry()
    const placed = placeAdopters(clause.adopters, ctx.site.gazetteer, geometry, parseDay(mapDate)!)
    unmapped = placed.unmapped
    mapSvg = adoptersMap(placed.placed, [...geometry.states.values()] as never, mapDate, { document })
  }
  const peers = jurisdiction ? await ctx.toolkit.peers(jurisdiction, kind) : null
  return {
    kind: 'page',
    status: 200,
    title: `${clause.title} — lawmaker toolkit`,
    description: `${clause.description} ${clause.adopters.length} enacted texts in the registry, quoted and cited.`,
    nav: 'toolkit',
    entry: null,
    body: <ToolkitClausePage clause={clause} timelineSvg={timelineSvg} mapSvg={mapSvg} mapDate={mapDate} unmapped={unmapped} jurisdiction={jurisdiction} peers={peers} />,
    data: null,
    canonical: `/toolkit/clauses/${kind}`,
  }
}

/**
 * Resolves the composer's jurisdiction field through the one name resolver: a real OCD ID, or a
 * name that resolves to one place; an ambiguous or unknown name is an error naming the field.
 */
export function resolveJurisdiction(ctx: ToolkitContext, text: string): string {
  const outcome = parseOcdId(text) ? pickJurisdiction(ctx.site, text, undefined, null) : pickJurisdiction(ctx.site, undefined, text, null)
  if (outcome.kind === 'picked') return outcome.jurisdiction
  if (outcome.kind === 'empty') throw new AppError('invalid-input', 'jurisdiction: required', { field: 'jurisdiction' })
  throw pickError(outcome, 'jurisdiction')
}

/** The composer's check for a state, or null when the state names no draft yet. */
export async function composerCheck(ctx: ToolkitContext, s: ComposerState): Promise<(DraftReport & { readonly draftValue: import('../../core/toolkit/index.ts').Draft }) | null> {
  const draft = composerDraft(s, ctx.toolkit.engine.registry)
  if (!draft || !s.jurisdiction || !s.date) return null
  const jurisdiction = resolveJurisdiction(ctx, s.jurisdiction)
  return ctx.toolkit.check({ draft, jurisdiction, date: s.date, simulation: { scope: s.scope, ...(s.peer ? { peer: s.peer } : {}), action: s.action }, draftUrl: `/toolkit/compose?${composerQuery(s)}` })
}

/** The `/toolkit/compose` page: the form from the query, and the check when a draft is given. */
export async function toolkitComposePage(ctx: ToolkitContext, query: ComposerQuery, saved?: { readonly savedOn: string; readonly path: string }): Promise<PageResult> {
  const state = composerState(query)
  let report: Awaited<ReturnType<typeof composerCheck>> = null
  let error: { message: string; field: string | null } | null = null
  let draftYaml: string | null = null
  let casesYaml: string | null = null
  try {
    report = await composerCheck(ctx, state)
    if (report) {
      draftYaml = String((await ctx.toolkit.exportDraft(report, 'yaml')).body)
      casesYaml = String((await ctx.toolkit.exportDraft(report, 'cases')).body)
    }
  } catch (thrown) {
    const e = toAppError(thrown)
    if (e.code !== 'invalid-input' && e.code !== 'not-found') throw thrown
    error = { message: e.message, field: e.location.field ?? null }
  }
  const { draftValue: _d, ...shown } = report ?? { draftValue: null }
  return {
    kind: 'page',
    status: error ? 400 : 200,
    title: report ? `Draft for ${report.check.jurisdictionName} — lawmaker toolkit` : 'Compose a draft — lawmaker toolkit',
    description: 'Compose a draft policy from the clause catalog and check it against the law in force, federal grant conditions and detainer records.',
    nav: 'toolkit',
    entry: null,
    body: (
      <ToolkitComposePage
        state={state}
        catalog={ctx.toolkit.catalog}
        categories={OFFENSE_CATEGORIES}
        report={report ? (shown as Omit<DraftReport, 'draftValue'>) : null}
        draftYaml={draftYaml}
        casesYaml={casesYaml}
        error={error}
        exportQuery={composerQuery(state)}
        saving={saved ? { kind: 'saved', ...saved } : ctx.canSave ? { kind: 'available' } : { kind: 'unavailable' }}
      />
    ),
    data: null,
  }
}

/** A composer export (`draft.md`, `.pdf`, `.yaml`, `.cases.yaml`) for the draft in the query. */
export async function toolkitComposeExport(ctx: ToolkitContext, query: ComposerQuery, format: 'yaml' | 'cases' | 'markdown' | 'pdf') {
  const state = composerState(query)
  const report = await composerCheck(ctx, state)
  if (!report) throw new AppError('invalid-input', 'the query names no draft: give jurisdiction, date and clauses (or from, or yaml)', { field: 'clauses' })
  return { ...(await ctx.toolkit.exportDraft(report, format)), name: report.draftValue.id }
}
