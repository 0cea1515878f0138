/**
 * Saved toolkit drafts behind private links. The link carries a random token (24 bytes,
 * base64url); the table keeps only its SHA-256, the composer's query and the day it was saved.
 * Whoever holds the link can open or delete the draft; nobody can list drafts.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Database } from './database.ts'

/** The longest composer query stored (characters): a draft's YAML with room to spare. */
export const MAX_DRAFT_QUERY = 100_000

const TOKEN = /^[A-Za-z0-9_-]{32}$/

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Stores a composer query and returns the new private token. The write is one INSERT, committed
 * before this resolves.
 *
 * @example
 * ```ts
 * const token = await saveDraft(database, 'jurisdiction=…&date=2018-06-01&clauses=hold-judicial-warrant', '2026-12-07')
 * ```
 */
export async function saveDraft(database: Database, query: string, today: string): Promise<string> {
  if (query.length > MAX_DRAFT_QUERY) throw new RangeError(`draft query over ${MAX_DRAFT_QUERY} characters`)
  const token = randomBytes(24).toString('base64url')
  await database.db.insertInto('toolkit_drafts').values({ token_hash: hashOf(token), query, saved_on: today }).execute()
  return token
}

/** The query saved under a token, or null for an unknown or malformed token. */
export async function loadDraft(database: Database, token: string): Promise<{ readonly query: string; readonly savedOn: string } | null> {
  if (!TOKEN.test(token)) return null
  const row = await database.db.selectFrom('toolkit_drafts').select(['query', 'saved_on']).where('token_hash', '=', hashOf(token)).executeTakeFirst()
  return row ? { query: row.query, savedOn: row.saved_on } : null
}

/** Deletes the draft saved under a token; false when there was none. */
export async function deleteDraft(database: Database, token: string): Promise<boolean> {
  if (!TOKEN.test(token)) return false
  const result = await database.db.deleteFrom('toolkit_drafts').where('token_hash', '=', hashOf(token)).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
