import { describe, expect, it } from 'vitest'
import { parsePierceRow, pierceRecord, rcwLevel, readPierce } from './pierce.ts'
import { byKind, collect, fixture, gzippedFixture } from './test-helpers.ts'

describe('rcwLevel', () => {
  it('reads RCW classes', () => {
    expect(rcwLevel('class A/B felony')).toBe('felony')
    expect(rcwLevel('gross misdemeanor ')).toBe('misdemeanor')
    expect(rcwLevel('civil infraction')).toBe('infraction')
    expect(rcwLevel('gross misdemeanor/class C felony')).toBeNull()
    expect(rcwLevel('other')).toBeNull()
  })
})

describe('parsePierceRow and pierceRecord', () => {
  it('skips bookings without an ICE hold', () => {
    expect(parsePierceRow(new Map([['imm_hold', '0']]))).toEqual({ kind: 'skipped' })
  })
  it('takes the most serious non-hold charge', () => {
    const { record } = pierceRecord({
      bookingId: 'f'.repeat(40),
      firstLine: 2,
      date: '2017-01-01',
      disposition: 'Dismissed',
      charges: [
        { description: 'HOLD IMMIGRAT', category: 'other', seriousness: 0 },
        { description: 'THEFT 3', category: 'gross misdemeanor', seriousness: 3 },
        { description: 'ROBBERY 1', category: 'class A felony', seriousness: 6 },
      ],
    })
    expect(record).toMatchObject({ record_id: 'pierce:ffffffffffffffff', charge_status: 'pending', charge_category: 'robbery', charge_level: 'felony', practice_outcome: 'released', custody: 'county-jail', conviction_status: null })
  })
})

describe('readPierce on the fixture', () => {
  it('groups charge rows into bookings with an ICE hold and reports malformed rows', async () => {
    for (const path of [fixture('pierce-allholds.csv'), gzippedFixture('pierce-allholds.csv')]) {
      const { records, skipped, unparseable } = byKind(await collect(readPierce(path)))
      expect(skipped).toEqual([5])
      expect(unparseable).toEqual([
        { line: 7, reason: 'booking_dt is not a date' },
        { line: 8, reason: 'expected 48 fields, found 3' },
      ])
      expect(records.map((r) => r.line)).toEqual([2, 4, 9])
      const [a, b, d] = records.map((r) => r.record)
      expect(a).toMatchObject({ event_date: '2017-03-01', charge_status: 'pending', charge_category: 'assault', charge_level: 'felony', practice_outcome: 'released-to-ice', location: { countyName: 'Pierce', state: 'wa' } })
      expect(b).toMatchObject({ charge_category: 'drug-trafficking', charge_level: 'felony', practice_outcome: 'transferred' })
      expect(d).toMatchObject({ event_date: '2018-02-01', charge_status: 'none', charge_category: null, practice_outcome: 'lifted-by-ice' })
    }
  })
})
