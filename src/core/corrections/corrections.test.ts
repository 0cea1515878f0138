import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { lastVerified, parseSourceUrl, parseSubmission, publicCorrection, sourcePatch, type Correction } from './index.ts'

const registry = fixtureRegistry()
const provision = [...registry.provisions.values()][0]!
const ok = { provision: provision.id, topic: 'dates', what: 'The act took effect a year later than shown.', source: 'https://example.gov/act' }

describe('parseSubmission', () => {
  it('takes a suggestion on a provision and fills in its jurisdiction and enactment', () => {
    expect(parseSubmission(registry, { ...ok, email: ' Ana@Example.org ' })).toMatchObject({ kind: 'correction-submission', provision: provision.id, jurisdiction: provision.jurisdictionId, enactment: provision.enactmentId, topic: 'dates', email: 'ana@example.org' })
    expect(parseSubmission(registry, { ...ok, topic: '' }).topic).toBe('other')
  })
  it('refuses, naming the field: an unknown provision, short or long text, links, bad URLs and emails, a filled honeypot', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, provision: 'nope' }, 'provision'],
      [{ ...ok, what: 'short' }, 'what'],
      [{ ...ok, what: 'x'.repeat(2001) }, 'what'],
      [{ ...ok, what: 'see https://a.example https://b.example https://c.example https://d.example' }, 'what'],
      [{ ...ok, source: 'javascript:alert(1)' }, 'source'],
      [{ ...ok, source: 'http://127.0.0.1/x' }, 'source'],
      [{ ...ok, source: 'http://localhost/x' }, 'source'],
      [{ ...ok, source: 'https://user:pw@example.gov/' }, 'source'],
      [{ ...ok, source: 'not a url' }, 'source'],
      [{ ...ok, email: 'nope' }, 'email'],
      [{ ...ok, topic: 'weather' }, 'topic'],
      [{ ...ok, website: 'http://spam.example' }, 'website'],
    ]
    for (const [input, field] of cases) expect(() => parseSubmission(registry, input), field).toThrow(expect.objectContaining({ location: expect.objectContaining({ field }) }))
  })
  it('normalises a good URL', () => {
    expect(parseSourceUrl(' https://Example.gov/a b ', 'source')).toBe('https://example.gov/a%20b')
  })
})

describe('publicCorrection', () => {
  it('drops the email and masks addresses typed into the text', () => {
    const stored: Correction = { kind: 'correction', id: 1, jurisdiction: 'j', enactment: 'e', provision: 'p', topic: 'other', what: 'Wrong; write to ana@example.org', source: 'https://example.gov/', email: 'ana@example.org', status: 'pending', submittedAt: '2026-12-07T06:00:00.000Z', decidedAt: null, reason: null, quote: null, patch: null }
    const view = publicCorrection(stored)
    expect(JSON.stringify(view)).not.toContain('ana@example.org')
    expect(view.what).toBe('Wrong; write to [email removed]')
    expect(view.submittedOn).toBe('2026-12-07')
  })
})

const FILE = `id: ocd-division/country:us/state:zz
enactments:
  - id: zz-act
    sources:
      - url: https://example.gov/act
        quote: The act.
    provisions:
      - id: zz-act-hold
        sources:
          - url: https://example.gov/act#1
            quote: >-
              No hold.
          - url: https://example.gov/act#2
            quote: Really no hold.
        confidence: high
      - id: zz-act-notify
        sources:
          - url: https://example.gov/act#3
            quote: No notice.
`

describe('sourcePatch', () => {
  it('inserts the source at the end of the provision’s list as a unified diff, and nothing else changes', () => {
    const patch = sourcePatch(FILE, 'registry/us/state-zz.yaml', ['enactments', 0, 'provisions', 0], { url: 'https://example.gov/new', quote: 'Holds: "none": ever.', reliability: 'primary', maintainerNote: 'From suggested correction 1.' })
    expect(patch.diff).toBe(
      [
        '--- a/registry/us/state-zz.yaml',
        '+++ b/registry/us/state-zz.yaml',
        '@@ -12,6 +12,10 @@',
        '               No hold.',
        '           - url: https://example.gov/act#2',
        '             quote: Really no hold.',
        '+          - url: https://example.gov/new',
        `+            quote: 'Holds: "none": ever.'`,
        '+            reliability: primary',
        '+            maintainerNote: From suggested correction 1.',
        '         confidence: high',
        '       - id: zz-act-notify',
        '         sources:',
        '',
      ].join('\n'),
    )
    expect(patch.snippet).toBe(`- url: https://example.gov/new\n  quote: 'Holds: "none": ever.'\n  reliability: primary\n  maintainerNote: From suggested correction 1.\n`)
    // Applying the hunk gives a file whose provision has the third source.
    const lines = FILE.split('\n')
    lines.splice(14, 0, ...patch.diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1)))
    const doc = parseDocument(lines.join('\n')).toJS() as { enactments: { provisions: { sources: { url: string; quote: string }[] }[] }[] }
    expect(doc.enactments[0]!.provisions[0]!.sources.map((s) => s.url)).toEqual(['https://example.gov/act#1', 'https://example.gov/act#2', 'https://example.gov/new'])
    expect(doc.enactments[0]!.provisions[0]!.sources[2]!.quote).toBe('Holds: "none": ever.')
    expect(doc.enactments[0]!.provisions[1]!.sources).toHaveLength(1)
  })
  it('works on the last provision of the file, and refuses a URL already cited', () => {
    const patch = sourcePatch(FILE, 'f.yaml', ['enactments', 0, 'provisions', 1], { url: 'https://example.gov/x', quote: 'Notice.', maintainerNote: 'n' })
    expect(patch.diff).toContain('+          - url: https://example.gov/x')
    expect(() => sourcePatch(FILE, 'f.yaml', ['enactments', 0, 'provisions', 1], { url: 'https://example.gov/act#3', quote: 'x', maintainerNote: 'n' })).toThrow(expect.objectContaining({ code: 'conflict' }))
    expect(() => sourcePatch(FILE, 'f.yaml', ['enactments', 0, 'provisions', 5], { url: 'https://example.gov/y', quote: 'x', maintainerNote: 'n' })).toThrow(expect.objectContaining({ code: 'invalid-input' }))
  })
})

describe('lastVerified', () => {
  const file = { ...[...registry.jurisdictions.values()][0]!, searches: [{ on: '2026-12-07', actions: ['detainer-hold' as const], searched: 'the code', found: 'nothing', sources: [] }] }
  it('takes the latest dated record: research for the file, reviews for the file and for their provision', () => {
    expect(lastVerified(file, [])).toMatchObject({ kind: 'verified', on: '2026-12-07', by: 'research' })
    expect(lastVerified(file, [{ provision: 'p1', decidedOn: '2026-12-09' }])).toMatchObject({ on: '2026-12-09', by: 'correction-review' })
    expect(lastVerified(file, [{ provision: 'p1', decidedOn: '2026-12-09' }], 'p2')).toEqual({ kind: 'not-recorded' })
    expect(lastVerified({ ...file, searches: [] }, [])).toEqual({ kind: 'not-recorded' })
  })
})
