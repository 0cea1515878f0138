/**
 * The batch path's code generator. For each jurisdiction and question, one plain synchronous
 * function generated with `new Function`: it picks the interval by comparing the case's day with
 * constant boundary days and runs that interval's decision tree inline. Every combination of the
 * interval's provision states is resolved at compile time by the same `resolve` the explained path
 * uses; the tree evaluates provisions one at a time and returns as soon as the rest cannot change
 * the answer. Fact reads, custody tests, category bitmasks and date windows are inlined. A call
 * allocates nothing and touches no candidate objects.
 *
 * The generated code mirrors `itemMask` (evaluate.ts) and `compileCondition` (conditions.ts)
 * operation for operation; the engine's property tests hold the two paths to agreement.
 */
import type { Condition, FactPath, FactTest, OffenseMatch, Registry } from '../registry/index.ts'
import { OFFENSE_CATEGORIES } from '../registry/index.ts'
import type { ParsedCase } from './case.ts'
import type { StateMask } from './combine.ts'
import type { SegmentItem } from './plan.ts'

/** A generated batch function: a validated case in, a value code out (see `VALUE_CODES`). */
export type BatchFunction = (c: ParsedCase) => number

const DAYS_PER_YEAR = 365.2425
/** Largest memo table kept as a typed array; larger key spaces use a Map. */
const MAX_TABLE = 1 << 16
const EMPTY = 255

/** Bit of each offense category, for the generated category tests. */
const CATEGORY_BIT: Readonly<Record<string, number>> = Object.freeze(Object.fromEntries(OFFENSE_CATEGORIES.map((c, i) => [c, 1 << i])))

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

/**
 * Day number of a `YYYY-MM-DD` text without allocating, or NaN when it is absent or not a real
 * calendar day. Agrees with `parseDay` on every input (including its rejection of years before 100).
 *
 * @example
 * ```ts
 * isoDay('1970-01-02') // 1
 * isoDay('2019-02-30') // NaN
 * ```
 */
export function isoDay(s: string | undefined): number {
  if (s === undefined || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN
  let y = 0
  for (let i = 0; i < 4; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    y = y * 10 + d
  }
  const m1 = s.charCodeAt(5) - 48
  const m2 = s.charCodeAt(6) - 48
  const d1 = s.charCodeAt(8) - 48
  const d2 = s.charCodeAt(9) - 48
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN
  const m = m1 * 10 + m2
  const d = d1 * 10 + d2
  if (y < 100 || m < 1 || m > 12 || d < 1) return NaN
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const monthDays = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
  if (d > monthDays) return NaN
  // Days from 1970-01-01 (proleptic Gregorian).
  const yy = y - 1
  const daysBeforeYear = yy * 365 + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 719162
  return daysBeforeYear + DAYS_BEFORE_MONTH[m - 1]! + (m > 2 && leap ? 1 : 0) + d - 1
}

const FACT_READS: Record<FactPath, { readonly base: 'c' | 'd' | 'p'; readonly field: string }> = {
  custody: { base: 'c', field: 'custody' },
  'detainer.form': { base: 'd', field: 'form' },
  'detainer.judicialWarrant': { base: 'd', field: 'judicialWarrant' },
  'detainer.judicialProbableCause': { base: 'd', field: 'judicialProbableCause' },
  'detainer.reimbursementAgreement': { base: 'd', field: 'reimbursementAgreement' },
  'detainer.writtenConsent': { base: 'd', field: 'writtenConsent' },
  'person.age': { base: 'p', field: 'age' },
  'person.lawfulStatusProof': { base: 'p', field: 'lawfulStatusProof' },
  'person.gangDatabase': { base: 'p', field: 'gangDatabase' },
}

class Generator {
  private readonly preamble = new Map<string, string>()
  private readonly body: string[] = []
  private readonly constants: unknown[] = []
  private n = 0

  constructor(private readonly registry: Registry) {}

  tmp(prefix = 't'): string {
    return `${prefix}${this.n++}`
  }

  emit(line: string): void {
    this.body.push(line)
  }

  constant(value: unknown): string {
    this.constants.push(value)
    return `K${this.constants.length - 1}`
  }

  /** A hoisted local holding a value read from the case object itself once per call. */
  read(name: string, code: string): string {
    if (!this.preamble.has(name)) this.preamble.set(name, `var ${name} = ${code};`)
    return name
  }

  /**
   * A local holding a fact, read where the condition needs it: facts in the detainer or person
   * objects are not read when an earlier test already settled the item, which spares cache misses.
   */
  fact(path: FactPath): string {
    const { base, field } = FACT_READS[path]
    const name = this.tmp('f')
    if (base === 'c') this.emit(`var ${name} = c.${field};`)
    else {
      const b = this.tmp(base)
      this.emit(`var ${b} = c.${base === 'd' ? 'detainer' : 'person'}; var ${name} = ${b} == null ? undefined : ${b}.${field};`)
    }
    return name
  }

  /** The case's custody, read once per call (it lies beside the day in the case object). */
  custody(): string {
    return this.read('cu', 'c.custody')
  }

  /** Emits code computing a condition's three-valued code; returns the local holding it. */
  condition(cond: Condition): string {
    switch (cond.kind) {
      case 'all':
      case 'any': {
        const r = this.tmp()
        const stop = cond.kind === 'all' ? 0 : 1
        this.emit(`var ${r} = ${1 - stop}; L${r}: {`)
        // Three-valued all/any do not depend on order: test the cheaper parts first, so the
        // offense scans run only when the plain facts leave the answer open.
        const parts = cond.parts.map((part, i) => ({ part, i })).sort((a, b) => conditionCost(a.part) - conditionCost(b.part) || a.i - b.i)
        for (const { part } of parts) {
          const v = this.condition(part)
          this.emit(`if (${v} === ${stop}) { ${r} = ${stop}; break L${r}; } if (${v} === 2) ${r} = 2;`)
        }
        this.emit('}')
        return r
      }
      case 'not': {
        const v = this.condition(cond.part)
        const r = this.tmp()
        this.emit(`var ${r} = ${v} === 2 ? 2 : 1 - ${v};`)
        return r
      }
      case 'fact': {
        const f = this.fact(cond.path)
        const r = this.tmp()
        const tests = cond.tests.map((t) => this.factTest(f, t)).join(' && ') || 'true'
        this.emit(`var ${r} = ${f} === undefined ? 2 : (${tests}) ? 1 : 0;`)
        return r
      }
      case 'offense': {
        const pv = this.tmp('p')
        const list = this.tmp('l')
        this.emit(`var ${pv} = c.person; var ${list} = ${pv} == null ? undefined : ${pv}.${cond.list};`)
        const r = this.tmp()
        const i = this.tmp('i')
        const o = this.tmp('o')
        const m = this.tmp('m')
        this.emit(`var ${r} = 0; if (${list} === undefined) ${r} = 2; else for (var ${i} = 0; ${i} < ${list}.length; ${i}++) { var ${o} = ${list}[${i}]; var ${m} = 1; L${m}: {`)
        this.offenseMatch(cond.match, o, m)
        this.emit(`} if (${m} === 1) { ${r} = 1; break; } if (${m} === 2) ${r} = 2; }`)
        return r
      }
    }
  }

  private factTest(f: string, t: FactTest): string {
    switch (t.kind) {
      case 'equals':
        return `${f} === ${literal(t.value)}`
      case 'in':
        return `(${t.values.map((v) => `${f} === ${literal(v)}`).join(' || ') || 'false'})`
      case 'at-least':
        return `(typeof ${f} === 'number' && ${f} >= ${literal(t.value)})`
      case 'below':
        return `(typeof ${f} === 'number' && ${f} < ${literal(t.value)})`
    }
  }

  /** Emits the body of a labelled block `L<m>` setting `m` to the offense's match code (mirrors compileOffenseMatch). */
  private offenseMatch(match: OffenseMatch, o: string, m: string): void {
    const no = `{ ${m} = 0; break L${m}; }`
    const cls = match.class ? this.registry.offenseClasses.get(match.class) : undefined
    const cb = this.read('CB', 'K_CB')
    // A list that names every category only rules out text outside the vocabulary; keep that test.
    const categoryTest = (cats: readonly string[]) => `if ((${cb}[${o}.category] & ${cats.reduce((acc, c) => acc | (CATEGORY_BIT[c] ?? 0), 0)}) === 0) ${no}`
    const levelTest = (levels: readonly string[]) => `{ var lv = ${o}.level; if (lv === undefined) ${m} = 2; else if (!(${levels.map((l) => `lv === ${literal(l)}`).join(' || ')})) ${no} }`
    if (match.categories) this.emit(categoryTest(match.categories))
    if (match.levels) this.emit(levelTest(match.levels))
    if (cls) {
      const byCategory = [categoryTest(cls.categories), cls.levels ? levelTest(cls.levels) : ''].join(' ')
      if (cls.statutes.length > 0) {
        const st = `${o}.statute`
        this.emit(`if (${st} !== undefined) { if (!(${cls.statutes.map((s) => `${st}.startsWith(${literal(s)})`).join(' || ')})) ${no} } else { ${byCategory} }`)
      } else this.emit(byCategory)
    }
    if (match.withinYears !== undefined) {
      const day = this.read('day', 'c.day')
      const windowDays = Math.round(match.withinYears * DAYS_PER_YEAR)
      this.emit(`{ var od = ISO(${o}.date); if (od !== od) { ${m} = 2; break L${m}; } if (${day} - od > ${windowDays}) ${no} }`)
    }
  }

  /** Emits code computing one item's state mask into a new local, mirroring `itemMask`. */
  itemMask(item: SegmentItem): string {
    const cand = item.candidate
    const { when, unless } = cand.provision
    const m = this.tmp('s')
    const a = this.tmp('a')
    this.emit(`var ${m}; B${m}: { var ${a} = ${item.inForceUnknown ? 2 : 1};`)
    if (cand.custodyMask !== 7) {
      // Compare the custody text with the bound types directly: no branches for types that do not matter.
      const cu = this.custody()
      const bound = CUSTODY_NAMES.filter((_, i) => cand.custodyMask & (1 << i)).map((n) => `${cu} === ${literal(n)}`).join(' || ') || 'false'
      this.emit(`if (${cu} === undefined) ${a} = 2; else if (!(${bound})) { ${m} = 1; break B${m}; }`)
    }
    if (cand.unknownLayer) this.emit(`${m} = 15;`)
    else if (cand.provision.effect === 'limit') {
      let u = '0'
      if (unless) {
        u = this.condition(unless)
        this.emit(`if (${u} === 1) { ${m} = 1; break B${m}; }`)
      }
      const w = when ? this.condition(when) : '1'
      this.emit(`${m} = ${w} === 1 ? 2 : ${w} === 0 ? 4 : 6; if (${a} !== 1 || ${u} !== 0) ${m} |= 1;`)
    } else {
      const w = this.tmp()
      this.emit(`var ${w} = ${when ? this.condition(when) : '1'};`)
      if (unless) {
        this.emit(`if (${w} !== 0) {`)
        const u = this.condition(unless)
        this.emit(`${w} = ${u} === 1 ? 0 : ${u} === 2 ? 2 : ${w}; }`)
      }
      this.emit(`${m} = ${w} === 0 ? 1 : ${a} === 1 && ${w} === 1 ? 2 : 3;`)
    }
    this.emit('}')
    return m
  }

  /** Builds the function from the code emitted so far; `tail` ends it (the memo lookup), or is empty when every path returns. */
  finish(tail: string, table?: Uint8Array, map?: Map<number, number>, miss?: (key: number) => number, cache?: Map<string, BatchFunction>): BatchFunction {
    const pre = [...this.preamble.values()].join('\n')
    const source = `return function batchDecide(c) {\n${pre}\n${this.body.join('\n')}\n${tail}\n}`
    // Code with no constants of its own behaves the same wherever it was generated: one function per source.
    const shareable = cache !== undefined && this.constants.length === 0 && !table && !map
    const known = shareable ? cache.get(source) : undefined
    if (known) return known
    const names = ['K_CB', 'ISO', 'T', 'M', 'MISS', ...this.constants.map((_, i) => `K${i}`)]
    const factory = new Function(...names, source) as (...args: unknown[]) => BatchFunction
    const fn = factory(CATEGORY_BIT, isoDay, table, map, miss, ...this.constants)
    if (shareable) cache.set(source, fn)
    return fn
  }

  /** Number of lines emitted so far (a bound on generated code size). */
  get size(): number {
    return this.body.length
  }
}

/** Custody types by bit (1, 2, 4), as in `CUSTODY_BITS`. */
const CUSTODY_NAMES = ['county-jail', 'city-jail', 'state-prison'] as const

function literal(v: string | number | boolean): string {
  return JSON.stringify(v)
}

/** Whether an item's mask is the same for every case, and which. */
function constantMask(item: SegmentItem): StateMask | undefined {
  const c = item.candidate
  if (item.inForceUnknown || c.custodyMask !== 7 || c.provision.when || c.provision.unless || c.unknownLayer) return undefined
  return 2
}

/** The masks a variable item can produce, in digit order. */
function possibleMasks(item: SegmentItem): StateMask[] {
  if (item.candidate.unknownLayer) return [1, 15]
  return item.candidate.provision.effect === 'limit' ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3]
}

/** The days cases are expected to fall on, for shaping the day comparisons (1990–2035). */
const WINDOW_FROM = 7305
const WINDOW_TO = 23741

/** Largest key space compiled into a decision tree; larger ones use the memo table. */
const MAX_TREE_KEYS = 4096
/** Largest decision tree, in emitted lines; a larger one falls back to the memo table. */
const MAX_TREE_LINES = 1500

/** A rough cost of evaluating an item: fact reads count 1, offense scans 4. */
function conditionCost(c: Condition | undefined): number {
  if (!c) return 0
  switch (c.kind) {
    case 'all':
    case 'any':
      return c.parts.reduce((n, p) => n + conditionCost(p), 0)
    case 'not':
      return conditionCost(c.part)
    case 'fact':
      return 1
    case 'offense':
      return 4
  }
}

/** The digit of an item's mask in the key: mask - 1 for ordinary items (masks 1..7); 0 or 1 for the unknown-layer stand-in (masks 1, 15). */
function digitCode(item: SegmentItem, m: string): string {
  return item.candidate.unknownLayer ? `(${m} === 15 ? 1 : 0)` : `(${m} - 1)`
}

/**
 * One interval's items on one question, ready to generate code for: the items whose state varies,
 * in the order the code evaluates them, and either every combination's value code (a decision
 * tree) or, for a very large key space, a memo-table function to call.
 */
export interface PreparedItems {
  readonly kind: 'prepared'
  readonly items: readonly SegmentItem[]
  /** Indexes of the variable items, in evaluation order: higher layers and cheaper conditions first. */
  readonly variable: readonly number[]
  readonly possible: readonly (readonly StateMask[])[]
  /** Key weight of each variable item (the first evaluated is the most significant). */
  readonly weights: readonly number[]
  /** Value code of every key, when the items compile to a decision tree. */
  readonly codes?: Uint8Array
  /** The memo-table function, when they do not. */
  readonly fallback?: BatchFunction
}

/**
 * Resolves every combination of an interval's item states at compile time. `code` gives the value
 * code for a full assignment of state masks (the engine passes the shared combination rule).
 *
 * @example
 * ```ts
 * const prepared = prepareBatch(registry, segment.items.hold, (masks) => VALUE_CODES[resolve(candidates, masks).value])
 * ```
 */
export function prepareBatch(registry: Registry, items: readonly SegmentItem[], code: (masks: readonly StateMask[]) => number): PreparedItems {
  const masks: StateMask[] = items.map((it) => constantMask(it) ?? 0)
  const cost = (i: number) => {
    const c = items[i]!.candidate
    return (c.custodyMask !== 7 ? 0.5 : 0) + conditionCost(c.provision.when) + conditionCost(c.provision.unless)
  }
  const variable = items
    .map((it, i) => (masks[i] === 0 ? i : -1))
    .filter((i) => i >= 0)
    .sort((a, b) => items[a]!.candidate.layerIndex - items[b]!.candidate.layerIndex || cost(a) - cost(b) || a - b)
  const possible = variable.map((i) => possibleMasks(items[i]!))
  const size = possible.reduce((n, p) => n * p.length, 1)
  const weights = possible.map((_, j) => possible.slice(j + 1).reduce((n, p) => n * p.length, 1))
  const assignment = (k: number): StateMask[] => {
    const full = [...masks]
    variable.forEach((itemIndex, j) => {
      full[itemIndex] = possible[j]![Math.floor(k / weights[j]!) % possible[j]!.length]!
    })
    return full
  }
  const base = { kind: 'prepared', items, variable, possible, weights } as const
  if (size <= MAX_TREE_KEYS) {
    const codes = new Uint8Array(size)
    for (let k = 0; k < size; k++) codes[k] = code(assignment(k))
    const prepared: PreparedItems = { ...base, codes }
    // Check that the tree stays small; if not, use the memo table.
    if (emitTree(new Generator(registry), prepared, (v) => `return ${v};`)) return prepared
  }
  const g = new Generator(registry)
  const terms = variable.map((i, j) => `${digitCode(items[i]!, g.itemMask(items[i]!))} * ${weights[j]}`)
  const key = g.tmp('k')
  g.emit(`var ${key} = ${terms.join(' + ') || '0'};`)
  const table = size <= MAX_TABLE ? new Uint8Array(size).fill(EMPTY) : undefined
  const map = table ? undefined : new Map<number, number>()
  const miss = (k: number): number => {
    const value = code(assignment(k))
    if (table) table[k] = value
    else map!.set(k, value)
    return value
  }
  const lookup = table ? `var v = T[${key}]; return v !== ${EMPTY} ? v : MISS(${key});` : `var v = M.get(${key}); return v !== undefined ? v : MISS(${key});`
  return { ...base, fallback: g.finish(lookup, table, map, miss) }
}

/**
 * Emits code that ends every path with `ret(value code)`. For a decision tree: evaluates items one
 * at a time and stops as soon as the rest cannot change the answer, so it reads only the facts that
 * matter. Returns false if the tree grew past the size bound (the emitted code is then unusable).
 */
function emitTree(g: Generator, p: PreparedItems, ret: (value: string) => string): boolean {
  if (p.fallback) {
    g.emit(ret(`${g.constant(p.fallback)}(c)`))
    return true
  }
  const codes = p.codes!
  const start = g.size
  const node = (j: number, lo: number, hi: number): boolean => {
    if (g.size - start > MAX_TREE_LINES) return false
    const first = codes[lo]!
    let constant = true
    for (let k = lo + 1; k < hi && constant; k++) constant = codes[k] === first
    if (constant) {
      g.emit(ret(String(first)))
      return true
    }
    const item = p.items[p.variable[j]!]!
    const d = g.tmp('d')
    g.emit(`var ${d} = ${digitCode(item, g.itemMask(item))};`)
    // Digits whose sub-trees are identical share one branch; the largest group is the fall-through.
    const w = p.weights[j]!
    const groups = new Map<string, number[]>()
    for (let v = 0; v < p.possible[j]!.length; v++) {
      const signature = codes.subarray(lo + v * w, lo + (v + 1) * w).join()
      groups.set(signature, [...(groups.get(signature) ?? []), v])
    }
    const ordered = [...groups.values()].sort((a, b) => a.length - b.length)
    for (let x = 0; x < ordered.length; x++) {
      const digits = ordered[x]!
      const start = lo + digits[0]! * w
      if (x === ordered.length - 1) return node(j + 1, start, start + w)
      g.emit(`if (${digits.map((v) => `${d} === ${v}`).join(' || ')}) {`)
      if (!node(j + 1, start, start + w)) return false
      g.emit('}')
    }
    return true
  }
  return node(0, 0, codes.length)
}

/**
 * Generates the batch function for one interval's items on one question (see {@link prepareBatch}).
 *
 * @example
 * ```ts
 * const fn = compileBatch(registry, segment.items.hold, (masks) => VALUE_CODES[resolve(candidates, masks).value])
 * fn(parseCase({ jurisdiction: 'ocd-division/country:us/state:ca', date: '2019-01-01', custody: 'county-jail' }))
 * ```
 */
export function compileBatch(registry: Registry, items: readonly SegmentItem[], code: (masks: readonly StateMask[]) => number): BatchFunction {
  return compileRouter(registry, [-1_000_000], [[prepareBatch(registry, items, code)]])
}

/**
 * One jurisdiction's batch function: it picks the interval by the case's day — a balanced tree of
 * comparisons against constant boundary days — and runs that interval's decision tree, all inline
 * in one generated function. `leaves[i]` holds the prepared items of the interval starting at
 * `starts[i]` (`starts[0]` is the open start): one question gives its value code; three give
 * `hold | notify << 2 | interview << 4`. With `cache`, functions generated with the same source
 * (and no constants of their own) are one function.
 *
 * @example
 * ```ts
 * const route = compileRouter(registry, [-1_000_000, 17532], [[beforeSb54], [sb54]])
 * route(parsedCase) // the value code from the interval covering the case's day
 * ```
 */
export function compileRouter(registry: Registry, starts: readonly number[], leaves: readonly (readonly PreparedItems[])[], cache?: Map<string, BatchFunction>): BatchFunction {
  const single = leaves.length === 1 && leaves[0]!.length === 1 ? leaves[0]![0]! : undefined
  if (single?.fallback) return single.fallback
  const g = new Generator(registry)
  const day = leaves.length > 1 ? g.read('day', 'c.day') : ''
  const leaf = (prepared: readonly PreparedItems[]): boolean => {
    if (prepared.length === 1) return emitTree(g, prepared[0]!, (v) => `return ${v};`)
    const vars: string[] = []
    for (const p of prepared) {
      const v = g.tmp('v')
      vars.push(v)
      g.emit(`var ${v}; L${v}: {`)
      if (!emitTree(g, p, (x) => `${v} = ${x}; break L${v};`)) return false
      g.emit('}')
    }
    g.emit(`return ${vars.map((v, i) => (i === 0 ? v : `(${v} << ${2 * i})`)).join(' | ')};`)
    return true
  }
  // Split where half the days of a plausible case window lie on each side, so the intervals cases
  // fall in most (recent years) sit near the root; days outside the window weigh one.
  const weight = (i: number) => {
    const from = Math.max(starts[i]!, WINDOW_FROM)
    const to = Math.min(starts[i + 1] ?? WINDOW_TO, WINDOW_TO)
    return Math.max(1, to - from)
  }
  const tree = (lo: number, hi: number): boolean => {
    if (hi - lo === 1) return leaf(leaves[lo]!)
    let total = 0
    for (let i = lo; i < hi; i++) total += weight(i)
    let mid = lo + 1
    for (let acc = weight(lo); mid < hi - 1 && acc + weight(mid) / 2 < total / 2; mid++) acc += weight(mid)
    g.emit(`if (${day} < ${starts[mid]}) {`)
    if (!tree(lo, mid)) return false
    g.emit('}')
    return tree(mid, hi)
  }
  if (!tree(0, leaves.length)) throw new Error('internal: an interval that compiled alone did not compile inline')
  return g.finish('', undefined, undefined, undefined, cache)
}

/**
 * The value code an interval's items give whatever the case says (its decision tree is a single
 * constant), or undefined when the answer depends on the case.
 *
 * @example
 * ```ts
 * constantCode(prepareBatch(registry, federalOnly, code)) // 0: permitted, for every case
 * ```
 */
export function constantCode(p: PreparedItems): number | undefined {
  const codes = p.codes
  if (!codes) return undefined
  const first = codes[0]!
  for (let k = 1; k < codes.length; k++) if (codes[k] !== first) return undefined
  return first
}
