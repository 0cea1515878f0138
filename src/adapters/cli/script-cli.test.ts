import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../../../bin/sanctuary.js', import.meta.url))
const POST = 'post:sheriff/ocd-division/country:us/state:ca/county:fresno'

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '', ...env } }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }))
  })
}

describe('sanctuary script', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'script-cli-'))
  const from = mkdtempSync(join(tmpdir(), 'script-cli-from-'))
  // A made-up HIFLD row for the Fresno County sheriff's office; the curated holder is the repository's own entry.
  mkdirSync(join(from, 'hifld-law-enforcement'))
  writeFileSync(
    join(from, 'hifld-law-enforcement', 'local_law_enforcement_locations.csv'),
    "ID,NAME,ADDRESS,CITY,STATE,ZIP,TELEPHONE,TYPE,STATUS,COUNTY,COUNTYFIPS,WEBSITE\n1,FRESNO COUNTY SHERIFFS OFFICE,1 TEST ST,FRESNO,CA,93721,(559) 555-0100,SHERIFF'S OFFICE,OPEN,FRESNO,06019,NOT AVAILABLE\n",
  )

  it('prints the Fresno County sheriff’s script after an import, and refuses a bad question in one line with exit 2', async () => {
    const env = { SANCTUARY_DATA_DIR: dataDir }
    const imported = await run(['officials', 'import', '--from', from, '--only', 'hifld-law-enforcement,curated', '--as-of', '2026-12-07'], env)
    expect(imported.code).toBe(0)
    const r = await run(['script', '--post', POST, '--jurisdiction', 'Fresno County, CA', '--question', 'hold', '--date', '2026-12-07'], env)
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.stdout).toMatch(/^Call script: Holding a person on an ICE detainer, Fresno County, CA, as of 2026-12-07/)
    expect(r.stdout).toContain('- John Zanoni; source: curated entry, https://fresnocounty.legistar.com/')
    expect(r.stdout).toContain('- phone: (559) 555-0100 — Fresno County Sheriffs Office')
    expect(r.stdout).toContain('[your request]')
    const bad = await run(['script', '--post', POST, '--jurisdiction', 'Fresno County, CA', '--question', 'arrest'], env)
    expect([bad.code, bad.stderr]).toEqual([2, 'sanctuary: question: "arrest" is not a question (one of: hold, notify, interview)\n'])
    const both = await run(['script', '--jurisdiction', 'Fresno County, CA', '--question', 'hold'], env)
    expect([both.code, both.stderr.split(':')[1]?.trim()]).toEqual([2, 'official'])
  }, 120_000)
})
