import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FIXTURE_DIR } from '../../testing/fixture-registry.ts'

const BIN = fileURLToPath(new URL('../../../bin/sanctuary.js', import.meta.url))

function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args, '--registry', FIXTURE_DIR], (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
    if (input !== undefined) child.stdin!.end(input)
    else child.stdin!.end()
  })
}

describe('sanctuary CLI', () => {
  it('check reports counts and exits 0', async () => {
    const r = await run(['check'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/registry ok .*6 jurisdictions, 8 enactments, 11 provisions, 25 sources/)
  })

  it('show finds by name; an unknown id is one line and exit 2', async () => {
    const ok = await run(['show', 'Alpha County', '--json'])
    expect(JSON.parse(ok.stdout).id).toBe('ocd-division/country:us/state:zz/county:alpha')
    const bad = await run(['show', 'Qqxz Nowhere'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sanctuary: id-or-name: no state, county or city.* is named "Qqxz Nowhere"/i)])
    // A real county without a file of its own is shown with the law that reaches it.
    const harris = await run(['show', 'Harris County, TX', '--json'])
    expect(harris.code).toBe(0)
    expect(JSON.parse(harris.stdout)).toMatchObject({ id: 'ocd-division/country:us/state:tx/county:harris', inRegistry: false, name: 'Harris County, TX' })
    // The case: with the Census populations (us-geo) "Harris County" is Texas's; without them it is a choice, never a pick.
    const typed = await run(['show', 'Harris County', '--json'])
    if (typed.code === 0) expect(JSON.parse(typed.stdout).id).toBe('ocd-division/country:us/state:tx/county:harris')
    else expect(typed.stderr).toMatch(/"Harris County" is ambiguous: .*Harris County, GA.*Harris County, TX|"Harris County" is ambiguous: .*Harris County, TX.*Harris County, GA/)
  })

  it('evaluate reads stdin, prints JSON, and rejects a bad field with exit 2', async () => {
    // The fixture's fictional state has a file; its counties without one are in no Census list the CLI reads.
    const c = { jurisdiction: 'ocd-division/country:us/state:zz', date: '2019-01-01', custody: 'county-jail', detainer: { judicialWarrant: false }, person: { convictions: [] } }
    const ok = await run(['evaluate', '--json'], JSON.stringify(c))
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout).answers.hold.value).toBe('prohibited')
    const bad = await run(['evaluate'], JSON.stringify({ ...c, date: '2019-02-30' }))
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe('sanctuary: date: "2019-02-30" is not a real calendar date\n')
    // Only real places: an ID of no state, county or place is refused, naming the field.
    const nowhere = await run(['evaluate'], JSON.stringify({ ...c, jurisdiction: 'ocd-division/country:us/state:zz/county:nowhere' }))
    expect(nowhere.code).toBe(2)
    expect(nowhere.stderr).toMatch(/^sanctuary: jurisdiction: ocd-division\/country:us\/state:zz\/county:nowhere is not a real county/)
    const dir = mkdtempSync(join(tmpdir(), 'sa-'))
    writeFileSync(join(dir, 'case.json'), '{not json')
    const malformed = await run(['evaluate', '--case', join(dir, 'case.json')])
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toMatch(/^sanctuary: .*case\.json: .*not valid JSON/)
  })

  it('list validates its options', async () => {
    const bad = await run(['list', '--as-of', '2019-13-01', '--action', 'detainer-hold'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--as-of/)
  })
})
