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
let app: FastifyInstance
let registryVersion: string

beforeAll(async () => {
  const engine = createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' })
  registryVersion = engine.registry.version
  app = Fastify()
  addResponseHeaders(app)
  await app.register(pagesPlugin, { service: createAnswersService(engine, await sharedUsAtlas()), webDir: '/nonexistent-web-dir', today: () => '2025-06-01', publicUrl: 'https://atlas.example.org' })
  await app.ready()
}, 60_000)

afterAll(async () => {
  await app?.close()
})

/**
 * Checks the PDF's structure (header, `startxref` pointing at the cross-reference table, a trailer
 * with a root, every object the table lists at its offset) and returns the text drawn on its pages:
 * each content stream inflated, each `TJ` array's hex strings decoded and joined into one line.
 */
function parsePdf(buf: Buffer): { lines: string[]; objects: number } {
  const text = buf.toString('latin1')
  expect(text.startsWith('%PDF-1.')).toBe(true)
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true)
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1])
  expect(text.slice(startxref, startxref + 4)).toBe('xref')
  const table = /^xref\s+0 (\d+)\s+([\s\S]*?)trailer/m.exec(text.slice(startxref))!
  expect(text.slice(startxref)).toMatch(/trailer\s*<<[\s\S]*\/Root \d+ 0 R/)
  const entries = table[2]!.trim().split(/\s*\n/).slice(1)
  for (const [i, e] of entries.entries()) {
    const offset = Number(e.slice(0, 10))
    expect(text.slice(offset, offset + 20), `object ${i + 1}`).toMatch(new RegExp(`^${i + 1} 0 obj`))
  }
  const lines: string[] = []
  for (const m of text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1')
    } catch {
      continue // a font or image stream
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\] TJ/g)) {
      lines.push([...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''))
    }
  }
  return { lines, objects: entries.length }
}

describe('jurisdiction pages as PDF (?format=pdf)', () => {
  it('gives a parseable PDF with the name, the answers, quotes with their URLs, the page URL and the registry version', async () => {
    const res = await app.inject({ url: `/jurisdictions/${TRAVIS}?format=pdf&date=2017-03-01` })
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toBe('inline; filename="travis-county-2017-03-01.pdf"')
    const { lines, objects } = parsePdf(res.rawPayload)
    expect(objects).toBeGreaterThan(5)
    const all = lines.join('\n')
    // Long lines wrap (a URL may break anywhere): compare without whitespace.
    const compact = lines.join('').replace(/\s+/g, '')
    const has = (text: string) => expect(compact).toContain(text.replace(/\s+/g, ''))
    expect(lines[0]).toBe('Travis County')
    expect(all).toContain('What the law says on 1 March 2017')
    expect(all).toContain('Hold past release on the detainer')
    has(`https://atlas.example.org/jurisdictions/${TRAVIS}?date=2017-03-01`)
    has(`Registry version ${registryVersion.slice(0, 12)}`)
    // The sheriff's 2017 policy, in force on the day, with a quote and its source URL.
    expect(all).toContain('Travis County Sheriff')
    has('http://www.fox7austin.com/news/local-news/travis-county-denies-most-number-of-detainers-in-us')
    has('Date Created:January 31, 2017')
    // Maintainers' notes never reach a public export.
    expect(compact).not.toContain('searchtool')
    expect(compact).not.toContain('tcso-2017')
  })

  it('answers a bad format or an unknown place with a 4xx page', async () => {
    expect((await app.inject({ url: `/jurisdictions/${TRAVIS}?format=docx` })).statusCode).toBe(400)
    expect((await app.inject({ url: '/jurisdictions/ocd-division/country:us/state:zz/county:nowhere?format=pdf' })).statusCode).toBe(404)
    expect((await app.inject({ url: `/jurisdictions/${TRAVIS}?format=pdf&date=2017-02-30` })).statusCode).toBe(400)
  })

  it('gives a comparison as a PDF with the answers of each jurisdiction, the provisions with their URLs and the page URL', async () => {
    const CA = 'ocd-division/country:us/state:ca'
    const res = await app.inject({ url: `/compare?ids=${CA},${TRAVIS}&date=2019-06-01&format=pdf` })
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toBe('inline; filename="compare-california-travis-county-tx-2019-06-01.pdf"')
    const { lines } = parsePdf(res.rawPayload)
    const compact = lines.join('').replace(/\s+/g, '')
    expect(lines[0]).toBe('Compare California, Travis County, TX')
    for (const text of [`https://atlas.example.org/compare?ids=${encodeURIComponent(`${CA},${TRAVIS}`)}&date=2019-06-01`, `Registry version ${registryVersion.slice(0, 12)}`, 'California: Prohibited', 'Travis County, TX: Required', 'California Values Act']) {
      expect(compact).toContain(text.replace(/\s+/g, ''))
    }
    // Quotes end with their source URL, and the sources are listed: many lines carry an address beside the page's own.
    expect(lines.filter((l) => /https?:\/\/(?!atlas\.example\.org)/.test(l)).length).toBeGreaterThan(3)
    expect((await app.inject({ url: `/compare?ids=${CA}&format=pdf` })).statusCode).toBe(400)
    expect((await app.inject({ url: `/compare?ids=${CA},${TRAVIS}&format=odt` })).statusCode).toBe(400)
  })
})
