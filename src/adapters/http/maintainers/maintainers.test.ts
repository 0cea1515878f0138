/**
 * Maintainers: the store (Argon2id hashes, sessions kept as token hashes, expiry) on PGlite and
 * PostgreSQL, and sign-in over HTTP: the CSRF-checked form, the session cookie's attributes,
 * requireMaintainer's 401 JSON and redirect, sign-out, and the per-IP sign-in limit.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createEngine } from '../../../core/engine/index.ts'
import { FIXTURE_ATLAS } from '../../../testing/fixture-atlas.ts'
import { fixtureRegistry } from '../../../testing/fixture-registry.ts'
import { addMaintainer, checkMaintainer, endSession, maintainerCount, openDatabase, sessionMaintainer, startSession, testTargets, type Database } from '../../db/index.ts'
import { buildApp } from '../app.ts'
import { requireMaintainer, safeNext, SESSION_COOKIE } from './index.ts'

const PASSWORD = 'correct horse battery staple'

describe.each(testTargets())('maintainers store on $name', (target) => {
  let database: Database
  beforeEach(async () => {
    database = await target.open()
  })
  afterEach(async () => {
    await database.close()
  })

  it('adds a maintainer with an Argon2id hash, refuses a duplicate, a bad email and a short password', async () => {
    const added = await addMaintainer(database, ' Ana@Example.org ', PASSWORD)
    expect(added).toMatchObject({ kind: 'maintainer', email: 'ana@example.org' })
    const row = await database.db.selectFrom('maintainers').select('password_hash').executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    expect(row.password_hash).not.toContain(PASSWORD)
    await expect(addMaintainer(database, 'ana@example.org', PASSWORD)).rejects.toMatchObject({ code: 'conflict', location: { field: 'email' } })
    await expect(addMaintainer(database, 'not-an-email', PASSWORD)).rejects.toMatchObject({ code: 'invalid-input', location: { field: 'email' } })
    await expect(addMaintainer(database, 'bo@example.org', 'short')).rejects.toMatchObject({ code: 'invalid-input', location: { field: 'password' } })
    expect(await maintainerCount(database)).toBe(1)
    expect(await checkMaintainer(database, 'ANA@example.org', PASSWORD)).toMatchObject({ email: 'ana@example.org' })
    expect(await checkMaintainer(database, 'ana@example.org', `${PASSWORD}!`)).toBeNull()
    expect(await checkMaintainer(database, 'nobody@example.org', PASSWORD)).toBeNull()
  })

  it('keeps sessions as token hashes, expires them, ends them, and a new password ends them all', async () => {
    const m = await addMaintainer(database, 'ana@example.org', PASSWORD)
    const now = new Date('2026-12-07T06:00:00Z')
    const { token, expires } = await startSession(database, m.id, now)
    expect(expires.toISOString()).toBe('2026-12-07T18:00:00.000Z')
    const stored = await database.db.selectFrom('maintainer_sessions').select('token_hash').execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]!.token_hash).not.toContain(token)
    expect(await sessionMaintainer(database, token, new Date('2026-12-07T17:59:00Z'))).toMatchObject({ id: m.id })
    expect(await sessionMaintainer(database, token, new Date('2026-12-07T18:00:00Z'))).toBeNull()
    expect(await sessionMaintainer(database, 'x'.repeat(43), now)).toBeNull()
    expect(await endSession(database, token)).toBe(true)
    expect(await sessionMaintainer(database, token, now)).toBeNull()

    const second = await startSession(database, m.id, now)
    await addMaintainer(database, 'ana@example.org', 'another long password', { replace: true })
    expect(await sessionMaintainer(database, second.token, now)).toBeNull()
    expect(await checkMaintainer(database, 'ana@example.org', 'another long password')).not.toBeNull()
  })
})

describe('safeNext', () => {
  it('keeps same-site paths and refuses others', () => {
    expect(safeNext('/maintainers/corrections?x=1')).toBe('/maintainers/corrections?x=1')
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', '/sign-in', undefined, 3]) expect(safeNext(bad)).toBe('/maintainers')
  })
})

function cookies(setCookie: string | string[] | undefined): Record<string, string> {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
  return Object.fromEntries(list.map((c) => c.split(';')[0]!.split('=') as [string, string]))
}

describe('sign-in over HTTP', () => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite-memory' })
    app = await buildApp({ engine: createEngine(fixtureRegistry(), { version: 'test' }), atlas: FIXTURE_ATLAS, database, signInLimit: { max: 4, timeWindow: '1 minute' } })
    app.get('/api/v1/test-maintainer-only', { preHandler: requireMaintainer }, async () => ({ ok: true }))
  })
  afterAll(async () => {
    await app.close()
    await database.close()
  })

  /** Opens the sign-in form: its CSRF token and cookie. */
  async function form(ip: string) {
    const page = await app.inject({ url: '/sign-in?next=/maintainers', remoteAddress: ip })
    expect(page.statusCode).toBe(200)
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
    return { token, cookie: `_csrf=${cookies(page.headers['set-cookie'])._csrf}` }
  }
  const post = (ip: string, cookie: string, body: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/sign-in', remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, accept: 'text/html' }, payload: new URLSearchParams(body).toString() })

  it('says how to add the first maintainer when there is none, and guards maintainer routes', async () => {
    expect((await app.inject({ url: '/sign-in' })).body).toContain('sanctuary maintainer add')
    const api = await app.inject({ url: '/api/v1/test-maintainer-only' })
    expect(api.statusCode).toBe(401)
    expect(api.json().error.code).toBe('unauthorized')
    const page = await app.inject({ url: '/maintainers' })
    expect(page.statusCode).toBe(303)
    expect(page.headers.location).toBe('/sign-in?next=%2Fmaintainers')
  })

  it('signs in with the form and its token, sets an httpOnly SameSite=Lax cookie, and signs out', async () => {
    await addMaintainer(database, 'ana@example.org', PASSWORD)
    const { token, cookie } = await form('10.0.0.1')
    const noToken = await post('10.0.0.1', cookie, { email: 'ana@example.org', password: PASSWORD })
    expect(noToken.statusCode).toBe(403)
    expect(noToken.body).toContain('_csrf')
    const wrong = await post('10.0.0.1', cookie, { _csrf: token, email: 'ana@example.org', password: 'wrong password here' })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.body).toContain('The email or password is not right.')
    const ok = await post('10.0.0.1', cookie, { _csrf: token, email: 'ana@example.org', password: PASSWORD, next: '/maintainers' })
    expect(ok.statusCode).toBe(303)
    expect(ok.headers.location).toBe('/maintainers')
    const set = String(ok.headers['set-cookie'])
    expect(set).toMatch(new RegExp(`${SESSION_COOKIE}=[A-Za-z0-9_-]{43}`))
    expect(set).toMatch(/HttpOnly/)
    expect(set).toMatch(/SameSite=Lax/)
    expect(set).not.toMatch(/Secure/)
    const session = `${SESSION_COOKIE}=${cookies(ok.headers['set-cookie'])[SESSION_COOKIE]}`
    const both = `${cookie}; ${session}`
    const home = await app.inject({ url: '/maintainers', headers: { cookie: both } })
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain('Signed in as ana@example.org')
    expect((await app.inject({ url: '/api/v1/test-maintainer-only', headers: { cookie: both } })).json()).toEqual({ ok: true })
    const again = await app.inject({ url: '/sign-in?next=/maintainers', headers: { cookie: both } })
    expect(again.statusCode).toBe(303)

    const out = await app.inject({ method: 'POST', url: '/sign-out', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: both }, payload: `_csrf=${encodeURIComponent(token)}` })
    expect(out.statusCode).toBe(303)
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;`))
    expect((await app.inject({ url: '/api/v1/test-maintainer-only', headers: { cookie: both } })).statusCode).toBe(401)
  })

  it('a Secure session cookie over https (behind a trusted proxy)', async () => {
    const proxied = await buildApp({ engine: createEngine(fixtureRegistry(), { version: 'test' }), atlas: FIXTURE_ATLAS, database, trustProxy: true })
    const page = await proxied.inject({ url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } })
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
    const res = await proxied.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'x-forwarded-proto': 'https', 'content-type': 'application/x-www-form-urlencoded', cookie: `_csrf=${cookies(page.headers['set-cookie'])._csrf}` },
      payload: new URLSearchParams({ _csrf: token, email: 'ana@example.org', password: PASSWORD }).toString(),
    })
    expect(res.statusCode).toBe(303)
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/)
    await proxied.close()
  })

  it('limits sign-in attempts per client IP, with a 429 page', async () => {
    const { token, cookie } = await form('10.0.0.9')
    const codes: number[] = []
    for (let i = 0; i < 5; i++) codes.push((await post('10.0.0.9', cookie, { _csrf: token, email: 'ana@example.org', password: 'wrong password here' })).statusCode)
    expect(codes).toEqual([401, 401, 401, 401, 429])
    const limited = await post('10.0.0.9', cookie, { _csrf: token, email: 'ana@example.org', password: PASSWORD })
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['content-type']).toMatch(/text\/html/)
    // another address is not affected
    const other = await form('10.0.0.10')
    expect((await post('10.0.0.10', other.cookie, { _csrf: other.token, email: 'ana@example.org', password: PASSWORD })).statusCode).toBe(303)
  })
})
