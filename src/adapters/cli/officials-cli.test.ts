import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultUsGeoDir, US_GEO_FILES } from '../fs/index.ts'

const BIN = fileURLToPath(new URL('../../../bin/sanctuary.js', import.meta.url))

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '', ...env } }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }))
  })
}

describe('sanctuary officials and the officials folder check', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'officials-cli-'))

  it('prints who decides in a named place, and says when the directory is empty', async () => {
    const r = await run(['officials', 'Harris County, TX', '--date', '2026-12-06'], { SANCTUARY_DATA_DIR: dataDir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Who decides in Harris County, TX \(as of 2026-12-06\)/)
    expect(r.stdout).toContain('Sheriff of Harris County, TX')
    expect(r.stdout).toMatch(/Holding a person on an ICE detainer: applied by Sheriff of Harris County, TX/)
    expect(r.stderr).toContain('the officials directory is empty')
  }, 180_000)

  it('refuses an ambiguous name and a malformed ZIP code in one line with exit 2', async () => {
    // Thirty Washington Counties, none with ten times the residents of the next: a choice, with or without the Census populations.
    const ambiguous = await run(['officials', 'Washington County'], { SANCTUARY_DATA_DIR: dataDir })
    expect(ambiguous.code).toBe(2)
    // The first choices are the most populous with the Census tables (Oregon's among them), else the alphabet's first.
    const first = existsSync(join(defaultUsGeoDir(), US_GEO_FILES.places)) ? 'OR' : 'AL'
    expect(ambiguous.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`^sanctuary: place: "Washington County" is ambiguous: .*Choose one — .*Washington County, ${first}.* — or add the state`))
    const zip = await run(['officials', '7700'], { SANCTUARY_DATA_DIR: dataDir })
    expect(zip.code).toBe(2)
    expect(zip.stderr.trim().split('\n').at(-1)).toBe('sanctuary: zip: zip must be five digits, got "7700"')
  }, 180_000)

  it('check names the file and line of a curated entry without a source and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'officials-folder-'))
    mkdirSync(join(dir, 'us'))
    writeFileSync(join(dir, 'us', 'county.yaml'), 'division: ocd-division/country:us/state:tx/county:harris\nofficials:\n  - role: sheriff\n    name: X\n    sources: []\n')
    const r = await run(['check', '--quiet', '--officials', dir])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/us\/county\.yaml:5:\d+: error: officials\[0\]\.sources/)
    const ok = await run(['check', '--quiet'])
    expect(ok.stdout).toMatch(/officials ok: \d+ curated entries/)
  }, 180_000)
})
