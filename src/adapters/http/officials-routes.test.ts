import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { publicTextProblems } from '../../core/registry/index.ts'
import type { DirectoryRecord, SourceRef, ZipArea } from '../../core/officials/index.ts'
import { startImport, testTargets, type Database } from '../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../fs/index.ts'
import { buildApp } from './app.ts'

const HARRIS = 'ocd-division/country:us/state:tx/county:harris'
const TX = 'ocd-division/country:us/state:tx'
const source: SourceRef = { dataset: 'congress-legislators', file: 'legislators-current.yaml', version: 'c0ffee', line: 1, url: 'https://example.gov/senator' }

const RECORDS: DirectoryRecord[] = [
  { kind: 'organization', id: 'congress:senate', name: 'United States Senate', classification: 'congress-senate', division: 'ocd-division/country:us', contacts: [], identifiers: {}, source },
  { kind: 'post', id: 'post:us-senator/tx/2', organizationId: 'congress:senate', role: 'us-senator', label: 'U.S. Senator for Texas (class 2)', division: TX, source },
  { kind: 'person', id: 'bioguide:T000001', name: 'Test Senator', contacts: [{ kind: 'phone', value: '202-224-0001' }], identifiers: { bioguide: 'T000001' }, source },
  { kind: 'membership', id: 'bioguide:T000001@post:us-senator/tx/2#2019-01-03', personId: 'bioguide:T000001', postId: 'post:us-senator/tx/2', organizationId: 'congress:senate', startDate: '2019-01-03', source },
  { kind: 'organization', id: 'hifld:1', name: 'Harris County Sheriffs Office', classification: 'sheriff-office', division: HARRIS, contacts: [{ kind: 'phone', value: '(713) 555-0100' }], identifiers: {}, source: { ...source, dataset: 'hifld-law-enforcement' } },
  { kind: 'post', id: `post:sheriff/${HARRIS}`, organizationId: 'hifld:1', role: 'sheriff', label: 'Sheriff of Harris County, TX', division: HARRIS, holderUnknownReason: 'not listed', source },
]
const zip = (code: string, geoid: string, name: string, division: string, landArea: number): ZipArea => ({ kind: 'zip-area', zip: code, level: 'county', geoid, name, division, landArea, source })
const ZIPS = [zip('77002', '48201', 'Harris County, TX', HARRIS, 2), zip('77447', '48201', 'Harris County, TX', HARRIS, 3), zip('77447', '48473', 'Waller County, TX', `${TX}/county:waller`, 1)]

const registry = await loadRegistryOrThrow(defaultRegistryDir())
const atlas = await loadUsAtlas()

describe.each(testTargets())('officials routes on $name', (target) => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    database = await target.open()
    const run = await startImport(database, 'fixture', '2026-12-06')
    await run.write([...RECORDS, ...ZIPS])
    await run.finish([], { records: RECORDS.length })
    app = await buildApp({ engine: createEngine(registry, { version: 'test' }), atlas, database })
  }, 60_000)
  afterAll(async () => {
    await app.close()
    await database.close()
  })

  it('search and the forms take ZIP codes through the directory: one county decides, several are a choice', async () => {
    const one = (await app.inject({ url: '/api/v1/search?q=77002' })).json()
    expect(one.resolution).toMatchObject({ kind: 'resolved', by: 'zip', jurisdiction: { jurisdiction: HARRIS } })
    expect(one.results[0].jurisdiction).toBe(HARRIS)
    const split = (await app.inject({ url: '/api/v1/search?q=77447' })).json()
    expect(split.resolution.kind).toBe('ambiguous')
    expect(split.resolution.candidates.map((c: { jurisdiction: string }) => c.jurisdiction)).toEqual([HARRIS, `${TX}/county:waller`])
    const page = await app.inject({ url: '/evaluate?run=1&jurisdictionName=77002&date=2019-06-01' })
    expect([page.statusCode, decodeURIComponent(String(page.headers.location))]).toEqual([303, expect.stringContaining('/evaluate?case=')])
    expect((await app.inject({ url: '/evaluate?run=1&jurisdictionName=77447&date=2019-06-01' })).body).toContain('Waller County, TX')
  })

  it('GET /api/v1/officials: the sheriff’s office with its phone, the senator, and the law in force at each level', async () => {
    const res = await app.inject({ url: `/api/v1/officials?jurisdiction=${encodeURIComponent(HARRIS)}&date=2026-12-06` })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ kind: 'who-decides', jurisdiction: HARRIS, name: 'Harris County, TX' })
    const bodyOf = (key: string) => body.bodies.find((b: { key: string }) => b.key === key)
    expect(bodyOf('sheriff').offices[0].contacts).toEqual([{ kind: 'phone', value: '(713) 555-0100' }])
    expect(bodyOf('congress').seats[0].holders[0].person.name).toBe('Test Senator')
    const hold = body.questions.find((q: { question: string }) => q.question === 'hold')
    expect(hold.changedBy.find((c: { level: string }) => c.level === 'state').law.length).toBeGreaterThan(0)
  })

  it('refuses a missing, unknown or malformed jurisdiction and a bad date with a 4xx naming the field', async () => {
    const cases: [string, number, string][] = [
      ['/api/v1/officials', 400, 'jurisdiction'],
      ['/api/v1/officials?jurisdiction=ocd-division/country:us/state:zz/county:nowhere', 404, 'jurisdiction'],
      // A name where an OCD ID belongs: bad input, with what it may mean as suggestions.
      ['/api/v1/officials?jurisdiction=Harris', 400, 'jurisdiction'],
      [`/api/v1/officials?jurisdiction=${HARRIS}&date=2026-02-30`, 400, 'date'],
    ]
    for (const [url, status, field] of cases) {
      const res = await app.inject({ url })
      expect([url, res.statusCode, res.json().error.field]).toEqual([url, status, field])
    }
    const typo = (await app.inject({ url: '/api/v1/officials?jurisdiction=ocd-division/country:us/state:tx/county:hariss' })).json()
    expect(typo.error.suggestions[0].id).toBe(HARRIS)
  })

  it('GET /api/v1/officials/lookup: one county decides, several are offered, names resolve or give candidates', async () => {
    expect((await app.inject({ url: '/api/v1/officials/lookup?zip=77002' })).json()).toMatchObject({ kind: 'decided', jurisdiction: HARRIS })
    expect((await app.inject({ url: '/api/v1/officials/lookup?zip=77447' })).json()).toMatchObject({ kind: 'choose', choices: [{ name: 'Harris County, TX', landShare: 0.75 }, { name: 'Waller County, TX', landShare: 0.25 }] })
    expect((await app.inject({ url: '/api/v1/officials/lookup?q=Harris%20County%2C%20TX' })).json()).toMatchObject({ kind: 'decided', jurisdiction: HARRIS })
    const ambiguous = await app.inject({ url: '/api/v1/officials/lookup?q=Harris%20County' })
    expect(ambiguous.statusCode).toBe(400)
    expect(ambiguous.json().error).toMatchObject({ field: 'q', message: expect.stringContaining('Harris County, GA') })
    for (const [url, status, field] of [
      ['/api/v1/officials/lookup?zip=7700', 400, 'zip'],
      ['/api/v1/officials/lookup?zip=99999', 404, 'zip'],
      ['/api/v1/officials/lookup', 400, 'zip'],
      ['/api/v1/officials/lookup?q=Qqqxxzz', 404, 'q'],
    ] as const) {
      const res = await app.inject({ url })
      expect([url, res.statusCode, res.json().error.field]).toEqual([url, status, field])
    }
    const typo = (await app.inject({ url: '/api/v1/officials?jurisdiction=ocd-division/country:us/state:tx/county:hariss' })).json()
    expect(typo.error.suggestions[0].id).toBe(HARRIS)
  })

  it('GET /api/v1/people/{id}: a person with their seats; an unknown id is a 404', async () => {
    const res = await app.inject({ url: '/api/v1/people/bioguide:T000001' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ person: { name: 'Test Senator' }, memberships: [{ post: { id: 'post:us-senator/tx/2' } }] })
    expect((await app.inject({ url: '/api/v1/people/bioguide:NOPE' })).statusCode).toBe(404)
  })

  it('exports the directory as Popolo JSON', async () => {
    const res = await app.inject({ url: '/api/v1/export/officials.popolo.json' })
    expect(res.statusCode).toBe(200)
    const popolo = res.json()
    expect(popolo.persons).toEqual([expect.objectContaining({ id: 'bioguide:T000001', name: 'Test Senator', contact_details: [{ type: 'phone', value: '202-224-0001' }] })])
    expect(popolo.posts.map((p: { id: string }) => p.id)).toEqual(['post:sheriff/ocd-division/country:us/state:tx/county:harris', 'post:us-senator/tx/2'])
    expect(popolo.memberships[0]).toMatchObject({ person_id: 'bioguide:T000001', post_id: 'post:us-senator/tx/2', start_date: '2019-01-03' })
  })

  it('shows Who decides here on the jurisdiction page, server-rendered, and documents the routes', async () => {
    const html = (await app.inject({ url: `/jurisdictions/${HARRIS}` })).body
    expect(html).toContain('Who decides here')
    expect(html).toContain('href="tel:7135550100"')
    expect(html).toContain('Test Senator')
    const section = html.slice(html.indexOf('id="who-decides-title"'), html.indexOf('</section>', html.indexOf('id="who-decides-title"')))
    const prose = section.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ')
    const ids = new Set([...registry.enactments.keys(), ...registry.provisions.keys()])
    expect(publicTextProblems(prose, ids)).toEqual([])
    const paths = Object.keys((await app.inject({ url: '/openapi.json' })).json().paths)
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/officials', '/api/v1/officials/lookup', '/api/v1/people/{*}', '/api/v1/export/officials.popolo.json']))
  })
})
