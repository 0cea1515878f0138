/**
 * The values of a petition and its signatures. Immutable, each with its `kind`. What is public and
 * what is private is part of the model: a {@link Petition} holds no creator name or email (those
 * live only in the store), and a {@link PublicPetition} holds counts, never a signer.
 */

/** A petition's life: `draft` until its creator confirms the email, `live` while it takes signatures, then `closed` (superseded by a revision) or `hidden` (by a maintainer, with a public reason). */
export const PETITION_STATUSES = ['draft', 'live', 'closed', 'hidden'] as const
export type PetitionStatus = (typeof PETITION_STATUSES)[number]

/** A signature's life: `pending` until its single-use link is used, then `confirmed`; `expired` when the link was not used in time; `withdrawn` by the signer. */
export const SIGNATURE_STATUSES = ['pending', 'confirmed', 'expired', 'withdrawn'] as const
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number]

/** What a petition is aimed at: a post (a seat, e.g. a sheriff's office) or a person of the officials directory. */
export interface PetitionTarget {
  readonly kind: 'petition-target'
  readonly type: 'post' | 'person'
  /** The directory id: `post:sheriff/ocd-division/country:us/state:tx/county:harris`, `bioguide:C001098`. */
  readonly id: string
  /** The label shown: `Sheriff of Harris County, TX`. */
  readonly label: string
  /** The division the seat serves, whose signers the delivery packet counts first. */
  readonly division: string
}

export interface Petition {
  readonly kind: 'petition'
  readonly id: string
  readonly title: string
  readonly text: string
  readonly ask: string
  readonly targets: readonly PetitionTarget[]
  /** The OCD division the petition concerns. */
  readonly jurisdiction: string
  readonly status: PetitionStatus
  /** The petition this one replaces (a change after the first signature), if any. */
  readonly supersedes?: string
  /** The newer petition that replaced this one, if any. */
  readonly supersededBy?: string
  /** Set at the first signature: from then on the text cannot change. */
  readonly frozen: boolean
  /** Day created, day the creator confirmed (YYYY-MM-DD). */
  readonly createdOn: string
  readonly liveOn?: string
  /** A maintainer's public reason for hiding it. */
  readonly hiddenReason?: string
}

/** Where a signer lives, from the ZIP code: the county always, the place and the congressional district only where certain. */
export interface Constituency {
  readonly kind: 'constituency'
  readonly state: string
  readonly county: string
  readonly countyName: string
  readonly place?: string
  readonly placeName?: string
  readonly district?: string
  readonly districtName?: string
}

/** One signature as counted: no name or email (those stay in the store and the delivery packet). */
export interface CountedSignature {
  readonly status: SignatureStatus
  readonly county: string | null
  readonly countyName: string | null
  readonly district: string | null
  readonly districtName: string | null
  /** How many signatures this row stands for (a grouped count from the store); default 1. */
  readonly n?: number
}

/** A count shown in public: the number, or null when it is under the suppression threshold (and above zero). */
export interface PublicCount {
  readonly id: string
  readonly name: string
  /** null: fewer than {@link SUPPRESS_UNDER} and more than zero. */
  readonly count: number | null
  readonly suppressed: boolean
}

/** The figures a petition publishes about refused and lost signatures. */
export interface IntegrityFigures {
  readonly kind: 'integrity-figures'
  /** Sign-ups refused because the address is a disposable-mail domain. */
  readonly refusedDisposable: number
  /** Sign-ups refused because the address had already signed. */
  readonly duplicates: number
  /** Pending signatures whose link was not used in time. */
  readonly expired: number
  readonly withdrawn: number
  /** Sign-ups refused by the per-petition rate limit. */
  readonly rateLimited: number
}

/** Counts under this are not shown (a number between 1 and 10 is shown as "fewer than 11"). */
export const SUPPRESS_UNDER = 11
