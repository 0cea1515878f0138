/** `sanctuary maintainer add`: the password from stdin, stored as a hash; one-line errors with the error table's exit codes. */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ERROR_TABLE } from '../../core/errors/index.ts'
import { checkMaintainer, openDatabase } from '../db/index.ts'

const BIN = fileURLToPath(new URL('../../../bin/sanctuary.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'sanctuary-maintainer-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, SANCTUARY_DATA_DIR: dir, DATABASE_URL: '' }
    const child = execFile(process.execPath, [BIN, ...args], { env }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }))
    child.stdin!.end(stdin)
  })
}

describe('sanctuary maintainer add', { timeout: 180_000 }, () => {
  it('adds a maintainer whose password comes from stdin; refuses a duplicate, a bad email and a short password in one line', async () => {
    const added = await run(['maintainer', 'add', 'Ana@Example.org'], 'correct horse battery staple\n')
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(/^added maintainer ana@example\.org in PGlite in /)
    expect(added.stdout).not.toContain('correct horse')

    const duplicate = await run(['maintainer', 'add', 'ana@example.org'], 'correct horse battery staple\n')
    expect(duplicate.code).toBe(ERROR_TABLE.conflict.exit)
    expect(duplicate.stderr.trim().split('\n')).toHaveLength(1)
    expect(duplicate.stderr).toMatch(/email/)
    const bad = await run(['maintainer', 'add', 'ana'], 'correct horse battery staple\n')
    expect(bad.code).toBe(ERROR_TABLE['invalid-input'].exit)
    expect(bad.stderr).toMatch(/^sanctuary: email: .*not an email address/)
    const short = await run(['maintainer', 'add', 'bo@example.org'], 'short\n')
    expect(short.code).toBe(ERROR_TABLE['invalid-input'].exit)
    expect(short.stderr).toMatch(/password: .*at least 12 characters/)

    const replaced = await run(['maintainer', 'add', 'ana@example.org', '--replace'], 'a brand new passphrase\n')
    expect(replaced.code).toBe(0)
    const database = await openDatabase({ kind: 'pglite', dataDir: dir })
    try {
      expect(await checkMaintainer(database, 'ana@example.org', 'a brand new passphrase')).toMatchObject({ email: 'ana@example.org' })
      expect(await checkMaintainer(database, 'ana@example.org', 'correct horse battery staple')).toBeNull()
    } finally {
      await database.close()
    }
  })
})
