import { describe, expect, it } from 'vitest'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../../adapters/fs/index.ts'
import { FIXTURE_ATLAS_INPUT } from '../../testing/fixture-atlas.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { buildGazetteer, buildSearchIndex, normalizeName, search } from './index.ts'

describe('search over the fixture registry and atlas', () => {
  const registry = fixtureRegistry()
  const index = buildSearchIndex(registry, buildGazetteer(registry, FIXTURE_ATLAS_INPUT))
  it('finds registry files by alias and counties without one by name', () => {
    expect(search(index, 'Zedland')[0]).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:zz', level: 'state', inRegistry: true, geoid: '97' })
    expect(search(index, 'Alpha')[0]).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:zz/county:alpha', inRegistry: true, geoid: '97001' })
    expect(search(index, 'gamma county')[0]).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:zz/county:gamma', name: 'Gamma County, ZZ', inRegistry: false, geoid: '97003' })
    expect(search(index, 'Fixture State X')[0]).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:xx', inRegistry: false })
  })
  it('looks up OCD IDs and GEOIDs exactly', () => {
    expect(search(index, 'ocd-division/country:us/state:zz/county:gamma')).toHaveLength(1)
    expect(search(index, '98003')[0]?.jurisdiction).toBe('ocd-division/country:us/state:yy/county:epsilon')
    expect(search(index, 'ocd-division/country:us/state:zz/county:nowhere')).toEqual([])
  })
  it('returns nothing for empty or unmatched queries and respects the limit', () => {
    expect(search(index, '  ')).toEqual([])
    expect(search(index, 'zanzibar')).toEqual([])
    expect(search(index, 'county', 2)).toHaveLength(2)
  })
  it('normalises accents and punctuation', () => {
    expect(normalizeName("Doña Ana County, N.M.")).toBe('dona ana county n m')
  })
})

describe('search over the real registry and us-atlas', async () => {
  const registry = await loadRegistryOrThrow(defaultRegistryDir())
  const index = buildSearchIndex(registry, buildGazetteer(registry, (await loadUsAtlas()).input))
  const first = (q: string) => search(index, q)[0]?.jurisdiction

  it('"SF", "San Francisco County" and "San Francisco, CA" find the city and county', () => {
    for (const q of ['SF', 'San Francisco County', 'San Francisco, CA', 'san francisco']) expect(first(q), q).toBe('ocd-division/country:us/state:ca/county:san_francisco')
    expect(search(index, 'SF')[0]).toMatchObject({ inRegistry: true, geoid: '06075', level: 'county', state: 'CA' })
  })
  it('"Cook" finds Cook County, Illinois first, then the other Cook counties', () => {
    const results = search(index, 'Cook').map((r) => r.jurisdiction)
    expect(results[0]).toBe('ocd-division/country:us/state:il/county:cook')
    expect(results).toEqual(expect.arrayContaining(['ocd-division/country:us/state:ga/county:cook', 'ocd-division/country:us/state:mn/county:cook']))
  })
  it('a state name finds the state before its cities and counties', () => {
    // Fails if a city or county lists the bare state name as an alias.
    for (const [q, id] of [
      ['Texas', 'ocd-division/country:us/state:tx'],
      ['Washington', 'ocd-division/country:us/state:wa'],
      ['Florida', 'ocd-division/country:us/state:fl'],
      ['Kansas', 'ocd-division/country:us/state:ks'],
      ['Ohio', 'ocd-division/country:us/state:oh'],
    ] as const)
      expect(first(q), q).toBe(id)
  })
  it('finds counties without a file by Census name, with or without accents', () => {
    expect(search(index, 'Fresno County')[0]).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:ca/county:fresno', inRegistry: false, geoid: '06019' })
    expect(first('Dona Ana')).toBe('ocd-division/country:us/state:nm/county:dona_ana')
    expect(first("Prince George's County, MD")).toBe('ocd-division/country:us/state:md/county:prince_georges')
    expect(first('Orleans Parish')).toBe('ocd-division/country:us/state:la/parish:orleans')
  })
  it('returns each county once, under its registry ID when it has a file', () => {
    const ids = search(index, 'Cook', 100).map((r) => r.jurisdiction)
    expect(new Set(ids).size).toBe(ids.length)
    expect(search(index, '17031')).toEqual([expect.objectContaining({ jurisdiction: 'ocd-division/country:us/state:il/county:cook', inRegistry: true })])
  })
})
