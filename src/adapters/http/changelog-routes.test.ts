import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changelogOf, type Changelog } from '../../core/changelog/index.ts'
import { createEngine } from '../../core/engine/index.ts'
import { changelogText, defaultChangelogPath, hasHistory, readChangelog, readHistory, repoRoot } from '../changelog/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../fs/index.ts'
import { sharedUsAtlas } from '../fs/atlas.ts'
import { createAnswersService } from './answers-service.ts'
import { addResponseHeaders } from './headers.ts'
import { pagesPlugin } from './pages.ts'

const CA = 'ocd-division/country:us/state:ca'
const LOG: Changelog = {
  kind: 'registry-changelog',
  through: 'c2',
  throughDate: '2026-11-02T10:00:00+00:00',
  entries: [
    { commit: 'c2', date: '2026-11-02T10:00:00+00:00', jurisdiction: CA, name: 'California', change: 'changed', added: [{ id: 'ca-trust', title: 'TRUST Act (AB 4)' }], changed: [], removed: [], other: false, sources: ['https://leginfo.legislature.ca.gov/b'], sourceCount: 1 },
    { commit: 'c1', date: '2026-11-01T10:00:00+00:00', jurisdiction: 'ocd-division/country:us/state:tx', name: 'Texas', change: 'added', added: [], changed: [], removed: [], other: true, sources: [], sourceCount: 0 },
  ],
}
let app: FastifyInstance
let webDir: string

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'atlas-web-'))
  mkdirSync(join(webDir, '.vite'))
  writeFileSync(join(webDir, '.vite', 'manifest.json'), '{}')
  const engine = createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' })
  app = Fastify()
  addResponseHeaders(app)
  await app.register(pagesPlugin, { service: createAnswersService(engine, await sharedUsAtlas()), webDir, today: () => '2025-06-01', changelog: LOG, publicUrl: 'https://atlas.example.org' })
  await app.ready()
})

afterAll(async () => {
  await app?.close()
  rmSync(webDir, { recursive: true, force: true })
})

describe('the change feeds and the Changes section', () => {
  it('serves /changes.atom with every entry', async () => {
    const res = await app.inject({ url: '/changes.atom' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8')
    expect(res.body).toContain('<link rel="self" type="application/atom+xml" href="https://atlas.example.org/changes.atom"/>')
    expect(res.body.match(/<entry>/g)).toHaveLength(2)
  })
  it('serves one jurisdiction\'s feed, empty for a real place without changes, 404 JSON for no place', async () => {
    const ca = await app.inject({ url: `/jurisdictions/${CA}/changes.atom` })
    expect(ca.statusCode).toBe(200)
    expect(ca.body.match(/<entry>/g)).toHaveLength(1)
    expect(ca.body).toContain('<title>California: 1 enactment added</title>')
    const fresno = await app.inject({ url: `/jurisdictions/${CA}/county:fresno/changes.atom` })
    expect(fresno.statusCode).toBe(200)
    expect(fresno.body).not.toContain('<entry>')
    const none = await app.inject({ url: '/jurisdictions/ocd-division/country:us/state:zz/county:nowhere/changes.atom' })
    expect(none.statusCode).toBe(404)
    expect(none.json()).toMatchObject({ error: { code: 'not-found', field: 'id' } })
  })
  it('shows the Changes section on the jurisdiction page, with the feed link and no commit id', async () => {
    const body = (await app.inject({ url: `/jurisdictions/${CA}` })).body
    expect(body).toContain('id="changes-title"')
    expect(body).toContain('Added: TRUST Act (AB 4). 1 source first cited.')
    expect(body).toContain(`href="/jurisdictions/${CA}/changes.atom"`)
    expect(body.replace(/<script type="application\/json" id="page-data">[\s\S]*?<\/script>/, '')).not.toMatch(/\bc2\b/)
  })
})

describe('reading the history with git', () => {
  it('derives the log from a repository: files added, changed and removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-git-'))
    try {
      const g = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { encoding: 'utf8' })
      g('init', '-q')
      mkdirSync(join(dir, 'registry', 'us'), { recursive: true })
      writeFileSync(join(dir, 'registry', 'us', 'state-ca.yaml'), 'id: ocd-division/country:us/state:ca\nname: California\nenactments: []\n')
      g('add', '.')
      g('commit', '-qm', 'one')
      writeFileSync(join(dir, 'registry', 'us', 'state-ca.yaml'), 'id: ocd-division/country:us/state:ca\nname: California\nenactments:\n  - { id: ca-sb54, title: SB 54, sources: [{ url: "https://a.gov/x", quote: q }] }\n')
      writeFileSync(join(dir, 'README.md'), 'not the registry')
      g('add', '.')
      g('commit', '-qm', 'two')
      const history = readHistory(dir)
      expect(history.map((c) => c.files.map((f) => [f.path, f.before === null, f.after === null]))).toEqual([[['us/state-ca.yaml', true, false]], [['us/state-ca.yaml', false, false]]])
      const log = changelogOf(history)
      expect(log.entries.map((e) => [e.change, e.added.map((a) => a.title)])).toEqual([['changed', ['SB 54']], ['added', []]])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
  it('the committed log is what the history gives for the commits it covers', async () => {
    if (!hasHistory(repoRoot())) return
    const committed = await readChangelog(defaultChangelogPath())
    const derived = changelogOf(readHistory(repoRoot(), { until: committed.through }), committed.through)
    expect(changelogText(derived)).toBe(changelogText(committed))
  })
})
