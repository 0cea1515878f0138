import { mkdirSync, writeFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../fs/index.ts'
import { sharedUsAtlas } from '../fs/atlas.ts'
import { createAnswersService } from './answers-service.ts'
import { addResponseHeaders } from './headers.ts'
import { pagesPlugin } from './pages.ts'

const TRAVIS = 'ocd-division/country:us/state:tx/county:travis'
const CA = 'ocd-division/country:us/state:ca'
let app: FastifyInstance

beforeAll(async () => {
  const engine = createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' })
  const service = createAnswersService(engine, await sharedUsAtlas())
  app = Fastify()
  addResponseHeaders(app)
  await app.register(pagesPlugin, { service, webDir: '/nonexistent-web-dir', today: () => '2025-06-01', publicUrl: 'https://atlas.example.org/' })
  await app.ready()
}, 60_000)

afterAll(async () => {
  await app?.close()
})

/** The PNG's header fields, after checking the signature, the IHDR chunk and that the pixels inflate. */
function readPng(buf: Buffer): { width: number; height: number; colourType: number; pixels: Buffer } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)
  expect(buf.toString('latin1', 12, 16)).toBe('IHDR')
  const width = buf.readUInt32BE(16)
  const height = buf.readUInt32BE(20)
  const colourType = buf[25]!
  const idat: Buffer[] = []
  let at = 8
  while (at < buf.length) {
    const len = buf.readUInt32BE(at)
    const type = buf.toString('latin1', at + 4, at + 8)
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len))
    at += 12 + len
    if (type === 'IEND') break
  }
  return { width, height, colourType, pixels: inflateSync(Buffer.concat(idat)) }
}

/** Distinct RGB colours in the decoded rows (filter byte skipped; filtered rows only approximate, enough to tell a blank image). */
function distinctBytes(pixels: Buffer): number {
  return new Set(pixels).size
}

function save(name: string, png: Buffer): void {
  mkdirSync('artifacts/og', { recursive: true })
  writeFileSync(`artifacts/og/${name}.png`, png)
}

describe('link-preview images', () => {
  it('draws a county on its state map as a 1200×630 PNG of sane size, cached by registry version and date', async () => {
    const t0 = performance.now()
    const res = await app.inject({ url: `/og/jurisdictions/${TRAVIS}.png` })
    const first = performance.now() - t0
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    const png = res.rawPayload
    const { width, height, pixels } = readPng(png)
    expect([width, height]).toEqual([1200, 630])
    expect(png.length).toBeGreaterThan(5_000)
    expect(png.length).toBeLessThan(1_500_000)
    expect(distinctBytes(pixels)).toBeGreaterThan(20)
    save('travis', png)
    const t1 = performance.now()
    const again = await app.inject({ url: `/og/jurisdictions/${encodeURIComponent(TRAVIS)}.png` })
    expect(again.rawPayload.equals(png)).toBe(true)
    expect(performance.now() - t1).toBeLessThan(first)
  })

  it('draws a state, the nation and a comparison', async () => {
    for (const [name, url] of [
      ['california', `/og/jurisdictions/${CA}.png?date=2019-01-01`],
      ['us', '/og/us.png'],
      ['compare', `/og/compare.png?ids=${CA},${TRAVIS}`],
      ['chicago', '/og/jurisdictions/ocd-division/country:us/state:il/place:chicago.png'],
    ] as const) {
      const res = await app.inject({ url })
      expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200)
      const { width, height } = readPng(res.rawPayload)
      expect([width, height], url).toEqual([1200, 630])
      save(name, res.rawPayload)
    }
  }, 60_000)

  it('answers an unknown place or a bad date with a 4xx naming the field, never a 5xx', async () => {
    const unknown = await app.inject({ url: '/og/jurisdictions/ocd-division/country:us/state:zz/county:nowhere.png' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.field).toBe('id')
    const bad = await app.inject({ url: `/og/jurisdictions/${TRAVIS}.png?date=2019-02-30` })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('date')
    const one = await app.inject({ url: `/og/compare.png?ids=${CA}` })
    expect(one.statusCode).toBe(400)
    expect(one.json().error.field).toBe('ids')
    const notPng = await app.inject({ url: `/og/jurisdictions/${TRAVIS}.jpg` })
    expect(notPng.statusCode).toBe(404)
  })
})

describe('Open Graph and Twitter card tags', () => {
  const meta = (html: string, key: string) => new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`).exec(html)?.[1]

  it('gives a jurisdiction page its title, a description from its answers, its canonical URL and its own image', async () => {
    const res = await app.inject({ url: `/jurisdictions/${TRAVIS}` })
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(meta(html, 'og:title')).toBe('Travis County — Sanctuary Atlas')
    expect(meta(html, 'og:url')).toBe(`https://atlas.example.org/jurisdictions/${TRAVIS}`)
    expect(html).toContain(`<link rel="canonical" href="https://atlas.example.org/jurisdictions/${TRAVIS}">`)
    expect(meta(html, 'og:image')).toBe(`https://atlas.example.org/og/jurisdictions/${TRAVIS}.png`)
    expect(meta(html, 'twitter:card')).toBe('summary_large_image')
    expect(meta(html, 'twitter:image')).toBe(meta(html, 'og:image'))
    const description = meta(html, 'og:description')!
    expect(description).toMatch(/^Travis County on 1 June 2025, no criminal record/)
    expect(description).toMatch(/hold past release on the detainer: (prohibited|permitted|required|undetermined); tell ICE the release date: /)
    expect(meta(html, 'description')).toBe(description)
    expect(meta(html, 'og:image:alt')).toMatch(/^Travis County, TX\. Hold past release on the detainer\. /)
    // The image the tag names is served.
    const image = await app.inject({ url: meta(html, 'og:image')!.replace('https://atlas.example.org', '') })
    expect(image.statusCode).toBe(200)
  })

  it('puts the tags on every public page, the nation map as the default image', async () => {
    for (const url of ['/', '/search?q=Cook', '/compare', '/evaluate', '/downloads', '/simulations']) {
      const html = (await app.inject({ url })).body
      for (const key of ['og:title', 'og:description', 'og:url', 'og:image', 'og:image:alt', 'twitter:card', 'twitter:title', 'twitter:description', 'twitter:image']) expect(meta(html, key), `${url} ${key}`).toBeTruthy()
      expect(meta(html, 'og:image'), url).toBe('https://atlas.example.org/og/us.png')
    }
  })

  it('gives a comparison its own image, canonical URL and a description from its answers', async () => {
    const html = (await app.inject({ url: `/compare?ids=${CA},${TRAVIS}&date=2019-01-01` })).body
    expect(meta(html, 'og:image')).toBe(`https://atlas.example.org/og/compare.png?ids=${encodeURIComponent(`${CA},${TRAVIS}`)}&amp;date=2019-01-01`)
    expect(meta(html, 'og:description')).toMatch(/1 January 2019: California (prohibited|permitted|required|undetermined); Travis County, TX (prohibited|permitted|required|undetermined)\./)
  })

  it('escapes what a visitor typed', async () => {
    const html = (await app.inject({ url: '/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E' })).body
    expect(meta(html, 'og:title')).toBe('Search: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; — Sanctuary Atlas')
    expect(meta(html, 'og:url')).toBe('https://atlas.example.org/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E')
    expect(html).not.toContain('"><script>alert(1)')
  })

  it('takes the origin from the Host header when none is configured, refusing a host that is not a plain name', async () => {
    const engine = createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' })
    const local = Fastify()
    await local.register(pagesPlugin, { service: createAnswersService(engine, await sharedUsAtlas()), webDir: '/nonexistent-web-dir', today: () => '2025-06-01' })
    await local.ready()
    try {
      const ok = (await local.inject({ url: '/downloads', headers: { host: 'atlas.test:8080' } })).body
      expect(meta(ok, 'og:url')).toBe('http://atlas.test:8080/downloads')
      const bad = (await local.inject({ url: '/downloads', headers: { host: 'evil"><x' } })).body
      expect(meta(bad, 'og:url')).toBe('http://127.0.0.1/downloads')
    } finally {
      await local.close()
    }
  }, 60_000)
})
