import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultRegistryDir, defaultUsGeoDir, loadUsAtlas, loadUsGeo, readRegistryFiles, US_GEO_FILES, withUsGeo } from '../../adapters/fs/index.ts'
import { buildGazetteer, type GazetteerInput } from '../answers/index.ts'
import { AppError } from '../errors/index.ts'
import { buildRegistry, isGeneratedFile } from '../registry/index.ts'
import { fixtureFiles } from '../../testing/fixture-registry.ts'
import { buildNameIndex, normalizeLawText, searchAll, requireJurisdiction, resolveLaw, resolveName, searchLaws, searchNames, type Resolution } from './index.ts'

const TX = 'ocd-division/country:us/state:tx'
const GA = 'ocd-division/country:us/state:ga'
const HARRIS_TX = `${TX}/county:harris`
const HARRIS_GA = `${GA}/county:harris`
const HOUSTON_TX = `${TX}/place:houston`

/** A small gazetteer with real codes and 2020 Census counts, shaped as us-atlas and us-geo hand it in. */
const GEO: GazetteerInput = {
  states: [
    { fips: '01', name: 'Alabama', population: 5024279 },
    { fips: '04', name: 'Arizona', population: 7151502 },
    { fips: '06', name: 'California', population: 39538223 },
    { fips: '13', name: 'Georgia', population: 10711908 },
    { fips: '17', name: 'Illinois', population: 12812508 },
    { fips: '29', name: 'Missouri', population: 6154913 },
    { fips: '48', name: 'Texas', population: 29145505 },
  ],
  counties: [
    { geoid: '01069', name: 'Houston', population: 107202 },
    { geoid: '04013', name: 'Maricopa', population: 4420568 },
    { geoid: '06075', name: 'San Francisco', population: 873965 },
    { geoid: '13145', name: 'Harris', population: 34668 },
    { geoid: '13153', name: 'Houston', population: 163633 },
    { geoid: '17031', name: 'Cook', population: 5275541 },
    { geoid: '17167', name: 'Sangamon', population: 196343 },
    { geoid: '29077', name: 'Greene', population: 298915 },
    { geoid: '48201', name: 'Harris', population: 4731145 },
    { geoid: '48225', name: 'Houston', population: 22066 },
  ],
  places: [
    { geoid: '4835000', name: 'Houston', state: 'TX', countyGeoid: '48201', population: 2304580, type: 'city' },
    { geoid: '0455000', name: 'Phoenix', state: 'AZ', countyGeoid: '04013', population: 1608139, type: 'city' },
    { geoid: '1772000', name: 'Springfield', state: 'IL', countyGeoid: '17167', population: 114394, type: 'city' },
    { geoid: '2970000', name: 'Springfield', state: 'MO', countyGeoid: '29077', population: 169176, type: 'city' },
    // San Francisco's Census place is the county itself (same residents): a name of the county, no ID of its own.
    { geoid: '0667000', name: 'San Francisco', state: 'CA', countyGeoid: '06075', population: 873965, type: 'city' },
  ],
}
/** The same without us-geo: no places, no populations (a fresh clone without the shared data). */
const BARE: GazetteerInput = { states: GEO.states.map(({ population: _, ...s }) => s), counties: GEO.counties.map(({ population: _, ...c }) => c) }

// The hand-written registry: the generated 287(g) files add hundreds of places this small gazetteer does not list.
const registry = buildRegistry((await readRegistryFiles(defaultRegistryDir())).filter((f) => !isGeneratedFile(f.path))).registry!
const names = buildNameIndex({ registry, gazetteer: buildGazetteer(registry, GEO) })
const bare = buildNameIndex({ registry, gazetteer: buildGazetteer(registry, BARE) })

const id = (r: Resolution) => (r.kind === 'resolved' ? r.jurisdiction.jurisdiction : r.kind)
const fail = (f: () => unknown): AppError => {
  try {
    f()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

describe('state context first, then population, then a choice', () => {
  it('"Harris County" is Texas\'s by population, Georgia\'s when the state says so', () => {
    expect(resolveName(names, 'Harris County')).toMatchObject({ kind: 'resolved', by: 'population', jurisdiction: { jurisdiction: HARRIS_TX, name: 'Harris County, TX' } })
    for (const q of ['Harris County, GA', 'Harris County, Georgia', 'Harris County GA', 'harris county ga']) expect(id(resolveName(names, q)), q).toBe(HARRIS_GA)
    expect(id(resolveName(names, 'Harris County', { state: 'GA' }))).toBe(HARRIS_GA)
    // A Georgia page prefers Georgia's Harris County; a page of a state without one changes nothing.
    expect(id(resolveName(names, 'Harris County', { prefer: 'GA' }))).toBe(HARRIS_GA)
    expect(id(resolveName(names, 'Harris County', { prefer: 'AZ' }))).toBe(HARRIS_TX)
  })
  it('"Houston" is the city in Texas, not a Houston County; on an Alabama page it is Alabama\'s county', () => {
    expect(resolveName(names, 'Houston')).toMatchObject({ kind: 'resolved', by: 'population', jurisdiction: { jurisdiction: HOUSTON_TX, level: 'place', type: 'city', inRegistry: false } })
    expect(id(resolveName(names, 'Houston', { prefer: 'AL' }))).toBe('ocd-division/country:us/state:al/county:houston')
    expect(id(resolveName(names, 'Houston County', { state: 'TX' }))).toBe(`${TX}/county:houston`)
    // Three Houston Counties, none ten times the next: a choice.
    const r = resolveName(names, 'Houston County')
    expect(r.kind).toBe('ambiguous')
    expect(r.kind === 'ambiguous' && r.candidates.map((c) => c.state)).toEqual(['GA', 'AL', 'TX'])
  })
  it('never picks silently between near equals: Springfield is a choice with the reason', () => {
    const r = resolveName(names, 'Springfield')
    expect(r).toMatchObject({ kind: 'ambiguous', reason: expect.stringContaining('none has 10 times') })
    expect(r.kind === 'ambiguous' && r.candidates.map((c) => c.jurisdiction)).toEqual(['ocd-division/country:us/state:mo/place:springfield', 'ocd-division/country:us/state:il/place:springfield'])
    expect(id(resolveName(names, 'Springfield, IL'))).toBe('ocd-division/country:us/state:il/place:springfield')
    const e = fail(() => requireJurisdiction(names, 'Springfield', { field: 'jurisdiction' }))
    expect(e).toMatchObject({ code: 'invalid-input', location: { field: 'jurisdiction' } })
    expect(e.candidates?.map((c) => c.name)).toEqual(['Springfield, MO', 'Springfield, IL'])
  })
  it('without populations (no us-geo) an equal name is a choice, never a pick; registry names still resolve', () => {
    const r = resolveName(bare, 'Harris County')
    expect(r.kind === 'ambiguous' && r.candidates.map((c) => c.jurisdiction).sort()).toEqual([HARRIS_GA, HARRIS_TX])
    expect(r.kind === 'ambiguous' && r.reason).toContain('not all known')
    expect(id(resolveName(bare, 'Harris County, TX'))).toBe(HARRIS_TX)
    expect(id(resolveName(bare, 'SF'))).toBe('ocd-division/country:us/state:ca/county:san_francisco')
    expect(id(resolveName(bare, 'Chicago'))).toBe('ocd-division/country:us/state:il/place:chicago')
    // Phoenix has no file and no Census list of places is loaded: unknown, and the reason says why.
    expect(resolveName(bare, 'Phoenix')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('in the registry') })
  })
})

describe('every registry alias and Census name, with typo tolerance', () => {
  it('finds registry aliases, Census places without a file, and a consolidated city by its city name', () => {
    expect(id(resolveName(names, 'SF'))).toBe('ocd-division/country:us/state:ca/county:san_francisco')
    expect(id(resolveName(names, 'San Francisco'))).toBe('ocd-division/country:us/state:ca/county:san_francisco')
    expect(resolveName(names, 'Phoenix')).toMatchObject({ kind: 'resolved', jurisdiction: { jurisdiction: 'ocd-division/country:us/state:az/place:phoenix', name: 'Phoenix, AZ', population: 1608139 } })
    expect(id(resolveName(names, 'Cook'))).toBe('ocd-division/country:us/state:il/county:cook')
    expect(id(resolveName(names, 'Texas'))).toBe(TX)
    expect(id(resolveName(names, 'tx'))).toBe(TX)
  })
  it('suggests near spellings for a typo, most alike first', () => {
    const r = resolveName(names, 'Harriss')
    expect(r.kind).toBe('unknown')
    expect(r.kind === 'unknown' && r.suggestions[0]?.jurisdiction).toBe(HARRIS_TX)
    expect(searchNames(names, 'Harriss')[0]?.jurisdiction).toBe(HARRIS_TX)
    expect(searchNames(names, 'Pheonix')[0]?.jurisdiction).toBe('ocd-division/country:us/state:az/place:phoenix')
    const e = fail(() => requireJurisdiction(names, 'Harriss', { field: 'q' }))
    expect(e).toMatchObject({ code: 'not-found', location: { field: 'q' }, message: expect.stringContaining('did you mean Harris County, TX') })
  })
  it('search lists every match, the most likely first', () => {
    expect(searchNames(names, 'Harris').slice(0, 2).map((c) => c.jurisdiction)).toEqual([HARRIS_TX, HARRIS_GA])
    expect(searchNames(names, 'Houston')[0]?.jurisdiction).toBe(HOUSTON_TX)
    expect(searchNames(names, 'Houston').map((c) => c.state)).toEqual(expect.arrayContaining(['TX', 'GA', 'AL']))
    expect(searchNames(names, 'Houston', { state: 'GA' }).map((c) => c.jurisdiction)).toEqual([`${GA}/county:houston`])
    expect(searchNames(names, 'zzqqxx')).toEqual([])
  })
})

describe('only real places: an ID or GEOID must name one', () => {
  it('refuses an OCD ID of no real division, naming the field, with candidates where it can', () => {
    const nowhere = 'ocd-division/country:us/state:zz/county:nowhere'
    expect(resolveName(names, nowhere)).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('no state or district "zz"') })
    expect(fail(() => requireJurisdiction(names, nowhere, { field: 'jurisdiction' }))).toMatchObject({ code: 'not-found', location: { field: 'jurisdiction' } })
    const typo = resolveName(names, `${TX}/county:hariss`)
    expect(typo.kind === 'unknown' && typo.suggestions[0]?.jurisdiction).toBe(HARRIS_TX)
    expect(resolveName(names, `${TX}/place:atlantis`).kind).toBe('unknown')
    expect(resolveName(bare, HOUSTON_TX)).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('Census list of places is not loaded') })
    expect(resolveName(names, 'not an id/at all').kind).toBe('unknown')
  })
  it('looks up IDs and GEOIDs exactly', () => {
    expect(resolveName(names, HARRIS_TX)).toMatchObject({ kind: 'resolved', by: 'id' })
    expect(resolveName(names, '48201')).toMatchObject({ kind: 'resolved', by: 'geoid', jurisdiction: { jurisdiction: HARRIS_TX } })
    expect(id(resolveName(names, '4835000'))).toBe(HOUSTON_TX)
    expect(resolveName(names, '99999').kind).toBe('unknown')
  })
  it('rejects a state context that is no state, naming it', () => {
    expect(fail(() => resolveName(names, 'Houston', { state: 'Atlantis' }))).toMatchObject({ code: 'invalid-input', location: { field: 'state' } })
  })
})

describe('a registry alone (no gazetteer)', () => {
  it('finds registry files by name, alias and "name, state"', () => {
    const { registry: fixture } = buildRegistry(fixtureFiles())
    const only = buildNameIndex({ registry: fixture! })
    expect(id(resolveName(only, 'Zedland'))).toBe('ocd-division/country:us/state:zz')
    expect(id(resolveName(only, 'alpha county'))).toBe('ocd-division/country:us/state:zz/county:alpha')
    expect(id(resolveName(only, 'Alpha, ZZ'))).toBe('ocd-division/country:us/state:zz/county:alpha')
    expect(resolveName(only, 'nowhere at all').kind).toBe('unknown')
  })
})

describe('laws by name and number', () => {
  it('finds SB 54 however it is written, the TRUST Acts as a choice, 287(g) by topic', () => {
    expect(normalizeLawText('S.B. 54')).toBe('sb 54')
    for (const q of ['SB 54', 'SB54', 'sb 54', 'California Values Act']) expect(resolveLaw(names, q), q).toMatchObject({ kind: 'resolved', law: { enactment: 'ca-sb54' } })
    const trust = resolveLaw(names, 'TRUST Act')
    expect(trust.kind).toBe('ambiguous')
    expect(trust.kind === 'ambiguous' && trust.candidates.map((l) => l.state)).toEqual(expect.arrayContaining(['CA', 'IL']))
    expect(resolveLaw(names, 'TRUST Act', { state: 'IL' })).toMatchObject({ kind: 'resolved', law: { enactment: 'il-trust' } })
    const g = searchLaws(names, '287(g)')
    expect(g.length).toBeGreaterThan(2)
    expect(g.every((l) => l.match === 'title' || l.match === 'topic' || l.match === 'number')).toBe(true)
    expect(searchLaws(names, 'Sanctuary Citiez Act').every((l) => l.match === 'fuzzy')).toBe(true)
    expect(searchLaws(names, 'qqqq zzzz')).toEqual([])
    // A law's name that names no place: no near spellings of places beside the laws.
    expect(searchAll(names, 'TRUST Act')).toMatchObject({ results: [], resolution: { kind: 'unknown', suggestions: [] } })
    expect(searchAll(names, 'SB54').laws[0]?.enactment).toBe('ca-sb54')
  })
})

describe.runIf(existsSync(join(defaultUsGeoDir(), US_GEO_FILES.places)))('over the real us-atlas and us-geo', () => {
  // Loaded in the hook, not the suite's body: a skipped suite's body still runs to collect its tests.
  let real: ReturnType<typeof buildNameIndex>
  beforeAll(async () => {
    const gazetteer = buildGazetteer(registry, withUsGeo((await loadUsAtlas()).input, await loadUsGeo(defaultUsGeoDir())))
    real = buildNameIndex({ registry, gazetteer })
  })
  it('lands the issue\'s names on the right places', () => {
    expect(id(resolveName(real, 'Harris County'))).toBe(HARRIS_TX)
    expect(id(resolveName(real, 'Houston'))).toBe(HOUSTON_TX)
    expect(id(resolveName(real, 'Phoenix'))).toBe('ocd-division/country:us/state:az/place:phoenix')
    expect(searchNames(real, 'Harriss')[0]?.jurisdiction).toBe(HARRIS_TX)
    expect(resolveName(real, 'Springfield').kind).toBe('ambiguous')
    expect(id(resolveName(real, 'New Orleans'))).toBe('ocd-division/country:us/state:la/parish:orleans')
  })
})
