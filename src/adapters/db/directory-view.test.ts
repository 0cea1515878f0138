import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DirectoryRecord, SourceRef } from '../../core/officials/index.ts'
import { databaseView, snapshotView, startImport, testTargets, type Database } from './index.ts'

const TX = 'ocd-division/country:us/state:tx'
const source: SourceRef = { dataset: 'fixture', file: 'people.yaml', version: 'v1' }
const seat = (person: string, start: string, end?: string): DirectoryRecord[] => [
  { kind: 'organization', id: 'congress:senate', name: 'United States Senate', classification: 'congress-senate', division: 'ocd-division/country:us', contacts: [], identifiers: {}, source },
  { kind: 'organization', id: 'openstates:tx/upper', name: 'Texas Senate', classification: 'state-upper', division: TX, contacts: [], identifiers: {}, source },
  { kind: 'post', id: 'post:us-senator/tx/1', organizationId: 'congress:senate', role: 'us-senator', label: 'U.S. Senator for Texas', division: TX, source },
  { kind: 'person', id: person, name: person, contacts: [], identifiers: {}, source },
  { kind: 'membership', id: `${person}@post:us-senator/tx/1#${start}`, personId: person, postId: 'post:us-senator/tx/1', startDate: start, ...(end ? { endDate: end } : {}), source },
]

describe.each(testTargets())('directory views on $name', (target) => {
  let database: Database
  beforeEach(async () => {
    database = await target.open()
  })
  afterEach(async () => {
    await database.close()
  })

  it('the snapshot answers as the database does, by day, and reloads after an import finishes', async () => {
    const first = await startImport(database, 'fixture', '2026-01-01')
    await first.write([...seat('Old', '2013-01-03', '2019-01-03'), ...seat('New', '2019-01-03')])
    await first.finish([], { records: 8 })
    const snapshot = snapshotView(database, { checkEveryMs: 0 })
    const live = databaseView(database)
    const names = async (view: typeof live, day: string) => (await view.seats([TX], day)).flatMap((s) => s.holders.map((h) => h.person.name))
    for (const day of ['2015-06-01', '2020-06-01']) expect(await names(snapshot, day)).toEqual(await names(live, day))
    expect(await names(snapshot, '2015-06-01')).toEqual(['Old'])
    expect((await snapshot.organizations(TX, ['state-upper'])).map((o) => o.name)).toEqual(['Texas Senate'])

    const second = await startImport(database, 'fixture', '2026-02-01')
    await second.write(seat('Newer', '2025-01-03'))
    await second.finish([], { records: 5 })
    expect(await names(snapshot, '2026-02-01')).toEqual(await names(live, '2026-02-01'))
    expect(await names(snapshot, '2026-02-01')).toContain('Newer')
  })
})
