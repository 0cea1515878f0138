/** `sanctuary simulate`: the summary it prints, the files it writes, and one-line errors. */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Command } from 'commander'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { registerSimulateCommand } from '../../adapters/cli/commands/simulate.ts'
import { CSV_COLUMNS } from './output.ts'
import type { SimulationReport } from './report.ts'
import { fixtureRecords, writeFixture } from './test-fixture.ts'

async function run(args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
  let out = ''
  let err = ''
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true))
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true))
  process.exitCode = undefined
  const program = new Command('sanctuary').exitOverride().configureOutput({ writeErr: (s) => (err += s), writeOut: (s) => (out += s) })
  registerSimulateCommand(program)
  try {
    await program.parseAsync(['node', 'sanctuary', 'simulate', ...args])
  } catch (e) {
    err += `commander: ${(e as Error).message}\n`
  } finally {
    so.mockRestore()
    se.mockRestore()
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : undefined
  process.exitCode = undefined
  return { out, err, code }
}

const NO_NAMES = ['--crosswalks', join(dirname(new URL(import.meta.url).pathname), '../link/fixtures/crosswalks')]
let lesa: string
let dir: string

beforeAll(async () => {
  lesa = await writeFixture(fixtureRecords(1200, 21, 'ice-lesa', { factPool: 5 }), 'lesa.parquet')
  dir = dirname(lesa)
})

describe('sanctuary simulate', () => {
  afterEach(() => vi.restoreAllMocks())

  it('prints match rates and ranges, and writes the JSON report and the CSV cells', async () => {
    const out = join(dir, 'report.json')
    const csv = join(dir, 'cells.csv')
    const r = await run([lesa, ...NO_NAMES, '--as', 'jurisdiction=ocd-division/country:us/state:ca,date=2018-01-01', '--out', out, '--csv', csv])
    expect(r.err).toBe('')
    expect(r.code).toBeUndefined()
    expect(r.out).toMatch(/match rate \(records linked to a county\):\n {2}ice-lesa\s+\d+\.\d%/)
    expect(r.out).toMatch(/law: .*\n {2}may or must be held: [\d,]+ to [\d,]+ \(/)
    expect(r.out).toMatch(/counterfactual: California's law on 2018-01-01/)
    const report = JSON.parse(readFileSync(out, 'utf8')) as SimulationReport
    expect(report.kind).toBe('simulation-report')
    expect(report.totals.records).toBe(1200)
    const lines = readFileSync(csv, 'utf8').trim().split('\n')
    expect(lines[0]).toBe(CSV_COLUMNS.join(','))
    // one row per cell and scenario, then a total row per scenario
    expect(lines.length).toBe(1 + report.cells.length * 2 + 2)
    expect(lines.at(-2)).toMatch(/^total,All records,all,law,1200,false,/)
  })

  it('aggregates cells by --period and says so in the report and the printout', async () => {
    const out = join(dir, 'report-year.json')
    const r = await run([lesa, ...NO_NAMES, '--period', 'year', '--out', out])
    expect(r.err).toBe('')
    expect(r.out).toMatch(/cells: \d+ \(jurisdiction × year\)/)
    const report = JSON.parse(readFileSync(out, 'utf8')) as SimulationReport
    expect(report.period).toBe('year')
    expect(report.totals.records).toBe(1200)
    for (const c of report.cells) expect(c.month).toMatch(/^\d{4}$|^unknown$/)
  })

  it('fails with one line naming the file or field, and a non-zero exit code', async () => {
    const missing = await run([join(dir, 'nope.parquet'), ...NO_NAMES])
    expect(missing.err).toBe(`sanctuary: ${join(dir, 'nope.parquet')}: input file not found\n`)
    expect(missing.code).toBe(2)
    const csvInput = join(dir, 'not.parquet')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(csvInput, 'a,b\n1,2\n')
    const notParquet = await run([csvInput, ...NO_NAMES])
    expect(notParquet.err.trim().split('\n')).toHaveLength(1)
    expect(notParquet.err).toMatch(new RegExp(`^sanctuary: ${csvInput.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a readable Parquet file`))
    expect(notParquet.code).toBe(2)
    const badAs = await run([lesa, ...NO_NAMES, '--as', 'jurisdiction=California'])
    expect(badAs.err).toBe('sanctuary: --as: missing date=YYYY-MM-DD\n')
    const both = await run([lesa, ...NO_NAMES, '--as', 'jurisdiction=California,date=2018-01-01', '--policy', 'x.yaml'])
    expect(both.err).toBe('sanctuary: --policy: give --as or --policy, not both\n')
    const period = await run([lesa, ...NO_NAMES, '--period', 'week'])
    expect(period.err).toMatch(/--period <period>.*must be one of month, quarter, year, all/)
    const action = await run([lesa, ...NO_NAMES, '--action', 'deport'])
    expect(action.err).toMatch(/must be one of hold, notify, interview/)
    expect(existsSync(join(dir, 'never.json'))).toBe(false)
  })
})
