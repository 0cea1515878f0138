/**
 * The registry as immutable values with an explicit `kind`. Built from validated YAML by
 * `buildRegistry`; read by the engine, the CLI and the HTTP API.
 */
import type { SourceDate } from '../dates/index.ts'
import type { Level } from '../ocd/index.ts'
import type { ACTIONS, ENACTMENT_KINDS, FACT_PATHS, OFFENSE_CATEGORIES, STATUS_KINDS } from './schema.ts'

export type Action = (typeof ACTIONS)[number]
export type EnactmentKind = (typeof ENACTMENT_KINDS)[number]
export type StatusKind = (typeof STATUS_KINDS)[number]
export type FactPath = (typeof FACT_PATHS)[number]
export type OffenseCategory = (typeof OFFENSE_CATEGORIES)[number]
export type OffenseLevel = 'felony' | 'misdemeanor' | 'infraction'
export type Custody = 'county-jail' | 'city-jail' | 'state-prison'
export type Effect = 'prohibit' | 'permit' | 'require' | 'limit'
export type Confidence = 'high' | 'medium' | 'low'

/** A field path inside a registry file, e.g. `['enactments', 0, 'provisions', 2]`. */
export type FieldPath = readonly (string | number)[]

/** Where a model value was written: file (relative to the registry root) and field path. */
export interface Origin {
  readonly file: string
  readonly path: FieldPath
}

export interface Source {
  readonly url: string
  readonly quote: string
  readonly reliability?: 'primary' | 'official' | 'secondary' | 'news' | 'advocacy' | 'low'
  readonly note?: string
}

export interface Disagreement {
  readonly about: string
  readonly claims: readonly { readonly claim: string; readonly sources: readonly Source[] }[]
  readonly note?: string
}

export interface UnknownField {
  readonly field: string
  readonly reason: string
}

/** A value the sources give, or unknown with a reason. */
export type Known<T> = { readonly kind: 'known'; readonly value: T } | { readonly kind: 'unknown'; readonly reason: string }

export interface OffenseMatch {
  readonly categories?: readonly OffenseCategory[]
  readonly levels?: readonly OffenseLevel[]
  readonly class?: string
  readonly withinYears?: number
}

export type FactTest =
  | { readonly kind: 'equals'; readonly value: string | number | boolean }
  | { readonly kind: 'in'; readonly values: readonly (string | number | boolean)[] }
  | { readonly kind: 'at-least'; readonly value: number }
  | { readonly kind: 'below'; readonly value: number }

/** A condition on a case; three-valued when evaluated. */
export type Condition =
  | { readonly kind: 'all'; readonly parts: readonly Condition[] }
  | { readonly kind: 'any'; readonly parts: readonly Condition[] }
  | { readonly kind: 'not'; readonly part: Condition }
  | { readonly kind: 'fact'; readonly path: FactPath; readonly tests: readonly FactTest[] }
  | { readonly kind: 'offense'; readonly list: 'convictions' | 'pendingCharges'; readonly match: OffenseMatch }

export interface Limits {
  readonly maxHours?: number
  readonly hoursExclude?: readonly ('weekends' | 'holidays')[]
  readonly reimbursement?: 'required' | 'not-required'
  readonly noticeHours?: number
}

export interface Provision {
  readonly kind: 'provision'
  readonly id: string
  readonly enactmentId: string
  readonly jurisdictionId: string
  readonly action: Action
  readonly effect: Effect
  readonly summary: string
  readonly from?: SourceDate
  readonly to?: SourceDate
  readonly custody: readonly Custody[]
  readonly when?: Condition
  readonly unless?: Condition
  readonly limits: Limits
  readonly overridesLocal: boolean
  readonly penalties: readonly { readonly text: string; readonly sources: readonly Source[] }[]
  readonly interpretation?: string
  readonly confidence: Confidence
  readonly sources: readonly Source[]
  readonly disagreements: readonly Disagreement[]
  readonly unknowns: readonly UnknownField[]
  readonly origin: Origin
}

export interface StatusPeriod {
  readonly status: StatusKind
  readonly from: SourceDate
  readonly to?: SourceDate
  readonly by?: string
  readonly provisions?: readonly string[]
  readonly sources: readonly Source[]
}

export interface Enactment {
  readonly kind: 'enactment'
  readonly id: string
  readonly jurisdictionId: string
  readonly title: string
  readonly enactmentKind: EnactmentKind
  readonly citation: Known<string>
  readonly enacted: SourceDate
  readonly effective: SourceDate
  readonly ends?: SourceDate
  readonly inForceBy?: { readonly date: SourceDate; readonly sources: readonly Source[] }
  readonly status: readonly StatusPeriod[]
  readonly amends: readonly string[]
  readonly supersedes: readonly string[]
  readonly repeals: readonly string[]
  readonly confidence: Confidence
  readonly sources: readonly Source[]
  readonly provisions: readonly Provision[]
  readonly disagreements: readonly Disagreement[]
  readonly unknowns: readonly UnknownField[]
  readonly notes: readonly string[]
  readonly origin: Origin
}

export interface DetainerForm {
  readonly form: string
  readonly title: string
  readonly from: SourceDate
  readonly to?: SourceDate
  readonly requests: readonly ('hold' | 'notify' | 'transfer' | 'arrest')[]
  readonly summary: string
  readonly sources: readonly Source[]
}

/** Dated research that looked for law on some actions and found none (public text). */
export interface ResearchSearch {
  readonly on: string
  readonly actions: readonly Action[]
  readonly searched: string
  readonly found: string
  readonly sources: readonly Source[]
}

export interface Jurisdiction {
  readonly kind: 'jurisdiction'
  readonly id: string
  readonly name: string
  readonly level: Level
  readonly state?: string
  readonly consolidated: boolean
  readonly jailCounty?: Known<string>
  readonly geoid: Known<{ readonly code: string; readonly vintage: number; readonly sources: readonly Source[] }>
  readonly aliases: readonly string[]
  readonly confidence: Confidence
  readonly confidenceNote?: string
  readonly enactments: readonly Enactment[]
  readonly detainerForms: readonly DetainerForm[]
  readonly disagreements: readonly Disagreement[]
  readonly unknowns: readonly UnknownField[]
  readonly notes: readonly string[]
  readonly searches: readonly ResearchSearch[]
  readonly origin: Origin
}

export interface OffenseClass {
  readonly kind: 'offense-class'
  readonly id: string
  readonly name: string
  readonly jurisdictionId: string
  readonly definedBy: string
  readonly categories: readonly OffenseCategory[]
  readonly levels?: readonly OffenseLevel[]
  readonly statutes: readonly string[]
  readonly approximate: boolean
  readonly note?: string
  readonly sources: readonly Source[]
  readonly origin: Origin
}

/** The whole registry, indexed. `version` is a hash of every file's content. */
export interface Registry {
  readonly kind: 'registry'
  readonly version: string
  readonly jurisdictions: ReadonlyMap<string, Jurisdiction>
  readonly enactments: ReadonlyMap<string, Enactment>
  readonly provisions: ReadonlyMap<string, Provision>
  readonly offenseClasses: ReadonlyMap<string, OffenseClass>
}

/** Registry counts, as `sanctuary check` reports them. */
export interface RegistryCounts {
  readonly jurisdictions: number
  readonly enactments: number
  readonly provisions: number
  readonly sources: number
  readonly offenseClasses: number
}
