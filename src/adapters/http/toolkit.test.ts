/**
 * The toolkit over HTTP: the API (catalog, clause, check, export) and the pages (catalog, clause
 * page with its charts, composer whose state is the URL, and its exports), on the real registry.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createEngine } from '../../core/engine/index.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow } from '../fs/index.ts'
import { buildApp } from './app.ts'

const root = defaultRegistryDir()
const registry = await loadRegistryOrThrow(root)
const federal = await loadFederalOrThrow(root, registry)
const app = await buildApp({ engine: createEngine(registry, { version: 'test' }), federal })
afterAll(() => app.close())

const TRAVIS = 'ocd-division/country:us/state:tx/county:travis'
const MULTNOMAH = 'ocd-division/country:us/state:or/county:multnomah'
const warrant = { title: 'Holds only with a judicial warrant', provisions: [{ id: 'warrant-only', clause: 'hold-judicial-warrant', action: 'detainer-hold', effect: 'prohibit', summary: 'No hold without a judicial warrant.', unless: { fact: 'detainer.judicialWarrant', equals: true } }] }

describe('toolkit API', () => {
  it('serves the catalog and a clause with peers', async () => {
    const cat = (await app.inject({ url: '/api/v1/toolkit/catalog' })).json()
    expect(cat.clauses).toHaveLength(14)
    const res = await app.inject({ url: `/api/v1/toolkit/clauses/no-287g?jurisdiction=${encodeURIComponent('ocd-division/country:us/state:ca/county:fresno')}` })
    expect(res.statusCode).toBe(200)
    expect(res.json().peers[0].relation).toBe('same-state')
    expect((await app.inject({ url: '/api/v1/toolkit/clauses/nope' })).statusCode).toBe(404)
  })

  it('checks a draft: Travis County 2018-06-01 is overridden by SB 4; Multnomah County stands', async () => {
    const travis = await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts/check', payload: { jurisdiction: TRAVIS, date: '2018-06-01', draft: warrant } })
    expect(travis.statusCode).toBe(200)
    const t = travis.json()
    expect(t.check.clauses[0].status).toBe('overridden')
    expect(t.check.clauses[0].citations.map((c: { provision: string }) => c.provision)).toContain('tx-sb4-hold')
    expect(t.simulation).toMatchObject({ kind: 'unavailable' })
    expect(t.draftValue).toBeUndefined()
    const mult = (await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts/check', payload: { jurisdiction: MULTNOMAH, date: '2018-06-01', draft: warrant } })).json()
    expect(mult.check.clauses[0].status).toBe('stands')
  })

  it('answers a bad draft with 400 naming the clause and field', async () => {
    const bad = { provisions: [{ ...warrant.provisions[0], effect: 'forbid' }] }
    const res = await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts/check', payload: { jurisdiction: TRAVIS, date: '2018-06-01', draft: bad } })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'invalid-input', field: 'provisions[0] (warrant-only).effect' })
    const noDate = await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts/check', payload: { jurisdiction: TRAVIS, draft: warrant } })
    expect(noDate.statusCode).toBe(400)
    expect(noDate.json().error.field).toBe('date')
    const badSim = await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts/check', payload: { jurisdiction: TRAVIS, date: '2018-06-01', draft: warrant, simulation: { scope: 'peer' } } })
    expect(badSim.statusCode).toBe(400)
    expect(badSim.json().error.field).toBe('simulation.peer')
  })

  it('exports YAML that reads back as the same draft, and a PDF', async () => {
    const yaml = await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts/export?format=yaml', payload: { jurisdiction: TRAVIS, date: '2018-06-01', draft: warrant } })
    expect(yaml.statusCode).toBe(200)
    const back = parse(yaml.body)
    expect(back).toMatchObject({ jurisdiction: TRAVIS, date: '2018-06-01', provisions: [{ id: 'warrant-only', effect: 'prohibit' }] })
    const again = await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts/check', payload: { jurisdiction: TRAVIS, date: '2018-06-01', draft: back } })
    expect(again.json().check.clauses[0].status).toBe('overridden')
    const pdf = await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts/export?format=pdf', payload: { jurisdiction: TRAVIS, date: '2018-06-01', draft: warrant } })
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/toolkit/drafts/check', '/api/v1/toolkit/drafts/export', '/api/v1/toolkit/catalog', '/api/v1/toolkit/clauses/{kind}']))
  })
})

describe('toolkit pages', () => {
  it('the catalog lists every clause, linked', async () => {
    const res = await app.inject({ url: '/toolkit' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('href="/toolkit/clauses/hold-judicial-warrant"')
    expect(res.body).toContain('Ban on local limits')
  })

  it('a clause page shows its adopters on a timeline chart and a map by date, drawn on the server', async () => {
    const res = await app.inject({ url: '/toolkit/clauses/state-honour-detainers?date=2018-06-01' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('aria-label="Timeline of adopters"')
    expect(res.body).toContain('Map of adopters as of 2018-06-01')
    expect(res.body).toContain('Texas')
    expect(res.body).toContain('capitol.texas.gov')
  })

  it('the composer checks a draft in the URL: Travis County overridden, with the SB 4 citation', async () => {
    const q = new URLSearchParams({ jurisdiction: 'Travis County, TX', date: '2018-06-01', clauses: 'hold-judicial-warrant' })
    const res = await app.inject({ url: `/toolkit/compose?${q}` })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Overridden by higher law')
    expect(res.body).toContain('SB 4 (85R)')
    expect(res.body).toContain('/toolkit/compose/draft.pdf?')
    const md = await app.inject({ url: `/toolkit/compose/draft.md?${q}` })
    expect(md.statusCode).toBe(200)
    expect(md.body).toMatch(/^# /)
    expect(md.body).toContain('Overridden by higher law')
    expect(md.body).toContain('https://capitol.texas.gov/')
    const mult = await app.inject({ url: `/toolkit/compose?${new URLSearchParams({ jurisdiction: MULTNOMAH, date: '2018-06-01', clauses: 'hold-judicial-warrant' })}` })
    expect(mult.body).toContain('Stands')
  })

  it('the composer reports a bad draft with its field, as a 400 page', async () => {
    const res = await app.inject({ url: `/toolkit/compose?${new URLSearchParams({ jurisdiction: TRAVIS, date: '2018-06-01', yaml: 'provisions:\n  - id: x\n    action: detainer-hold\n    effect: limit\n    summary: Only some.\n' })}` })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('provisions[0] (x).when')
  })
})
