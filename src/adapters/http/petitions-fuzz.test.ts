/**
 * A seeded fuzz of the civic-action endpoints (petitions, signatures, reports, moderation, call
 * scripts and outcomes, corrections, sign-in and the HTML form posts): malformed JSON, wrong
 * content types, missing and extra fields, wrong types, 1 MiB strings, NUL bytes and odd Unicode,
 * huge numbers, arrays for objects, bad ids and tokens. Every answer must be a 4xx (never a 5xx);
 * an API refusal is the JSON error naming the field; and a refused request leaves the stored data
 * as it was. `FUZZ_SEED` replays another seed (default below).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { ERROR_TABLE } from '../../core/errors/index.ts'
import { curatedRecords, type DirectoryRecord, type SourceRef } from '../../core/officials/index.ts'
import { addMaintainer, startImport, startSession, submitCorrection, testTargets, type Database } from '../db/index.ts'
import { parseSubmission } from '../../core/corrections/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../fs/index.ts'
import { outboxMailer } from '../mail/index.ts'
import { buildApp } from './app.ts'
import { bodyMutations, HUGE, HOSTILE_STRINGS, MALFORMED_JSON, pick, seeded, WRONG_CONTENT_TYPES, type Random } from './fuzz-kit.ts'
import { HARRIS, HARRIS_SHERIFF, loadPetitionFixture, outboxLinks, tokenOf } from './petitions-testing.ts'
import { SESSION_COOKIE } from './maintainers/index.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20261207)
const registry = await loadRegistryOrThrow(defaultRegistryDir())
const atlas = await loadUsAtlas()
const FRESNO = 'ocd-division/country:us/state:ca/county:fresno'
const FRESNO_SHERIFF = `post:sheriff/${FRESNO}`
const hifld: SourceRef = { dataset: 'hifld-law-enforcement', file: 'local_law_enforcement_locations.csv', version: 'fixture', line: 3 }
const fresno = curatedRecords([{ path: 'us/state-ca/county-fresno.yaml', text: readFileSync(new URL('../../../officials/us/state-ca/county-fresno.yaml', import.meta.url), 'utf8') }], 'fixture')
const FRESNO_RECORDS: DirectoryRecord[] = [
  { kind: 'organization', id: 'hifld:fresno-so', name: 'Fresno County Sheriffs Office', classification: 'sheriff-office', division: FRESNO, contacts: [{ kind: 'phone', value: '(559) 555-0100' }], identifiers: {}, source: hifld },
  { kind: 'post', id: FRESNO_SHERIFF, organizationId: 'hifld:fresno-so', role: 'sheriff', label: 'Sheriff of Fresno County, CA', division: FRESNO, source: hifld },
  ...fresno.records,
]
const TABLES = ['petitions', 'signatures', 'petition_reports', 'call_outcomes', 'corrections', 'maintainers', 'maintainer_sessions', 'toolkit_drafts'] as const
const BAD_IDS = ['AAAAAAAAAA', 'AAAAAAAAAAAA', '%00AAAAAAAAAA', '..%2F..%2Fetc', '%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80', 'A'.repeat(299), 'A'.repeat(301), '%E0%A4%A', '%27%20or%201%3D1', '-1', '0', '1e308', 'NaN']
const BAD_TOKENS: unknown[] = ['', 'short', 'A'.repeat(31), 'A'.repeat(32), 'A'.repeat(33), '!'.repeat(32), `${'A'.repeat(31)}\u0000`, `${'A'.repeat(31)}é`, 'A'.repeat(100_000), 32, null, ['A'.repeat(32)], { token: 'x' }]

interface Endpoint {
  readonly name: string
  readonly url: () => string
  readonly body: () => Record<string, unknown>
  readonly required: readonly string[]
  readonly headers?: () => Record<string, string>
}

describe.each(testTargets())('fuzz of the petitions, scripts and corrections endpoints on $name', (target) => {
  let database: Database
  let dir: string
  let app: Awaited<ReturnType<typeof buildApp>>
  let ip = 0
  let live = ''
  let creatorKey = ''
  let draft = ''
  let draftKey = ''
  let session = ''
  let correctionId = 0
  let csrf = { token: '', cookie: '' }
  const clock = '2026-12-07T10:00:00.000Z'
  const remoteAddress = () => `10.77.${Math.floor(ip / 250) % 250}.${ip++ % 250}`
  const maintainer = () => ({ cookie: `${SESSION_COOKIE}=${session}` })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-fuzz-'))
    database = await target.open()
    await loadPetitionFixture(database)
    const run = await startImport(database, 'fixture-fresno', '2026-12-07')
    await run.write(FRESNO_RECORDS)
    await run.finish([], { records: FRESNO_RECORDS.length })
    const big = { max: 1_000_000, timeWindow: '1 minute' }
    app = await buildApp({
      engine: createEngine(registry, { version: 'test' }),
      atlas,
      database,
      today: () => clock.slice(0, 10),
      now: () => new Date(clock),
      rateLimit: big,
      signInLimit: big,
      correctionLimit: big,
      petitions: { mailer: outboxMailer(join(dir, 'outbox')), publicUrl: 'http://atlas.test', now: () => clock, limits: { perIp: 1_000_000, perPetition: 1_000_000, timeWindow: '1 minute' } },
    })
    const m = await addMaintainer(database, 'mod@example.org', 'correct horse battery staple')
    session = (await startSession(database, m.id, new Date(clock))).token
    correctionId = (await submitCorrection(database, parseSubmission(registry, { provision: 'ca-sb54-hold', what: 'The date of this provision looks wrong to me.', source: 'https://leginfo.legislature.ca.gov/' }), new Date(clock))).id
    const create = async (title: string, email: string) => {
      const res = await send('POST', '/api/v1/petitions', { payload: JSON.stringify({ title, text: 'We ask the Sheriff to publish the policy.', ask: 'Publish it.', targets: [{ post: HARRIS_SHERIFF }], jurisdiction: HARRIS, creator: { name: 'Casey', email } }) })
      expect(res.statusCode).toBe(201)
      const id = res.json().id as string
      const link = (await outboxLinks(join(dir, 'outbox'), email)).find((l) => l.includes(`/petitions/${id}/confirm?`))!
      return { id, key: tokenOf(link) }
    }
    ;({ id: live, key: creatorKey } = await create('Live petition', 'live@example.org'))
    expect((await send('POST', `/api/v1/petitions/${live}/confirm`, { payload: JSON.stringify({ token: creatorKey }) })).statusCode).toBe(200)
    ;({ id: draft, key: draftKey } = await create('Draft petition', 'draft@example.org'))
    expect((await send('POST', `/api/v1/petitions/${live}/signatures`, { payload: JSON.stringify({ name: 'First', email: 'first@example.org', zip: '77002' }) })).statusCode).toBe(202)
    const page = await app.inject({ url: '/petitions', remoteAddress: remoteAddress() })
    const set = ([] as string[]).concat(page.headers['set-cookie'] ?? [])
    csrf = { token: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!, cookie: set.map((c) => c.split(';')[0]).join('; ') }
  }, 120_000)
  afterAll(async () => {
    if (process.env.FUZZ_VERBOSE) console.log(`fuzz on ${target.name}, seed ${SEED}: ${ip} requests`)
    await app?.close()
    await database?.close()
    await rm(dir, { recursive: true, force: true })
  })

  function send(method: 'GET' | 'POST', url: string, options: { payload?: string; headers?: Record<string, string | undefined> } = {}) {
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries({ 'content-type': method === 'POST' ? 'application/json' : undefined, ...options.headers })) if (v !== undefined) headers[k] = v
    return app.inject({ method, url, headers, remoteAddress: remoteAddress(), ...(options.payload !== undefined ? { payload: options.payload } : {}) })
  }

  async function snapshot(): Promise<string> {
    const hash = createHash('sha256')
    for (const table of TABLES) hash.update(table).update(JSON.stringify(await database.db.selectFrom(table).selectAll().execute()))
    // Integrity counters of refused requests (duplicates, disposable addresses) are meant to change; nothing else is.
    const counters = await database.db.selectFrom('petition_integrity').selectAll().where('counter', 'not in', ['duplicate', 'refused-disposable', 'rate-limited']).execute()
    return hash.update(JSON.stringify(counters)).digest('hex')
  }

  type Res = Awaited<ReturnType<typeof send>>
  const problems: string[] = []
  /** Checks one answer: never a 5xx; a refusal is a 4xx (JSON naming a field for the API) that changed nothing. */
  async function check(label: string, res: Res, before: string, expect_: { refuse: boolean; field?: string; api: boolean }) {
    const where = `${label} → ${res.statusCode}`
    if (res.statusCode >= 500) return void problems.push(`${where}: ${res.body.slice(0, 300)}`)
    const refused = res.statusCode >= 400
    if (expect_.refuse && !refused) return void problems.push(`${where}: accepted, but it must be refused`)
    if (!refused) return
    if (expect_.api) {
      let error: { code?: string; field?: string; message?: string } | undefined
      try {
        error = res.json().error
      } catch {
        return void problems.push(`${where}: not JSON: ${res.body.slice(0, 200)}`)
      }
      if (!error || !(error.code! in ERROR_TABLE) || ERROR_TABLE[error.code as keyof typeof ERROR_TABLE].http !== res.statusCode) problems.push(`${where}: error code ${error?.code} does not match the status`)
      if (!error?.field) problems.push(`${where}: the error names no field: ${JSON.stringify(error)}`)
      else if (expect_.field && error.field !== expect_.field && !error.field.startsWith(`${expect_.field}.`)) problems.push(`${where}: names "${error.field}", not "${expect_.field}" (${error.message?.slice(0, 120)})`)
    } else if (!/text\/html/.test(String(res.headers['content-type'])) && !/json/.test(String(res.headers['content-type']))) problems.push(`${where}: neither a page nor JSON`)
    const after = await snapshot()
    if (after !== before) problems.push(`${where}: refused, but the stored data changed`)
  }

  function report() {
    const found = problems.splice(0)
    expect(found, `seed ${SEED}: ${found.length} problem(s)`).toEqual([])
  }

  const endpoints = (): Endpoint[] => [
    { name: 'create petition', url: () => '/api/v1/petitions', body: () => ({ title: 'T', text: 'X', ask: 'A', targets: [{ post: HARRIS_SHERIFF }], jurisdiction: HARRIS, creator: { name: 'C', email: 'new-creator@example.org' } }), required: ['title', 'text', 'ask', 'targets', 'jurisdiction', 'creator', 'creator.name', 'creator.email'] },
    { name: 'confirm petition', url: () => `/api/v1/petitions/${draft}/confirm`, body: () => ({ token: 'B'.repeat(32) }), required: ['token'] },
    { name: 'sign', url: () => `/api/v1/petitions/${live}/signatures`, body: () => ({ name: 'N', email: 'fuzz-signer@example.org', zip: '77002', comment: 'c' }), required: ['name', 'email', 'zip'] },
    { name: 'confirm signature', url: () => '/api/v1/signatures/confirm', body: () => ({ token: 'C'.repeat(32) }), required: ['token'] },
    { name: 'withdraw signature', url: () => '/api/v1/signatures/withdraw', body: () => ({ token: 'D'.repeat(32) }), required: ['token'] },
    { name: 'revise', url: () => `/api/v1/petitions/${live}/revisions`, body: () => ({ token: 'E'.repeat(32), title: 'New title' }), required: ['token'] },
    { name: 'report', url: () => `/api/v1/petitions/${live}/reports`, body: () => ({ reason: 'spam', message: 'm' }), required: ['reason'] },
    { name: 'moderation (maintainer)', url: () => `/api/v1/petitions/${draft}/moderation`, body: () => ({ hidden: true, reason: 'Spam' }), required: ['hidden'], headers: maintainer },
    { name: 'moderation (anyone)', url: () => `/api/v1/petitions/${live}/moderation`, body: () => ({ hidden: true, reason: 'Spam' }), required: ['hidden'] },
    { name: 'call outcome', url: () => '/api/v1/scripts/outcomes', body: () => ({ post: FRESNO_SHERIFF, jurisdiction: FRESNO, question: 'hold', outcome: 'reached' }), required: ['jurisdiction', 'question', 'outcome'] },
    { name: 'correction', url: () => '/api/v1/corrections', body: () => ({ provision: 'ca-sb54-hold', topic: 'other', what: 'The effective date shown here is wrong.', source: 'https://leginfo.legislature.ca.gov/', email: 'x@example.org' }), required: ['provision', 'what', 'source'] },
    { name: 'accept correction', url: () => `/api/v1/corrections/${correctionId}/accept`, body: () => ({ quote: 'q' }), required: ['quote'], headers: maintainer },
    { name: 'reject correction', url: () => `/api/v1/corrections/${correctionId}/reject`, body: () => ({ reason: 'no' }), required: ['reason'], headers: maintainer },
  ]

  it('refuses malformed bodies, wrong types, missing and extra fields and huge strings on every JSON POST, naming the field', async () => {
    const random = seeded(SEED)
    let sent = 0
    for (const e of endpoints()) {
      for (const m of bodyMutations(e.body(), random, 25, e.required)) {
        const before = await snapshot()
        const res = await send('POST', e.url(), { payload: JSON.stringify(m.body), headers: e.headers?.() })
        sent++
        // The plainly wrong must be refused; odd but well-formed text may be accepted (a quote of emoji is a quote).
        await check(`${e.name}: ${m.label}`, res, before, { refuse: m.mustRefuse, ...(m.field ? { field: m.field } : {}), api: true })
      }
    }
    expect(sent).toBeGreaterThan(1000)
    report()
  }, 600_000)

  it('refuses malformed JSON and wrong content types naming body or content-type', async () => {
    for (const e of endpoints()) {
      for (const text of MALFORMED_JSON) {
        const before = await snapshot()
        await check(`${e.name}: malformed ${JSON.stringify(text.slice(0, 20))}`, await send('POST', e.url(), { payload: text, headers: e.headers?.() }), before, { refuse: true, api: true })
      }
      for (const type of WRONG_CONTENT_TYPES) {
        const before = await snapshot()
        const res = await send('POST', e.url(), { payload: JSON.stringify(e.body()), headers: { ...e.headers?.(), 'content-type': type } })
        await check(`${e.name}: content-type ${type}`, res, before, { refuse: true, field: 'content-type', api: true })
      }
      const before = await snapshot()
      await check(`${e.name}: 2 MiB body`, await send('POST', e.url(), { payload: JSON.stringify({ ...e.body(), pad: HUGE + HUGE }), headers: e.headers?.() }), before, { refuse: true, field: 'body', api: true })
    }
    report()
  }, 300_000)

  it('refuses bad ids and bad tokens in paths, queries and bodies', async () => {
    const random = seeded(SEED + 1)
    const paths = (id: string) => [
      ['GET', `/api/v1/petitions/${id}`],
      ['GET', `/api/v1/petitions/${id}/delivery?target=${encodeURIComponent(HARRIS_SHERIFF)}&token=${'A'.repeat(32)}`],
      ['POST', `/api/v1/petitions/${id}/signatures`],
      ['POST', `/api/v1/petitions/${id}/reports`],
      ['POST', `/api/v1/petitions/${id}/confirm`],
      ['POST', `/api/v1/petitions/${id}/revisions`],
      ['POST', `/api/v1/petitions/${id}/moderation`],
      ['GET', `/api/v1/corrections/${id}`],
      ['POST', `/api/v1/corrections/${id}/reject`],
    ] as const
    const bodies: Record<string, unknown> = { signatures: { name: 'N', email: 'n@example.org', zip: '77002' }, reports: { reason: 'spam' }, confirm: { token: 'A'.repeat(32) }, revisions: { token: 'A'.repeat(32), title: 'T' }, moderation: { hidden: false }, reject: { reason: 'Not supported by the source.' } }
    for (const id of BAD_IDS) {
      for (const [method, url] of paths(id)) {
        const before = await snapshot()
        const kind = url.split('?')[0]!.split('/').at(-1)!
        const res = await send(method, url, { ...(method === 'POST' ? { payload: JSON.stringify(bodies[kind] ?? {}) } : {}), headers: url.includes('moderation') || url.includes('reject') ? maintainer() : {} })
        await check(`${method} ${url.slice(0, 80)}`, res, before, { refuse: true, api: true })
      }
    }
    for (const token of BAD_TOKENS) {
      for (const url of ['/api/v1/signatures/confirm', '/api/v1/signatures/withdraw', `/api/v1/petitions/${draft}/confirm`, `/api/v1/petitions/${live}/revisions`]) {
        const before = await snapshot()
        await check(`${url} token ${JSON.stringify(token).slice(0, 30)}`, await send('POST', url, { payload: JSON.stringify({ token, ...(url.endsWith('revisions') ? { title: 'T' } : {}) }) }), before, { refuse: true, field: 'token', api: true })
      }
      for (const q of [`token=${encodeURIComponent(String(token))}`, `token=a&token=b`]) {
        const before = await snapshot()
        await check(`delivery ${q.slice(0, 40)}`, await send('GET', `/api/v1/petitions/${live}/delivery?target=${encodeURIComponent(HARRIS_SHERIFF)}&${q}`), before, { refuse: true, api: true })
      }
      const before = await snapshot()
      await check(`delivery bearer ${JSON.stringify(token).slice(0, 30)}`, await send('GET', `/api/v1/petitions/${live}/delivery?target=${encodeURIComponent(HARRIS_SHERIFF)}`, { headers: { authorization: `Bearer ${String(token).slice(0, 8000)}` } }), before, { refuse: true, api: true })
    }
    // The creator's key of another petition, and a real key for a target that is not the petition's.
    for (const [q, field] of [[`target=${encodeURIComponent(HARRIS_SHERIFF)}&token=${draftKey}`, 'token'], [`target=${encodeURIComponent(pick(random, HOSTILE_STRINGS).slice(0, 400))}&token=${creatorKey}`, 'target'], [`target=&token=${creatorKey}`, 'target'], [`token=${creatorKey}`, 'target'], [`target=x&format=docx&token=${creatorKey}`, 'format'], [`target=x&token=${creatorKey}&extra=1`, 'extra']] as const) {
      const before = await snapshot()
      await check(`delivery ${q.slice(0, 60)}`, await send('GET', `/api/v1/petitions/${live}/delivery?${q}`), before, { refuse: true, field, api: true })
    }
    report()
  }, 300_000)

  it('refuses bad queries of GET /api/v1/scripts and /api/v1/scripts/outcomes and /api/v1/corrections, naming the parameter', async () => {
    const random = seeded(SEED + 2)
    const base = { post: FRESNO_SHERIFF, jurisdiction: FRESNO, question: 'hold' }
    const cases: [string, Record<string, string | string[]>, string | undefined][] = [
      ['/api/v1/scripts', { ...base, question: 'deport' }, 'question'],
      ['/api/v1/scripts', { post: FRESNO_SHERIFF, question: 'hold' }, 'jurisdiction'],
      ['/api/v1/scripts', { jurisdiction: FRESNO, question: 'hold' }, undefined],
      ['/api/v1/scripts', { ...base, official: 'bioguide:X', post: FRESNO_SHERIFF }, undefined],
      ['/api/v1/scripts', { ...base, date: '2026-02-30' }, 'date'],
      ['/api/v1/scripts', { ...base, date: '99999-01-01' }, 'date'],
      ['/api/v1/scripts', { ...base, format: 'xml' }, 'format'],
      ['/api/v1/scripts', { ...base, extra: '1' }, 'extra'],
      ['/api/v1/scripts', { ...base, question: ['hold', 'notify'] }, 'question'],
      ['/api/v1/scripts', { ...base, jurisdiction: 'Nowhere at all' }, 'jurisdiction'],
      ['/api/v1/scripts', { ...base, post: 'post:sheriff/nowhere' }, undefined],
      ['/api/v1/scripts', { ...base, jurisdiction: 'ocd-division/country:us/state:tx/county:harris' }, undefined],
      ['/api/v1/scripts/outcomes', {}, 'jurisdiction'],
      ['/api/v1/scripts/outcomes', { jurisdiction: 'x'.repeat(301) }, 'jurisdiction'],
      ['/api/v1/corrections', { status: 'maybe' }, 'status'],
      ['/api/v1/corrections', { jurisdiction: 'x'.repeat(301) }, 'jurisdiction'],
    ]
    for (const s of HOSTILE_STRINGS) for (const key of ['post', 'official', 'jurisdiction', 'question', 'date']) cases.push(['/api/v1/scripts', { ...base, [key]: s }, undefined])
    for (let i = 0; i < 30; i++) cases.push([pick(random, ['/api/v1/scripts', '/api/v1/scripts/outcomes']), { ...base, [pick(random, ['post', 'official', 'jurisdiction', 'question'])]: pick(random, HOSTILE_STRINGS).slice(0, 5_000) }, undefined])
    for (const [path, query, field] of cases) {
      const search = new URLSearchParams()
      for (const [k, v] of Object.entries(query)) for (const one of ([] as string[]).concat(v)) search.append(k, one)
      const before = await snapshot()
      const res = await send('GET', `${path}?${search}`)
      await check(`GET ${path} ${JSON.stringify(query).slice(0, 100)}`, res, before, { refuse: field !== undefined, ...(field ? { field } : {}), api: true })
    }
    report()
  }, 300_000)

  it('names the client address when the per-IP limit refuses a sign-up, in the one error shape', async () => {
    const limited = await buildApp({ engine: createEngine(registry, { version: 'test' }), atlas, database, petitions: { mailer: outboxMailer(join(dir, 'outbox')), publicUrl: 'http://atlas.test', now: () => clock, limits: { perIp: 1, perPetition: 100, timeWindow: '1 minute' } } })
    try {
      const sign = (email: string) => limited.inject({ method: 'POST', url: `/api/v1/petitions/${live}/signatures`, headers: { 'content-type': 'application/json' }, remoteAddress: '10.78.0.1', payload: JSON.stringify({ name: 'N', email, zip: '77002' }) })
      expect((await sign('limit-one@example.org')).statusCode).toBe(202)
      const before = await snapshot()
      const second = await sign('limit-two@example.org')
      expect([second.statusCode, second.json().error.code, second.json().error.field]).toEqual([429, 'rate-limited', 'ip'])
      expect(await snapshot()).toBe(before)
    } finally {
      await limited.close()
    }
  })

  it('refuses the HTML form posts’ bad input with a 4xx page, never a 5xx, changing nothing', async () => {
    const random = seeded(SEED + 3)
    const forms: [string, Record<string, string>][] = [
      ['/petitions', { title: 'T', text: 'X', ask: 'A', target: HARRIS_SHERIFF, jurisdiction: HARRIS, creatorName: 'C', creatorEmail: 'mailinator-user@mailinator.com' }],
      [`/petitions/${live}/sign`, { name: 'N', email: 'first@example.org', zip: '77002' }],
      [`/petitions/${live}/report`, { reason: 'dislike', message: 'm' }],
      [`/petitions/${draft}/confirm`, { token: 'F'.repeat(32) }],
      ['/signatures/confirm', { token: 'G'.repeat(32) }],
      ['/signatures/withdraw', { token: 'H'.repeat(32) }],
      ['/sign-in', { email: 'mod@example.org', password: 'wrong password here', next: '/maintainers' }],
      ['/corrections', { provision: 'ca-sb54-hold', what: 'short', source: 'ftp://x' }],
      [`/maintainers/corrections/${correctionId}/accept`, { quote: 'q' }],
      [`/maintainers/corrections/${correctionId}/reject`, { reason: 'no' }],
      [`/maintainers/reports/${live}/moderation`, { hidden: 'maybe', reason: 'Spam' }],
      [`/maintainers/reports/${draft}/moderation`, { hidden: 'true', reason: ' ' }],
    ]
    const encode = (fields: Record<string, string | string[]>) => {
      const search = new URLSearchParams()
      for (const [k, v] of Object.entries(fields)) for (const one of ([] as string[]).concat(v)) search.append(k, one)
      return search.toString()
    }
    const post = (url: string, payload: string, type: string | undefined = 'application/x-www-form-urlencoded', withCsrf = true) =>
      send('POST', url, { payload, headers: { 'content-type': type, accept: 'text/html', cookie: [withCsrf ? csrf.cookie : '', url.startsWith('/maintainers') ? maintainer().cookie : ''].filter(Boolean).join('; ') } })
    for (const [url, base] of forms) {
      const variants: [string, string, string | undefined][] = [
        ['no CSRF token', encode(base), undefined],
        ['as given', encode({ ...base, _csrf: csrf.token }), 'application/x-www-form-urlencoded'],
        ['fields twice', encode(Object.fromEntries([...Object.entries(base).map(([k, v]) => [k, [v, v]]), ['_csrf', csrf.token]])), 'application/x-www-form-urlencoded'],
        ['CSRF twice', encode({ ...base, _csrf: [csrf.token, csrf.token] }), 'application/x-www-form-urlencoded'],
        ['empty', encode({ _csrf: csrf.token }), 'application/x-www-form-urlencoded'],
        ['JSON body', JSON.stringify({ ...base, _csrf: csrf.token }), 'application/json'],
        ['malformed JSON', '{"_csrf":', 'application/json'],
        ['text/plain', encode({ ...base, _csrf: csrf.token }), 'text/plain'],
        ['no content type', encode({ ...base, _csrf: csrf.token }), undefined],
        ['xml', '<a/>', 'application/xml'],
        ['1 MiB field', encode({ ...base, _csrf: csrf.token, [Object.keys(base)[0]!]: HUGE }), 'application/x-www-form-urlencoded'],
        ['bad percent-encoding', `${encode({ _csrf: csrf.token })}&${Object.keys(base)[0]}=%E0%A4%A`, 'application/x-www-form-urlencoded'],
      ]
      const mayPass = new Set<string>()
      for (const key of Object.keys(base))
        for (const s of HOSTILE_STRINGS.filter(() => random() < 0.4)) {
          const label = `${key} = ${JSON.stringify(s.slice(0, 20))}`
          variants.push([label, encode({ ...base, _csrf: csrf.token, [key]: s }), 'application/x-www-form-urlencoded'])
          // Odd but real text may be what makes a refused base acceptable (an emoji reason is a reason); a NUL never is.
          if (!s.includes('\u0000')) mayPass.add(label)
        }
      mayPass.add('bad percent-encoding')
      for (const [label, payload, type] of variants) {
        const before = await snapshot()
        const res = await post(url, payload, type, label !== 'no CSRF token')
        await check(`form ${url.slice(0, 40)}: ${label}`, res, before, { refuse: !mayPass.has(label), api: false })
      }
    }
    report()
  }, 300_000)
})
