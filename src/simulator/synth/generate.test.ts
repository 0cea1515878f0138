import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { beforeAll, describe, expect, it } from 'vitest'
import { RECORD_COLUMNS, validateRecord, type DetainerRecord } from '../import/index.ts'
import { synthesize } from './generate.ts'
import { loadMarginals } from './load.ts'
import { weightedCategories, type Distribution, type Marginals } from './marginals.ts'

const dir = mkdtempSync(join(tmpdir(), 'sanctuary-synth-'))
const N = 40_000

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]
  } finally {
    c.closeSync()
    db.closeSync()
  }
}

const md5 = (path: string) => createHash('md5').update(readFileSync(path)).digest('hex')

/** Pearson's chi-square critical value at p = 0.001 (Wilson–Hilferty). */
function chiSquareCritical(df: number): number {
  const z = 3.09
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3
}

/** Chi-square of observed counts against a distribution's weights (categories keyed by JSON of values). */
function chiSquare(observed: Map<string, number>, d: Distribution): { stat: number; df: number } {
  const cats = new Map<string, number>()
  for (const c of weightedCategories(d)) cats.set(JSON.stringify(c.values), (cats.get(JSON.stringify(c.values)) ?? 0) + c.weight)
  const total = [...cats.values()].reduce((a, w) => a + w, 0)
  const n = [...observed.values()].reduce((a, x) => a + x, 0)
  let stat = 0
  for (const [k, o] of observed) if (!cats.has(k)) throw new Error(`drew a category the marginals do not have: ${k}`)
  for (const [k, w] of cats) {
    const e = (n * w) / total
    const o = observed.get(k) ?? 0
    stat += (o - e) ** 2 / e
  }
  return { stat, df: cats.size - 1 }
}

async function observed(path: string, exprs: string[], where: string): Promise<Map<string, number>> {
  const rows = await query(`SELECT ${exprs.map((e, i) => `${e} AS f${i}`).join(', ')}, count(*) AS n FROM read_parquet('${path}') WHERE ${where} GROUP BY ALL`)
  return new Map(rows.map((r) => [JSON.stringify(exprs.map((_, i) => r[`f${i}`] ?? null)), Number(r.n)]))
}

describe('synthesize', () => {
  let marginals: Marginals
  const file = join(dir, 'a.parquet')
  beforeAll(async () => {
    marginals = await loadMarginals()
    await synthesize({ rows: N, seed: 42, out: file, marginals })
  })

  it('writes the importers\' exact columns and types, every row a valid record', async () => {
    const schema = await query(`DESCRIBE SELECT * FROM read_parquet('${file}')`)
    expect(schema.map((r) => [r.column_name, r.column_type])).toEqual(RECORD_COLUMNS.map((c) => [c.name, c.type]))
    const rows = await query(`SELECT * REPLACE (CAST(event_date AS VARCHAR) AS event_date, CAST(source_line AS INTEGER) AS source_line) FROM read_parquet('${file}') WHERE source_line % 20 = 0`)
    expect(rows).toHaveLength(N / 20)
    for (const row of rows) expect(validateRecord(row as unknown as DetainerRecord)).toEqual([])
    const [stats] = await query(`SELECT count(*) AS n, count(DISTINCT record_id) AS ids, min(source_line) AS first, max(source_line) AS last FROM read_parquet('${file}')`)
    expect(stats).toEqual({ n: String(N), ids: String(N), first: '1', last: String(N) })
  })

  it('is the same file for the same seed, and a different one for another seed', async () => {
    const again = join(dir, 'b.parquet')
    const other = join(dir, 'c.parquet')
    await synthesize({ rows: N, seed: 42, out: again, marginals, threads: 1 })
    await synthesize({ rows: N, seed: 43, out: other, marginals })
    expect(md5(again)).toBe(md5(file))
    expect(md5(other)).not.toBe(md5(file))
  })

  it('follows the marginals: source shares, and per source the fields the simulator reads (chi-square, p > 0.001)', async () => {
    const sourceDist: Distribution = { fields: ['source'], cells: marginals.sources.map((s) => [s.source, s.records]), merged: null }
    const checks: Array<{ name: string; stat: number; df: number }> = []
    const check = async (name: string, exprs: string[], where: string, d: Distribution | null) => {
      if (!d) return
      const o = await observed(file, exprs, where)
      if ([...o.values()].reduce((a, x) => a + x, 0) < 200) return // too few rows drawn for a fair test
      checks.push({ name, ...chiSquare(o, d) })
    }
    await check('source', ['source'], 'TRUE', sourceDist)
    for (const s of marginals.sources) {
      const src = `source = '${s.source}'`
      // geography has too many small cells for chi-square; its linked share is tested instead
      const linkedShare = weightedCategories(s.geography).reduce((a, c) => a + (c.values[1] !== null ? c.weight : 0), 0)
      await check(`${s.source} linked`, [`CASE WHEN county_geoid IS NULL THEN 'false' ELSE 'true' END`], src, {
        fields: ['linked'],
        cells: [['true', linkedShare], ['false', s.records - linkedShare]].filter((c) => (c[1] as number) > 0) as Array<[string, number]>,
        merged: null,
      })
      await check(`${s.source} link method`, ['link_method'], `${src} AND county_geoid IS NOT NULL`, s.linkMethod)
      await check(`${s.source} custody | linked`, ['custody'], `${src} AND county_geoid IS NOT NULL`, s.custody.linked)
      await check(`${s.source} custody | unlinked`, ['custody'], `${src} AND county_geoid IS NULL`, s.custody.unlinked)
      await check(`${s.source} month`, [`strftime(event_date, '%Y-%m')`], src, s.month)
      await check(`${s.source} form`, ['detainer_form'], src, s.detainerForm)
      await check(`${s.source} charge`, ['charge_status', 'charge_category', 'charge_level'], src, s.charge)
      await check(`${s.source} outcome`, ['practice_outcome'], src, s.practiceOutcome)
    }
    expect(checks.length).toBeGreaterThan(10)
    for (const c of checks) expect({ name: c.name, ok: c.stat < chiSquareCritical(Math.max(1, c.df)) }).toEqual({ name: c.name, ok: true })
  })

  it('draws days inside the drawn month, and pooled members evenly', async () => {
    const tiny: Marginals = {
      ...marginals,
      sources: [
        {
          source: 'test',
          records: 100,
          geography: { fields: ['state', 'county_geoid', 'place_geoid'], cells: [['wa', '53053', null, 60]], merged: { count: 40, members: [[null, null, null], ['wa', null, null]] } },
          linkMethod: { fields: ['link_method'], cells: [['county-name', 60]], merged: null },
          month: { fields: ['month'], cells: [['2016-02', 100]], merged: null },
          detainerForm: { fields: ['detainer_form'], cells: [[null, 100]], merged: null },
          custody: { linked: { fields: ['custody'], cells: [['county-jail', 60]], merged: null }, unlinked: { fields: ['custody'], cells: [], merged: { count: null, members: [[null], ['state-prison']] } } },
          conviction: { fields: ['conviction_status', 'conviction_category', 'conviction_level'], cells: [['convicted', 'homicide', 'felony', 30], ['none', null, null, 70]], merged: null },
          charge: { fields: ['charge_status', 'charge_category', 'charge_level'], cells: [[null, null, null, 100]], merged: null },
          practiceOutcome: { fields: ['practice_outcome'], cells: [[null, 100]], merged: null },
        },
      ],
    }
    const out = join(dir, 'tiny.parquet')
    await synthesize({ rows: 20_000, seed: 1, out, marginals: tiny })
    const [r] = await query(`SELECT min(event_date)::VARCHAR AS lo, max(event_date)::VARCHAR AS hi, count(DISTINCT event_date) AS days,
      count(*) FILTER (WHERE county_geoid IS NULL AND state IS NULL) AS nowhere, count(*) FILTER (WHERE county_geoid IS NULL AND state = 'wa') AS wa_unlinked,
      count(*) FILTER (WHERE county_geoid IS NULL AND link_method <> 'unlinked') AS bad_link,
      count(*) FILTER (WHERE conviction_status = 'none' AND conviction_category IS NOT NULL) AS mixed,
      count(*) FILTER (WHERE county_geoid IS NULL AND custody = 'county-jail') AS unlinked_county_jail
      FROM read_parquet('${out}')`)
    expect(r).toMatchObject({ lo: '2016-02-01', hi: '2016-02-29', days: '29', bad_link: '0', mixed: '0', unlinked_county_jail: '0' })
    const nowhere = Number(r?.nowhere)
    const wa = Number(r?.wa_unlinked)
    expect(nowhere + wa).toBeGreaterThan(7_600) // 40% of 20,000
    expect(nowhere + wa).toBeLessThan(8_400)
    expect(Math.abs(nowhere - wa)).toBeLessThan(400)
  })

  it('rejects bad options with the option named', async () => {
    await expect(synthesize({ rows: 0, out: join(dir, 'x.parquet'), marginals })).rejects.toMatchObject({ code: 'invalid-input', location: { field: '--rows' } })
    await expect(synthesize({ rows: 1.5, out: join(dir, 'x.parquet'), marginals })).rejects.toMatchObject({ location: { field: '--rows' } })
    await expect(synthesize({ rows: 10, seed: -1, out: join(dir, 'x.parquet'), marginals })).rejects.toMatchObject({ location: { field: '--seed' } })
    await expect(synthesize({ rows: 10, out: join(dir, 'missing', 'x.parquet'), marginals })).rejects.toMatchObject({ code: 'not-found' })
  })
})
