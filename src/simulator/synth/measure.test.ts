import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadMarginals } from './load.ts'
import { parseMarginals } from './marginals.ts'
import { formatMarginals, measureMarginals } from './measure.ts'

const BIN = fileURLToPath(new URL('../../../bin/sanctuary.js', import.meta.url))
// the importers' and the linker's own small fixtures (data files, read in place)
const fixture = (name: string) => fileURLToPath(new URL(`../import/fixtures/${name}`, import.meta.url))
const CROSSWALK_FIXTURE = fileURLToPath(new URL('../link/fixtures/crosswalks', import.meta.url))
const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }))
  })

describe('measureMarginals', () => {
  const jobs = [
    { format: 'pa' as const, paths: [fixture('pa-detainers.csv')] },
    { format: 'ice-lesa' as const, paths: [fixture('ice-lesa-encounters.csv')] },
  ]

  it('measures each source from the importers\' output (no suppression at minCell 1)', async () => {
    const { marginals, imports } = await measureMarginals({ jobs, crosswalks: CROSSWALK_FIXTURE, minCell: 1, measuredOn: '2020-01-01', relativeTo: fixture('') })
    expect(imports[1]?.totals.imported).toBe(6)
    expect(marginals.sources.find((s) => s.source === 'pa')?.records).toBe(imports[0]?.totals.imported)
    const bySource = Object.fromEntries(marginals.sources.map((s) => [s.source, s]))
    expect(Object.keys(bySource).sort()).toEqual(['ice-lesa', 'pa'])
    const lesa = bySource['ice-lesa']!
    expect(lesa.records).toBe(6)
    const geo = lesa.geography.cells.map((c) => [c.slice(0, 3), c[3]])
    expect(geo).toContainEqual([[null, null, null], 3])
    expect(lesa.month.cells.reduce((a, c) => a + (c[1] as number), 0)).toBe(6)
    expect(marginals.provenance.inputs[0]).toEqual({ source: 'pa', format: 'pa', files: ['pa-detainers.csv'] })
    // it round-trips through the file format
    expect(parseMarginals(JSON.parse(formatMarginals(marginals)), 'x.json')).toEqual(JSON.parse(JSON.stringify(marginals)))
  })

  it('leaves out sources under the smallest cell, and says so when none is left', async () => {
    await expect(measureMarginals({ jobs, crosswalks: CROSSWALK_FIXTURE, measuredOn: '2020-01-01' })).rejects.toThrow(/no source has 11 or more records/)
  })
})

describe('sanctuary synth (CLI)', { timeout: 60_000 }, () => {
  it('rejects a bad --rows with one line and exit 2', async () => {
    for (const rows of ['0', '1.5']) {
      const r = await run(['synth', '--rows', rows, '--out', join(tmpdir(), 'never.parquet')])
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/^sanctuary: --rows: must be a whole number from 1 to/)
    }
  })

  it('writes a small file and reports it; a bad marginals file is one line naming the file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sanctuary-synth-cli-')), 's.parquet')
    const ok = await run(['synth', '--rows', '500', '--seed', '3', '--out', out])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/^wrote 500 synthetic records \(seed 3\)/)
    expect(existsSync(out)).toBe(true)
    const bad = await run(['synth', '--rows', '5', '--out', out, '--marginals', fixture('pa-detainers.csv')])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/pa-detainers\.csv.*malformed JSON/)
    expect(readFileSync(out).length).toBeGreaterThan(0)
    expect((await loadMarginals()).sources.length).toBeGreaterThan(0)
  })
})
