/**
 * The officials directory, in the shape of Popolo (persons, organizations, posts, memberships),
 * keyed by OCD division IDs. Every record keeps the source it came from, so that a wrong phone
 * number can be traced to the dataset, file and version that gave it.
 *
 * These are plain immutable values; the database adapter stores them and the importers make them.
 */

/** Where one record came from. */
export interface SourceRef {
  /** The dataset, e.g. `congress-legislators`, `openstates-people`, `hifld-law-enforcement`, `gazetteer`, `curated`. */
  readonly dataset: string
  /** The file inside the dataset (relative path), e.g. `legislators-current.yaml`. */
  readonly file: string
  /** The dataset's version: a commit, or the date the file was published or retrieved (ISO). */
  readonly version: string
  /** The line (1-based) or row in the file, where known. */
  readonly line?: number
  /** A public URL for the record, where the source gives one. */
  readonly url?: string
  /** For curated entries: the short verbatim quote that supports the entry, and when it was read. */
  readonly quote?: string
  readonly retrieved?: string
}

/** How to reach a person, an office or a body. */
export interface Contact {
  readonly kind: 'phone' | 'fax' | 'email' | 'website' | 'webform' | 'address'
  readonly value: string
  /** E.g. `Capitol office`, `District office (Houston)`. */
  readonly label?: string
}

/** The kinds of body the directory knows. */
export type OrganizationClass =
  | 'congress-senate'
  | 'congress-house'
  | 'state-executive'
  | 'state-upper'
  | 'state-lower'
  | 'state-legislature'
  | 'county-board'
  | 'city-council'
  | 'city-executive'
  | 'sheriff-office'
  | 'police-department'
  | 'other-law-enforcement'

/** The kinds of seat the directory knows. */
export type PostRole =
  | 'us-senator'
  | 'us-representative'
  | 'governor'
  | 'lieutenant-governor'
  | 'state-senator'
  | 'state-representative'
  | 'state-legislator'
  | 'mayor'
  | 'council-member'
  | 'county-board-member'
  | 'county-executive'
  | 'sheriff'
  | 'police-chief'

export interface Person {
  readonly kind: 'person'
  /** From the source: `bioguide:S000001`, `ocd-person/…`, or `curated:…`. */
  readonly id: string
  readonly name: string
  readonly givenName?: string
  readonly familyName?: string
  /** The current party as the source gives it. */
  readonly party?: string
  readonly image?: string
  readonly contacts: readonly Contact[]
  /** Other identifiers by scheme: `{ bioguide: 'S000001', govtrack: '400001' }`. */
  readonly identifiers: Readonly<Record<string, string>>
  readonly source: SourceRef
}

export interface Organization {
  readonly kind: 'organization'
  /** Stable: `ocd-organization/…` style from the source, or derived, e.g. `hifld:1004101`, `congress:senate`. */
  readonly id: string
  readonly name: string
  readonly classification: OrganizationClass
  /** The OCD division whose government this body belongs to (the county for a sheriff's office). */
  readonly division: string
  readonly contacts: readonly Contact[]
  /** Other identifiers by scheme (`hifld`, `ori`, `fips`). */
  readonly identifiers: Readonly<Record<string, string>>
  readonly source: SourceRef
}

export interface Post {
  readonly kind: 'post'
  /** Stable: e.g. `post:us-senator/tx/1`, `post:sheriff/ocd-division/country:us/state:tx/county:harris`. */
  readonly id: string
  readonly organizationId: string
  readonly role: PostRole
  /** E.g. `U.S. Senator for Texas`, `Sheriff of Harris County`. */
  readonly label: string
  /** The division the seat represents or serves (a congressional district, a county, a state). */
  readonly division: string
  /** District name or number as the source gives it (`7`, `At-Large`, `E`). */
  readonly district?: string
  /** Present when no holder is known: why not (e.g. `no dataset lists county board members`). */
  readonly holderUnknownReason?: string
  readonly source: SourceRef
}

export interface Membership {
  readonly kind: 'membership'
  /** Stable per person and post and start: `${personId}@${postId}#${startDate ?? ''}`. */
  readonly id: string
  readonly personId: string
  readonly postId: string
  /** The post's organization, where the source names it (curated entries join a post by its id only). */
  readonly organizationId?: string
  /** ISO dates; `endDate` exclusive as everywhere in the project, absent while the term goes on. */
  readonly startDate?: string
  readonly endDate?: string
  readonly source: SourceRef
}

export type DirectoryRecord = Person | Organization | Post | Membership

/** A source row that could not be turned into records: counted and reported, never dropped silently. */
export interface RowProblem {
  readonly kind: 'row-problem'
  readonly dataset: string
  readonly file: string
  readonly line?: number
  readonly message: string
}

/** One ZIP code tabulation area's share of a county or place (Census 2020 relationship files). */
export interface ZipArea {
  readonly kind: 'zip-area'
  readonly zip: string
  /** `county` (5-digit GEOID) or `place` (7-digit GEOID). */
  readonly level: 'county' | 'place'
  readonly geoid: string
  /** The county's or place's name, e.g. `Harris County, TX`, `Houston city, TX`. */
  readonly name: string
  /** The OCD division for the county or place, where the gazetteer knows it. */
  readonly division?: string
  /** Land area of the overlap in square km, as the relationship file gives it. */
  readonly landArea: number
  readonly source: SourceRef
}

/** Everything one import of one dataset produced. */
export interface DirectoryBatch {
  readonly kind: 'directory-batch'
  readonly dataset: string
  readonly records: readonly DirectoryRecord[]
  readonly problems: readonly RowProblem[]
}
