/**
 * The forced-kill harness: starts the real server as a child process (`src/adapters/http/main.ts`,
 * the entry `npm start` runs, through the same tsx loader), lets clients sign and confirm over
 * HTTP, SIGKILLs the server at a random moment, restarts it, and after each restart checks that
 * no acknowledged signature or confirmation was lost or duplicated.
 *
 * How a round is checked without trusting the server: every sign-up or confirmation that got no
 * reply (in flight at the kill) is posted again after the restart. A sign-up answered 202 then is
 * acknowledged; 409 means the first one had been stored. A confirmation answered 200 then is
 * acknowledged; 404 means the first one had been applied (a used token is cleared). After that,
 * every address ever posted is known to be stored, so the public counts must equal exactly the
 * acknowledged ones plus those stored without a reply: a lost signature makes the count smaller, a
 * duplicated one larger. Where the test can read the rows (PostgreSQL every round; PGlite after
 * the last stop), each address is also looked up one by one.
 *
 * Addresses are `kill-<n>@example.org`; nothing here prints one.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LOCK_FILE, type Database } from '../db/index.ts'
import { freePort, httpClient, newOutboxTokens, type HttpClient } from './http-clients-testing.ts'
import { HARRIS_SHERIFF } from './petitions-testing.ts'
import { seeded } from './fuzz-kit.ts'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const MAIN = 'src/adapters/http/main.ts'
const UNLIMITED = '1000000'

/** A started server process. */
interface Server {
  readonly child: ChildProcess
  readonly pid: number
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** The last lines it wrote (stdout and stderr), for failure messages. */
  tail(): string
}

/** Children still running, killed by `killAll` (a failed test must not leave a server behind). */
const running = new Set<ChildProcess>()

/** SIGKILLs every server this harness started that is still running. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL')
}

function startProcess(env: NodeJS.ProcessEnv): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    if (lines.length > 40) lines.splice(0, lines.length - 40)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child)
      resolve({ code, signal })
    }),
  )
  return { child, pid: child.pid!, exited, tail: () => lines.join('\n') }
}

async function waitReady(server: Server, base: string, timeoutMs = 120_000): Promise<void> {
  const probe = httpClient(base, 2_000)
  const deadline = Date.now() + timeoutMs
  let gone = false
  void server.exited.then(() => (gone = true))
  try {
    for (;;) {
      if (gone) throw new Error(`the server exited before it was ready:\n${server.tail()}`)
      if (Date.now() > deadline) throw new Error(`the server was not ready after ${timeoutMs} ms:\n${server.tail()}`)
      const ok = await probe.get('/healthz').then((r) => r.status === 200, () => false)
      if (ok) return
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  } finally {
    probe.close()
  }
}

export interface KillRunOptions {
  readonly backend: 'pglite' | 'postgres'
  /** The data folder: PGlite's database (when no `databaseUrl`) and the outbox. Holds the directory fixture already. */
  readonly dataDir: string
  /** PostgreSQL: the server's `DATABASE_URL` (a schema of its own). */
  readonly databaseUrl?: string
  /** Opens the database in this process, to read the rows: after the last stop, and every round too when `rowsWhileRunning` (PostgreSQL; PGlite's folder is the server's alone). */
  readonly openRows: () => Promise<Database>
  readonly rowsWhileRunning: boolean
  readonly rounds: number
  readonly clients: number
  /** The kill comes this many ms after signing starts, uniformly in [min, max]. */
  readonly killAfterMs: readonly [number, number]
  readonly seed: number
  /** After the first restart, start a second server on the same data folder: it must refuse (the lock is live). */
  readonly checkLiveLock?: boolean
  /** Called with a line after each round (no addresses). */
  readonly progress?: (line: string) => void
}

/** What a run measured. `lost` and `duplicated` must be 0; `problems` empty. */
export interface KillFigures {
  readonly backend: string
  readonly seed: number
  readonly kills: number
  readonly signUps: number
  readonly acknowledged: number
  readonly storedWithoutReply: number
  readonly notStoredWithoutReply: number
  readonly confirmationsAcknowledged: number
  readonly confirmationsAppliedWithoutReply: number
  readonly lost: number
  readonly duplicated: number
  readonly confirmationsLost: number
  readonly liveLockRefused?: boolean
  readonly restartMs: { readonly median: number; readonly max: number }
  readonly totalMs: number
  readonly problems: readonly string[]
}

const address = (n: number) => `kill-${n}@example.org`
const indexOf = (to: string) => Number(/^kill-(\d+)@example\.org$/i.exec(to)?.[1] ?? -1)

/**
 * Runs the kill loop and returns its figures; throws at the first round whose counts do not add
 * up (naming the round and the seed).
 *
 * @example
 * ```ts
 * const figures = await runKillLoop({ backend: 'pglite', dataDir, rounds: 100, clients: 8, killAfterMs: [0, 1200], seed: 1 })
 * expect(figures.lost).toBe(0)
 * ```
 */
export async function runKillLoop(options: KillRunOptions): Promise<KillFigures> {
  const started = performance.now()
  const rand = seeded(options.seed)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const outbox = join(options.dataDir, 'outbox')
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SANCTUARY_DATA_DIR: options.dataDir, SANCTUARY_PUBLIC_URL: 'http://atlas.test', LOG_LEVEL: 'warn' }
  // No shared data folder: the directory fixture is already in the database, so nothing is seeded.
  Object.assign(env, { SANCTUARY_SHARED_DATA: join(options.dataDir, 'no-shared-data'), SANCTUARY_US_GEO: join(options.dataDir, 'no-us-geo') })
  // Every client shares 127.0.0.1: the limits would refuse most sign-ups and the test would measure them, not kills.
  Object.assign(env, { SANCTUARY_POST_LIMIT: UNLIMITED, SANCTUARY_PETITION_SIGNUPS_PER_IP: UNLIMITED, SANCTUARY_PETITION_SIGNUPS_PER_PETITION: UNLIMITED })
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'NODE_OPTIONS', 'TRUST_PROXY']) delete env[name]
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl

  const problems: string[] = []
  const restartMs: number[] = []
  const seen = new Set<string>()
  const acked = new Set<number>()
  const storedWithoutReply = new Set<number>()
  let notStoredWithoutReply = 0
  const noReply = new Set<number>()
  const confirmToken = new Map<number, string>()
  const toConfirm: number[] = []
  const confirmAcked = new Set<number>()
  const confirmAppliedWithoutReply = new Set<number>()
  const confirmNoReply = new Set<number>()
  let next = 0
  let kills = 0
  let liveLockRefused: boolean | undefined
  let rowsDatabase: Database | undefined

  async function start(): Promise<Server> {
    const t0 = performance.now()
    const server = startProcess(env)
    await waitReady(server, base)
    restartMs.push(performance.now() - t0)
    if (options.backend === 'pglite') {
      const owner = Number.parseInt(await readFile(join(options.dataDir, LOCK_FILE), 'utf8'), 10)
      if (owner !== server.pid) problems.push(`the lock file holds ${owner}, not the running server ${server.pid}`)
    }
    return server
  }

  async function readMail(): Promise<void> {
    for (const m of await newOutboxTokens(outbox, seen)) {
      const n = indexOf(m.to)
      const token = m.tokens['/signatures/confirm']
      if (n >= 0 && token && !confirmToken.has(n)) {
        confirmToken.set(n, token)
        toConfirm.push(n)
      }
    }
  }

  const signBody = (n: number) => ({ name: `Kill Signer ${n}`, email: address(n), zip: '77002' })

  let server = await start()
  const admin = httpClient(base)
  let id: string
  try {
    const created = await admin.post('/api/v1/petitions', { title: 'Forced kills', text: 'We ask the Sheriff of Harris County to publish the detainer policy.', ask: 'Publish it.', targets: [{ post: HARRIS_SHERIFF }], jurisdiction: 'Harris County, TX', creator: { name: 'Kill Creator', email: 'kill-creator@example.org' } })
    if (created.status !== 201) throw new Error(`creating the petition: ${created.status}`)
    id = created.body.id
    const [mail] = await newOutboxTokens(outbox, seen)
    const live = await admin.post(`/api/v1/petitions/${id}/confirm`, { token: mail?.tokens['/petitions/{id}/confirm'] })
    if (live.status !== 200) throw new Error(`confirming the petition: ${live.status}`)
  } finally {
    admin.close()
  }

  /** Posts again what got no reply, then compares the public counts (and the rows, when readable) with what is known. */
  async function verify(round: number): Promise<void> {
    const client = httpClient(base)
    try {
      for (const n of [...noReply]) {
        const res = await client.post(`/api/v1/petitions/${id}/signatures`, signBody(n))
        if (res.status === 202) {
          acked.add(n)
          notStoredWithoutReply++
        } else if (res.status === 409 && res.body?.error?.field === 'email') storedWithoutReply.add(n)
        else problems.push(`round ${round}: re-posting an unanswered sign-up got ${res.status}`)
        noReply.delete(n)
      }
      await readMail()
      for (const n of [...confirmNoReply]) {
        const res = await client.post('/api/v1/signatures/confirm', { token: confirmToken.get(n) })
        if (res.status === 200) confirmAcked.add(n)
        else if (res.status === 404 && res.body?.error?.field === 'token') confirmAppliedWithoutReply.add(n)
        else problems.push(`round ${round}: re-posting an unanswered confirmation got ${res.status}`)
        confirmNoReply.delete(n)
      }
      const view = (await client.get(`/api/v1/petitions/${id}`)).body
      const stored = acked.size + storedWithoutReply.size
      const confirmed = confirmAcked.size + confirmAppliedWithoutReply.size
      const counted = view.counts.confirmed + view.counts.pending
      if (counted !== stored) problems.push(`round ${round}: the public count is ${counted} signatures, ${stored} are known stored (${counted < stored ? 'lost' : 'duplicated'}: ${Math.abs(stored - counted)})`)
      if (view.counts.confirmed !== confirmed) problems.push(`round ${round}: the public count is ${view.counts.confirmed} confirmed, ${confirmed} confirmations are known applied`)
      if (options.rowsWhileRunning) {
        rowsDatabase ??= await options.openRows()
        problems.push(...(await checkRows(rowsDatabase)).problems.map((p) => `round ${round}: ${p}`))
      }
    } finally {
      client.close()
    }
    if (problems.length) throw new Error(`forced kills on ${options.backend} (seed ${options.seed}):\n${problems.join('\n')}`)
  }

  /** Each known address looked up in the rows: once, and confirmed when its confirmation was applied. */
  async function checkRows(database: Database): Promise<{ lost: number; duplicated: number; confirmationsLost: number; problems: string[] }> {
    const rows = await database.db.selectFrom('signatures').select(['email_key', 'status']).where('petition_id', '=', id).execute()
    const byIndex = new Map<number, string[]>()
    for (const r of rows) {
      const n = indexOf(r.email_key ?? '')
      byIndex.set(n, [...(byIndex.get(n) ?? []), r.status])
    }
    const known = new Set([...acked, ...storedWithoutReply])
    const lost = [...known].filter((n) => !byIndex.has(n)).length
    const duplicated = [...byIndex.values()].filter((s) => s.length > 1).length
    const unknown = [...byIndex.keys()].filter((n) => !known.has(n) && !noReply.has(n)).length
    const confirmationsLost = [...confirmAcked, ...confirmAppliedWithoutReply].filter((n) => byIndex.get(n)?.[0] !== 'confirmed').length
    const found: string[] = []
    if (lost) found.push(`${lost} acknowledged or stored signatures are not in the rows`)
    if (duplicated) found.push(`${duplicated} addresses have more than one row`)
    if (unknown) found.push(`${unknown} rows belong to no address the clients posted`)
    if (confirmationsLost) found.push(`${confirmationsLost} applied confirmations are not confirmed in the rows`)
    return { lost, duplicated, confirmationsLost, problems: found }
  }

  async function liveLockCheck(): Promise<void> {
    const second = startProcess({ ...env, PORT: String(await freePort()) })
    const timer = setTimeout(() => second.child.kill('SIGKILL'), 120_000)
    const { code } = await second.exited
    clearTimeout(timer)
    liveLockRefused = code === 1 && new RegExp(`in use by process ${server.pid}`).test(second.tail())
    if (!liveLockRefused) problems.push(`a second server on the same data folder exited with ${code} and did not name the lock:\n${second.tail()}`)
    const owner = Number.parseInt(await readFile(join(options.dataDir, LOCK_FILE), 'utf8'), 10)
    if (owner !== server.pid) problems.push(`after the refused second server the lock file holds ${owner}, not ${server.pid}`)
  }

  for (let round = 1; round <= options.rounds; round++) {
    let stop = false
    const [min, max] = options.killAfterMs
    const killAfter = min + rand() * (max - min)
    const mailReader = (async () => {
      while (!stop) {
        await readMail()
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })()
    const clients = Array.from({ length: options.clients }, () => httpClient(base))
    const work = clients.map(async (client: HttpClient, c) => {
      while (!stop) {
        const confirming = toConfirm.length > 0 && (c + next) % 3 === 0
        const n = confirming ? toConfirm.shift()! : next++
        if (confirming) confirmNoReply.add(n)
        else noReply.add(n)
        let res
        try {
          res = confirming ? await client.post('/api/v1/signatures/confirm', { token: confirmToken.get(n) }) : await client.post(`/api/v1/petitions/${id}/signatures`, signBody(n))
        } catch {
          return // the server is gone: this one stays without a reply
        }
        if (confirming) {
          confirmNoReply.delete(n)
          if (res.status === 200) confirmAcked.add(n)
          else problems.push(`round ${round}: a confirmation got ${res.status}`)
        } else {
          noReply.delete(n)
          if (res.status === 202) acked.add(n)
          else problems.push(`round ${round}: a new sign-up got ${res.status}`)
        }
      }
    })
    await new Promise((resolve) => setTimeout(resolve, killAfter))
    server.child.kill('SIGKILL')
    kills++
    const { signal } = await server.exited
    stop = true
    if (signal !== 'SIGKILL') problems.push(`round ${round}: the server ended with ${signal ?? 'an exit'} before the kill`)
    await Promise.all(work)
    await mailReader
    for (const client of clients) client.close()
    server = await start()
    await verify(round)
    if (round === 1 && options.checkLiveLock) await liveLockCheck()
    options.progress?.(`${options.backend} round ${round}: killed after ${Math.round(killAfter)} ms; restarted in ${Math.round(restartMs.at(-1)!)} ms; ${acked.size} acknowledged, ${storedWithoutReply.size} stored without a reply, ${confirmAcked.size + confirmAppliedWithoutReply.size} confirmed`)
  }

  // A clean stop, then the rows read directly (for PGlite, now that the server has let go of the folder).
  server.child.kill('SIGTERM')
  const { code } = await server.exited
  if (code !== 0) problems.push(`the server stopped with ${code} on SIGTERM`)
  rowsDatabase ??= await options.openRows()
  const rows = await checkRows(rowsDatabase).finally(() => rowsDatabase!.close())
  const sorted = [...restartMs].sort((a, b) => a - b)
  return {
    backend: options.backend,
    seed: options.seed,
    kills,
    signUps: next,
    acknowledged: acked.size,
    storedWithoutReply: storedWithoutReply.size,
    notStoredWithoutReply,
    confirmationsAcknowledged: confirmAcked.size,
    confirmationsAppliedWithoutReply: confirmAppliedWithoutReply.size,
    lost: rows.lost,
    duplicated: rows.duplicated,
    confirmationsLost: rows.confirmationsLost,
    ...(liveLockRefused !== undefined ? { liveLockRefused } : {}),
    restartMs: { median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), max: Math.round(sorted.at(-1) ?? 0) },
    totalMs: Math.round(performance.now() - started),
    problems: [...problems, ...rows.problems],
  }
}
