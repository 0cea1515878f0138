import { describe, expect, it } from 'vitest'
import { AppError } from '../errors/index.ts'
import type { PlaceLookup } from '../officials/index.ts'
import {
  anonymiseBefore,
  assertSignable,
  canMove,
  confirmCreator,
  constituencyLines,
  constituencyOf,
  DEFAULT_RETENTION,
  integrityFigures,
  isDisposableDomain,
  isTokenShaped,
  newToken,
  normaliseEmail,
  pendingExpiry,
  petitionCounts,
  retentionPolicy,
  revise,
  signatureMove,
  signerEmail,
  suppress,
  tokenHash,
  type CountedSignature,
  type Petition,
} from './index.ts'

const HARRIS = 'ocd-division/country:us/state:tx/county:harris'
const FORT_BEND = 'ocd-division/country:us/state:tx/county:fort_bend'
const draft: Petition = {
  kind: 'petition',
  id: 'p1',
  title: 'Title',
  text: 'Text',
  ask: 'Ask',
  targets: [{ kind: 'petition-target', type: 'post', id: `post:sheriff/${HARRIS}`, label: 'Sheriff of Harris County, TX', division: HARRIS }],
  jurisdiction: HARRIS,
  status: 'draft',
  frozen: false,
  createdOn: '2026-12-07',
}

function thrown(f: () => unknown): AppError {
  try {
    f()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('did not throw')
}

describe('emails', () => {
  it('normalises case, spaces and Gmail dots and tags; keeps other local parts', () => {
    expect(normaliseEmail('  Jane.Doe+petition@GMail.com ').key).toBe('janedoe@gmail.com')
    expect(normaliseEmail('jane.doe@googlemail.com').key).toBe('janedoe@gmail.com')
    expect(normaliseEmail('Jane.Doe+x@Example.org')).toMatchObject({ key: 'jane.doe+x@example.org', address: 'Jane.Doe+x@example.org', domain: 'example.org' })
  })
  it('refuses what is no address, naming the field', () => {
    for (const bad of ['', 'no-at', '@example.org', 'a@b', 'a b@example.org', 'a@exa mple.org', `${'x'.repeat(250)}@example.org`, '+@gmail.com']) {
      expect([bad, thrown(() => normaliseEmail(bad)).location.field]).toEqual([bad, 'email'])
    }
  })
  it('refuses disposable domains from the package list, subdomains included', () => {
    expect(isDisposableDomain('mailinator.com')).toBe(true)
    expect(isDisposableDomain('MX.Mailinator.com')).toBe(true)
    expect(isDisposableDomain('example.org')).toBe(false)
    expect(thrown(() => signerEmail('someone@mailinator.com')).message).toBe('email: disposable addresses are not accepted')
    expect(signerEmail('someone@example.org').key).toBe('someone@example.org')
  })
})

describe('tokens', () => {
  it('are random, token-shaped, and stored as SHA-256', () => {
    const a = newToken()
    const b = newToken()
    expect(a.token).not.toBe(b.token)
    expect(isTokenShaped(a.token)).toBe(true)
    expect(isTokenShaped('short')).toBe(false)
    expect(a.hash).toBe(tokenHash(a.token))
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(a.hash).not.toContain(a.token)
  })
})

describe('the life of a petition', () => {
  it('goes live when the creator confirms, once', () => {
    const live = confirmCreator(draft, '2026-12-08')
    expect(live).toMatchObject({ status: 'live', liveOn: '2026-12-08' })
    expect(confirmCreator(live, '2026-12-09')).toBe(live)
    expect(thrown(() => confirmCreator({ ...draft, status: 'hidden' }, '2026-12-08')).code).toBe('conflict')
    expect(canMove('draft', 'live')).toBe(true)
    expect(canMove('closed', 'live')).toBe(false)
  })
  it('takes signatures only while live, saying why not', () => {
    expect(() => assertSignable({ ...draft, status: 'live' })).not.toThrow()
    expect(thrown(() => assertSignable(draft)).message).toMatch(/not live yet/)
    expect(thrown(() => assertSignable({ ...draft, status: 'hidden', hiddenReason: 'spam' })).message).toMatch(/hidden by a maintainer: spam/)
    expect(thrown(() => assertSignable({ ...draft, status: 'closed', supersededBy: 'p2' })).message).toMatch(/replaced by petition p2/)
  })
  it('edits in place before the first signature; after it, a change is a new draft that supersedes the old', () => {
    const live: Petition = { ...draft, status: 'live', liveOn: '2026-12-08' }
    expect(revise(live, { text: 'Better' }, 'p2', '2026-12-09')).toMatchObject({ id: 'p1', text: 'Better', status: 'live' })
    const next = revise({ ...live, frozen: true }, { text: 'Better' }, 'p2', '2026-12-09')
    expect(next).toMatchObject({ id: 'p2', text: 'Better', title: 'Title', status: 'draft', frozen: false, supersedes: 'p1', createdOn: '2026-12-09' })
    expect(next.liveOn).toBeUndefined()
    expect(thrown(() => revise({ ...live, status: 'hidden' }, {}, 'p3', '2026-12-09')).location.field).toBe('id')
  })
  it('confirms or withdraws a signature only from the right status', () => {
    expect(signatureMove('pending', 'confirm', false)).toBe('confirmed')
    expect(signatureMove('confirmed', 'confirm', false)).toBe('confirmed')
    expect(thrown(() => signatureMove('pending', 'confirm', true)).message).toMatch(/expired/)
    expect(thrown(() => signatureMove('withdrawn', 'confirm', false)).message).toMatch(/withdrawn/)
    expect(signatureMove('confirmed', 'withdraw', false)).toBe('withdrawn')
    expect(signatureMove('pending', 'withdraw', true)).toBe('withdrawn')
    expect(thrown(() => signatureMove('expired', 'withdraw', true)).code).toBe('conflict')
  })
})

describe('retention', () => {
  it('expires pending signatures and anonymises after the configured time', () => {
    expect(pendingExpiry('2026-12-07T10:00:00.000Z', DEFAULT_RETENTION)).toBe('2026-12-10T10:00:00.000Z')
    expect(anonymiseBefore('2026-12-07T00:00:00.000Z', retentionPolicy({ anonymiseAfterDays: '30' }))).toBe('2026-11-07T00:00:00.000Z')
    expect(retentionPolicy({})).toEqual(DEFAULT_RETENTION)
    expect(thrown(() => retentionPolicy({ pendingHours: '0' })).location.field).toBe('SANCTUARY_PETITION_PENDING_HOURS')
    expect(thrown(() => retentionPolicy({ anonymiseAfterDays: 'soon' })).location.field).toBe('SANCTUARY_PETITION_RETENTION_DAYS')
  })
})

describe('counts', () => {
  const row = (status: CountedSignature['status'], county: string, district: string | null = null): CountedSignature => ({ status, county, countyName: county.endsWith('harris') ? 'Harris County, TX' : 'Fort Bend County, TX', district, districtName: district ? 'TX-AL' : null })
  it('suppresses 1–10, never 0 or 11', () => {
    expect([0, 1, 10, 11, 412].map((n) => suppress(n))).toEqual([0, null, null, 11, 412])
  })
  it('counts confirmed and pending apart, places only from confirmed ones, small cells suppressed', () => {
    const rows = [...Array.from({ length: 12 }, () => row('confirmed', HARRIS, `${HARRIS}-cd`)), ...Array.from({ length: 3 }, () => row('confirmed', FORT_BEND)), row('pending', FORT_BEND), row('expired', HARRIS), row('withdrawn', HARRIS)]
    const counts = petitionCounts(rows)
    expect(counts).toMatchObject({ confirmed: 15, pending: 1, districtUnknown: 3 })
    expect(counts.byCounty).toEqual([
      { id: HARRIS, name: 'Harris County, TX', count: 12, suppressed: false },
      { id: FORT_BEND, name: 'Fort Bend County, TX', count: null, suppressed: true },
    ])
    expect(counts.byDistrict).toEqual([{ id: `${HARRIS}-cd`, name: 'TX-AL', count: 12, suppressed: false }])
    expect(integrityFigures({ 'refused-disposable': 2, duplicate: 1 }, rows)).toEqual({ kind: 'integrity-figures', refusedDisposable: 2, duplicates: 1, rateLimited: 0, expired: 1, withdrawn: 1 })
    expect(constituencyLines(rows, HARRIS)).toEqual([{ id: HARRIS, name: 'Harris County, TX', count: 12 }])
    expect(constituencyLines(rows, 'ocd-division/country:us/state:tx').map((l) => l.count)).toEqual([12, 3, 12])
  })
})

describe('constituency from a ZIP code', () => {
  const decided: PlaceLookup = { kind: 'decided', query: '77002', jurisdiction: HARRIS, name: 'Harris County, TX', places: [{ jurisdiction: 'ocd-division/country:us/state:tx/place:houston', name: 'Houston city, TX', level: 'place', landShare: 0.99 }] }
  const split: PlaceLookup = { kind: 'choose', query: '77477', reason: 'spans', choices: [{ jurisdiction: FORT_BEND, name: 'Fort Bend County, TX', level: 'county', landShare: 0.9 }, { jurisdiction: HARRIS, name: 'Harris County, TX', level: 'county', landShare: 0.1 }], places: [] }
  it('takes the county, the place holding most of the land, and a district only when given as certain', () => {
    expect(constituencyOf(decided, {})).toEqual({ kind: 'constituency', state: 'tx', county: HARRIS, countyName: 'Harris County, TX', place: 'ocd-division/country:us/state:tx/place:houston', placeName: 'Houston city, TX' })
    expect(constituencyOf({ ...decided, places: [{ ...decided.places[0]!, landShare: 0.3 }] }, {}).place).toBeUndefined()
    expect(constituencyOf(decided, { atLarge: { id: 'x', name: 'TX-AL' } }).district).toBe('x')
  })
  it('a split ZIP code needs the county, from its choices', () => {
    expect(thrown(() => constituencyOf(split, {})).message).toMatch(/^county: ZIP code 77477 spans 2 counties/)
    expect(constituencyOf(split, { county: HARRIS }).county).toBe(HARRIS)
    expect(thrown(() => constituencyOf(decided, { county: FORT_BEND })).location.field).toBe('county')
  })
})
