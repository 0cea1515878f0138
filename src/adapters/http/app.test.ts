import { afterAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { buildApp } from './app.ts'
import { FIXTURE_ATLAS } from '../../testing/fixture-atlas.ts'

const app = await buildApp({ engine: createEngine(fixtureRegistry(), { version: 'test' }), atlas: FIXTURE_ATLAS })
afterAll(() => app.close())

describe('HTTP API', () => {
  it('answers /healthz and serves OpenAPI 3.1', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toMatchObject({ status: 'ok' })
    const doc = (await app.inject({ url: '/openapi.json' })).json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/jurisdictions', '/api/v1/evaluate', '/api/v1/enactments/{id}']))
  })

  it('lists jurisdictions with filters', async () => {
    const all = (await app.inject({ url: '/api/v1/jurisdictions' })).json()
    expect(all.count).toBe(6)
    const zz = (await app.inject({ url: '/api/v1/jurisdictions?state=ZZ&level=county' })).json()
    expect(zz.jurisdictions.map((j: { id: string }) => j.id)).toEqual(['ocd-division/country:us/state:zz/county:alpha'])
    const holds2015 = (await app.inject({ url: '/api/v1/jurisdictions?action=detainer-hold&asOf=2015-06-01' })).json()
    expect(holds2015.jurisdictions.map((j: { id: string }) => j.id)).toEqual(['ocd-division/country:us', 'ocd-division/country:us/state:zz'])
    expect((await app.inject({ url: '/api/v1/jurisdictions?q=Zedland' })).json().count).toBe(1)
  })

  it('rejects malformed query parameters with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['asOf=2019-13-45', 'asOf'],
      ['asOf=yesterday', 'asOf'],
      ['level=galaxy', 'level'],
      ['action=fly', 'action'],
      ['colour=red', 'colour'],
    ]) {
      const res = await app.inject({ url: `/api/v1/jurisdictions?${query}` })
      expect(res.statusCode, query).toBe(400)
      expect(res.json().error, query).toMatchObject({ code: 'invalid-input', field })
    }
  })

  it('serves one jurisdiction by OCD ID, raw or encoded, and 404s unknown ones', async () => {
    const raw = await app.inject({ url: '/api/v1/jurisdictions/ocd-division/country:us/state:zz/county:alpha' })
    expect(raw.json()).toMatchObject({ name: 'Alpha County', enactments: [{ id: 'alpha-policy-2016' }] })
    const encoded = await app.inject({ url: `/api/v1/jurisdictions/${encodeURIComponent('ocd-division/country:us/state:zz')}` })
    expect(encoded.json().name).toBe('Fixture State Z')
    const missing = await app.inject({ url: '/api/v1/jurisdictions/ocd-division/country:us/state:qq' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('not-found')
  })

  it('serves enactments and 404s unknown ones', async () => {
    expect((await app.inject({ url: '/api/v1/enactments/zz-ban-2018' })).json()).toMatchObject({ effective: '2018-01', supersedes: ['zz-limit-2014'] })
    expect((await app.inject({ url: '/api/v1/enactments/nope' })).statusCode).toBe(404)
  })

  it('evaluates a case, and rejects bad cases with 400 naming the field', async () => {
    const body = { jurisdiction: 'ocd-division/country:us/state:zz/county:gamma', date: '2019-01-01', custody: 'county-jail', detainer: { judicialWarrant: false }, person: { convictions: [] } }
    const res = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: body })
    expect(res.statusCode).toBe(200)
    expect(res.json().answers.hold.value).toBe('prohibited')
    for (const [payload, field] of [
      [{ ...body, date: '2019-02-30' }, 'date'],
      [{ ...body, custody: 'hotel' }, 'custody'],
      [{ ...body, jurisdiction: 'Fresno' }, 'jurisdiction'],
      [{ date: '2019-01-01' }, 'jurisdiction'],
      // A name where an ID belongs: 400, with what the name means as a suggestion.
      [{ ...body, jurisdiction: 'Gamma County' }, 'jurisdiction'],
    ] as const) {
      const bad = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload })
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400)
      expect(bad.json().error.field, JSON.stringify(payload)).toBe(field)
    }
    const notJson = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: '{oops', headers: { 'content-type': 'application/json' } })
    expect(notJson.statusCode).toBe(400)
  })
})
