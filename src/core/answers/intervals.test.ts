import { describe, expect, it } from 'vitest'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../../adapters/fs/index.ts'
import { formatDay, parseDay } from '../dates/index.ts'
import { createEngine, QUESTION_NAMES } from '../engine/index.ts'
import { boundaryDays } from '../registry/index.ts'
import { answersFor, answersIntervalKey, buildGazetteer, calendarPiece, createAnswersCache, intervalIndex, TEMPLATE_IDS, type GazetteerInput } from './index.ts'

describe('interval helpers', () => {
  it('counts the boundary days at or before a day', () => {
    const b = [10, 20, 30]
    expect([0, 9, 10, 19, 20, 29, 30, 99].map((d) => intervalIndex(b, d))).toEqual([0, 0, 1, 1, 2, 2, 3, 3])
  })

  it('splits the calendar on 1 March and 29 February', () => {
    expect(calendarPiece('2019-03-01')).toBe(calendarPiece('2019-12-31'))
    expect(calendarPiece('2019-03-01')).toBe(calendarPiece('2020-02-28'))
    expect(calendarPiece('2020-02-29')).not.toBe(calendarPiece('2020-02-28'))
    expect(calendarPiece('2020-02-29')).not.toBe(calendarPiece('2020-03-01'))
    expect(calendarPiece('2019-02-28')).not.toBe(calendarPiece('2019-03-01'))
  })
})

describe('answers cached by interval, over the real registry', async () => {
  const registry = await loadRegistryOrThrow(defaultRegistryDir())
  const engine = createEngine(registry, { version: 'test' })
  const atlas = await loadUsAtlas()
  // every state; the counties of states with many files, and every 25th county elsewhere (the
  // same chains of files as the whole map, fewer rows)
  const many = new Set(['06', '34', '36', '48', '17', '53', '41', '42', '12', '08'])
  const input: GazetteerInput = { ...atlas.input, counties: atlas.input.counties.filter((c, i) => many.has(c.geoid.slice(0, 2)) || i % 25 === 0) }
  const gazetteer = buildGazetteer(registry, input)
  const boundaries = boundaryDays([...registry.enactments.values()])
  const sb54 = parseDay('2018-01-01')!

  it('two dates in one interval share an entry; a date across a boundary does not', () => {
    expect(boundaries).toContain(sb54)
    const cache = createAnswersCache(engine, gazetteer)
    // the interval that ends the day before SB 54's first day
    const start = boundaries.filter((d) => d < sb54).pop()!
    expect(sb54 - start).toBeGreaterThan(2)
    const inside = [start, Math.floor((start + sb54) / 2), sb54 - 1].map(formatDay)
    expect(new Set(inside.map((d) => answersIntervalKey(registry, 'no-record', d))).size).toBe(1)
    const first = cache.decisions(inside[0]!, 'hold', 'no-record')
    const evaluations = cache.stats().evaluations
    expect(cache.decisions(inside[1]!, 'hold', 'no-record')).toBe(first)
    expect(cache.decisions(inside[2]!, 'hold', 'no-record')).toBe(first)
    expect(cache.stats().evaluations).toBe(evaluations)
    const across = formatDay(sb54)
    expect(answersIntervalKey(registry, 'no-record', across)).not.toBe(answersIntervalKey(registry, 'no-record', inside[2]!))
    const other = cache.decisions(across, 'hold', 'no-record')
    expect(other).not.toBe(first)
    expect(cache.stats().intervals).toBe(2)
    // a different question or template is a different entry
    expect(cache.decisions(inside[1]!, 'notify', 'no-record')).not.toBe(first)
  })

  it('gives the same answers as the uncached computation, for a sample of dates', () => {
    const cache = createAnswersCache(engine, gazetteer)
    let s = 12345
    const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const lo = parseDay('2008-01-01')!
    const hi = parseDay('2026-11-01')!
    const around = boundaries.filter((d) => d > lo && d < hi)
    const days = new Set<number>()
    for (let i = 0; i < 6; i++) days.add(lo + Math.floor(random() * (hi - lo)))
    for (let i = 0; i < 6; i++) {
      const b = around[Math.floor(random() * around.length)]!
      days.add(b - 1)
      days.add(b)
    }
    for (const d of ['2016-02-28', '2016-02-29', '2016-03-01', '2017-02-28', '2017-03-01', '2021-02-28', '2021-03-01']) days.add(parseDay(d)!)
    for (const day of days) {
      const date = formatDay(day)
      for (const template of TEMPLATE_IDS) {
        for (const action of QUESTION_NAMES) {
          const cached = cache.answers(cache.decisions(date, action, template), date)
          expect(cached, `${date} ${action} ${template}`).toEqual(answersFor({ engine, gazetteer, date, action, template }))
        }
      }
    }
    // fewer evaluations than the uncached computation's one per chain, date, question and template,
    // although these dates are chosen to fall in as many different intervals as possible
    const chains = new Set([...cache.chainOfState, ...cache.chainOfCounty]).size
    expect(cache.stats().evaluations).toBeLessThan((days.size * TEMPLATE_IDS.length * QUESTION_NAMES.length * chains) * 0.75)
  }, 300_000)

  it('gives the uncached answers on the days of and around boundaries of the law and of the 287(g) agreements, and on random days', () => {
    const cache = createAnswersCache(engine, gazetteer)
    let s = 4242
    const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const lo = parseDay('2008-01-01')!
    const hi = parseDay('2026-11-01')!
    const all = [...registry.enactments.values()]
    const pick = <T,>(xs: readonly T[], n: number): T[] => Array.from({ length: Math.min(n, xs.length) }, () => xs[Math.floor(random() * xs.length)]!)
    const agreementDays = boundaryDays(all.filter((e) => e.enactmentKind === 'agreement')).filter((d) => d > lo && d < hi)
    // the agreements add hundreds of boundary days: the cache must not take one side of one for the other
    expect(agreementDays.length).toBeGreaterThan(100)
    const lawDays = boundaryDays(all.filter((e) => e.enactmentKind !== 'agreement')).filter((d) => d > lo && d < hi)
    const around = [...pick(agreementDays, 14), ...pick(lawDays, 8)]
    const days = new Set<number>()
    for (const b of around) for (const d of [b - 1, b, b + 1]) days.add(d)
    for (let i = 0; i < 8; i++) days.add(lo + Math.floor(random() * (hi - lo)))
    // visited in random order, so that an interval is first seen from any of its days
    const order = [...days].sort(() => random() - 0.5)
    let differing = 0
    const seen = new Map<string, string>()
    for (const day of order) {
      const date = formatDay(day)
      for (const template of TEMPLATE_IDS) {
        for (const action of QUESTION_NAMES) {
          const uncached = answersFor({ engine, gazetteer, date, action, template })
          expect(cache.answers(cache.decisions(date, action, template), date), `${date} ${action} ${template}`).toEqual(uncached)
          // (the comparison has teeth: across some of these boundaries the answers do change)
          const text = JSON.stringify({ ...uncached, date: '', facts: null })
          const before = seen.get(`${formatDay(day - 1)} ${action} ${template}`)
          if (before !== undefined && before !== text) differing++
          seen.set(`${date} ${action} ${template}`, text)
        }
      }
    }
    expect(differing).toBeGreaterThan(0)
  }, 600_000)

  it('refuses what answersFor refuses, naming the field', () => {
    const cache = createAnswersCache(engine, gazetteer)
    expect(() => cache.decisions('2019-02-30', 'hold', 'no-record')).toThrow(expect.objectContaining({ code: 'invalid-input', location: { field: 'date' } }))
    expect(() => cache.decisions('2019-02-01', 'arrest', 'no-record')).toThrow(expect.objectContaining({ location: { field: 'action' } }))
    expect(() => cache.decisions('2019-02-01', 'hold', 'nope')).toThrow(expect.objectContaining({ location: { field: 'template' } }))
  })
})
