import { describe, expect, it } from 'vitest'
import { HashIndex } from './hash-index.ts'

describe('HashIndex', () => {
  it('gives each distinct 64-bit key (two 32-bit halves) one dense index, like a Map of the pair', () => {
    const index = new HashIndex()
    const reference = new Map<string, number>()
    let seed = 12345
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0)
    const keys: Array<[number, number]> = []
    for (let i = 0; i < 20_000; i++) {
      // halves that collide in one half only, the same low half under many high halves, and extremes
      const hi = i % 5 === 0 ? -2147483648 : next() % 97
      const lo = i % 3 === 0 ? 2147483647 : next() % 1013
      keys.push([hi, lo])
    }
    for (const [hi, lo] of [...keys, ...keys.reverse()]) {
      const k = `${hi},${lo}`
      if (!reference.has(k)) reference.set(k, reference.size)
      expect(index.index(hi, lo)).toBe(reference.get(k))
    }
    expect(index.size).toBe(reference.size)
  })
})
