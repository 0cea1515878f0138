import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { loadPopulations, sizeFunction } from './populations.ts'

const dir = mkdtempSync(join(tmpdir(), 'sanctuary-pop-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('Census populations for peers', () => {
  it('reads states, counties and places from a fixture folder', async () => {
    const d = join(dir, 'us-geo/data/2020_dist')
    mkdirSync(d, { recursive: true })
    writeFileSync(join(d, 'states.csv'), 'Name,Code,Type,FIPS,Population\nTexas,TX,state,48,29145505\n')
    writeFileSync(join(d, 'counties.csv'), 'GEOID,Name,Short Name,State,Population\n48453,Travis County,Travis,TX,1290188\n22071,Orleans Parish,Orleans,LA,383997\n')
    writeFileSync(join(d, 'places.csv'), 'GEOID,Name,Short Name,State,Population\n4805000,City of Austin,Austin,TX,961855\n')
    const pop = (await loadPopulations(dir))!
    expect(pop.byId.get('ocd-division/country:us/state:tx')).toBe(29145505)
    expect(pop.byId.get('ocd-division/country:us/state:tx/county:travis')).toBe(1290188)
    expect(pop.byId.get('ocd-division/country:us/state:la/parish:orleans')).toBe(383997)
    expect(pop.byGeoid.get('4805000')).toBe(961855)
    const size = sizeFunction(pop, fixtureRegistry())
    expect(size('ocd-division/country:us/state:tx/county:travis')).toBe(1290188)
    expect(size('ocd-division/country:us/state:tx/county:nowhere')).toBeUndefined()
  })

  it('is null without the tables', async () => {
    expect(await loadPopulations(join(dir, 'missing'))).toBeNull()
  })

  const DATA = process.env.SANCTUARY_SHARED_DATA ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url))
  it.skipIf(!existsSync(join(DATA, 'us-geo/data/2020_dist/counties.csv')))('reads the real us-geo tables', async () => {
    const pop = (await loadPopulations(DATA))!
    expect(pop.byId.get('ocd-division/country:us/state:or/county:multnomah')).toBeGreaterThan(500_000)
  })
})
