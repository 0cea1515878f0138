import { describe, expect, it } from 'vitest'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../../adapters/fs/index.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { FIXTURE_ATLAS_INPUT, FIXTURE_ATLAS_INPUT_WITH_PLACES } from '../../testing/fixture-atlas.ts'
import { AppError } from '../errors/index.ts'
import { parseOcdId } from '../ocd/index.ts'
import { buildGazetteer, deriveCountyId, isKnownDivision, ocdSlug } from './index.ts'

describe('OCD IDs for counties without a file', () => {
  it('slugs names the OCD way', () => {
    expect(ocdSlug("Prince George's")).toBe('prince_georges')
    expect(ocdSlug('Doña Ana')).toBe('dona_ana')
    expect(ocdSlug('St. Louis')).toBe('st._louis')
    expect(ocdSlug('Miami-Dade')).toBe('miami-dade')
    expect(ocdSlug('Lake and Peninsula')).toBe('lake_and_peninsula')
  })
  it('uses parish, borough, _city and the district where the Census does', () => {
    expect(deriveCountyId('06019', 'Fresno', 'CA')).toBe('ocd-division/country:us/state:ca/county:fresno')
    expect(deriveCountyId('22033', 'East Baton Rouge', 'LA')).toBe('ocd-division/country:us/state:la/parish:east_baton_rouge')
    expect(deriveCountyId('02020', 'Anchorage', 'AK')).toBe('ocd-division/country:us/state:ak/borough:anchorage')
    expect(deriveCountyId('51760', 'Richmond', 'VA')).toBe('ocd-division/country:us/state:va/county:richmond_city')
    expect(deriveCountyId('51159', 'Richmond', 'VA')).toBe('ocd-division/country:us/state:va/county:richmond')
    expect(deriveCountyId('24510', 'Baltimore', 'MD')).toBe('ocd-division/country:us/state:md/county:baltimore_city')
    expect(deriveCountyId('11001', 'District of Columbia', 'DC')).toBe('ocd-division/country:us/district:dc')
  })
})

describe('gazetteer over the fixture registry', () => {
  const g = buildGazetteer(fixtureRegistry(), FIXTURE_ATLAS_INPUT)
  it('joins counties with a file by GEOID and derives the others', () => {
    expect(g.countyByGeoid.get('97001')).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:zz/county:alpha', inRegistry: true, label: 'Alpha County, ZZ', state: 'ZZ' })
    expect(g.countyByGeoid.get('97003')).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:zz/county:gamma', inRegistry: false, label: 'Gamma County, ZZ' })
    expect(g.stateByCode.get('xx')).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:xx', inRegistry: false })
    expect(g.stateByCode.get('zz')?.inRegistry).toBe(true)
  })
  it('lists registry places under their jail county', () => {
    expect(g.countyByGeoid.get('97001')?.places).toEqual([{ jurisdiction: 'ocd-division/country:us/state:zz/place:delta', name: 'Delta' }])
    expect(g.placesWithoutCounty).toEqual([])
  })
  it('knows which divisions exist', () => {
    expect(isKnownDivision(g, 'ocd-division/country:us/state:zz/county:gamma')).toBe(true)
    expect(isKnownDivision(g, 'ocd-division/country:us/state:zz/county:atlantis')).toBe(false)
    expect(isKnownDivision(g, 'ocd-division/country:us/state:xx')).toBe(true)
    expect(isKnownDivision(g, 'ocd-division/country:us/state:qq')).toBe(false)
    // Without a list of places, a place without a file is not known to be real.
    expect(isKnownDivision(g, 'ocd-division/country:us/state:zz/place:anywhere')).toBe(false)
    expect(isKnownDivision(g, 'Fresno')).toBe(false)
  })
  it('knows Census places when given them, under the registry ID where a file matches', () => {
    const withPlaces = buildGazetteer(fixtureRegistry(), FIXTURE_ATLAS_INPUT_WITH_PLACES)
    expect(withPlaces.placesListed).toBe(true)
    expect(isKnownDivision(withPlaces, 'ocd-division/country:us/state:zz/place:epsilon_springs')).toBe(true)
    expect(isKnownDivision(withPlaces, 'ocd-division/country:us/state:zz/place:anywhere')).toBe(false)
    expect(withPlaces.placeByJurisdiction.get('ocd-division/country:us/state:zz/place:epsilon_springs')).toMatchObject({ label: 'Epsilon Springs, ZZ', inRegistry: false, type: 'city', population: 1200, countyGeoid: '97003' })
    expect(withPlaces.placeByJurisdiction.get('ocd-division/country:us/state:zz/place:delta')).toMatchObject({ inRegistry: true, label: 'Delta, ZZ' })
  })
  it('takes a place with its county\'s residents for the county itself (a consolidated city-county)', () => {
    const input = { ...FIXTURE_ATLAS_INPUT, counties: FIXTURE_ATLAS_INPUT.counties.map((c) => ({ ...c, population: 1000 })), places: [{ geoid: '9703000', name: 'Gamma City', state: 'ZZ', countyGeoid: '97003', population: 1005 }] }
    const g2 = buildGazetteer(fixtureRegistry(), input)
    expect(g2.places).toEqual([])
    expect(g2.countyByGeoid.get('97003')?.cityNames).toEqual(['Gamma City'])
  })
  it('rejects an unknown state and clashing IDs, naming the entry', () => {
    const bad = (input: Parameters<typeof buildGazetteer>[1]) => {
      try {
        buildGazetteer(fixtureRegistry(), input)
      } catch (e) {
        return (e as AppError).location.field
      }
      return 'no error'
    }
    expect(bad({ states: [{ fips: '95', name: 'Nowhere' }], counties: [] })).toBe('states[0].fips')
    expect(bad({ states: FIXTURE_ATLAS_INPUT.states, counties: [{ geoid: '97003', name: 'Gamma' }, { geoid: '97005', name: 'Gamma' }] })).toBe('counties[1].geoid')
    expect(bad({ states: FIXTURE_ATLAS_INPUT.states, counties: [{ geoid: '95001', name: 'Lost' }] })).toBe('counties[0].geoid')
  })
})

describe('gazetteer over the real registry and us-atlas', async () => {
  const registry = await loadRegistryOrThrow(defaultRegistryDir())
  const atlas = await loadUsAtlas()
  const g = buildGazetteer(registry, atlas.input)

  it('has every us-atlas state and county, each with a distinct valid OCD ID', () => {
    expect(g.states).toHaveLength(56)
    expect(g.counties).toHaveLength(3231)
    expect(new Set(g.counties.map((c) => c.jurisdiction)).size).toBe(3231)
    for (const c of g.counties) expect(parseOcdId(c.jurisdiction), c.geoid).toBeDefined()
  })
  it('matches every county-level registry file to its us-atlas county, under the same ID the derivation gives', () => {
    const files = [...registry.jurisdictions.values()].filter((j) => j.level === 'county')
    expect(files.length).toBeGreaterThan(10)
    for (const j of files) {
      const c = g.countyByJurisdiction.get(j.id)
      expect(c?.inRegistry, j.id).toBe(true)
      expect(j.geoid.kind === 'known' && j.geoid.value.code, j.id).toBe(c!.geoid)
      expect(deriveCountyId(c!.geoid, atlas.input.counties.find((x) => x.geoid === c!.geoid)!.name, c!.state), j.id).toBe(j.id)
    }
  })
  it('places registry cities under the county whose jail serves them', () => {
    // Other registry cities may be added under these counties; the ones named here must stay, and no
    // city of another county may appear.
    expect(g.countyByGeoid.get('06001')?.places.map((p) => p.name)).toEqual(expect.arrayContaining(['Berkeley', 'Oakland']))
    expect(g.countyByGeoid.get('06037')?.places.map((p) => p.jurisdiction)).toEqual(expect.arrayContaining(['ocd-division/country:us/state:ca/place:los_angeles', 'ocd-division/country:us/state:ca/place:long_beach']))
    expect(g.countyByGeoid.get('06037')?.places.map((p) => p.jurisdiction)).not.toContain('ocd-division/country:us/state:ca/place:berkeley')
    // Chicago's jail county is recorded as unknown (Cook and DuPage), so no county claims it.
    expect(g.placesWithoutCounty.map((p) => p.jurisdiction)).toContain('ocd-division/country:us/state:il/place:chicago')
  })
  it('tells independent cities from counties of the same name', () => {
    expect(g.countyByGeoid.get('29510')).toMatchObject({ name: 'St. Louis city', jurisdiction: 'ocd-division/country:us/state:mo/county:st._louis_city' })
    expect(g.countyByGeoid.get('29189')).toMatchObject({ name: 'St. Louis', jurisdiction: 'ocd-division/country:us/state:mo/county:st._louis' })
  })
})
