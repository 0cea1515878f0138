import { describe, expect, it } from 'vitest'
import { fixtureFiles } from '../../testing/fixture-registry.ts'
import { buildRegistry, countRegistry, enactmentView, formatDiagnostic, jurisdictionView, publicTextProblems } from './index.ts'

/** Builds the fixture registry with one file's text transformed, and returns the error lines. */
function errorsWith(path: string, edit: (text: string) => string, extra: { path: string; text: string }[] = []): string[] {
  const files = fixtureFiles().map((f) => (f.path === path ? { ...f, text: edit(f.text) } : f))
  const { registry, diagnostics } = buildRegistry([...files, ...extra])
  const errors = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
  if (errors.length) expect(registry).toBeUndefined()
  return errors
}

describe('registry checks', () => {
  it('accepts the fixture registry and counts it', () => {
    const { registry, diagnostics } = buildRegistry(fixtureFiles())
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(countRegistry(registry!)).toEqual({ jurisdictions: 6, enactments: 8, provisions: 11, sources: 25, offenseClasses: 1 })
  })

  it('reports malformed YAML with its line and column', () => {
    expect(errorsWith('us/state-zz.yaml', (t) => t.replace('level: state', 'level: [state'))).toEqual([
      expect.stringMatching(/^us\/state-zz\.yaml:\d+:\d+: error: malformed YAML/),
    ])
  })

  it('requires a "when" on a limit, even when it has an "unless"', () => {
    const errors = errorsWith('us/state-zz.yaml', (t) => t.replace('        when: { conviction: { class: zz-serious } }', '        unless: { conviction: { class: zz-serious } }'))
    expect(errors).toEqual([expect.stringMatching(/^us\/state-zz\.yaml:20:\d+: error: enactments\[0\]\.provisions\[0\]\.effect: "limit" needs a "when" condition/)])
  })

  it('names an unknown field and where it is', () => {
    const errors = errorsWith('us/state-zz.yaml', (t) => t.replace('    citation: Z Code 1', '    citation: Z Code 1\n    signedBy: Governor'))
    expect(errors).toEqual(['us/state-zz.yaml:8:5: error: enactments[0]: unknown field "signedBy"'])
  })

  it('rejects a date that is not a calendar day', () => {
    const errors = errorsWith('us/state-zz.yaml', (t) => t.replace('effective: 2014-01-01', 'effective: 2014-02-30'))
    expect(errors).toEqual(['us/state-zz.yaml:13:16: error: enactments[0].effective: "2014-02-30" is not a real calendar date'])
  })

  it('rejects a date in the wrong format', () => {
    const errors = errorsWith('us/state-zz.yaml', (t) => t.replace('effective: 2014-01-01', 'effective: Jan 1 2014'))
    expect(errors[0]).toMatch(/^us\/state-zz\.yaml:13:16: error: enactments\[0\]\.effective: must be a date YYYY-MM-DD/)
  })

  it('rejects an end before the start', () => {
    const errors = errorsWith('us/state-zz.yaml', (t) => t.replace('ends: 2018-01-01', 'ends: 2013-01-01'))
    expect(errors).toEqual(['us/state-zz.yaml:14:11: error: enactments[0].ends: ends 2013-01-01 is not after effective 2014-01-01 (intervals are [effective, ends))'])
  })

  it('reports a dangling reference', () => {
    const errors = errorsWith('us/state-zz.yaml', (t) => t.replace('supersedes: [zz-limit-2014]', 'supersedes: [zz-nothing]'))
    expect(errors).toEqual([expect.stringMatching(/^us\/state-zz\.yaml:\d+:\d+: error: enactments\[1\]\.supersedes\[0\]: no enactment with id "zz-nothing"$/)])
  })

  it('reports an unknown offense class', () => {
    const errors = errorsWith('us/state-zz.yaml', (t) => t.replace('class: zz-serious', 'class: zz-grave'))
    expect(errors[0]).toMatch(/when\.conviction\.class: no offense class "zz-grave"/)
  })

  it('requires a source with a quote for every fact', () => {
    const errors = errorsWith('us/state-zz/county-alpha.yaml', (t) => t.replace("sources: [{ url: https://example.org/alpha, quote: the jail will not honor detainers }]\n    provisions", 'sources: []\n    provisions'))
    expect(errors).toEqual([expect.stringMatching(/^us\/state-zz\/county-alpha\.yaml:\d+:\d+: error: enactments\[0\]\.sources: must not have fewer than 1 items?/)])
    const noQuote = errorsWith('us/state-yy.yaml', (t) => t.replace('{ url: https://example.org/y4, quote: shall provide release dates }', '{ url: https://example.org/y4 }'))
    expect(noQuote[0]).toMatch(/provisions\[1\]\.sources\[0\]: missing required field "quote"/)
  })

  it('rejects duplicate ids across files', () => {
    const errors = errorsWith('us/state-yy.yaml', (t) => t.replace('id: yy-injunction', 'id: zz-limit-2014').replace('by: yy-injunction', 'by: zz-limit-2014'))
    expect(errors).toEqual(['us/state-zz.yaml:8:9: error: enactments[0].id: duplicate id "zz-limit-2014" (enactment); first used in us/state-yy.yaml (enactments[1])'])
  })

  it('requires the file path to mirror the OCD ID', () => {
    const errors = errorsWith('us/state-zz/county-alpha.yaml', (t) => t.replace('county:alpha', 'county:alfa'))
    expect(errors).toEqual(['us/state-zz/county-alpha.yaml:1:5: error: id: file path must mirror the OCD ID: expected us/state-zz/county-alfa.yaml'])
  })

  it('rejects a malformed OCD ID and a level that does not match it', () => {
    expect(errorsWith('us/state-zz.yaml', (t) => t.replace('id: ocd-division/country:us/state:zz', 'id: ocd-division/country:us/state:zzz'))[0]).toMatch(/^us\/state-zz\.yaml:1:5: error: id: must match pattern/)
    expect(errorsWith('us/state-zz/county-alpha.yaml', (t) => t.replace('level: county', 'level: place'))).toContain(
      'us/state-zz/county-alpha.yaml:3:8: error: level: level "place" does not match the OCD ID, which is a county',
    )
  })

  it('checks GEOIDs: digits for the level and the state prefix', () => {
    expect(errorsWith('us/state-zz/county-alpha.yaml', (t) => t.replace("code: '97001'", "code: '9700'"))[0]).toMatch(/geoid\.code: must match pattern/)
    expect(errorsWith('us/state-zz/county-alpha.yaml', (t) => t.replace("code: '97001'", "code: '12001'"))).toEqual([
      "us/state-zz/county-alpha.yaml:5:16: error: geoid.code: GEOID 12001 does not start with the state's GEOID 97",
    ])
    expect(errorsWith('us/state-zz/county-alpha.yaml', (t) => t.replace("code: '97001'", "code: '97'"))[0]).toMatch(/geoid\.code: a county GEOID has 5 digits, not 2/)
  })

  it('rejects a jail county outside the place’s state', () => {
    const errors = errorsWith('us/state-zz/place-delta.yaml', (t) => t.replace('jailCounty: ocd-division/country:us/state:zz/county:alpha', 'jailCounty: ocd-division/country:us/state:yy/county:beta'))
    expect(errors[0]).toMatch(/jailCounty: ".*state:yy\/county:beta" must be a county in the same state/)
  })

  it('rejects periods that contradict each other with no recorded reason', () => {
    const errors = errorsWith('us/state-yy/county-beta.yaml', (t) =>
      t.replace(
        'enactments:',
        `enactments:
  - id: beta-order
    title: Beta order
    kind: executive-order
    citation: EO 1
    enacted: 2017-03-01
    effective: 2017-03-01
    confidence: low
    sources: [{ url: https://example.org/b2, quote: notices shall be given }]
    provisions:
      - id: beta-order-notify
        action: release-notification
        effect: require
        summary: Release notices are required.
        confidence: low
        sources: [{ url: https://example.org/b2, quote: notices shall be given }]`,
      ),
    )
    expect(errors).toEqual([expect.stringMatching(/county-beta\.yaml:\d+:\d+: error: enactments\[1\]\.provisions\[1\]: contradicts beta-order-notify/)])
  })

  describe('dated searches that found no law', () => {
    const search = `searches:
  - on: 2026-12-07
    actions: [detainer-hold, release-notification]
    searched: the state code and session laws 2008-2026 for "detainer" and "immigration"
    found: no statute on detainer holds or release notices
    sources: [{ url: https://example.org/code-index, quote: Title 19 Criminal Procedure }]
enactments:`

    it('builds into the jurisdiction and its public view', () => {
      const files = fixtureFiles().map((f) => (f.path === 'us/state-zz.yaml' ? { ...f, text: f.text.replace('enactments:', search) } : f))
      const { registry, diagnostics } = buildRegistry(files)
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      const view = jurisdictionView(registry!.jurisdictions.get('ocd-division/country:us/state:zz')!)
      expect(view.searches).toEqual([
        {
          on: '2026-12-07',
          actions: ['detainer-hold', 'release-notification'],
          searched: 'the state code and session laws 2008-2026 for "detainer" and "immigration"',
          found: 'no statute on detainer holds or release notices',
          sources: [{ url: 'https://example.org/code-index', quote: 'Title 19 Criminal Procedure' }],
        },
      ])
    })

    it('names the field of a search without a full date, or with an unknown action', () => {
      expect(errorsWith('us/state-zz.yaml', (t) => t.replace('enactments:', search.replace('on: 2026-12-07', 'on: 2026-12')))).toEqual([
        expect.stringMatching(/^us\/state-zz\.yaml:\d+:\d+: error: searches\[0\]\.on/),
      ])
      expect(errorsWith('us/state-zz.yaml', (t) => t.replace('enactments:', search.replace('[detainer-hold, release-notification]', '[detainer-holds]')))).toEqual([
        expect.stringMatching(/^us\/state-zz\.yaml:\d+:\d+: error: searches\[0\]\.actions\[0\]/),
      ])
    })

    it('holds its text to the public-text rule', () => {
      const errors = errorsWith('us/state-zz.yaml', (t) => t.replace('enactments:', search.replace('found: no statute', 'found: with the search tool, no statute')))
      expect(errors).toEqual([expect.stringMatching(/^us\/state-zz\.yaml:\d+:\d+: error: searches\[0\]\.found: public text names an internal tool/)])
    })
  })

  describe('public text', () => {
    it('fails on a source note that says it was found with the search tool, naming file and line', () => {
      const errors = errorsWith('us/state-zz.yaml', (t) =>
        t.replace(
          "    sources: [{ url: https://example.org/z1, quote: may hold only if convicted of a serious felony }]\n    provisions:",
          "    sources: [{ url: https://example.org/z1, quote: may hold only if convicted of a serious felony, note: found with the search tool }]\n    provisions:",
        ),
      )
      expect(errors).toEqual([
        'us/state-zz.yaml:16:107: error: enactments[0].sources[0].note: public text names an internal tool or document ("search tool"); put notes for maintainers in maintainerNote',
      ])
    })

    it('fails on file paths, internal documents and registry ids in prose, wherever it is', () => {
      const errors = errorsWith('us/state-zz.yaml', (t) =>
        t
          .replace('summary: A hold is permitted only for a person convicted of a serious felony.', 'summary: Read from /tmp/notes.txt, as the project brief says.')
          .replace('title: Z Values Act', 'title: Z Values Act (replaces zz-limit-2014; see registry/us/state-yy.yaml)'),
      )
      expect(errors).toEqual([
        expect.stringMatching(/^us\/state-zz\.yaml:21:\d+: error: enactments\[0\]\.provisions\[0\]\.summary: public text names an internal tool or document \("project brief"\)/),
        expect.stringMatching(/^us\/state-zz\.yaml:21:\d+: error: enactments\[0\]\.provisions\[0\]\.summary: public text names a file path \("\/tmp\/"\)/),
        expect.stringMatching(/^us\/state-zz\.yaml:26:\d+: error: enactments\[1\]\.title: public text names a file path \("registry\/"\)/),
        expect.stringMatching(/^us\/state-zz\.yaml:26:\d+: error: enactments\[1\]\.title: public text names the registry id "zz-limit-2014"/),
      ])
    })

    it('reads ids and links as what they are, not as prose', () => {
      expect(publicTextProblems('The decision of 2019-06-04 (about 287(g)) in Cal. Gov. Code § 7284.6; see the county’s page.', new Set(['zz-limit-2014']))).toEqual([])
      expect(publicTextProblems('Fetched from the research file.', new Set())).toEqual(['names an internal tool or document ("Fetched")'])
      expect(publicTextProblems('see offense-classes/pa.yaml', new Set())).toEqual(['names a file path ("pa.yaml")'])
    })

    it('keeps maintainers’ notes out of the model, so no page or API view can show them', () => {
      const note = 'Found with the search tool; see registry/us/state-yy.yaml'
      const files = fixtureFiles().map((f) =>
        f.path === 'us/state-zz.yaml'
          ? {
              ...f,
              text: f.text
                .replace('confidence: high\nenactments:', `confidence: high\nmaintainerNote: '${note}'\nenactments:`)
                .replace('    sources: [{ url: https://example.org/z1, quote: may hold only if convicted of a serious felony }]\n    provisions:', `    sources: [{ url: https://example.org/z1, quote: may hold only if convicted of a serious felony, maintainerNote: '${note}' }]\n    maintainerNote: [one, two]\n    provisions:`)
                .replace('        when: { conviction: { class: zz-serious } }', `        when: { conviction: { class: zz-serious } }\n        maintainerNote: '${note}'`),
            }
          : f,
      )
      const { registry, diagnostics } = buildRegistry(files)
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      const j = registry!.jurisdictions.get('ocd-division/country:us/state:zz')!
      const views = JSON.stringify([jurisdictionView(j), j.enactments.map(enactmentView)])
      expect(views).not.toContain('maintainerNote')
      expect(views).not.toContain('search tool')
    })
  })
})
