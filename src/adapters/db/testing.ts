/**
 * Database targets for tests: PGlite in memory always, and PostgreSQL when `TEST_DATABASE_URL`
 * names a server (CI starts one; see `.ci/postgres.sh`). Each PostgreSQL test database is its own
 * schema, dropped afterwards, so that test files can run side by side on one server.
 *
 * Under CI (`CI` set) a missing `TEST_DATABASE_URL` is an error, so that the PostgreSQL half
 * cannot silently not run.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from './database.ts'

export interface TestTarget {
  readonly name: 'pglite' | 'postgres'
  open(): Promise<Database>
}

/**
 * @example
 * ```ts
 * describe.each(testTargets())('store on $name', (target) => {
 *   it('migrates', async () => { const database = await target.open(); await database.close() })
 * })
 * ```
 */
export function testTargets(env: NodeJS.ProcessEnv = process.env): TestTarget[] {
  const targets: TestTarget[] = [{ name: 'pglite', open: () => openDatabase({ kind: 'pglite-memory' }) }]
  const url = env.TEST_DATABASE_URL
  if (url) targets.push({ name: 'postgres', open: () => openPostgresSchema(url) })
  else if (env.CI) throw new Error('CI is set but TEST_DATABASE_URL is not: the PostgreSQL half of the database suite would not run (.ci/run starts a server)')
  return targets
}

/** A PostgreSQL schema of its own for one test: `url` points at it (through `search_path`); `drop` removes it. */
export interface PostgresTestSchema {
  readonly kind: 'postgres-test-schema'
  readonly url: string
  drop(): Promise<void>
}

/**
 * Creates a schema with a random name on the server of `url`, for a test that hands a
 * `DATABASE_URL` to another process (a server it starts).
 *
 * @example
 * ```ts
 * const schema = await postgresTestSchema(process.env.TEST_DATABASE_URL!)
 * try { spawn('node', ['main.ts'], { env: { DATABASE_URL: schema.url } }) } finally { await schema.drop() }
 * ```
 */
export async function postgresTestSchema(url: string): Promise<PostgresTestSchema> {
  const schema = `test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema}`)
  return Object.freeze({
    kind: 'postgres-test-schema' as const,
    url: scoped.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop schema ${schema} cascade`)
      await cleanup.end()
    },
  })
}

async function openPostgresSchema(url: string): Promise<Database> {
  const schema = await postgresTestSchema(url)
  const database = await openDatabase({ kind: 'postgres', url: schema.url })
  return Object.freeze({
    ...database,
    async close() {
      await database.close()
      await schema.drop()
    },
  })
}
