import { gunzipSync } from 'node:zlib'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { afterAll, describe, expect, it } from 'vitest'
import { AnswersSchema, ComparisonSchema, ErrorSchema, UnlistedJurisdictionSchema } from '../../core/answers/index.ts'
import { SearchSchema } from '../../core/names/index.ts'
import { createEngine } from '../../core/engine/index.ts'
import { FIXTURE_ATLAS } from '../../testing/fixture-atlas.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../fs/index.ts'
import { buildApp } from './app.ts'
import { CONTENT_SECURITY_POLICY } from './headers.ts'

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
const check = (schema: TSchema, value: unknown) => Compile(schema).Check(value)

const app = await buildApp({ engine: createEngine(fixtureRegistry(), { version: 'test' }), atlas: FIXTURE_ATLAS, rateLimit: { max: 3, timeWindow: '1 minute' } })
afterAll(() => app.close())

const securityHeaders = (headers: Record<string, unknown>) => {
  expect(headers['content-security-policy']).toBe(CSP)
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('no-referrer')
  expect(headers['x-frame-options']).toBe('DENY')
}

describe('GET /api/v1/answers (fixture registry and atlas)', () => {
  it('answers every county as JSON matching the documented schema', async () => {
    const res = await app.inject({ url: '/api/v1/answers?date=2019-06-01&action=hold&template=no-record' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.headers['content-disposition']).toBeUndefined()
    const body = res.json()
    expect(check(AnswersSchema, body)).toBe(true)
    expect(body.counties.find((c: { geoid: string }) => c.geoid === '97003')).toMatchObject({ value: 'prohibited', layer: 'state' })
    securityHeaders(res.headers)
  })

  it('defaults to today, hold, no-record', async () => {
    const before = new Date().toISOString().slice(0, 10)
    const body = (await app.inject({ url: '/api/v1/answers' })).json()
    expect([before, new Date().toISOString().slice(0, 10)]).toContain(body.date)
    expect(body).toMatchObject({ action: 'hold', template: { id: 'no-record' } })
  })

  it('sends an ETag and Cache-Control, and 304 on If-None-Match', async () => {
    const url = '/api/v1/answers?date=2019-06-01'
    const first = await app.inject({ url })
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(first.headers['cache-control']).toBe('public, max-age=300')
    const again = await app.inject({ url, headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    expect(again.headers.etag).toBe(etag)
    securityHeaders(again.headers)
    expect((await app.inject({ url, headers: { 'if-none-match': '"stale"' } })).statusCode).toBe(200)
    // Another date is another body, with another ETag.
    expect((await app.inject({ url: '/api/v1/answers?date=2010-06-01' })).headers.etag).not.toBe(etag)
  })

  it('gzips when the client accepts it, with its own ETag', async () => {
    const url = '/api/v1/answers?date=2019-06-01'
    const plain = await app.inject({ url })
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers.vary).toBe('accept-encoding')
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body)
    expect(gz.headers.etag).not.toBe(plain.headers.etag)
    // written part by part past Fastify's hooks: the same headers all the same
    securityHeaders(gz.headers)
    expect(gz.headers['cache-control']).toBe('public, max-age=300')
    expect(gz.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(Number(gz.headers['content-length'])).toBe(gz.rawPayload.length)
    const download = await app.inject({ url: `${url}&download=true`, headers: { 'accept-encoding': 'gzip' } })
    expect(download.headers['content-disposition']).toBe('attachment; filename="sanctuary-atlas-answers-2019-06-01-hold-no-record.json"')
    const notModified = await app.inject({ url, headers: { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.etag as string } })
    expect(notModified.statusCode).toBe(304)
    expect(notModified.body).toBe('')
    expect(notModified.headers.etag).toBe(gz.headers.etag)
    securityHeaders(notModified.headers)
    expect((await app.inject({ url, headers: { 'accept-encoding': 'gzip;q=0' } })).headers['content-encoding']).toBeUndefined()
  })

  it('downloads CSV and GeoJSON as attachments named by date, action and template', async () => {
    const csv = await app.inject({ url: '/api/v1/answers?date=2019-06-01&action=notify&template=violent-felony&format=csv' })
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toBe('attachment; filename="sanctuary-atlas-answers-2019-06-01-notify-violent-felony.csv"')
    expect(csv.body.split('\r\n')[0]).toBe('geoid,name,state,jurisdiction,value,layer,decided_by,max_hours')
    const geo = await app.inject({ url: '/api/v1/answers?date=2019-06-01&format=geojson' })
    expect(geo.headers['content-type']).toBe('application/geo+json; charset=utf-8')
    expect(geo.headers['content-disposition']).toBe('attachment; filename="sanctuary-atlas-answers-2019-06-01-hold-no-record.geojson"')
    expect(geo.json()).toMatchObject({ type: 'FeatureCollection', features: expect.arrayContaining([expect.objectContaining({ id: '97001', geometry: expect.objectContaining({ type: 'Polygon' }) })]) })
    const json = await app.inject({ url: '/api/v1/answers?date=2019-06-01&download=true' })
    expect(json.headers['content-disposition']).toBe('attachment; filename="sanctuary-atlas-answers-2019-06-01-hold-no-record.json"')
  })

  it('rejects bad parameters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['date=2019-02-30', 'date'],
      ['date=yesterday', 'date'],
      ['action=transfer', 'action'],
      ['template=felon', 'template'],
      ['format=xml', 'format'],
      ['colour=red', 'colour'],
    ]) {
      const res = await app.inject({ url: `/api/v1/answers?${query}` })
      expect(res.statusCode, query).toBe(400)
      expect(res.json().error, query).toMatchObject({ code: 'invalid-input', field })
      expect(check(ErrorSchema, res.json())).toBe(true)
      securityHeaders(res.headers)
    }
  })
})

describe('search, compare, jurisdiction detail, templates, registry export', () => {
  it('searches the registry and the atlas', async () => {
    const res = await app.inject({ url: '/api/v1/search?q=gamma' })
    expect(check(SearchSchema, res.json())).toBe(true)
    expect(res.json().results[0]).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:zz/county:gamma', inRegistry: false, geoid: '97003' })
    expect((await app.inject({ url: '/api/v1/search?q=Zedland&limit=1' })).json().results).toHaveLength(1)
    expect((await app.inject({ url: '/api/v1/search' })).json().error.field).toBe('q')
    expect((await app.inject({ url: '/api/v1/search?q=a&limit=500' })).json().error.field).toBe('limit')
  })

  it('compares jurisdictions side by side', async () => {
    const ids = 'ocd-division/country:us/state:zz/county:alpha,ocd-division/country:us/state:zz/county:gamma'
    const res = await app.inject({ url: `/api/v1/compare?ids=${encodeURIComponent(ids)}&date=2019-06-01` })
    expect(res.statusCode).toBe(200)
    expect(check(ComparisonSchema, res.json())).toBe(true)
    expect(res.json().jurisdictions.map((j: { inRegistry: boolean }) => j.inRegistry)).toEqual([true, false])
    const one = await app.inject({ url: '/api/v1/compare?ids=ocd-division/country:us/state:zz/county:alpha' })
    expect([one.statusCode, one.json().error.field]).toEqual([400, 'ids'])
    const unknown = await app.inject({ url: '/api/v1/compare?ids=ocd-division/country:us/state:zz/county:alpha,ocd-division/country:us/state:zz/county:atlantis' })
    expect([unknown.statusCode, unknown.json().error.code, unknown.json().error.field]).toEqual([404, 'not-found', 'ids[1]'])
    expect((await app.inject({ url: '/api/v1/compare' })).json().error.field).toBe('ids')
    expect((await app.inject({ url: `/api/v1/compare?ids=${encodeURIComponent(ids)}&date=2019-02-30` })).json().error.field).toBe('date')
  })

  it('shows a county without a file as inRegistry:false with its layers, and 404s the unknown', async () => {
    const res = await app.inject({ url: '/api/v1/jurisdictions/ocd-division/country:us/state:zz/county:gamma' })
    expect(res.statusCode).toBe(200)
    expect(check(UnlistedJurisdictionSchema, res.json())).toBe(true)
    expect(res.json().layers.map((l: { layer: string; inRegistry: boolean }) => [l.layer, l.inRegistry])).toEqual([
      ['federal', true],
      ['state', true],
      ['county', false],
    ])
    const listed = (await app.inject({ url: '/api/v1/jurisdictions/ocd-division/country:us/state:zz/county:alpha' })).json()
    expect(listed).toMatchObject({ inRegistry: true, enactments: [{ id: 'alpha-policy-2016' }] })
    const missing = await app.inject({ url: '/api/v1/jurisdictions/ocd-division/country:us/state:zz/county:atlantis' })
    expect(missing.statusCode).toBe(404)
    securityHeaders(missing.headers)
  })

  it('lists the templates and actions', async () => {
    const body = (await app.inject({ url: '/api/v1/templates' })).json()
    expect(body.templates.map((t: { id: string }) => t.id)).toEqual(['no-record', 'misdemeanor', 'violent-felony', 'judicial-warrant'])
    expect(body.actions).toEqual([
      { id: 'hold', registryAction: 'detainer-hold' },
      { id: 'notify', registryAction: 'release-notification' },
      { id: 'interview', registryAction: 'interview-access' },
    ])
  })

  it('exports the registry as JSON, CSV and GeoJSON downloads', async () => {
    const json = await app.inject({ url: '/api/v1/export/registry' })
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="sanctuary-atlas-registry-[\w-]+\.json"$/)
    expect(json.json()).toMatchObject({ kind: 'registry', counts: { jurisdictions: 6 } })
    const csv = await app.inject({ url: '/api/v1/export/registry?format=csv' })
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toMatch(/\.csv"$/)
    expect(csv.body.startsWith('jurisdiction,jurisdiction_name,')).toBe(true)
    const geo = await app.inject({ url: '/api/v1/export/registry?format=geojson' })
    expect(geo.headers['content-type']).toBe('application/geo+json; charset=utf-8')
    expect(geo.json().features).toHaveLength(6)
    expect((await app.inject({ url: '/api/v1/export/registry?format=pdf' })).json().error.field).toBe('format')
  })
})

describe('headers on every response, rate limit, OpenAPI', () => {
  it('puts the CSP and the other security headers on JSON, 404s, bad URLs and the OpenAPI document', async () => {
    expect(CONTENT_SECURITY_POLICY).toBe(CSP)
    for (const url of ['/healthz', '/api/v1/jurisdictions', '/no/such/route', '/api/v1/enactments/nope', '/api/v1/%E0%A4%A', '/openapi.json']) {
      const res = await app.inject({ url })
      securityHeaders(res.headers)
      if (res.statusCode >= 400) expect(check(ErrorSchema, res.json()), url).toBe(true)
    }
  })

  it('limits POST per client and answers 429 in the error shape, with the headers', async () => {
    const body = { jurisdiction: 'ocd-division/country:us/state:zz', date: '2019-01-01' }
    const statuses: number[] = []
    let last
    for (let i = 0; i < 5; i++) {
      last = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: body, remoteAddress: '10.9.9.9' })
      statuses.push(last.statusCode)
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    expect(last!.json().error.code).toBe('rate-limited')
    expect(last!.headers['retry-after']).toBeDefined()
    securityHeaders(last!.headers)
    // Another client is not affected, and GET reads are not limited.
    expect((await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: body, remoteAddress: '10.9.9.10' })).statusCode).toBe(200)
    for (let i = 0; i < 5; i++) expect((await app.inject({ url: '/api/v1/templates', remoteAddress: '10.9.9.9' })).statusCode).toBe(200)
  })

  it('documents the new paths, their parameters and error responses in OpenAPI 3.1', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/answers', '/api/v1/search', '/api/v1/compare', '/api/v1/export/registry', '/api/v1/templates', '/api/v1/jurisdictions/{*}']))
    const answers = doc.paths['/api/v1/answers'].get
    expect(answers.parameters.map((p: { name: string }) => p.name)).toEqual(['date', 'action', 'template', 'format', 'download', 'judicialProbableCause', 'reimbursementAgreement', 'writtenConsent', 'lawfulStatusProof', 'gangDatabase'])
    expect(Object.keys(answers.responses['200'].content)).toEqual(['application/json', 'text/csv', 'application/geo+json'])
    expect(answers.responses['400']).toBeDefined()
    expect(doc.paths['/api/v1/compare'].get.responses['404']).toBeDefined()
    expect(doc.paths['/api/v1/evaluate'].post.responses['429']).toBeDefined()
  })
})

describe('the real registry and us-atlas over HTTP', async () => {
  const real = await buildApp({ engine: createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' }) })
  afterAll(() => real.close())

  it('answers all 3,231 counties; Kern County, CA on 2019-01-01: no hold, decided by California', async () => {
    const body = (await real.inject({ url: '/api/v1/answers?date=2019-01-01&action=hold&template=no-record' })).json()
    expect(body.counties).toHaveLength(3231)
    expect(body.counties.find((c: { geoid: string }) => c.geoid === '06029')).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:ca/county:kern', value: 'prohibited', layer: 'state', inRegistry: false })
  })

  it('serves county polygons in lon/lat as GeoJSON', async () => {
    const fc = (await real.inject({ url: '/api/v1/answers?date=2019-01-01&format=geojson' })).json()
    expect(fc.features).toHaveLength(3231)
    const fresno = fc.features.find((f: { id: string }) => f.id === '06019')
    expect(fresno.geometry.type).toMatch(/Polygon/)
    const [lon, lat] = fresno.geometry.coordinates.flat(3) as number[]
    expect(lon).toBeGreaterThan(-121)
    expect(lon).toBeLessThan(-118)
    expect(lat).toBeGreaterThan(35)
    expect(lat).toBeLessThan(38)
  })

  it('finds "SF", "San Francisco County" and "Cook"', async () => {
    for (const [q, id] of [
      ['SF', 'ocd-division/country:us/state:ca/county:san_francisco'],
      ['San Francisco County', 'ocd-division/country:us/state:ca/county:san_francisco'],
      ['Cook', 'ocd-division/country:us/state:il/county:cook'],
    ] as const)
      expect((await real.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}` })).json().results[0].jurisdiction, q).toBe(id)
  })
})
