import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { registerImportCommand } from '../../adapters/cli/commands/import.ts'
import { CROSSWALK_FIXTURE, fixture } from './test-helpers.ts'

async function run(args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
  let out = ''
  let err = ''
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true))
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true))
  process.exitCode = undefined
  const program = new Command('sanctuary').exitOverride().configureOutput({ writeErr: (s) => (err += s), writeOut: (s) => (out += s) })
  registerImportCommand(program)
  try {
    await program.parseAsync(['node', 'sanctuary', 'import', ...args])
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

describe('sanctuary import', () => {
  afterEach(() => vi.restoreAllMocks())

  it('prints a summary with unparseable lines and the match rate', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cli-')), 'pa.parquet')
    const r = await run(['--format', 'pa', '--crosswalks', CROSSWALK_FIXTURE, '--out', out, fixture('pa-detainers.csv')])
    expect(r.code).toBeUndefined()
    expect(r.out).toContain('7 rows read, 5 detainers imported, 0 skipped, 2 unparseable')
    expect(r.out).toContain('unparseable lines: 6, 7')
    expect(r.out).toMatch(/match rate \(pa\): 100\.0% linked to a county/)
    expect(r.out).toMatch(/county-name\s+3\s+60\.0%/)
  })

  it('fails with one line naming the file, and a non-zero exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'))
    const r = await run(['--format', 'ddp', '--crosswalks', CROSSWALK_FIXTURE, '--out', join(dir, 'x.parquet'), fixture('pa-detainers.csv')])
    expect(r.code).toBe(2)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toContain(`sanctuary: ${fixture('pa-detainers.csv')}:1: DDP detainers file lacks columns`)
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/)
    const missing = await run(['--format', 'pa', '--crosswalks', CROSSWALK_FIXTURE, '--out', join(dir, 'x.parquet'), join(dir, 'nope.csv')])
    expect(missing.err).toBe(`sanctuary: ${join(dir, 'nope.csv')}: no such file\n`)
    expect(missing.code).toBe(2)
  })

  it('rejects an unknown format before reading anything', async () => {
    const r = await run(['--format', 'xml', '--out', 'x.parquet', 'a.csv'])
    expect(r.err).toMatch(/must be one of ice-lesa, pa, pierce, ddp, mapped/)
  })
})
