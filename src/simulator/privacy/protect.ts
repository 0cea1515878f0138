/**
 * Small-cell suppression with complementary suppression, for the simulator's tables.
 *
 * The published numbers ("items") are all sums of "atoms": counts of records by cell
 * (jurisdiction × month), origin (input file and source), the law's answer, the counterfactual's
 * answer and the practice recorded. Items are the cells' counts and breakdowns, the totals over
 * all cells, the counts per file and per source, and per-jurisdiction law-versus-practice rows.
 *
 * Rule: an item of 1 to `minCell − 1` records is suppressed (primary); so is every item of a cell
 * with fewer than `minCell` records (a small cell's breakdown would say what all its few records
 * have in common). Then, for each suppressed item, the search finds a *witness*: a change to the
 * atoms (move one record to another cell, or swap two records' answers between two cells …) that
 * changes that item, keeps every atom non-negative and every listed cell and row in existence,
 * and changes no item that stays published. Every item the witness changes is suppressed too
 * (complementary suppression), and is witnessed by the same change. When the search ends every
 * suppressed item has a witness: two different tables agree on everything published and differ
 * on it, so no combination of published totals can derive it. Items that are zero wherever they
 * could be (a category no record anywhere falls in) stay published: the published total of zero
 * already says so, and so do zeros no table consistent with the published numbers could raise.
 * A small cell's zero is also published when hiding it would cost a law-versus-practice row or a
 * headline total (a zero is not a small count; hiding it is extra care, not the rule).
 *
 * The guarantee is against derivation from the published numbers themselves. It does not model
 * outside knowledge (e.g. that the registry makes some answer impossible in some place).
 */
import { AppError } from '../../core/errors/index.ts'

/** Law and counterfactual answers: 0 permitted, 1 required, 2 prohibited, 3 undetermined. */
export const ANSWER_COUNT = 4
/** Practice groups: 0 honored, 1 declined, 2 released, 3 other, 4 unknown. */
export const PRACTICE_COUNT = 5
export const PRACTICE_UNKNOWN = 4

/** Item slots of a cell (and of the totals, which add `TOTAL_UNLINKED`). */
export const SLOT = {
  records: 0,
  /** law answers 1–4, then held lower (5) and upper (6) */
  law: 1,
  lawHeldLower: 5,
  lawHeldUpper: 6,
  cf: 7,
  cfHeldLower: 11,
  cfHeldUpper: 12,
  /** practice groups 13–17 */
  practice: 13,
} as const
export const CELL_SLOTS = 18
export const TOTAL_UNLINKED = 18
export const TOTAL_SLOTS = 19
/** Source items: records, linked, unlinked. */
export const SOURCE_SLOTS = 3
/** Law-versus-practice items: records with practice recorded, law held lower, upper, honored, declined. */
export const LVP_SLOTS = 5

const HELD_LOWER = [true, true, false, false]
const HELD_UPPER = [true, true, false, true]

/**
 * Packs an atom key: `((origin · 4 + law) · 4 + cf) · 5 + practice`.
 *
 * @example
 * ```ts
 * atomKey(0, 3, 0, 4) // 79
 * ```
 */
export function atomKey(origin: number, law: number, cf: number, practice: number): number {
  return ((origin * ANSWER_COUNT + law) * ANSWER_COUNT + cf) * PRACTICE_COUNT + practice
}

/** What to protect. */
export interface ProtectInput {
  readonly minCell: number
  /** Each cell's group (its jurisdiction), whether it is linked, and its month index (−1 unknown). */
  readonly cells: ReadonlyArray<{ readonly group: number; readonly linked: boolean; readonly month: number }>
  readonly groups: number
  readonly atoms: { readonly length: number; readonly cell: Int32Array; readonly key: Int32Array; readonly count: Float64Array }
  readonly origins: ReadonlyArray<{ readonly file: number; readonly source: number }>
  readonly files: number
  readonly sources: number
  /** Per source: whether it records practice (only its records may have a known practice). */
  readonly practiceSources: readonly boolean[]
  /** Whether counterfactual items are published. */
  readonly counterfactual: boolean
  /** Whether practice items are published (any source records practice). */
  readonly practice: boolean
}

/** The suppression decided, with the item layout to read it. */
export interface Protection {
  readonly layout: ItemLayout
  /** Exact value of every item. */
  readonly values: Float64Array
  /** 1 where an item is suppressed (or not published at all). */
  readonly suppressed: Uint8Array
  /** Per item, the witness that changes it (index into `witnesses`), −1 when none is needed. */
  readonly witnessOf: Int32Array
  readonly witnesses: ReadonlyArray<readonly WitnessEntry[]>
  /** Number of items suppressed because small (primary) and in total. */
  readonly primary: number
  readonly total: number
}

/** One atom change in a witness: +coef records in `cell` at atom `key` (a direction may be negated). */
export interface WitnessEntry {
  readonly cell: number
  readonly key: number
  readonly coef: number
}

/**
 * Where each item lives in the flat item arrays.
 *
 * @example
 * ```ts
 * const layout = new ItemLayout(3, 1, 1, [], 2)
 * layout.cell(2, SLOT.records) // 36
 * ```
 */
export class ItemLayout {
  readonly cellBase = 0
  readonly totalBase: number
  readonly fileBase: number
  readonly sourceBase: number
  readonly lvpBase: number
  readonly size: number
  /** group → its law-versus-practice row index, or −1. */
  readonly lvpRow: Int32Array
  readonly lvpGroups: readonly number[]

  constructor(cells: number, files: number, sources: number, lvpGroups: readonly number[], groups: number) {
    this.totalBase = cells * CELL_SLOTS
    this.fileBase = this.totalBase + TOTAL_SLOTS
    this.sourceBase = this.fileBase + files
    this.lvpBase = this.sourceBase + sources * SOURCE_SLOTS
    this.size = this.lvpBase + lvpGroups.length * LVP_SLOTS
    this.lvpGroups = lvpGroups
    this.lvpRow = new Int32Array(groups).fill(-1)
    lvpGroups.forEach((g, i) => (this.lvpRow[g] = i))
  }

  cell(c: number, slot: number): number {
    return c * CELL_SLOTS + slot
  }
  total(slot: number): number {
    return this.totalBase + slot
  }
  file(f: number): number {
    return this.fileBase + f
  }
  source(s: number, slot: number): number {
    return this.sourceBase + s * SOURCE_SLOTS + slot
  }
  lvp(row: number, slot: number): number {
    return this.lvpBase + row * LVP_SLOTS + slot
  }
}

/** Decoded atom key. */
interface Atom {
  readonly origin: number
  readonly law: number
  readonly cf: number
  readonly practice: number
}

function decode(key: number): Atom {
  const practice = key % PRACTICE_COUNT
  let rest = (key - practice) / PRACTICE_COUNT
  const cf = rest % ANSWER_COUNT
  rest = (rest - cf) / ANSWER_COUNT
  const law = rest % ANSWER_COUNT
  return { origin: (rest - law) / ANSWER_COUNT, law, cf, practice }
}

/**
 * For a category slot of a cell, whether changing a record's category `from` → `to` (in the
 * slot's dimension) changes that slot.
 */
function slotRelevance(slot: number): (from: number, to: number) => boolean {
  const member = (set: readonly boolean[]) => (from: number, to: number) => set[from] !== set[to]
  if (slot < SLOT.lawHeldLower) return (f, t) => f === slot - SLOT.law || t === slot - SLOT.law
  if (slot === SLOT.lawHeldLower) return member(HELD_LOWER)
  if (slot === SLOT.lawHeldUpper) return member(HELD_UPPER)
  if (slot < SLOT.cfHeldLower) return (f, t) => f === slot - SLOT.cf || t === slot - SLOT.cf
  if (slot === SLOT.cfHeldLower) return member(HELD_LOWER)
  if (slot === SLOT.cfHeldUpper) return member(HELD_UPPER)
  return (f, t) => f === slot - SLOT.practice || t === slot - SLOT.practice
}

/**
 * Called with each candidate witness in turn (its entries are the protector's scratch entries,
 * `eCell`/`eKey`/`eCoef`, valid until the next candidate); true ends the search.
 */
type Visit = () => boolean

/** Which dimension a swap changes. */
type Dim = 'law' | 'cf' | 'practice'

const DIMS = ['law', 'cf', 'practice'] as const
const MAX_ATOMS_TRIED = 6
const MAX_TRIED = 40
const MAX_NEIGHBOURS = 14

/** How to search for witnesses. */
export interface ProtectOptions {
  /**
   * `fast` (default) skips searches and candidates that cannot succeed; `full` tries every
   * candidate, as the search did before those shortcuts. Both decide exactly the same (tests
   * compare them); `full` is only slower.
   */
  readonly search?: 'fast' | 'full'
}

/**
 * Decides what to suppress (see the module comment).
 *
 * @example
 * ```ts
 * const p = protect(input)
 * p.suppressed[p.layout.cell(0, SLOT.records)] // 1 when cell 0's count is not published
 * ```
 */
export function protect(input: ProtectInput, options: ProtectOptions = {}): Protection {
  return new Protector(input, options.search !== 'full').run()
}

class Protector {
  private readonly layout: ItemLayout
  private readonly values: Float64Array
  private readonly published: Uint8Array
  private readonly suppressed: Uint8Array
  private readonly witnessOf: Int32Array
  private readonly witnesses: WitnessEntry[][] = []
  private readonly cellAtoms: Array<Map<number, number>>
  private readonly cellRecords: Float64Array
  /** Records with a known practice, per group. */
  private readonly knownPractice: Float64Array
  private readonly byGroup: number[][]
  private readonly smallCells: number[] = []
  private readonly decoded: Atom[] = []
  private primary = 0

  constructor(
    private readonly input: ProtectInput,
    private readonly shortcuts: boolean,
  ) {
    const nCells = input.cells.length
    this.cellAtoms = input.cells.map(() => new Map<number, number>())
    this.cellRecords = new Float64Array(nCells)
    this.knownPractice = new Float64Array(input.groups)
    for (let i = 0; i < input.atoms.length; i++) {
      const c = input.atoms.cell[i]!
      const key = input.atoms.key[i]!
      const n = input.atoms.count[i]!
      if (n <= 0) continue
      const m = this.cellAtoms[c]!
      m.set(key, (m.get(key) ?? 0) + n)
      this.cellRecords[c]! += n
      if (this.atom(key).practice !== PRACTICE_UNKNOWN) this.knownPractice[input.cells[c]!.group]! += n
    }
    const lvpGroups: number[] = []
    for (let g = 0; g < input.groups; g++) if (this.knownPractice[g]! > 0) lvpGroups.push(g)
    this.layout = new ItemLayout(nCells, input.files, input.sources, lvpGroups, input.groups)
    this.values = new Float64Array(this.layout.size)
    this.published = new Uint8Array(this.layout.size)
    this.suppressed = new Uint8Array(this.layout.size)
    this.witnessOf = new Int32Array(this.layout.size).fill(-1)
    this.byGroup = Array.from({ length: input.groups }, () => [])
    input.cells.forEach((cell, c) => this.byGroup[cell.group]!.push(c))
    this.markPublished()
    const items = this.itemBuf
    this.cellAtoms.forEach((atoms, c) => {
      for (const [key, n] of atoms) {
        const count = this.itemsOfAtom(c, key)
        for (let i = 0; i < count; i++) this.values[items[i]!]! += n
      }
    })
  }

  private atom(key: number): Atom {
    let a = this.decoded[key]
    if (!a) a = this.decoded[key] = decode(key)
    return a
  }

  private markPublished(): void {
    const { layout, input } = this
    const slots = [SLOT.records, 1, 2, 3, 4, 5, 6]
    if (input.counterfactual) slots.push(7, 8, 9, 10, 11, 12)
    if (input.practice) slots.push(13, 14, 15, 16, 17)
    for (let c = 0; c < input.cells.length; c++) for (const s of slots) this.published[layout.cell(c, s)] = 1
    for (const s of slots) this.published[layout.total(s)] = 1
    this.published[layout.total(TOTAL_UNLINKED)] = 1
    for (let f = 0; f < input.files; f++) this.published[layout.file(f)] = 1
    for (let s = 0; s < input.sources; s++) for (let k = 0; k < SOURCE_SLOTS; k++) this.published[layout.source(s, k)] = 1
    for (let r = 0; r < layout.lvpGroups.length; r++) for (let k = 0; k < LVP_SLOTS; k++) this.published[layout.lvp(r, k)] = 1
    for (let i = 0; i < layout.size; i++) if (!this.published[i]) this.suppressed[i] = 1
  }

  /** Scratch for {@link itemsOfAtom}: at most 2 × 8 cell and total slots, unlinked, file, 2 source and 5 law-versus-practice items. */
  private readonly itemBuf = new Int32Array(32)

  /**
   * Every published item the atom is part of (each with coefficient 1), written to `itemBuf`;
   * returns how many. No closures and no allocation: this is the hot path.
   */
  private itemsOfAtom(c: number, key: number): number {
    const { layout, input } = this
    const out = this.itemBuf
    let n = 0
    const a = this.atom(key)
    const cell = input.cells[c]!
    for (let pass = 0; pass < 2; pass++) {
      const base = pass === 0 ? c * CELL_SLOTS : layout.totalBase
      out[n++] = base + SLOT.records
      out[n++] = base + SLOT.law + a.law
      if (HELD_LOWER[a.law]) out[n++] = base + SLOT.lawHeldLower
      if (HELD_UPPER[a.law]) out[n++] = base + SLOT.lawHeldUpper
      if (input.counterfactual) {
        out[n++] = base + SLOT.cf + a.cf
        if (HELD_LOWER[a.cf]) out[n++] = base + SLOT.cfHeldLower
        if (HELD_UPPER[a.cf]) out[n++] = base + SLOT.cfHeldUpper
      }
      if (input.practice) out[n++] = base + SLOT.practice + a.practice
    }
    if (!cell.linked) out[n++] = layout.totalBase + TOTAL_UNLINKED
    const origin = input.origins[a.origin]!
    out[n++] = layout.fileBase + origin.file
    out[n++] = layout.sourceBase + origin.source * SOURCE_SLOTS
    out[n++] = layout.sourceBase + origin.source * SOURCE_SLOTS + (cell.linked ? 1 : 2)
    const row = layout.lvpRow[cell.group]!
    if (a.practice !== PRACTICE_UNKNOWN && row >= 0) {
      const lvp = layout.lvpBase + row * LVP_SLOTS
      out[n++] = lvp
      if (HELD_LOWER[a.law]) out[n++] = lvp + 1
      if (HELD_UPPER[a.law]) out[n++] = lvp + 2
      if (a.practice === 0) out[n++] = lvp + 3
      if (a.practice === 1) out[n++] = lvp + 4
    }
    return n
  }

  /** Whether the atom is part of `item` (see {@link itemsOfAtom}). */
  private atomInItem(c: number, key: number, item: number): boolean {
    const count = this.itemsOfAtom(c, key)
    const items = this.itemBuf
    for (let i = 0; i < count; i++) if (items[i] === item) return true
    return false
  }

  /** The current candidate's entries (at most 4): +eCoef records in cell eCell at atom eKey. */
  private readonly eCell = new Int32Array(4)
  private readonly eKey = new Int32Array(4)
  private readonly eCoef = new Int32Array(4)
  private eN = 0

  private one(visit: Visit, c: number, key: number, coef: number): boolean {
    this.eCell[0] = c
    this.eKey[0] = key
    this.eCoef[0] = coef
    this.eN = 1
    return visit()
  }

  private two(visit: Visit, c1: number, k1: number, f1: number, c2: number, k2: number, f2: number): boolean {
    const { eCell, eKey, eCoef } = this
    eCell[0] = c1
    eKey[0] = k1
    eCoef[0] = f1
    eCell[1] = c2
    eKey[1] = k2
    eCoef[1] = f2
    this.eN = 2
    return visit()
  }

  /** The current candidate as witness entries (a copy, to keep). */
  private entries(): WitnessEntry[] {
    const out: WitnessEntry[] = []
    for (let i = 0; i < this.eN; i++) out.push({ cell: this.eCell[i]!, key: this.eKey[i]!, coef: this.eCoef[i]! })
    return out
  }

  run(): Protection {
    const { layout, input } = this
    const minCell = input.minCell
    const targets: number[] = []
    const isSmall = (v: number) => v >= 1 && v < minCell
    for (let i = 0; i < layout.size; i++) {
      if (this.published[i] && isSmall(this.values[i]!)) {
        this.suppressed[i] = 1
        targets.push(i)
        this.primary++
      }
    }
    // a small cell's whole breakdown, except categories no record anywhere falls in
    for (let c = 0; c < input.cells.length; c++) {
      if (!isSmall(this.cellRecords[c]!)) continue
      this.smallCells.push(c)
      for (let s = 0; s < CELL_SLOTS; s++) {
        const item = layout.cell(c, s)
        if (!this.published[item] || this.suppressed[item]) continue
        if (this.values[item] === 0 && this.values[layout.total(s)] === 0) continue
        this.suppressed[item] = 1
        targets.push(item)
      }
    }
    for (const item of targets) {
      if (this.witnessOf[item]! >= 0) continue
      let best = this.findWitness(item)
      // a small cell's zero is hidden only where that is cheap: if hiding it would cost a
      // law-versus-practice row or a headline total, the zero (not a small count) is published
      if (best && this.values[item] === 0 && best.cost >= 100) best = null
      if (!best) {
        // a zero no possible table could raise (e.g. a practice outcome in a place whose sources
        // record none) is known from what is published; hiding it would protect nothing
        if (this.values[item] === 0) {
          this.suppressed[item] = 0
          continue
        }
        throw new AppError('internal', `small-cell protection found no way to hide ${this.describe(item)} (value ${this.values[item]}); nothing was published`)
      }
      const index = this.witnesses.push(best.entries) - 1
      for (const changed of best.changed) {
        this.suppressed[changed] = 1
        if (this.witnessOf[changed]! < 0) this.witnessOf[changed] = index
      }
    }
    let total = 0
    for (let i = 0; i < layout.size; i++) if (this.published[i] && this.suppressed[i]) total++
    return { layout, values: this.values, suppressed: this.suppressed, witnessOf: this.witnessOf, witnesses: this.witnesses, primary: this.primary, total }
  }

  private describe(item: number): string {
    const L = this.layout
    if (item < L.totalBase) return `cell ${Math.floor(item / CELL_SLOTS)} slot ${item % CELL_SLOTS}`
    if (item < L.fileBase) return `total slot ${item - L.totalBase}`
    if (item < L.sourceBase) return `file ${item - L.fileBase}`
    if (item < L.lvpBase) return `source ${Math.floor((item - L.sourceBase) / SOURCE_SLOTS)} slot ${(item - L.sourceBase) % SOURCE_SLOTS}`
    return `law-versus-practice row ${Math.floor((item - L.lvpBase) / LVP_SLOTS)} slot ${(item - L.lvpBase) % LVP_SLOTS}`
  }

  /**
   * Whether a change moves the target and is feasible one way or both (0: it is no witness);
   * the published items it moves are left in `scratchChanged`.
   */
  private evaluate(target: number): number {
    const delta = this.scratchDelta
    const touched = this.scratchTouched
    const items = this.itemBuf
    const published = this.published
    let nTouched = 0
    for (let e = 0; e < this.eN; e++) {
      const coef = this.eCoef[e]!
      const count = this.itemsOfAtom(this.eCell[e]!, this.eKey[e]!)
      for (let i = 0; i < count; i++) {
        const item = items[i]!
        if (delta[item] === 0) touched[nTouched++] = item
        delta[item]! += coef
      }
    }
    const hitsTarget = delta[target] !== 0
    const changed = this.scratchChanged
    let nChanged = 0
    for (let i = 0; i < nTouched; i++) {
      const item = touched[i]!
      if (delta[item] !== 0 && published[item]) changed[nChanged++] = item
      delta[item] = 0
    }
    this.nChanged = nChanged
    if (!hitsTarget) return 0
    let ways = 0
    if (this.feasible(1)) ways++
    if (this.feasible(-1)) ways++
    return ways
  }

  /** The published items the last {@link evaluate} found changed, the first `nChanged` (reused: copy to keep). */
  private readonly scratchChanged = new Int32Array(4 * 32)
  private nChanged = 0

  private readonly scratchTouched = new Int32Array(4 * 32)
  private get scratchDelta(): Float64Array {
    this.delta ??= new Float64Array(this.layout.size)
    return this.delta
  }
  private delta: Float64Array | undefined

  /** Whether applying the change in direction `t` keeps the table a possible one (entries are few). */
  private feasible(t: number): boolean {
    const n = this.eN
    const { eCell, eKey, eCoef } = this
    for (let i = 0; i < n; i++) {
      const cell = eCell[i]!
      const key = eKey[i]!
      // the net change of this atom (entries may name an atom twice)
      let d = 0
      let first = true
      for (let j = 0; j < n; j++) {
        if (eCell[j] === cell && eKey[j] === key) {
          if (j < i) first = false
          d += eCoef[j]! * t
        }
      }
      if (!first || d === 0) continue
      if ((this.cellAtoms[cell]!.get(key) ?? 0) + d < 0) return false
      const a = this.atom(key)
      if (d > 0 && a.practice !== PRACTICE_UNKNOWN && !this.input.practiceSources[this.input.origins[a.origin]!.source]) return false
    }
    // every listed cell keeps a record; every group keeps (or keeps lacking) records of known practice
    for (let i = 0; i < n; i++) {
      const cell = eCell[i]!
      let seen = false
      for (let j = 0; j < i; j++) if (eCell[j] === cell) seen = true
      if (seen) continue
      let d = 0
      for (let j = 0; j < n; j++) if (eCell[j] === cell) d += eCoef[j]! * t
      if (this.cellRecords[cell]! + d < 1) return false
    }
    const cellGroup = this.cellGroup
    for (let i = 0; i < n; i++) {
      const g = cellGroup[eCell[i]!]!
      let seen = false
      for (let j = 0; j < i; j++) if (cellGroup[eCell[j]!] === g) seen = true
      if (seen) continue
      let d = 0
      for (let j = 0; j < n; j++) {
        if (cellGroup[eCell[j]!] === g && this.atom(eKey[j]!).practice !== PRACTICE_UNKNOWN) d += eCoef[j]! * t
      }
      const now = this.knownPractice[g]!
      if (now > 0 ? now + d < 1 : now + d !== 0) return false
    }
    return true
  }

  /**
   * What suppressing these items would lose: a cell's breakdown is cheap, its record count less
   * so, a law-versus-practice row dear, and the totals, files and sources (the headline numbers)
   * a last resort.
   */
  private cost(changed: Int32Array, n: number): number {
    const { layout } = this
    let cost = 0
    for (let i = 0; i < n; i++) {
      const item = changed[i]!
      if (this.suppressed[item]) continue
      if (item < layout.totalBase) cost += item % CELL_SLOTS === SLOT.records ? 3 : 1
      else if (item >= layout.lvpBase) cost += 100
      else cost += 1_000_000
    }
    return cost
  }

  /**
   * The cheapest witness found for an item (fewest new suppressions, then feasible both ways).
   * The search stops at a witness that suppresses nothing new, or after `MAX_TRIED` candidates
   * that change the item once one has been found.
   */
  private findWitness(item: number): { entries: WitnessEntry[]; changed: number[]; cost: number } | null {
    let best: { entries: WitnessEntry[]; changed: number[]; cost: number; ways: number } | null = null
    const isCell = item < this.layout.totalBase
    const c = isCell ? Math.floor(item / CELL_SLOTS) : -1
    const slot = isCell ? item % CELL_SLOTS : -1
    this.focusCell = c
    this.focusSlot = slot
    this.focusItem = item
    this.topCache.clear()
    this.stepCache.clear()
    if (isCell && this.unchangeable(c, slot, item)) {
      // the search would have begun by ordering the cell's neighbours (a cache that depends on
      // what is suppressed by now): keep it as it would have been
      this.sameGroup(c)
      return null
    }
    let tried = 0
    // candidates are visited in order until one ends the search (a callback, not a generator:
    // the same order and the same laziness, without a generator frame per candidate)
    this.candidates(() => {
      if (isCell && !this.changesCellSlot(c, slot)) return false
      const ways = this.evaluate(item)
      if (ways === 0) return false
      tried++
      const cost = this.cost(this.scratchChanged, this.nChanged)
      if (!best || cost < best.cost || (cost === best.cost && ways > best.ways)) best = { entries: this.entries(), changed: Array.from(this.scratchChanged.subarray(0, this.nChanged)), cost, ways }
      return best.cost === 0 || (tried >= MAX_TRIED && best.cost < 1_000_000)
    }, item)
    return best as { entries: WitnessEntry[]; changed: number[]; cost: number } | null
  }

  /**
   * Whether no feasible change can move a cell's zero count of a known practice outcome: in a
   * jurisdiction with no record of known practice every change must leave it with none (see
   * `feasible`), and an atom at zero cannot go down, so none of those atoms can go up. The search
   * would try every candidate and find nothing; this says so at once.
   */
  private unchangeable(c: number, slot: number, item: number): boolean {
    if (!this.shortcuts || slot < SLOT.practice || slot - SLOT.practice === PRACTICE_UNKNOWN || this.values[item] !== 0) return false
    return this.knownPractice[this.input.cells[c]!.group] === 0
  }

  /** Whether a change moves one slot of one cell (a cheap test before the full evaluation). */
  private changesCellSlot(c: number, slot: number): boolean {
    let d = 0
    for (let e = 0; e < this.eN; e++) if (this.eCell[e] === c && this.inSlot(this.eKey[e]!, slot)) d += this.eCoef[e]!
    return d !== 0
  }

  /** Whether a record of this atom counts in a cell's `slot`. */
  private inSlot(key: number, slot: number): boolean {
    const a = this.atom(key)
    if (slot === SLOT.records) return true
    if (slot < SLOT.lawHeldLower) return a.law === slot - SLOT.law
    if (slot === SLOT.lawHeldLower) return HELD_LOWER[a.law]!
    if (slot === SLOT.lawHeldUpper) return HELD_UPPER[a.law]!
    if (slot < SLOT.cfHeldLower) return a.cf === slot - SLOT.cf
    if (slot === SLOT.cfHeldLower) return HELD_LOWER[a.cf]!
    if (slot === SLOT.cfHeldUpper) return HELD_UPPER[a.cf]!
    return a.practice === slot - SLOT.practice
  }

  /**
   * Whether moving a record of this atom into or out of `c` can witness the item sought. For a
   * slot of the cell being protected, only a record counted in that slot moves it: the search
   * would discard every other move untried, so they are not generated (nor their partners sought).
   */
  private movable(c: number, key: number): boolean {
    return !this.shortcuts || c !== this.focusCell || this.focusSlot < 0 || this.inSlot(key, this.focusSlot)
  }

  /** Candidate witnesses for an item, most promising first. */
  private candidates(visit: Visit, item: number): boolean {
    const { layout } = this
    if (item < layout.totalBase) {
      return this.cellCandidates(visit, Math.floor(item / CELL_SLOTS), item % CELL_SLOTS)
    }
    // a global item: try changes at the cells that could move it, least disturbing first
    const cells = this.cellsFor(item)
    // partners in places whose law-versus-practice row is already withheld cost no row
    const withheldRows = this.cellsOfWithheldRows()
    for (const c of cells) for (const dim of DIMS) for (const c2 of withheldRows) if (this.input.cells[c2]!.group !== this.input.cells[c]!.group) if (this.swaps(visit, c, c2, dim)) return true
    for (const c of cells) for (const dim of DIMS) for (const c2 of this.otherGroups(c, false)) if (this.swaps(visit, c, c2, dim)) return true
    for (const c of cells) {
      for (const dim of DIMS) {
        for (let to = 0; to < (dim === 'practice' ? PRACTICE_COUNT : ANSWER_COUNT); to++) {
          for (const c2 of this.cellsWith(dim, to, c)) if (this.input.cells[c2]!.group !== this.input.cells[c]!.group) if (this.swaps(visit, c, c2, dim)) return true
        }
      }
    }
    for (const c of cells) if (this.movesByKey(visit, c, true)) return true
    for (const c of cells) {
      if (this.originChanges(visit, c)) return true
      for (const dim of DIMS) if (this.swaps(visit, c, null, dim)) return true
      if (this.singles(visit, c)) return true
    }
    return false
  }

  /** Up to a few dozen cells (the largest of each) of places whose law-versus-practice count is withheld. */
  private cellsOfWithheldRows(): number[] {
    const out: number[] = []
    this.layout.lvpGroups.forEach((g, row) => {
      if (!this.suppressed[this.layout.lvp(row, 0)] || out.length >= MAX_NEIGHBOURS * 3) return
      const cells = this.byGroup[g]!
      let best = -1
      for (const c of cells) if (best < 0 || this.cellRecords[c]! > this.cellRecords[best]!) best = c
      if (best >= 0) out.push(best)
    })
    return out
  }

  private cellCandidates(visit: Visit, c: number, slot: number): boolean {
    const near = this.sameGroup(c)
    const dim: Dim | null = slot >= SLOT.practice ? 'practice' : slot >= SLOT.cf ? 'cf' : slot >= SLOT.law ? 'law' : null
    const relevant = dim ? slotRelevance(slot) : undefined
    if (this.moves(visit, c, near)) return true
    if (dim) for (const c2 of near) if (this.swaps(visit, c, c2, dim, relevant)) return true
    if (this.movesByKey(visit, c, false)) return true
    if (dim) {
      // a category c lacks: cells that have it, wherever they are
      for (let to = 0; to < (dim === 'practice' ? PRACTICE_COUNT : ANSWER_COUNT); to++) {
        for (const c2 of this.cellsWith(dim, to, c)) if (this.swaps(visit, c, c2, dim, relevant, to)) return true
      }
      for (const c2 of this.otherGroups(c, false)) if (this.swaps(visit, c, c2, dim, relevant)) return true
    }
    if (this.moves(visit, c, this.otherGroups(c, true))) return true
    if (this.originChanges(visit, c)) return true
    if (dim) if (this.swaps(visit, c, null, dim, relevant)) return true
    if (this.singles(visit, c)) return true
    return false
  }

  private readonly keyIndex = new Map<number, number[]>()

  /**
   * Moves of one record between `c` and other cells with the same kind of record (same origin,
   * answers and practice), suppressed and larger ones first: a cell of one record can only gain
   * one from a cell that keeps one.
   */
  private movesByKey(visit: Visit, c: number, otherGroupsOnly: boolean): boolean {
    const cells = this.input.cells
    for (const key of this.topAtoms(c)) {
      if (!this.movable(c, key)) continue
      const index = this.indexes.get(key) ?? this.indexed(key, (x) => this.cellAtoms[x]!.has(key))
      const partners = this.partners(index, c, otherGroupsOnly, (c2) => cells[c2]!.linked === cells[c]!.linked && (this.cellRecords[c2]! >= 2 || this.cellRecords[c]! >= 2))
      for (const c2 of partners) {
        if (this.two(visit, c2, key, -1, c, key, 1)) return true
        if (this.cellRecords[c]! >= 2) if (this.two(visit, c, key, -1, c2, key, 1)) return true
      }
    }
    return false
  }

  private readonly indexes = new Map<number, { all: number[]; byGroup: Map<number, number[]> }>()

  /** Cells that satisfy `has`, smallest first, and by group (built once per id: an atom key, or a negative id for a category). */
  private indexed(name: number, has: (c: number) => boolean): { all: number[]; byGroup: Map<number, number[]> } {
    let index = this.indexes.get(name)
    if (!index) {
      const all: number[] = []
      for (let x = 0; x < this.cellAtoms.length; x++) if (has(x)) all.push(x)
      all.sort((a, b) => this.cellRecords[a]! - this.cellRecords[b]!)
      const byGroup = new Map<number, number[]>()
      for (const x of all) {
        const g = this.input.cells[x]!.group
        let list = byGroup.get(g)
        if (!list) byGroup.set(g, (list = []))
        list.push(x)
      }
      index = { all, byGroup }
      this.indexes.set(name, index)
    }
    return index
  }

  /**
   * Up to `MAX_NEIGHBOURS` partners for `c` from an index: its own jurisdiction's first (its
   * law-versus-practice row then stays as it is), then suppressed cells elsewhere, then any,
   * scanning a bounded window that starts at a place fixed by `c`.
   */
  private partners(index: { all: number[]; byGroup: Map<number, number[]> }, c: number, otherGroupsOnly: boolean, ok: ((c2: number) => boolean) | null): number[] {
    const cellGroup = this.cellGroup
    const suppressed = this.suppressed
    const group = cellGroup[c]!
    const out: number[] = []
    if (!otherGroupsOnly) {
      for (const x of index.byGroup.get(group) ?? []) {
        if (x !== c && (ok === null || ok(x))) out.push(x)
        if (out.length >= MAX_NEIGHBOURS / 2) break
      }
    }
    const all = index.all
    const n = all.length
    const start = n > 0 ? (c * 7919) % n : 0
    const window = Math.min(n, MAX_NEIGHBOURS * 30)
    // no cell can be taken twice: the window holds each cell once, skips `c`'s own jurisdiction
    // (the cells taken above), and the two passes take cells with different suppression
    for (let wantSuppressed = 1; wantSuppressed >= 0; wantSuppressed--) {
      let j = start
      for (let i = 0; i < window && out.length < MAX_NEIGHBOURS; i++, j++) {
        if (j >= n) j -= n
        const x = all[j]!
        if (x === c || cellGroup[x] === group || suppressed[x * CELL_SLOTS] !== wantSuppressed) continue
        if (ok !== null && !ok(x)) continue
        out.push(x)
      }
    }
    // nothing in the window (e.g. every cell near it is too small to give a record): look further
    for (let i = window; i < n && out.length < 2; i++) {
      const x = all[(start + i) % n]!
      if (x !== c && cellGroup[x] !== group && !out.includes(x) && (ok === null || ok(x))) out.push(x)
    }
    return out
  }

  /** Each cell's group, as a typed array for the hot loops. */
  private get cellGroup(): Int32Array {
    if (!this.groupOfCell) {
      this.groupOfCell = new Int32Array(this.input.cells.length)
      this.input.cells.forEach((cell, c) => (this.groupOfCell![c] = cell.group))
    }
    return this.groupOfCell
  }
  private groupOfCell: Int32Array | undefined

  /** Cells with a record whose `dim` is `value` (see {@link partners}). */
  private cellsWith(dim: Dim, value: number, except: number): number[] {
    const id = -1 - (DIMS.indexOf(dim) * PRACTICE_COUNT + value)
    const index = this.indexes.get(id) ?? this.indexed(id, (x) => {
      for (const k of this.cellAtoms[x]!.keys()) if (this.atom(k)[dim] === value) return true
      return false
    })
    return this.partners(index, except, false, null)
  }

  private suppressedCell(c: number): number {
    return this.suppressed[this.layout.cell(c, SLOT.records)]!
  }

  /** The other months of `c`'s jurisdiction: suppressed ones first, then the nearest. */
  private readonly sameGroupCache = new Map<number, number[]>()
  private sameGroup(c: number): number[] {
    const cached = this.sameGroupCache.get(c)
    if (cached) return cached
    const found = this.sameGroupUncached(c)
    this.sameGroupCache.set(c, found)
    return found
  }

  private sameGroupUncached(c: number): number[] {
    const cells = this.input.cells
    const month = cells[c]!.month
    // the first MAX_NEIGHBOURS of the group's other cells in the order (suppressed first, then
    // nearest month, then cell order, as a stable sort gives): one pass keeping the best few
    const out: number[] = []
    const rank: number[] = []
    for (const x of this.byGroup[cells[c]!.group]!) {
      if (x === c) continue
      // a smaller rank comes first; ties keep their order
      const r = (1 - this.suppressedCell(x)) * 1e9 + Math.abs(cells[x]!.month - month)
      if (out.length === MAX_NEIGHBOURS && r >= rank[MAX_NEIGHBOURS - 1]!) continue
      let i = out.length === MAX_NEIGHBOURS ? MAX_NEIGHBOURS - 1 : out.length
      while (i > 0 && rank[i - 1]! > r) {
        if (i < MAX_NEIGHBOURS) {
          out[i] = out[i - 1]!
          rank[i] = rank[i - 1]!
        }
        i--
      }
      out[i] = x
      rank[i] = r
    }
    return out
  }

  /**
   * Cells of other jurisdictions, small (suppressed) ones first, from a window that starts at a
   * place fixed by `c` so partners spread over the table; `sameLinkage` for moving records
   * (linkage is published per source).
   */
  private otherGroups(c: number, sameLinkage: boolean): number[] {
    const cells = this.input.cells
    const cell = cells[c]!
    const out: number[] = []
    const small = this.smallCells
    const n = small.length
    const start = n > 0 ? (c * 7919) % n : 0
    for (let i = 0; i < n && out.length < MAX_NEIGHBOURS; i++) {
      const x = small[(start + i) % n]!
      if (x !== c && cells[x]!.group !== cell.group && (!sameLinkage || cells[x]!.linked === cell.linked)) out.push(x)
      if (i > MAX_NEIGHBOURS * 20) break
    }
    return out
  }

  private readonly sortedAtoms = new Map<number, number[]>()

  /** A cell's atom keys, largest count first (cached: atoms never change). */
  private atomsByCount(c: number): number[] {
    let keys = this.sortedAtoms.get(c)
    if (!keys) {
      const atoms = this.cellAtoms[c]!
      keys = [...atoms.keys()].sort((a, b) => atoms.get(b)! - atoms.get(a)!)
      this.sortedAtoms.set(c, keys)
    }
    return keys
  }

  /** The cell and slot whose witness is being sought: its atoms that touch the slot come first. */
  private focusCell = -1
  private focusSlot = -1
  private focusItem = -1

  /** {@link topAtoms} for the current focus (cleared when the focus changes). */
  private readonly topCache = new Map<number, number[]>()

  /** {@link topAtoms} of cells whose order does not depend on the focus (cached for the whole run). */
  private readonly plainTop = new Map<number, number[]>()

  private topAtoms(c: number): number[] {
    // the order depends on the focus only for the focus cell (unless it is its record count
    // being sought) and for a global item; else it is the cell's largest atoms, always the same
    if ((c !== this.focusCell || this.focusSlot === SLOT.records) && this.focusItem < this.layout.totalBase) {
      let top = this.plainTop.get(c)
      if (!top) {
        const keys = this.atomsByCount(c)
        top = keys.length <= MAX_ATOMS_TRIED ? keys : keys.slice(0, MAX_ATOMS_TRIED)
        this.plainTop.set(c, top)
      }
      return top
    }
    let top = this.topCache.get(c)
    if (!top) {
      top = this.topAtomsUncached(c)
      this.topCache.set(c, top)
    }
    return top
  }

  private topAtomsUncached(c: number): number[] {
    const keys = this.atomsByCount(c)
    if (keys.length <= MAX_ATOMS_TRIED) return keys
    let touches: ((k: number) => boolean) | null = null
    if (c === this.focusCell && this.focusSlot !== SLOT.records) touches = (k) => this.inSlot(k, this.focusSlot)
    else if (this.focusItem >= this.layout.totalBase) {
      touches = (k) => this.atomInItem(c, k, this.focusItem)
    }
    if (!touches) return keys.slice(0, MAX_ATOMS_TRIED)
    const touching = keys.filter(touches)
    const rest = keys.filter((k) => !touching.includes(k))
    return [...touching.slice(0, MAX_ATOMS_TRIED), ...rest.slice(0, MAX_ATOMS_TRIED)]
  }

  /** Move one record between `c` and each of `others`, either way. */
  private moves(visit: Visit, c: number, others: readonly number[]): boolean {
    const mine = this.topAtoms(c)
    for (const c2 of others) {
      if (this.cellRecords[c2]! < 2 && this.cellRecords[c]! < 2) continue
      for (const key of mine) if (this.movable(c, key)) if (this.two(visit, c, key, -1, c2, key, 1)) return true
      for (const key of this.topAtoms(c2)) if (this.movable(c, key)) if (this.two(visit, c2, key, -1, c, key, 1)) return true
    }
    return false
  }

  /**
   * Change one record's category in `dim` at `c`; with `c2`, the reverse change at `c2` keeps
   * the totals; without, the totals move.
   */
  private swaps(visit: Visit, c: number, c2: number | null, dim: Dim, relevant?: (from: number, to: number) => boolean, onlyTo = -1): boolean {
    const steps = this.swapSteps(c, dim, relevant)
    for (let i = 0; i < steps.length; i += 4) {
      const to = steps[i + 2]!
      if (onlyTo >= 0 && to !== onlyTo) continue
      const key = steps[i]!
      const from = steps[i + 1]!
      const moved = steps[i + 3]!
      if (c2 === null) {
        if (this.two(visit, c, key, -1, c, moved, 1)) return true
        continue
      }
      for (const k2 of this.largestWith(c2, dim, to)) {
        const { eCell, eKey, eCoef } = this
        eCell[0] = c
        eKey[0] = key
        eCoef[0] = -1
        eCell[1] = c
        eKey[1] = moved
        eCoef[1] = 1
        eCell[2] = c2
        eKey[2] = k2
        eCoef[2] = -1
        eCell[3] = c2
        eKey[3] = this.withDim(this.atom(k2), dim, from)
        eCoef[3] = 1
        this.eN = 4
        if (visit()) return true
      }
    }
    return false
  }

  /** {@link swapSteps} for the current focus (cleared when the focus changes, as `relevant` is the focus slot's). */
  private readonly stepCache = new Map<number, number[]>()

  /**
   * The category changes a swap at `c` tries, in order: (key, from, to, moved key) for each of
   * the cell's top atoms and each category it could change to. The same for every partner cell.
   */
  private swapSteps(c: number, dim: Dim, relevant?: (from: number, to: number) => boolean): number[] {
    const id = (c * 3 + DIMS.indexOf(dim)) * 2 + (relevant ? 1 : 0)
    let steps = this.stepCache.get(id)
    if (steps) return steps
    steps = []
    const size = dim === 'practice' ? PRACTICE_COUNT : ANSWER_COUNT
    for (const key of this.topAtoms(c)) {
      const a = this.atom(key)
      const from = a[dim]
      for (let to = 0; to < size; to++) {
        if (to === from || (relevant && !relevant(from, to))) continue
        steps.push(key, from, to, this.withDim(a, dim, to))
      }
    }
    this.stepCache.set(id, steps)
    return steps
  }

  private readonly largest = new Map<number, number[]>()

  /** The (up to) three largest atoms of `c` whose `dim` is `value`, largest first (cached: atoms never change). */
  private largestWith(c: number, dim: Dim, value: number): readonly number[] {
    const id = (c * 3 + DIMS.indexOf(dim)) * PRACTICE_COUNT + value
    let keys = this.largest.get(id)
    if (!keys) {
      keys = []
      for (const k of this.atomsByCount(c)) {
        if (this.atom(k)[dim] !== value) continue
        if (keys.push(k) >= 3) break
      }
      this.largest.set(id, keys)
    }
    return keys
  }

  /** Change one record's origin (file and source) at `c`. */
  private originChanges(visit: Visit, c: number): boolean {
    for (const key of this.topAtoms(c)) {
      const a = this.atom(key)
      for (let o = 0; o < this.input.origins.length; o++) {
        if (o === a.origin) continue
        if (this.two(visit, c, key, -1, c, atomKey(o, a.law, a.cf, a.practice), 1)) return true
      }
    }
    return false
  }

  /** Add or remove one record at `c`: moves the totals, the file and the source counts. */
  private singles(visit: Visit, c: number): boolean {
    for (const key of this.topAtoms(c)) if (this.one(visit, c, key, -1)) return true
    return false
  }

  private withDim(a: Atom, dim: Dim, value: number): number {
    return atomKey(a.origin, dim === 'law' ? value : a.law, dim === 'cf' ? value : a.cf, dim === 'practice' ? value : a.practice)
  }

  /** Cells whose atoms a global item sums, fewest records first (cheap to disturb). */
  private cellsFor(item: number): number[] {
    const out: number[] = []
    for (let c = 0; c < this.input.cells.length; c++) {
      for (const key of this.cellAtoms[c]!.keys()) {
        if (this.atomInItem(c, key, item)) {
          out.push(c)
          break
        }
      }
    }
    out.sort((a, b) => Number(this.suppressed[this.layout.cell(b, SLOT.records)]) - Number(this.suppressed[this.layout.cell(a, SLOT.records)]) || this.cellRecords[a]! - this.cellRecords[b]!)
    return out.slice(0, MAX_NEIGHBOURS)
  }
}
