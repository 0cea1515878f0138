import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deleteDraft, loadDraft, MAX_DRAFT_QUERY, saveDraft, testTargets, type Database } from './index.ts'

describe.each(testTargets())('saved toolkit drafts on $name', (target) => {
  let database: Database
  beforeEach(async () => {
    database = await target.open()
  })
  afterEach(async () => {
    await database.close()
  })

  it('saves a query behind a private token, opens it, and deletes it', async () => {
    const query = 'jurisdiction=ocd-division%2Fcountry%3Aus%2Fstate%3Atx%2Fcounty%3Atravis&date=2018-06-01&clauses=hold-judicial-warrant'
    const token = await saveDraft(database, query, '2026-12-07')
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(await loadDraft(database, token)).toEqual({ query, savedOn: '2026-12-07' })
    // Only the token's hash is stored: the table does not give the link away.
    const rows = await database.db.selectFrom('toolkit_drafts').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)
    expect(await deleteDraft(database, token)).toBe(true)
    expect(await loadDraft(database, token)).toBeNull()
    expect(await deleteDraft(database, token)).toBe(false)
  })

  it('gives distinct tokens, answers null for unknown or malformed ones, and refuses an oversized query', async () => {
    const a = await saveDraft(database, 'date=2018-06-01', '2026-12-07')
    const b = await saveDraft(database, 'date=2018-06-01', '2026-12-07')
    expect(a).not.toBe(b)
    expect(await loadDraft(database, 'A'.repeat(32))).toBeNull()
    expect(await loadDraft(database, "x' OR 1=1 --")).toBeNull()
    await expect(saveDraft(database, 'x'.repeat(MAX_DRAFT_QUERY + 1), '2026-12-07')).rejects.toThrow(RangeError)
  })
})
