/**
 * Reading the officials directory: posts in a set of divisions with their organizations and the
 * holders in office on a day; a person with their memberships; the ZIP areas of a ZIP code; and
 * the whole directory for the Popolo export. Rows come back as the core's immutable values.
 */
import type { Kysely, Selectable } from 'kysely'
import type { Membership, Organization, OrganizationClass, Person, Post, PostRole, Seat, ZipArea } from '../../core/officials/index.ts'
import type { Database } from './database.ts'
import type { MembershipsTable, OrganizationsTable, PersonsTable, PostsTable, Schema, ZipAreasTable } from './schema.ts'


const undefinedIfNull = <T>(v: T | null): T | undefined => (v === null ? undefined : v)

export function toPerson(r: Selectable<PersonsTable>): Person {
  return Object.freeze({ kind: 'person', id: r.id, name: r.name, ...opt('givenName', r.given_name), ...opt('familyName', r.family_name), ...opt('party', r.party), ...opt('image', r.image), contacts: r.contacts, identifiers: r.identifiers, source: r.source })
}

export function toOrganization(r: Selectable<OrganizationsTable>): Organization {
  return Object.freeze({ kind: 'organization', id: r.id, name: r.name, classification: r.classification as OrganizationClass, division: r.division, contacts: r.contacts, identifiers: r.identifiers, source: r.source })
}

export function toPost(r: Selectable<PostsTable>): Post {
  return Object.freeze({ kind: 'post', id: r.id, organizationId: r.organization_id, role: r.role as PostRole, label: r.label, division: r.division, ...opt('district', r.district), ...opt('holderUnknownReason', r.holder_unknown_reason), source: r.source })
}

export function toMembership(r: Selectable<MembershipsTable>): Membership {
  return Object.freeze({ kind: 'membership', id: r.id, personId: r.person_id, postId: r.post_id, ...opt('organizationId', r.organization_id), ...opt('startDate', r.start_date), ...opt('endDate', r.end_date), source: r.source })
}

export function toZipArea(r: Selectable<ZipAreasTable>): ZipArea {
  return Object.freeze({ kind: 'zip-area', zip: r.zip, level: r.level as 'county' | 'place', geoid: r.geoid, name: r.name, ...opt('division', r.division), landArea: r.land_area, source: r.source })
}

function opt<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  const v = undefinedIfNull(value)
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V }
}

/**
 * The posts of these divisions (and, with `roles`, only those roles), each with its organization
 * and the holders in office on `asOf` (started on or before it, not yet ended).
 *
 * @example
 * ```ts
 * await postsInDivisions(database, ['ocd-division/country:us/state:tx'], '2026-12-05')
 * ```
 */
export async function postsInDivisions(database: Database, divisions: readonly string[], asOf: string, roles?: readonly PostRole[]): Promise<Seat[]> {
  if (divisions.length === 0) return []
  const { db } = database
  let query = db.selectFrom('posts').selectAll().where('division', 'in', [...divisions])
  if (roles?.length) query = query.where('role', 'in', [...roles])
  const posts = (await query.orderBy('id').execute()).map(toPost)
  return withHolders(db, posts, asOf)
}

async function withHolders(db: Kysely<Schema>, posts: readonly Post[], asOf: string): Promise<Seat[]> {
  if (posts.length === 0) return []
  const postIds = posts.map((p) => p.id)
  const orgIds = [...new Set(posts.map((p) => p.organizationId))]
  const [organizations, rows] = await Promise.all([
    db.selectFrom('organizations').selectAll().where('id', 'in', orgIds).execute(),
    db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.person_id')
      .selectAll('memberships')
      .select(['persons.name as p_name', 'persons.given_name as p_given_name', 'persons.family_name as p_family_name', 'persons.party as p_party', 'persons.image as p_image', 'persons.contacts as p_contacts', 'persons.identifiers as p_identifiers', 'persons.source as p_source', 'persons.dataset as p_dataset', 'persons.import_run as p_import_run'])
      .where('memberships.post_id', 'in', postIds)
      .where((eb) => eb.or([eb('memberships.start_date', 'is', null), eb('memberships.start_date', '<=', asOf)]))
      .where((eb) => eb.or([eb('memberships.end_date', 'is', null), eb('memberships.end_date', '>', asOf)]))
      .orderBy('persons.name')
      .execute(),
  ])
  const orgById = new Map(organizations.map((o) => [o.id, toOrganization(o)]))
  const holdersByPost = new Map<string, { person: Person; membership: Membership }[]>()
  for (const r of rows) {
    const person = toPerson({ id: r.person_id, name: r.p_name, given_name: r.p_given_name, family_name: r.p_family_name, party: r.p_party, image: r.p_image, contacts: r.p_contacts, identifiers: r.p_identifiers, source: r.p_source, dataset: r.p_dataset, import_run: r.p_import_run })
    const list = holdersByPost.get(r.post_id) ?? []
    list.push({ person, membership: toMembership(r) })
    holdersByPost.set(r.post_id, list)
  }
  return posts.map((post) =>
    Object.freeze({ kind: 'seat' as const, post, ...(orgById.has(post.organizationId) ? { organization: orgById.get(post.organizationId)! } : {}), holders: Object.freeze(holdersByPost.get(post.id) ?? []) }),
  )
}

/** The organizations of a division by classification (police departments, sheriff's offices…). */
export async function organizationsInDivision(database: Database, division: string, classifications: readonly OrganizationClass[]): Promise<Organization[]> {
  const rows = await database.db.selectFrom('organizations').selectAll().where('division', '=', division).where('classification', 'in', [...classifications]).orderBy('name').execute()
  return rows.map(toOrganization)
}

/** A person with every membership and the posts they are for; undefined when unknown. */
export async function personWithPosts(database: Database, id: string): Promise<{ readonly person: Person; readonly memberships: readonly { readonly membership: Membership; readonly post?: Post }[] } | undefined> {
  const { db } = database
  const row = await db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const memberships = (await db.selectFrom('memberships').selectAll().where('person_id', '=', id).orderBy('start_date', 'desc').execute()).map(toMembership)
  const posts = memberships.length ? (await db.selectFrom('posts').selectAll().where('id', 'in', memberships.map((m) => m.postId)).execute()).map(toPost) : []
  const postById = new Map(posts.map((p) => [p.id, p]))
  return { person: toPerson(row), memberships: memberships.map((membership) => ({ membership, ...(postById.has(membership.postId) ? { post: postById.get(membership.postId)! } : {}) })) }
}

/** Every county and place a ZIP code's area overlaps, largest land overlap first. */
export async function zipAreas(database: Database, zip: string): Promise<ZipArea[]> {
  const rows = await database.db.selectFrom('zip_areas').selectAll().where('zip', '=', zip).orderBy('level').orderBy('land_area', 'desc').execute()
  return rows.map(toZipArea)
}

/** True when the directory holds anything at all (an empty database is seeded on start). */
export async function directoryIsEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('posts').select('id').limit(1).executeTakeFirst()
  return row === undefined
}

/**
 * Streams the whole directory, table by table, in pages (keyset on id), for the Popolo export.
 *
 * @example
 * ```ts
 * for await (const record of directoryRecords(database)) write(record)
 * ```
 */
export async function* directoryRecords(database: Database, pageSize = 2000): AsyncGenerator<Person | Organization | Post | Membership> {
  const { db } = database
  const tables = [
    ['persons', toPerson],
    ['organizations', toOrganization],
    ['posts', toPost],
    ['memberships', toMembership],
  ] as const
  for (const [table, convert] of tables) {
    let after = ''
    for (;;) {
      const rows = await db.selectFrom(table).selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute()
      for (const r of rows) yield (convert as (row: unknown) => Person | Organization | Post | Membership)(r)
      if (rows.length < pageSize) break
      after = rows.at(-1)!.id
    }
  }
}
