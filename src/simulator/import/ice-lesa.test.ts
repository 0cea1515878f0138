import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { iceLesaLayout, parseIceLesaRow, readIceLesa } from './ice-lesa.ts'
import { byKind, collect, fixture, gzippedFixture } from './test-helpers.ts'

describe('parseIceLesaRow', () => {
  const layout = { width: 5, aor: 0, date: 1, landmark: 2, disposition: 4 }
  it('keeps detainers, skips other dispositions', () => {
    const item = parseIceLesaRow(['Denver Area of Responsibility', '10/1/2015', 'EAGLE COUNTY JAIL', '', 'Detainer'], layout, { line: 7, stem: 'F' })
    expect(item).toMatchObject({ kind: 'record', record: { source: 'ice-lesa', record_id: 'F:7', event_date: '2015-10-01', facility_name: 'EAGLE COUNTY JAIL', location: { aor: 'Denver' } } })
    expect(parseIceLesaRow(['x', '10/1/2015', '', '', 'Other'], layout, { line: 8, stem: 'F' })).toEqual({ kind: 'skipped', line: 8 })
  })
  it('reports wrong widths and bad dates without the row content', () => {
    expect(parseIceLesaRow(['a', 'b'], layout, { line: 9, stem: 'F' })).toEqual({ kind: 'unparseable', line: 9, reason: 'expected 5 fields, found 2' })
    expect(parseIceLesaRow(['a', '99/99/2015', '', '', 'Detainer'], layout, { line: 10, stem: 'F' })).toMatchObject({ kind: 'unparseable', reason: 'Event Date is not a date (M/D/YYYY)' })
  })
})

describe('iceLesaLayout', () => {
  it('recognizes the encounters and arrests headers', () => {
    expect(iceLesaLayout(['Event Area of Responsibility', 'Event Date', 'Landmark', 'Operation', 'Processing Disposition'])?.layout).toEqual({ width: 5, aor: 0, date: 1, landmark: 2, disposition: 4 })
    expect(iceLesaLayout(['Area of Responsibility', 'Apprehension Date', 'Apprehension Method', 'Apprehension Landmark', 'Processing Disposition'])?.layout?.landmark).toBe(3)
    expect(iceLesaLayout(['ERO-LESA Statistical Tracking Unit', ''])).toBeUndefined()
    expect(iceLesaLayout(['Area of Responsibility', 'Apprehension Date', 'Processing Disposition Code'])?.missing).toEqual(['Landmark', 'Processing Disposition'])
  })
})

describe('readIceLesa on the fixture', () => {
  it('finds the header after the preamble, keeps detainers and reports malformed rows', async () => {
    for (const path of [fixture('ice-lesa-encounters.csv'), gzippedFixture('ice-lesa-encounters.csv')]) {
      const { records, skipped, unparseable } = byKind(await collect(readIceLesa(path)))
      expect(records.map((r) => r.line)).toEqual([7, 8, 9, 10, 13, 16])
      expect(skipped).toEqual([11, 12])
      expect(unparseable).toEqual([
        { line: 14, reason: 'expected 8 fields, found 7' },
        { line: 15, reason: 'Event Date is not a date (M/D/YYYY)' },
      ])
      const first = records[0]?.record
      expect(first).toMatchObject({ record_id: 'ice-lesa-encounters:7', event_date: '2015-10-03', location: { aor: 'Houston', facilityName: 'HARRIS COUNTY JAIL, HOUSTON, TX' } })
      expect(JSON.stringify(records)).not.toContain('COUNTRY')
    }
  })
  it('stops after maxRows data rows and reports the count', async () => {
    let seen = 0
    const items = await collect(readIceLesa(fixture('ice-lesa-encounters.csv'), { maxRows: 3, onRows: (n) => (seen = n) }))
    expect(items).toHaveLength(3)
    expect(seen).toBe(3)
  })
  it('refuses a file without the header, naming it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lesa-')), 'x.csv')
    writeFileSync(path, 'a|b\n1|2\n')
    await expect(collect(readIceLesa(path))).rejects.toMatchObject({ code: 'invalid-input', location: { file: path } })
    writeFileSync(path, '"Area of Responsibility"|"Apprehension Date"|"Processing Disposition Code"\n')
    await expect(collect(readIceLesa(path))).rejects.toThrow(/lacks columns "Landmark", "Processing Disposition"/)
  })
})
