import { afterAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow } from '../fs/index.ts'
import { buildApp } from './app.ts'

const root = defaultRegistryDir()
const registry = await loadRegistryOrThrow(root)
const federal = await loadFederalOrThrow(root, registry)
const app = await buildApp({ engine: createEngine(registry, { version: 'test' }), federal })
afterAll(() => app.close())

const CHICAGO = 'ocd-division/country:us/state:il/place:chicago'
const COOK = 'ocd-division/country:us/state:il/county:cook'

describe('federal API', () => {
  it('lists the 2017 and 2025 lists with counts and sources', async () => {
    const res = await app.inject({ url: '/api/v1/federal/lists' })
    expect(res.statusCode).toBe(200)
    const lists = res.json().lists as { id: string; statedCount: number | null; recordedEntries: number; sources: unknown[] }[]
    const doj = lists.find((l) => l.id === 'doj-2025-08-05')!
    expect(doj).toMatchObject({ statedCount: 35, recordedEntries: 35 })
    expect(doj.sources.length).toBeGreaterThan(0)
    expect(lists.find((l) => l.id === 'ice-ddor-2017-01-28')).toMatchObject({ statedCount: null })
    expect(lists.find((l) => l.id === 'dhs-2025-05-29')).toMatchObject({ withdrawn: '2025-06-01' })
  })

  it('answers the conflict question for a county and a date, with citations', async () => {
    const res = await app.inject({ url: `/api/v1/federal/conflict?jurisdiction=${encodeURIComponent(COOK)}&condition=fy2017-jag-notice&date=2020-06-01` })
    expect(res.statusCode).toBe(200)
    const c = res.json()
    expect(c.conflict).toBe('yes')
    expect(c.lawCitations.length).toBeGreaterThan(0)
    expect(c.enforceable).toMatchObject({ value: 'no', basis: 'held-unlawful-in-circuit' })
    expect(c.enforceable.split.exists).toBe(true)
    expect(c.explanation).toMatch(/Seventh Circuit/)
  })

  it("adds the funding consequence to an evaluation when asked: Chicago's case conflicts with the notice condition, which was enjoined for it", async () => {
    const body = { jurisdiction: CHICAGO, date: '2018-06-01', custody: 'city-jail', detainer: { form: 'I-247A', judicialWarrant: false }, person: { convictions: [] } }
    const plain = (await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: body })).json()
    expect(plain.funding).toBeUndefined()
    const res = await app.inject({ method: 'POST', url: '/api/v1/evaluate?funding=true', payload: body })
    expect(res.statusCode).toBe(200)
    const ev = res.json()
    expect(ev.answers).toEqual(plain.answers)
    const notice = ev.funding.find((f: { condition: { id: string } }) => f.condition.id === 'fy2017-jag-notice')
    expect(notice).toMatchObject({ conflict: 'yes', enforceable: { value: 'no', basis: 'enjoined' } })
    expect(notice.lawCitations.map((c: { provision: string }) => c.provision)).toContain('il-trust-notify')
    expect(ev.explanation).toContain('Federal grant conditions')
    expect(ev.explanation).toMatch(/conflicts with the condition[\s\S]*enjoined the condition in City of Chicago v\. Sessions/)
    // Before the FY2017 conditions were announced there is nothing to weigh.
    const early = (await app.inject({ method: 'POST', url: '/api/v1/evaluate?funding=true', payload: { ...body, date: '2016-06-01' } })).json()
    expect(early.funding).toEqual([])
    expect(early.explanation).toContain('none had been announced by this date')
    const bad = await app.inject({ method: 'POST', url: '/api/v1/evaluate?funding=yes', payload: body })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toContain('funding')
  })

  it('rejects an unknown condition and a bad date', async () => {
    expect((await app.inject({ url: `/api/v1/federal/conflict?jurisdiction=${encodeURIComponent(COOK)}&condition=nope` })).statusCode).toBe(404)
    expect((await app.inject({ url: `/api/v1/federal/conflict?jurisdiction=${encodeURIComponent(COOK)}&condition=fy2017-jag-notice&date=2020-13-01` })).statusCode).toBe(400)
  })

  it("gives Chicago's federal view: the DOJ 2025 entry, conditions, Seventh Circuit rulings, money", async () => {
    const res = await app.inject({ url: `/api/v1/federal/jurisdictions/${CHICAGO}?date=2018-01-01` })
    expect(res.statusCode).toBe(200)
    const f = res.json()
    expect(f.circuit).toBe('7')
    expect(f.listed.some((e: { list: string; name: string }) => e.list === 'doj-2025-08-05' && e.name === 'Chicago, IL')).toBe(true)
    expect(f.conditions.map((c: { condition: { id: string } }) => c.condition.id)).toEqual(expect.arrayContaining(['fy2017-jag-notice', 'fy2017-jag-access']))
    expect(f.rulings.find((r: { ruling: string }) => r.ruling === 'chi-7th-2018')).toMatchObject({ decided: '2018-04-19', binds: ['party', 'circuit-precedent'] })
    expect(f.funding.some((m: { amount: number }) => m.amount === 2333428)).toBe(true)
  })

  it('downloads entries as CSV and is in the OpenAPI document', async () => {
    const csv = await app.inject({ url: '/api/v1/federal/export/entries?format=csv' })
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.body.split('\r\n')[0]).toBe('list,list_title,published,withdrawn,heading,name,jurisdiction,in_registry,unmatched_reason,flags,claim,source_url,source_quote')
    expect(csv.body).toContain('Chicago, IL')
    const rulings = await app.inject({ url: '/api/v1/federal/export/rulings?format=csv' })
    expect(rulings.body).toContain('888 F.3d 272')
    const spec = (await app.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/federal', '/api/v1/federal/conflict', '/api/v1/federal/lists']))
  })
})

describe('federal pages', () => {
  it("Chicago's page has a Federal section with the list entry, the conditions, the Seventh Circuit's ruling and dates, and the amount", async () => {
    const res = await app.inject({ url: `/jurisdictions/${CHICAGO}?date=2018-01-01` })
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('id="federal-title"')
    expect(html).toContain('Department of Justice list of sanctuary jurisdictions (August 2025)')
    expect(html).toContain('FY2017 Byrne JAG notice condition')
    expect(html).toContain('FY2017 Byrne JAG access condition')
    expect(html).toContain('U.S. Court of Appeals for the Seventh Circuit')
    expect(html).toContain('2018-04-19')
    expect(html).toContain('$2,333,428')
  })

  it('/federal shows the 2017 and 2025 lists with counts and sources', async () => {
    const res = await app.inject({ url: '/federal' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('ICE Weekly Declined Detainer Outcome Report')
    expect(res.body).toContain('Department of Justice list of sanctuary jurisdictions (August 2025)')
    expect(res.body).toContain('Count stated: <strong>35</strong>')
    expect(res.body).toContain('security.mil-osi.com')
  })
})
