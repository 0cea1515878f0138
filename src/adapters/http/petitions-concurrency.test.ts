/**
 * Concurrent signing over real HTTP: 1,000 sign-ups from 50 clients at once (each its own
 * connection, 20 addresses each), ten of them also re-posting addresses (their own, in another
 * case, and a neighbour's at the same moment), then the 1,000 confirmations, some posted twice at
 * once. Every acknowledged signature must be stored exactly once, every duplicate refused, and
 * the public counts must equal the rows. The rate limits are raised for this test (per IP, per
 * petition and per POST) because every client shares 127.0.0.1; the test checks that none of
 * them refused anything, so that the figures are about concurrency, not limits.
 *
 * No address or name is printed: results are compared as counts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { testTargets, type Database } from '../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../fs/index.ts'
import { outboxMailer } from '../mail/index.ts'
import { buildApp } from './app.ts'
import { httpClient, newOutboxTokens, type HttpClient } from './http-clients-testing.ts'
import { HARRIS_SHERIFF, loadPetitionFixture } from './petitions-testing.ts'

const registry = await loadRegistryOrThrow(defaultRegistryDir())
const atlas = await loadUsAtlas()
const CLIENTS = 50
const EACH = 20
const UNLIMITED = 1_000_000

const address = (c: number, k: number) => `signer-${c}-${k}@example.org`

/** What client `c` posts, in order: its 20 addresses; every fifth client also re-posts 5 of its own (upper case) and races its neighbour for 5 of the neighbour's. */
function signPlan(c: number): { email: string; key: string }[] {
  const plan: { email: string; key: string }[] = []
  for (let k = 0; k < EACH; k++) {
    plan.push({ email: address(c, k), key: address(c, k) })
    if (c % 5 === 0 && k % 4 === 3) {
      plan.push({ email: address(c, k - 3).toUpperCase(), key: address(c, k - 3) })
      plan.push({ email: address((c + 1) % CLIENTS, k), key: address((c + 1) % CLIENTS, k) })
    }
  }
  return plan
}

/** How many times each value occurs. */
function tally<T>(values: readonly T[]): Map<T, number> {
  const out = new Map<T, number>()
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1)
  return out
}

describe.each(testTargets())('1,000 signatures from 50 concurrent clients over HTTP on $name', (target) => {
  let database: Database
  let dir: string
  let app: Awaited<ReturnType<typeof buildApp>>
  let base: string
  let clients: HttpClient[]
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-concurrency-'))
    database = await target.open()
    await loadPetitionFixture(database)
    app = await buildApp({
      engine: createEngine(registry, { version: 'test' }),
      atlas,
      database,
      rateLimit: { max: UNLIMITED, timeWindow: '1 minute' },
      petitions: { mailer: outboxMailer(join(dir, 'outbox')), publicUrl: 'http://atlas.test', limits: { perIp: UNLIMITED, perPetition: UNLIMITED, timeWindow: '1 minute' } },
    })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
    clients = Array.from({ length: CLIENTS }, () => httpClient(base))
  }, 60_000)
  afterAll(async () => {
    for (const client of clients ?? []) client.close()
    await app?.close()
    await database?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('stores every acknowledged signature once, refuses every duplicate, and the public counts match the rows', async () => {
    const seen = new Set<string>()
    const creator = clients[0]!
    const created = await creator.post('/api/v1/petitions', { title: 'Concurrent signing', text: 'We ask the Sheriff of Harris County to publish the detainer policy.', ask: 'Publish it.', targets: [{ post: HARRIS_SHERIFF }], jurisdiction: 'Harris County, TX', creator: { name: 'Casey Creator', email: 'creator@example.org' } })
    expect(created.status).toBe(201)
    const id: string = created.body.id
    const [mail] = await newOutboxTokens(join(dir, 'outbox'), seen)
    expect((await creator.post(`/api/v1/petitions/${id}/confirm`, { token: mail!.tokens['/petitions/{id}/confirm'] })).status).toBe(200)

    // Sign: all 50 clients at once, each over its own connection, one request after another.
    const signStarted = performance.now()
    const signed = (
      await Promise.all(
        clients.map(async (client, c) => {
          const out: { key: string; status: number; field?: string }[] = []
          for (const { email, key } of signPlan(c)) {
            const res = await client.post(`/api/v1/petitions/${id}/signatures`, { name: `Signer ${key.slice(7, -12)}`, email, zip: '77002' })
            out.push({ key, status: res.status, field: res.body?.error?.field })
          }
          return out
        }),
      )
    ).flat()
    const signMs = performance.now() - signStarted
    const attempts = signed.length
    expect(attempts).toBe(CLIENTS * EACH + 100)
    expect(Object.fromEntries(tally(signed.map((s) => s.status)))).toEqual({ 202: 1000, 409: 100 })
    expect(signed.filter((s) => s.status === 409 && s.field !== 'email').length).toBe(0)
    const acksPerKey = tally(signed.filter((s) => s.status === 202).map((s) => s.key))
    expect(acksPerKey.size).toBe(CLIENTS * EACH)
    expect([...acksPerKey.values()].filter((n) => n !== 1).length).toBe(0)

    // The rows: one per acknowledged address, none other.
    const rows = await database.db.selectFrom('signatures').select(['email_key', 'status']).where('petition_id', '=', id).execute()
    const rowsPerKey = tally(rows.map((r) => r.email_key))
    expect(rows.length).toBe(1000)
    expect([...acksPerKey.keys()].filter((key) => rowsPerKey.get(key) !== 1).length).toBe(0)
    let view = (await creator.get(`/api/v1/petitions/${id}`)).body
    expect(view.counts).toMatchObject({ confirmed: 0, pending: 1000 })
    expect(view.integrity).toMatchObject({ duplicates: 100, rateLimited: 0, refusedDisposable: 0 })

    // Confirm: the same 50 clients, each its own signers' links; every fifth also posts a neighbour's link at the same moment.
    const mails = await newOutboxTokens(join(dir, 'outbox'), seen)
    const confirmOf = new Map(mails.map((m) => [m.to.toLowerCase(), m.tokens['/signatures/confirm']!]))
    expect(confirmOf.size).toBe(1000)
    const confirmStarted = performance.now()
    const confirmed = (
      await Promise.all(
        clients.map(async (client, c) => {
          const out: { key: string; status: number; field?: string }[] = []
          for (let k = 0; k < EACH; k++) {
            const keys = [address(c, k), ...(c % 5 === 0 && k % 10 === 5 ? [address((c + 1) % CLIENTS, k)] : [])]
            for (const key of keys) {
              const res = await client.post('/api/v1/signatures/confirm', { token: confirmOf.get(key) })
              out.push({ key, status: res.status, field: res.body?.error?.field })
            }
          }
          return out
        }),
      )
    ).flat()
    const confirmMs = performance.now() - confirmStarted
    expect(Object.fromEntries(tally(confirmed.map((s) => s.status)))).toEqual({ 200: 1000, 404: 20 })
    expect(confirmed.filter((s) => s.status === 404 && s.field !== 'token').length).toBe(0)
    const confirmsPerKey = tally(confirmed.filter((s) => s.status === 200).map((s) => s.key))
    expect([...confirmsPerKey.values()].filter((n) => n !== 1).length + (1000 - confirmsPerKey.size)).toBe(0)

    const after = await database.db.selectFrom('signatures').select(['status']).where('petition_id', '=', id).execute()
    view = (await creator.get(`/api/v1/petitions/${id}`)).body
    expect(view.counts).toMatchObject({ confirmed: after.filter((r) => r.status === 'confirmed').length, pending: after.filter((r) => r.status === 'pending').length })
    expect(view.counts).toMatchObject({ confirmed: 1000, pending: 0 })
    expect(view.integrity).toMatchObject({ duplicates: 100, rateLimited: 0 })
    expect(JSON.stringify(view)).not.toMatch(/@example\.org|Signer /i)
    console.info(`concurrency on ${target.name}: ${attempts} sign-ups from ${CLIENTS} clients in ${(signMs / 1000).toFixed(1)} s (1000 acknowledged, 1000 rows, 100 duplicates refused); ${confirmed.length} confirmations in ${(confirmMs / 1000).toFixed(1)} s (1000 confirmed, 20 refused as used)`)
  }, 300_000)
})
