/**
 * From the exact table to the published report: every count goes through the privacy module,
 * and a suppressed count is published as `null`.
 */
import { MIN_CELL, protect, SLOT, TOTAL_UNLINKED, type ProtectOptions, type Protection } from '../privacy/index.ts'
import type {
  InputSummary,
  LawVsPractice,
  LinkingSummary,
  MaybePracticeCounts,
  MaybeScenarioCounts,
  ScenarioId,
  SimulationCell,
  SimulationReport,
} from './report.ts'
import { PRACTICE_GROUPS, type SimulationTable } from './table.ts'
import { fileName } from '../report/model.ts'

/**
 * Publishes a table: suppression decided by `protect`, the report shaped for JSON.
 *
 * @example
 * ```ts
 * const report = publishReport(await runSimulation({ inputs: ['pa.parquet'], law: fsLawSource() }))
 * report.totals.records // e.g. 32757
 * ```
 */
export function publishReport(table: SimulationTable, options: { readonly minCell?: number } = {}): SimulationReport {
  const minCell = options.minCell ?? MIN_CELL
  const hasCf = table.scenarios.some((s) => s.id === 'counterfactual')
  const hasPractice = table.practiceSources.some(Boolean)
  const p = protectionOf(table, minCell)
  const { layout } = p
  const value = (item: number): number | null => (p.suppressed[item] ? null : p.values[item]!)
  const scenarioAt = (base: (slot: number) => number, law: boolean): MaybeScenarioCounts => {
    const first = law ? SLOT.law : SLOT.cf
    const lower = law ? SLOT.lawHeldLower : SLOT.cfHeldLower
    const upper = law ? SLOT.lawHeldUpper : SLOT.cfHeldUpper
    return {
      permitted: value(base(first)),
      required: value(base(first + 1)),
      prohibited: value(base(first + 2)),
      undetermined: value(base(first + 3)),
      held: { lower: value(base(lower)), upper: value(base(upper)) },
    }
  }
  const practiceAt = (base: (slot: number) => number): MaybePracticeCounts =>
    Object.fromEntries(PRACTICE_GROUPS.map((g, i) => [g, value(base(SLOT.practice + i))])) as unknown as MaybePracticeCounts
  const byScenario = (base: (slot: number) => number) => {
    const out: Partial<Record<ScenarioId, MaybeScenarioCounts>> = { law: scenarioAt(base, true) }
    if (hasCf) out.counterfactual = scenarioAt(base, false)
    return out
  }

  const cells: SimulationCell[] = table.cells.map((cell, c) => {
    const base = (slot: number) => layout.cell(c, slot)
    const j = table.jurisdictions[cell.jurisdiction]!
    return {
      jurisdiction: j.id,
      name: j.name,
      month: cell.month,
      records: value(base(SLOT.records)),
      suppressed: p.suppressed[base(SLOT.records)] === 1,
      byScenario: byScenario(base),
      practice: hasPractice ? practiceAt(base) : null,
    }
  })
  const totalBase = (slot: number) => layout.total(slot)
  // Only each file's name: where the run read its inputs (often a temporary folder) is not published.
  const inputs: InputSummary[] = table.files.map((file, f) => ({ file: fileName(file), records: value(layout.file(f)) }))
  const linking: LinkingSummary[] = table.sources.map((source, s) => {
    const records = value(layout.source(s, 0))
    const linked = value(layout.source(s, 1))
    return { source, records, linked, unlinked: value(layout.source(s, 2)), matchRate: records !== null && linked !== null && records > 0 ? linked / records : null }
  })
  const lawVsPractice: LawVsPractice[] = layout.lvpGroups.map((g, row) => {
    const j = table.jurisdictions[g]!
    const at = (k: number) => value(layout.lvp(row, k))
    return {
      jurisdiction: j.id,
      name: j.name,
      records: at(0),
      suppressed: p.suppressed[layout.lvp(row, 0)] === 1,
      lawHeld: { lower: at(1), upper: at(2) },
      practiceHonored: at(3),
      practiceDeclined: at(4),
    }
  })
  return {
    kind: 'simulation-report',
    engineVersion: table.engineVersion,
    registryVersion: table.registryVersion,
    action: table.action,
    period: table.period,
    minCell,
    inputs,
    linking,
    scenarios: table.scenarios,
    totals: {
      records: value(totalBase(SLOT.records)),
      unlinked: value(totalBase(TOTAL_UNLINKED)),
      byScenario: byScenario(totalBase),
      practice: hasPractice ? practiceAt(totalBase) : null,
    },
    cells,
    lawVsPractice,
    stats: { ...table.stats, suppressed: p.total, primarySuppressed: p.primary },
  }
}

/**
 * The protection decided for a table (for tests and diagnostics).
 *
 * @example
 * ```ts
 * protectionOf(table).primary // numbers suppressed because they are 1–10
 * ```
 */
export function protectionOf(table: SimulationTable, minCell = MIN_CELL, options: ProtectOptions = {}): Protection {
  return protect(
    {
    minCell,
    cells: table.cells.map((c) => ({ group: c.jurisdiction, linked: table.jurisdictions[c.jurisdiction]!.linked, month: monthNumber(c.month) })),
    groups: table.jurisdictions.length,
    atoms: table.atoms,
    origins: table.origins,
    files: table.files.length,
    sources: table.sources.length,
    practiceSources: table.practiceSources,
    counterfactual: table.scenarios.some((s) => s.id === 'counterfactual'),
    practice: table.practiceSources.some(Boolean),
    },
    options,
  )
}

/** A cell label's first month as year · 12 + month − 1 (`all` → 0, `unknown` → −1): only its order matters. */
function monthNumber(label: string): number {
  if (label === 'all') return 0
  const m = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/.exec(label)
  if (!m) return -1
  const month = m[2] !== undefined ? Number(m[2]) - 1 : m[3] !== undefined ? (Number(m[3]) - 1) * 3 : 0
  return Number(m[1]) * 12 + month
}
