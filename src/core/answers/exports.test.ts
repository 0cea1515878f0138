import { describe, expect, it } from 'vitest'
import { createEngine } from '../engine/index.ts'
import { countRegistry } from '../registry/index.ts'
import { FIXTURE_ATLAS_INPUT, fixtureGeometry } from '../../testing/fixture-atlas.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { ANSWERS_CSV_COLUMNS, answersCsv, answersFor, answersGeoJson, buildGazetteer, csvField, REGISTRY_CSV_COLUMNS, registryCsv, registryGeoJson, registryJson, toCsv } from './index.ts'

/** A small RFC 4180 reader, to check that what we write reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') row.push(field), (field = '')
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++
    else field += ch
  }
  return rows
}

describe('CSV', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a, "b"')).toBe('"a, ""b"""')
    expect(csvField('line\nbreak')).toBe('"line\nbreak"')
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField(48)).toBe('48')
    expect(csvField(null)).toBe('')
    expect(toCsv(['a', 'b'], [[1, 'x, y']])).toBe('a,b\r\n1,"x, y"\r\n')
  })
})

describe('registry exports', () => {
  const registry = fixtureRegistry()
  const gazetteer = buildGazetteer(registry, FIXTURE_ATLAS_INPUT)

  it('CSV: one row per provision, every column, reads back', () => {
    const rows = parseCsv(registryCsv(registry))
    expect(rows[0]).toEqual([...REGISTRY_CSV_COLUMNS])
    expect(rows).toHaveLength(1 + countRegistry(registry).provisions)
    const col = (name: string) => REGISTRY_CSV_COLUMNS.indexOf(name as (typeof REGISTRY_CSV_COLUMNS)[number])
    const mandate = rows.find((r) => r[col('provision')] === 'yy-mandate-hold')!
    expect(mandate[col('jurisdiction')]).toBe('ocd-division/country:us/state:yy')
    expect(mandate[col('effective')]).toBe('2017-09-01')
    expect(mandate[col('status')]).toBe('enjoined 2017-09-01..2017-09-26 (yy-injunction)')
    expect(mandate[col('effect')]).toBe('require')
    expect(mandate[col('overrides_local')]).toBe('true')
    expect(mandate[col('source_url')]).toMatch(/^https:\/\//)
    expect(rows.find((r) => r[col('provision')] === 'fx-federal-hold')![col('max_hours')]).toBe('48')
  })

  it('JSON: every jurisdiction in full, and the offense classes', () => {
    const json = registryJson(registry)
    expect(json.jurisdictions.map((j) => j.id)).toEqual([...registry.jurisdictions.keys()].sort())
    expect(json.counts).toEqual(countRegistry(registry))
    expect(json.offenseClasses.map((c) => c.id)).toEqual(['zz-serious'])
  })

  it('GeoJSON: states and counties with geometry, places with none', () => {
    const fc = registryGeoJson(registry, gazetteer, fixtureGeometry())
    expect(fc.features).toHaveLength(registry.jurisdictions.size)
    const byId = new Map(fc.features.map((f) => [f.id, f]))
    expect(byId.get('ocd-division/country:us/state:zz/county:alpha')?.geometry?.type).toBe('Polygon')
    expect(byId.get('ocd-division/country:us/state:zz')?.geometry).toEqual(fixtureGeometry().states.get('97'))
    expect(byId.get('ocd-division/country:us/state:zz/place:delta')?.geometry).toBeNull()
    expect(byId.get('ocd-division/country:us')?.geometry?.type).toBe('Polygon')
    expect(byId.get('ocd-division/country:us/state:zz/county:alpha')?.properties).toMatchObject({ name: 'Alpha County', level: 'county', provisions: 2 })
  })
})

describe('answers exports', () => {
  const registry = fixtureRegistry()
  const engine = createEngine(registry, { version: 'test' })
  const gazetteer = buildGazetteer(registry, FIXTURE_ATLAS_INPUT)
  const answers = answersFor({ engine, gazetteer, date: '2019-06-01', action: 'hold', template: 'no-record' })

  it('CSV: one row per county with the contract columns', () => {
    const rows = parseCsv(answersCsv(answers))
    expect(rows[0]).toEqual([...ANSWERS_CSV_COLUMNS])
    expect(rows).toHaveLength(1 + answers.counties.length)
    expect(rows.find((r) => r[0] === '98001')).toEqual(['98001', 'Beta', 'YY', 'ocd-division/country:us/state:yy/county:beta', 'required', 'state', 'ocd-division/country:us/state:yy', '48'])
    expect(rows.find((r) => r[0] === '97003')).toEqual(['97003', 'Gamma', 'ZZ', 'ocd-division/country:us/state:zz/county:gamma', 'prohibited', 'state', 'ocd-division/country:us/state:zz', ''])
  })

  it('GeoJSON: county polygons with the answer as properties and the question as foreign members', () => {
    const fc = answersGeoJson(answers, fixtureGeometry())
    expect(fc).toMatchObject({ type: 'FeatureCollection', date: '2019-06-01', action: 'hold', template: { id: 'no-record' } })
    expect(fc.features).toHaveLength(answers.counties.length)
    const beta = fc.features.find((f) => f.id === '98001')!
    expect(beta.geometry?.type).toBe('Polygon')
    expect(beta.properties).toEqual({ geoid: '98001', name: 'Beta', state: 'YY', jurisdiction: 'ocd-division/country:us/state:yy/county:beta', value: 'required', layer: 'state', decidedBy: 'ocd-division/country:us/state:yy', maxHours: 48 })
  })
})
