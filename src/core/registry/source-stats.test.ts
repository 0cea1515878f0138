import { describe, expect, it } from 'vitest'
import { fixtureFiles } from '../../testing/fixture-registry.ts'
import { buildRegistry, countRegistry, formatSourceStats, sourceStats } from './index.ts'

const build = (edit: (path: string, text: string) => string = (_p, t) => t) => {
  const { registry } = buildRegistry(fixtureFiles().map((f) => ({ ...f, text: edit(f.path, f.text) })))
  if (!registry) throw new Error('fixture registry invalid')
  return registry
}

describe('source statistics', () => {
  it('counts every source once; the fixture has no primary or official source', () => {
    const registry = build()
    const { all, handWritten } = sourceStats(registry)
    // Offense classes' sources are counted by countRegistry but are not a jurisdiction's.
    expect(all.sources).toBe(countRegistry(registry).sources - 1)
    expect(all).toMatchObject({ primary: 0, officialHost: 0, primaryOfficial: 0, provisions: 11, provisionsWithoutPrimary: 11 })
    expect(handWritten).toEqual(all)
  })

  it('counts a primary source on an official host, and the provision it serves', () => {
    const registry = build((path, text) =>
      path === 'us/state-zz.yaml'
        ? text.replace('sources: [{ url: https://example.org/z2, quote: release date only if felony within five years }]', "sources: [{ url: 'https://leginfo.legislature.ca.gov/z2', quote: release date only if felony within five years, reliability: primary }]")
        : text,
    )
    const { all } = sourceStats(registry)
    expect(all).toMatchObject({ primary: 1, officialHost: 1, primaryOfficial: 1, provisionsWithoutPrimary: 10 })
  })

  it('counts an official host labelled otherwise as official but not primary', () => {
    const registry = build((path, text) => (path === 'us.yaml' ? text.replaceAll('https://example.org/reg', 'https://www.ecfr.gov/reg') : text))
    const { all } = sourceStats(registry)
    expect(all).toMatchObject({ primary: 0, officialHost: 2, primaryOfficial: 0, provisionsWithoutPrimary: 11 })
  })

  it('formats one line with shares', () => {
    expect(formatSourceStats({ kind: 'source-stats', sources: 4, primary: 1, officialHost: 2, primaryOfficial: 1, provisions: 2, provisionsWithoutPrimary: 1 })).toBe(
      '4 sources: 25.0 % labelled primary (on official hosts: 25.0 %), 50.0 % on an official host; 1 of 2 provisions without a primary official source',
    )
  })
})
