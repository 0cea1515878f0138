/**
 * The toolkit as a service for the HTTP API, the pages and the CLI: the catalog built once, the
 * record groups loaded once (from the Parquet files `sanctuary import` writes), and a full check
 * of a draft — preemption, funding risk, simulated effect, rule cases — with its exports.
 */
import type { Engine, Question } from '../../core/engine/index.ts'
import { AppError } from '../../core/errors/index.ts'
import type { FederalData } from '../../core/federal/index.ts'
import { parseOcdId } from '../../core/ocd/index.ts'
import { buildCatalog, checkDraft, draftMarkdown, draftYaml, parseDraft, peersOf, ruleCasesYaml, type Catalog, type ClauseKind, type Draft, type DraftCheck, type Peer } from '../../core/toolkit/index.ts'
import { loadRecordGroups, simulateDraft, type DraftEffect, type RecordGroups, type RecordScope } from '../../simulator/draft/index.ts'
import { loadCountyNames } from '../../simulator/simulate/index.ts'
import { markdownPdf } from './pdf.ts'
import { loadPopulations, sizeFunction, type Populations } from './populations.ts'

export interface ToolkitServiceOptions {
  readonly engine: Engine
  readonly federal?: FederalData
  /** Normalized detainer record files (Parquet, from `sanctuary import`); none: no simulated effect. */
  readonly records?: readonly string[]
  /** The shared data folder with us-geo's county names, to name counties without a registry file. */
  readonly crosswalks?: string
}

/** What a check asks for, as the API and the composer send it. */
export interface CheckRequest {
  readonly draft: unknown
  readonly jurisdiction: unknown
  readonly date: unknown
  readonly simulation?: unknown
  /** Where the draft can be read (the composer link). */
  readonly draftUrl?: string
}

export type SimulationResult = DraftEffect | { readonly kind: 'unavailable'; readonly reason: string }

export interface DraftReport {
  readonly kind: 'draft-report'
  readonly check: DraftCheck
  readonly simulation: SimulationResult
  readonly timings: { readonly checkMs: number; readonly simulationMs: number }
}

export interface ToolkitService {
  readonly engine: Engine
  readonly federal?: FederalData
  readonly catalog: Catalog
  /** Loads the record groups now (a server calls it on start); resolves to null when none are configured. */
  records(): Promise<RecordGroups | null>
  parse(draft: unknown): Draft
  /** Peers of a jurisdiction that adopted a clause, by state, level and (with Census counts from the crosswalks folder) size. */
  peers(jurisdiction: string, kind: ClauseKind): Promise<{ readonly peers: readonly Peer[]; readonly population: number | null; readonly sizeSource: string | null }>
  check(request: CheckRequest): Promise<DraftReport & { readonly draftValue: Draft }>
  exportDraft(report: DraftReport & { readonly draftValue: Draft }, format: 'yaml' | 'cases' | 'markdown' | 'pdf'): Promise<{ readonly type: string; readonly body: string | Buffer; readonly extension: string }>
}

const ACTIONS: readonly Question[] = ['hold', 'notify', 'interview']

function str(v: unknown, field: string): string {
  if (typeof v !== 'string' || !v) throw new AppError('invalid-input', `${field}: is required (a string)`, { field })
  return v
}

function parseSimulation(v: unknown, jurisdiction: string): { scope: RecordScope; action: Question } {
  if (v === undefined || v === null) return { scope: { kind: 'auto' }, action: 'hold' }
  if (typeof v !== 'object' || Array.isArray(v)) throw new AppError('invalid-input', 'simulation: must be an object { scope, peer, action }', { field: 'simulation' })
  const o = v as Record<string, unknown>
  for (const k of Object.keys(o)) if (!['scope', 'peer', 'action'].includes(k)) throw new AppError('invalid-input', `simulation.${k}: is not a field here`, { field: `simulation.${k}` })
  const action = (o.action ?? 'hold') as Question
  if (!ACTIONS.includes(action)) throw new AppError('invalid-input', `simulation.action: must be one of ${ACTIONS.join(', ')}`, { field: 'simulation.action' })
  const scope = o.scope ?? 'auto'
  if (scope === 'peer') {
    const peer = str(o.peer, 'simulation.peer')
    if (!parseOcdId(peer) || peer === jurisdiction) throw new AppError('invalid-input', 'simulation.peer: must be the OCD ID of another county or place', { field: 'simulation.peer' })
    return { scope: { kind: 'peer', peer }, action }
  }
  if (scope !== 'auto' && scope !== 'jurisdiction' && scope !== 'state') throw new AppError('invalid-input', 'simulation.scope: must be auto, jurisdiction, state or peer', { field: 'simulation.scope' })
  return { scope: { kind: scope }, action }
}

/**
 * Creates the toolkit service.
 *
 * @example
 * ```ts
 * const toolkit = createToolkitService({ engine, federal, records: ['/tmp/pa.parquet'], crosswalks: '../shared/data' })
 * const report = await toolkit.check({ draft, jurisdiction, date: '2018-06-01' })
 * ```
 */
export function createToolkitService(options: ToolkitServiceOptions): ToolkitService {
  const { engine, federal } = options
  const registry = engine.registry
  const catalog = buildCatalog(registry)
  let loading: Promise<RecordGroups | null> | undefined
  const records = (): Promise<RecordGroups | null> => {
    loading ??= (async () => {
      if (!options.records?.length) return null
      const counties = options.crosswalks ? await loadCountyNames(options.crosswalks).catch(() => []) : []
      return loadRecordGroups(options.records, registry, counties)
    })()
    return loading
  }
  const parse = (draft: unknown) => parseDraft(draft, registry)
  let populations: Promise<Populations | null> | undefined
  const sizes = () => (populations ??= options.crosswalks ? loadPopulations(options.crosswalks).catch(() => null) : Promise.resolve(null))
  return {
    engine,
    federal,
    catalog,
    records,
    parse,
    async peers(jurisdiction, kind) {
      const pop = await sizes()
      const sizeOf = pop ? sizeFunction(pop, registry) : undefined
      return { peers: peersOf(catalog, jurisdiction, kind, sizeOf), population: sizeOf?.(jurisdiction) ?? null, sizeSource: pop?.source ?? null }
    },
    async check(request) {
      const jurisdiction = str(request.jurisdiction, 'jurisdiction')
      const date = str(request.date, 'date')
      const draft = parse(request.draft)
      const simulation = parseSimulation(request.simulation, jurisdiction)
      const t0 = performance.now()
      const full = checkDraft({ registry, engineVersion: engine.version, federal, lawEngine: engine, draftUrl: request.draftUrl }, draft, jurisdiction, date)
      const t1 = performance.now()
      const { engine: draftEngine, layered: _layered, ...check } = full
      let result: SimulationResult
      let groups: RecordGroups | null = null
      try {
        groups = await records()
      } catch (thrown) {
        result = { kind: 'unavailable', reason: `The detainer records could not be read (${thrown instanceof Error ? thrown.message : String(thrown)}).` }
      }
      const t2 = performance.now()
      if (groups) {
        const ocd = parseOcdId(jurisdiction)!
        const state = ocd.level === 'state' || ocd.level === 'district' ? jurisdiction : (ocd.ancestors[1] ?? null)
        result = simulateDraft(groups, { law: engine, draft: draftEngine, jurisdiction, jurisdictionName: check.jurisdictionName, state, action: simulation.action, scope: simulation.scope })
      } else result ??= { kind: 'unavailable', reason: 'No detainer records are loaded here.' }
      const t3 = performance.now()
      return { kind: 'draft-report', check, simulation: result, timings: { checkMs: t1 - t0, simulationMs: t3 - t2 }, draftValue: draft }
    },
    async exportDraft(report, format) {
      const d = report.draftValue
      const target = { jurisdiction: report.check.jurisdiction, date: report.check.date }
      if (format === 'yaml') return { type: 'application/yaml; charset=utf-8', body: draftYaml(d, target), extension: 'yaml' }
      if (format === 'cases') return { type: 'application/yaml; charset=utf-8', body: ruleCasesYaml(report.check), extension: 'cases.yaml' }
      const effect = report.simulation.kind === 'draft-effect' ? report.simulation : null
      const md = draftMarkdown(d, report.check, catalog, effect)
      if (format === 'markdown') return { type: 'text/markdown; charset=utf-8', body: md, extension: 'md' }
      return { type: 'application/pdf', body: await markdownPdf(md, { title: d.title }), extension: 'pdf' }
    },
  }
}
