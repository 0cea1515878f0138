import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { criminalityStatus, DDP_DETAINER_COLUMNS, readDdp } from './ddp.ts'
import { byKind, collect, fixture } from './test-helpers.ts'
import { openTable } from '../io/index.ts'

describe('criminalityStatus', () => {
  it('reads the three ICE criminality classes', () => {
    expect(criminalityStatus('1 Convicted Criminal')).toEqual({ conviction: 'convicted', charge: null })
    expect(criminalityStatus('2 Pending Criminal Charges')).toEqual({ conviction: 'none', charge: 'pending' })
    expect(criminalityStatus('3 Other Immigration Violator')).toEqual({ conviction: 'none', charge: 'none' })
    expect(criminalityStatus('')).toEqual({ conviction: null, charge: null })
    expect(criminalityStatus('9 Something')).toBeUndefined()
  })
})

describe('readDdp on the fixture', () => {
  it('has exactly the DDP column layout', async () => {
    const table = await openTable(fixture('ddp-detainers.csv'))
    table.close()
    expect(table.header.columns).toEqual([...DDP_DETAINER_COLUMNS])
  })
  it('maps criminality, conviction, form and outcome, and reports malformed rows', async () => {
    const { records, unparseable } = byKind(await collect(readDdp(fixture('ddp-detainers.csv'))))
    expect(unparseable).toEqual([
      { line: 6, reason: 'detainer_prepare_date is not a date' },
      { line: 7, reason: 'expected 63 fields, found 2' },
    ])
    const [dui, pending, later, other, unknownCode] = records.map((r) => r.record)
    expect(dui).toMatchObject({ record_id: 'ddp-detainers:2', event_date: '2024-03-07', facility_code: 'ZZHARTX', detainer_form: 'I-247A', conviction_status: 'convicted', conviction_category: 'dui', conviction_level: null, charge_status: null, practice_outcome: 'released-to-ice', location: { state: 'tx', city: 'HOUSTON', aor: 'Houston' } })
    expect(pending).toMatchObject({ conviction_status: 'none', conviction_category: null, charge_status: 'pending', practice_outcome: 'declined-by-lea' })
    // the conviction is dated after the detainer: it did not exist when the detainer was lodged
    expect(later).toMatchObject({ conviction_status: 'convicted', conviction_category: null })
    expect(other).toMatchObject({ conviction_status: 'none', charge_status: 'none', practice_outcome: 'lifted-by-ice' })
    expect(unknownCode).toMatchObject({ facility_code: 'ZZUNKWN', conviction_status: null })
    expect(JSON.stringify(records)).not.toContain('1'.repeat(40))
  })
  it('reads the same table from Parquet', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ddp-')), 'detainers.parquet')
    const db = await DuckDBInstance.create(':memory:')
    const c = await db.connect()
    // only the well-formed rows: DuckDB's CSV reader would reject the malformed ones
    await c.run(`COPY (SELECT * FROM read_csv('${fixture('ddp-detainers.csv')}', all_varchar=true, ignore_errors=true) WHERE detainer_prepare_date NOT LIKE '2024-13%') TO '${out}' (FORMAT parquet)`)
    c.closeSync()
    db.closeSync()
    const { records, unparseable } = byKind(await collect(readDdp(out)))
    expect(unparseable).toEqual([])
    expect(records.map((r) => r.record.conviction_category)).toContain('dui')
    expect(records[0]?.record.source_line).toBe(1)
  })
  it('names the missing columns', async () => {
    await expect(collect(readDdp(fixture('pa-detainers.csv')))).rejects.toThrow(/lacks columns "detainer_prepare_date", "facility_state", "detention_facility_code"$/)
  })
})
