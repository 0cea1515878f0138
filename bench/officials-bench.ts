/**
 * Officials benchmark, on PGlite (a fresh data folder) and, when `BENCH_DATABASE_URL` or
 * `TEST_DATABASE_URL` names a server, on PostgreSQL (a fresh database): a full import of the shared
 * datasets (records/s), then, with the server in a child process, the throughput of
 * `GET /api/v1/officials?jurisdiction=` (counties varied) and `GET /api/v1/officials/lookup?zip=`
 * (ZIP codes varied), each as a ratio to `GET /healthz` on the same server in the same run.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import pg from 'pg'
import { buildGazetteer } from '../src/core/answers/index.ts'
import { createEngine } from '../src/core/engine/index.ts'
import { openDatabase, targetFromEnv, type DatabaseTarget } from '../src/adapters/db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../src/adapters/fs/index.ts'
import { buildApp } from '../src/adapters/http/app.ts'
import { defaultSharedDataDir, GAZETTEER_VERSION, importOfficials } from '../src/adapters/officials-import/index.ts'
import { load, startServerChild, type LoadResult } from './web-bench.ts'

export interface OfficialsTargetResult {
  readonly kind: 'officials-target-result'
  readonly target: 'pglite' | 'postgres'
  readonly records: number
  readonly importSeconds: number
  readonly healthz: LoadResult
  readonly officials: LoadResult
  readonly lookup: LoadResult
}

export interface OfficialsBenchOptions {
  readonly seconds: number
  readonly connections: number
}

const THIS_FILE = fileURLToPath(import.meta.url)

async function withTarget<T>(kind: 'pglite' | 'postgres', url: string | undefined, use: (target: DatabaseTarget, env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'officials-bench-'))
    try {
      return await use({ kind: 'pglite', dataDir }, { ...process.env, DATABASE_URL: '', SANCTUARY_DATA_DIR: dataDir })
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }
  const name = `officials_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  const scoped = new URL(url!)
  scoped.pathname = `/${name}`
  try {
    return await use({ kind: 'postgres', url: scoped.toString() }, { ...process.env, DATABASE_URL: scoped.toString() })
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

async function benchTarget(kind: 'pglite' | 'postgres', url: string | undefined, from: string, options: OfficialsBenchOptions): Promise<OfficialsTargetResult> {
  return withTarget(kind, url, async (target, env) => {
    const registry = await loadRegistryOrThrow(defaultRegistryDir())
    const gazetteer = buildGazetteer(registry, (await loadUsAtlas()).input)
    const database = await openDatabase(target)
    let records = 0
    let importSeconds = 0
    let zips: string[] = []
    try {
      const started = performance.now()
      const outcomes = await importOfficials(database, { from, gazetteer, gazetteerVersion: GAZETTEER_VERSION, asOf: new Date().toISOString().slice(0, 10) })
      importSeconds = (performance.now() - started) / 1000
      records = outcomes.reduce((n, o) => n + (o.kind === 'imported' ? o.summary.records : 0), 0)
      zips = (await database.db.selectFrom('zip_areas').select('zip').distinct().orderBy('zip').limit(2000).execute()).map((r) => r.zip)
    } finally {
      await database.close()
    }
    const counties = gazetteer.counties.map((c) => c.jurisdiction)
    const server = await startServerChild(THIS_FILE, env)
    try {
      const run = { connections: options.connections, seconds: options.seconds, warmupSeconds: 1 }
      const healthz = await load(server.baseUrl, { label: 'healthz', method: 'GET', path: () => '/healthz' }, run)
      const officials = await load(server.baseUrl, { label: 'officials', method: 'GET', path: (i) => `/api/v1/officials?jurisdiction=${encodeURIComponent(counties[(i * 7919) % counties.length]!)}` }, run)
      const lookup = await load(server.baseUrl, { label: 'lookup', method: 'GET', path: (i) => `/api/v1/officials/lookup?zip=${zips[(i * 7919) % zips.length]}` }, run)
      return { kind: 'officials-target-result', target: kind, records, importSeconds, healthz, officials, lookup }
    } finally {
      await server.stop()
    }
  })
}

/**
 * Runs the benchmark on every available target; `undefined` when ../shared/data is not here.
 *
 * @example
 * ```ts
 * const results = await runOfficialsBench({ seconds: 5, connections: 8 })
 * ```
 */
export async function runOfficialsBench(options: OfficialsBenchOptions): Promise<OfficialsTargetResult[] | undefined> {
  const from = defaultSharedDataDir()
  if (!from) return undefined
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  const results = [await benchTarget('pglite', undefined, from, options)]
  if (url) results.push(await benchTarget('postgres', url, from, options))
  return results
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

/** The report lines. */
export function formatOfficialsBench(results: readonly OfficialsTargetResult[] | undefined): string {
  if (!results) return 'officials: skipped (no ../shared/data; set SANCTUARY_SHARED_DATA)\n\n'
  const lines: string[] = []
  for (const r of results) {
    const ratio = (x: LoadResult) => (x.requestsPerSecond / r.healthz.requestsPerSecond).toFixed(3)
    const row = (x: LoadResult) => `${fmt(x.requestsPerSecond)} req/s, p50 ${x.p50Ms.toFixed(2)} ms, p99 ${x.p99Ms.toFixed(2)} ms, ${x.errors} errors`
    lines.push(
      `officials on ${r.target === 'pglite' ? 'PGlite (data folder)' : 'PostgreSQL'}:`,
      `  full import:            ${fmt(r.records)} records in ${r.importSeconds.toFixed(1)} s = ${fmt(r.records / r.importSeconds)} records/s`,
      `  GET /healthz:           ${row(r.healthz)} (baseline)`,
      `  GET /api/v1/officials:  ${row(r.officials)}; ratio ${ratio(r.officials)}  (goal >= 0.5)`,
      `  GET …/lookup?zip=:      ${row(r.lookup)}; ratio ${ratio(r.lookup)}  (goal >= 0.5)`,
      '',
    )
  }
  if (!results.some((r) => r.target === 'postgres')) lines.push('  (PostgreSQL not measured: set BENCH_DATABASE_URL)', '')
  return `${lines.join('\n')}\n`
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv.includes('--serve')) {
  const registry = await loadRegistryOrThrow(defaultRegistryDir())
  const database = await openDatabase(targetFromEnv())
  const app = await buildApp({ engine: createEngine(registry, { version: 'bench' }), atlas: await loadUsAtlas(), database })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  process.stdout.write(`${JSON.stringify({ baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` })}\n`)
  process.on('SIGTERM', () => void app.close().then(() => database.close()).then(() => process.exit(0)))
}
