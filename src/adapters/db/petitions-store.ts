/**
 * Petitions in the database. Every write that a response acknowledges is committed before the
 * function resolves (one transaction each), so an acknowledged signature survives a crash of the
 * server (on PostgreSQL; see docs/petitions.md for PGlite). One signature per petition per
 * normalised email is the unique constraint `signatures_once_per_email`: a duplicate is refused
 * by the database, not by a check that two racing requests could both pass.
 *
 * Only tokens' SHA-256 are stored. Names and emails are read back only for the delivery packet
 * and for sending mail; every other read returns counts.
 */
import { sql, type Selectable, type Transaction } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import {
  assertSignable,
  confirmCreator,
  revise,
  signatureMove,
  type Constituency,
  type CountedSignature,
  type NormalisedEmail,
  type Petition,
  type PetitionChange,
  type PetitionStatus,
  type PetitionTarget,
  type SignatureStatus,
} from '../../core/petitions/index.ts'
import type { Database } from './database.ts'
import { personWithPosts } from './officials-read.ts'
import type { PetitionsTable, Schema } from './schema.ts'

/** Integrity counters kept per petition. */
export type IntegrityCounter = 'refused-disposable' | 'duplicate' | 'rate-limited'

function toPetition(r: Selectable<PetitionsTable>): Petition {
  return Object.freeze({
    kind: 'petition' as const,
    id: r.id,
    title: r.title,
    text: r.text,
    ask: r.ask,
    targets: r.targets as PetitionTarget[],
    jurisdiction: r.jurisdiction,
    status: r.status as PetitionStatus,
    ...(r.supersedes ? { supersedes: r.supersedes } : {}),
    ...(r.superseded_by ? { supersededBy: r.superseded_by } : {}),
    frozen: r.frozen,
    createdOn: r.created_on,
    ...(r.live_on ? { liveOn: r.live_on } : {}),
    ...(r.hidden_reason ? { hiddenReason: r.hidden_reason } : {}),
  })
}

const notFound = (id: string) => new AppError('not-found', `id: no petition with id "${id}"`, { field: 'id' })

/**
 * The directory's post or person as a petition target, or `not-found` naming `field`. A person
 * is placed by their current post (held on `asOf`), else their latest.
 *
 * @example
 * ```ts
 * await resolveTarget(database, { type: 'post', id: 'post:sheriff/ocd-division/country:us/state:tx/county:harris' }, '2026-12-07', 'targets.0')
 * ```
 */
export async function resolveTarget(database: Database, ref: { readonly type: 'post' | 'person'; readonly id: string }, asOf: string, field: string): Promise<PetitionTarget> {
  if (ref.type === 'post') {
    const post = await database.db.selectFrom('posts').select(['id', 'label', 'division']).where('id', '=', ref.id).executeTakeFirst()
    if (!post) throw new AppError('not-found', `${field}: no post "${ref.id}" in the officials directory`, { field })
    return Object.freeze({ kind: 'petition-target', type: 'post', id: post.id, label: post.label, division: post.division })
  }
  const found = await personWithPosts(database, ref.id)
  if (!found) throw new AppError('not-found', `${field}: no person "${ref.id}" in the officials directory`, { field })
  const current = found.memberships.find((m) => m.post && (m.membership.startDate ?? '') <= asOf && (m.membership.endDate === undefined || m.membership.endDate > asOf)) ?? found.memberships.find((m) => m.post)
  if (!current?.post) throw new AppError('not-found', `${field}: ${found.person.name} holds no post the directory knows`, { field })
  return Object.freeze({ kind: 'petition-target', type: 'person', id: found.person.id, label: `${found.person.name}, ${current.post.label}`, division: current.post.division })
}

/** The state's at-large congressional seat, when the directory's only U.S. representative seat for the state is at-large. */
export async function atLargeDistrict(database: Database, state: string): Promise<{ readonly id: string; readonly name: string } | undefined> {
  const division = state === 'dc' ? 'ocd-division/country:us/district:dc' : `ocd-division/country:us/state:${state}`
  const rows = await database.db.selectFrom('posts').select(['division']).where('role', '=', 'us-representative').where((eb) => eb.or([eb('division', '=', division), eb('division', 'like', `${division}/%`)])).execute()
  return rows.length === 1 && rows[0]!.division === division ? { id: division, name: `${state.toUpperCase()} at-large` } : undefined
}

/** A new petition, as stored: the value, the creator (private) and the creator token's hash. */
export interface NewPetition {
  readonly petition: Petition
  readonly creatorName: string
  readonly creatorEmail: string
  readonly creatorTokenHash: string
}

/**
 * Stores a new petition (a draft, or a revision that names what it supersedes).
 *
 * @example
 * ```ts
 * await insertPetition(database, { petition, creatorName: 'A', creatorEmail: 'a@example.org', creatorTokenHash: hash })
 * ```
 */
export async function insertPetition(database: Database, entry: NewPetition): Promise<void> {
  const p = entry.petition
  await database.db
    .insertInto('petitions')
    .values({
      id: p.id,
      title: p.title,
      text: p.text,
      ask: p.ask,
      targets: JSON.stringify(p.targets),
      jurisdiction: p.jurisdiction,
      status: p.status,
      supersedes: p.supersedes ?? null,
      superseded_by: null,
      frozen: p.frozen,
      created_on: p.createdOn,
      live_on: p.liveOn ?? null,
      hidden_reason: null,
      creator_name: entry.creatorName,
      creator_email: entry.creatorEmail,
      creator_token_hash: entry.creatorTokenHash,
    })
    .execute()
}

/** A petition by id, or undefined. */
export async function loadPetition(database: Database, id: string): Promise<Petition | undefined> {
  const row = await database.db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toPetition(row) : undefined
}

/** Petitions for the index page: live ones, newest first. */
export async function livePetitions(database: Database, limit = 50): Promise<Petition[]> {
  const rows = await database.db.selectFrom('petitions').selectAll().where('status', '=', 'live').orderBy('live_on', 'desc').orderBy('id').limit(limit).execute()
  return rows.map(toPetition)
}

/** The petition whose creator holds this token (by hash), with the creator's private details; undefined when none. */
export async function petitionOfCreator(database: Database, tokenHash: string): Promise<{ readonly petition: Petition; readonly creatorName: string | null; readonly creatorEmail: string | null } | undefined> {
  const row = await database.db.selectFrom('petitions').selectAll().where('creator_token_hash', '=', tokenHash).executeTakeFirst()
  return row ? { petition: toPetition(row), creatorName: row.creator_name, creatorEmail: row.creator_email } : undefined
}

/**
 * The creator confirms: the draft goes live; a revision going live closes the petition it supersedes.
 *
 * @example
 * ```ts
 * (await confirmPetition(database, tokenHash(token), '2026-12-07')).status // 'live'
 * ```
 */
export async function confirmPetition(database: Database, creatorTokenHash: string, day: string): Promise<Petition> {
  return database.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('petitions').selectAll().where('creator_token_hash', '=', creatorTokenHash).forUpdate().executeTakeFirst()
    if (!row) throw new AppError('not-found', 'token: no petition has this confirmation token', { field: 'token' })
    const before = toPetition(row)
    const after = confirmCreator(before, day)
    if (after === before) return after
    await tx.updateTable('petitions').set({ status: 'live', live_on: day }).where('id', '=', row.id).execute()
    if (after.supersedes) await tx.updateTable('petitions').set({ status: 'closed', superseded_by: after.id }).where('id', '=', after.supersedes).where('status', 'in', ['live', 'draft']).execute()
    return after
  })
}

/**
 * A change by the creator: in place while nobody has signed; else a new draft petition (stored
 * under `newId` with the new creator token's hash) that supersedes this one. The in-place edit
 * only applies while the petition is still unfrozen in the database, so that it cannot race past
 * a first signature.
 *
 * @example
 * ```ts
 * const { petition, created } = await revisePetition(database, hash, { text: 'New text' }, { id: 'p2', creatorTokenHash: h2 }, '2026-12-08')
 * ```
 */
export async function revisePetition(database: Database, creatorTokenHash: string, change: PetitionChange, next: { readonly id: string; readonly creatorTokenHash: string }, day: string): Promise<{ readonly petition: Petition; readonly created: boolean }> {
  return database.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('petitions').selectAll().where('creator_token_hash', '=', creatorTokenHash).forUpdate().executeTakeFirst()
    if (!row) throw new AppError('not-found', 'token: no petition has this creator token', { field: 'token' })
    const revised = revise(toPetition(row), change, next.id, day)
    if (revised.id === row.id) {
      await tx.updateTable('petitions').set({ title: revised.title, text: revised.text, ask: revised.ask }).where('id', '=', row.id).where('frozen', '=', false).execute()
      return { petition: revised, created: false }
    }
    await tx
      .insertInto('petitions')
      .values({ id: revised.id, title: revised.title, text: revised.text, ask: revised.ask, targets: JSON.stringify(revised.targets), jurisdiction: revised.jurisdiction, status: 'draft', supersedes: row.id, superseded_by: null, frozen: false, created_on: day, live_on: null, hidden_reason: null, creator_name: row.creator_name, creator_email: row.creator_email, creator_token_hash: next.creatorTokenHash })
      .execute()
    return { petition: revised, created: true }
  })
}

/** Adds one to a petition's integrity counter (atomic, so concurrent refusals add up). */
export async function bumpCounter(database: Database | Transaction<Schema>, petitionId: string, counter: IntegrityCounter): Promise<void> {
  const db = 'db' in database ? database.db : database
  await db
    .insertInto('petition_integrity')
    .values({ petition_id: petitionId, counter, count: 1 })
    .onConflict((oc) => oc.columns(['petition_id', 'counter']).doUpdateSet({ count: sql<number>`petition_integrity.count + 1` }))
    .execute()
}

/** A new signature as the route makes it: normalised email, constituency, the hashes of its two single-use tokens, and its times (ISO). */
export interface NewSignature {
  readonly petitionId: string
  readonly email: NormalisedEmail
  readonly name: string
  readonly comment?: string
  readonly constituency: Constituency
  readonly confirmHash: string
  readonly withdrawHash: string
  readonly signedAt: string
  readonly expiresAt: string
}

const ERASED = { email_key: null, email: null, name: null, confirm_hash: null, withdraw_hash: null } as const

/**
 * Stores a pending signature, committed before this resolves, and freezes the petition's text.
 * A pending signature of the same address whose link has expired is expired first, so the signer
 * can sign again; a live pending or confirmed one makes this a duplicate (`conflict`, field
 * `email`, counted). Concurrent calls for one address store exactly one.
 *
 * @example
 * ```ts
 * const { id } = await addSignature(database, { petitionId, email: signerEmail('a@example.org'), name: 'A', constituency, confirmHash, withdrawHash, signedAt, expiresAt })
 * ```
 */
export async function addSignature(database: Database, s: NewSignature): Promise<{ readonly id: number }> {
  const outcome = await database.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('petitions').selectAll().where('id', '=', s.petitionId).executeTakeFirst()
    if (!row) throw notFound(s.petitionId)
    assertSignable(toPetition(row))
    if (!row.frozen) await tx.updateTable('petitions').set({ frozen: true }).where('id', '=', s.petitionId).where('frozen', '=', false).execute()
    await tx.updateTable('signatures').set({ status: 'expired', ...ERASED }).where('petition_id', '=', s.petitionId).where('email_key', '=', s.email.key).where('status', '=', 'pending').where('expires_at', '<=', s.signedAt).execute()
    const c = s.constituency
    const inserted = await tx
      .insertInto('signatures')
      .values({
        petition_id: s.petitionId,
        status: 'pending',
        email_key: s.email.key,
        email: s.email.address,
        name: s.name,
        comment: s.comment ?? null,
        state: c.state,
        county: c.county,
        county_name: c.countyName,
        place: c.place ?? null,
        place_name: c.placeName ?? null,
        district: c.district ?? null,
        district_name: c.districtName ?? null,
        confirm_hash: s.confirmHash,
        withdraw_hash: s.withdrawHash,
        signed_at: s.signedAt,
        expires_at: s.expiresAt,
        confirmed_at: null,
      })
      .onConflict((oc) => oc.columns(['petition_id', 'email_key']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (inserted) return { id: inserted.id }
    await bumpCounter(tx, s.petitionId, 'duplicate')
    return undefined
  })
  if (!outcome) throw new AppError('conflict', 'email: this address has already signed', { field: 'email' })
  return outcome
}

/**
 * Removes a pending signature whose confirmation mail could not be sent (so that the signer can
 * sign again), by its id.
 */
export async function dropUnsentSignature(database: Database, id: number): Promise<void> {
  await database.db.deleteFrom('signatures').where('id', '=', id).where('status', '=', 'pending').execute()
}

/**
 * Uses a signature's single-use link: `confirm` (the confirm token) or `withdraw` (the withdraw
 * token). A used token is cleared; withdrawing erases the name and email. An expired link marks
 * the signature expired (committed) and throws `conflict` naming `token`.
 *
 * @example
 * ```ts
 * await useSignatureToken(database, 'confirm', tokenHash(token), new Date().toISOString()) // { petitionId, status: 'confirmed' }
 * ```
 */
export async function useSignatureToken(database: Database, action: 'confirm' | 'withdraw', hash: string, now: string): Promise<{ readonly petitionId: string; readonly status: SignatureStatus }> {
  const result = await database.db.transaction().execute(async (tx) => {
    const column = action === 'confirm' ? 'confirm_hash' : 'withdraw_hash'
    const row = await tx.selectFrom('signatures').select(['id', 'petition_id', 'status', 'expires_at']).where(column, '=', hash).forUpdate().executeTakeFirst()
    if (!row) return { error: new AppError('not-found', 'token: this link is unknown or was already used', { field: 'token' }) }
    const expired = row.status === 'pending' && row.expires_at <= now
    let status: SignatureStatus
    try {
      status = signatureMove(row.status as SignatureStatus, action, expired)
    } catch (error) {
      if (expired) await tx.updateTable('signatures').set({ status: 'expired', ...ERASED }).where('id', '=', row.id).execute()
      return { error: error as AppError }
    }
    if (status === 'confirmed') await tx.updateTable('signatures').set({ status, confirm_hash: null, confirmed_at: now }).where('id', '=', row.id).execute()
    else await tx.updateTable('signatures').set({ status, ...ERASED }).where('id', '=', row.id).execute()
    return { petitionId: row.petition_id, status }
  })
  if ('error' in result) throw result.error
  return result
}

/**
 * Expires every pending signature whose link ran out before `now` (erasing name and email); the
 * number expired.
 */
export async function expirePending(database: Database, now: string, petitionId?: string): Promise<number> {
  let q = database.db.updateTable('signatures').set({ status: 'expired', ...ERASED }).where('status', '=', 'pending').where('expires_at', '<=', now)
  if (petitionId) q = q.where('petition_id', '=', petitionId)
  const result = await q.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * The retention rule: erases the name, email, public comment and tokens of every signature signed
 * before `before` (ISO). Its status, county, place and district stay, so the counts do not change.
 *
 * @example
 * ```ts
 * await anonymiseSignatures(database, anonymiseBefore(new Date().toISOString(), policy))
 * ```
 */
export async function anonymiseSignatures(database: Database, before: string): Promise<number> {
  const result = await database.db.updateTable('signatures').set({ ...ERASED, comment: null, anonymised: true }).where('signed_at', '<', before).where('anonymised', '=', false).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** The signatures of a petition grouped for counting: status, county and district with how many. No names, no emails. */
export async function signatureCounts(database: Database, petitionId: string): Promise<CountedSignature[]> {
  const rows = await database.db
    .selectFrom('signatures')
    .select(['status', 'county', 'county_name', 'district', 'district_name', sql<string>`count(*)`.as('n')])
    .where('petition_id', '=', petitionId)
    .groupBy(['status', 'county', 'county_name', 'district', 'district_name'])
    .execute()
  return rows.map((r) => ({ status: r.status as SignatureStatus, county: r.county, countyName: r.county_name, district: r.district, districtName: r.district_name, n: Number(r.n) }))
}

/** A petition's integrity counters. */
export async function integrityCounters(database: Database, petitionId: string): Promise<Record<string, number>> {
  const rows = await database.db.selectFrom('petition_integrity').select(['counter', 'count']).where('petition_id', '=', petitionId).execute()
  return Object.fromEntries(rows.map((r) => [r.counter, r.count]))
}

/** The public comments of confirmed signatures, newest first, with the county only (no name). */
export async function publicComments(database: Database, petitionId: string, limit = 50): Promise<{ readonly comment: string; readonly countyName: string }[]> {
  const rows = await database.db
    .selectFrom('signatures')
    .select(['comment', 'county_name'])
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'confirmed')
    .where('comment', 'is not', null)
    .orderBy('confirmed_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ comment: r.comment!, countyName: r.county_name }))
}

/** The confirmed signers a delivery packet lists (name and city; anonymised ones are gone), by name. The one read of names. */
export async function deliverySigners(database: Database, petitionId: string): Promise<{ readonly name: string; readonly city: string; readonly county: string; readonly countyName: string; readonly district: string | null }[]> {
  const rows = await database.db
    .selectFrom('signatures')
    .select(['name', 'place_name', 'county', 'county_name', 'district'])
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'confirmed')
    .where('name', 'is not', null)
    .orderBy('name')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ name: r.name!, city: r.place_name ?? '', county: r.county, countyName: r.county_name, district: r.district }))
}

/**
 * A maintainer hides a petition with a public reason (or shows it again, reason null).
 *
 * @example
 * ```ts
 * await setHidden(database, 'p1', 'It names a private person.')
 * ```
 */
export async function setHidden(database: Database, id: string, reason: string | null): Promise<Petition> {
  return database.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('petitions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!row) throw notFound(id)
    const status: PetitionStatus = reason !== null ? 'hidden' : row.superseded_by ? 'closed' : row.live_on ? 'live' : 'draft'
    await tx.updateTable('petitions').set({ status, hidden_reason: reason }).where('id', '=', id).execute()
    return toPetition({ ...row, status, hidden_reason: reason })
  })
}

/** A reader's report: the reason and an optional message; nothing about the reader. */
export async function addReport(database: Database, petitionId: string, reason: string, message: string | undefined, day: string): Promise<void> {
  await database.db.insertInto('petition_reports').values({ petition_id: petitionId, reason, message: message ?? null, reported_on: day }).execute()
}

/** The reports on a petition, for maintainers. */
export async function reportsOf(database: Database, petitionId: string): Promise<{ readonly reason: string; readonly message: string | null; readonly reportedOn: string }[]> {
  const rows = await database.db.selectFrom('petition_reports').select(['reason', 'message', 'reported_on']).where('petition_id', '=', petitionId).orderBy('id').execute()
  return rows.map((r) => ({ reason: r.reason, message: r.message, reportedOn: r.reported_on }))
}

/** How many reports each petition has (for the maintainers' queue), most first. */
export async function reportCounts(database: Database): Promise<{ readonly petitionId: string; readonly reports: number }[]> {
  const rows = await database.db.selectFrom('petition_reports').select(['petition_id', sql<string>`count(*)`.as('n')]).groupBy('petition_id').orderBy(sql`count(*)`, 'desc').execute()
  return rows.map((r) => ({ petitionId: r.petition_id, reports: Number(r.n) }))
}

/** One reader's report as maintainers see it: the reason, the message, the day. Nothing about the reader exists to show. */
export interface PetitionReport {
  readonly reason: string
  readonly message: string | null
  readonly reportedOn: string
}

/**
 * The reported petitions for the maintainers' page: each with its reports, newest first, the most
 * recently reported petition first (at most `limit` petitions, from the latest 5,000 reports).
 *
 * @example
 * ```ts
 * const [first] = await reportedPetitions(database)
 * first?.petition.title; first?.reports[0]?.reason // 'spam'
 * ```
 */
export async function reportedPetitions(database: Database, limit = 100): Promise<{ readonly petition: Petition; readonly reports: readonly PetitionReport[] }[]> {
  const rows = await database.db.selectFrom('petition_reports').select(['petition_id', 'reason', 'message', 'reported_on']).orderBy('id', 'desc').limit(5_000).execute()
  const byPetition = new Map<string, PetitionReport[]>()
  for (const r of rows) {
    if (!byPetition.has(r.petition_id)) {
      if (byPetition.size >= limit) continue
      byPetition.set(r.petition_id, [])
    }
    byPetition.get(r.petition_id)!.push({ reason: r.reason, message: r.message, reportedOn: r.reported_on })
  }
  if (!byPetition.size) return []
  const petitions = await database.db.selectFrom('petitions').selectAll().where('id', 'in', [...byPetition.keys()]).execute()
  const found = new Map(petitions.map((p) => [p.id, toPetition(p)]))
  return [...byPetition].flatMap(([id, reports]) => (found.has(id) ? [{ petition: found.get(id)!, reports }] : []))
}
