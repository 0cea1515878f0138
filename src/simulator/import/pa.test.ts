import { describe, expect, it } from 'vitest'
import { readPa } from './pa.ts'
import { byKind, collect, fixture, gzippedFixture } from './test-helpers.ts'

describe('readPa on the fixture', () => {
  it('reads lift reasons, forms and places, and reports malformed rows', async () => {
    for (const path of [fixture('pa-detainers.csv'), gzippedFixture('pa-detainers.csv')]) {
      const items = await collect(readPa(path))
      const { records, unparseable } = byKind(items)
      expect(records.map((r) => r.line)).toEqual([2, 3, 4, 5, 8])
      expect(unparseable).toEqual([
        { line: 6, reason: 'date is not a date (YYYY-MM-DD)' },
        { line: 7, reason: 'expected 6 fields, found 5' },
      ])
      const [closed, declined, booked, blank, unknown] = records.map((r) => r.record)
      expect(closed).toMatchObject({ record_id: 'pa-detainers:2', event_date: '2009-10-02', practice_outcome: 'lifted-by-ice', detainer_form: null, location: { state: 'pa', city: 'NORRISTOWN' } })
      expect(declined).toMatchObject({ practice_outcome: 'declined-by-lea', detainer_form: 'I-247' })
      expect(booked).toMatchObject({ practice_outcome: 'released-to-ice', detainer_form: 'I-247D' })
      expect(blank).toMatchObject({ practice_outcome: null, detainer_form: 'I-247N' })
      expect(unknown?.practice_outcome).toBeNull()
      expect(records[4]?.unmapped).toEqual([{ field: 'lift_reason', value: 'Released on a Tuesday' }])
    }
  })
  it('names a missing column', async () => {
    await expect(collect(readPa(fixture('pierce-allholds.csv')))).rejects.toThrow(/PA detainers file lacks columns "date"/)
  })
})
