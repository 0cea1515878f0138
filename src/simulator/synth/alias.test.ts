import { describe, expect, it } from 'vitest'
import { aliasDraw, aliasProbabilities, aliasTable } from './alias.ts'

describe('alias tables', () => {
  it('give each category its weight, exactly', () => {
    const cases = [[3, 1], [43_362, 12_486, 516], [1, 2, 3, 4, 5], [0, 7, 0, 1], [1e-6, 1, 1e6]]
    for (const weights of cases) {
      const total = weights.reduce((a, w) => a + w, 0)
      const p = aliasProbabilities(aliasTable(weights))
      p.forEach((x, i) => expect(x).toBeCloseTo((weights[i] as number) / total, 12))
    }
  })

  it('never draws a zero-weight category, over a fine grid of uniforms', () => {
    const t = aliasTable([0, 5, 0, 2, 0])
    const counts = [0, 0, 0, 0, 0]
    for (let k = 0; k < 70_000; k++) counts[aliasDraw(t, k / 70_000)]!++
    expect(counts[0]).toBe(0)
    expect(counts[2]).toBe(0)
    expect(counts[4]).toBe(0)
    expect(counts[1]).toBe(50_000)
    expect(counts[3]).toBe(20_000)
  })

  it('rejects weights that cannot be a distribution', () => {
    expect(() => aliasTable([])).toThrow(RangeError)
    expect(() => aliasTable([0, 0])).toThrow(RangeError)
    expect(() => aliasTable([1, -1, 3])).toThrow(RangeError)
    expect(() => aliasTable([1, Number.NaN])).toThrow(RangeError)
  })
})
