import { Migrator } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOutcomeCounts, migrateToLatest, openDatabase, recordCallOutcome, schemaVersion, testTargets, type Database } from './index.ts'
import { MIGRATIONS } from './migrations/index.ts'

const FRESNO = 'ocd-division/country:us/state:ca/county:fresno'
const SHERIFF = `post:sheriff/${FRESNO}`
const entry = (day: string, outcome: 'reached' | 'voicemail' | 'no-answer', postId = SHERIFF) => ({ day, postId, jurisdiction: FRESNO, question: 'hold' as const, outcome })

describe.each(testTargets())('call outcomes on $name', (target) => {
  let database: Database
  beforeAll(async () => {
    database = await target.open()
  }, 60_000)
  afterAll(async () => {
    await database.close()
  })

  it('migrates to 004-call-outcomes', async () => {
    expect((await schemaVersion(database)).applied).toContain('004-call-outcomes')
  })

  it('counts concurrent calls exactly, per outcome, summed over days', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordCallOutcome(database, entry(i % 2 ? '2026-12-06' : '2026-12-07', i % 4 === 0 ? 'reached' : 'voicemail'))))
    await recordCallOutcome(database, entry('2026-12-07', 'no-answer', 'post:county-board-member/x'))
    const counts = await callOutcomeCounts(database, { jurisdiction: FRESNO, postId: SHERIFF })
    expect(counts.map((c) => [c.outcome, c.count, c.firstDay, c.lastDay])).toEqual([
      ['reached', 10, '2026-12-07', '2026-12-07'],
      ['voicemail', 30, '2026-12-06', '2026-12-07'],
    ])
    expect((await callOutcomeCounts(database, { jurisdiction: FRESNO })).map((c) => c.postId)).toEqual(['post:county-board-member/x', SHERIFF, SHERIFF])
  })

  it('keeps only counts: the table has no column about a caller and no time finer than the day', async () => {
    const rows = await database.db.selectFrom('call_outcomes').selectAll().execute()
    expect(Object.keys(rows[0]!).sort()).toEqual(['count', 'day', 'jurisdiction', 'outcome', 'post_id', 'question'])
    for (const r of rows) expect(r.day).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(41)
  })
})

describe('migrations that land out of order', () => {
  it('a database that ran 001 and 006 accepts 004 when it arrives', async () => {
    const database = await openDatabase({ kind: 'pglite-memory' }, { migrate: false })
    try {
      const early = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name !== '004-call-outcomes'))
      const first = await new Migrator({ db: database.db, provider: { getMigrations: async () => early } }).migrateToLatest()
      expect(first.error).toBeUndefined()
      await migrateToLatest(database)
      expect((await schemaVersion(database)).pending).toEqual([])
      await recordCallOutcome(database, entry('2026-12-07', 'reached'))
      expect((await callOutcomeCounts(database, { jurisdiction: FRESNO })).map((c) => c.count)).toEqual([1])
    } finally {
      await database.close()
    }
  }, 60_000)
})
