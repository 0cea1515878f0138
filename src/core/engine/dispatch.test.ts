import { describe, expect, it } from 'vitest'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { jurisdictionIndex } from './case.ts'
import { formatDay } from '../dates/index.ts'
import { createEngine, parseCase, QUESTION_NAMES, type ParsedCase } from './index.ts'

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

  it('answers every interval, the latest three and older ones, and every custody as the interpreted path does', () => {
    const registry = fixtureRegistry()
    const engine = createEngine(registry, { version: 'test' })
    let older = 0
    for (const jurisdiction of [...registry.jurisdictions.keys(), 'ocd-division/country:us/state:ca/county:fresno']) {
      const starts = [...engine.planFor(jurisdiction).starts].filter((d) => d > -1_000_000)
      if (starts.length > 3) older++
      // Latest first, so the first case builds the row and later ones reach the intervals before its latest three.
      const days = [...starts.flatMap((d) => [d + 1, d, d - 1]), 0].sort((a, b) => b - a)
      for (const day of days) {
        for (const custody of [undefined, 'county-jail', 'city-jail', 'state-prison'] as const) {
          const parsed = parseCase({ jurisdiction, date: formatDay(day), custody, detainer: { judicialWarrant: false, judicialProbableCause: false } })
          for (const q of QUESTION_NAMES) expect({ jurisdiction, day, custody, q, v: engine.decideQuestion(parsed, q) }).toEqual({ jurisdiction, day, custody, q, v: engine.decideInterpreted(parsed, q) })
          const all = engine.decideAll(parsed)
          expect(QUESTION_NAMES.map((q, i) => (all >> (2 * i)) & 3)).toEqual(QUESTION_NAMES.map((q) => engine.decideInterpreted(parsed, q)))
        }
      }
    }
    expect(older).toBeGreaterThan(0)
  })
})
