/**
 * Suggested corrections in the database: stored as submitted, listed for pages (public views) and
 * for maintainers (with the email), and decided once — accepted with its patch, or rejected with a
 * public reason.
 */
import { AppError } from '../../core/errors/index.ts'
import type { Correction, CorrectionStatus, CorrectionSubmission, CorrectionTopic } from '../../core/corrections/index.ts'
import type { Database } from './database.ts'
import type { CorrectionsTable } from './schema.ts'
import type { Selectable } from 'kysely'

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString()
}

function fromRow(row: Selectable<CorrectionsTable>): Correction {
  return {
    kind: 'correction',
    id: row.id,
    jurisdiction: row.jurisdiction,
    enactment: row.enactment,
    provision: row.provision,
    topic: row.topic as CorrectionTopic,
    what: row.what,
    source: row.source,
    email: row.email,
    status: row.status as CorrectionStatus,
    submittedAt: iso(row.submitted_at)!,
    decidedAt: iso(row.decided_at),
    reason: row.reason,
    quote: row.quote,
    patch: row.patch,
  }
}

/**
 * Stores a checked suggestion as pending and returns it.
 *
 * @example
 * ```ts
 * const stored = await submitCorrection(database, parseSubmission(registry, body), new Date())
 * ```
 */
export async function submitCorrection(database: Database, submission: CorrectionSubmission, now: Date): Promise<Correction> {
  const row = await database.db
    .insertInto('corrections')
    .values({ jurisdiction: submission.jurisdiction, enactment: submission.enactment, provision: submission.provision, topic: submission.topic, what: submission.what, source: submission.source, email: submission.email, submitted_at: now })
    .returningAll()
    .executeTakeFirstOrThrow()
  return fromRow(row)
}

/** Suggestions, newest first: of one jurisdiction and/or status when given. */
export async function listCorrections(database: Database, filter: { readonly jurisdiction?: string; readonly status?: CorrectionStatus; readonly limit?: number } = {}): Promise<Correction[]> {
  let q = database.db.selectFrom('corrections').selectAll()
  if (filter.jurisdiction !== undefined) q = q.where('jurisdiction', '=', filter.jurisdiction)
  if (filter.status !== undefined) q = q.where('status', '=', filter.status)
  const rows = await q.orderBy('id', 'desc').limit(filter.limit ?? 500).execute()
  return rows.map(fromRow)
}

/** One suggestion, or null. */
export async function getCorrection(database: Database, id: number): Promise<Correction | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null
  const row = await database.db.selectFrom('corrections').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? fromRow(row) : null
}

/**
 * Decides a pending suggestion. Throws `not-found` for an unknown id and `conflict` when it was
 * already decided (by anyone: the update only touches a pending row).
 *
 * @example
 * ```ts
 * await decideCorrection(database, 3, { status: 'rejected', reason: 'The cited page says the opposite.' }, maintainer.id, new Date())
 * ```
 */
export async function decideCorrection(
  database: Database,
  id: number,
  decision: { readonly status: 'accepted'; readonly quote: string; readonly patch: string } | { readonly status: 'rejected'; readonly reason: string },
  maintainerId: number,
  now: Date,
): Promise<Correction> {
  const values =
    decision.status === 'accepted'
      ? { status: 'accepted', quote: decision.quote, patch: decision.patch, reason: null }
      : { status: 'rejected', reason: decision.reason, quote: null, patch: null }
  const row = await database.db
    .updateTable('corrections')
    .set({ ...values, decided_at: now, decided_by: maintainerId })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst()
  if (row) return fromRow(row)
  const existing = await getCorrection(database, id)
  if (!existing) throw new AppError('not-found', `no correction ${id}`, { field: 'id' })
  throw new AppError('conflict', `correction ${id} was already ${existing.status}`, { field: 'id' })
}
