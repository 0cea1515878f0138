import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { testTargets, type Database } from '../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../fs/index.ts'
import { outboxMailer } from '../mail/index.ts'
import { buildApp } from './app.ts'
import { HARRIS, HARRIS_SHERIFF, FORT_BEND, loadPetitionFixture, outboxLinks, pdfText, tokenOf } from './petitions-testing.ts'

const registry = await loadRegistryOrThrow(defaultRegistryDir())
const atlas = await loadUsAtlas()
const json = { 'content-type': 'application/json' }
const SIGNERS = ['ann@example.org', 'Bo.Diddley@gmail.com']

describe.each(testTargets())('petitions API on $name', (target) => {
  let database: Database
  let dir: string
  let app: Awaited<ReturnType<typeof buildApp>>
  let clock = '2026-12-07T10:00:00.000Z'
  let ip = 0
  const post = (url: string, body: unknown, headers: Record<string, string> = json) => app.inject({ method: 'POST', url, headers, remoteAddress: `10.9.0.${ip++ % 250}`, payload: JSON.stringify(body) })
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-petitions-'))
    database = await target.open()
    await loadPetitionFixture(database)
    app = await buildApp({ engine: createEngine(registry, { version: 'test' }), atlas, database, petitions: { mailer: outboxMailer(join(dir, 'outbox')), publicUrl: 'http://atlas.test', now: () => clock, limits: { perIp: 1000, perPetition: 1000, timeWindow: '1 minute' } } })
  }, 60_000)
  afterAll(async () => {
    await app.close()
    await database.close()
    await rm(dir, { recursive: true, force: true })
  })

  async function livePetition(title = 'Honour every detainer'): Promise<{ id: string; key: string }> {
    const created = await post('/api/v1/petitions', {
      title,
      text: 'We ask the Sheriff of Harris County to state the office’s practice on ICE detainers.',
      ask: 'Publish the policy.',
      targets: [{ post: HARRIS_SHERIFF }],
      jurisdiction: 'Harris County, TX',
      creator: { name: 'Casey Creator', email: `creator+${title.length}@example.org` },
    })
    expect(created.statusCode).toBe(201)
    const { id } = created.json()
    const links = await outboxLinks(join(dir, 'outbox'), `creator+${title.length}@example.org`)
    const confirm = links.find((l) => l.includes(`/petitions/${id}/confirm?`))!
    expect(confirm.startsWith('http://atlas.test/')).toBe(true)
    const key = tokenOf(confirm)
    expect((await app.inject({ url: `/api/v1/petitions/${id}` })).json().status).toBe('draft')
    const res = await post(`/api/v1/petitions/${id}/confirm`, { token: key })
    expect([res.statusCode, res.json().status]).toEqual([200, 'live'])
    return { id, key }
  }

  it('done means: a petition to Harris County’s sheriff, three addresses (one twice, one disposable), 2 confirmed from the outbox, a delivery PDF', async () => {
    const { id, key } = await livePetition()
    const sign = (email: string, zip = '77002', extra: object = {}) => post(`/api/v1/petitions/${id}/signatures`, { name: `Name of ${email.split('@')[0]}`, email, zip, comment: 'Local resident.', ...extra })
    expect((await sign(SIGNERS[0]!)).statusCode).toBe(202)
    expect((await sign(SIGNERS[1]!)).statusCode).toBe(202)
    const twice = await sign('bodiddley+again@googlemail.com')
    expect([twice.statusCode, twice.json().error]).toEqual([409, { code: 'conflict', message: 'email: this address has already signed', field: 'email' }])
    const disposable = await sign('someone@mailinator.com')
    expect([disposable.statusCode, disposable.json().error]).toEqual([400, { code: 'invalid-input', message: 'email: disposable addresses are not accepted', field: 'email' }])
    let view = (await app.inject({ url: `/api/v1/petitions/${id}` })).json()
    expect(view.counts).toMatchObject({ confirmed: 0, pending: 2 })

    for (const email of SIGNERS) {
      const links = await outboxLinks(join(dir, 'outbox'), email.replace(/@.*/, '@gmail.com') === email ? email : email)
      const confirm = links.find((l) => l.includes('/signatures/confirm?'))!
      // The GET link opens a page; only its button's POST confirms (mail scanners fetch links).
      const page = await app.inject({ url: new URL(confirm).pathname + new URL(confirm).search })
      expect(page.statusCode).toBe(200)
      expect((await app.inject({ url: `/api/v1/petitions/${id}` })).json().counts.confirmed).toBe(SIGNERS.indexOf(email))
      const res = await post('/api/v1/signatures/confirm', { token: tokenOf(confirm) })
      expect([res.statusCode, res.json().kind]).toEqual([200, 'signature-confirmed'])
      const again = await post('/api/v1/signatures/confirm', { token: tokenOf(confirm) })
      expect([again.statusCode, again.json().error.field]).toEqual([404, 'token'])
    }

    view = (await app.inject({ url: `/api/v1/petitions/${id}` })).json()
    expect(view.counts).toMatchObject({ confirmed: 2, pending: 0, byCounty: [{ id: HARRIS, name: 'Harris County, TX', count: null, suppressed: true }], districtUnknown: 2 })
    expect(view.integrity).toEqual({ refusedDisposable: 1, duplicates: 1, expired: 0, withdrawn: 0, rateLimited: 0 })
    expect(view.comments).toEqual([{ comment: 'Local resident.', countyName: 'Harris County, TX' }, { comment: 'Local resident.', countyName: 'Harris County, TX' }])
    const page = await app.inject({ url: `/petitions/${id}` })
    expect(page.statusCode).toBe(200)
    for (const out of [JSON.stringify(view), page.body]) {
      expect(out).not.toMatch(/@example\.org|@gmail\.com|@mailinator|Name of|Casey Creator/i)
    }

    const pdf = await app.inject({ url: `/api/v1/petitions/${id}/delivery?${new URLSearchParams({ target: HARRIS_SHERIFF, format: 'pdf' })}`, headers: { authorization: `Bearer ${key}` } })
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf'])
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(pdf.rawPayload)
    expect(text).toContain('Honour every detainer')
    expect(text).toContain('2 confirmed signers in Harris County, TX')
    expect(text).toContain('Name of ann')
    expect(text).toContain('Houston city, TX')
    expect(text).not.toMatch(/@/)
    const csv = await app.inject({ url: `/api/v1/petitions/${id}/delivery?${new URLSearchParams({ target: HARRIS_SHERIFF, format: 'csv', token: key })}` })
    expect(csv.statusCode).toBe(200)
    expect(csv.body).toContain('# 2 confirmed signers in Harris County, TX')
    expect(csv.body.split('\n').filter((l) => l.startsWith('Name of'))).toEqual(['Name of Bo.Diddley,"Houston city, TX","Harris County, TX",yes', 'Name of ann,"Houston city, TX","Harris County, TX",yes'])
    expect(csv.body).not.toMatch(/@/)
    const refused = await app.inject({ url: `/api/v1/petitions/${id}/delivery?${new URLSearchParams({ target: HARRIS_SHERIFF })}` })
    expect([refused.statusCode, refused.json().error.field]).toEqual([400, 'token'])
    const wrong = await app.inject({ url: `/api/v1/petitions/${id}/delivery?${new URLSearchParams({ target: HARRIS_SHERIFF, token: 'A'.repeat(32) })}` })
    expect([wrong.statusCode, wrong.json().error.field]).toEqual([404, 'token'])
    const other = await app.inject({ url: `/api/v1/petitions/${id}/delivery?${new URLSearchParams({ target: 'post:mayor/x', token: key })}` })
    expect([other.statusCode, other.json().error.field]).toEqual([404, 'target'])
  })

  it('a ZIP code spanning counties needs the county; withdrawal erases; pending signatures expire', async () => {
    const { id } = await livePetition('Second petition')
    const split = await post(`/api/v1/petitions/${id}/signatures`, { name: 'Split', email: 'split@example.org', zip: '77477' })
    expect([split.statusCode, split.json().error.field]).toEqual([400, 'county'])
    expect(split.json().error.message).toMatch(/spans 2 counties/)
    expect((await post(`/api/v1/petitions/${id}/signatures`, { name: 'Split', email: 'split@example.org', zip: '77477', county: FORT_BEND })).statusCode).toBe(202)
    const unknownZip = await post(`/api/v1/petitions/${id}/signatures`, { name: 'Z', email: 'z@example.org', zip: '99999' })
    expect([unknownZip.statusCode, unknownZip.json().error.field]).toEqual([400, 'zip'])
    const [confirm, withdraw] = await outboxLinks(join(dir, 'outbox'), 'split@example.org')
    await post('/api/v1/signatures/confirm', { token: tokenOf(confirm!) })
    expect((await post('/api/v1/signatures/withdraw', { token: tokenOf(withdraw!) })).json().kind).toBe('signature-withdrawn')
    const row = await database.db.selectFrom('signatures').select(['status', 'email', 'name', 'county']).where('petition_id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'withdrawn', email: null, name: null, county: FORT_BEND })
    expect((await post(`/api/v1/petitions/${id}/signatures`, { name: 'Late', email: 'late@example.org', zip: '77002' })).statusCode).toBe(202)
    clock = '2026-12-11T10:00:00.000Z'
    const [late] = await outboxLinks(join(dir, 'outbox'), 'late@example.org')
    const expired = await post('/api/v1/signatures/confirm', { token: tokenOf(late!) })
    expect([expired.statusCode, expired.json().error.message]).toEqual([409, 'token: this link has expired; sign again to get a new one'])
    const view = (await app.inject({ url: `/api/v1/petitions/${id}` })).json()
    expect(view.integrity).toMatchObject({ expired: 1, withdrawn: 1 })
    expect(view.counts).toMatchObject({ confirmed: 0, pending: 0 })
    // the expired address may sign again
    expect((await post(`/api/v1/petitions/${id}/signatures`, { name: 'Late', email: 'late@example.org', zip: '77002' })).statusCode).toBe(202)
    clock = '2026-12-07T10:00:00.000Z'
  })

  it('text frozen at the first signature: a change is a new petition that supersedes the old', async () => {
    const { id, key } = await livePetition('Third petition')
    expect((await post(`/api/v1/petitions/${id}/revisions`, { token: key, ask: 'Publish it this month.' })).json()).toEqual({ kind: 'petition-edited', id })
    await post(`/api/v1/petitions/${id}/signatures`, { name: 'S', email: 's3@example.org', zip: '77002' })
    const changed = await post(`/api/v1/petitions/${id}/revisions`, { token: key, text: 'A new text.' })
    expect(changed.statusCode).toBe(201)
    const next = changed.json()
    expect(next).toMatchObject({ kind: 'petition-superseded', supersedes: id, status: 'draft' })
    expect((await app.inject({ url: `/api/v1/petitions/${id}` })).json()).toMatchObject({ frozen: true, ask: 'Publish it this month.', status: 'live' })
    const links = await outboxLinks(join(dir, 'outbox'), `creator+${'Third petition'.length}@example.org`)
    const confirmNext = links.find((l) => l.includes(`/petitions/${next.id}/confirm?`))!
    await post(`/api/v1/petitions/${next.id}/confirm`, { token: tokenOf(confirmNext) })
    expect((await app.inject({ url: `/api/v1/petitions/${id}` })).json()).toMatchObject({ status: 'closed', supersededBy: next.id })
    expect((await app.inject({ url: `/api/v1/petitions/${next.id}` })).json()).toMatchObject({ status: 'live', supersedes: id, text: 'A new text.' })
    const closed = await post(`/api/v1/petitions/${id}/signatures`, { name: 'S', email: 'late3@example.org', zip: '77002' })
    expect([closed.statusCode, closed.json().error.message]).toEqual([409, `id: this petition is closed: it was replaced by petition ${next.id}`])
  })

  it('readers report; moderation is refused to anyone not signed in as a maintainer', async () => {
    const { id } = await livePetition('Fourth petition')
    expect((await post(`/api/v1/petitions/${id}/reports`, { reason: 'spam', message: 'Looks automated.' })).statusCode).toBe(201)
    expect((await post(`/api/v1/petitions/${id}/reports`, { reason: 'dislike' })).json().error.field).toBe('reason')
    const rows = await database.db.selectFrom('petition_reports').selectAll().where('petition_id', '=', id).execute()
    expect(rows.map((r) => [r.reason, r.message])).toEqual([['spam', 'Looks automated.']])
    const hide = await post(`/api/v1/petitions/${id}/moderation`, { hidden: true, reason: 'Spam' })
    expect([hide.statusCode, hide.json().error.code]).toEqual([401, 'unauthorized'])
  })

  it('bad input gets a 4xx naming the field, never a 5xx; cross-site posts are refused', async () => {
    const { id } = await livePetition('Fifth petition')
    const good = { title: 'T', text: 'X', ask: 'A', targets: [{ post: HARRIS_SHERIFF }], jurisdiction: HARRIS, creator: { name: 'C', email: 'c@example.org' } }
    const cases: [string, unknown, string][] = [
      ['/api/v1/petitions', { ...good, targets: [] }, 'targets'],
      ['/api/v1/petitions', { ...good, targets: [{ post: 'post:nothing' }] }, 'targets.0'],
      ['/api/v1/petitions', { ...good, targets: [{ post: HARRIS_SHERIFF, person: 'x' }] }, 'targets.0'],
      ['/api/v1/petitions', { ...good, targets: [{ post: HARRIS_SHERIFF }, { post: HARRIS_SHERIFF }] }, 'targets.1'],
      ['/api/v1/petitions', { ...good, jurisdiction: 'Nowhere at all' }, 'jurisdiction'],
      ['/api/v1/petitions', { ...good, creator: { name: 'C', email: 'c@mailinator.com' } }, 'creator.email'],
      ['/api/v1/petitions', { ...good, creator: { name: ' ', email: 'c@example.org' } }, 'creator.name'],
      ['/api/v1/petitions', { ...good, title: '   ' }, 'title'],
      ['/api/v1/petitions', { ...good, text: 'x'.repeat(20_001) }, 'text'],
      [`/api/v1/petitions/${id}/signatures`, { name: 'N', email: 'not-an-address', zip: '77002' }, 'email'],
      [`/api/v1/petitions/${id}/signatures`, { name: 'N', email: 'n@example.org', zip: '7700' }, 'zip'],
      [`/api/v1/petitions/${id}/signatures`, { name: 'N', email: 'n@example.org', zip: '77002', county: FORT_BEND }, 'county'],
      [`/api/v1/petitions/${id}/signatures`, { name: 'N', email: 'n@example.org', zip: { code: '77002' } }, 'zip'],
      ['/api/v1/petitions/AAAAAAAAAAA/signatures', { name: 'N', email: 'n@example.org', zip: '77002' }, 'id'],
      ['/api/v1/signatures/confirm', { token: 'short' }, 'token'],
      ['/api/v1/signatures/withdraw', { token: 'B'.repeat(32) }, 'token'],
    ]
    for (const [url, body, field] of cases) {
      const res = await post(url, body)
      expect([url, field, res.statusCode >= 400 && res.statusCode < 500, res.json().error?.field]).toEqual([url, field, true, field])
    }
    const cross = await post(`/api/v1/petitions/${id}/signatures`, { name: 'N', email: 'n@example.org', zip: '77002' }, { ...json, origin: 'https://elsewhere.example' })
    expect([cross.statusCode, cross.json().error.field]).toEqual([400, 'origin'])
    const form = await app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/signatures`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=N&email=n%40example.org&zip=77002' })
    expect([form.statusCode, form.json().error.field]).toEqual([400, 'content-type'])
  })

  it('rate-limits signing per client IP and per petition, and counts what the petition refused', async () => {
    const { id } = await livePetition('Sixth petition')
    const limited = await buildApp({ engine: createEngine(registry, { version: 'test' }), atlas, database, petitions: { mailer: outboxMailer(join(dir, 'outbox')), publicUrl: 'http://atlas.test', now: () => clock, limits: { perIp: 3, perPetition: 5, timeWindow: '1 minute' } } })
    try {
      const sign = (i: number, remoteAddress: string) => limited.inject({ method: 'POST', url: `/api/v1/petitions/${id}/signatures`, headers: json, remoteAddress, payload: JSON.stringify({ name: 'N', email: `rate${i}@example.org`, zip: '77002' }) })
      const fromOne = [] as number[]
      for (let i = 0; i < 4; i++) fromOne.push((await sign(i, '10.50.0.1')).statusCode)
      expect(fromOne).toEqual([202, 202, 202, 429])
      const fromMany = [] as number[]
      for (let i = 10; i < 14; i++) fromMany.push((await sign(i, `10.51.0.${i}`)).statusCode)
      expect(fromMany).toEqual([202, 202, 429, 429])
      expect((await limited.inject({ url: `/api/v1/petitions/${id}` })).json().integrity.rateLimited).toBe(2)
    } finally {
      await limited.close()
    }
  })

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/petitions', '/api/v1/petitions/{id}', '/api/v1/petitions/{id}/confirm', '/api/v1/petitions/{id}/signatures', '/api/v1/signatures/confirm', '/api/v1/signatures/withdraw', '/api/v1/petitions/{id}/reports', '/api/v1/petitions/{id}/delivery', '/api/v1/petitions/{id}/revisions']),
    )
  })
})
