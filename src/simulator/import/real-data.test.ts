/**
 * The importers on the real files in the shared data folder (never copied into the project).
 * Skipped when the folder is absent. Rows read are capped so the suite stays fast; only
 * aggregates are asserted and printed, never a row.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, describe, expect, it } from 'vitest'
import { Linker, loadCrosswalks } from '../link/index.ts'
import { openTable } from '../io/index.ts'
import { formatSummary, runImport } from './run-import.ts'

const DATA = process.env.SANCTUARY_SHARED_DATA ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url))
const ICE = join(DATA, 'ice-enforce/us/import/frozen')
const PA = join(DATA, 'pa-detainers/pa_detainers.csv')
const PIERCE = join(DATA, 'pierce-detainers/charges/output/allholds.csv.gz')
const DETLOC = join(DATA, 'ice-facilities/uwchr-deport-data-proj/detloc_aor.csv')
const DDP = process.env.SANCTUARY_DDP_DETAINERS
const CAP = 50_000
const quiet = { update: () => undefined, done: () => undefined }
// Outputs hold row-level records: written to fresh temp folders and removed after the run.
const tempDirs: string[] = []
const out = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'sanctuary-real-'))
  tempDirs.push(dir)
  return join(dir, name)
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

async function aggregate(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]
  } finally {
    c.closeSync()
    db.closeSync()
  }
}

describe.skipIf(!existsSync(DATA))('real files in the shared data folder', () => {
  it.skipIf(!existsSync(ICE))('ice-lesa: FY2016, FY2017, FY2019 encounters (first 50k rows each)', async () => {
    const files = ['EROEncounters_FY2016.csv.gz', 'EROEncounters_FY2017.csv.gz', 'EROEncounters_FY2019.csv.gz'].map((f) => join(ICE, f))
    const path = out('lesa.parquet')
    const summary = await runImport({ format: 'ice-lesa', paths: files, out: path, crosswalks: DATA, maxRows: CAP, progress: quiet })
    console.log(formatSummary(summary))
    expect(summary.totals.rowsRead).toBe(3 * CAP)
    expect(summary.totals.imported).toBeGreaterThan(1_000)
    expect(summary.totals.unparseable).toBe(0)
    expect(summary.links['county-name']).toBeGreaterThan(0)
    expect(summary.links.unlinked).toBeLessThan(summary.totals.imported)
    const [stats] = await aggregate(
      `SELECT count(*) AS n, count(DISTINCT county_geoid) AS counties, min(event_date)::VARCHAR AS first, max(event_date)::VARCHAR AS last FROM read_parquet('${path}')`,
    )
    expect(Number(stats?.n)).toBe(summary.totals.imported)
    expect(Number(stats?.counties)).toBeGreaterThan(50)
    expect(String(stats?.first) >= '2015-10-01').toBe(true)
    expect(String(stats?.last) <= '2019-09-30').toBe(true)
  })

  it.skipIf(!existsSync(PA))('pa: every PA detainer, with lift reasons and forms', async () => {
    const path = out('pa.parquet')
    const summary = await runImport({ format: 'pa', paths: [PA], out: path, crosswalks: DATA, maxRows: CAP, progress: quiet })
    console.log(formatSummary(summary))
    expect(summary.totals).toMatchObject({ rowsRead: 32_757, imported: 32_757, unparseable: 0 })
    expect(summary.unmapped).toEqual({})
    const rows = await aggregate(`SELECT practice_outcome AS o, count(*) AS n FROM read_parquet('${path}') GROUP BY 1`)
    const byOutcome = Object.fromEntries(rows.map((r) => [String(r.o), Number(r.n)]))
    expect(byOutcome['declined-by-lea']).toBe(225)
    expect(byOutcome['released-to-ice']).toBe(18_143)
    const [forms] = await aggregate(`SELECT count(detainer_form) AS n FROM read_parquet('${path}')`)
    expect(Number(forms?.n)).toBe(1_799)
    expect(summary.links.unlinked / summary.totals.imported).toBeLessThan(0.05)
  })

  it.skipIf(!existsSync(PIERCE))('pierce: bookings with ICE holds', async () => {
    const path = out('pierce.parquet')
    const summary = await runImport({ format: 'pierce', paths: [PIERCE], out: path, crosswalks: DATA, progress: quiet })
    console.log(formatSummary(summary))
    expect(summary.totals).toMatchObject({ rowsRead: 691, imported: 204, unparseable: 0 })
    expect(summary.links['county-name']).toBe(204)
    const [r] = await aggregate(`SELECT count(*) FILTER (WHERE practice_outcome = 'released-to-ice') AS ice, count(charge_category) AS cat, count(*) FILTER (WHERE county_geoid = '53053') AS pierce FROM read_parquet('${path}')`)
    expect(Number(r?.ice)).toBe(57)
    expect(Number(r?.pierce)).toBe(204)
    expect(Number(r?.cat)).toBeGreaterThan(150)
  })

  it.skipIf(!existsSync(DETLOC))('facility codes: share of known DETLOC codes the crosswalks place in a county', async () => {
    const { tables, warnings } = await loadCrosswalks(DATA)
    expect(warnings).toEqual([])
    const linker = new Linker(tables)
    const table = await openTable(DETLOC)
    let codes = 0
    let linked = 0
    for await (const row of table.rows) {
      if (row.kind !== 'row') continue
      codes++
      if (linker.link({ facilityCode: row.values.get('detention_facility_code') ?? '' }).method === 'facility-code') linked++
    }
    console.log(`DETLOC codes in detloc_aor.csv placed in a county by facility code: ${linked} of ${codes} (${((100 * linked) / codes).toFixed(1)}%)`)
    expect(codes).toBeGreaterThan(1_000)
    expect(linked / codes).toBeGreaterThan(0.5)
  })

  it.skipIf(!DDP || !existsSync(DDP))('ddp: the detainers table, when SANCTUARY_DDP_DETAINERS names it', async () => {
    const summary = await runImport({ format: 'ddp', paths: [DDP as string], out: out('ddp.parquet'), crosswalks: DATA, maxRows: CAP, progress: quiet })
    console.log(formatSummary(summary))
    expect(summary.totals.imported).toBeGreaterThan(0)
  })
})
