import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CorrectionSubmission } from '../../core/corrections/index.ts'
import { decideCorrection, getCorrection, listCorrections, submitCorrection, testTargets, type Database } from './index.ts'

const submission: CorrectionSubmission = { kind: 'correction-submission', jurisdiction: 'ocd-division/country:us/state:zz', enactment: 'zz-act', provision: 'zz-act-hold', topic: 'dates', what: 'The act took effect a year later.', source: 'https://example.gov/act', email: 'ana@example.org' }

describe.each(testTargets())('corrections store on $name', (target) => {
  let database: Database
  beforeEach(async () => {
    database = await target.open()
  })
  afterEach(async () => {
    await database.close()
  })

  it('stores a suggestion as pending, lists it by jurisdiction and status, and decides it once', async () => {
    const now = new Date('2026-12-07T06:00:00Z')
    const stored = await submitCorrection(database, submission, now)
    expect(stored).toMatchObject({ kind: 'correction', status: 'pending', email: 'ana@example.org', submittedAt: '2026-12-07T06:00:00.000Z', decidedAt: null })
    await submitCorrection(database, { ...submission, jurisdiction: 'ocd-division/country:us/state:yy' }, now)
    expect(await listCorrections(database, { jurisdiction: submission.jurisdiction })).toHaveLength(1)
    expect(await listCorrections(database, { status: 'pending' })).toHaveLength(2)
    const decided = await decideCorrection(database, stored.id, { status: 'rejected', reason: 'The page says otherwise.' }, 1, new Date('2026-12-08T00:00:00Z'))
    expect(decided).toMatchObject({ status: 'rejected', reason: 'The page says otherwise.', decidedAt: '2026-12-08T00:00:00.000Z' })
    await expect(decideCorrection(database, stored.id, { status: 'accepted', quote: 'q', patch: 'p' }, 1, now)).rejects.toMatchObject({ code: 'conflict' })
    await expect(decideCorrection(database, 9999, { status: 'rejected', reason: 'nope nope' }, 1, now)).rejects.toMatchObject({ code: 'not-found' })
    expect(await getCorrection(database, 0)).toBeNull()
    expect((await getCorrection(database, stored.id))?.status).toBe('rejected')
  })
})
