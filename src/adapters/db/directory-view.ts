/**
 * What `whoDecides` and the lookups read from the directory, behind one interface with two
 * implementations: straight from the database (the CLI: one question, no warm-up), and an in-memory
 * snapshot of the seats, chambers and ZIP areas (the server: every request answered from memory),
 * reloaded when an import finishes (checked at most every `checkEveryMs`), so that an import from
 * another process shows within that time.
 */
import { sql } from 'kysely'
import type { Membership, Organization, OrganizationClass, Person, Seat, ZipArea } from '../../core/officials/index.ts'
import type { Database } from './database.ts'
import { directoryIsEmpty, organizationsInDivision, postsInDivisions, toMembership, toOrganization, toPerson, toPost, toZipArea, zipAreas } from './officials-read.ts'

/** Reads the who-decides needs: seats of divisions in office on a day, state chambers, ZIP areas. */
export interface DirectoryView {
  seats(divisions: readonly string[], asOf: string): Promise<Seat[]>
  organizations(division: string, classes: readonly OrganizationClass[]): Promise<Organization[]>
  zipAreas(zip: string): Promise<ZipArea[]>
  isEmpty(): Promise<boolean>
  /** Changes whenever an import finishes: a key for caches of what is read here. */
  version(): Promise<string>
}

/**
 * The directory read from the database on every call.
 *
 * @example
 * ```ts
 * const who = await whoDecidesFor(databaseView(database), registry, gazetteer, id, '2026-12-06')
 * ```
 */
export function databaseView(database: Database): DirectoryView {
  return {
    seats: (divisions, asOf) => postsInDivisions(database, divisions, asOf),
    organizations: (division, classes) => organizationsInDivision(database, division, classes),
    zipAreas: (zip) => zipAreas(database, zip),
    isEmpty: () => directoryIsEmpty(database),
    version: () => directoryVersion(database),
  }
}

interface Snapshot {
  readonly version: string
  /** Each division's seats with every holder ever recorded; filtered by day on read. */
  readonly seatsByDivision: ReadonlyMap<string, readonly Seat[]>
  readonly organizationsByDivision: ReadonlyMap<string, readonly Organization[]>
  readonly zipAreas: ReadonlyMap<string, readonly ZipArea[]>
}

/** The directory's version: the newest finished import run and the row count of posts. */
async function directoryVersion(database: Database): Promise<string> {
  const row = await database.db.selectFrom('import_runs').select(sql<string>`coalesce(max(id), 0)`.as('v')).where('finished_at', 'is not', null).executeTakeFirstOrThrow()
  return String(row.v)
}

const inOffice = (m: Membership, asOf: string) => (m.startDate === undefined || m.startDate <= asOf) && (m.endDate === undefined || m.endDate > asOf)

async function loadSnapshot(database: Database, version: string): Promise<Snapshot> {
  const { db } = database
  const [posts, organizations, memberships, persons, zips] = await Promise.all([
    db.selectFrom('posts').selectAll().execute(),
    db.selectFrom('organizations').selectAll().where('id', 'in', db.selectFrom('posts').select('organization_id')).execute(),
    db.selectFrom('memberships').selectAll().execute(),
    db.selectFrom('persons').selectAll().execute(),
    db.selectFrom('zip_areas').selectAll().orderBy('zip').orderBy('level').orderBy('land_area', 'desc').execute(),
  ])
  // Chambers have no seat of their own in a county's answer but are listed by division.
  const chambers = await db.selectFrom('organizations').selectAll().where('classification', 'in', ['state-upper', 'state-lower', 'state-legislature']).execute()
  const orgById = new Map([...organizations, ...chambers].map((o) => [o.id, toOrganization(o)]))
  const personById = new Map(persons.map((p) => [p.id, toPerson(p)]))
  const holdersByPost = new Map<string, { person: Person; membership: Membership }[]>()
  for (const row of memberships) {
    const person = personById.get(row.person_id)
    if (!person) continue
    const list = holdersByPost.get(row.post_id) ?? []
    list.push({ person, membership: toMembership(row) })
    holdersByPost.set(row.post_id, list)
  }
  const seatsByDivision = new Map<string, Seat[]>()
  for (const row of posts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const post = toPost(row)
    const organization = orgById.get(post.organizationId)
    const holders = (holdersByPost.get(post.id) ?? []).sort((a, b) => (a.person.name < b.person.name ? -1 : a.person.name > b.person.name ? 1 : 0))
    const list = seatsByDivision.get(post.division) ?? []
    list.push(Object.freeze({ kind: 'seat' as const, post, ...(organization ? { organization } : {}), holders }))
    seatsByDivision.set(post.division, list)
  }
  const organizationsByDivision = new Map<string, Organization[]>()
  for (const o of orgById.values()) organizationsByDivision.set(o.division, [...(organizationsByDivision.get(o.division) ?? []), o])
  for (const list of organizationsByDivision.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const zipMap = new Map<string, ZipArea[]>()
  for (const row of zips) zipMap.set(row.zip, [...(zipMap.get(row.zip) ?? []), toZipArea(row)])
  return { version, seatsByDivision, organizationsByDivision, zipAreas: zipMap }
}

/**
 * An in-memory view of the directory, loaded on first use and reloaded when a newer import has
 * finished (the version is checked at most every `checkEveryMs`, default 2 s).
 *
 * @example
 * ```ts
 * const view = snapshotView(database)
 * await view.seats(['ocd-division/country:us/state:tx'], '2026-12-06')
 * ```
 */
export function snapshotView(database: Database, options: { readonly checkEveryMs?: number } = {}): DirectoryView {
  const checkEveryMs = options.checkEveryMs ?? 2000
  let current: Promise<Snapshot> | undefined
  let checkedAt = 0
  const snapshot = async (): Promise<Snapshot> => {
    const now = Date.now()
    if (current && now - checkedAt < checkEveryMs) return current
    checkedAt = now
    const version = await directoryVersion(database)
    const held = current ? await current.catch(() => undefined) : undefined
    if (!held || held.version !== version) {
      current = loadSnapshot(database, version)
      current.catch(() => {
        current = undefined
      })
    }
    return current!
  }
  return {
    async seats(divisions, asOf) {
      const s = await snapshot()
      return divisions.flatMap((d) => (s.seatsByDivision.get(d) ?? []).map((seat) => ({ ...seat, holders: seat.holders.filter((h) => inOffice(h.membership, asOf)) })))
    },
    async organizations(division, classes) {
      return ((await snapshot()).organizationsByDivision.get(division) ?? []).filter((o) => classes.includes(o.classification))
    },
    async zipAreas(zip) {
      return [...((await snapshot()).zipAreas.get(zip) ?? [])]
    },
    async isEmpty() {
      return (await snapshot()).seatsByDivision.size === 0
    },
    async version() {
      return (await snapshot()).version
    },
  }
}
