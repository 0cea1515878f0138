/**
 * Opening the database: PGlite in a data folder (the embedded default) or PostgreSQL through
 * `DATABASE_URL`. Both are Kysely over the same schema and the same queries; only the dialect
 * differs. Migrations run on open.
 */
import { PGlite } from '@electric-sql/pglite'
import { Kysely, Migrator, PostgresDialect, sql, type MigrationResultSet } from 'kysely'
import pg from 'pg'
import { join, resolve } from 'node:path'
import { AppError } from '../../core/errors/index.ts'
import { lockDataDir, type DataDirLock } from './lock.ts'
import { MIGRATIONS } from './migrations/index.ts'
import { PGliteDialect } from './pglite-dialect.ts'
import type { Schema } from './schema.ts'

/** Where the database is: an embedded data folder, or a PostgreSQL connection string. */
export type DatabaseTarget =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'pglite-memory' }
  | { readonly kind: 'postgres'; readonly url: string }

/** An open database. `close` releases the data folder's lock. */
export interface Database {
  readonly kind: 'database'
  readonly target: DatabaseTarget
  readonly db: Kysely<Schema>
  close(): Promise<void>
}

/**
 * The target the environment names: `DATABASE_URL` when set, else the data folder
 * `SANCTUARY_DATA_DIR` (default `./data`).
 *
 * @example
 * ```ts
 * targetFromEnv({ DATABASE_URL: 'postgres://localhost/atlas' }) // { kind: 'postgres', url: … }
 * ```
 */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL }
  return { kind: 'pglite', dataDir: resolve(env.SANCTUARY_DATA_DIR ?? 'data') }
}

/** A short description of a target for logs and `db status`, without credentials. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `PGlite in ${target.dataDir}`
  if (target.kind === 'pglite-memory') return 'PGlite in memory'
  try {
    const url = new URL(target.url)
    return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`
  } catch {
    return 'PostgreSQL'
  }
}

/**
 * Opens the database and brings its schema up to date.
 *
 * @example
 * ```ts
 * const database = await openDatabase(targetFromEnv())
 * try { await database.db.selectFrom('persons').selectAll().execute() } finally { await database.close() }
 * ```
 */
export async function openDatabase(target: DatabaseTarget, options: { readonly migrate?: boolean } = {}): Promise<Database> {
  let lock: DataDirLock | undefined
  let db: Kysely<Schema>
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 4 })
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  } else {
    if (target.kind === 'pglite') lock = await lockDataDir(target.dataDir)
    try {
      const pglite = target.kind === 'pglite' ? await PGlite.create(join(target.dataDir, 'pglite')) : await PGlite.create()
      db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite) })
    } catch (cause) {
      await lock?.release()
      throw new AppError('internal', `cannot open the database in ${describeTarget(target)}: ${(cause as Error).message}`, {}, { cause })
    }
  }
  const database: Database = Object.freeze({
    kind: 'database' as const,
    target,
    db,
    async close() {
      await db.destroy()
      await lock?.release()
    },
  })
  try {
    await sql`select 1`.execute(db)
    if (options.migrate !== false) await migrateToLatest(database)
  } catch (cause) {
    await database.close().catch(() => undefined)
    if (cause instanceof AppError) throw cause
    throw new AppError('internal', `cannot open the database (${describeTarget(target)}): ${(cause as Error).message}`, {}, { cause })
  }
  return database
}

// Migration names are reserved per branch (002…006) and land in any order, so a database that has
// run 006 must still accept 004 when it arrives: each migration touches only its own tables.
//
// The migration tables are looked for in the connection's own schema: Kysely otherwise takes a
// `kysely_migration_lock` table in any schema of the database as its own (another application's,
// or another test's on a shared server) and then fails to find it in this one.
async function migrator(database: Database): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)
  const migrationTableSchema = rows[0]?.schema ?? 'public'
  return new Migrator({ db: database.db, allowUnorderedMigrations: true, migrationTableSchema, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } })
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const result = await (await migrator(database)).migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new AppError('internal', `migration ${failed} failed: ${(result.error as Error).message}`, {}, { cause: result.error })
  }
  return result
}

/** The schema version: the applied migrations, and the pending ones. */
export async function schemaVersion(database: Database): Promise<{ readonly applied: readonly string[]; readonly pending: readonly string[] }> {
  const migrations = await (await migrator(database)).getMigrations()
  return {
    applied: migrations.filter((m) => m.executedAt).map((m) => m.name),
    pending: migrations.filter((m) => !m.executedAt).map((m) => m.name),
  }
}
