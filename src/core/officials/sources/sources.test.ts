import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { congressRecords } from './congress.ts'
import { governingBodies } from './governing-bodies.ts'
import { hifldCollector, titleCase } from './hifld.ts'
import { openStatesLine } from './openstates.ts'
import { zctaArea } from './zcta.ts'

const LEGISLATORS = `
- id: { bioguide: C000001, govtrack: 1 }
  name: { first: Ana, last: Cruz, official_full: Ana Cruz }
  terms:
  - { type: rep, start: '2013-01-03', end: '2015-01-03', state: TX, district: 7, party: Democrat }
  - { type: sen, start: '2025-01-03', end: '2031-01-03', state: TX, class: 1, party: Republican, phone: 202-224-5922, contact_form: https://example.senate.gov/contact, url: https://example.senate.gov }
- id: { bioguide: D000002 }
  name: { first: Bo, last: Dale }
  terms:
  - { type: rep, start: '2025-01-03', end: '2027-01-03', state: AK, district: 0, party: Republican }
- id: { govtrack: 3 }
  name: { first: No, last: Bioguide }
  terms: []
`
const OFFICES = `
- id: { bioguide: C000001 }
  offices:
  - { id: C000001-houston, address: 5300 Memorial Dr., suite: Suite 980, city: Houston, state: TX, zip: '77007', phone: 713-718-3057 }
`

describe('congress-legislators', () => {
  const { records, problems } = congressRecords({ legislators: parse(LEGISLATORS), offices: parse(OFFICES), version: 'abc', legislatorLine: (i) => [2, 8, 12][i] })

  it('makes a post, a person and a membership for each current term', () => {
    const posts = records.filter((r) => r.kind === 'post')
    expect(posts.map((p) => [p.id, p.division, p.label])).toEqual([
      ['post:us-senator/tx/1', 'ocd-division/country:us/state:tx', 'U.S. Senator for Texas (class 1)'],
      ['post:us-representative/ak/0', 'ocd-division/country:us/state:ak', 'U.S. Representative for Alaska (at large)'],
    ])
    const ana = records.find((r) => r.kind === 'person' && r.id === 'bioguide:C000001')
    expect(ana).toMatchObject({ name: 'Ana Cruz', party: 'Republican', source: { dataset: 'congress-legislators', version: 'abc', line: 2 } })
    expect(ana?.kind === 'person' && ana.contacts).toEqual([
      { kind: 'phone', value: '202-224-5922', label: 'Washington office' },
      { kind: 'webform', value: 'https://example.senate.gov/contact' },
      { kind: 'website', value: 'https://example.senate.gov' },
      { kind: 'phone', value: '713-718-3057', label: 'District office (Houston)' },
      { kind: 'address', value: '5300 Memorial Dr., Suite 980, Houston, TX 77007', label: 'District office (Houston)' },
    ])
    expect(records.filter((r) => r.kind === 'membership').map((m) => m.id)).toEqual(['bioguide:C000001@post:us-senator/tx/1#2025-01-03', 'bioguide:D000002@post:us-representative/ak/0#2025-01-03'])
  })

  it('reports an entry it cannot use, with its line', () => {
    expect(problems).toEqual([{ kind: 'row-problem', dataset: 'congress-legislators', file: 'legislators-current.yaml', line: 12, message: 'entry without id.bioguide or a name' }])
  })
})

const governor = JSON.stringify({
  id: 'ocd-person/00000000-0000-4000-8000-000000000001',
  name: 'Greg Roe',
  party: [{ name: 'Republican' }],
  roles: [
    { type: 'governor', start_date: '2015-01-20', end_date: '2027-01-19', jurisdiction: 'ocd-jurisdiction/country:us/state:tx/government' },
    { type: 'attorney general', start_date: '2003-01-01', jurisdiction: 'ocd-jurisdiction/country:us/state:tx/government' },
    { type: 'upper', district: '3', start_date: '1999-01-01', end_date: '2003-01-01', jurisdiction: 'ocd-jurisdiction/country:us/state:tx/government' },
  ],
  offices: [{ classification: 'capitol', address: 'P.O. Box 12428; ; Austin, TX 78711', voice: '512-463-2000' }],
  links: [{ url: 'https://gov.texas.gov/contact', note: 'webform' }],
  _state: 'tx',
  _path: 'data/tx/executive/Greg-Roe.yml',
})

describe('openstates-people', () => {
  it('keeps the roles in force on the import date', () => {
    const out = openStatesLine(governor, 4, 'def', '2026-12-05')
    expect(out.kind).toBe('records')
    if (out.kind !== 'records') return
    expect(out.skippedRoles).toBe(2)
    expect(out.records.map((r) => `${r.kind}:${r.id}`)).toEqual([
      'person:ocd-person/00000000-0000-4000-8000-000000000001',
      'organization:state-executive:tx',
      'post:post:governor/tx',
      'membership:ocd-person/00000000-0000-4000-8000-000000000001@post:governor/tx#2015-01-20',
    ])
    expect(out.records[0]).toMatchObject({ party: 'Republican', contacts: [{ kind: 'phone', value: '512-463-2000', label: 'Capitol office' }, { kind: 'address', value: 'P.O. Box 12428, Austin, TX 78711' }, { kind: 'webform' }] })
    expect(out.records[2]).toMatchObject({ label: 'Governor of Texas', division: 'ocd-division/country:us/state:tx' })
  })

  it('maps legislators to their district divisions and mayors to their place', () => {
    const rep = openStatesLine(JSON.stringify({ id: 'ocd-person/00000000-0000-4000-8000-000000000002', name: 'A', roles: [{ type: 'lower', district: '134', jurisdiction: 'ocd-jurisdiction/country:us/state:tx/government' }], _state: 'tx' }), 1, 'v', '2026-12-05')
    const mayor = openStatesLine(JSON.stringify({ id: 'ocd-person/00000000-0000-4000-8000-000000000003', name: 'B', roles: [{ type: 'mayor', jurisdiction: 'ocd-jurisdiction/country:us/state:tx/place:houston/government' }], _state: 'tx' }), 2, 'v', '2026-12-05')
    const post = (o: ReturnType<typeof openStatesLine>) => (o.kind === 'records' ? o.records.find((r) => r.kind === 'post') : undefined)
    expect(post(rep)).toMatchObject({ id: 'post:state-representative/tx/134', division: 'ocd-division/country:us/state:tx/sldl:134', label: 'Texas House, district 134' })
    expect(post(mayor)).toMatchObject({ id: 'post:mayor/ocd-division/country:us/state:tx/place:houston', division: 'ocd-division/country:us/state:tx/place:houston' })
  })

  it('reports a line it cannot read', () => {
    expect(openStatesLine('{"id": ', 9, 'v', '2026-12-05')).toMatchObject({ kind: 'problem', problem: { line: 9, file: 'openstates_current_people.jsonl' } })
    expect(openStatesLine('{"id": "x", "name": "Y"}', 10, 'v', '2026-12-05')).toMatchObject({ kind: 'problem', problem: { message: 'no ocd-person id' } })
  })
})

const row = (over: Record<string, string>) => ({ ID: '1', NAME: 'HARRIS COUNTY SHERIFFS OFFICE', ADDRESS: '1200 BAKER STREET', CITY: 'HOUSTON', STATE: 'TX', ZIP: '77002', TELEPHONE: '(713) 755-6044', TYPE: "SHERIFF'S OFFICE", STATUS: 'OPEN', COUNTYFIPS: '48201', WEBSITE: 'NOT AVAILABLE', CSLLEA08ID: '-999', FTSWORN: '-999', ...over })

describe('hifld-law-enforcement', () => {
  const harris = { division: 'ocd-division/country:us/state:tx/county:harris', label: 'Harris County, TX' }
  const collector = () => hifldCollector('48ee1e4', (geoid) => (geoid === '48201' ? harris : undefined))

  it('attaches the sheriff post to the principal office (a census agency, then the most sworn officers)', () => {
    const h = collector()
    h.add(row({ ID: '2', NAME: 'HARRIS COUNTY SHERIFFS OFFICE DIVISION 2 - HUMBLE', TELEPHONE: '(281) 446-9155' }), 2)
    h.add(row({ ID: '1', CSLLEA08ID: '11414020', FTSWORN: '2558' }), 3)
    h.add(row({ ID: '3', NAME: 'HOUSTON POLICE DEPARTMENT', TYPE: 'LOCAL POLICE DEPARTMENT' }), 4)
    h.add(row({ ID: '4', TYPE: 'PRIMARY STATE AGENCY' }), 5)
    const { records, problems, skipped } = h.finish()
    expect(problems).toEqual([])
    expect(skipped).toBe(1)
    const post = records.find((r) => r.kind === 'post')
    expect(post).toMatchObject({ id: `post:sheriff/${harris.division}`, organizationId: 'hifld:1', label: 'Sheriff of Harris County, TX', holderUnknownReason: expect.any(String) })
    expect(records.find((r) => r.id === 'hifld:1')).toMatchObject({ name: 'Harris County Sheriffs Office', classification: 'sheriff-office', contacts: [{ kind: 'phone', value: '(713) 755-6044' }, { kind: 'address', value: '1200 Baker Street, Houston, TX 77002' }] })
    expect(records.find((r) => r.id === 'hifld:3')).toMatchObject({ classification: 'police-department', division: harris.division })
  })

  it('counts rows it cannot place', () => {
    const h = collector()
    h.add(row({ COUNTYFIPS: '99999' }), 7)
    h.add(row({ COUNTYFIPS: 'NOT AVAILABLE' }), 8)
    h.add(row({ NAME: '' }), 9)
    expect(h.finish().problems.map((p) => p.line)).toEqual([7, 8, 9])
  })

  it('title-cases the upper-case source', () => {
    expect(titleCase("PRINCE GEORGE'S COUNTY SHERIFF / JAIL")).toBe("Prince George's County Sheriff / Jail")
  })
})

describe('ZCTA relationship files', () => {
  const areaOf = (g: string) => (g === '48201' ? { name: 'Harris County, TX', division: 'ocd-division/country:us/state:tx/county:harris' } : undefined)
  it('turns a row into a ZIP area, drops water-only overlaps and reports bad rows', () => {
    expect(zctaArea('county', { ZCTA5: '77002', 'County GEOID': '48201', 'Land Area': '4.8' }, 2, 'v', areaOf)).toMatchObject({ kind: 'zip-area', zip: '77002', geoid: '48201', landArea: 4.8, division: 'ocd-division/country:us/state:tx/county:harris' })
    expect(zctaArea('county', { ZCTA5: '77002', 'County GEOID': '48201', 'Land Area': '0' }, 3, 'v', areaOf)).toBeUndefined()
    expect(zctaArea('county', { ZCTA5: '7700', 'County GEOID': '48201', 'Land Area': '1' }, 4, 'v', areaOf)).toMatchObject({ kind: 'row-problem', line: 4 })
    expect(zctaArea('county', { ZCTA5: '77002', 'County GEOID': '99999', 'Land Area': '1' }, 5, 'v', areaOf)).toMatchObject({ kind: 'row-problem', line: 5 })
  })
})

describe('governing bodies from the gazetteer', () => {
  it('gives every county a governing-body post with the reason its members are unknown', () => {
    const records = governingBodies([{ division: 'ocd-division/country:us/state:tx/county:harris', label: 'Harris County, TX', level: 'county' }], 'us-atlas 3.0.1')
    expect(records.map((r) => r.id)).toEqual(['county-board:ocd-division/country:us/state:tx/county:harris', 'post:county-board-member/ocd-division/country:us/state:tx/county:harris'])
    expect(records[1]).toMatchObject({ holderUnknownReason: expect.stringContaining('no public dataset') })
  })
})
