/**
 * The batch path's dispatcher: one monomorphic routine, shared by every jurisdiction, that finds a
 * case's interval and answer from flat typed arrays. Per jurisdiction and question it holds the
 * start days of the intervals (adjacent ones with the same provisions merged) and, per interval,
 * either the answer itself — when the interval's decision tree returns a constant whatever the case
 * says, which is so for most (jurisdiction, interval) pairs: the federal baseline alone, an
 * unconditional state mandate — or the index of a generated function (compile.ts) that reads the
 * facts. Generated functions with the same source are one function, so the call through them has
 * few targets.
 *
 * Layout of `data` for one jurisdiction at offset `o`: `n, start0, value0, …, start(n-1), value(n-1)`;
 * `start0` is below every real day; values as {@link BatchDispatch} stores them.
 */
import type { Condition, FactPath } from '../registry/index.ts'
import type { ParsedCase } from './case.ts'
import type { BatchFunction } from './compile.ts'
import type { SegmentItem } from './plan.ts'

/**
 * An interval whose answer depends only on the custody and yes/no facts: the answer for every
 * combination of the facts in `mask` (see {@link FACT_BITS}), indexed by the case's fact code.
 */
export interface FactTable {
  readonly kind: 'fact-table'
  readonly mask: number
  readonly codes: Uint8Array
}

/** One jurisdiction's intervals as the dispatcher stores them: start days and, per interval, a constant answer, a fact table or a function. */
export interface Routed {
  readonly starts: readonly number[]
  readonly leaves: readonly (number | FactTable | BatchFunction)[]
}

/**
 * The facts a fact table can key on, by bit, in the order they enter the code: custody (four
 * values: absent, county jail, city jail, state prison), then yes/no facts (three: absent, no, yes).
 */
export const FACT_BITS: Readonly<Partial<Record<FactPath, number>>> = Object.freeze({
  custody: 1,
  'detainer.judicialWarrant': 2,
  'detainer.judicialProbableCause': 4,
  'detainer.reimbursementAgreement': 8,
  'detainer.writtenConsent': 16,
  'person.lawfulStatusProof': 32,
  'person.gangDatabase': 64,
})
const DETAINER_FACTS = 2 | 4 | 8 | 16
const PERSON_FACTS = 32 | 64
/** Largest fact table (custody and six yes/no facts: 4 × 3^6 = 2,916). */
const MAX_FACT_TABLE = 4096

function conditionBits(c: Condition | undefined): number | undefined {
  if (!c) return 0
  switch (c.kind) {
    case 'all':
    case 'any': {
      let bits = 0
      for (const part of c.parts) {
        const b = conditionBits(part)
        if (b === undefined) return undefined
        bits |= b
      }
      return bits
    }
    case 'not':
      return conditionBits(c.part)
    case 'fact':
      return FACT_BITS[c.path]
    case 'offense':
      return undefined
  }
}

/**
 * The facts a set of interval items reads, as {@link FACT_BITS}, or undefined when one of them
 * reads anything else (an offense list, an age, the detainer form) and so cannot be a fact table.
 *
 * @example
 * ```ts
 * factMask(sb54Items) // 1 | 2 | 4: custody, judicial warrant, judicial probable cause
 * ```
 */
export function factMask(items: readonly SegmentItem[]): number | undefined {
  let bits = 0
  for (const it of items) {
    const c = it.candidate
    if (c.custodyMask !== 7) bits |= 1
    if (c.unknownLayer) continue
    const w = conditionBits(c.provision.when)
    const u = conditionBits(c.provision.unless)
    if (w === undefined || u === undefined) return undefined
    bits |= w | u
  }
  return bits
}

const CUSTODY_VALUES = [undefined, 'county-jail', 'city-jail', 'state-prison'] as const
const YES_NO_VALUES = [undefined, false, true] as const
const YES_NO_FIELDS: readonly [number, 'detainer' | 'person', string][] = [
  [2, 'detainer', 'judicialWarrant'],
  [4, 'detainer', 'judicialProbableCause'],
  [8, 'detainer', 'reimbursementAgreement'],
  [16, 'detainer', 'writtenConsent'],
  [32, 'person', 'lawfulStatusProof'],
  [64, 'person', 'gangDatabase'],
]

/**
 * Fills a fact table by running `fn` (the interval's generated function, which reads only the facts
 * in `mask`) on one case per combination of those facts; undefined when the table would be too large.
 *
 * @example
 * ```ts
 * factTable(1 | 2 | 4, sb54Function, 17532)!.codes.length // 4 × 3 × 3 = 36
 * ```
 */
export function factTable(mask: number, fn: BatchFunction, day: number): FactTable | undefined {
  const fields = YES_NO_FIELDS.filter(([bit]) => mask & bit)
  const size = (mask & 1 ? 4 : 1) * 3 ** fields.length
  if (size > MAX_FACT_TABLE) return undefined
  const codes = new Uint8Array(size)
  for (let key = 0; key < size; key++) {
    // Digits in the order `decide` composes them: custody most significant.
    let rest = key
    const digits: number[] = []
    for (let j = fields.length - 1; j >= 0; j--) {
      digits[j] = rest % 3
      rest = Math.floor(rest / 3)
    }
    const detainer: Record<string, boolean | undefined> = {}
    const person: Record<string, boolean | undefined> = {}
    fields.forEach(([, where, field], j) => {
      ;(where === 'detainer' ? detainer : person)[field] = YES_NO_VALUES[digits[j]!]
    })
    const c = { jurisdiction: '', date: '', custody: mask & 1 ? CUSTODY_VALUES[rest] : undefined, detainer, person, day } as ParsedCase
    codes[key] = fn(c)
  }
  return { kind: 'fact-table', mask, codes }
}

function yesNo(v: boolean | undefined): number {
  return v === undefined ? 0 : v ? 2 : 1
}

/**
 * Shift of a custody value's six bits in a packed value, by the length of its text: the custody
 * values' texts have distinct lengths, so the shift is one array read instead of a chain of string
 * comparisons (a branch the processor cannot predict, custody being the fact that varies most).
 * `CUSTODY_AT_LENGTH` confirms the text (one pointer comparison for the schema's own strings).
 */
const CUSTODY_SHIFT_AT_LENGTH = new Int32Array(16)
const CUSTODY_AT_LENGTH: (string | undefined)[] = new Array(16).fill(undefined)
;(['county-jail', 'city-jail', 'state-prison'] as const).forEach((cu, j) => {
  if (CUSTODY_AT_LENGTH[cu.length] !== undefined) throw new Error('internal: two custody values have texts of one length')
  CUSTODY_AT_LENGTH[cu.length] = cu
  CUSTODY_SHIFT_AT_LENGTH[cu.length] = 6 * (j + 1)
})

/** Shift of the case's custody in a packed value (absent custody lowest). */
function custodyShift(cu: string | undefined): number {
  if (cu === undefined) return 0
  const n = cu.length & 15
  if (CUSTODY_AT_LENGTH[n] === cu) return CUSTODY_SHIFT_AT_LENGTH[n]!
  return cu === 'county-jail' ? 6 : cu === 'city-jail' ? 12 : 18
}

/** Intervals at or below which the interval is found by a scan from the latest; above, by bisection. */
const SCAN_MAX = 8

/**
 * Stored value of a row's fourth slot (and of every slot of a jurisdiction not built yet): the
 * interval lies before the latest three, or the jurisdiction has no entry yet.
 */
const ELSEWHERE = -0x80000000
/** Start day of a missing interval in a row (below every real day) and of an unbuilt row's slots (above every real day). */
const BELOW_ALL = -(1 << 29)
const ABOVE_ALL = 1 << 29

/**
 * The batch dispatcher for one question (or all three packed): answers a validated case from the
 * tables, building a jurisdiction's entry on its first case with `build`.
 *
 * Stored values: `v >= 0` is the answer per custody value, six bits each, absent custody lowest (a
 * constant answer is the same six bits four times); `v < 0` is `-(1 + 2t)` for fact table `t` and
 * `-(2 + 2f)` for generated function `f`.
 *
 * @example
 * ```ts
 * const hold = new BatchDispatch((id) => ({ starts: [-1_000_000], leaves: [0] }))
 * hold.decide(parseCase({ jurisdiction: 'ocd-division/country:us/state:wy', date: '2019-01-01' })) // 0
 * ```
 */
export class BatchDispatch {
  /**
   * Per jurisdiction index, eight entries: the start days of its latest three intervals (latest
   * first; `BELOW_ALL` where it has fewer), the offset of its full entry in `data` (-1 until built),
   * and the stored values of those three intervals followed by `ELSEWHERE`. The interval is picked
   * without branches: the number of the three starts after the case's day indexes the values.
   * Most cases are answered from these without reading `data`.
   */
  private recent = BatchDispatch.unbuiltRows(64)
  /** Jurisdiction indexes `recent` has room for. */
  private built = 64
  private data = new Int32Array(1024)
  private used = 0
  private readonly fns: BatchFunction[] = []
  /** Fact tables: their masks, and their codes one after another from `tableStart`. */
  private tableMask = new Int32Array(16)
  private tableStart = new Int32Array(16)
  private tableCodes = new Uint8Array(1024)
  private tables = 0
  private tableUsed = 0
  private readonly fnIndex = new Map<BatchFunction, number>()
  /** Offsets by jurisdiction id, for cases without an index. */
  private readonly byId = new Map<string, number>()

  constructor(private readonly build: (jurisdictionId: string) => Routed) {}

  private static unbuiltRows(count: number): Int32Array {
    const rows = new Int32Array(count * 8)
    for (let b = 0; b < rows.length; b += 8) {
      rows[b] = ABOVE_ALL
      rows[b + 1] = ABOVE_ALL
      rows[b + 2] = ABOVE_ALL
      rows[b + 3] = -1
      rows[b + 7] = ELSEWHERE
    }
    return rows
  }

  /** The value code for a validated case (see `VALUE_CODES`; packed for all three questions). */
  decide(c: ParsedCase): number {
    // Kept small so that it inlines into the caller's loop; the rare paths are methods of their own.
    const i = c.jurisdictionIndex
    if (i === undefined || i < 0 || i >= this.built) return this.decideSlow(c)
    const r = this.recent
    const b = i << 3
    const day = c.day
    // 1 for each of the latest three starts at or before the day (starts and days lie within ±2^29).
    const v = r[b + 7 - (((r[b]! - day - 1) >>> 31) + ((r[b + 1]! - day - 1) >>> 31) + ((r[b + 2]! - day - 1) >>> 31))]!
    if (v >= 0) return (v >> custodyShift(c.custody)) & 63
    return this.answerOther(c, v, b)
  }

  /** The answer a stored value gives for the case. */
  private answer(c: ParsedCase, v: number): number {
    if (v >= 0) return (v >> custodyShift(c.custody)) & 63
    const k = -v - 1
    return k & 1 ? this.fns[k >> 1]!(c) : this.fromTable(c, k >> 1)
  }

  /** A stored value other than an answer by custody: a fact table, a function, or an interval found elsewhere. */
  private answerOther(c: ParsedCase, v: number, b: number): number {
    if (v !== ELSEWHERE) {
      const k = -v - 1
      return k & 1 ? this.fns[k >> 1]!(c) : this.fromTable(c, k >> 1)
    }
    const o = this.recent[b + 3]!
    return o < 0 ? this.decideSlow(c) : this.answer(c, this.scan(o, c.day))
  }

  /** A case whose jurisdiction has no entry by index yet, or has no index: builds it, then answers. */
  private decideSlow(c: ParsedCase): number {
    return this.answer(c, this.scan(this.offsetFor(c), c.day))
  }

  /** The value stored for the interval covering `day` in the entry at offset `o`. */
  private scan(o: number, day: number): number {
    const data = this.data
    const n = data[o]!
    let k = o + 2 * n - 1
    if (n <= SCAN_MAX) while (day < data[k]!) k -= 2
    else k = this.bisect(o, n, day)
    return data[k + 1]!
  }

  /** Position of the start of the last interval beginning at or before `day`, by bisection. */
  private bisect(o: number, n: number, day: number): number {
    const data = this.data
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (data[o + 1 + 2 * mid]! <= day) lo = mid
      else hi = mid - 1
    }
    return o + 1 + 2 * lo
  }

  /** The answer from fact table `t`: the case's fact code over the table's facts, then one read. */
  private fromTable(c: ParsedCase, t: number): number {
    const mask = this.tableMask[t]!
    let key = 0
    if (mask & 1) {
      const cu = c.custody
      key = cu === undefined ? 0 : cu === 'county-jail' ? 1 : cu === 'city-jail' ? 2 : 3
    }
    if (mask & DETAINER_FACTS) {
      const d = c.detainer
      if (d === undefined) {
        if (mask & 2) key *= 3
        if (mask & 4) key *= 3
        if (mask & 8) key *= 3
        if (mask & 16) key *= 3
      } else {
        if (mask & 2) key = key * 3 + yesNo(d.judicialWarrant)
        if (mask & 4) key = key * 3 + yesNo(d.judicialProbableCause)
        if (mask & 8) key = key * 3 + yesNo(d.reimbursementAgreement)
        if (mask & 16) key = key * 3 + yesNo(d.writtenConsent)
      }
    }
    if (mask & PERSON_FACTS) {
      const p = c.person
      if (p === undefined) {
        if (mask & 32) key *= 3
        if (mask & 64) key *= 3
      } else {
        if (mask & 32) key = key * 3 + yesNo(p.lawfulStatusProof)
        if (mask & 64) key = key * 3 + yesNo(p.gangDatabase)
      }
    }
    return this.tableCodes[this.tableStart[t]! + key]!
  }

  private offsetFor(c: ParsedCase): number {
    let o = this.byId.get(c.jurisdiction)
    if (o === undefined) {
      o = this.store(this.build(c.jurisdiction))
      this.byId.set(c.jurisdiction, o)
    }
    const i = c.jurisdictionIndex
    if (i !== undefined && i >= 0) {
      if (i >= this.built) {
        let size = this.built
        while (size <= i) size *= 2
        const grown = BatchDispatch.unbuiltRows(size)
        grown.set(this.recent)
        this.recent = grown
        this.built = size
      }
      const b = i << 3
      const n = this.data[o]!
      for (let j = 0; j < 3; j++) {
        const k = n - 1 - j
        this.recent[b + j] = k >= 0 ? this.data[o + 1 + 2 * k]! : BELOW_ALL
        this.recent[b + 4 + j] = k >= 0 ? this.data[o + 2 + 2 * k]! : 0
      }
      this.recent[b + 3] = o
      this.recent[b + 7] = ELSEWHERE
    }
    return o
  }

  private store(r: Routed): number {
    const need = 1 + 2 * r.starts.length
    if (this.used + need > this.data.length) {
      let size = this.data.length
      while (size < this.used + need) size *= 2
      const grown = new Int32Array(size)
      grown.set(this.data)
      this.data = grown
    }
    const o = this.used
    this.data[o] = r.starts.length
    r.starts.forEach((start, j) => {
      const leaf = r.leaves[j]!
      this.data[o + 1 + 2 * j] = start
      this.data[o + 2 + 2 * j] =
        typeof leaf === 'number'
          ? leaf * 0x41041
          : typeof leaf === 'function'
            ? -(2 + 2 * this.indexOf(leaf))
            : leaf.mask === 1
              ? leaf.codes.reduce((acc, code, cu) => acc | (code << (6 * cu)), 0)
              : -(1 + 2 * this.addTable(leaf))
    })
    this.used += need
    return o
  }

  private addTable(t: FactTable): number {
    if (this.tables === this.tableMask.length) {
      const mask = new Int32Array(this.tables * 2)
      const start = new Int32Array(this.tables * 2)
      mask.set(this.tableMask)
      start.set(this.tableStart)
      this.tableMask = mask
      this.tableStart = start
    }
    if (this.tableUsed + t.codes.length > this.tableCodes.length) {
      let size = this.tableCodes.length
      while (size < this.tableUsed + t.codes.length) size *= 2
      const grown = new Uint8Array(size)
      grown.set(this.tableCodes)
      this.tableCodes = grown
    }
    this.tableMask[this.tables] = t.mask
    this.tableStart[this.tables] = this.tableUsed
    this.tableCodes.set(t.codes, this.tableUsed)
    this.tableUsed += t.codes.length
    return this.tables++
  }

  private indexOf(fn: BatchFunction): number {
    let k = this.fnIndex.get(fn)
    if (k === undefined) {
      k = this.fns.length
      this.fns.push(fn)
      this.fnIndex.set(fn, k)
    }
    return k
  }

  /** Distinct generated functions the dispatcher calls (the rest of its answers are constants). */
  get functionCount(): number {
    return this.fns.length
  }
}
