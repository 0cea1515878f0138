/**
 * Small-cell suppression: nothing of 1–10 is published, and no suppressed number can be derived
 * from the published ones. The derivation attempt is exact linear algebra: a suppressed number is
 * derivable exactly when it is a linear combination of published ones (over the record counts the
 * attacker does not know), which the test checks by Gaussian elimination, independently of the
 * module's own witness search.
 */
import { describe, expect, it } from 'vitest'
import { atomKey, CELL_SLOTS, LVP_SLOTS, protect, PRACTICE_UNKNOWN, SLOT, SOURCE_SLOTS, TOTAL_UNLINKED, type ProtectInput } from './index.ts'

function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

interface Table {
  input: ProtectInput
  /** counts by cell and atom key */
  atoms: Map<string, number>
}

/**
 * A random table: `groups` jurisdictions × `months`, small and large cells, two origins (one
 * records practice); every `silentEvery`-th jurisdiction has records of the other origin only (no
 * practice recorded anywhere in it).
 */
function randomTable(seed: number, groups: number, months: number, cf: boolean, silentEvery = 0): Table {
  const r = rng(seed)
  const cells: Array<{ group: number; linked: boolean; month: number }> = []
  const atoms = new Map<string, number>()
  for (let g = 0; g < groups; g++) {
    for (let m = 0; m < months; m++) {
      if (r() < 0.15) continue
      const c = cells.push({ group: g, linked: g !== groups - 1, month: 24_000 + m }) - 1
      const size = r() < 0.5 ? 1 + Math.floor(r() * 9) : 11 + Math.floor(r() * 60)
      for (let i = 0; i < size; i++) {
        const origin = r() < 0.6 || (silentEvery > 0 && g % silentEvery === 0) ? 0 : 1
        const law = Math.floor(r() * r() * 4)
        const cfAnswer = cf ? Math.floor(r() * 4) : 0
        const practice = origin === 1 && r() < 0.7 ? Math.floor(r() * 4) : PRACTICE_UNKNOWN
        const key = `${c}:${atomKey(origin, law, cfAnswer, practice)}`
        atoms.set(key, (atoms.get(key) ?? 0) + 1)
      }
    }
  }
  const list = [...atoms.entries()]
  return {
    atoms,
    input: {
      minCell: 11,
      cells,
      groups,
      atoms: {
        length: list.length,
        cell: Int32Array.from(list.map(([k]) => Number(k.split(':')[0]))),
        key: Int32Array.from(list.map(([k]) => Number(k.split(':')[1]))),
        count: Float64Array.from(list.map(([, n]) => n)),
      },
      origins: [
        { file: 0, source: 0 },
        { file: 1, source: 1 },
      ],
      files: 2,
      sources: 2,
      practiceSources: [false, true],
      counterfactual: cf,
      practice: true,
    },
  }
}

const HELD_LOWER = [1, 1, 0, 0]
const HELD_UPPER = [1, 1, 0, 1]

/**
 * Every published number as a vector over the unknown record counts, written from the report's
 * definitions (not from the module), with the counts the published structure already fixes at 0
 * (a known practice from a source that records none; a known practice in a place without a
 * law-versus-practice row) left out.
 */
function publishedVectors(t: Table, p: ReturnType<typeof protect>): { variables: string[]; vector: (item: number) => Float64Array } {
  const { input } = t
  const lvpGroups = new Set(p.layout.lvpGroups)
  const variables: string[] = []
  input.cells.forEach((cell, c) => {
    for (let origin = 0; origin < 2; origin++)
      for (let law = 0; law < 4; law++)
        for (let cf = 0; cf < (input.counterfactual ? 4 : 1); cf++)
          for (let practice = 0; practice < 5; practice++) {
            if (practice !== PRACTICE_UNKNOWN && (!input.practiceSources[origin] || !lvpGroups.has(cell.group))) continue
            variables.push(`${c}:${origin}:${law}:${cf}:${practice}`)
          }
  })
  const vector = (item: number): Float64Array => {
    const v = new Float64Array(variables.length)
    variables.forEach((name, i) => {
      const [c, origin, law, cf, practice] = name.split(':').map(Number) as [number, number, number, number, number]
      const cell = input.cells[c]!
      const inSlot = (slot: number): boolean =>
        slot === SLOT.records ||
        (slot >= 1 && slot <= 4 && law === slot - 1) ||
        (slot === 5 && HELD_LOWER[law] === 1) ||
        (slot === 6 && HELD_UPPER[law] === 1) ||
        (slot >= 7 && slot <= 10 && cf === slot - 7) ||
        (slot === 11 && HELD_LOWER[cf] === 1) ||
        (slot === 12 && HELD_UPPER[cf] === 1) ||
        (slot >= 13 && slot <= 17 && practice === slot - 13)
      let member = false
      const L = p.layout
      if (item < L.totalBase) member = Math.floor(item / CELL_SLOTS) === c && inSlot(item % CELL_SLOTS)
      else if (item < L.fileBase) member = item - L.totalBase === TOTAL_UNLINKED ? !cell.linked : inSlot(item - L.totalBase)
      else if (item < L.sourceBase) member = input.origins[origin]!.file === item - L.fileBase
      else if (item < L.lvpBase) {
        const s = Math.floor((item - L.sourceBase) / SOURCE_SLOTS)
        const k = (item - L.sourceBase) % SOURCE_SLOTS
        member = input.origins[origin]!.source === s && (k === 0 || (k === 1 && cell.linked) || (k === 2 && !cell.linked))
      } else {
        const row = Math.floor((item - L.lvpBase) / LVP_SLOTS)
        const k = (item - L.lvpBase) % LVP_SLOTS
        member =
          L.lvpGroups[row] === cell.group &&
          practice !== PRACTICE_UNKNOWN &&
          (k === 0 || (k === 1 && HELD_LOWER[law] === 1) || (k === 2 && HELD_UPPER[law] === 1) || (k === 3 && practice === 0) || (k === 4 && practice === 1))
      }
      if (member) v[i] = 1
    })
    return v
  }
  return { variables, vector }
}

/** Row-reduces the published vectors; `derivable(v)` says whether v is a combination of them. */
function rowSpace(rows: Float64Array[]): (v: Float64Array) => boolean {
  const basis: Array<{ pivot: number; row: Float64Array }> = []
  const reduce = (v: Float64Array): Float64Array => {
    const w = Float64Array.from(v)
    for (const { pivot, row } of basis) {
      const f = w[pivot]!
      if (Math.abs(f) > 1e-9) for (let j = 0; j < w.length; j++) w[j]! -= f * row[j]!
    }
    return w
  }
  for (const r of rows) {
    const w = reduce(r)
    let pivot = -1
    for (let j = 0; j < w.length; j++) if (Math.abs(w[j]!) > 1e-9) { pivot = j; break }
    if (pivot < 0) continue
    const f = w[pivot]!
    for (let j = 0; j < w.length; j++) w[j]! /= f
    for (const b of basis) {
      const g = b.row[pivot]!
      if (Math.abs(g) > 1e-9) for (let j = 0; j < w.length; j++) b.row[j]! -= g * w[j]!
    }
    basis.push({ pivot, row: w })
  }
  return (v) => reduce(v).every((x) => Math.abs(x) < 1e-7)
}

describe('protect', () => {
  for (const [seed, cf] of [
    [1, false],
    [2, true],
    [3, true],
  ] as const) {
    it(`seed ${seed}${cf ? ' with a counterfactual' : ''}: no small number published, no suppressed number derivable`, () => {
      const t = randomTable(seed, 4, 5, cf)
      const p = protect(t.input)
      const published: number[] = []
      const hidden: number[] = []
      for (let i = 0; i < p.layout.size; i++) {
        const isPublished = !p.suppressed[i]
        if (isPublished) published.push(i)
        else hidden.push(i)
      }
      // nothing of 1–10 published; every small cell's count hidden
      expect(published.filter((i) => p.values[i]! >= 1 && p.values[i]! <= 10)).toEqual([])
      t.input.cells.forEach((_, c) => {
        const n = p.values[p.layout.cell(c, SLOT.records)]!
        if (n < 11) expect(p.suppressed[p.layout.cell(c, SLOT.records)]).toBe(1)
      })
      expect(p.primary).toBeGreaterThan(5)
      // the attempt: is any suppressed (published-kind) number a combination of published ones?
      const { vector } = publishedVectors(t, p)
      const derivable = rowSpace(published.map(vector))
      // hidden numbers of kinds the report publishes (no counterfactual columns without one)
      const cfSlot = (i: number) => i < p.layout.totalBase + 19 && (i < p.layout.totalBase ? i % CELL_SLOTS : i - p.layout.totalBase) >= 7 && (i < p.layout.totalBase ? i % CELL_SLOTS : i - p.layout.totalBase) <= 12
      const realHidden = hidden.filter((i) => (cf || !cfSlot(i)) && vector(i).some((x) => x !== 0))
      expect(realHidden.length).toBeGreaterThan(10)
      const derived = realHidden.filter((i) => derivable(vector(i)))
      expect(derived).toEqual([])
      // and the headline totals stay published
      expect(p.suppressed[p.layout.total(SLOT.records)]).toBe(0)
    })
  }

  // the search's shortcuts (skipping what cannot succeed) must decide exactly what the full search
  // decides: the same suppression, the same witnesses, in the same order
  for (const [seed, groups, months, cf, silentEvery] of [
    [11, 12, 10, false, 3],
    [12, 20, 8, true, 2],
    [13, 30, 12, true, 4],
    [14, 6, 24, false, 0],
  ] as const) {
    it(`seed ${seed}: the fast search decides exactly what the full search decides`, () => {
      const t = randomTable(seed, groups, months, cf, silentEvery)
      const fast = protect(t.input)
      const full = protect(t.input, { search: 'full' })
      expect(fast.primary).toBeGreaterThan(5)
      expect(Buffer.from(fast.suppressed).equals(Buffer.from(full.suppressed))).toBe(true)
      expect([...fast.witnessOf]).toEqual([...full.witnessOf])
      expect(fast.witnesses).toEqual(full.witnesses)
      expect({ primary: fast.primary, total: fast.total }).toEqual({ primary: full.primary, total: full.total })
      // the shortcut for zeros that cannot be raised is exercised
      if (silentEvery > 0) {
        const silentZero = t.input.cells.some((cell, c) => cell.group % silentEvery === 0 && fast.values[fast.layout.cell(c, SLOT.records)]! < 11)
        expect(silentZero).toBe(true)
      }
    })
  }

  it('a lone small cell beside a published total gets a complement (the classic differencing attack fails)', () => {
    // one jurisdiction, three months: 40, 5 and 30 records, all permitted
    const cells = [0, 1, 2].map((m) => ({ group: 0, linked: true, month: m }))
    const counts = [40, 5, 30]
    const input: ProtectInput = {
      minCell: 11,
      cells,
      groups: 1,
      atoms: { length: 3, cell: Int32Array.from([0, 1, 2]), key: Int32Array.from([0, 0, 0].map(() => atomKey(0, 0, 0, PRACTICE_UNKNOWN))), count: Float64Array.from(counts) },
      origins: [{ file: 0, source: 0 }],
      files: 1,
      sources: 1,
      practiceSources: [false],
      counterfactual: false,
      practice: false,
    }
    const p = protect(input)
    const shown = (c: number) => (p.suppressed[p.layout.cell(c, SLOT.records)] ? null : p.values[p.layout.cell(c, SLOT.records)]!)
    const total = p.suppressed[p.layout.total(SLOT.records)] ? null : p.values[p.layout.total(SLOT.records)]!
    expect(total).toBe(75)
    expect(shown(1)).toBeNull()
    // total minus the published cells would give the small one; a second cell is hidden with it
    const published = [0, 1, 2].map(shown).filter((v): v is number => v !== null)
    expect(published.length).toBeLessThanOrEqual(1)
    expect(total! - published.reduce((a, b) => a + b, 0)).not.toBe(5)
  })

  it('suppresses a whole small cell, zeros included, except what no table could change', () => {
    const input: ProtectInput = {
      minCell: 11,
      cells: [
        { group: 0, linked: true, month: 0 },
        { group: 0, linked: true, month: 1 },
        { group: 1, linked: true, month: 0 },
      ],
      groups: 2,
      atoms: {
        length: 4,
        cell: Int32Array.from([0, 1, 2, 2]),
        key: Int32Array.from([atomKey(0, 0, 0, 4), atomKey(0, 3, 0, 4), atomKey(0, 0, 0, 4), atomKey(0, 2, 0, 4)]),
        count: Float64Array.from([4, 50, 30, 20]),
      },
      origins: [{ file: 0, source: 0 }],
      files: 1,
      sources: 1,
      practiceSources: [false],
      counterfactual: false,
      practice: false,
    }
    const p = protect(input)
    // cell 0 has 4 records, all permitted: its zeros (required, prohibited, undetermined) are hidden
    // too, except "required", which no record anywhere has (its total, 0, is published)
    expect(p.suppressed[p.layout.cell(0, SLOT.law + 2)]).toBe(1)
    expect(p.suppressed[p.layout.cell(0, SLOT.law + 3)]).toBe(1)
    expect(p.suppressed[p.layout.cell(0, SLOT.law + 1)]).toBe(0)
    expect(p.values[p.layout.total(SLOT.law + 1)]).toBe(0)
    expect(p.suppressed[p.layout.total(SLOT.records)]).toBe(0)
  })
})
