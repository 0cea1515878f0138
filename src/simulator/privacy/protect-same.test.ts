/**
 * The protection decides exactly what it decided before its hot loops were rewritten (flat
 * scratch entries, typed item buffers): the digests below were recorded with the earlier
 * implementation (commit d9e36c2) on the same generated tables, and cover the suppression, every
 * item's witness and every witness's entries in order.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { atomKey, protect, PRACTICE_UNKNOWN, type ProtectInput } from './index.ts'

function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Jurisdictions × months with small and large cells, three origins (two sources, one recording practice). */
function table(seed: number, groups: number, months: number, cf: boolean): ProtectInput {
  const r = rng(seed)
  const cells: Array<{ group: number; linked: boolean; month: number }> = []
  const atoms = new Map<number, number>()
  const origins = [
    { file: 0, source: 0 },
    { file: 0, source: 1 },
    { file: 1, source: 1 },
  ]
  for (let g = 0; g < groups; g++) {
    for (let m = 0; m < months; m++) {
      if (r() < 0.2) continue
      const c = cells.push({ group: g, linked: g % 7 !== 6, month: m === months - 1 && g % 5 === 0 ? -1 : 24_000 + m }) - 1
      const size = r() < 0.45 ? 1 + Math.floor(r() * 10) : 11 + Math.floor(r() * (r() < 0.1 ? 2000 : 80))
      for (let i = 0; i < size; i++) {
        const origin = g % 4 === 0 ? 0 : Math.floor(r() * 3)
        const law = Math.floor(r() * r() * 4)
        const cfAnswer = cf ? Math.floor(r() * r() * 4) : 0
        const practice = origin !== 0 && r() < 0.6 ? Math.floor(r() * 4) : PRACTICE_UNKNOWN
        const key = c * 1000 + atomKey(origin, law, cfAnswer, practice)
        atoms.set(key, (atoms.get(key) ?? 0) + 1)
      }
    }
  }
  const list = [...atoms.entries()]
  return {
    minCell: 11,
    cells,
    groups,
    atoms: {
      length: list.length,
      cell: Int32Array.from(list.map(([k]) => Math.floor(k / 1000))),
      key: Int32Array.from(list.map(([k]) => k % 1000)),
      count: Float64Array.from(list.map(([, n]) => n)),
    },
    origins,
    files: 2,
    sources: 2,
    practiceSources: [false, true],
    counterfactual: cf,
    practice: true,
  }
}

function digest(input: ProtectInput, search: 'fast' | 'full'): string {
  const p = protect(input, { search })
  const h = createHash('sha256')
  h.update(p.suppressed)
  h.update(new Uint8Array(p.witnessOf.buffer, p.witnessOf.byteOffset, p.witnessOf.byteLength))
  h.update(JSON.stringify(p.witnesses))
  h.update(`${p.primary}/${p.total}`)
  return h.digest('hex').slice(0, 24)
}

describe('protect decides the same as before its rewrite', () => {
  const cases: Array<[seed: number, groups: number, months: number, cf: boolean, digest: string]> = [
    [21, 40, 12, false, '1b78eb7f0f7cfd24f610bdea'],
    [22, 60, 18, true, '0ece0d116cdc2e2dab9878ec'],
    [23, 120, 6, true, '0f1a19291b273d8ec34cbb0c'],
    [24, 25, 36, false, '75eadae6dbe40209ed23b303'],
  ]
  for (const [seed, groups, months, cf, expected] of cases) {
    it(`seed ${seed}: ${groups} jurisdictions × ${months} months${cf ? ', with a counterfactual' : ''}`, () => {
      const input = table(seed, groups, months, cf)
      const fast = digest(input, 'fast')
      expect(fast).toBe(expected)
      expect(digest(input, 'full')).toBe(expected)
    })
  }
})
