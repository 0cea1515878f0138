/**
 * The maintainers' page of reports on petitions: guarded by sign-in, shows each report with its
 * petition and state (never a creator's or signer's name or email), and hides and shows a
 * petition through its CSRF-checked form.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { addMaintainer, startSession, testTargets, type Database } from '../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../fs/index.ts'
import { outboxMailer } from '../mail/index.ts'
import { buildApp } from './app.ts'
import { SESSION_COOKIE } from './maintainers/index.ts'
import { HARRIS, HARRIS_SHERIFF, loadPetitionFixture, outboxLinks, tokenOf } from './petitions-testing.ts'

const registry = await loadRegistryOrThrow(defaultRegistryDir())
const atlas = await loadUsAtlas()
const json = { 'content-type': 'application/json' }
const clock = '2026-12-07T10:00:00.000Z'

describe.each(testTargets())('reports on petitions for maintainers on $name', (target) => {
  let database: Database
  let dir: string
  let app: Awaited<ReturnType<typeof buildApp>>
  let id = ''
  let session = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-reports-'))
    database = await target.open()
    await loadPetitionFixture(database)
    app = await buildApp({ engine: createEngine(registry, { version: 'test' }), atlas, database, now: () => new Date(clock), petitions: { mailer: outboxMailer(join(dir, 'outbox')), publicUrl: 'http://atlas.test', now: () => clock } })
    const created = await app.inject({ method: 'POST', url: '/api/v1/petitions', headers: json, payload: JSON.stringify({ title: 'Publish the detainer policy', text: 'We ask the Sheriff to publish it.', ask: 'Publish it.', targets: [{ post: HARRIS_SHERIFF }], jurisdiction: HARRIS, creator: { name: 'Casey Creator', email: 'casey@example.org' } }) })
    id = created.json().id
    const link = (await outboxLinks(join(dir, 'outbox'), 'casey@example.org')).find((l) => l.includes('/confirm?'))!
    expect((await app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/confirm`, headers: json, payload: JSON.stringify({ token: tokenOf(link) }) })).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/signatures`, headers: json, payload: JSON.stringify({ name: 'Sam Signer', email: 'sam@example.org', zip: '77002' }) })).statusCode).toBe(202)
    expect((await app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/reports`, headers: json, payload: JSON.stringify({ reason: 'private-information', message: 'It names my neighbour.' }) })).statusCode).toBe(201)
    const m = await addMaintainer(database, 'mod@example.org', 'correct horse battery staple')
    session = `${SESSION_COOKIE}=${(await startSession(database, m.id, new Date(clock))).token}`
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    await database?.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** The reports page as the signed-in maintainer, with its CSRF token and the cookies to post it back. */
  async function signedInPage() {
    const page = await app.inject({ url: '/maintainers/reports', headers: { cookie: session, accept: 'text/html' } })
    const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ')
    return { page, token: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '', cookie: `${session}; ${csrf}` }
  }
  const moderate = (cookie: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url: `/maintainers/reports/${id}/moderation`, headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })
  const status = async () => (await app.inject({ url: `/api/v1/petitions/${id}` })).json() as { status: string; hiddenReason?: string | null }

  it('sends anyone not signed in to the sign-in page, and refuses their moderation post', async () => {
    const page = await app.inject({ url: '/maintainers/reports', headers: { accept: 'text/html' } })
    expect([page.statusCode, page.headers.location]).toEqual([303, '/sign-in?next=%2Fmaintainers%2Freports'])
    const post = await moderate('', { hidden: 'true', reason: 'Spam' })
    expect(post.statusCode).toBe(401)
    expect((await status()).status).toBe('live')
  })

  it('shows a signed-in maintainer each report with its petition and state, and no name or email of a creator or signer', async () => {
    const { page } = await signedInPage()
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Publish the detainer policy')
    expect(page.body).toContain(`href="/petitions/${id}"`)
    expect(page.body).toContain('private-information')
    expect(page.body).toContain('It names my neighbour.')
    expect(page.body).toContain('Sheriff of Harris County, TX')
    expect(page.body).toMatch(/State: <strong>live<\/strong>/)
    expect(page.body).not.toMatch(/casey@example\.org|Casey Creator|sam@example\.org|Sam Signer/)
    expect(page.headers['cache-control']).toBe('no-store')
    // Linked from the maintainers' home and the corrections queue.
    expect((await app.inject({ url: '/maintainers', headers: { cookie: session } })).body).toContain('href="/maintainers/reports"')
    expect((await app.inject({ url: '/maintainers/corrections', headers: { cookie: session } })).body).toContain('href="/maintainers/reports"')
  })

  it('hides the petition with a public reason through the form (CSRF checked), and shows it again', async () => {
    const { token, cookie } = await signedInPage()
    expect((await moderate(cookie, { hidden: 'true', reason: 'It names a private person.' })).statusCode).toBe(403)
    const noReason = await moderate(cookie, { _csrf: token, hidden: 'true', reason: '  ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('needs a public reason')
    expect((await status()).status).toBe('live')

    const hide = await moderate(cookie, { _csrf: token, hidden: 'true', reason: 'It names a private person.' })
    expect([hide.statusCode, hide.headers.location]).toEqual([303, `/maintainers/reports#petition-${id}`])
    expect(await status()).toMatchObject({ status: 'hidden', hiddenReason: 'It names a private person.' })
    const publicPage = await app.inject({ url: `/petitions/${id}` })
    expect(publicPage.body).toContain('It names a private person.')
    expect(publicPage.body).not.toContain('We ask the Sheriff to publish it.')
    const after = await signedInPage()
    expect(after.page.body).toMatch(/State: <strong>hidden<\/strong>/)
    expect(after.page.body).toContain('Show it again')

    expect((await moderate(after.cookie, { _csrf: after.token, hidden: 'false' })).statusCode).toBe(303)
    expect((await status()).status).toBe('live')
  })
})
