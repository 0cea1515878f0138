import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../fs/index.ts'
import { sharedUsAtlas } from '../fs/atlas.ts'
import { encodeCase } from '../../web/index.ts'
import { createAnswersService, type AnswersService } from './answers-service.ts'
import { buildApp } from './app.ts'
import { addResponseHeaders } from './headers.ts'
import { pagesPlugin } from './pages.ts'

const COOK = 'ocd-division/country:us/state:il/county:cook'
const js = 'console.log("map page")'
let webDir: string
let app: FastifyInstance
let service: AnswersService

beforeAll(async () => {
  // A stand-in build: a manifest naming the map entry, its chunk and its data asset.
  webDir = mkdtempSync(join(tmpdir(), 'atlas-web-'))
  mkdirSync(join(webDir, '.vite'))
  mkdirSync(join(webDir, 'assets'))
  writeFileSync(
    join(webDir, '.vite', 'manifest.json'),
    JSON.stringify({
      'src/web/styles/app.css': { file: 'assets/styles-abc.css', src: 'src/web/styles/app.css', isEntry: true },
      'src/web/client/map.tsx': { file: 'assets/map-abc.js', isEntry: true, imports: ['_shared-abc.js'], assets: ['assets/counties-abc.json'] },
      '_shared-abc.js': { file: 'assets/shared-abc.js' },
    }),
  )
  writeFileSync(join(webDir, 'assets', 'map-abc.js'), js)
  writeFileSync(join(webDir, 'assets', 'map-abc.js.gz'), gzipSync(js))
  writeFileSync(join(webDir, 'assets', 'map-abc.js.br'), brotliCompressSync(js))
  writeFileSync(join(webDir, 'assets', 'styles-abc.css'), 'body{}')

  const engine = createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' })
  service = createAnswersService(engine, await sharedUsAtlas())
  app = Fastify()
  addResponseHeaders(app)
  await app.register(pagesPlugin, { service, webDir, today: () => '2025-06-01' })
  await app.ready()
})

afterAll(async () => {
  await app?.close()
  rmSync(webDir, { recursive: true, force: true })
})

describe('page routes', () => {
  it('serves every page as HTML with the security headers and no inline script', async () => {
    for (const url of ['/', '/?date=2012-01-01&action=notify&state=IL', `/jurisdictions/${COOK}`, `/jurisdictions/${encodeURIComponent(COOK)}`, '/compare', '/evaluate', '/search?q=Cook', '/downloads']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8')
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'")
      expect(res.body, url).toMatch(/^<!doctype html>/)
      for (const tag of res.body.match(/<script[^>]*>/g) ?? []) expect(tag, url).toMatch(/type="module" src="\/assets\/|type="application\/json" id="page-data"/)
    }
  })

  it('links the page script, its chunks, the stylesheet and the data it fetches', async () => {
    const body = (await app.inject({ url: '/?date=2019-06-01' })).body
    expect(body).toContain('<script type="module" src="/assets/map-abc.js"></script>')
    expect(body).toContain('<link rel="modulepreload" href="/assets/shared-abc.js">')
    expect(body).toContain('<link rel="stylesheet" href="/assets/styles-abc.css">')
    expect(body).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/assets/counties-abc.json">')
    expect(body).toContain('href="/api/v1/answers?date=2019-06-01&amp;action=hold&amp;template=no-record&amp;format=compact"')
    const placesUrl = /href="(\/api\/v1\/answers\/places\?v=[^"]+)"/.exec(body)?.[1]
    expect(placesUrl, 'the places list, by its current id').toBeDefined()
    expect(placesUrl).toBe(`/api/v1/answers/places?v=${service.answersPlaces().id}`)
  })

  it('renders the jurisdiction page on the first response', async () => {
    const res = await app.inject({ url: `/jurisdictions/${COOK}?date=2019-06-01` })
    expect(res.body).toContain('<h1>Cook County</h1>')
    expect(res.body).toContain('id="provision-cook-2011-hold"')
    expect(res.body).toContain('Illinois TRUST Act')
  })

  it('answers an unknown jurisdiction with a 404 HTML page', async () => {
    for (const url of ['/jurisdictions/ocd-division/country:us/state:ca/county:atlantis', '/jurisdictions/nonsense', '/jurisdictions/ocd-division/country:us/state:zz']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8')
      expect(res.body, url).toContain('<h1>Not found</h1>')
    }
  })

  it('answers bad parameters with a 400 HTML page', async () => {
    for (const url of ['/?date=2019-02-30', '/?action=detain', `/jurisdictions/${COOK}?date=someday`, '/evaluate?case=%25%25']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(400)
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8')
    }
  })

  it('redirects a plain evaluator form to its shareable URL, which answers on the first response', async () => {
    const res = await app.inject({ url: '/evaluate?run=1&jurisdictionName=Cook%2C%20IL&date=2019-06-01&custody=county-jail&convictionsKnown=yes' })
    expect(res.statusCode).toBe(303)
    const location = res.headers.location as string
    expect(location).toBe(`/evaluate?case=${encodeCase({ jurisdiction: COOK, date: '2019-06-01', custody: 'county-jail', person: { convictions: [] } })}`)
    const answer = await app.inject({ url: location })
    expect(answer.statusCode).toBe(200)
    expect(answer.body).toContain('Answer for Cook County, IL on 1 June 2019')
  })

  it('compresses pages for clients that accept gzip', async () => {
    const res = await app.inject({ url: '/downloads', headers: { 'accept-encoding': 'gzip' } })
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(res.rawPayload).toString()).toContain('<h1>Downloads</h1>')
  })
})

describe('assets', () => {
  it('serves built assets with immutable caching, precompressed when accepted', async () => {
    const plain = await app.inject({ url: '/assets/map-abc.js' })
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(plain.body).toBe(js)
    const br = await app.inject({ url: '/assets/map-abc.js', headers: { 'accept-encoding': 'gzip, br' } })
    expect(br.headers['content-encoding']).toBe('br')
    const gz = await app.inject({ url: '/assets/map-abc.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.rawPayload).toString()).toBe(js)
    const css = await app.inject({ url: '/assets/styles-abc.css', headers: { 'accept-encoding': 'gzip' } })
    expect(css.headers['content-encoding']).toBeUndefined()
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    const again = await app.inject({ url: '/assets/map-abc.js', headers: { 'if-none-match': plain.headers.etag as string } })
    expect(again.statusCode).toBe(304)
  })

  it('answers 404 for missing assets and refuses paths outside the folder', async () => {
    for (const url of ['/assets/nope.js', '/assets/..%2F.vite%2Fmanifest.json', '/assets/map-abc.js.gz', '/assets/.vite']) {
      expect((await app.inject({ url })).statusCode, url).toBe(404)
    }
  })
})

describe('in the whole app', () => {
  it('is registered by buildApp beside the API', async () => {
    const engine = createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' })
    const full = await buildApp({ engine })
    try {
      const page = await full.inject({ url: '/search?q=SF' })
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('href="/jurisdictions/ocd-division/country:us/state:ca/county:san_francisco"')
      expect(page.headers['x-frame-options']).toBe('DENY')
      expect((await full.inject({ url: '/api/v1/search?q=SF' })).statusCode).toBe(200)
      expect((await full.inject({ url: '/jurisdictions/ocd-division/country:us/state:zz/county:nope' })).statusCode).toBe(404)
    } finally {
      await full.close()
    }
  })
})
