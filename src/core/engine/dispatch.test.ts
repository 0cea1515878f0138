import { describe, expect, it } from 'vitest'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { jurisdictionIndex } from './case.ts'
import { createEngine, parseCase, type ParsedCase } from './index.ts'

describe('batch dispatch by jurisdiction index', () => {
  it('gives the same id the same index and different ids different ones', () => {
    const a = jurisdictionIndex('ocd-division/country:us/state:ca')
    expect(jurisdictionIndex('ocd-division/country:us/state:ca')).toBe(a)
    expect(jurisdictionIndex('ocd-division/country:us/state:tx')).not.toBe(a)
  })

  it('answers a parsed case (with an index) as the same case built by hand (without one)', () => {
    const engine = createEngine(fixtureRegistry(), { version: 'test' })
    for (const jurisdiction of ['ocd-division/country:us/state:ca', 'ocd-division/country:us/state:ca/county:fresno', 'ocd-division/country:us/state:tx']) {
      for (const date of ['2010-01-01', '2018-06-01', '2024-03-03']) {
        const parsed = parseCase({ jurisdiction, date, custody: 'county-jail', detainer: { judicialWarrant: false, judicialProbableCause: false } })
        expect(parsed.jurisdictionIndex).toBeGreaterThanOrEqual(0)
        const { jurisdictionIndex: _i, ...rest } = parsed
        const byHand = rest as ParsedCase
        expect(engine.decideQuestion(parsed, 'hold')).toBe(engine.decideQuestion(byHand, 'hold'))
        expect(engine.decideAll(parsed)).toBe(engine.decideAll(byHand))
        // A second engine keeps its own table: same answers.
        expect(createEngine(fixtureRegistry(), { version: 'test' }).decideAll(parsed)).toBe(engine.decideAll(parsed))
      }
    }
  })
})
