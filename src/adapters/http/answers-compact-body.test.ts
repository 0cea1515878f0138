import { gunzipSync } from 'node:zlib'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { afterAll, describe, expect, it } from 'vitest'
import { AnswersPlacesSchema, answersFor, buildGazetteer, CompactAnswersSchema, TEMPLATE_IDS, type AnswersPlaces, type CompactAnswers } from '../../core/answers/index.ts'
import { formatDay } from '../../core/dates/index.ts'
import { createEngine, QUESTION_NAMES } from '../../core/engine/index.ts'
import { boundaryDays } from '../../core/registry/index.ts'
import { FIXTURE_ATLAS } from '../../testing/fixture-atlas.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { expandAnswers } from '../../web/shared/compact-answers.ts'
import { atlasWithUsGeo, defaultRegistryDir, loadRegistryOrThrow, sharedUsAtlas, sharedUsGeo } from '../fs/index.ts'
import { buildApp } from './app.ts'

const check = (schema: TSchema, value: unknown) => Compile(schema).Check(value)
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

/** The day before and the day of each of `days`, inside the map's range. */
function aroundBoundaries(days: readonly number[]): string[] {
  const out = new Set<string>()
  for (const d of days) for (const day of [d - 1, d]) if (formatDay(day) >= '2008-01-01' && formatDay(day) <= '2026-12-01') out.add(formatDay(day))
  return [...out].sort()
}

type App = Awaited<ReturnType<typeof buildApp>>

async function places(app: App): Promise<AnswersPlaces> {
  const res = await app.inject({ url: '/api/v1/answers/places', headers: { 'accept-encoding': 'gzip' } })
  expect(res.statusCode).toBe(200)
  return JSON.parse(gunzipSync(res.rawPayload).toString()) as AnswersPlaces
}

/** The compact answers over HTTP, gzipped (as the browser takes them) and not, which must agree. */
async function compact(app: App, query: string): Promise<CompactAnswers> {
  const gz = await app.inject({ url: `/api/v1/answers?${query}&format=compact`, headers: { 'accept-encoding': 'gzip' } })
  expect(gz.statusCode).toBe(200)
  expect(gz.headers['content-encoding']).toBe('gzip')
  const plain = await app.inject({ url: `/api/v1/answers?${query}&format=compact` })
  const text = gunzipSync(gz.rawPayload).toString()
  expect(text).toBe(plain.body)
  return JSON.parse(text) as CompactAnswers
}

describe('compact answers (fixture registry and atlas)', () => {
  const engine = createEngine(fixtureRegistry(), { version: 'test' })
  const appPromise = buildApp({ engine, atlas: FIXTURE_ATLAS })
  const gazetteer = buildGazetteer(engine.registry, FIXTURE_ATLAS.input)
  afterAll(async () => (await appPromise).close())
  const dates = aroundBoundaries(boundaryDays([...engine.registry.enactments.values()]))

  it('decoded with the places list, equal the full answers on the day before and the day of every boundary day, for every question and template', async () => {
    const app = await appPromise
    const list = await places(app)
    expect(check(AnswersPlacesSchema, list)).toBe(true)
    expect(dates.length).toBeGreaterThan(6)
    let decoded = 0
    for (const date of dates) {
      for (const action of QUESTION_NAMES) {
        for (const template of TEMPLATE_IDS) {
          const c = await compact(app, new URLSearchParams({ date, action, template }).toString())
          expect(check(CompactAnswersSchema, c)).toBe(true)
          const expected = answersFor({ engine, gazetteer, date, action, template })
          expect(json(expandAnswers(c, list)), `${date} ${action} ${template}`).toEqual(json(expected))
          decoded++
        }
      }
    }
    expect(decoded).toBe(dates.length * QUESTION_NAMES.length * TEMPLATE_IDS.length)
  })

  it('with an assumption changed, still equal the full answers', async () => {
    const app = await appPromise
    const list = await places(app)
    const c = await compact(app, 'date=2019-06-01&action=hold&template=no-record&reimbursementAgreement=unknown')
    const full = (await app.inject({ url: '/api/v1/answers?date=2019-06-01&action=hold&template=no-record&reimbursementAgreement=unknown' })).json()
    expect(json(expandAnswers(c, list))).toEqual(full)
    expect(c.assumptions.find((a) => a.name === 'reimbursementAgreement')?.value).toBe('unknown')
  })

  it('is smaller than the full body, and refuses a places list of another id', async () => {
    const app = await appPromise
    const list = await places(app)
    const c = await compact(app, 'date=2019-06-01')
    const full = await app.inject({ url: '/api/v1/answers?date=2019-06-01' })
    expect(JSON.stringify(c).length).toBeLessThan(full.body.length)
    expect(c.placesId).toBe(list.id)
    expect(() => expandAnswers(c, { ...list, id: 'other' })).toThrow(/places list/)
    expect(() => expandAnswers({ ...c, counties: c.counties.slice(1) }, list)).toThrow(/do not match/)
  })

  it('serves the places list for a year under its current id, five minutes otherwise, with an ETag and 304', async () => {
    const app = await appPromise
    const list = await places(app)
    const current = await app.inject({ url: `/api/v1/answers/places?v=${list.id}`, headers: { 'accept-encoding': 'gzip' } })
    expect(current.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(current.headers['content-encoding']).toBe('gzip')
    const etag = current.headers.etag as string
    expect((await app.inject({ url: `/api/v1/answers/places?v=${list.id}`, headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } })).statusCode).toBe(304)
    const stale = await app.inject({ url: '/api/v1/answers/places?v=old' })
    expect(stale.statusCode).toBe(200)
    expect(stale.headers['cache-control']).toBe('public, max-age=300')
    expect(stale.json().id).toBe(list.id)
    const bad = await app.inject({ url: '/api/v1/answers/places?x=1' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('x')
  })

  it('a new date gets its own ETag and date; the format is named in errors', async () => {
    const app = await appPromise
    const a = await app.inject({ url: '/api/v1/answers?date=2019-06-01&format=compact', headers: { 'accept-encoding': 'gzip' } })
    const b = await app.inject({ url: '/api/v1/answers?date=2019-06-02&format=compact', headers: { 'accept-encoding': 'gzip' } })
    expect(a.headers.etag).not.toBe(b.headers.etag)
    expect(JSON.parse(gunzipSync(b.rawPayload).toString()).date).toBe('2019-06-02')
    expect(a.headers['content-disposition']).toBeUndefined()
    expect((await app.inject({ url: '/api/v1/answers?date=2019-06-01&format=compact', headers: { 'accept-encoding': 'gzip', 'if-none-match': a.headers.etag as string } })).statusCode).toBe(304)
    const bad = await app.inject({ url: '/api/v1/answers?format=compressed' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('format')
  })
})

describe('compact answers (the real registry and us-atlas)', async () => {
  const engine = createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' })
  const atlas = atlasWithUsGeo(await sharedUsAtlas(), await sharedUsGeo())
  const app = await buildApp({ engine, atlas })
  const gazetteer = buildGazetteer(engine.registry, atlas.input)
  afterAll(() => app.close())

  it('decoded, equal the full answers around a spread of the registry boundary days, for every question and two templates each', async () => {
    const all = aroundBoundaries(boundaryDays([...engine.registry.enactments.values()]))
    // SB 54's first day, and every 60th of the others
    const dates = [...new Set(['2017-12-31', '2018-01-01', ...all.filter((_, i) => i % 60 === 0)])].sort()
    expect(dates.length).toBeGreaterThan(8)
    const list = await places(app)
    expect(list.counties).toHaveLength(3231)
    let i = 0
    for (const date of dates) {
      for (const action of QUESTION_NAMES) {
        for (const template of [TEMPLATE_IDS[i % 4]!, TEMPLATE_IDS[(i + 1) % 4]!]) {
          const c = await compact(app, new URLSearchParams({ date, action, template }).toString())
          const expected = answersFor({ engine, gazetteer, date, action, template })
          expect(json(expandAnswers(c, list)), `${date} ${action} ${template}`).toEqual(json(expected))
        }
        i++
      }
    }
  })

  it('sends under a tenth of the full body gzipped, and a twentieth of its text', async () => {
    for (const date of ['2019-06-01', '2025-08-01']) {
      const query = `date=${date}&action=interview&template=misdemeanor`
      const [c, full] = await Promise.all([`${query}&format=compact`, query].map((q) => app.inject({ url: `/api/v1/answers?${q}`, headers: { 'accept-encoding': 'gzip' } })))
      expect(c!.rawPayload.length * 10, date).toBeLessThan(full!.rawPayload.length)
      expect(gunzipSync(c!.rawPayload).length * 20, date).toBeLessThan(gunzipSync(full!.rawPayload).length)
    }
  })
})
