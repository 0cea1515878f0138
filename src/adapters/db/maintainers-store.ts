/**
 * Maintainers and their sessions in the database. Passwords are hashed with Argon2id
 * (@node-rs/argon2, its defaults: 19 MiB, 2 passes — the OWASP baseline); a session is a random
 * 32-byte token in the cookie and its SHA-256 in the table.
 */
import { hash, verify } from '@node-rs/argon2'
import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../../core/errors/index.ts'
import { checkPassword, parseEmail, SESSION_HOURS, type Maintainer } from '../../core/maintainers/index.ts'
import type { Database } from './database.ts'

const TOKEN = /^[A-Za-z0-9_-]{43}$/

function hashOfToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

// Verified against when the email is unknown, so that a wrong email takes as long as a wrong password.
let dummyHash: Promise<string> | undefined

/**
 * Adds a maintainer, or with `replace` sets a new password for an existing one. Throws
 * `invalid-input` for a bad email or password, `conflict` when the email is taken.
 *
 * @example
 * ```ts
 * const m = await addMaintainer(database, 'ana@example.org', 'correct horse battery staple')
 * ```
 */
export async function addMaintainer(database: Database, emailText: string, password: string, options: { readonly replace?: boolean } = {}): Promise<Maintainer> {
  const email = parseEmail(emailText, 'email')
  checkPassword(password, 'password')
  const passwordHash = await hash(password)
  const existing = await database.db.selectFrom('maintainers').select('id').where('email', '=', email).executeTakeFirst()
  if (existing) {
    if (!options.replace) throw new AppError('conflict', `email: a maintainer with this email already exists (use --replace to set a new password)`, { field: 'email' })
    await database.db.updateTable('maintainers').set({ password_hash: passwordHash }).where('id', '=', existing.id).execute()
    // A new password ends the sessions signed in with the old one.
    await database.db.deleteFrom('maintainer_sessions').where('maintainer_id', '=', existing.id).execute()
    return { kind: 'maintainer', id: existing.id, email }
  }
  const row = await database.db.insertInto('maintainers').values({ email, password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow()
  return { kind: 'maintainer', id: row.id, email }
}

/**
 * The maintainer whose email and password these are, or null. Takes about as long for an unknown
 * email as for a wrong password.
 *
 * @example
 * ```ts
 * const m = await checkMaintainer(database, 'ana@example.org', password) // Maintainer | null
 * ```
 */
export async function checkMaintainer(database: Database, emailText: string, password: string): Promise<Maintainer | null> {
  let email: string
  try {
    email = parseEmail(emailText, 'email')
  } catch {
    return null
  }
  const row = await database.db.selectFrom('maintainers').select(['id', 'email', 'password_hash']).where('email', '=', email).executeTakeFirst()
  if (!row) {
    dummyHash ??= hash(randomBytes(16).toString('hex'))
    await verify(await dummyHash, password).catch(() => false)
    return null
  }
  const ok = await verify(row.password_hash, password).catch(() => false)
  return ok ? { kind: 'maintainer', id: row.id, email: row.email } : null
}

/** How many maintainers there are (the sign-in page says how to add the first). */
export async function maintainerCount(database: Database): Promise<number> {
  const row = await database.db.selectFrom('maintainers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Starts a session for a maintainer and returns its token (for the cookie; only its hash is stored).
 *
 * @example
 * ```ts
 * const { token, expires } = await startSession(database, maintainer.id, new Date())
 * ```
 */
export async function startSession(database: Database, maintainerId: number, now: Date): Promise<{ readonly token: string; readonly expires: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000)
  // Expired sessions go when anyone signs in, so the table does not grow.
  await database.db.deleteFrom('maintainer_sessions').where('expires_at', '<=', now).execute()
  await database.db.insertInto('maintainer_sessions').values({ token_hash: hashOfToken(token), maintainer_id: maintainerId, created_at: now, expires_at: expires }).execute()
  return { token, expires }
}

/** The maintainer signed in with this token at `now`, or null (unknown, malformed or expired token). */
export async function sessionMaintainer(database: Database, token: string, now: Date): Promise<Maintainer | null> {
  if (!TOKEN.test(token)) return null
  const row = await database.db
    .selectFrom('maintainer_sessions')
    .innerJoin('maintainers', 'maintainers.id', 'maintainer_sessions.maintainer_id')
    .select(['maintainers.id', 'maintainers.email', 'maintainer_sessions.expires_at'])
    .where('maintainer_sessions.token_hash', '=', hashOfToken(token))
    .executeTakeFirst()
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return null
  return { kind: 'maintainer', id: row.id, email: row.email }
}

/** Ends the session of this token; false when there was none. */
export async function endSession(database: Database, token: string): Promise<boolean> {
  if (!TOKEN.test(token)) return false
  const result = await database.db.deleteFrom('maintainer_sessions').where('token_hash', '=', hashOfToken(token)).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
