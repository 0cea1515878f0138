import { describe, expect, it } from 'vitest'
import { Compile } from 'typebox/compile'
import type { GazetteerInput } from '../../core/answers/index.ts'
import { ErrorSchema } from '../../core/answers/index.ts'
import { createEngine } from '../../core/engine/index.ts'
import { SearchSchema } from '../../core/names/index.ts'
import { fixtureGeometry } from '../../testing/fixture-atlas.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../fs/index.ts'
import { buildApp } from './app.ts'

const TX = 'ocd-division/country:us/state:tx'
const HARRIS_TX = `${TX}/county:harris`
const NOWHERE = 'ocd-division/country:us/state:zz/county:nowhere'

/** Real codes and 2020 Census counts, as us-atlas and us-geo hand them in. */
const GEO: GazetteerInput = {
  states: [
    { fips: '01', name: 'Alabama', population: 5024279 },
    { fips: '06', name: 'California', population: 39538223 },
    { fips: '13', name: 'Georgia', population: 10711908 },
    { fips: '48', name: 'Texas', population: 29145505 },
  ],
  counties: [
    { geoid: '01069', name: 'Houston', population: 107202 },
    { geoid: '06019', name: 'Fresno', population: 1008654 },
    { geoid: '13145', name: 'Harris', population: 34668 },
    { geoid: '13153', name: 'Houston', population: 163633 },
    { geoid: '48201', name: 'Harris', population: 4731145 },
    { geoid: '48225', name: 'Houston', population: 22066 },
  ],
  places: [{ geoid: '4835000', name: 'Houston', state: 'TX', countyGeoid: '48201', population: 2304580, type: 'city' }],
}

const app = await buildApp({ engine: createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' }), atlas: { input: GEO, geometry: fixtureGeometry } })
const checkSearch = Compile(SearchSchema)
const checkError = Compile(ErrorSchema)
const get = async (url: string) => {
  const res = await app.inject({ url })
  return { status: res.statusCode, body: res.json() }
}

describe('/api/v1/search: one resolver', () => {
  it('lands "Harris County" and "Houston" in Texas, finds typos, and laws by name and number', async () => {
    const harris = await get('/api/v1/search?q=Harris%20County')
    expect(checkSearch.Check(harris.body)).toBe(true)
    expect(harris.body.resolution).toMatchObject({ kind: 'resolved', by: 'population', jurisdiction: { jurisdiction: HARRIS_TX } })
    expect(harris.body.results.map((r: { jurisdiction: string }) => r.jurisdiction).slice(0, 2)).toEqual([HARRIS_TX, 'ocd-division/country:us/state:ga/county:harris'])
    expect((await get('/api/v1/search?q=Houston')).body.resolution.jurisdiction).toMatchObject({ jurisdiction: `${TX}/place:houston`, name: 'Houston, TX', type: 'city' })
    expect((await get('/api/v1/search?q=Houston&prefer=GA')).body.resolution.jurisdiction.jurisdiction).toBe('ocd-division/country:us/state:ga/county:houston')
    expect((await get('/api/v1/search?q=Harris%20County&state=GA')).body.results.map((r: { state: string }) => r.state)).toEqual(['GA'])
    const typo = (await get('/api/v1/search?q=Harriss')).body
    expect(typo.resolution.kind).toBe('unknown')
    expect(typo.results[0].jurisdiction).toBe(HARRIS_TX)
    expect((await get('/api/v1/search?q=SB%2054')).body.laws[0]).toMatchObject({ enactment: 'ca-sb54', match: 'number', state: 'CA' })
    expect((await get('/api/v1/search?q=TRUST%20Act')).body.laws.length).toBeGreaterThan(2)
    expect((await get('/api/v1/search?q=287(g)')).body.laws.length).toBeGreaterThan(2)
    const badState = await get('/api/v1/search?q=Houston&state=Atlantis')
    expect([badState.status, badState.body.error.field]).toEqual([400, 'state'])
  })
})

describe('only real places, on every API surface', () => {
  const body = { jurisdiction: NOWHERE, date: '2019-01-01', custody: 'county-jail', detainer: { judicialWarrant: false }, person: { convictions: [] } }
  it('POST /api/v1/evaluate refuses an ID of nothing real with a 404 naming the field, and a name with suggestions', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: body })
    expect(res.statusCode).toBe(404)
    expect(checkError.Check(res.json())).toBe(true)
    expect(res.json().error).toMatchObject({ code: 'not-found', field: 'jurisdiction', message: expect.stringContaining('no state or district "zz"') })
    const typo = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: { ...body, jurisdiction: `${TX}/county:hariss` } })
    expect([typo.statusCode, typo.json().error.suggestions[0]]).toEqual([404, { id: HARRIS_TX, name: 'Harris County, TX', type: 'county', state: 'TX' }])
    const name = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: { ...body, jurisdiction: 'Harris County' } })
    expect([name.statusCode, name.json().error.field, name.json().error.suggestions[0].id]).toEqual([400, 'jurisdiction', HARRIS_TX])
    const real = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: { ...body, jurisdiction: HARRIS_TX } })
    expect(real.statusCode).toBe(200)
  })
  it('GET /api/v1/jurisdictions/* and /api/v1/compare refuse it too, with suggestions', async () => {
    const one = await get(`/api/v1/jurisdictions/${NOWHERE}`)
    expect([one.status, one.body.error.field]).toEqual([404, 'id'])
    const typo = await get(`/api/v1/jurisdictions/${TX}/county:hariss`)
    expect(typo.body.error.suggestions[0].id).toBe(HARRIS_TX)
    expect((await get(`/api/v1/jurisdictions/${HARRIS_TX}`)).status).toBe(200)
    const cmp = await get(`/api/v1/compare?ids=${encodeURIComponent(`${HARRIS_TX},${NOWHERE}`)}`)
    expect([cmp.status, cmp.body.error.field]).toEqual([404, 'ids[1]'])
  })
  it('the pages refuse it: a 404 page, no answer', async () => {
    const res = await app.inject({ url: `/jurisdictions/${NOWHERE}` })
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('PERMITTED')
  })
})
