import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { JSDOM } from 'jsdom'
import { publicTextProblems } from '../../core/registry/index.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../fs/index.ts'
import { sharedUsAtlas } from '../fs/atlas.ts'
import { createAnswersService } from './answers-service.ts'
import { addResponseHeaders } from './headers.ts'
import { defaultReportsDir, pagesPlugin } from './pages.ts'

const FIXTURE = fileURLToPath(new URL('../../simulator/report/fixtures/small-report.json', import.meta.url))
const committed = readdirSync(defaultReportsDir())
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort()

let app: FastifyInstance
let other: FastifyInstance
let dir: string

beforeAll(async () => {
  const engine = createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' })
  const service = createAnswersService(engine, await sharedUsAtlas())
  const webDir = mkdtempSync(join(tmpdir(), 'atlas-web-none-'))
  // the committed reports/ folder
  app = Fastify()
  addResponseHeaders(app)
  await app.register(pagesPlugin, { service, webDir, today: () => '2025-06-01' })
  await app.ready()
  // a folder of our own: the fixture (whose names hold markup), a file that is not a report, a stray file
  dir = mkdtempSync(join(tmpdir(), 'atlas-reports-'))
  copyFileSync(FIXTURE, join(dir, 'fixture.json'))
  writeFileSync(join(dir, 'broken.json'), '{"kind":"simulation-report"}')
  writeFileSync(join(dir, 'notes.txt'), 'not a report')
  mkdirSync(join(dir, 'folder.json'))
  other = Fastify()
  addResponseHeaders(other)
  await other.register(pagesPlugin, { service, webDir, today: () => '2025-06-01', reportsDir: dir })
  await other.ready()
})

afterAll(async () => {
  await app?.close()
  await other?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const parse = (html: string) => new JSDOM(html).window.document

describe('simulation pages on the committed reports/', () => {
  it('has at least one published report', () => {
    expect(committed.length).toBeGreaterThan(0)
  })

  it('lists every committed report with its scenarios and record counts', async () => {
    const res = await app.inject({ url: '/simulations' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    const doc = parse(res.body)
    expect(doc.querySelector('h1')?.textContent).toBe('Simulations')
    expect(doc.querySelector('nav[aria-label="Main"] a[aria-current="page"]')?.textContent).toBe('Simulations')
    for (const name of committed) {
      const report = JSON.parse(readFileSync(join(defaultReportsDir(), `${name}.json`), 'utf8'))
      const card = doc.querySelector(`a[href="/simulations/${name}"]`)?.closest('section')
      expect(card, name).toBeTruthy()
      const text = card!.textContent ?? ''
      if (report.totals.records !== null) expect(text).toContain(report.totals.records.toLocaleString('en-US'))
      expect(card!.querySelectorAll('tbody tr')).toHaveLength(report.scenarios.length)
      // Counts and shares agree: a source with records not placed never reads "100.0% placed".
      for (const l of report.linking) {
        if (l.unlinked > 0) {
          expect(text).toContain(`${l.linked.toLocaleString('en-US')} placed in a county`)
          expect(text).toContain(`${l.unlinked.toLocaleString('en-US')} not placed`)
          expect(text).not.toContain(`${l.linked.toLocaleString('en-US')} placed in a county (100.0%)`)
        }
      }
      // Each range is read out in plain words.
      expect(text).toContain('In plain words.')
      for (const id of Object.keys(report.totals.byScenario)) {
        const t = report.totals.byScenario[id]
        if (t.held.lower !== t.held.upper) expect(text).toContain(`at least ${t.held.lower.toLocaleString('en-US')}`)
        if (t.undetermined > 0) expect(text).toContain(`For ${t.undetermined.toLocaleString('en-US')} records`)
      }
    }
    expect(res.body).not.toMatch(/<script/)
  })

  it('prints no temporary file path, repository path or internal tool on the simulation pages', async () => {
    const pages = ['/simulations', ...committed.flatMap((name) => [`/simulations/${name}`, `/simulations/${name}/report.html`])]
    for (const url of pages) {
      const doc = parse((await app.inject({ url })).body)
      doc.querySelectorAll('script, style').forEach((n) => n.remove())
      const prose = (doc.body.textContent ?? '').replace(/https?:\/\/\S+/g, ' ')
      expect(prose, url).not.toMatch(/\/tmp\//)
      expect(publicTextProblems(prose, new Set()).filter((p) => !/\.parquet"\)$/.test(p)), url).toEqual([])
    }
  })

  it('shows each report with its charts as SVG, and no script', async () => {
    for (const name of committed) {
      const res = await app.inject({ url: `/simulations/${name}` })
      expect(res.statusCode, name).toBe(200)
      const doc = parse(res.body)
      expect(doc.querySelectorAll('h1')).toHaveLength(1)
      expect(doc.querySelectorAll('.sim-report svg').length, name).toBeGreaterThan(2)
      expect(doc.querySelector('#summary')).toBeTruthy()
      expect(res.body).toContain('withheld')
      expect(doc.querySelectorAll('script')).toHaveLength(0)
      // every contents link points at a section on the page
      const links = [...doc.querySelectorAll('nav[aria-label="Report sections"] a')].map((a) => a.getAttribute('href')!.slice(1))
      expect(links.length).toBeGreaterThan(3)
      const labels = [...doc.querySelectorAll('nav[aria-label="Report sections"] a')].map((a) => a.textContent)
      expect(labels).toEqual(expect.arrayContaining(['Summary', 'How this was calculated', 'Inputs']))
      for (const id of links) expect(doc.getElementById(id), id).toBeTruthy()

      const standalone = await app.inject({ url: `/simulations/${name}/report.html` })
      expect(standalone.statusCode).toBe(200)
      expect(standalone.body).toMatch(/^<!doctype html>/)
      expect(standalone.body).toContain('<svg')
      const json = await app.inject({ url: `/simulations/${name}/report.json` })
      expect(json.statusCode).toBe(200)
      expect(json.json()).toEqual(JSON.parse(readFileSync(join(defaultReportsDir(), `${name}.json`), 'utf8')))
      const gz = await app.inject({ url: `/simulations/${name}/report.json`, headers: { 'accept-encoding': 'gzip' } })
      expect(gz.headers['content-encoding']).toBe('gzip')
      expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(json.body)
    }
  })

  it('answers an unknown name with a 404 HTML page', async () => {
    for (const url of ['/simulations/no-such-report', '/simulations/no-such-report/report.html']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8')
      expect(res.body, url).toContain('<h1>Not found</h1>')
    }
    expect((await app.inject({ url: '/simulations/no-such-report/report.json' })).statusCode).toBe(404)
  })

  it('never reads outside the folder: names with dots or slashes are not found', async () => {
    for (const url of ['/simulations/..%2Fpackage', '/simulations/..%2F..%2Fpackage', '/simulations/.hidden', '/simulations/a.b', '/simulations/a.b/report.json', '/simulations/..%2Fpackage/report.json', '/simulations/..%2Fpackage/report.html']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(404)
      expect(res.body, url).not.toContain('"devDependencies"')
    }
    // dot segments are resolved by the URL parser before routing: they never reach a report route
    for (const url of ['/simulations/..', '/simulations/%2E%2E', '/simulations/../package.json']) {
      const res = await app.inject({ url })
      expect(res.body, url).not.toContain('"devDependencies"')
      expect(res.body, url).not.toContain('sim-report')
    }
  })
})

describe('simulation pages on another folder (SIMULATION_REPORTS_DIR or reportsDir)', () => {
  it('lists the valid reports and counts the files that are not', async () => {
    const res = await other.inject({ url: '/simulations' })
    expect(res.statusCode).toBe(200)
    const doc = parse(res.body)
    expect(doc.querySelectorAll('section.sim-summary')).toHaveLength(1)
    expect(doc.querySelector('a[href="/simulations/fixture"]')).toBeTruthy()
    expect(res.body).toContain('2 files in the reports folder could not be read')
  })

  it('escapes names from the report: no markup from a report file reaches the page', async () => {
    const res = await other.inject({ url: '/simulations/fixture' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Beta &lt;script&gt;')
    expect(parse(res.body).querySelectorAll('script')).toHaveLength(0)
  })

  it('serves a published file that is not a report as a server error page, not a crash', async () => {
    const res = await other.inject({ url: '/simulations/broken' })
    expect(res.statusCode).toBe(500)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect((await other.inject({ url: '/simulations/folder' })).statusCode).toBe(404)
  })
})
