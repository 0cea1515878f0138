/**
 * The simulated effect of a draft: the engine answers, for each group of records, under the law
 * in force and under the draft (layered into the registry), on the records' own dates, in the
 * drafted jurisdiction. Counts go through the simulator's own publication (ranges, small cells
 * suppressed with what would reveal them).
 */
import type { Engine, ParsedCase, Question } from '../../core/engine/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { MIN_CELL } from '../privacy/index.ts'
import { packAtom, publishReport, type MaybePracticeCounts, type MaybeScenarioCounts, type SimulationTable } from '../simulate/index.ts'
import type { RecordGroup, RecordGroups } from './groups.ts'

/** Whose records stand in for the jurisdiction's. */
export type RecordScope = { readonly kind: 'auto' } | { readonly kind: 'jurisdiction' } | { readonly kind: 'state' } | { readonly kind: 'peer'; readonly peer: string }

export interface DraftEffect {
  readonly kind: 'draft-effect'
  readonly action: Question
  /** Whose records were used, and why. */
  readonly scope: 'jurisdiction' | 'state' | 'peer'
  readonly scopeId: string
  readonly scopeNote: string
  readonly records: number | null
  readonly law: MaybeScenarioCounts | null
  readonly draft: MaybeScenarioCounts | null
  readonly practice: MaybePracticeCounts | null
  /** Per source of the records used: all its records, how many are linked to a county, and the rate. */
  readonly matchRate: readonly { readonly source: string; readonly records: number | null; readonly linked: number | null; readonly rate: number | null }[]
  readonly minCell: number
  readonly suppressed: number
  readonly engineCalls: number
  readonly elapsedMs: number
}

/** Publishes a count of 1–10 as null. */
const small = (n: number) => n > 0 && n < MIN_CELL

function pickGroups(groups: RecordGroups, jurisdiction: string, state: string | null, scope: RecordScope): { list: readonly RecordGroup[]; scope: DraftEffect['scope']; id: string; note: string } {
  const own = groups.byJurisdiction.get(jurisdiction) ?? []
  if (scope.kind === 'jurisdiction' || (scope.kind === 'auto' && own.length)) return { list: own, scope: 'jurisdiction', id: jurisdiction, note: 'Records linked to this jurisdiction, evaluated on their own dates.' }
  if (scope.kind === 'peer') {
    const list = groups.byJurisdiction.get(scope.peer) ?? []
    return { list, scope: 'peer', id: scope.peer, note: 'Records linked to the chosen peer, evaluated as if in this jurisdiction on their own dates.' }
  }
  if (!state) throw new AppError('invalid-input', 'no state to take records from', { field: 'simulation.scope' })
  return { list: groups.byState.get(state) ?? [], scope: 'state', id: state, note: scope.kind === 'auto' ? 'No records are linked to this jurisdiction; records linked anywhere in its state are evaluated as if here, on their own dates.' : 'Records linked anywhere in the state, evaluated as if in this jurisdiction on their own dates.' }
}

/**
 * Runs the law in force and the draft over the chosen records.
 *
 * @example
 * ```ts
 * const effect = simulateDraft(groups, { law, draft: check.engine, jurisdiction, state, action: 'hold', scope: { kind: 'auto' } })
 * effect.draft?.held // { lower, upper }
 * ```
 */
export function simulateDraft(
  groups: RecordGroups,
  options: { readonly law: Engine; readonly draft: Engine; readonly jurisdiction: string; readonly jurisdictionName: string; readonly state: string | null; readonly action: Question; readonly scope: RecordScope },
): DraftEffect {
  const started = performance.now()
  const picked = pickGroups(groups, options.jurisdiction, options.state, options.scope)
  const sourceNames = [...new Set(picked.list.map((g) => g.source))].sort()
  const origins = sourceNames.map((_, i) => ({ file: 0, source: i }))
  const counts = new Map<number, number>()
  const memo = new Map<string, number>()
  let engineCalls = 0
  const decide = (engine: Engine, tag: string, g: RecordGroup): number => {
    if (g.day === null) return 3
    const key = `${tag}|${g.factsIndex}|${g.day}`
    let v = memo.get(key)
    if (v === undefined) {
      engineCalls++
      const c: ParsedCase = { ...g.facts, jurisdiction: options.jurisdiction, date: g.date!, day: g.day } as ParsedCase
      v = engine.decideQuestion(c, options.action)
      memo.set(key, v)
    }
    return v
  }
  for (const g of picked.list) {
    const atom = packAtom(sourceNames.indexOf(g.source), decide(options.law, 'l', g), decide(options.draft, 'd', g), g.practice)
    counts.set(atom, (counts.get(atom) ?? 0) + g.count)
  }
  const keys = [...counts.keys()].sort((a, b) => a - b)
  const table: SimulationTable = {
    kind: 'simulation-table',
    engineVersion: options.law.version,
    registryVersion: options.draft.registry.version,
    action: options.action,
    period: 'all',
    scenarios: [
      { id: 'law', label: 'The law in force on each record’s date' },
      { id: 'counterfactual', label: 'The draft, in force from its date', spec: { kind: 'policy', file: 'draft', jurisdiction: options.jurisdiction, jurisdictionName: options.jurisdictionName, replaced: true } },
    ],
    files: groups.files.length ? [groups.files.join(', ')] : ['records'],
    sources: sourceNames,
    origins,
    practiceSources: sourceNames.map((s) => groups.sources.get(s)?.practice ?? false),
    jurisdictions: [{ id: options.jurisdiction, name: options.jurisdictionName, linked: true }],
    cells: keys.length ? [{ jurisdiction: 0, month: 'all' }] : [],
    atoms: { length: keys.length, cell: new Int32Array(keys.length), key: Int32Array.from(keys), count: Float64Array.from(keys.map((k) => counts.get(k)!)) },
    stats: { distinctCombinations: memo.size, engineCalls, elapsedMs: 0 },
  }
  const report = publishReport(table, { minCell: MIN_CELL })
  const matchRate = sourceNames.map((source) => {
    const s = groups.sources.get(source)!
    const hide = small(s.records) || small(s.linked) || small(s.records - s.linked)
    return { source, records: small(s.records) ? null : s.records, linked: hide ? null : s.linked, rate: hide || s.records === 0 ? null : s.linked / s.records }
  })
  return {
    kind: 'draft-effect',
    action: options.action,
    scope: picked.scope,
    scopeId: picked.id,
    scopeNote: picked.note,
    records: report.totals.records,
    law: report.totals.byScenario.law ?? null,
    draft: report.totals.byScenario.counterfactual ?? null,
    practice: report.totals.practice,
    matchRate,
    minCell: MIN_CELL,
    suppressed: report.stats.suppressed,
    engineCalls,
    elapsedMs: performance.now() - started,
  }
}
