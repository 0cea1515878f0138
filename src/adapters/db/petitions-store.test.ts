import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../core/errors/index.ts'
import { newToken, signerEmail, tokenHash, type Constituency, type Petition } from '../../core/petitions/index.ts'
import type { DirectoryRecord, SourceRef } from '../../core/officials/index.ts'
import {
  addSignature,
  anonymiseSignatures,
  atLargeDistrict,
  confirmPetition,
  deliverySigners,
  expirePending,
  insertPetition,
  integrityCounters,
  loadPetition,
  resolveTarget,
  revisePetition,
  setHidden,
  signatureCounts,
  startImport,
  testTargets,
  useSignatureToken,
  type Database,
} from './index.ts'

const HARRIS = 'ocd-division/country:us/state:tx/county:harris'
const POST = `post:sheriff/${HARRIS}`
const source: SourceRef = { dataset: 'fixture', file: 'f.csv', version: 'v', line: 1 }
const RECORDS: DirectoryRecord[] = [
  { kind: 'organization', id: 'hifld:harris', name: 'Harris County Sheriffs Office', classification: 'sheriff-office', division: HARRIS, contacts: [], identifiers: {}, source },
  { kind: 'post', id: POST, organizationId: 'hifld:harris', role: 'sheriff', label: 'Sheriff of Harris County, TX', division: HARRIS, source },
  { kind: 'person', id: 'curated:tx-harris/ed-gonzalez', name: 'Ed Gonzalez', contacts: [], identifiers: {}, source },
  { kind: 'membership', id: 'm1', personId: 'curated:tx-harris/ed-gonzalez', postId: POST, startDate: '2017-01-01', source },
  { kind: 'organization', id: 'congress:house', name: 'House', classification: 'congress-house', division: 'ocd-division/country:us', contacts: [], identifiers: {}, source },
  { kind: 'post', id: 'post:us-rep/wy/0', organizationId: 'congress:house', role: 'us-representative', label: 'U.S. Representative for Wyoming', division: 'ocd-division/country:us/state:wy', source },
  { kind: 'post', id: 'post:us-rep/tx/18', organizationId: 'congress:house', role: 'us-representative', label: 'TX-18', division: 'ocd-division/country:us/state:tx/cd:18', source },
]
const harris: Constituency = { kind: 'constituency', state: 'tx', county: HARRIS, countyName: 'Harris County, TX', place: 'ocd-division/country:us/state:tx/place:houston', placeName: 'Houston city, TX' }
const NOW = '2026-12-07T10:00:00.000Z'
const LATER = '2026-12-10T10:00:00.000Z'

describe.each(testTargets())('petitions store on $name', (target) => {
  let database: Database
  let petition: Petition
  let creator: { token: string; hash: string }
  beforeEach(async () => {
    database = await target.open()
    const run = await startImport(database, 'fixture', '2026-12-07')
    await run.write(RECORDS)
    await run.finish([], { records: RECORDS.length })
    const t = await resolveTarget(database, { type: 'post', id: POST }, '2026-12-07', 'targets.0')
    creator = newToken()
    petition = { kind: 'petition', id: 'p1', title: 'T', text: 'Words', ask: 'Ask', targets: [t], jurisdiction: HARRIS, status: 'draft', frozen: false, createdOn: '2026-12-07' }
    await insertPetition(database, { petition, creatorName: 'Creator', creatorEmail: 'creator@example.org', creatorTokenHash: creator.hash })
  })
  afterEach(async () => {
    await database.close()
  })

  const sign = (address: string, name = 'Signer', signedAt = NOW, expiresAt = LATER) => {
    const confirm = newToken()
    const withdraw = newToken()
    return addSignature(database, { petitionId: 'p1', email: signerEmail(address), name, constituency: harris, confirmHash: confirm.hash, withdrawHash: withdraw.hash, signedAt, expiresAt }).then((r) => ({ ...r, confirm: confirm.token, withdraw: withdraw.token }))
  }

  it('resolves targets from the directory, posts and persons, and at-large districts only', async () => {
    expect(petition.targets[0]).toEqual({ kind: 'petition-target', type: 'post', id: POST, label: 'Sheriff of Harris County, TX', division: HARRIS })
    expect(await resolveTarget(database, { type: 'person', id: 'curated:tx-harris/ed-gonzalez' }, '2026-12-07', 't')).toMatchObject({ label: 'Ed Gonzalez, Sheriff of Harris County, TX', division: HARRIS })
    await expect(resolveTarget(database, { type: 'post', id: 'post:nothing' }, '2026-12-07', 'targets.1')).rejects.toMatchObject({ code: 'not-found', location: { field: 'targets.1' } })
    expect(await atLargeDistrict(database, 'wy')).toEqual({ id: 'ocd-division/country:us/state:wy', name: 'WY at-large' })
    expect(await atLargeDistrict(database, 'tx')).toBeUndefined()
  })

  it('refuses signatures until the creator confirms; confirming is idempotent', async () => {
    await expect(sign('a@example.org')).rejects.toMatchObject({ code: 'conflict', location: { field: 'id' } })
    expect((await confirmPetition(database, creator.hash, '2026-12-07')).status).toBe('live')
    expect((await confirmPetition(database, creator.hash, '2026-12-08')).liveOn).toBe('2026-12-07')
    await expect(confirmPetition(database, tokenHash('x'.repeat(32)), '2026-12-07')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('one signature per normalised email, by the database; duplicates counted; text frozen at the first signature', async () => {
    await confirmPetition(database, creator.hash, '2026-12-07')
    expect((await revisePetition(database, creator.hash, { text: 'Edited' }, { id: 'unused', creatorTokenHash: newToken().hash }, '2026-12-07')).created).toBe(false)
    const first = await sign('Jane.Doe@gmail.com')
    const again = await sign('janedoe+x@googlemail.com').catch((e: AppError) => e)
    expect(again).toBeInstanceOf(AppError)
    expect((again as AppError).message).toBe('email: this address has already signed')
    expect(await integrityCounters(database, 'p1')).toEqual({ duplicate: 1 })
    expect((await loadPetition(database, 'p1'))).toMatchObject({ frozen: true, text: 'Edited' })
    const next = newToken()
    const revised = await revisePetition(database, creator.hash, { text: 'Second thoughts' }, { id: 'p2', creatorTokenHash: next.hash }, '2026-12-08')
    expect(revised).toMatchObject({ created: true, petition: { id: 'p2', supersedes: 'p1', status: 'draft' } })
    expect((await loadPetition(database, 'p1'))!.text).toBe('Edited')
    await confirmPetition(database, next.hash, '2026-12-08')
    expect(await loadPetition(database, 'p1')).toMatchObject({ status: 'closed', supersededBy: 'p2' })
    expect(first.id).toBeGreaterThan(0)
  })

  it('confirms with a single-use link, withdraws, expires and anonymises while keeping counts', async () => {
    await confirmPetition(database, creator.hash, '2026-12-07')
    const a = await sign('a@example.org', 'Ann')
    const b = await sign('b@example.org', 'Bob')
    await sign('c@example.org', 'Cy', NOW, '2026-12-07T11:00:00.000Z')
    expect(await useSignatureToken(database, 'confirm', tokenHash(a.confirm), NOW)).toEqual({ petitionId: 'p1', status: 'confirmed' })
    await expect(useSignatureToken(database, 'confirm', tokenHash(a.confirm), NOW)).rejects.toMatchObject({ code: 'not-found', location: { field: 'token' } })
    await useSignatureToken(database, 'confirm', tokenHash(b.confirm), NOW)
    expect((await deliverySigners(database, 'p1')).map((s) => [s.name, s.city])).toEqual([['Ann', 'Houston city, TX'], ['Bob', 'Houston city, TX']])
    await useSignatureToken(database, 'withdraw', tokenHash(b.withdraw), NOW)
    expect(await expirePending(database, '2026-12-07T12:00:00.000Z')).toBe(1)
    // an expired address may sign again
    await sign('c@example.org', 'Cy', '2026-12-07T12:00:00.000Z')
    const counts = await signatureCounts(database, 'p1')
    const by = (status: string) => counts.filter((c) => c.status === status).reduce((n, c) => n + (c.n ?? 1), 0)
    expect([by('confirmed'), by('withdrawn'), by('expired'), by('pending')]).toEqual([1, 1, 1, 1])
    const erased = await database.db.selectFrom('signatures').select(['email', 'name']).where('status', 'in', ['withdrawn', 'expired']).execute()
    expect(erased).toEqual([{ email: null, name: null }, { email: null, name: null }])
    expect(await anonymiseSignatures(database, '2026-12-08T00:00:00.000Z')).toBe(4)
    expect(await deliverySigners(database, 'p1')).toEqual([])
    expect(await signatureCounts(database, 'p1')).toEqual(counts)
    const left = await database.db.selectFrom('signatures').select(['email', 'name', 'email_key', 'confirm_hash', 'withdraw_hash']).execute()
    expect(left.every((r) => Object.values(r).every((v) => v === null))).toBe(true)
  })

  it('hides with a public reason and shows again', async () => {
    await confirmPetition(database, creator.hash, '2026-12-07')
    expect(await setHidden(database, 'p1', 'Names a private person.')).toMatchObject({ status: 'hidden', hiddenReason: 'Names a private person.' })
    await expect(sign('a@example.org')).rejects.toThrow(/hidden by a maintainer: Names a private person/)
    expect((await setHidden(database, 'p1', null)).status).toBe('live')
  })

  it('50 concurrent signers of one address store exactly one signature', async () => {
    await confirmPetition(database, creator.hash, '2026-12-07')
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => sign('same@example.org')))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rows = await database.db.selectFrom('signatures').select('id').execute()
    expect(rows).toHaveLength(1)
    expect(await integrityCounters(database, 'p1')).toEqual({ duplicate: 49 })
  })
})
