/**
 * Running the engine over normalized detainer records, exactly and without holding rows in
 * JavaScript.
 *
 * The engine's answer for a record depends only on where it is evaluated, the fact columns it
 * reads, and the day — on the day only through the interval between two of the law's boundary
 * days (every day on which some provision's in-force status may change). So:
 *
 * 1. DuckDB scans each file once, grouping rows by a hash of their non-date columns and their
 *    day's bucket (a stretch of days inside one month with no boundary day of either registry),
 *    and returns numbers only; the text of one row per distinct combination ("tuple") is then
 *    read back by row number.
 * 2. Each tuple gets its place class (the divisions whose law could bind it, under the law and a
 *    policy counterfactual), its case facts, its origin and practice group.
 * 3. The engine answers once per distinct (class, interval, facts), on the batch path.
 * 4. Counts are added up by jurisdiction × month and atom (origin, answers, practice) on typed
 *    arrays: the {@link SimulationTable}.
 *
 * The result equals evaluating every record on its own date (a property test checks this against
 * a naive per-record evaluation).
 */
import { existsSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBDoubleVector, DuckDBInstance, DuckDBIntegerVector, type DuckDBConnection, type DuckDBVector } from '@duckdb/node-api'
import { formatDay } from '../../core/dates/index.ts'
import { createEngine, questionKey, resolveLayers, type CaseFacts, type Engine, type ParsedCase } from '../../core/engine/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { boundaryDays, type Registry } from '../../core/registry/index.ts'
import { PRACTICE_OUTCOMES, type PracticeOutcome } from '../import/index.ts'
import { caseFacts, FACT_COLUMNS, FACT_VOCABULARY, sqlString, type RecordFacts } from './facts.ts'
import { Places, targetsFor, type CountyName, type ResolvedLocation } from './places.ts'
import { aggregatePeriod, PERIODS } from './period.ts'
import type { Scenario, SimulationAction, SimulationPeriod } from './report.ts'
import { counterfactualLabel, resolveCounterfactual, type CounterfactualInput, type LawSource, type ResolvedCounterfactual } from './scenario.ts'
import { packAtom, practiceGroup, UNDETERMINED, type Origin, type SimulationTable, type TableCell, type TableJurisdiction } from './table.ts'
import { HashIndex } from './hash-index.ts'

/** What to simulate. */
export interface SimulateOptions {
  /** Normalized Parquet files written by `sanctuary import` (or `sanctuary synth`). */
  readonly inputs: readonly string[]
  /** Where the law comes from (adapters/fs's `fsLawSource()` for a registry folder); a policy counterfactual is built on its files. */
  readonly law: LawSource
  /** The law's registry, when already loaded; else `law.registry()`. */
  readonly registry?: Registry
  /** The question asked of every record (default `hold`). */
  readonly action?: SimulationAction
  /** The span of each cell (default `month`); coarser cells need less suppression. */
  readonly period?: SimulationPeriod
  readonly counterfactual?: CounterfactualInput
  /** Census county names, to name counties the registry has no file for (else they count under their state). */
  readonly counties?: readonly CountyName[]
  /** Default: the law source's. */
  readonly engineVersion?: string
  /** DuckDB threads (default: one per core). */
  readonly threads?: number
  /** DuckDB memory limit (default `1GB`; DuckDB spills to a temporary folder beyond it). */
  readonly memoryLimit?: string
}

/** Record columns the simulator reads, with the DuckDB type each must have. */
export const SIMULATION_COLUMNS: ReadonlyArray<{ readonly name: string; readonly type: string }> = [
  { name: 'source', type: 'VARCHAR' },
  { name: 'event_date', type: 'DATE' },
  { name: 'state', type: 'VARCHAR' },
  { name: 'county_geoid', type: 'VARCHAR' },
  { name: 'place_geoid', type: 'VARCHAR' },
  ...FACT_COLUMNS.map((name) => ({ name, type: 'VARCHAR' })),
  { name: 'practice_outcome', type: 'VARCHAR' },
]

const q = (name: string) => `"${name}"`

/**
 * Runs the simulation and returns the exact table (not for publication: see `simulate`).
 *
 * @example
 * ```ts
 * const table = await runSimulation({ inputs: ['/tmp/pa.parquet'], law: fsLawSource(), counterfactual: { kind: 'jurisdiction', jurisdiction: 'California', date: '2018-01-01' } })
 * ```
 */
export async function runSimulation(options: SimulateOptions): Promise<SimulationTable> {
  const started = performance.now()
  const period = options.period ?? 'month'
  if (!PERIODS.includes(period)) throw new AppError('invalid-input', `"${String(period)}" is not one of ${PERIODS.join(', ')}`, { field: 'period' })
  if (options.inputs.length === 0) throw new AppError('invalid-input', 'no input files given', { field: 'PARQUET' })
  for (const file of options.inputs) {
    if (!existsSync(file)) throw new AppError('not-found', 'input file not found', { file })
    if (!statSync(file).isFile()) throw new AppError('invalid-input', 'input is not a file', { file })
  }
  const action = options.action ?? 'hold'
  const engineVersion = options.engineVersion ?? options.law.engineVersion
  const instance = await DuckDBInstance.create(':memory:', {
    temp_directory: join(tmpdir(), `sanctuary-simulate-${process.pid}`),
    memory_limit: options.memoryLimit ?? '1GB',
    // row order never matters here: counts are summed
    preserve_insertion_order: 'false',
    ...(options.threads ? { threads: String(options.threads) } : {}),
  })
  const c = await instance.connect()
  let scanning: Promise<Scan> | undefined
  try {
    for (const file of options.inputs) await checkSchema(c, file)
    debug('schema checked')
    const registry = options.registry ?? (await options.law.registry())
    const counterfactual = options.counterfactual ? await resolveCounterfactual(options.counterfactual, registry, options.law) : undefined
    // every day on which any provision's status may change, in either registry: between two of
    // them (and within a month) no record's answer or month can change
    const cuts = new Set<number>(boundaryDays([...registry.jurisdictions.values()].flatMap((j) => j.enactments)))
    if (counterfactual?.kind === 'policy') for (const d of boundaryDays([...counterfactual.registry.jurisdictions.values()].flatMap((j) => j.enactments))) cuts.add(d)
    // DuckDB scans on its own threads while the engine is set up here
    scanning = scanFiles(c, options.inputs, cuts)
    scanning.catch(() => undefined)
    const scenarios: Scenario[] = [{ id: 'law', label: 'The law in force on each record’s date, in its jurisdiction' }]
    if (counterfactual) scenarios.push({ id: 'counterfactual', label: counterfactualLabel(counterfactual.spec), spec: counterfactual.spec })
    const law = createEngine(registry, { version: engineVersion })
    const cfEngine = counterfactual?.kind === 'policy' ? createEngine(counterfactual.registry, { version: engineVersion }) : counterfactual ? law : undefined
    const places = new Places(counterfactual?.kind === 'policy' ? [registry, counterfactual.registry] : [registry], options.counties ?? [])
    // the engine is asked once per distinct law (see `Representatives`), on its interpreted
    // path: no jurisdiction's batch function is generated for the few questions asked of it
    const lawReps = new Representatives(registry, action)
    const cfReps = counterfactual?.kind === 'policy' ? new Representatives(counterfactual.registry, action) : undefined
    const scan = await scanning
    return aggregatePeriod(simulateIn(scan, { ...options, action, engineVersion, registry, law, cfEngine, counterfactual, places, scenarios, started, lawReps, cfReps }), period)
  } finally {
    // never close DuckDB under a query still running (a failure here may come first)
    await scanning?.catch(() => undefined)
    c.closeSync()
    instance.closeSync()
  }
}

/** The non-date columns whose distinct combinations ("tuples") the scan groups by. */
const TUPLE_COLUMNS = ['source', 'state', 'county_geoid', 'place_geoid', ...FACT_COLUMNS, 'practice_outcome'] as const
const TUPLE_LIST = TUPLE_COLUMNS.map(q).join(', ')

/** One distinct combination of a file's non-date columns, with its range of days. */
type Tuple = Record<(typeof TUPLE_COLUMNS)[number], unknown> & { readonly file: number; firstDay: number | null; lastDay: number | null }

/** The scan's result: the distinct tuples, and the counts by tuple and day (numbers only). */
interface Scan {
  readonly tuples: Tuple[]
  readonly length: number
  readonly tuple: Int32Array
  readonly day: Int32Array
  readonly count: Float64Array
}

/**
 * One scan per file: DuckDB groups the rows by a 64-bit hash of their non-date columns and their
 * day's bucket (one integer and a date, far cheaper than fourteen text columns; a bucket is a
 * stretch of days inside one month with no cut day in it, so every record in it has the same
 * answer and month, and its first day stands for all), returning numbers only,
 * with one row number per group; then the text of one row per distinct hash is fetched by row
 * number. Exact unless two different tuples share a 64-bit hash (for a million distinct tuples,
 * a chance below 10⁻⁷); JavaScript compares the whole 64-bit hash.
 */
async function scanFiles(c: DuckDBConnection, files: readonly string[], cuts: ReadonlySet<number>): Promise<Scan> {
  const tuples: Tuple[] = []
  // days → the first day of their bucket: a bucket ends at every month's start and every cut
  let lo = Infinity
  let hi = -Infinity
  for (const f of files) {
    const [range] = (await c.runAndReadAll(`SELECT (epoch_ms(min(event_date)) // 86400000)::INTEGER AS lo, (epoch_ms(max(event_date)) // 86400000)::INTEGER AS hi FROM read_parquet(${sqlString(f)})`)).getRowObjects()
    if (range?.lo !== null && range?.lo !== undefined) lo = Math.min(lo, Number(range.lo))
    if (range?.hi !== null && range?.hi !== undefined) hi = Math.max(hi, Number(range.hi))
  }
  debug('date range')
  await c.run('CREATE OR REPLACE TEMP TABLE buckets (d INTEGER, b INTEGER)')
  if (Number.isFinite(lo)) {
    if (hi - lo > 100 * 366) throw new AppError('invalid-input', `dates span more than a century (${formatDay(lo)} to ${formatDay(hi)})`, { field: 'event_date' })
    const appender = await c.createAppender('buckets')
    let start = lo
    for (let d = lo; d <= hi; d++) {
      if (cuts.has(d) || new Date(d * 86_400_000).getUTCDate() === 1) start = d
      appender.appendInteger(d)
      appender.appendInteger(start)
      appender.endRow()
    }
    appender.flushSync()
    appender.closeSync()
  }
  debug('buckets')
  let cap = 1 << 16
  let tuple: Int32Array = new Int32Array(cap)
  let day: Int32Array = new Int32Array(cap)
  let count: Float64Array = new Float64Array(cap)
  let length = 0
  for (let fi = 0; fi < files.length; fi++) {
    const file = sqlString(files[fi]!)
    const local = new HashIndex()
    const rep: number[] = []
    const base = tuples.length
    // the hash as two signed 32-bit halves: the whole 64-bit key, compared in JavaScript
    const result = await c.stream(`SELECT ((h >> 32)::BIGINT - 2147483648)::INTEGER AS hi, ((h & 4294967295)::BIGINT - 2147483648)::INTEGER AS lo, coalesce(b, ${NO_DAY}) AS day, n, r
      FROM (SELECT hash(${TUPLE_COLUMNS.map((col) => `p.${q(col)}`).join(', ')}) AS h, k.b AS b, count(*)::DOUBLE AS n, min(p.file_row_number)::DOUBLE AS r
        FROM read_parquet(${file}, file_row_number = true) p LEFT JOIN buckets k ON k.d = (epoch_ms(p.event_date) // 86400000)::INTEGER
        GROUP BY ALL)`)
    for (;;) {
      const chunk = await result.fetchChunk()
      if (!chunk || chunk.rowCount === 0) break
      const vh = int32Items(chunk.getColumnVector(0))
      const vl = int32Items(chunk.getColumnVector(1))
      const vd = int32Items(chunk.getColumnVector(2))
      const vn = float64Items(chunk.getColumnVector(3))
      const vr = float64Items(chunk.getColumnVector(4))
      const rows = chunk.rowCount
      if (length + rows > cap) {
        while (length + rows > cap) cap *= 2
        tuple = grow32(tuple, cap)
        day = grow32(day, cap)
        const next = new Float64Array(cap)
        next.set(count)
        count = next
      }
      for (let i = 0; i < rows; i++) {
        const t = local.index(vh[i]!, vl[i]!)
        if (t === rep.length) rep.push(vr[i]!)
        else if (vr[i]! < rep[t]!) rep[t] = vr[i]!
        tuple[length] = base + t
        day[length] = vd[i]!
        count[length] = vn[i]!
        length++
      }
    }
    debug(`scan of ${files[fi]}: ${length} groups so far, ${rep.length} tuples`)
    // the text of one row per tuple
    await c.run(`CREATE OR REPLACE TEMP TABLE wanted (r BIGINT, t INTEGER)`)
    const appender = await c.createAppender('wanted')
    rep.forEach((r, t) => {
      appender.appendBigInt(BigInt(r))
      appender.appendInteger(t)
      appender.endRow()
    })
    appender.flushSync()
    appender.closeSync()
    const found = (
      await c.runAndReadAll(`SELECT w.t, ${TUPLE_COLUMNS.map((col) => `p.${q(col)}`).join(', ')}
        FROM read_parquet(${file}, file_row_number = true) p JOIN wanted w ON p.file_row_number = w.r`)
    ).getRowObjects()
    const byLocal = new Array<Record<string, unknown>>(rep.length)
    for (const row of found) byLocal[Number(row.t)] = row
    for (let t = 0; t < rep.length; t++) {
      const row = byLocal[t]
      if (!row) throw new AppError('internal', 'a scanned row could not be read back', { file: files[fi] })
      tuples.push({ ...(row as Record<string, unknown>), file: fi, firstDay: null, lastDay: null } as Tuple)
    }
  }
  debug('tuples read back')
  const first = new Int32Array(tuples.length).fill(2_147_483_647)
  const last = new Int32Array(tuples.length).fill(NO_DAY)
  for (let i = 0; i < length; i++) {
    const d = day[i]!
    if (d === NO_DAY) continue
    const t = tuple[i]!
    if (d < first[t]!) first[t] = d
    if (d > last[t]!) last[t] = d
  }
  tuples.forEach((t, i) => {
    if (last[i] !== NO_DAY) {
      t.firstDay = first[i]!
      t.lastDay = last[i]!
    }
  })
  return { tuples, length, tuple, day, count }
}

function grow32(a: Int32Array, cap: number): Int32Array {
  const out = new Int32Array(cap)
  out.set(a)
  return out
}

async function checkSchema(c: DuckDBConnection, file: string): Promise<void> {
  let columns: Map<string, string>
  try {
    const rows = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`)).getRowObjectsJson()
    columns = new Map(rows.map((r) => [String(r.column_name), String(r.column_type)]))
  } catch (cause) {
    throw new AppError('invalid-input', `not a readable Parquet file (${firstLine(cause)})`, { file }, { cause })
  }
  for (const col of SIMULATION_COLUMNS) {
    const type = columns.get(col.name)
    if (type === undefined) throw new AppError('invalid-input', `missing column (is this a file written by sanctuary import?)`, { file, field: col.name })
    if (type !== col.type) throw new AppError('invalid-input', `column has type ${type}, expected ${col.type}`, { file, field: col.name })
  }
}

function firstLine(thrown: unknown): string {
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return message.split('\n')[0] ?? message
}

interface RunContext extends Omit<SimulateOptions, 'counterfactual' | 'law'> {
  readonly action: SimulationAction
  readonly engineVersion: string
  readonly registry: Registry
  readonly law: Engine
  readonly cfEngine: Engine | undefined
  readonly counterfactual: ResolvedCounterfactual | undefined
  readonly places: Places
  readonly scenarios: Scenario[]
  readonly started: number
  readonly lawReps: Representatives
  readonly cfReps: Representatives | undefined
}

/**
 * One jurisdiction for each distinct law on the question: jurisdictions with the same
 * {@link questionKey} (the same provisions for the question in their chain of layers) get the
 * same answer for every case and date, so the engine is asked, and prepared, for the first of
 * them only. A common answer over several targets is the same over their representatives (it is
 * undetermined when any is, or when two differ, whatever their order or repetition).
 */
class Representatives {
  private readonly byKey = new Map<string, string>()
  private readonly byId = new Map<string, string>()
  constructor(
    private readonly registry: Registry,
    private readonly action: SimulationAction,
  ) {
    // the registry's own ids first, in id order: the same representative on every run (a state
    // before its counties, so the shortest chain, with the fewest boundary days, stands for them)
    for (const id of [...registry.jurisdictions.keys()].sort()) this.one(id)
  }

  one(id: string): string {
    let rep = this.byId.get(id)
    if (rep === undefined) {
      const key = questionKey(this.registry, id, this.action)
      rep = this.byKey.get(key)
      if (rep === undefined) this.byKey.set(key, (rep = id))
      this.byId.set(id, rep)
    }
    return rep
  }

  /** The distinct representatives of `ids`, sorted. */
  of(ids: readonly string[]): string[] {
    return [...new Set([...ids].sort().map((id) => this.one(id)))].sort()
  }
}

/** A class: the divisions whose law could bind a record, under the law and the policy counterfactual. */
interface PlaceClass {
  readonly law: readonly string[]
  readonly cf: readonly string[] | null
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

function simulateIn(scan: Scan, ctx: RunContext): SimulationTable {
  const tuples = scan.tuples
  const tick = debug
  tick('tuples and registry')
  const files = [...ctx.inputs]
  const sources: string[] = []
  const origins: Origin[] = []
  const originIndex = new Map<string, number>()
  const practiceSources: boolean[] = []
  const jurisdictions: TableJurisdiction[] = []
  const jurisdictionIndex = new Map<string, number>()
  const classes: PlaceClass[] = []
  const classIndex = new Map<string, number>()
  const facts: RecordFacts[] = []
  const factIndex = new Map<string, number>()
  const n = tuples.length
  const tJur = new Int32Array(n)
  const tClass = new Int32Array(n)
  const tFact = new Int32Array(n)
  const tOrigin = new Int32Array(n)
  const tPractice = new Int32Array(n)
  const locCache = new Map<string, ResolvedLocation>()
  const classOfPlace = new Map<string, number>()
  tuples.forEach((t, i) => {
    const fi = t.file
    const file = files[fi]!
    const source = str(t.source)
    if (source === null || source === '') throw new AppError('invalid-input', 'a record has no source', { file, field: 'source' })
    let si = sources.indexOf(source)
    if (si < 0) {
      si = sources.push(source) - 1
      practiceSources.push(false)
    }
    const originKey = `${fi}\u0000${si}`
    let oi = originIndex.get(originKey)
    if (oi === undefined) {
      oi = origins.push({ file: fi, source: si }) - 1
      originIndex.set(originKey, oi)
    }
    tOrigin[i] = oi
    const practice = str(t.practice_outcome)
    if (practice !== null && !(PRACTICE_OUTCOMES as readonly string[]).includes(practice)) {
      throw new AppError('invalid-input', `"${practice}" is not a practice outcome (${PRACTICE_OUTCOMES.join(', ')})`, { file, field: 'practice_outcome' })
    }
    if (practice !== null) practiceSources[si] = true
    tPractice[i] = practiceGroup(practice as PracticeOutcome | null)
    const state = checkPattern(str(t.state), /^[a-z]{2}$/, 'state', file, 'a two-letter lower-case state code')
    const county = checkPattern(str(t.county_geoid), /^\d{5}$/, 'county_geoid', file, 'a 5-digit county GEOID')
    const place = checkPattern(str(t.place_geoid), /^\d{7}$/, 'place_geoid', file, 'a 7-digit place GEOID')
    const f = {} as Record<string, string | null>
    for (const col of FACT_COLUMNS) {
      const v = str(t[col])
      if (v !== null && !FACT_VOCABULARY[col].includes(v)) throw new AppError('invalid-input', `"${v}" is not one of ${FACT_VOCABULARY[col].join(', ')}`, { file, field: col })
      f[col] = v
    }
    const locKey = `${state}|${county}|${place}`
    let loc = locCache.get(locKey)
    if (!loc) {
      loc = ctx.places.resolve({ state, county, place })
      locCache.set(locKey, loc)
    }
    let j = jurisdictionIndex.get(loc.cell)
    if (j === undefined) {
      j = jurisdictions.push({ id: loc.cell, name: loc.name, linked: loc.linked }) - 1
      jurisdictionIndex.set(loc.cell, j)
    }
    tJur[i] = j
    // a place and custody's class, once per distinct pair (an unlinked record's lists every
    // registry jurisdiction of its state, or of the country)
    const placeKey = `${locKey}|${f.custody ?? ''}`
    let k = classOfPlace.get(placeKey)
    if (k === undefined) {
      const cls = placeClass(ctx, loc, f.custody ?? null)
      const classKey = `${cls.law.join('|')}#${cls.cf?.join('|') ?? ''}`
      k = classIndex.get(classKey)
      if (k === undefined) {
        k = classes.push(cls) - 1
        classIndex.set(classKey, k)
      }
      classOfPlace.set(placeKey, k)
    }
    tClass[i] = k
    const factKey = FACT_COLUMNS.map((col) => f[col] ?? '').join('|')
    let fk = factIndex.get(factKey)
    if (fk === undefined) {
      fk = facts.push(f as RecordFacts) - 1
      factIndex.set(factKey, fk)
    }
    tFact[i] = fk
  })
  // pieces: per class, the union of its divisions' boundary days (law and policy registries);
  // a day's piece is looked up in a per-class table over the inputs' range of days
  const boundaryCache = new Map<string, readonly number[]>()
  const boundariesOf = (registry: Registry, tag: string, id: string): readonly number[] => {
    const key = `${tag}\u0000${id}`
    let days = boundaryCache.get(key)
    if (!days) {
      days = boundaryDays(resolveLayers(registry, id).flatMap((l) => l.jurisdiction?.enactments ?? []))
      boundaryCache.set(key, days)
    }
    return days
  }
  const pieceBounds = new Map<number, Int32Array>()
  const boundsOf = (k: number): Int32Array => {
    let days = pieceBounds.get(k)
    if (days) return days
    const cls = classes[k]!
    const set = new Set<number>()
    for (const id of cls.law) for (const d of boundariesOf(ctx.registry, 'law', id)) set.add(d)
    if (cls.cf && ctx.counterfactual?.kind === 'policy') for (const id of cls.cf) for (const d of boundariesOf(ctx.counterfactual.registry, 'cf', id)) set.add(d)
    days = Int32Array.from([...set].sort((x, y) => x - y))
    pieceBounds.set(k, days)
    return days
  }

  // 3. the engine, once per distinct (class, piece, facts); 4. counts per cell and atom
  let engineCalls = 0
  const factsCache = new Map<number, ReturnType<typeof caseFacts>>()
  const factsOf = (i: number) => {
    let f = factsCache.get(i)
    if (!f) {
      f = caseFacts(facts[i]!)
      factsCache.set(i, f)
    }
    return f
  }
  const dates = new Map<number, string>()
  const reached = new Set<string>()
  const decide = (engine: Engine, id: string, day: number, fact: number): number => {
    engineCalls++
    reached.add(id)
    let date = dates.get(day)
    if (date === undefined) dates.set(day, (date = formatDay(day)))
    return engine.decideInterpreted(fixedCase(id, date, day, factsOf(fact)), ctx.action)
  }
  // per list of targets, the one that settled the last common answer: asked first next time
  // (the common answer does not depend on the order, and one target often settles many)
  const settler = new Map<readonly string[], number>()
  // one target's answer depends on the day only through the interval between its own boundary
  // days (the same reason a class's does, on fewer days): answers are kept per (target, its
  // interval, facts), so a target shared by many classes, or a class interval that is not the
  // target's, asks the engine nothing new
  const F0 = Math.max(1, facts.length)
  const targetIndex = [new Map<string, number>(), new Map<string, number>()]
  const targetBounds: [Int32Array[], Int32Array[]] = [[], []]
  const targetAnswers = new Map<number, Int8Array>()
  const decideTarget = (which: 0 | 1, engine: Engine, id: string, day: number, fact: number): number => {
    let ti = targetIndex[which]!.get(id)
    if (ti === undefined) {
      ti = targetBounds[which].length
      targetIndex[which]!.set(id, ti)
      const registry = which === 0 ? ctx.registry : (ctx.counterfactual as Extract<ResolvedCounterfactual, { kind: 'policy' }>).registry
      targetBounds[which].push(Int32Array.from([...boundariesOf(registry, which === 0 ? 'law' : 'cf', id)].sort((x, y) => x - y)))
    }
    const bounds = targetBounds[which][ti]!
    const key = (ti * 2 + which) * F0 + fact
    let row = targetAnswers.get(key)
    if (!row) {
      row = new Int8Array(bounds.length + 1).fill(-1)
      targetAnswers.set(key, row)
    }
    const piece = countAtMost(bounds, day)
    let v = row[piece]!
    if (v < 0) v = row[piece] = decide(engine, id, day, fact)
    return v
  }
  const common = (which: 0 | 1, engine: Engine, ids: readonly string[], day: number, fact: number): number => {
    let value = -1
    const first = ids.length > 2 ? (settler.get(ids) ?? 0) : 0
    for (let n = 0; n < ids.length; n++) {
      const i = (first + n) % ids.length
      const v = decideTarget(which, engine, ids[i]!, day, fact)
      // undetermined anywhere makes the common answer undetermined, whatever the rest say
      if (v === UNDETERMINED || (value !== -1 && v !== value)) {
        if (ids.length > 2) settler.set(ids, i)
        return UNDETERMINED
      }
      value = v
    }
    return value
  }
  const cf = ctx.counterfactual
  const cfFixed = new Map<number, number>()
  const answerOf = (k: number, fact: number, day: number | null): number => {
    const cls = classes[k]!
    const law = day === null ? UNDETERMINED : common(0, ctx.law, cls.law, day, fact)
    let cfCode = 0
    if (cf?.kind === 'jurisdiction') {
      let v = cfFixed.get(fact)
      if (v === undefined) {
        v = decide(ctx.cfEngine!, cf.spec.jurisdiction, cf.day, fact)
        cfFixed.set(fact, v)
      }
      cfCode = v
    } else if (cf?.kind === 'policy') {
      cfCode = day === null ? UNDETERMINED : common(1, ctx.cfEngine!, cls.cf!, day, fact)
    }
    return law * 4 + cfCode
  }
  // answers per distinct (class, facts) pair, one slot per piece (slot 0: no date), −1 until asked;
  // every tuple of the pair shares the row, so the engine answers once per (class, piece, facts)
  const F = Math.max(1, facts.length)
  const pairAnswers = new Map<number, Int8Array>()
  let distinctCombinations = 0
  // the scan: per file, counts by tuple and day (DuckDB maps each hash to its tuple's index)
  tick('tuples resolved')
  const classBounds = classes.map((_, k) => boundsOf(k))
  const answerCache: Array<Int8Array | undefined> = new Array(tuples.length)
  const answersOf = (t: number): Int8Array => {
    const key = tClass[t]! * F + tFact[t]!
    let row = pairAnswers.get(key)
    if (!row) {
      row = new Int8Array(classBounds[tClass[t]!]!.length + 2).fill(-1)
      pairAnswers.set(key, row)
    }
    return (answerCache[t] = row)
  }
  const J = Math.max(1, jurisdictions.length)
  // cells on a grid of (month slot, jurisdiction); slot 0 is the unknown month
  let firstMonth = Infinity
  let lastMonth = -Infinity
  for (const t of tuples) {
    if (t.firstDay !== null) firstMonth = Math.min(firstMonth, monthIndex(t.firstDay))
    if (t.lastDay !== null) lastMonth = Math.max(lastMonth, monthIndex(t.lastDay))
  }
  const monthSlots = Number.isFinite(firstMonth) ? lastMonth - firstMonth + 2 : 1
  if (monthSlots * J > 50_000_000) {
    throw new AppError('invalid-input', `dates run from ${monthText(firstMonth)} to ${monthText(lastMonth)}: too many months to tabulate`, { field: 'event_date' })
  }
  const cellGrid = new Int32Array(monthSlots * J).fill(-1)
  const cells: TableCell[] = []
  const ATOM_SPACE = packAtom(origins.length, 0, 0, 0)
  const counts = new Map<number, number>()
  // counts per cell in a dense row of atoms when there are few origins (the usual case), else a map
  const dense: Float64Array[] | null = ATOM_SPACE <= 800 ? [] : null
  const monthCache = new Int32Array(MONTH_CACHE_DAYS).fill(-1)
  for (let i = 0; i < scan.length; i++) {
    const t = scan.tuple[i]!
    const dayCode = scan.day[i]!
    const day = dayCode === NO_DAY ? null : dayCode
    let piece = -1
    let month = -1
    if (day !== null) {
      piece = countAtMost(classBounds[tClass[t]!]!, day)
      const slot = day - MONTH_CACHE_FIRST_DAY
      if (slot >= 0 && slot < MONTH_CACHE_DAYS) {
        month = monthCache[slot]!
        if (month < 0) month = monthCache[slot] = monthIndex(day)
      } else month = monthIndex(day)
    }
    const cache = answerCache[t] ?? answersOf(t)
    let answer = cache[piece + 1]!
    if (answer < 0) {
      answer = cache[piece + 1] = answerOf(tClass[t]!, tFact[t]!, day)
      distinctCombinations++
    }
    const slot = (month < 0 ? 0 : month - firstMonth + 1) * J + tJur[t]!
    let cell = cellGrid[slot]!
    if (cell < 0) cell = cellGrid[slot] = cells.push({ jurisdiction: tJur[t]!, month: monthText(month) }) - 1
    const atom = packAtom(tOrigin[t]!, answer >> 2, answer & 3, tPractice[t]!)
    if (dense) {
      let row = dense[cell]
      if (!row) row = dense[cell] = new Float64Array(ATOM_SPACE)
      row[atom]! += scan.count[i]!
    } else {
      const key = cell * ATOM_SPACE + atom
      counts.set(key, (counts.get(key) ?? 0) + scan.count[i]!)
    }
  }
  // dense rows into the same map the sparse path fills
  if (dense) {
    dense.forEach((row, cell) => {
      for (let atom = 0; atom < ATOM_SPACE; atom++) if (row[atom]! > 0) counts.set(cell * ATOM_SPACE + atom, row[atom]!)
    })
  }
  tick(`counts (${engineCalls} engine calls in ${reached.size} jurisdictions)`)
  const length = counts.size
  const atomCell = new Int32Array(length)
  const atomKey = new Int32Array(length)
  const atomCount = new Float64Array(length)
  let a = 0
  for (const [key, count] of counts) {
    const atom = key % ATOM_SPACE
    atomCell[a] = (key - atom) / ATOM_SPACE
    atomKey[a] = atom
    atomCount[a] = count
    a++
  }
  return sortTable({
    kind: 'simulation-table',
    engineVersion: ctx.engineVersion,
    registryVersion: ctx.counterfactual?.kind === 'policy' ? `${ctx.registry.version}+${ctx.counterfactual.registry.version}` : ctx.registry.version,
    action: ctx.action,
    period: 'month',
    scenarios: ctx.scenarios,
    files,
    sources,
    origins,
    practiceSources,
    jurisdictions,
    cells,
    atoms: { length, cell: atomCell, key: atomKey, count: atomCount },
    stats: { distinctCombinations, engineCalls, elapsedMs: performance.now() - ctx.started },
  })
}

/**
 * A case in the one shape the engine's own parse gives every case (the same fields in the same
 * order, absent facts as undefined). Spreading the facts into a new object would give nearly every
 * case its own hidden class, and the engine's generated functions would read each fact through a
 * megamorphic lookup.
 */
function fixedCase(jurisdiction: string, date: string, day: number, facts: CaseFacts): ParsedCase {
  return { jurisdiction, date, custody: facts.custody, detainer: facts.detainer, person: facts.person, day }
}

/** With `SANCTUARY_SIM_DEBUG` set, a timestamped line on stderr (for profiling a run). */
function debug(label: string): void {
  if (!process.env.SANCTUARY_SIM_DEBUG) return
  const cpu = process.cpuUsage()
  process.stderr.write(`simulate: ${label} at ${(performance.now() / 1000).toFixed(3)} s (cpu ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s)\n`)
}

/** The day column's stand-in for a null date (an INTEGER no real date reaches). */
const NO_DAY = -2_147_483_648

/**
 * A non-null INTEGER column's values as a typed array. The pinned `@duckdb/node-api` keeps them in
 * an `items` Int32Array; reading it directly skips a per-value validity check that allocates
 * BigInts. Any other shape falls back to `getItem`.
 */
function int32Items(v: DuckDBVector): Int32Array {
  const items = (v as unknown as { items?: unknown }).items
  if (v instanceof DuckDBIntegerVector && items instanceof Int32Array && items.length === v.itemCount) return items
  return Int32Array.from({ length: v.itemCount }, (_, i) => Number(v.getItem(i)))
}

/** A non-null DOUBLE column's values as a typed array (see {@link int32Items}). */
function float64Items(v: DuckDBVector): Float64Array {
  const items = (v as unknown as { items?: unknown }).items
  if (v instanceof DuckDBDoubleVector && items instanceof Float64Array && items.length === v.itemCount) return items
  return Float64Array.from({ length: v.itemCount }, (_, i) => Number(v.getItem(i)))
}

/** Day → month is cached for 1900–2099. */
const MONTH_CACHE_FIRST_DAY = -25_567
const MONTH_CACHE_DAYS = 73_049

/** How many of the sorted `days` are at most `day` (the index of its piece). */
function countAtMost(days: Int32Array, day: number): number {
  let lo = 0
  let hi = days.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (days[mid]! <= day) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * year · 12 + month − 1 of a day number (days since 1970-01-01), by the civil-from-days algorithm.
 *
 * @example
 * ```ts
 * monthIndex(0) // 23640 (January 1970)
 * ```
 */
export function monthIndex(day: number): number {
  const z = day + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return y * 12 + m - 1
}

function monthText(index: number): string {
  if (index < 0) return 'unknown'
  const year = Math.floor(index / 12)
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

function checkPattern(value: string | null, pattern: RegExp, field: string, file: string, what: string): string | null {
  if (value !== null && !pattern.test(value)) throw new AppError('invalid-input', `"${value}" is not ${what}`, { file, field })
  return value
}

function placeClass(ctx: RunContext, loc: ResolvedLocation, custody: string | null): PlaceClass {
  const law = ctx.lawReps.of(targetsFor(ctx.registry, loc, custody))
  const cf = ctx.counterfactual?.kind === 'policy' && ctx.cfReps ? ctx.cfReps.of(targetsFor(ctx.counterfactual.registry, loc, custody)) : null
  return { law, cf }
}

async function appendRows(c: DuckDBConnection, table: string, data: readonly unknown[][]): Promise<void> {
  const appender = await c.createAppender(table)
  for (const row of data) {
    for (const v of row) {
      if (v === null || v === undefined) appender.appendNull()
      else if (typeof v === 'number') appender.appendInteger(v)
      else appender.appendVarchar(String(v))
    }
    appender.endRow()
  }
  appender.flushSync()
  appender.closeSync()
}

/** Orders jurisdictions (linked by id, `unlinked` last), cells by jurisdiction then month, for stable output. */
function sortTable(t: SimulationTable): SimulationTable {
  const jOrder = t.jurisdictions.map((_, i) => i).sort((a, b) => {
    const ja = t.jurisdictions[a]!
    const jb = t.jurisdictions[b]!
    return Number(!ja.linked) - Number(!jb.linked) || ja.id.localeCompare(jb.id)
  })
  const jNew = new Int32Array(jOrder.length)
  jOrder.forEach((old, i) => (jNew[old] = i))
  const cOrder = t.cells.map((_, i) => i).sort((a, b) => jNew[t.cells[a]!.jurisdiction]! - jNew[t.cells[b]!.jurisdiction]! || t.cells[a]!.month.localeCompare(t.cells[b]!.month))
  const cNew = new Int32Array(cOrder.length)
  cOrder.forEach((old, i) => (cNew[old] = i))
  const cell = new Int32Array(t.atoms.length)
  for (let i = 0; i < t.atoms.length; i++) cell[i] = cNew[t.atoms.cell[i]!]!
  return {
    ...t,
    jurisdictions: jOrder.map((i) => t.jurisdictions[i]!),
    cells: cOrder.map((i) => ({ jurisdiction: jNew[t.cells[i]!.jurisdiction]!, month: t.cells[i]!.month })),
    atoms: { ...t.atoms, cell },
  }
}
