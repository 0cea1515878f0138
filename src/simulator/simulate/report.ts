/**
 * The simulator's output: a {@link SimulationReport}, aggregates only. This file is the contract
 * between `simulate` (which writes it) and the HTML report, the benchmark and the CSV/JSON writers
 * (which read it). Every count is a number of detainer records; a cell whose count is 1–10, or
 * from which such a count could be derived, is published as `null` with `suppressed: true`.
 */

/** The question a simulation asks of every record (the engine's questions). */
export type SimulationAction = 'hold' | 'notify' | 'interview'

export { MIN_CELL } from '../privacy/index.ts'

/**
 * The time span of a cell: `month` (labels `YYYY-MM`), `quarter` (`YYYY-Qn`), `year` (`YYYY`) or
 * `all` (one cell per jurisdiction, labelled `all`). Records without a date are in an `unknown`
 * cell, except under `all`.
 */
export type SimulationPeriod = 'month' | 'quarter' | 'year' | 'all'

/** What a counterfactual applies to every record. */
export type CounterfactualSpec =
  /** Another jurisdiction's law on a fixed date, applied to every record whatever its own place and date. */
  | { readonly kind: 'jurisdiction'; readonly jurisdiction: string; readonly jurisdictionName: string; readonly date: string }
  /**
   * A policy file in the registry's format, added to the registry (or replacing the jurisdiction
   * it names) and evaluated on each record's own date and place.
   */
  | { readonly kind: 'policy'; readonly file: string; readonly jurisdiction: string; readonly jurisdictionName: string; readonly replaced: boolean }

/** A scenario: the law as it was (`law`), or a counterfactual. */
export type Scenario =
  | { readonly id: 'law'; readonly label: string }
  | { readonly id: 'counterfactual'; readonly label: string; readonly spec: CounterfactualSpec }

export type ScenarioId = Scenario['id']

/**
 * The engine's answers over a set of records. `held` = the jail may or must hold (permitted +
 * required): the lower bound counts undetermined as not held, the upper bound counts it as held.
 * For `notify` and `interview`, "held" reads as "may or must notify / allow the interview".
 */
export interface ScenarioCounts {
  readonly permitted: number
  readonly required: number
  readonly prohibited: number
  readonly undetermined: number
  readonly held: { readonly lower: number; readonly upper: number }
}

/** {@link ScenarioCounts} with every number `null` where a cell is suppressed. */
export interface MaybeScenarioCounts {
  readonly permitted: number | null
  readonly required: number | null
  readonly prohibited: number | null
  readonly undetermined: number | null
  readonly held: { readonly lower: number | null; readonly upper: number | null }
}

/**
 * What the data says really happened (`practice_outcome`):
 * - `honored`: honored, or released to ICE custody (PA "Booked into Detention", Pierce "Immigration");
 * - `declined`: the jail or prison declined (PA "Detainer Declined by LEA");
 * - `released`: released from local custody otherwise (bail, dismissal, time served);
 * - `other`: transferred to another agency, lifted by ICE, died;
 * - `unknown`: the record does not say.
 */
export interface PracticeCounts {
  readonly honored: number
  readonly declined: number
  readonly released: number
  readonly other: number
  readonly unknown: number
}

export type MaybePracticeCounts = { readonly [K in keyof PracticeCounts]: number | null }

/** One input file and how many records it held (`null` when 1–10 or derivable from such). */
export interface InputSummary {
  readonly file: string
  readonly records: number | null
}

/**
 * Linking per source: records whose county is known vs unlinked. Counts are `null` where
 * suppressed; `matchRate` (linked / records, 0–1) is `null` when `linked` or `records` is.
 */
export interface LinkingSummary {
  readonly source: string
  readonly records: number | null
  readonly linked: number | null
  readonly unlinked: number | null
  readonly matchRate: number | null
}

/**
 * One jurisdiction × period (see {@link SimulationPeriod}; a month unless the run asked for a
 * coarser one). `jurisdiction` is the OCD id the record was evaluated in under the
 * law (the place when the record is linked to a place the registry knows, else the county, else
 * the state), or `'unlinked'`. `month` is the period's label — `YYYY-MM` by default, or `YYYY-Qn`,
 * `YYYY`, `all` — or `'unknown'` when the record has no date (the field keeps its name for readers
 * of earlier reports).
 */
export interface SimulationCell {
  readonly jurisdiction: string
  readonly name: string
  readonly month: string
  readonly records: number | null
  readonly suppressed: boolean
  readonly byScenario: Readonly<Partial<Record<ScenarioId, MaybeScenarioCounts>>>
  /** Null when no record in the cell comes from a source that records practice. */
  readonly practice: MaybePracticeCounts | null
}

/**
 * Law against practice for one jurisdiction (all months), over the records whose source records
 * what happened. Suppressed rows carry `null`s.
 */
export interface LawVsPractice {
  readonly jurisdiction: string
  readonly name: string
  readonly records: number | null
  readonly suppressed: boolean
  readonly lawHeld: { readonly lower: number | null; readonly upper: number | null }
  readonly practiceHonored: number | null
  readonly practiceDeclined: number | null
}

/** The whole result of a simulation. Aggregates only: no row-level record is ever in it. */
export interface SimulationReport {
  readonly kind: 'simulation-report'
  readonly engineVersion: string
  readonly registryVersion: string
  readonly action: SimulationAction
  /** The span of each cell. Reports written before this field existed are by month. */
  readonly period: SimulationPeriod
  readonly minCell: number
  readonly inputs: readonly InputSummary[]
  readonly linking: readonly LinkingSummary[]
  readonly scenarios: readonly Scenario[]
  /**
   * Totals over every record, unlinked included. Subject to the same suppression as cells (a total
   * of 1–10, e.g. few `required` answers, is `null`); on real inputs they are large and published.
   */
  readonly totals: {
    readonly records: number | null
    readonly unlinked: number | null
    readonly byScenario: Readonly<Partial<Record<ScenarioId, MaybeScenarioCounts>>>
    /** Null when no input source records practice. */
    readonly practice: MaybePracticeCounts | null
  }
  readonly cells: readonly SimulationCell[]
  readonly lawVsPractice: readonly LawVsPractice[]
  /**
   * How the run went: distinct (place class, law interval, facts) combinations the engine
   * answered, its calls, wall time of the simulation (before publishing), and how many published
   * numbers were suppressed (in all, and as small themselves).
   */
  readonly stats: {
    readonly distinctCombinations: number
    readonly engineCalls: number
    readonly elapsedMs: number
    readonly suppressed: number
    readonly primarySuppressed: number
  }
}
