import { describe, expect, it } from 'vitest'
import { loadMapping, parseMapping, parseMappedRow, readMapped } from './mapped.ts'
import { byKind, collect, fixture } from './test-helpers.ts'

describe('parseMapping', () => {
  it('accepts a minimal mapping', () => {
    expect(parseMapping('source: x\ncolumns: { event_date: day }\n', 'm.yaml')).toMatchObject({ source: 'x', columns: { event_date: 'day' } })
  })
  it('points at the line and field of a mistake', () => {
    expect(() => parseMapping('source: x\ncolumns:\n  event_date: day\n  jail_name: jail\n', 'm.yaml')).toThrow(/unknown field "jail_name"/)
    try {
      parseMapping('source: x\ncolumns:\n  event_date: day\n  jail_name: jail\n', 'm.yaml')
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid-input', location: { file: 'm.yaml', field: 'columns', line: 3 } })
    }
    expect(() => parseMapping('source: Bad Name\ncolumns: { event_date: day }\n', 'm.yaml')).toThrow(/pattern/)
    expect(() => parseMapping('columns: { event_date: day }\n', 'm.yaml')).toThrow(/missing required field "source"/)
    expect(() => parseMapping('source: x\ncolumns: [\n', 'm.yaml')).toThrow(/malformed YAML/)
  })
})

describe('parseMappedRow', () => {
  const mapping = { source: 'x', columns: { event_date: 'd', custody: 'c', county_geoid: 'fips' }, values: { custody: { Jail: 'county-jail' } } }
  it('applies values, vocabularies and GEOID padding', () => {
    const item = parseMappedRow(new Map([['d', '2024-01-05'], ['c', 'Jail'], ['fips', '1001']]), 2, mapping, 'f')
    expect(item).toMatchObject({ kind: 'record', record: { record_id: 'x:f:2', event_date: '2024-01-05', custody: 'county-jail', location: { countyGeoid: '01001' } } })
  })
  it('refuses a value outside the vocabulary, naming the field', () => {
    expect(parseMappedRow(new Map([['d', ''], ['c', 'Boat'], ['fips', '']]), 3, mapping)).toMatchObject({ kind: 'unparseable', reason: expect.stringMatching(/^custody: is not one of/) })
    expect(parseMappedRow(new Map([['d', ''], ['c', ''], ['fips', 'x']]), 3, mapping)).toMatchObject({ kind: 'unparseable', reason: 'county_geoid: is not a 5-digit county GEOID' })
  })
  it('skips rows that fail the where filter', () => {
    expect(parseMappedRow(new Map([['d', ''], ['t', 'state']]), 4, { source: 'x', columns: { event_date: 'd' }, where: { t: 'ICE' } })).toEqual({ kind: 'skipped', line: 4 })
  })
})

describe('readMapped on the fixture', () => {
  it('maps the CSV with its YAML and reports malformed rows', async () => {
    const mapping = await loadMapping(fixture('mapped-jail.yaml'))
    const { records, unparseable } = byKind(await collect(readMapped(fixture('mapped-jail.csv'), mapping)))
    expect(unparseable).toEqual([
      { line: 5, reason: expect.stringMatching(/^custody: is not one of county-jail, city-jail, state-prison/) },
      { line: 6, reason: 'event_date: is not a date (MM/DD/YYYY)' },
    ])
    const [one, two, three] = records.map((r) => r.record)
    expect(one).toMatchObject({ source: 'example-jail', record_id: 'example-jail:X-1', event_date: '2024-03-07', custody: 'county-jail', conviction_status: 'convicted', conviction_category: 'burglary', practice_outcome: 'released-to-ice', location: { state: 'tx', city: 'HOUSTON' } })
    expect(two).toMatchObject({ custody: 'state-prison', conviction_category: 'dui', practice_outcome: null })
    expect(three).toMatchObject({ custody: null, conviction_category: null, practice_outcome: 'honored' })
    expect(records[2]?.unmapped).toEqual([{ field: 'conviction_offense', value: 'Something unusual' }])
  })
  it('names mapped columns the table lacks', async () => {
    await expect(collect(readMapped(fixture('pa-detainers.csv'), { source: 'x', columns: { event_date: 'hold_date' } }))).rejects.toThrow(/lacks mapped column "hold_date"/)
  })
  it('names a missing mapping file', async () => {
    await expect(loadMapping(fixture('nope.yaml'))).rejects.toMatchObject({ code: 'not-found' })
  })
})
