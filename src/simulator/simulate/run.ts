/**
 * Running the engine over normalized detainer records, exactly and without holding rows in
 * JavaScript.
 *
 * The engine's answer for a record depends only on where it is evaluated, the day, and the fact
 * columns it reads; and on the day only through the interval between two of the law's boundary
 * days (every day on which some provision's in-force status may change). So:
 *
 * 1. DuckDB groups the Parquet rows by file, source, place columns, day, fact columns and
 *    practice outcome (one scan; a temporary table of distinct combinations with counts).
 * 2. Each distinct place and custody becomes a "class" (the divisions whose law could bind it,
 *    under the law and under a policy counterfactual); each class's boundary days are computed
 *    from the registry and DuckDB assigns every day its interval ("piece") with an ASOF join.
 * 3. The engine answers once per distinct (class, piece, facts), on the batch path.
 * 4. DuckDB joins the answers back and counts records by jurisdiction, month, answers, practice
 *    and origin: the {@link SimulationTable}.
 *
 * Every step is exact: the result equals evaluating every record on its own date (a property
 * test checks this against a naive per-record evaluation).
 */
import { existsSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { defaultRegistryDir, loadRegistryOrThrow, packageVersion } from '../../adapters/fs/index.ts'
import { formatDay } from '../../core/dates/index.ts'
import { createEngine, resolveLayers, type Engine, type ParsedCase } from '../../core/engine/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { boundaryDays, type Registry } from '../../core/registry/index.ts'
import { PRACTICE_OUTCOMES, type PracticeOutcome } from '../import/index.ts'
import { caseFacts, FACT_COLUMNS, FACT_VOCABULARY, sqlString, type RecordFacts } from './facts.ts'
import { Places, targetsFor, type CountyName, type ResolvedLocation } from './places.ts'
import type { Scenario, SimulationAction } from './report.ts'
import { counterfactualLabel, resolveCounterfactual, type CounterfactualInput, type ResolvedCounterfactual } from './scenario.ts'
import { packAtom, practiceGroup, UNDETERMINED, type Origin, type SimulationTable, type TableCell, type TableJurisdiction } from './table.ts'

/** What to simulate. */
export interface SimulateOptions {
  /** Normalized Parquet files written by `sanctuary import` (or `sanctuary synth`). */
  readonly inputs: readonly string[]
  /** The law's registry; loaded from `registryDir` when absent. */
  readonly registry?: Registry
  /** Registry folder (default: the project's `registry/`); a policy counterfactual is built on its files. */
  readonly registryDir?: string
  /** The question asked of every record (default `hold`). */
  readonly action?: SimulationAction
  readonly counterfactual?: CounterfactualInput
  /** Census county names, to name counties the registry has no file for (else they count under their state). */
  readonly counties?: readonly CountyName[]
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
 * const table = await runSimulation({ inputs: ['/tmp/pa.parquet'], counterfactual: { kind: 'jurisdiction', jurisdiction: 'California', date: '2018-01-01' } })
 * ```
 */
export async function runSimulation(options: SimulateOptions): Promise<SimulationTable> {
  const started = performance.now()
  if (options.inputs.length === 0) throw new AppError('invalid-input', 'no input files given', { field: 'PARQUET' })
  for (const file of options.inputs) {
    if (!existsSync(file)) throw new AppError('not-found', 'input file not found', { file })
    if (!statSync(file).isFile()) throw new AppError('invalid-input', 'input is not a file', { file })
  }
  const registryDir = options.registryDir ?? defaultRegistryDir()
  const registry = options.registry ?? (await loadRegistryOrThrow(registryDir))
  const action = options.action ?? 'hold'
  const engineVersion = options.engineVersion ?? packageVersion()
  const counterfactual = options.counterfactual ? await resolveCounterfactual(options.counterfactual, registry, registryDir) : undefined
  const scenarios: Scenario[] = [{ id: 'law', label: 'The law in force on each record’s date, in its jurisdiction' }]
  if (counterfactual) scenarios.push({ id: 'counterfactual', label: counterfactualLabel(counterfactual.spec), spec: counterfactual.spec })

  const instance = await DuckDBInstance.create(':memory:', {
    temp_directory: join(tmpdir(), `sanctuary-simulate-${process.pid}`),
    memory_limit: options.memoryLimit ?? '1GB',
    ...(options.threads ? { threads: String(options.threads) } : {}),
  })
  const c = await instance.connect()
  try {
    for (const file of options.inputs) await checkSchema(c, file)
    const law = createEngine(registry, { version: engineVersion })
    const cfEngine = counterfactual?.kind === 'policy' ? createEngine(counterfactual.registry, { version: engineVersion }) : counterfactual ? law : undefined
    const places = new Places(counterfactual?.kind === 'policy' ? [registry, counterfactual.registry] : [registry], options.counties ?? [])
    return await simulateIn(c, { ...options, action, engineVersion, registry, law, cfEngine, counterfactual, places, scenarios, started })
  } finally {
    c.closeSync()
    instance.closeSync()
  }
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

interface RunContext extends Omit<SimulateOptions, 'counterfactual'> {
  readonly action: SimulationAction
  readonly engineVersion: string
  readonly registry: Registry
  readonly law: Engine
  readonly cfEngine: Engine | undefined
  readonly counterfactual: ResolvedCounterfactual | undefined
  readonly places: Places
  readonly scenarios: Scenario[]
  readonly started: number
}

/** A class: the divisions whose law could bind a record, under the law and the policy counterfactual. */
interface PlaceClass {
  readonly law: readonly string[]
  readonly cf: readonly string[] | null
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

async function simulateIn(c: DuckDBConnection, ctx: RunContext): Promise<SimulationTable> {
  const tick = (label: string) => process.env.SANCTUARY_SIM_DEBUG && process.stderr.write(`${label}: ${(performance.now() - ctx.started).toFixed(0)} ms\n`)
  const files = [...ctx.inputs]
  const fileList = `[${files.map(sqlString).join(', ')}]`
  const tupleCols = ['source', 'state', 'county_geoid', 'place_geoid', ...FACT_COLUMNS, 'practice_outcome']
  const tupleList = ['filename', ...tupleCols].map(q).join(', ')
  // 1. one scan. Rows are grouped by a 64-bit hash of their non-date columns and the day, which
  // DuckDB does at about the cost of its own group-by on fewer columns; a second, salted hash
  // (its min and max per group) and the values kept per group detect a collision, should one occur.
  await c.run(`CREATE TEMP TABLE g AS
    SELECT hash(${tupleList}) AS h, event_date, count(*) AS n, min(hash(${tupleList}, 'salt')) AS h2lo, max(hash(${tupleList}, 'salt')) AS h2hi,
      ${['filename', ...tupleCols].map((col) => `any_value(${q(col)}) AS ${q(col)}`).join(', ')}
    FROM read_parquet(${fileList}, filename = true, union_by_name = true)
    GROUP BY h, event_date`)
  tick('scan')

  // 2. the distinct tuples (few): validated, each given its place class, facts, origin, practice
  const tupleResult = await c.runAndReadAll(`SELECT h, ${['filename', ...tupleCols].map((col) => `any_value(${q(col)}) AS ${q(col)}`).join(', ')},
      count(DISTINCT (${['filename', ...tupleCols].map(q).join(', ')})) AS variants, bool_or(h2lo <> h2hi) AS mixed,
      min(epoch_ms(event_date) // 86400000)::INTEGER AS first_day, max(epoch_ms(event_date) // 86400000)::INTEGER AS last_day
    FROM g GROUP BY h`)
  const tuples = tupleResult.getRowObjects() as Record<string, unknown>[]
  if (tuples.some((t) => Number(t.variants) !== 1 || t.mixed === true)) {
    throw new AppError('internal', 'two different records hashed alike (a 64-bit hash collision); rerun with the inputs in another order')
  }
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
  let firstDay = Infinity
  let lastDay = -Infinity
  const locCache = new Map<string, ResolvedLocation>()
  tuples.forEach((t, i) => {
    const file = String(t.filename)
    const source = str(t.source)
    if (source === null || source === '') throw new AppError('invalid-input', 'a record has no source', { file, field: 'source' })
    let si = sources.indexOf(source)
    if (si < 0) {
      si = sources.push(source) - 1
      practiceSources.push(false)
    }
    let fi = files.findIndex((f) => sameFile(f, file))
    if (fi < 0) fi = files.push(file) - 1
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
    const cls = placeClass(ctx, loc, f.custody ?? null)
    const classKey = `${cls.law.join('|')}#${cls.cf?.join('|') ?? ''}`
    let k = classIndex.get(classKey)
    if (k === undefined) {
      k = classes.push(cls) - 1
      classIndex.set(classKey, k)
    }
    tClass[i] = k
    const factKey = FACT_COLUMNS.map((col) => f[col] ?? '').join('|')
    let fk = factIndex.get(factKey)
    if (fk === undefined) {
      fk = facts.push(f as RecordFacts) - 1
      factIndex.set(factKey, fk)
    }
    tFact[i] = fk
    if (t.first_day !== null) firstDay = Math.min(firstDay, Number(t.first_day))
    if (t.last_day !== null) lastDay = Math.max(lastDay, Number(t.last_day))
  })
  await c.run(`CREATE TEMP TABLE hk (h UBIGINT, t INTEGER)`)
  const appender = await c.createAppender('hk')
  tuples.forEach((t, i) => {
    appender.appendUBigInt(t.h as bigint)
    appender.appendInteger(i)
    appender.endRow()
  })
  appender.flushSync()
  appender.closeSync()
  tick('tuples')

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
  const span = Number.isFinite(firstDay) ? lastDay - firstDay + 1 : 0
  const pieceTables = new Map<number, Int32Array>()
  const pieceTable = (k: number): Int32Array => {
    let table = pieceTables.get(k)
    if (table) return table
    const cls = classes[k]!
    const set = new Set<number>()
    for (const id of cls.law) for (const d of boundariesOf(ctx.registry, 'law', id)) set.add(d)
    if (cls.cf && ctx.counterfactual?.kind === 'policy') for (const id of cls.cf) for (const d of boundariesOf(ctx.counterfactual.registry, 'cf', id)) set.add(d)
    const days = [...set].sort((a, b) => a - b)
    table = new Int32Array(span)
    let next = 0
    for (let x = 0; x < span; x++) {
      while (next < days.length && days[next]! <= firstDay + x) next++
      table[x] = next
    }
    pieceTables.set(k, table)
    return table
  }
  const monthOfDay = new Int32Array(span)
  for (let x = 0; x < span; x++) {
    const d = new Date((firstDay + x) * 86_400_000)
    monthOfDay[x] = d.getUTCFullYear() * 12 + d.getUTCMonth()
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
  const decide = (engine: Engine, id: string, day: number, fact: number): number => {
    engineCalls++
    const parsed: ParsedCase = { ...factsOf(fact), jurisdiction: id, date: formatDay(day), day }
    return engine.decideQuestion(parsed, ctx.action)
  }
  const common = (engine: Engine, ids: readonly string[], day: number, fact: number): number => {
    let value = -1
    for (const id of ids) {
      const v = decide(engine, id, day, fact)
      if (value === -1) value = v
      else if (v !== value) return UNDETERMINED
    }
    return value
  }
  const cf = ctx.counterfactual
  const cfFixed = new Map<number, number>()
  const answerOf = (k: number, fact: number, day: number | null): number => {
    const cls = classes[k]!
    const law = day === null ? UNDETERMINED : common(ctx.law, cls.law, day, fact)
    let cfCode = 0
    if (cf?.kind === 'jurisdiction') {
      let v = cfFixed.get(fact)
      if (v === undefined) {
        v = decide(ctx.cfEngine!, cf.spec.jurisdiction, cf.day, fact)
        cfFixed.set(fact, v)
      }
      cfCode = v
    } else if (cf?.kind === 'policy') {
      cfCode = day === null ? UNDETERMINED : common(ctx.cfEngine!, cls.cf!, day, fact)
    }
    return law * 4 + cfCode
  }
  const memo = new Map<number, number>()
  const F = Math.max(1, facts.length)
  const counts = new Map<number, number>()
  const ATOM_SPACE = packAtom(origins.length, 0, 0, 0)
  const result = await c.stream(`SELECT hk.t, (epoch_ms(g.event_date) // 86400000)::INTEGER AS day, g.n::DOUBLE AS n FROM g JOIN hk ON g.h = hk.h`)
  for (;;) {
    const chunk = await result.fetchChunk()
    if (!chunk || chunk.rowCount === 0) break
    const vt = chunk.getColumnVector(0)
    const vd = chunk.getColumnVector(1)
    const vn = chunk.getColumnVector(2)
    for (let i = 0; i < chunk.rowCount; i++) {
      const t = vt.getItem(i) as number
      const day = vd.getItem(i) as number | null
      const k = tClass[t]!
      const fact = tFact[t]!
      let piece = -1
      let month = -1
      if (day !== null) {
        piece = pieceTable(k)[day - firstDay]!
        month = monthOfDay[day - firstDay]!
      }
      const mk = (k * 100_000 + piece + 1) * F + fact
      let answer = memo.get(mk)
      if (answer === undefined) {
        answer = answerOf(k, fact, day)
        memo.set(mk, answer)
      }
      const atom = packAtom(tOrigin[t]!, answer >> 2, answer & 3, tPractice[t]!)
      const cellKey = (tJur[t]! * 1_000_000 + month + 1) * ATOM_SPACE + atom
      counts.set(cellKey, (counts.get(cellKey) ?? 0) + (vn.getItem(i) as number))
    }
  }
  tick('counts')
  const cells: TableCell[] = []
  const cellIndex = new Map<number, number>()
  const length = counts.size
  const atomCell = new Int32Array(length)
  const atomKey = new Int32Array(length)
  const atomCount = new Float64Array(length)
  let a = 0
  for (const [key, count] of counts) {
    const atom = key % ATOM_SPACE
    const ck = (key - atom) / ATOM_SPACE
    let cell = cellIndex.get(ck)
    if (cell === undefined) {
      const month = (ck % 1_000_000) - 1
      cell = cells.push({ jurisdiction: (ck - month - 1) / 1_000_000, month: monthText(month) }) - 1
      cellIndex.set(ck, cell)
    }
    atomCell[a] = cell
    atomKey[a] = atom
    atomCount[a] = count
    a++
  }
  return sortTable({
    kind: 'simulation-table',
    engineVersion: ctx.engineVersion,
    registryVersion: ctx.counterfactual?.kind === 'policy' ? `${ctx.registry.version}+${ctx.counterfactual.registry.version}` : ctx.registry.version,
    action: ctx.action,
    scenarios: ctx.scenarios,
    files,
    sources,
    origins,
    practiceSources,
    jurisdictions,
    cells,
    atoms: { length, cell: atomCell, key: atomKey, count: atomCount },
    stats: { distinctCombinations: memo.size, engineCalls, elapsedMs: performance.now() - ctx.started },
  })
}

function grow(a: Int32Array, cap: number): Int32Array {
  const out = new Int32Array(cap)
  out.set(a)
  return out
}

function sameFile(a: string, b: string): boolean {
  return a === b || a.replace(/\\/g, '/') === b.replace(/\\/g, '/')
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
  const law = targetsFor(ctx.registry, loc, custody)
  const cf = ctx.counterfactual?.kind === 'policy' ? targetsFor(ctx.counterfactual.registry, loc, custody) : null
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
