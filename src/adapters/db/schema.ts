/**
 * The tables, as Kysely sees them. Dates are ISO text (`YYYY-MM-DD`), so that PGlite and `pg`
 * return the same values without time-zone conversion; structured values (contacts, identifiers,
 * sources) are `jsonb`.
 */
import type { ColumnType, Generated } from 'kysely'
import type { Contact, SourceRef } from '../../core/officials/index.ts'

/** A jsonb column: written as JSON text, read back as the value. */
type Json<T> = ColumnType<T, string, string>

export interface PersonsTable {
  id: string
  name: string
  given_name: string | null
  family_name: string | null
  party: string | null
  image: string | null
  contacts: Json<Contact[]>
  identifiers: Json<Record<string, string>>
  source: Json<SourceRef>
  dataset: string
  import_run: number
}

export interface OrganizationsTable {
  id: string
  name: string
  classification: string
  division: string
  contacts: Json<Contact[]>
  identifiers: Json<Record<string, string>>
  source: Json<SourceRef>
  dataset: string
  import_run: number
}

export interface PostsTable {
  id: string
  organization_id: string
  role: string
  label: string
  division: string
  district: string | null
  holder_unknown_reason: string | null
  source: Json<SourceRef>
  dataset: string
  import_run: number
}

export interface MembershipsTable {
  id: string
  person_id: string
  post_id: string
  organization_id: string | null
  start_date: string | null
  end_date: string | null
  source: Json<SourceRef>
  dataset: string
  import_run: number
}

export interface ZipAreasTable {
  zip: string
  level: string
  geoid: string
  name: string
  division: string | null
  land_area: number
  source: Json<SourceRef>
  dataset: string
  import_run: number
}

export interface ImportRunsTable {
  id: Generated<number>
  dataset: string
  started_at: string
  finished_at: string | null
  as_of: string
  records: number
  problems: number
  /** The first problems (file, line, message), for `sanctuary db status` and the import report. */
  problem_sample: Json<unknown[]>
}

/** Call outcomes, counted per day (004-call-outcomes); never tied to a caller. */
export interface CallOutcomesTable {
  day: string
  post_id: string
  jurisdiction: string
  question: string
  outcome: string
  count: number
}

/** A saved toolkit draft: the composer's query behind a private link (the token's SHA-256). */
export interface ToolkitDraftsTable {
  token_hash: string
  query: string
  /** The day it was saved (`YYYY-MM-DD`); no finer time is kept. */
  saved_on: string
}

/** A petition (003-petitions); the creator's name and email are private. */
export interface PetitionsTable {
  id: string
  title: string
  text: string
  ask: string
  targets: Json<unknown[]>
  jurisdiction: string
  status: string
  supersedes: string | null
  superseded_by: string | null
  frozen: Generated<boolean>
  created_on: string
  live_on: string | null
  hidden_reason: string | null
  creator_name: string | null
  creator_email: string | null
  creator_token_hash: string
}

/** A signature (003-petitions): name, email and tokens erased on withdrawal, expiry or retention. */
export interface SignaturesTable {
  id: Generated<number>
  petition_id: string
  status: string
  email_key: string | null
  email: string | null
  name: string | null
  comment: string | null
  state: string
  county: string
  county_name: string
  place: string | null
  place_name: string | null
  district: string | null
  district_name: string | null
  confirm_hash: string | null
  withdraw_hash: string | null
  signed_at: string
  expires_at: string
  confirmed_at: string | null
  anonymised: Generated<boolean>
}

/** What a petition refused, counted (003-petitions). */
export interface PetitionIntegrityTable {
  petition_id: string
  counter: string
  count: number
}

/** A reader's report of a petition (003-petitions): no reporter is recorded. */
export interface PetitionReportsTable {
  id: Generated<number>
  petition_id: string
  reason: string
  message: string | null
  reported_on: string
}

/** A maintainer (002-maintainers): an email and the Argon2id hash of a password. */
export interface MaintainersTable {
  id: Generated<number>
  email: string
  password_hash: string
  created_at: Generated<Date>
}

/** A signed-in session: the SHA-256 of its cookie token, never the token. */
export interface MaintainerSessionsTable {
  token_hash: string
  maintainer_id: number
  created_at: Date
  expires_at: Date
}

export interface Schema {
  persons: PersonsTable
  organizations: OrganizationsTable
  posts: PostsTable
  memberships: MembershipsTable
  zip_areas: ZipAreasTable
  import_runs: ImportRunsTable
  call_outcomes: CallOutcomesTable
  toolkit_drafts: ToolkitDraftsTable
  petitions: PetitionsTable
  signatures: SignaturesTable
  petition_integrity: PetitionIntegrityTable
  petition_reports: PetitionReportsTable
  maintainers: MaintainersTable
  maintainer_sessions: MaintainerSessionsTable
}

/** The tables `sanctuary db status` counts. */
export const COUNTED_TABLES = ['persons', 'organizations', 'posts', 'memberships', 'zip_areas', 'import_runs'] as const
