/**
 * Call outcomes in the database: counts only. A logged call adds one to the row of its day, post,
 * jurisdiction, question and outcome; nothing about the caller is stored (no IP, no cookie or
 * session id, no time finer than the day).
 */
import { sql } from 'kysely'
import type { CallOutcome, ScriptQuestion } from '../../core/scripts/index.ts'
import type { Database } from './database.ts'

/** One logged call, as counted. */
export interface CallOutcomeEntry {
  /** YYYY-MM-DD (UTC): the only time kept. */
  readonly day: string
  readonly postId: string
  readonly jurisdiction: string
  readonly question: ScriptQuestion
  readonly outcome: CallOutcome
}

/** The counts for one post, jurisdiction and question, summed over days. */
export interface CallOutcomeCount {
  readonly postId: string
  readonly jurisdiction: string
  readonly question: string
  readonly outcome: string
  readonly count: number
  /** The first and last day with a logged call (days only). */
  readonly firstDay: string
  readonly lastDay: string
}

/**
 * Adds one to the count of the entry's row (created at 1), atomically, so concurrent calls add up.
 *
 * @example
 * ```ts
 * await recordCallOutcome(database, { day: '2026-12-07', postId: 'post:sheriff/…/county:fresno', jurisdiction: '…/county:fresno', question: 'hold', outcome: 'voicemail' })
 * ```
 */
export async function recordCallOutcome(database: Database, entry: CallOutcomeEntry): Promise<void> {
  await database.db
    .insertInto('call_outcomes')
    .values({ day: entry.day, post_id: entry.postId, jurisdiction: entry.jurisdiction, question: entry.question, outcome: entry.outcome, count: 1 })
    .onConflict((oc) => oc.columns(['day', 'post_id', 'jurisdiction', 'question', 'outcome']).doUpdateSet({ count: sql<number>`call_outcomes.count + 1` }))
    .execute()
}

/**
 * The counts logged for a jurisdiction (optionally one post), summed over days, in a fixed order.
 *
 * @example
 * ```ts
 * await callOutcomeCounts(database, { jurisdiction: '…/county:fresno' }) // [{ postId, question: 'hold', outcome: 'reached', count: 3, … }]
 * ```
 */
export async function callOutcomeCounts(database: Database, filter: { readonly jurisdiction: string; readonly postId?: string }): Promise<CallOutcomeCount[]> {
  let q = database.db
    .selectFrom('call_outcomes')
    .select(['post_id', 'jurisdiction', 'question', 'outcome', sql<string>`sum(count)`.as('total'), sql<string>`min(day)`.as('first_day'), sql<string>`max(day)`.as('last_day')])
    .where('jurisdiction', '=', filter.jurisdiction)
  if (filter.postId !== undefined) q = q.where('post_id', '=', filter.postId)
  const rows = await q.groupBy(['post_id', 'jurisdiction', 'question', 'outcome']).orderBy('post_id').orderBy('question').orderBy('outcome').execute()
  return rows.map((r) => ({ postId: r.post_id, jurisdiction: r.jurisdiction, question: r.question, outcome: r.outcome, count: Number(r.total), firstDay: r.first_day, lastDay: r.last_day }))
}
