import { describe, expect, it } from 'vitest'
import { Compile } from 'typebox/compile'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../../adapters/fs/index.ts'
import { FIXTURE_ATLAS_INPUT, FIXTURE_ATLAS_INPUT_WITH_PLACES } from '../../testing/fixture-atlas.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { AppError } from '../errors/index.ts'
import { buildGazetteer, compareJurisdictions, ComparisonSchema, jurisdictionDetail, UnlistedJurisdictionSchema } from './index.ts'

const ALPHA = 'ocd-division/country:us/state:zz/county:alpha'
const GAMMA = 'ocd-division/country:us/state:zz/county:gamma'
const BETA = 'ocd-division/country:us/state:yy/county:beta'

const errorOf = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return { code: (e as AppError).code, field: (e as AppError).location.field }
  }
  return null
}

describe('compare over the fixture registry', () => {
  const registry = fixtureRegistry()
  const gazetteer = buildGazetteer(registry, FIXTURE_ATLAS_INPUT)
  const hold = (c: ReturnType<typeof compareJurisdictions>) => c.actions.find((a) => a.action === 'detainer-hold')!.cells

  it('lists the provisions of each chain in force on the date, by action', () => {
    const c = compareJurisdictions(registry, gazetteer, [ALPHA, GAMMA, BETA], '2019-06-01')
    expect(Compile(ComparisonSchema).Check(c)).toBe(true)
    expect(c.jurisdictions.map((j) => [j.name, j.inRegistry])).toEqual([
      ['Alpha County, ZZ', true],
      ['Gamma County, ZZ', false],
      ['Beta County, YY', true],
    ])
    const cells = hold(c)
    expect(cells.map((cell) => cell.provisions.map((p) => p.provision))).toEqual([
      ['fx-federal-hold', 'zz-ban-hold', 'alpha-hold'],
      ['fx-federal-hold', 'zz-ban-hold'],
      ['fx-federal-hold', 'yy-mandate-hold', 'beta-hold'],
    ])
    expect(cells[2]!.provisions[1]).toMatchObject({ layer: 'state', effect: 'require', inForce: 'yes', jurisdiction: 'ocd-division/country:us/state:yy' })
    expect(c.actions.map((a) => a.action)).toContain('agreement-287g')
  })

  it('drops provisions not in force and marks those of unknown force', () => {
    const early = hold(compareJurisdictions(registry, gazetteer, [ALPHA, BETA], '2015-06-01'))
    expect(early[0]!.provisions.map((p) => p.provision)).toEqual(['fx-federal-hold', 'zz-limit-hold'])
    expect(early[1]!.provisions.map((p) => p.provision)).toEqual(['fx-federal-hold'])
    const window = hold(compareJurisdictions(registry, gazetteer, [GAMMA, BETA], '2018-01-15'))
    expect(window[0]!.provisions.find((p) => p.provision === 'zz-ban-hold')).toMatchObject({ inForce: 'unknown', missing: ['effective date of zz-ban-2018'] })
  })

  it('rejects bad requests naming the field', () => {
    expect(errorOf(() => compareJurisdictions(registry, gazetteer, [ALPHA], '2019-01-01'))).toEqual({ code: 'invalid-input', field: 'ids' })
    expect(errorOf(() => compareJurisdictions(registry, gazetteer, [ALPHA, GAMMA, BETA, ALPHA.replace('alpha', 'x'), GAMMA.replace('gamma', 'y')], '2019-01-01'))).toEqual({ code: 'invalid-input', field: 'ids' })
    expect(errorOf(() => compareJurisdictions(registry, gazetteer, [ALPHA, ALPHA], '2019-01-01'))).toEqual({ code: 'invalid-input', field: 'ids' })
    expect(errorOf(() => compareJurisdictions(registry, gazetteer, [ALPHA, GAMMA], '2019-13-01'))).toEqual({ code: 'invalid-input', field: 'date' })
    expect(errorOf(() => compareJurisdictions(registry, gazetteer, [ALPHA, 'ocd-division/country:us/state:zz/county:atlantis'], '2019-01-01'))).toEqual({ code: 'not-found', field: 'ids' })
    expect(errorOf(() => compareJurisdictions(registry, gazetteer, [ALPHA, 'Alpha'], '2019-01-01'))).toEqual({ code: 'not-found', field: 'ids' })
  })
})

describe('jurisdiction detail', () => {
  const registry = fixtureRegistry()
  const gazetteer = buildGazetteer(registry, FIXTURE_ATLAS_INPUT)

  it('gives a registry file with its chain of layers', () => {
    const d = jurisdictionDetail(registry, gazetteer, ALPHA)
    expect(d).toMatchObject({ id: ALPHA, inRegistry: true, name: 'Alpha County' })
    expect(d.layers.map((l) => [l.layer, l.inRegistry])).toEqual([
      ['federal', true],
      ['state', true],
      ['county', true],
    ])
  })
  it('gives a county without a file, with the layers whose law reaches it', () => {
    const d = jurisdictionDetail(registry, gazetteer, GAMMA)
    expect(Compile(UnlistedJurisdictionSchema).Check(d)).toBe(true)
    expect(d).toMatchObject({ inRegistry: false, name: 'Gamma County, ZZ', level: 'county', state: 'zz', geoid: '97003', enactments: [] })
    expect(d.layers.map((l) => [l.layer, l.jurisdiction, l.inRegistry])).toEqual([
      ['federal', 'ocd-division/country:us', true],
      ['state', 'ocd-division/country:us/state:zz', true],
      ['county', GAMMA, false],
    ])
    expect(d.inRegistry === false && d.note).toContain('Fixture State Z')
  })
  it('gives a state without a file and a place without a file', () => {
    expect(jurisdictionDetail(registry, gazetteer, 'ocd-division/country:us/state:xx')).toMatchObject({ inRegistry: false, name: 'Fixture State X', level: 'state', geoid: '96' })
    const withPlaces = buildGazetteer(registry, FIXTURE_ATLAS_INPUT_WITH_PLACES)
    const place = jurisdictionDetail(registry, withPlaces, 'ocd-division/country:us/state:zz/place:epsilon_springs')
    expect(place).toMatchObject({ inRegistry: false, level: 'place', name: 'Epsilon Springs, ZZ' })
    expect(place.layers.find((l) => l.layer === 'county')).toMatchObject({ jurisdiction: null, inRegistry: false })
  })
  it('404s what it cannot place', () => {
    for (const id of ['ocd-division/country:us/state:qq', 'ocd-division/country:us/state:zz/county:atlantis', 'ocd-division/country:us/state:zz/place:epsilon_springs', 'Alpha', ''])
      expect(errorOf(() => jurisdictionDetail(registry, gazetteer, id)), id).toEqual({ code: 'not-found', field: 'id' })
  })
})

describe('compare over the real registry', async () => {
  const registry = await loadRegistryOrThrow(defaultRegistryDir())
  const gazetteer = buildGazetteer(registry, (await loadUsAtlas()).input)
  it('San Francisco, Cook County and Kern County side by side on 2019-01-01', () => {
    const ids = ['ocd-division/country:us/state:ca/county:san_francisco', 'ocd-division/country:us/state:il/county:cook', 'ocd-division/country:us/state:ca/county:kern']
    const c = compareJurisdictions(registry, gazetteer, ids, '2019-01-01')
    const hold = c.actions.find((a) => a.action === 'detainer-hold')!.cells
    expect(hold.map((cell) => cell.jurisdiction)).toEqual(ids)
    expect(hold[0]!.provisions.map((p) => p.provision)).toEqual(expect.arrayContaining(['ca-sb54-hold', 'sf-12i-hold']))
    expect(hold[2]!.provisions.map((p) => p.provision)).toContain('ca-sb54-hold')
    expect(hold[2]!.provisions.every((p) => p.layer !== 'county')).toBe(true)
    expect(hold[1]!.provisions.some((p) => p.jurisdiction === 'ocd-division/country:us/state:il/county:cook')).toBe(true)
  })
})
