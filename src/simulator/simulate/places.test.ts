/** Places: GEOIDs to OCD ids, and which divisions' law could bind a record. */
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultRegistryDir, loadRegistryOrThrow } from '../../adapters/fs/index.ts'
import type { Registry } from '../../core/registry/index.ts'
import { countyOcdId, ocdSlug, Places, stateOcdId, targetsFor, type CountyName } from './places.ts'

let registry: Registry
const names: CountyName[] = [
  { geoid: '42027', name: 'Centre County', shortName: 'Centre', state: 'pa' },
  { geoid: '22001', name: 'Acadia Parish', shortName: 'Acadia', state: 'la' },
  { geoid: '51510', name: 'City of Alexandria', shortName: 'Alexandria (city)', state: 'va' },
  { geoid: '24033', name: "Prince George's County", shortName: "Prince George's", state: 'md' },
  { geoid: '06001', name: 'Alameda County', shortName: 'Alameda', state: 'ca' },
]
beforeAll(async () => {
  registry = await loadRegistryOrThrow(defaultRegistryDir())
})

describe('OCD ids from Census names', () => {
  it('forms the same ids as the map for parishes, independent cities, apostrophes and accents', () => {
    expect(countyOcdId(names[0]!)).toBe('ocd-division/country:us/state:pa/county:centre')
    expect(countyOcdId(names[1]!)).toBe('ocd-division/country:us/state:la/parish:acadia')
    expect(countyOcdId(names[2]!)).toBe('ocd-division/country:us/state:va/county:alexandria_city')
    expect(countyOcdId(names[3]!)).toBe('ocd-division/country:us/state:md/county:prince_georges')
    expect(ocdSlug('Doña Ana')).toBe('dona_ana')
    expect(stateOcdId('dc')).toBe('ocd-division/country:us/district:dc')
  })
})

describe('Places.resolve', () => {
  it('uses the registry’s GEOIDs first, then Census names, then the state', () => {
    const places = new Places(registry, names)
    expect(places.resolve({ state: 'il', county: '17031', place: null }).cell).toBe('ocd-division/country:us/state:il/county:cook')
    expect(places.resolve({ state: 'il', county: '17031', place: '1714000' }).cell).toBe('ocd-division/country:us/state:il/place:chicago')
    expect(places.resolve({ state: 'pa', county: '42027', place: null })).toMatchObject({ cell: 'ocd-division/country:us/state:pa/county:centre', name: 'Centre County, PA', linked: true })
    expect(new Places(registry).resolve({ state: 'pa', county: '42027', place: null }).cell).toBe('ocd-division/country:us/state:pa')
    expect(places.resolve({ state: 'dc', county: '11001', place: null }).cell).toBe('ocd-division/country:us/district:dc')
    expect(places.resolve({ state: 'tx', county: null, place: null })).toMatchObject({ cell: 'unlinked', linked: false, state: 'ocd-division/country:us/state:tx' })
  })
})

describe('targetsFor', () => {
  it('picks the jail’s division by custody, and every possibility when the place is uncertain', () => {
    const places = new Places(registry, names)
    const la = places.resolve({ state: 'ca', county: '06037', place: '0644000' })
    // Los Angeles city's jail county is Los Angeles County: the place's chain covers both
    expect(targetsFor(registry, la, 'county-jail')).toEqual(['ocd-division/country:us/state:ca/place:los_angeles'])
    const oakland = places.resolve({ state: 'ca', county: '06001', place: '0653000' })
    expect(targetsFor(registry, oakland, 'city-jail')).toEqual(['ocd-division/country:us/state:ca/place:oakland'])
    expect(targetsFor(registry, oakland, 'county-jail')).toEqual(['ocd-division/country:us/state:ca/place:oakland'])
    const chicago = places.resolve({ state: 'il', county: '17031', place: '1714000' })
    expect(targetsFor(registry, chicago, 'county-jail')).toEqual(['ocd-division/country:us/state:il/county:cook'])
    expect(targetsFor(registry, chicago, null)).toEqual(['ocd-division/country:us/state:il/county:cook', 'ocd-division/country:us/state:il/place:chicago'])
    const tx = targetsFor(registry, places.resolve({ state: 'tx', county: null, place: null }), 'county-jail')
    expect(tx).toContain('ocd-division/country:us/state:tx')
    expect(tx).toContain('ocd-division/country:us/state:tx/county:travis')
    expect(tx.every((id) => id.startsWith('ocd-division/country:us/state:tx'))).toBe(true)
    const nowhere = targetsFor(registry, places.resolve({ state: null, county: null, place: null }), null)
    expect(nowhere).toContain('ocd-division/country:us')
    expect(nowhere.length).toBe(registry.jurisdictions.size)
  })
})
