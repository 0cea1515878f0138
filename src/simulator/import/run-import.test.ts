import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { RECORD_COLUMNS } from './record.ts'
import { formatSummary, runImport, toDetainerRecord } from './run-import.ts'
import { CROSSWALK_FIXTURE, fixture } from './test-helpers.ts'

const quiet = { update: () => undefined, done: () => undefined }
const outDir = () => mkdtempSync(join(tmpdir(), 'sanctuary-import-'))

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

describe('runImport', () => {
  it('writes the ICE fixture to Parquet with the contract columns and types', async () => {
    const out = join(outDir(), 'lesa.parquet')
    const summary = await runImport({ format: 'ice-lesa', paths: [fixture('ice-lesa-encounters.csv')], out, crosswalks: CROSSWALK_FIXTURE, progress: quiet })
    expect(summary.totals).toEqual({ rowsRead: 10, imported: 6, skipped: 2, duplicates: 0, unparseable: 2 })
    expect(summary.files[0]?.unparseableLines.map((u) => u.line)).toEqual([14, 15])
    expect(summary.links).toMatchObject({ 'county-name': 2, landmark: 1, unlinked: 3 })
    const schema = await query(`DESCRIBE SELECT * FROM read_parquet('${out}')`)
    expect(schema.map((r) => [r.column_name, r.column_type])).toEqual(RECORD_COLUMNS.map((c) => [c.name, c.type]))
    const rows = await query(`SELECT record_id, CAST(event_date AS VARCHAR) AS d, state, county_geoid, place_geoid, link_method, custody FROM read_parquet('${out}') ORDER BY source_line`)
    expect(rows[0]).toEqual({ record_id: 'ice-lesa-encounters:7', d: '2015-10-03', state: 'tx', county_geoid: '48201', place_geoid: '4835000', link_method: 'county-name', custody: 'county-jail' })
    expect(rows[1]).toMatchObject({ county_geoid: '48471', custody: 'state-prison' })
    expect(rows[3]).toMatchObject({ county_geoid: '06029', place_geoid: '0618394', link_method: 'landmark' })
    expect(rows[2]).toMatchObject({ state: null, county_geoid: null, link_method: 'unlinked' })
  })

  it('imports every fixture format and reports the match rate per source', async () => {
    const dir = outDir()
    const pa = await runImport({ format: 'pa', paths: [fixture('pa-detainers.csv')], out: join(dir, 'pa.parquet'), crosswalks: CROSSWALK_FIXTURE, progress: quiet })
    expect(pa.totals).toMatchObject({ imported: 5, unparseable: 2 })
    expect(pa.linksBySource.pa).toMatchObject({ 'county-name': 3, landmark: 2, unlinked: 0 })
    expect(pa.unmapped).toEqual({ lift_reason: { 'Released on a Tuesday': 1 } })
    const pierce = await runImport({ format: 'pierce', paths: [fixture('pierce-allholds.csv')], out: join(dir, 'pierce.parquet'), crosswalks: CROSSWALK_FIXTURE, progress: quiet })
    expect(pierce.totals).toMatchObject({ rowsRead: 8, imported: 3, skipped: 1, unparseable: 2 })
    expect(pierce.links['county-name']).toBe(3)
    const ddp = await runImport({ format: 'ddp', paths: [fixture('ddp-detainers.csv')], out: join(dir, 'ddp.parquet'), crosswalks: CROSSWALK_FIXTURE, progress: quiet })
    expect(ddp.links).toMatchObject({ 'facility-code': 2, agency: 1, 'county-name': 1, unlinked: 1 })
    const mapped = await runImport({ format: 'mapped', mapping: fixture('mapped-jail.yaml'), paths: [fixture('mapped-jail.csv')], out: join(dir, 'm.parquet'), crosswalks: CROSSWALK_FIXTURE, progress: quiet })
    expect(mapped.totals).toMatchObject({ imported: 3, unparseable: 2 })
    const text = formatSummary(ddp)
    expect(text).toMatch(/match rate \(ddp\): 80\.0% linked to a county \(4 of 5\)/)
    expect(text).toMatch(/unparseable lines: 6, 7/)
  })

  it('drops a record seen twice (same file twice) and counts it', async () => {
    const summary = await runImport({ format: 'pa', paths: [fixture('pa-detainers.csv'), fixture('pa-detainers.csv')], out: join(outDir(), 'x.parquet'), crosswalks: CROSSWALK_FIXTURE, progress: quiet })
    expect(summary.totals).toMatchObject({ imported: 5, duplicates: 5 })
  })

  it('caps rows read with maxRows', async () => {
    const summary = await runImport({ format: 'ice-lesa', paths: [fixture('ice-lesa-encounters.csv')], out: join(outDir(), 'x.parquet'), crosswalks: CROSSWALK_FIXTURE, maxRows: 2, progress: quiet })
    expect(summary.totals).toMatchObject({ rowsRead: 2, imported: 2 })
  })

  it('throws one located error for bad input and leaves no output file', async () => {
    const dir = outDir()
    const out = join(dir, 'x.parquet')
    await expect(runImport({ format: 'pa', paths: [join(dir, 'missing.csv')], out, crosswalks: CROSSWALK_FIXTURE, progress: quiet })).rejects.toMatchObject({ code: 'not-found', location: { file: join(dir, 'missing.csv') } })
    expect(existsSync(out)).toBe(false)
    await expect(runImport({ format: 'mapped', paths: [fixture('mapped-jail.csv')], out, crosswalks: CROSSWALK_FIXTURE })).rejects.toMatchObject({ location: { field: '--mapping' } })
    await expect(runImport({ format: 'pa', paths: [fixture('pa-detainers.csv')], out: join(dir, 'no/such/dir/x.parquet'), crosswalks: CROSSWALK_FIXTURE })).rejects.toMatchObject({ code: 'not-found' })
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'source: x\ncolumns:\n  when: d\n')
    await expect(runImport({ format: 'mapped', mapping: bad, paths: [fixture('mapped-jail.csv')], out, crosswalks: CROSSWALK_FIXTURE })).rejects.toMatchObject({ code: 'invalid-input', location: { file: bad, line: 3 } })
  })
})

describe('toDetainerRecord', () => {
  it('fills geography from the link and custody from the facility name', () => {
    const record = toDetainerRecord(
      {
        source: 's', source_line: 1, record_id: 's:1', event_date: null, facility_code: 'Z', facility_name: null, detainer_form: null, custody: null,
        conviction_status: null, conviction_category: null, conviction_level: null, charge_status: null, charge_category: null, charge_level: null,
        practice_outcome: null, location: { facilityCode: 'Z' },
      },
      { method: 'facility-code', state: 'tx', countyGeoid: '48201', placeGeoid: null, facilityName: 'EXAMPLE COUNTY JAIL', custody: null },
    )
    expect(record).toMatchObject({ facility_name: 'EXAMPLE COUNTY JAIL', state: 'tx', county_geoid: '48201', link_method: 'facility-code', custody: 'county-jail' })
    expect(record).not.toHaveProperty('location')
  })
})
