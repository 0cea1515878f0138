import { describe, expect, it } from 'vitest'
import type { ComparedProvision } from '../answers/index.ts'
import type { Organization, Person, Post, Seat, SourceRef } from './index.ts'
import { nameLookup, whoDecides, zipLookup } from './index.ts'

const HARRIS = 'ocd-division/country:us/state:tx/county:harris'
const TX = 'ocd-division/country:us/state:tx'
const source: SourceRef = { dataset: 'test', file: 'fixture', version: '1' }

function seat(id: string, role: Post['role'], division: string, holder?: string, organization?: Organization): Seat {
  const post: Post = { kind: 'post', id, organizationId: organization?.id ?? 'org', role, label: id, division, source }
  const holders = holder ? [{ person: { kind: 'person', id: `p:${holder}`, name: holder, contacts: [], identifiers: {}, source } as Person, membership: { kind: 'membership' as const, id: `m:${holder}`, personId: `p:${holder}`, postId: id, source } }] : []
  return { kind: 'seat', post, ...(organization ? { organization } : {}), holders }
}

const sheriffOffice: Organization = { kind: 'organization', id: 'hifld:1', name: 'Harris County Sheriffs Office', classification: 'sheriff-office', division: HARRIS, contacts: [{ kind: 'phone', value: '(713) 755-6044' }], identifiers: {}, source }
const senate: Organization = { kind: 'organization', id: 'openstates:tx/upper', name: 'Texas Senate', classification: 'state-upper', division: TX, contacts: [], identifiers: {}, source }
const sb4 = { provision: 'tx-sb4-hold', layer: 'state', title: 'SB 4' } as unknown as ComparedProvision
const federal = { provision: 'us-287g', layer: 'federal', title: 'INA 287(g)' } as unknown as ComparedProvision

const input = {
  jurisdiction: { id: HARRIS, name: 'Harris County, TX', level: 'county' as const, stateName: 'Texas' },
  jailCounty: { kind: 'known' as const, id: HARRIS, name: 'Harris County, TX' },
  asOf: '2026-12-05',
  seats: [
    seat('post:us-senator/tx/1', 'us-senator', TX, 'Senator One'),
    seat('post:us-senator/tx/2', 'us-senator', TX, 'Senator Two'),
    seat('post:us-representative/tx/7', 'us-representative', `${TX}/cd:7`, 'Representative Seven'),
    seat('post:governor/tx', 'governor', TX, 'Governor'),
    seat(`post:sheriff/${HARRIS}`, 'sheriff', HARRIS, undefined, sheriffOffice),
  ],
  organizations: [senate],
  law: new Map([
    ['detainer-hold', [sb4]],
    ['agreement-287g', [federal]],
  ]),
}

describe('whoDecides', () => {
  const who = whoDecides(input)
  const bodyOf = (key: string) => who.bodies.find((b) => b.key === key)

  it('names the sheriff’s office as the office that applies each rule, with its phone', () => {
    for (const q of who.questions) expect(q.appliedBy).toEqual(['sheriff'])
    expect(bodyOf('sheriff')?.offices[0]?.contacts[0]?.value).toBe('(713) 755-6044')
  })

  it('lists the two senators and the governor, never a representative picked for a county', () => {
    expect(bodyOf('congress')?.seats.map((s) => s.holders[0]?.person.name)).toEqual(['Senator One', 'Senator Two'])
    expect(bodyOf('congress')?.unknown).toMatch(/district/)
    expect(bodyOf('state-executive')?.seats[0]?.holders[0]?.person.name).toBe('Governor')
    expect(bodyOf('state-legislature')?.offices).toEqual([senate])
  })

  it('ties the law in force to the level whose bodies can change it', () => {
    const hold = who.questions.find((q) => q.question === 'hold')!
    expect(hold.changedBy.map((c) => [c.level, c.law.map((p) => p.provision)])).toEqual([
      ['local', []],
      ['state', ['tx-sb4-hold']],
      ['federal', []],
    ])
    const g = who.questions.find((q) => q.question === 'agreement-287g')!
    expect(g.changedBy.find((c) => c.level === 'federal')?.law.map((p) => p.provision)).toEqual(['us-287g'])
  })

  it('says why a county government has no listed members, and lists a city only for a place', () => {
    expect(bodyOf('county-government')?.unknown).toMatch(/no member/)
    expect(bodyOf('city-government')).toBeUndefined()
  })

  it('for a city whose jail county is unknown, says so and lists no sheriff', () => {
    const city = whoDecides({ ...input, jurisdiction: { id: `${TX}/place:austin`, name: 'Austin, TX', level: 'place', stateName: 'Texas' }, jailCounty: { kind: 'unknown', reason: 'no file' } })
    expect(city.bodies.map((b) => b.key)).toEqual(['city-government', 'state-legislature', 'state-executive', 'congress'])
    expect(city.notes[0]).toMatch(/not known/)
    expect(city.questions[0]?.appliedBy).toEqual([])
  })

  it('lists an at-large representative with the senators', () => {
    const wy = 'ocd-division/country:us/state:wy'
    const who = whoDecides({ ...input, jurisdiction: { id: wy, name: 'Wyoming', level: 'state', stateName: 'Wyoming' }, jailCounty: { kind: 'not-applicable' }, seats: [seat('post:us-representative/wy/0', 'us-representative', wy, 'At Large')] })
    const congress = who.bodies.find((b) => b.key === 'congress')!
    expect(congress.seats).toHaveLength(1)
    expect(congress.unknown).toBeUndefined()
  })
})

const area = (zip: string, level: 'county' | 'place', geoid: string, name: string, division: string | undefined, landArea: number) => ({ kind: 'zip-area' as const, zip, level, geoid, name, ...(division ? { division } : {}), landArea, source })

describe('zipLookup', () => {
  it('decides a ZIP code inside one county', () => {
    const out = zipLookup('77002', [area('77002', 'county', '48201', 'Harris County, TX', HARRIS, 5), area('77002', 'place', '4835000', 'Houston city, TX', `${TX}/place:houston`, 5)])
    expect(out).toMatchObject({ kind: 'decided', jurisdiction: HARRIS, places: [{ name: 'Houston city, TX', landShare: 1 }] })
  })

  it('offers every county of a ZIP code that spans several, largest share first, and picks none', () => {
    const out = zipLookup('77447', [area('77447', 'county', '48473', 'Waller County, TX', `${TX}/county:waller`, 1), area('77447', 'county', '48201', 'Harris County, TX', HARRIS, 3)])
    expect(out.kind).toBe('choose')
    expect(out.kind === 'choose' && out.choices.map((c) => [c.name, c.landShare])).toEqual([
      ['Harris County, TX', 0.75],
      ['Waller County, TX', 0.25],
    ])
  })

  it('refuses a malformed or unlisted ZIP code naming the field', () => {
    expect(() => zipLookup('7700', [])).toThrow(expect.objectContaining({ code: 'invalid-input', location: { field: 'zip' } }))
    expect(() => zipLookup('00000', [])).toThrow(expect.objectContaining({ code: 'not-found', location: { field: 'zip' } }))
  })
})

describe('nameLookup', () => {
  const c = (jurisdiction: string, name: string) => ({ jurisdiction, name, level: 'county' as const, type: 'county', state: name.slice(-2), inRegistry: false, geoid: null, population: null })
  it('decides a resolved name and offers a choice for an ambiguous one', () => {
    expect(nameLookup({ kind: 'resolved', query: 'Harris County, TX', jurisdiction: c(HARRIS, 'Harris County, TX'), by: 'state', reason: '' })).toMatchObject({ kind: 'decided', jurisdiction: HARRIS })
    const ambiguous = { kind: 'ambiguous' as const, query: 'Harris County', candidates: [c('ga', 'Harris County, GA'), c(HARRIS, 'Harris County, TX')], reason: '2 places match' }
    expect(() => nameLookup(ambiguous)).toThrow(/ambiguous.*Harris County, GA; Harris County, TX/)
    expect(() => nameLookup(ambiguous)).toThrow(expect.objectContaining({ code: 'invalid-input', location: { field: 'q' }, candidates: [expect.objectContaining({ id: 'ga' }), expect.objectContaining({ id: HARRIS })] }))
    expect(() => nameLookup({ kind: 'unknown', query: 'Nowhere', suggestions: [], reason: 'no place' }, 'place')).toThrow(expect.objectContaining({ code: 'not-found', location: { field: 'place' } }))
    expect(() => nameLookup({ kind: 'unknown', query: ' ', suggestions: [], reason: '' })).toThrow(expect.objectContaining({ code: 'invalid-input' }))
  })
})
