/**
 * The simulator's exact, unsuppressed result: counts of records by cell (jurisdiction × month),
 * input origin (file and source), the law's answer, the counterfactual's answer and the practice
 * recorded. It never leaves the process: {@link publishReport} turns it into the published,
 * suppressed {@link SimulationReport}.
 */
import type { PracticeOutcome } from '../import/index.ts'
import { atomKey } from '../privacy/index.ts'
import type { Scenario, ScenarioCounts, SimulationAction, SimulationPeriod } from './report.ts'

/** Value codes as the engine's batch path returns them. */
export const ANSWERS = ['permitted', 'required', 'prohibited', 'undetermined'] as const
export const UNDETERMINED = 3

/** Practice groups, in atom order. */
export const PRACTICE_GROUPS = ['honored', 'declined', 'released', 'other', 'unknown'] as const
export type PracticeGroup = (typeof PRACTICE_GROUPS)[number]
export const PRACTICE_UNKNOWN = 4

/**
 * The practice group of an outcome.
 *
 * @example
 * ```ts
 * practiceGroup('released-to-ice') // 0 (honored)
 * practiceGroup(null) // 4 (unknown)
 * ```
 */
export function practiceGroup(outcome: PracticeOutcome | null): number {
  switch (outcome) {
    case 'honored':
    case 'released-to-ice':
      return 0
    case 'declined-by-lea':
      return 1
    case 'released':
      return 2
    case null:
      return 4
    default:
      return 3
  }
}

/** Where records came from: one input file and one `source` value in it. */
export interface Origin {
  readonly file: number
  readonly source: number
}

/** A jurisdiction that has cells: an OCD id or `unlinked`. */
export interface TableJurisdiction {
  readonly id: string
  readonly name: string
  readonly linked: boolean
}

/** One jurisdiction × period. `month` is the period's label (`YYYY-MM`, `YYYY-Qn`, `YYYY`, `all`) or `unknown`. */
export interface TableCell {
  readonly jurisdiction: number
  readonly month: string
}

/**
 * Counts by atom: `key = ((origin · 4 + law) · 4 + counterfactual) · 5 + practice`. Without a
 * counterfactual its code is 0 throughout.
 */
export interface Atoms {
  readonly length: number
  readonly cell: Int32Array
  readonly key: Int32Array
  readonly count: Float64Array
}

/** The exact result of a run (see the module comment). */
export interface SimulationTable {
  readonly kind: 'simulation-table'
  readonly engineVersion: string
  readonly registryVersion: string
  readonly action: SimulationAction
  /** The span of each cell (see {@link aggregatePeriod} in `period.ts`). */
  readonly period: SimulationPeriod
  readonly scenarios: readonly Scenario[]
  readonly files: readonly string[]
  readonly sources: readonly string[]
  readonly origins: readonly Origin[]
  /** Per source: whether any of its records says what happened (a practice outcome). */
  readonly practiceSources: readonly boolean[]
  readonly jurisdictions: readonly TableJurisdiction[]
  readonly cells: readonly TableCell[]
  readonly atoms: Atoms
  readonly stats: { readonly distinctCombinations: number; readonly engineCalls: number; readonly elapsedMs: number }
}

/**
 * Packs an atom key.
 *
 * @example
 * ```ts
 * unpackAtom(packAtom(2, 3, 1, 4)) // { origin: 2, law: 3, cf: 1, practice: 4 }
 * ```
 */
export function packAtom(origin: number, law: number, cf: number, practice: number): number {
  return atomKey(origin, law, cf, practice)
}

/**
 * Unpacks an atom key (see {@link packAtom}).
 *
 * @example
 * ```ts
 * unpackAtom(79) // { origin: 0, law: 3, cf: 3, practice: 4 }
 * ```
 */
export function unpackAtom(key: number): { origin: number; law: number; cf: number; practice: number } {
  const practice = key % 5
  let rest = (key - practice) / 5
  const cf = rest % 4
  rest = (rest - cf) / 4
  const law = rest % 4
  return { origin: (rest - law) / 4, law, cf, practice }
}

/**
 * Scenario counts from the four answer counts.
 *
 * @example
 * ```ts
 * scenarioCounts([5, 1, 3, 2]).held // { lower: 6, upper: 8 }
 * ```
 */
export function scenarioCounts(byAnswer: ArrayLike<number>): ScenarioCounts {
  const [permitted, required, prohibited, undetermined] = [byAnswer[0]!, byAnswer[1]!, byAnswer[2]!, byAnswer[3]!]
  return { permitted, required, prohibited, undetermined, held: { lower: permitted + required, upper: permitted + required + undetermined } }
}

/** Exact per-cell counts (unsuppressed): records, answers per scenario, practice groups. */
export interface CellTotals {
  readonly records: number
  readonly law: Float64Array
  readonly cf: Float64Array
  readonly practice: Float64Array
}

/**
 * Sums the atoms per cell (exact; for tests and for publishing).
 *
 * @example
 * ```ts
 * cellTotals(table)[0].records
 * ```
 */
export function cellTotals(table: SimulationTable): CellTotals[] {
  const out = table.cells.map(() => ({ records: 0, law: new Float64Array(4), cf: new Float64Array(4), practice: new Float64Array(5) }))
  const { cell, key, count } = table.atoms
  for (let i = 0; i < table.atoms.length; i++) {
    const t = out[cell[i]!]!
    const a = unpackAtom(key[i]!)
    const n = count[i]!
    t.records += n
    t.law[a.law]! += n
    t.cf[a.cf]! += n
    t.practice[a.practice]! += n
  }
  return out
}
