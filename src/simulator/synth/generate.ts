/**
 * Synthetic normalized detainer records, generated inside DuckDB and streamed to Parquet by one
 * `COPY (SELECT … FROM range(N)) TO …`: no row is ever a JS object, memory stays flat in N.
 *
 * Each row `i` draws its fields from the marginals with alias tables held as constant SQL lists,
 * using uniforms `hash(i, seed, k)` — a pure function of the row, so the file is the same for a
 * seed whatever the thread count, and rows come out in `i` order (no join, no sort). Within a
 * source the fields are drawn independently, except that the conviction fields and the charge
 * fields are drawn jointly (so a status and its category agree), link method and custody depend
 * on whether the drawn geography is linked, and the day is uniform within the drawn month.
 * `facility_code` and `facility_name` are left null (no facility list is published with the
 * marginals; custody and geography are drawn directly). `record_id` is `synth-s<seed>-<row>`,
 * and the Parquet key-value metadata says `synthetic: true`, so the file cannot pass for real data.
 */
import { existsSync, statSync } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { AppError } from '../../core/errors/index.ts'
import { isoToEpochDays, RECORD_COLUMNS } from '../import/index.ts'
import { aliasTable } from './alias.ts'
import { weightedCategories, type CellValue, type Distribution, type Marginals, type SourceMarginals } from './marginals.ts'

/** What to synthesize. */
export interface SynthesizeOptions {
  readonly rows: number
  readonly seed?: number
  readonly out: string
  readonly marginals: Marginals
  /** DuckDB threads (default: DuckDB's own, one per core). */
  readonly threads?: number
  /** DuckDB memory limit, e.g. `'1GB'` (default `'1GB'`). */
  readonly memoryLimit?: string
}

/** What was written. */
export interface SynthesizeResult {
  readonly kind: 'synth-result'
  readonly out: string
  readonly rows: number
  readonly seed: number
  readonly bytes: number
  readonly elapsedMs: number
}

/** The largest `--rows` accepted (a billion rows is hours of work and ~10 GB of Parquet). */
export const MAX_SYNTH_ROWS = 1_000_000_000

/**
 * Checks `rows` and `seed`. Throws `invalid-input` naming `--rows` or `--seed`.
 *
 * @example
 * ```ts
 * checkSynthOptions(0, 1) // throws: --rows: must be a whole number from 1 to 1000000000
 * ```
 */
export function checkSynthOptions(rows: number, seed: number): void {
  if (!Number.isSafeInteger(rows) || rows < 1 || rows > MAX_SYNTH_ROWS) {
    throw new AppError('invalid-input', `must be a whole number from 1 to ${MAX_SYNTH_ROWS}`, { field: '--rows' })
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) {
    throw new AppError('invalid-input', `must be a whole number from 0 to ${2 ** 31 - 1}`, { field: '--seed' })
  }
}

const sqlString = (v: string) => `'${v.replace(/'/g, "''")}'`
const sqlValue = (v: CellValue) => (v === null ? 'NULL' : sqlString(v))
const sqlNumber = (n: number) => String(n)

/**
 * One field drawn from a distribution per group, flattened into SQL lists. Every group is padded
 * to the same width with zero-weight categories, so group `g` owns the 1-based list positions
 * `g·width+1 … g·width+width` and a draw needs no per-group lookup; `alias` holds absolute positions.
 */
interface DimensionSql {
  readonly width: number
  readonly prob: string
  readonly alias: string
  readonly values: readonly string[]
  /** The values behind `values`, per field. */
  readonly raw: ReadonlyArray<readonly CellValue[]>
}

function dimensionSql(groups: ReadonlyArray<Distribution | null>, fieldCount: number, fallback: readonly CellValue[]): DimensionSql {
  const categories = groups.map((d) => (d ? weightedCategories(d) : [{ values: [...fallback], weight: 1 }]))
  const width = Math.max(...categories.map((c) => c.length))
  const prob: number[] = []
  const alias: number[] = []
  const values: CellValue[][] = Array.from({ length: fieldCount }, () => [])
  categories.forEach((cats, g) => {
    const padded = [...cats, ...Array.from({ length: width - cats.length }, () => ({ values: fallback.map(() => null), weight: 0 }))]
    const table = aliasTable(padded.map((c) => c.weight))
    table.prob.forEach((p, j) => {
      prob.push(p)
      alias.push(g * width + (table.alias[j] as number) + 1)
    })
    padded.forEach((c) => c.values.forEach((v, f) => values[f]?.push(v)))
  })
  return {
    width,
    prob: `([${prob.map(sqlNumber).join(',')}]::DOUBLE[])`,
    alias: `([${alias.join(',')}]::INTEGER[])`,
    values: values.map((vs) => `([${vs.map(sqlValue).join(',')}]::VARCHAR[])`),
    raw: values,
  }
}

/** A seed spread over 62 bits (splitmix64), so nearby seeds give unrelated keys. */
function seedMix(seed: number): string {
  let z = (BigInt(seed) + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn
  z ^= z >> 31n
  return String(z & 0x3fffffffffffffffn)
}

function hasLinked(s: SourceMarginals): boolean {
  return weightedCategories(s.geography).some((c) => c.values[1] !== null)
}

function hasUnlinked(s: SourceMarginals): boolean {
  return weightedCategories(s.geography).some((c) => c.values[1] === null)
}

/**
 * The generating query (without the `COPY`): exported so tests and the benchmark can read it.
 *
 * @example
 * ```ts
 * const sql = synthesisSql(marginals, 1000, 7) // SELECT … FROM range(1000) …
 * ```
 */
export function synthesisSql(marginals: Marginals, rows: number, seed: number): string {
  const sources = marginals.sources
  sources.forEach((s, i) => {
    if (hasLinked(s) && !s.linkMethod) throw new AppError('invalid-input', 'has linked geography but no linkMethod distribution', { field: `sources.${i}.linkMethod` })
    if (hasLinked(s) && !s.custody.linked) throw new AppError('invalid-input', 'has linked geography but no custody.linked distribution', { field: `sources.${i}.custody.linked` })
    if (hasUnlinked(s) && !s.custody.unlinked) throw new AppError('invalid-input', 'has unlinked geography but no custody.unlinked distribution', { field: `sources.${i}.custody.unlinked` })
  })
  const src = dimensionSql([{ fields: ['source'], cells: sources.map((s) => [s.source, s.records]), merged: null }], 1, [null])
  const geo = dimensionSql(sources.map((s) => s.geography), 3, [null, null, null])
  const link = dimensionSql(sources.map((s) => s.linkMethod), 1, ['unlinked'])
  const form = dimensionSql(sources.map((s) => s.detainerForm), 1, [null])
  // custody group 2·s + linked
  const custody = dimensionSql(sources.flatMap((s) => [s.custody.unlinked, s.custody.linked]), 1, [null])
  const conv = dimensionSql(sources.map((s) => s.conviction), 3, [null, null, null])
  const charge = dimensionSql(sources.map((s) => s.charge), 3, [null, null, null])
  const outcome = dimensionSql(sources.map((s) => s.practiceOutcome), 1, [null])
  const month = dimensionSql(sources.map((s) => s.month), 1, [null])
  // month starts (epoch days) and lengths, parallel to the month values list
  const monthValues = month.raw[0] ?? []
  const monthStart = monthValues.map((m) => (m === null ? 'NULL' : `${isoToEpochDays(`${m}-01`)}`))
  const monthDays = monthValues.map((m) => {
    if (m === null) return 'NULL'
    const [y, mo] = m.split('-').map(Number) as [number, number]
    return `${new Date(Date.UTC(y, mo, 0)).getUTCDate()}`
  })

  // One hash per (row, field) of a distinct 64-bit key: DuckDB's one-argument hash is a good
  // mixer, while its multi-argument combine leaves the fields of a row strongly correlated.
  const mix = seedMix(seed)
  const u = (k: number) => `((hash(xor(i * 16 + ${k}, ${mix}::BIGINT)) >> 11)::DOUBLE * ${2 ** -53})`
  // The 1-based list position drawn from dimension d for group expression g and uniform u in [0, 1):
  // column j = floor(u·width) of the group's alias table, kept when frac(u·width) < prob, else its alias.
  const draw = (d: DimensionSql, g: string, x: string) => {
    const y = `(${x} * ${d.width})`
    const pos = `(${g} * ${d.width} + floor(${y})::INTEGER + 1)`
    return `CASE WHEN ${y} - floor(${y}) < ${d.prob}[${pos}] THEN ${pos} ELSE ${d.alias}[${pos}] END`
  }
  const columns: Record<string, string> = {
    source: `${src.values[0]}[s + 1]`,
    source_line: 'i + 1',
    record_id: `'synth-s${seed}-' || (i + 1)`,
    event_date: `DATE '1970-01-01' + (([${monthStart.join(',')}]::INTEGER[])[p_month] + floor(u_day * ([${monthDays.join(',')}]::INTEGER[])[p_month]))::INTEGER`,
    state: `${geo.values[0]}[p_geo]`,
    county_geoid: 'county',
    place_geoid: `${geo.values[2]}[p_geo]`,
    facility_code: 'NULL',
    facility_name: 'NULL',
    link_method: `CASE WHEN county IS NULL THEN 'unlinked' ELSE ${link.values[0]}[p_link] END`,
    detainer_form: `${form.values[0]}[p_form]`,
    custody: `${custody.values[0]}[p_custody]`,
    conviction_status: `${conv.values[0]}[p_conv]`,
    conviction_category: `${conv.values[1]}[p_conv]`,
    conviction_level: `${conv.values[2]}[p_conv]`,
    charge_status: `${charge.values[0]}[p_charge]`,
    charge_category: `${charge.values[1]}[p_charge]`,
    charge_level: `${charge.values[2]}[p_charge]`,
    practice_outcome: `${outcome.values[0]}[p_outcome]`,
  }
  const select = RECORD_COLUMNS.map((c) => `CAST(${columns[c.name]} AS ${c.type}) AS "${c.name}"`).join(',\n  ')
  return `WITH
uniforms AS (
  SELECT i, ${[...Array(10).keys()].map((k) => `${u(k)} AS u${k}`).join(', ')}
  FROM range(${rows}) t(i)
),
drawn_source AS (
  SELECT *, ${draw(src, '0', 'u0')} - 1 AS s FROM uniforms
),
drawn AS (
  SELECT i, s, u9 AS u_day,
    ${draw(geo, 's', 'u1')} AS p_geo,
    ${draw(month, 's', 'u2')} AS p_month,
    ${draw(form, 's', 'u3')} AS p_form,
    ${draw(conv, 's', 'u4')} AS p_conv,
    ${draw(charge, 's', 'u5')} AS p_charge,
    ${draw(outcome, 's', 'u6')} AS p_outcome,
    u7, u8
  FROM drawn_source
),
linked AS (
  SELECT *, ${geo.values[1]}[p_geo] AS county FROM drawn
),
conditional AS (
  SELECT *,
    ${draw(link, 's', 'u7')} AS p_link,
    ${draw(custody, `(2 * s + CASE WHEN county IS NULL THEN 0 ELSE 1 END)`, 'u8')} AS p_custody
  FROM linked
)
SELECT
  ${select}
FROM conditional`
}

/**
 * Writes `rows` synthetic records to a Parquet file (zstd), through a temporary name renamed into
 * place. The file's key-value metadata says it is synthetic, with the seed and the marginals'
 * provenance. Throws `invalid-input` for bad options, `not-found` for a missing output folder.
 *
 * @example
 * ```ts
 * const result = await synthesize({ rows: 1_000_000, seed: 1, out: '/tmp/synth.parquet', marginals: await loadMarginals() })
 * result.rows // 1000000
 * ```
 */
export async function synthesize(options: SynthesizeOptions): Promise<SynthesizeResult> {
  const seed = options.seed ?? 1
  checkSynthOptions(options.rows, seed)
  const full = resolve(options.out)
  const dir = dirname(full)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AppError('not-found', 'output folder does not exist', { file: options.out })
  if (existsSync(full) && statSync(full).isDirectory()) throw new AppError('invalid-input', 'output is a folder, not a file', { file: options.out })
  const query = synthesisSql(options.marginals, options.rows, seed)
  const started = performance.now()
  const config: Record<string, string> = {
    memory_limit: options.memoryLimit ?? '1GB',
    temp_directory: join(tmpdir(), `sanctuary-duckdb-${process.pid}`),
    preserve_insertion_order: 'true',
  }
  if (options.threads !== undefined) config.threads = String(options.threads)
  const instance = await DuckDBInstance.create(':memory:', config)
  const connection = await instance.connect()
  const temp = `${full}.tmp-${process.pid}`
  const meta = {
    synthetic: 'true',
    seed: String(seed),
    generator: 'sanctuary synth',
    marginals: `${options.marginals.provenance.command} (measured ${options.marginals.provenance.measuredOn})`,
  }
  const kv = Object.entries(meta)
    .map(([k, v]) => `${k}: ${sqlString(v)}`)
    .join(', ')
  try {
    await connection.run(`COPY (${query}) TO ${sqlString(temp)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA {${kv}})`)
    await rename(temp, full)
  } catch (thrown) {
    await rm(temp, { force: true })
    const message = thrown instanceof Error ? (thrown.message.split('\n')[0] ?? thrown.message) : String(thrown)
    throw new AppError('invalid-input', `cannot write synthetic Parquet: ${message}`, { file: options.out }, { cause: thrown })
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
  const bytes = (await stat(full)).size
  return { kind: 'synth-result', out: options.out, rows: options.rows, seed, bytes, elapsedMs: performance.now() - started }
}
