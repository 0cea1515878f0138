/**
 * Federal pressure as immutable values with an explicit `kind`: published lists of "sanctuary
 * jurisdictions" (kept as claims, each entry attached to a registry jurisdiction by OCD ID or
 * flagged as matching none), grant conditions, court rulings and whom they bind, actions against
 * officials, and money. Built from `registry/federal/` by {@link buildFederal}.
 */
import type { SourceDate } from '../dates/index.ts'
import type { Disagreement, Known, Origin, Source, UnknownField } from '../registry/index.ts'

/** A federal judicial circuit: `'1'`…`'11'` or `'dc'` (28 U.S.C. § 41). */
export type Circuit = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | 'dc'
export const CIRCUITS: readonly Circuit[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', 'dc']

/** Which circuit each state (two-letter code, lower case) lies in, with the statute that says so. */
export interface CircuitMap {
  readonly kind: 'circuit-map'
  readonly byState: ReadonlyMap<string, Circuit>
  readonly sources: readonly Source[]
  readonly origin: Origin
}

// ---------------------------------------------------------------------------------------------
// Lists

export const LIST_KINDS = ['published-list', 'report', 'demand-letters'] as const
export type ListKind = (typeof LIST_KINDS)[number]

/** Flags an editor sets on a list entry, each with a note. */
export const ENTRY_FLAGS = [
  'consolidated-city-county',
  'listed-twice',
  'spans-counties',
  'names-two-jurisdictions',
  'disputed-by-jurisdiction',
  'no-matching-division',
] as const
export type EntryFlag = (typeof ENTRY_FLAGS)[number]

/** What the entry's jurisdiction is, as the editors attached it: never by fuzzy name. */
export type EntryMatch =
  | { readonly kind: 'matched'; readonly jurisdictionId: string }
  | { readonly kind: 'unmatched'; readonly reason: string }

export interface ListEntry {
  readonly kind: 'list-entry'
  readonly listId: string
  /** The name exactly as the list printed it. */
  readonly name: string
  /** The heading the list put it under (e.g. `CITIES`), when it had headings. */
  readonly heading?: string
  readonly match: EntryMatch
  readonly flags: readonly { readonly flag: EntryFlag; readonly note: string; readonly sources: readonly Source[] }[]
  /** What the list said about this entry beyond naming it, when it said more. */
  readonly claim?: string
  readonly sources: readonly Source[]
  readonly origin: Origin
}

export interface FederalList {
  readonly kind: 'federal-list'
  readonly id: string
  readonly title: string
  readonly publisher: string
  readonly listKind: ListKind
  readonly published: SourceDate
  readonly withdrawn?: { readonly date: SourceDate; readonly sources: readonly Source[] }
  readonly authority?: string
  /** The criteria the list gave for inclusion, or unknown. */
  readonly criteria: Known<string>
  /** How many entries the list itself (or reports of it) said it had; unknown when no source gives a number. */
  readonly statedCount: Known<number>
  /** True when `entries` transcribes the whole list; false when only some entries are recorded. */
  readonly complete: boolean
  readonly entries: readonly ListEntry[]
  readonly summary: string
  readonly sources: readonly Source[]
  readonly disagreements: readonly Disagreement[]
  readonly unknowns: readonly UnknownField[]
  readonly notes: readonly string[]
  readonly origin: Origin
}

// ---------------------------------------------------------------------------------------------
// Grant conditions

export const CONDITION_KINDS = ['section-1373-certification', 'jail-access', 'release-notice-48h'] as const
export type ConditionKind = (typeof CONDITION_KINDS)[number]

/** Which part of a jurisdiction's law a condition is tested against. */
export type ConditionTest = 'notify' | 'interview' | 'information-sharing'

export const CONDITION_TESTS: Readonly<Record<ConditionKind, ConditionTest>> = {
  'section-1373-certification': 'information-sharing',
  'jail-access': 'interview',
  'release-notice-48h': 'notify',
}

export interface GrantProgram {
  readonly kind: 'grant-program'
  readonly id: string
  readonly name: string
  readonly administeredBy: string
  readonly summary: string
  readonly sources: readonly Source[]
  readonly origin: Origin
}

export interface GrantCondition {
  readonly kind: 'grant-condition'
  readonly id: string
  readonly programId: string
  readonly fiscalYear: number
  readonly conditionKind: ConditionKind
  readonly test: ConditionTest
  readonly title: string
  readonly summary: string
  readonly announced: SourceDate
  readonly sources: readonly Source[]
  readonly notes: readonly string[]
  readonly origin: Origin
}

// ---------------------------------------------------------------------------------------------
// Rulings

export const HOLDINGS = ['unlawful', 'likely-unlawful', 'lawful', 'not-reached'] as const
export type Holding = (typeof HOLDINGS)[number]

export type CourtLevel = 'district' | 'appeals' | 'supreme'

/** Whom an injunction protects during one period. `stayed` protects no one. */
export type InjunctionScope =
  | { readonly kind: 'nationwide' }
  | { readonly kind: 'parties'; readonly jurisdictions: readonly string[] }
  | { readonly kind: 'state-and-subdivisions'; readonly state: string }
  | { readonly kind: 'stayed' }

export interface ScopePeriod {
  readonly from: SourceDate
  readonly to?: SourceDate
  readonly scope: InjunctionScope
  readonly note?: string
  readonly sources: readonly Source[]
}

export interface Injunction {
  readonly kind: 'injunction'
  readonly conditions: readonly string[]
  readonly permanent: boolean
  /** Consecutive periods, each with the scope in force: `[from, to)`. */
  readonly periods: readonly ScopePeriod[]
}

export interface RulingHolding {
  readonly conditions: readonly string[]
  readonly holding: Holding
  readonly summary: string
  readonly sources: readonly Source[]
}

export interface Ruling {
  readonly kind: 'ruling'
  readonly id: string
  readonly caseId: string
  readonly caseTitle: string
  readonly court: string
  readonly courtLevel: CourtLevel
  readonly circuit: Circuit
  readonly enBanc: boolean
  readonly stage: string
  readonly citation: Known<string>
  readonly docket?: string
  readonly decided: SourceDate
  /** The plaintiffs, as OCD IDs, where they are jurisdictions. */
  readonly parties: readonly string[]
  readonly holdings: readonly RulingHolding[]
  readonly injunction?: Injunction
  /** When the ruling stopped being binding precedent (reversed, vacated), if it did. */
  readonly precedentEnds?: { readonly date: SourceDate; readonly reason: string; readonly sources: readonly Source[] }
  readonly reviews?: { readonly ruling: string; readonly disposition: 'affirmed' | 'reversed' | 'vacated' | 'affirmed-in-part' | 'rehearing-granted' | 'rehearing-vacated' }
  readonly summary: string
  readonly sources: readonly Source[]
  readonly disagreements: readonly Disagreement[]
  readonly unknowns: readonly UnknownField[]
  readonly notes: readonly string[]
  readonly origin: Origin
}

export interface CourtCase {
  readonly kind: 'court-case'
  readonly id: string
  readonly title: string
  readonly subject: string
  readonly rulings: readonly Ruling[]
  readonly sources: readonly Source[]
  readonly origin: Origin
}

// ---------------------------------------------------------------------------------------------
// Actions against officials, and money

export const ACTION_KINDS = ['demand-letter', 'threat-of-prosecution', 'prosecution', 'lawsuit', 'funding-cut'] as const
export type OfficialActionKind = (typeof ACTION_KINDS)[number]

export interface ActionTarget {
  readonly name: string
  readonly match: EntryMatch
  readonly official?: string
}

export interface OfficialAction {
  readonly kind: 'official-action'
  readonly id: string
  readonly actionKind: OfficialActionKind
  readonly date: SourceDate
  readonly actor: string
  readonly targets: readonly ActionTarget[]
  readonly summary: string
  readonly outcome: Known<string>
  readonly sources: readonly Source[]
  readonly notes: readonly string[]
  readonly origin: Origin
}

export const AMOUNT_KINDS = ['award', 'program-total', 'estimate'] as const
export type AmountKind = (typeof AMOUNT_KINDS)[number]

export interface FundingRecord {
  readonly kind: 'funding'
  readonly id: string
  /** Recipients as OCD IDs; empty for a national figure. */
  readonly jurisdictions: readonly string[]
  readonly programId?: string
  readonly program: string
  readonly fiscalYear: Known<number>
  readonly amount: Known<number>
  readonly amountKind: AmountKind
  /** For an estimate: what it was based on, as the source says. */
  readonly basis?: string
  readonly summary: string
  readonly sources: readonly Source[]
  readonly disagreements: readonly Disagreement[]
  readonly notes: readonly string[]
  readonly origin: Origin
}

/** Everything under `registry/federal/`, indexed. */
export interface FederalData {
  readonly kind: 'federal-data'
  readonly circuits: CircuitMap
  readonly lists: ReadonlyMap<string, FederalList>
  readonly programs: ReadonlyMap<string, GrantProgram>
  readonly conditions: ReadonlyMap<string, GrantCondition>
  readonly cases: ReadonlyMap<string, CourtCase>
  readonly rulings: ReadonlyMap<string, Ruling>
  readonly actions: ReadonlyMap<string, OfficialAction>
  readonly funding: ReadonlyMap<string, FundingRecord>
}

export interface FederalCounts {
  readonly lists: number
  readonly entries: number
  readonly conditions: number
  readonly rulings: number
  readonly actions: number
  readonly funding: number
}
