import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { publicTextProblems } from '../../core/registry/index.ts'
import { curatedRecords, type DirectoryRecord, type SourceRef } from '../../core/officials/index.ts'
import { startImport, testTargets, type Database } from '../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../fs/index.ts'
import { buildApp } from './app.ts'

const FRESNO = 'ocd-division/country:us/state:ca/county:fresno'
const POST = `post:sheriff/${FRESNO}`
const PERSON = 'curated:state-ca-county-fresno/john-zanoni'
const hifld: SourceRef = { dataset: 'hifld-law-enforcement', file: 'local_law_enforcement_locations.csv', version: 'fixture', line: 2 }
// The sheriff's post and office as the HIFLD importer makes them (a made-up phone), and the real curated entry.
const curated = curatedRecords([{ path: 'us/state-ca/county-fresno.yaml', text: readFileSync(new URL('../../../officials/us/state-ca/county-fresno.yaml', import.meta.url), 'utf8') }], 'fixture')
const RECORDS: DirectoryRecord[] = [
  { kind: 'organization', id: 'hifld:1', name: 'Fresno County Sheriffs Office', classification: 'sheriff-office', division: FRESNO, contacts: [{ kind: 'phone', value: '(559) 555-0100' }], identifiers: {}, source: hifld },
  { kind: 'post', id: POST, organizationId: 'hifld:1', role: 'sheriff', label: 'Sheriff of Fresno County, CA', division: FRESNO, holderUnknownReason: 'HIFLD lists offices, not sheriffs', source: hifld },
  ...curated.records,
]

const registry = await loadRegistryOrThrow(defaultRegistryDir())
const atlas = await loadUsAtlas()
const DAY = '2026-12-07'
const q = (params: Record<string, string>) => `/api/v1/scripts?${new URLSearchParams(params)}`
const json = { 'content-type': 'application/json' }

describe.each(testTargets())('scripts routes on $name', (target) => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    expect(curated.diagnostics).toEqual([])
    database = await target.open()
    const run = await startImport(database, 'fixture', DAY)
    await run.write(RECORDS)
    await run.finish([], { records: RECORDS.length })
    app = await buildApp({ engine: createEngine(registry, { version: 'test' }), atlas, database, today: () => DAY, rateLimit: { max: 8 } })
  }, 60_000)
  afterAll(async () => {
    await app.close()
    await database.close()
  })

  it('GET /api/v1/scripts answers for Fresno County’s sheriff, by post, by person and by name', async () => {
    const res = await app.inject({ url: q({ post: POST, jurisdiction: FRESNO, question: 'hold' }) })
    expect(res.statusCode).toBe(200)
    const s = res.json()
    expect(s).toMatchObject({ kind: 'call-script', asOf: DAY, ask: '[your request]', official: { postId: POST, holders: [{ personId: PERSON, name: 'John Zanoni' }] } })
    expect(s.official.contacts.map((c: { contact: { kind: string }; source: { dataset: string } }) => [c.contact.kind, c.source.dataset])).toEqual([
      ['website', 'curated'],
      ['phone', 'hifld-law-enforcement'],
    ])
    expect(s.law.citations.map((c: { provision: string }) => c.provision)).toContain('ca-sb54-hold')
    expect(s.powers.some((p: { kind: string; text: string }) => p.kind === 'cannot' && /California Values Act/.test(p.text))).toBe(true)
    const byPerson = (await app.inject({ url: q({ official: PERSON, jurisdiction: 'Fresno County, CA', question: 'hold' }) })).json()
    expect(byPerson.lines).toEqual(s.lines)
    const text = await app.inject({ url: q({ post: POST, jurisdiction: FRESNO, question: 'notify', format: 'text' }) })
    expect([text.statusCode, text.headers['content-type']]).toEqual([200, 'text/plain; charset=utf-8'])
    expect(text.body).toContain('John Zanoni')
    expect(text.body).toContain('[your request]')
  })

  it('bad or unknown values get a 4xx naming the field', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ post: POST, jurisdiction: FRESNO }, 400, 'question'],
      [{ post: POST, jurisdiction: FRESNO, question: 'arrest' }, 400, 'question'],
      [{ jurisdiction: FRESNO, question: 'hold' }, 400, 'official'],
      [{ post: POST, official: PERSON, jurisdiction: FRESNO, question: 'hold' }, 400, 'official'],
      [{ post: 'post:sheriff/nowhere', jurisdiction: FRESNO, question: 'hold' }, 404, 'post'],
      [{ official: 'bioguide:X000000', jurisdiction: FRESNO, question: 'hold' }, 404, 'official'],
      [{ post: POST, jurisdiction: 'ocd-division/country:us/state:zz/county:nowhere', question: 'hold' }, 404, 'jurisdiction'],
      [{ post: POST, jurisdiction: 'Harris County, TX', question: 'hold' }, 404, 'post'],
      [{ post: POST, jurisdiction: FRESNO, question: 'hold', date: '2026-02-30' }, 400, 'date'],
      [{ post: POST, jurisdiction: FRESNO, question: 'hold', colour: 'red' }, 400, 'colour'],
    ]
    for (const [params, status, field] of cases) {
      const res = await app.inject({ url: q(params) })
      expect([JSON.stringify(params), res.statusCode, res.json().error.field]).toEqual([JSON.stringify(params), status, field])
    }
  })

  it('POST /api/v1/scripts/outcomes counts a call, stores nothing about the caller, and shows the counts', async () => {
    const post = (body: object, headers: Record<string, string> = json) => app.inject({ method: 'POST', url: '/api/v1/scripts/outcomes', headers, payload: JSON.stringify(body) })
    const body = { post: POST, jurisdiction: FRESNO, question: 'hold', outcome: 'voicemail' }
    expect((await post(body)).statusCode).toBe(201)
    const second = await post({ ...body, post: undefined, official: PERSON, outcome: 'reached' }, { ...json, origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' })
    expect(second.statusCode).toBe(201)
    expect(second.json().counts.map((c: { outcome: string; count: number }) => [c.outcome, c.count])).toEqual([
      ['reached', 1],
      ['voicemail', 1],
    ])
    const refused: [object, Record<string, string>, string][] = [
      [body, { 'content-type': 'text/plain' }, 'content-type'],
      [body, { ...json, origin: 'https://elsewhere.example' }, 'origin'],
      [body, { ...json, 'sec-fetch-site': 'cross-site' }, 'origin'],
      [{ ...body, outcome: 'hung-up' }, json, 'outcome'],
      [{ ...body, ip: '1.2.3.4' }, json, 'ip'],
      [{ ...body, post: 'post:sheriff/nowhere' }, json, 'post'],
    ]
    for (const [b, headers, field] of refused) {
      const res = await post(b, headers)
      expect([field, res.statusCode < 500 && res.statusCode >= 400, res.json().error.field]).toEqual([field, true, field])
    }
    const rows = await database.db.selectFrom('call_outcomes').selectAll().execute()
    expect(rows.map((r) => [r.day, r.post_id, r.outcome, r.count])).toEqual(expect.arrayContaining([[DAY, POST, 'voicemail', 1], [DAY, POST, 'reached', 1]]))
    expect(rows).toHaveLength(2)
    const counts = (await app.inject({ url: `/api/v1/scripts/outcomes?jurisdiction=${encodeURIComponent(FRESNO)}` })).json()
    expect(counts).toMatchObject({ kind: 'call-outcome-counts', jurisdiction: FRESNO, counts: [{ postId: POST, question: 'hold', outcome: 'reached', count: 1, firstDay: DAY, lastDay: DAY }, { outcome: 'voicemail', count: 1 }] })
  })

  it('rate-limits logged outcomes per client', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await app.inject({ method: 'POST', url: '/api/v1/scripts/outcomes', remoteAddress: '10.0.0.9', headers: json, payload: JSON.stringify({ post: POST, jurisdiction: FRESNO, question: 'interview', outcome: 'no-answer' }) })).statusCode)
    expect(statuses.filter((s) => s === 201)).toHaveLength(8)
    expect(statuses.slice(8)).toEqual([429, 429])
  })

  it('the jurisdiction page has a Contact block linking each seat to its scripts; the script page renders on the server', async () => {
    const page = await app.inject({ url: `/jurisdictions/${FRESNO}` })
    expect(page.statusCode).toBe(200)
    const contact = page.body.slice(page.body.indexOf('id="contact-title"'))
    expect(contact).toContain('Sheriff of Fresno County, CA</strong>: John Zanoni')
    const link = `/scripts?${new URLSearchParams({ post: POST, jurisdiction: FRESNO, question: 'hold' })}`
    expect(contact).toContain(`href="${link.replace(/&/g, '&amp;')}"`)
    const script = await app.inject({ url: link })
    expect(script.statusCode).toBe(200)
    expect(script.body).toContain('[your request]')
    expect(script.body).toContain('John Zanoni')
    expect(script.body).toMatch(/Logged since 2026-12-07: Reached someone 1 · Left a voicemail 1/)
    expect(script.body).toContain('id="outcome-form"')
    // The page's prose names no internal tool, file path or registry id.
    const main = script.body.slice(script.body.indexOf('<h1'), script.body.indexOf('</footer>'))
    const prose = main.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ')
    expect(publicTextProblems(prose, new Set([...registry.enactments.keys(), ...registry.provisions.keys()]))).toEqual([])
    const contactProse = contact.slice(0, contact.indexOf('</section>')).replace(/<[^>]+>/g, ' ')
    expect(publicTextProblems(contactProse, new Set([...registry.enactments.keys(), ...registry.provisions.keys()]))).toEqual([])
    const bad = await app.inject({ url: `/scripts?${new URLSearchParams({ post: POST, jurisdiction: FRESNO, question: 'arrest' })}` })
    expect([bad.statusCode, bad.body.includes('is not a question')]).toEqual([400, true])
    expect((await app.inject({ url: `/scripts?${new URLSearchParams({ post: 'post:nothing', jurisdiction: FRESNO, question: 'hold' })}` })).statusCode).toBe(404)
  })

  it('malformed bodies, huge fields and wrong types get a 4xx naming the field, never a 5xx', async () => {
    const big = 'x'.repeat(100_000)
    const bodies: unknown[] = [null, 42, 'text', [], {}, { post: 1 }, { post: POST, jurisdiction: [FRESNO, FRESNO], question: 'hold', outcome: 'reached' }, { post: big, jurisdiction: FRESNO, question: 'hold', outcome: 'reached' },
      { post: POST, jurisdiction: big, question: 'hold', outcome: 'reached' }, { post: POST, jurisdiction: FRESNO, question: { $gt: '' }, outcome: 'reached' }, { post: POST, jurisdiction: FRESNO, question: 'hold', outcome: 'reached', extra: true }]
    for (const [i, b] of bodies.entries()) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/scripts/outcomes', remoteAddress: `10.1.0.${i}`, headers: json, payload: JSON.stringify(b) })
      expect([i, res.statusCode >= 400 && res.statusCode < 500, typeof res.json().error?.field]).toEqual([i, true, 'string'])
    }
    const broken = await app.inject({ method: 'POST', url: '/api/v1/scripts/outcomes', remoteAddress: '10.2.0.1', headers: json, payload: '{"post":' })
    expect(broken.statusCode).toBe(400)
    const queries: Record<string, string>[] = [{ post: big, jurisdiction: FRESNO, question: 'hold' }, { post: POST, jurisdiction: '%E0%A4%A', question: 'hold' }, { post: POST, jurisdiction: FRESNO, question: 'hold', format: 'pdf' }]
    for (const params of queries) {
      const res = await app.inject({ url: q(params) })
      expect([res.statusCode >= 400 && res.statusCode < 500, typeof res.json().error?.field]).toEqual([true, 'string'])
    }
  })

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/scripts', '/api/v1/scripts/outcomes']))
    expect(doc.paths['/api/v1/scripts'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['date', 'format', 'jurisdiction', 'official', 'post', 'question'])
    expect(Object.keys(doc.paths['/api/v1/scripts/outcomes'])).toEqual(expect.arrayContaining(['get', 'post']))
  })
})
