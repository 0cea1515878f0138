import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DirectoryRecord, SourceRef, ZipArea } from '../../core/officials/index.ts'
import { describeTarget, LOCK_FILE, openDatabase, schemaVersion, startImport, tableCounts, targetFromEnv, testTargets, type Database } from './index.ts'

const source: SourceRef = { dataset: 'fixture', file: 'people.yaml', version: 'abc123', line: 1 }

function senator(id: string, start: string): DirectoryRecord[] {
  return [
    { kind: 'organization', id: 'congress:senate', name: 'United States Senate', classification: 'congress-senate', division: 'ocd-division/country:us', contacts: [], identifiers: {}, source },
    { kind: 'post', id: 'post:us-senator/tx/1', organizationId: 'congress:senate', role: 'us-senator', label: 'U.S. Senator for Texas', division: 'ocd-division/country:us/state:tx', source },
    { kind: 'person', id, name: `Senator ${id}`, contacts: [{ kind: 'phone', value: '202-224-0000' }], identifiers: { bioguide: id }, source },
    { kind: 'membership', id: `${id}@post:us-senator/tx/1#${start}`, personId: id, postId: 'post:us-senator/tx/1', organizationId: 'congress:senate', startDate: start, source },
  ]
}

const zip = (code: string, geoid: string): ZipArea => ({ kind: 'zip-area', zip: code, level: 'county', geoid, name: `County ${geoid}`, landArea: 1.5, source })

describe.each(testTargets())('officials store on $name', (target) => {
  let database: Database
  beforeEach(async () => {
    database = await target.open()
  })
  afterEach(async () => {
    await database.close()
  })

  it('migrates a second database on the same server while the first holds its own migration tables', async () => {
    // On PostgreSQL both are schemas of one database: the second must not take the first's tables for its own.
    const second = await target.open()
    try {
      expect((await schemaVersion(second)).pending).toEqual([])
      expect(await tableCounts(second)).toMatchObject({ persons: 0 })
    } finally {
      await second.close()
    }
  })

  it('migrates on open and reports the schema version', async () => {
    const version = await schemaVersion(database)
    expect(version.applied[0]).toBe('001-officials-directory')
    expect(version.applied).toContain('006-toolkit-drafts')
    expect(version.applied).toContain('004-call-outcomes')
    expect(version.applied).toContain('003-petitions')
    expect(version.applied).toContain('002-maintainers')
    expect(version.applied).toContain('005-corrections')
    expect(version.pending).toEqual([])
    expect(await tableCounts(database)).toMatchObject({ persons: 0, posts: 0, memberships: 0 })
  })

  it('re-imports in place: no duplicates, and memberships that left the source are ended', async () => {
    const first = await startImport(database, 'fixture', '2026-01-01')
    await first.write([...senator('S1', '2019-01-03'), ...senator('S2', '2021-01-03'), zip('77002', '48201'), zip('77002', '48339')])
    await first.finish([], { records: 10 })

    const second = await startImport(database, 'fixture', '2026-06-01')
    await second.write([...senator('S1', '2019-01-03'), zip('77002', '48201')])
    const summary = await second.finish([{ kind: 'row-problem', dataset: 'fixture', file: 'people.yaml', line: 9, message: 'no name' }], { records: 5 })

    expect(summary).toMatchObject({ membershipsEnded: 1, zipAreasRemoved: 1, problems: 1 })
    const counts = await tableCounts(database)
    expect(counts).toMatchObject({ persons: 2, posts: 1, organizations: 1, memberships: 2, zip_areas: 1, import_runs: 2 })
    const memberships = await database.db.selectFrom('memberships').select(['person_id', 'end_date']).orderBy('person_id').execute()
    expect(memberships).toEqual([
      { person_id: 'S1', end_date: null },
      { person_id: 'S2', end_date: '2026-06-01' },
    ])
    const person = await database.db.selectFrom('persons').select(['contacts', 'source']).where('id', '=', 'S1').executeTakeFirstOrThrow()
    expect(person.contacts).toEqual([{ kind: 'phone', value: '202-224-0000' }])
    expect(person.source).toEqual(source)
  })

  it('keeps the first write when a later batch fails part-way (a transaction per batch)', async () => {
    const run = await startImport(database, 'fixture', '2026-01-01')
    await run.write(senator('S1', '2019-01-03'))
    const broken = { ...senator('S3', '2020-01-01')[2], name: null } as unknown as DirectoryRecord
    await expect(run.write([...senator('S2', '2021-01-03'), broken])).rejects.toThrow()
    const ids = await database.db.selectFrom('persons').select('id').orderBy('id').execute()
    expect(ids).toEqual([{ id: 'S1' }])
  })
})

describe('the data folder', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-db-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps what was written across a close and a reopen', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir })
    const run = await startImport(first, 'fixture', '2026-01-01')
    await run.write(senator('S1', '2019-01-03'))
    await first.close()
    const second = await openDatabase({ kind: 'pglite', dataDir: dir })
    expect((await tableCounts(second)).persons).toBe(1)
    await second.close()
  })

  it('refuses a second opener while the first holds the lock, and takes over a stale lock', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir })
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toMatchObject({ code: 'conflict' })
    await first.close()
    // A lock left by a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    await writeFile(join(dir, LOCK_FILE), '4194305\n')
    const second = await openDatabase({ kind: 'pglite', dataDir: dir })
    await second.close()
  })
})

describe('targetFromEnv', () => {
  it('prefers DATABASE_URL, else the data folder', () => {
    expect(targetFromEnv({ DATABASE_URL: 'postgres://u:secret@db.example:5432/atlas' })).toEqual({ kind: 'postgres', url: 'postgres://u:secret@db.example:5432/atlas' })
    expect(targetFromEnv({ SANCTUARY_DATA_DIR: '/srv/atlas' })).toEqual({ kind: 'pglite', dataDir: '/srv/atlas' })
  })
  it('never shows credentials', () => {
    expect(describeTarget({ kind: 'postgres', url: 'postgres://u:secret@db.example:5432/atlas' })).toBe('PostgreSQL at db.example:5432/atlas')
  })
})
