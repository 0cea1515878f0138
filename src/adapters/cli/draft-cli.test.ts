/** `sanctuary draft check` on the real registry: the report, its exports, and one-line errors naming file, line and field. */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { fieldPath } from './commands/draft.ts'

const BIN = fileURLToPath(new URL('../../../bin/sanctuary.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'sanctuary-draft-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }))
  })
}

const DRAFT = `title: Holds only with a judicial warrant
provisions:
  - id: warrant-only
    clause: hold-judicial-warrant
    action: detainer-hold
    effect: prohibit
    summary: No hold without a judicial warrant.
    unless: { fact: detainer.judicialWarrant, equals: true }
`

describe('sanctuary draft check', () => {
  it('reports Travis County 2018-06-01 as overridden by SB 4, and Multnomah County as standing', async () => {
    const file = join(dir, 'draft.yaml')
    writeFileSync(file, DRAFT)
    const travis = await run(['draft', 'check', file, '--jurisdiction', 'ocd-division/country:us/state:tx/county:travis', '--date', '2018-06-01'])
    expect(travis.code).toBe(0)
    expect(travis.stdout).toContain('Overridden by higher law')
    expect(travis.stdout).toContain('https://capitol.texas.gov/')
    const json = await run(['draft', 'check', file, '--jurisdiction', 'ocd-division/country:us/state:or/county:multnomah', '--date', '2018-06-01', '--json'])
    expect(JSON.parse(json.stdout).check.clauses[0].status).toBe('stands')
  }, 180_000)

  it('exports the document', async () => {
    const file = join(dir, 'draft2.yaml')
    writeFileSync(file, `jurisdiction: ocd-division/country:us/state:fl/county:miami-dade\ndate: '2020-01-01'\n${DRAFT}`)
    const out = join(dir, 'draft.md')
    const r = await run(['draft', 'check', file, '--export', 'md', '--out', out])
    expect(r.code).toBe(0)
    const md = readFileSync(out, 'utf8')
    expect(md).toContain('Overridden by higher law')
    expect(md).toContain('SB 168')
  }, 180_000)

  it('a bad draft is one line with file, line and field, exit 2', async () => {
    const file = join(dir, 'bad.yaml')
    writeFileSync(file, DRAFT.replace('effect: prohibit', 'effect: forbid'))
    const r = await run(['draft', 'check', file, '--jurisdiction', 'ocd-division/country:us/state:tx/county:travis', '--date', '2018-06-01'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain(`${file}:6:13: provisions[0] (warrant-only).effect: must be one of`)
    const noDate = await run(['draft', 'check', join(dir, 'draft.yaml'), '--jurisdiction', 'ocd-division/country:us/state:tx/county:travis'])
    expect(noDate.code).toBe(2)
    expect(noDate.stderr).toContain('--date')
  }, 180_000)

  it('turns a field back into a path', () => {
    expect(fieldPath('provisions[0] (my-hold).when.all[1].conviction.class')).toEqual(['provisions', 0, 'when', 'all', 1, 'conviction', 'class'])
  })
})
