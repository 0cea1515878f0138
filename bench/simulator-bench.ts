/**
 * Simulator benchmark: synthesize N records (10 million by default) following the real files'
 * marginals, then, on that same file and in the same run, measure
 *  (a) the baseline: DuckDB reading the file and grouping it by jurisdiction and month;
 *  (b) a reference: DuckDB reading the columns the simulator reads and grouping them by the
 *      simulator's thirteen non-date columns and month (the grouping any tool needs before it can
 *      apply the law per record), its counts read column by column; printed beside the goal,
 *      which stays measured against (a);
 *  (c) the simulator under the law as enacted, and under the law plus one counterfactual.
 * Each measurement runs in its own child process, so its peak memory (RSS high-water mark,
 * `process.resourceUsage().maxRSS`) is its own; times exclude the child's start-up (module loading)
 * and include opening DuckDB. Figures are reported as ratios to the baseline because these
 * machines are noisy.
 *
 * Run alone: `npm run bench -- simulator` (`BENCH_SIM_ROWS=200000` for a quick run,
 * `BENCH_SIM_FILE=path.parquet` to reuse a synthesized file).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What one child measured. */
export interface ChildMeasure {
  readonly kind: 'child-measure'
  readonly task: ChildTask['task']
  readonly records: number
  readonly groups: number
  readonly elapsedMs: number
  /** CPU time (user + system, all threads) of the timed part: steadier than wall time on a busy machine. */
  readonly cpuMs: number
  /** Peak resident set size of the child, in bytes. */
  readonly maxRssBytes: number
  readonly note?: string
}

/** A task for a child process. */
export type ChildTask =
  | { readonly task: 'synthesize'; readonly rows: number; readonly seed: number; readonly out: string }
  | { readonly task: 'duckdb-group'; readonly file: string }
  | { readonly task: 'duckdb-group-wide'; readonly file: string }
  | { readonly task: 'simulate'; readonly file: string; readonly counterfactual: boolean }

export interface SimulatorBenchOptions {
  readonly rows: number
  /** Reuse this Parquet file instead of synthesizing one. */
  readonly file?: string
  /** Rounds of the DuckDB baseline (best is kept). */
  readonly baselineRounds?: number
  readonly seed?: number
}

export interface SimulatorBenchResult {
  readonly rows: number
  readonly synth: { readonly seconds: number; readonly cpuSeconds: number; readonly rowsPerSecond: number; readonly bytes: number; readonly maxRssBytes: number } | null
  readonly duckdb: ChildMeasure
  /** DuckDB grouping the simulator's columns by month (see the file comment); null when not measured. */
  readonly duckdbWide: ChildMeasure | null
  readonly law: ChildMeasure | null
  readonly lawAndCounterfactual: ChildMeasure | null
  /** Why the simulator was not measured, when it was not. */
  readonly skipped?: string
}

const SELF = fileURLToPath(import.meta.url)
const SIMULATE_INDEX = fileURLToPath(new URL('../src/simulator/simulate/index.ts', import.meta.url))

/** The counterfactual the benchmark applies: California's law on 2018-01-01 (SB 54 in force), to every record. */
export const BENCH_COUNTERFACTUAL = { jurisdiction: 'ocd-division/country:us/state:ca', date: '2018-01-01' } as const

/** The simulator's non-date columns, which the reference query groups by (with the month). */
export const WIDE_COLUMNS = ['source', 'state', 'county_geoid', 'place_geoid', 'custody', 'detainer_form', 'conviction_status', 'conviction_category', 'conviction_level', 'charge_status', 'charge_category', 'charge_level', 'practice_outcome'] as const

/** The reference query: read every row, group by the simulator's non-date columns and month. */
export function wideSql(file: string): string {
  return `SELECT ${WIDE_COLUMNS.map((c) => `"${c}"`).join(', ')}, strftime(event_date, '%Y-%m') AS month, count(*)::DOUBLE AS n
    FROM read_parquet('${file.replace(/'/g, "''")}') GROUP BY ALL`
}

/** The baseline query: read every row, group by jurisdiction (state, county, place) and month. */
export function baselineSql(file: string): string {
  return `SELECT state, county_geoid, place_geoid, strftime(event_date, '%Y-%m') AS month, count(*) AS n
    FROM read_parquet('${file.replace(/'/g, "''")}') GROUP BY ALL`
}

function runChild(task: ChildTask): Promise<ChildMeasure> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? ''
      if (code !== 0) return reject(new Error(`child ${task.task} exited with ${code}: ${err.trim().split('\n')[0] ?? ''}`))
      try {
        resolve(JSON.parse(line) as ChildMeasure)
      } catch {
        reject(new Error(`child ${task.task} printed no result: ${line}`))
      }
    })
  })
}

/** Runs the simulator benchmark (see the file comment). */
export async function runSimulatorBench(options: SimulatorBenchOptions): Promise<SimulatorBenchResult> {
  const dir = options.file ? null : mkdtempSync(join(tmpdir(), 'sanctuary-simbench-'))
  try {
    let file = options.file
    let synth: SimulatorBenchResult['synth'] = null
    if (!file) {
      file = join(dir as string, `synth-${options.rows}.parquet`)
      synth = await synthesizeInChild(options.rows, options.seed ?? 1, file)
    }
    // best time of the rounds; the peak is the highest any round reached
    const bestOfRounds = async (task: ChildTask): Promise<ChildMeasure> => {
      const ms: ChildMeasure[] = []
      for (let r = 0; r < Math.max(1, options.baselineRounds ?? 3); r++) ms.push(await runChild(task))
      return { ...ms.reduce((a, b) => (b.elapsedMs < a.elapsedMs ? b : a)), maxRssBytes: Math.max(...ms.map((m) => m.maxRssBytes)) }
    }
    const duckdb = await bestOfRounds({ task: 'duckdb-group', file })
    const duckdbWide = existsSync(SIMULATE_INDEX) ? await bestOfRounds({ task: 'duckdb-group-wide', file }) : null
    const base = { rows: duckdb.records, synth, duckdb, duckdbWide }
    if (!existsSync(SIMULATE_INDEX)) return { ...base, law: null, lawAndCounterfactual: null, skipped: 'src/simulator/simulate/index.ts is missing' }
    try {
      // records/s counts the file's rows (the report's own total may be withheld); a published
      // total that disagrees with the file is a bug worth seeing
      const check = (m: ChildMeasure): ChildMeasure => {
        if (m.records !== 0 && m.records !== duckdb.records) throw new Error(`simulate counted ${m.records} records, the file has ${duckdb.records}`)
        return { ...m, records: duckdb.records }
      }
      const law = check(await runChild({ task: 'simulate', file, counterfactual: false }))
      const both = check(await runChild({ task: 'simulate', file, counterfactual: true }))
      return { ...base, law, lawAndCounterfactual: both }
    } catch (thrown) {
      return { ...base, law: null, lawAndCounterfactual: null, skipped: (thrown as Error).message }
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
}

async function synthesizeInChild(rows: number, seed: number, out: string): Promise<NonNullable<SimulatorBenchResult['synth']>> {
  const m = await runChild({ task: 'synthesize', rows, seed, out })
  return { seconds: m.elapsedMs / 1000, cpuSeconds: m.cpuMs / 1000, rowsPerSecond: m.records / (m.elapsedMs / 1000), bytes: Number(m.note ?? 0), maxRssBytes: m.maxRssBytes }
}

/** The result as the lines `npm run bench` prints. */
export function formatSimulatorBench(r: SimulatorBenchResult): string {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
  const mb = (b: number) => `${fmt(b / 2 ** 20)} MB`
  const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  const rate = (m: ChildMeasure) => m.records / (m.elapsedMs / 1000)
  const lines = [`simulator (${fmt(r.rows)} synthetic records following the real files' marginals; ${cpus().length} cores):`]
  if (r.synth) {
    lines.push(`  synth --rows ${fmt(r.rows)}: ${fmt(r.synth.rowsPerSecond)} rows/s (${r.synth.seconds.toFixed(1)} s wall, ${r.synth.cpuSeconds.toFixed(1)} s cpu, ${(r.synth.bytes / 1e6).toFixed(0)} MB Parquet), peak ${mb(r.synth.maxRssBytes)}`)
  }
  const base = r.duckdb
  lines.push(`  DuckDB read + group by jurisdiction, month: ${fmt(rate(base))} records/s (${sec(base.elapsedMs)} wall, ${sec(base.cpuMs)} cpu, ${fmt(base.groups)} groups), peak ${mb(base.maxRssBytes)}`)
  const wide = r.duckdbWide
  if (wide) lines.push(`  DuckDB read + group by the simulator's ${WIDE_COLUMNS.length} columns, month (reference): ${fmt(rate(wide))} records/s (${sec(wide.elapsedMs)} wall, ${sec(wide.cpuMs)} cpu, ${fmt(wide.groups)} groups), peak ${mb(wide.maxRssBytes)}`)
  const sim = (label: string, m: ChildMeasure | null) => {
    if (!m) return
    lines.push(`  ${label} ${fmt(rate(m))} records/s (${sec(m.elapsedMs)} wall, ${sec(m.cpuMs)} cpu, ${fmt(m.groups)} cells), peak ${mb(m.maxRssBytes)}`)
    lines.push(`    ratio to DuckDB: ${(base.elapsedMs / m.elapsedMs).toFixed(3)} wall, ${(base.cpuMs / m.cpuMs).toFixed(3)} cpu  (goal >= 0.3 on CPU, the figure the machine's other load moves least: ${base.cpuMs / m.cpuMs >= 0.3 ? 'met' : 'NOT MET'}); peak ${m.maxRssBytes < 2 * 2 ** 30 ? 'under' : 'OVER'} 2 GB`)
    if (wide) lines.push(`    ratio to the reference (same columns by month): ${(wide.elapsedMs / m.elapsedMs).toFixed(3)} wall, ${(wide.cpuMs / m.cpuMs).toFixed(3)} cpu`)
    if (m.note) lines.push(`    ${m.note}`)
  }
  sim('simulate, law as enacted:        ', r.law)
  sim('simulate, law + counterfactual:  ', r.lawAndCounterfactual)
  if (r.skipped) lines.push(`  simulator not measured: ${r.skipped}`)
  return `${lines.join('\n')}\n`
}

// ---------------------------------------------------------------------------------------------
// Child side: `tsx bench/simulator-bench.ts --child '<task json>'` prints one JSON line.

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start)
  return (d.user + d.system) / 1000
}

async function child(task: ChildTask): Promise<ChildMeasure> {
  const peak = () => process.resourceUsage().maxRSS * 1024
  if (task.task === 'synthesize') {
    const { loadMarginals, synthesize } = await import('../src/simulator/synth/index.ts')
    const marginals = await loadMarginals()
    const c0 = process.cpuUsage()
    const r = await synthesize({ rows: task.rows, seed: task.seed, out: task.out, marginals })
    return { kind: 'child-measure', task: task.task, records: r.rows, groups: 0, elapsedMs: r.elapsedMs, cpuMs: cpuSince(c0), maxRssBytes: peak(), note: String(r.bytes) }
  }
  if (task.task === 'duckdb-group') {
    const { DuckDBInstance } = await import('@duckdb/node-api')
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const db = await DuckDBInstance.create(':memory:')
    const c = await db.connect()
    const rows = (await c.runAndReadAll(baselineSql(task.file))).getRowObjects()
    const records = rows.reduce((a, r) => a + Number(r.n), 0)
    const elapsedMs = performance.now() - t0
    c.closeSync()
    db.closeSync()
    return { kind: 'child-measure', task: task.task, records, groups: rows.length, elapsedMs, cpuMs: cpuSince(c0), maxRssBytes: peak() }
  }
  if (task.task === 'duckdb-group-wide') {
    const { DuckDBInstance } = await import('@duckdb/node-api')
    const { SIMULATION_COLUMNS } = await import('../src/simulator/simulate/index.ts')
    const read = SIMULATION_COLUMNS.map((col) => col.name).filter((name) => name !== 'event_date')
    if (read.join() !== WIDE_COLUMNS.join()) throw new Error(`the reference groups ${WIDE_COLUMNS.join()}, the simulator reads ${read.join()}`)
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const db = await DuckDBInstance.create(':memory:')
    const c = await db.connect()
    // the counts column by column: no row objects for a quarter of a million groups
    const result = await c.stream(wideSql(task.file))
    let records = 0
    let groups = 0
    for (;;) {
      const chunk = await result.fetchChunk()
      if (!chunk || chunk.rowCount === 0) break
      const n = chunk.getColumnVector(chunk.columnCount - 1)
      for (let i = 0; i < chunk.rowCount; i++) records += Number(n.getItem(i))
      groups += chunk.rowCount
    }
    const elapsedMs = performance.now() - t0
    c.closeSync()
    db.closeSync()
    return { kind: 'child-measure', task: task.task, records, groups, elapsedMs, cpuMs: cpuSince(c0), maxRssBytes: peak() }
  }
  return simulateChild(task, peak)
}

async function simulateChild(task: Extract<ChildTask, { task: 'simulate' }>, peak: () => number): Promise<ChildMeasure> {
  const { simulate } = await import('../src/simulator/simulate/index.ts')
  const { defaultRegistryDir, fsLawSource, loadRegistryOrThrow } = await import('../src/adapters/fs/index.ts')
  // The registry is loaded before the clock starts: a fixed cost that does not grow with the records.
  const r0 = performance.now()
  const registry = await loadRegistryOrThrow(defaultRegistryDir())
  const registryMs = performance.now() - r0
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const report = await simulate({
    inputs: [task.file],
    law: fsLawSource(),
    registry,
    ...(task.counterfactual ? { counterfactual: { kind: 'jurisdiction' as const, ...BENCH_COUNTERFACTUAL } } : {}),
  })
  const elapsedMs = performance.now() - t0
  return {
    kind: 'child-measure',
    task: task.task,
    records: report.totals.records ?? 0,
    groups: report.cells.length,
    elapsedMs,
    cpuMs: cpuSince(c0),
    maxRssBytes: peak(),
    note: `registry loaded in ${(registryMs / 1000).toFixed(1)} s before timing; ${report.stats.distinctCombinations.toLocaleString('en-US')} distinct fact combinations`,
  }
}

if (process.argv[2] === '--child') {
  child(JSON.parse(process.argv[3] ?? '{}'))
    .then((m) => process.stdout.write(`${JSON.stringify(m)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
      process.exit(1)
    })
}
