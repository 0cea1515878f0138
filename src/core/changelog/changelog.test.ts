import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { atomFeed, changelogOf, changesFor, changeWords, deriveChanges, type HistoryCommit } from './index.ts'

const CA_V1 = `id: ocd-division/country:us/state:ca
name: California
level: state
enactments:
  - id: ca-sb54
    title: California Values Act (SB 54)
    sources: [{ url: https://leginfo.legislature.ca.gov/a, quote: q }]
    maintainerNote: found somewhere
`
const CA_V2 = CA_V1.replace('maintainerNote: found somewhere', 'maintainerNote: found elsewhere')
const CA_V3 = `${CA_V2}  - id: ca-trust
    title: TRUST Act (AB 4)
    sources: [{ url: https://leginfo.legislature.ca.gov/b, quote: q }]
`
const GENERATED = `# generated\n${JSON.stringify({ id: 'ocd-division/country:us/state:ca', name: 'California', generated: true, enactments: [{ id: 'ca-287g-x-tfm', title: '287(g) agreement of X (Task Force Model)', sources: [{ url: 'https://www.ice.gov/identify-and-arrest/287g', quote: 'row' }] }] })}\n`

const history: HistoryCommit[] = [
  { commit: 'c1', date: '2026-11-01T10:00:00+00:00', files: [{ path: 'us/state-ca.yaml', before: null, after: CA_V1 }, { path: 'us/state-ca.cases.yaml', before: null, after: 'cases: []' }] },
  { commit: 'c2', date: '2026-11-02T10:00:00+00:00', files: [{ path: 'us/state-ca.yaml', before: CA_V1, after: CA_V2 }] },
  { commit: 'c3', date: '2026-11-03T10:00:00+00:00', files: [{ path: 'us/state-ca.yaml', before: CA_V2, after: CA_V3 }, { path: 'us/state-ca.287g.yaml', before: null, after: GENERATED }, { path: 'federal/lists.yaml', before: null, after: 'x: 1' }] },
  { commit: 'c4', date: '2026-11-04T10:00:00+00:00', files: [{ path: 'us/state-ca.287g.yaml', before: GENERATED, after: null }] },
]

describe('the change log', () => {
  it('one entry per commit and jurisdiction, newest first; a maintainer-note edit is no public change', () => {
    const entries = deriveChanges(history)
    expect(entries.map((e) => e.commit)).toEqual(['c4', 'c3', 'c1'])
    const [c4, c3, c1] = entries
    expect(c1).toMatchObject({ change: 'added', added: [{ id: 'ca-sb54', title: 'California Values Act (SB 54)' }], sources: ['https://leginfo.legislature.ca.gov/a'], sourceCount: 1 })
    expect(c3).toMatchObject({ change: 'changed', added: [{ id: 'ca-287g-x-tfm' }, { id: 'ca-trust' }], changed: [], removed: [] })
    expect(c3!.sources).toEqual(['https://leginfo.legislature.ca.gov/b', 'https://www.ice.gov/identify-and-arrest/287g'])
    expect(c4).toMatchObject({ removed: [{ id: 'ca-287g-x-tfm' }] })
    expect(changeWords(c1!)).toBe('First in the registry. Added: California Values Act (SB 54). 1 source first cited.')
  })
  it('keeps the newest commit it covers, and filters by jurisdiction', () => {
    const log = changelogOf(history)
    expect(log).toMatchObject({ kind: 'registry-changelog', through: 'c4', throughDate: '2026-11-04T10:00:00+00:00' })
    expect(changesFor(log, 'ocd-division/country:us/state:ca')).toHaveLength(3)
    expect(changesFor(log, 'ocd-division/country:us/state:tx')).toEqual([])
  })
  it('is a valid Atom feed: ids, titles, updated, author, links; text escaped', () => {
    const entries = deriveChanges(history)
    const xml = atomFeed(entries, { origin: 'https://atlas.example.org', self: '/changes.atom', alternate: '/', title: 'Changes & more', key: 'changes', fallbackUpdated: '2026-11-04T10:00:00Z' })
    const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document
    const ns = 'http://www.w3.org/2005/Atom'
    const feed = doc.documentElement
    expect(feed.namespaceURI).toBe(ns)
    expect(feed.querySelector(':scope > id')!.textContent).toBe('tag:sanctuary-atlas.example,2026:changes')
    expect(feed.querySelector(':scope > title')!.textContent).toBe('Changes & more')
    expect(feed.querySelector(':scope > updated')!.textContent).toBe('2026-11-04T10:00:00Z')
    expect(feed.querySelector(':scope > author > name')!.textContent).toBe('Sanctuary Atlas')
    expect(feed.querySelector(':scope > link[rel=self]')!.getAttribute('href')).toBe('https://atlas.example.org/changes.atom')
    const items = [...feed.querySelectorAll(':scope > entry')]
    expect(items).toHaveLength(3)
    const ids = items.map((e) => e.querySelector('id')!.textContent)
    expect(new Set(ids).size).toBe(3)
    for (const e of items) {
      expect(e.querySelector('title')!.textContent).toMatch(/^California: /)
      expect(e.querySelector('updated')!.textContent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      expect(e.querySelector('link[rel=alternate]')!.getAttribute('href')).toBe('https://atlas.example.org/jurisdictions/ocd-division/country:us/state:ca')
      expect(e.querySelector('summary')!.textContent!.length).toBeGreaterThan(5)
    }
    expect(atomFeed([], { origin: 'https://x.org', self: '/a.atom', alternate: '/', title: 't', key: 'k', fallbackUpdated: '2026-11-04T10:00:00+00:00' })).toContain('<updated>2026-11-04T10:00:00Z</updated>')
  })
})
