import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseDay } from '../dates/index.ts'
import { buildRegistry, provisionInForce } from '../registry/index.ts'
import { agencyKey, countyKey, generate287g, matchIndex, matchRow, parseCsv, parseDirectory, parseSheet, parseSignedDate, placeNameOfAgency, reportTsv, sheetInfoFromName, unwrapLink, type MatchGazetteer } from './index.ts'

const PARTICIPATING = `STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE,SIGNED,MOA,ADDENDUM
ALABAMA,Cherokee County Sheriff's Office,County,Cherokee County,Warrant Service Officer,45833,link pending,
ALABAMA,Cherokee County Sheriff's Office,County,Cherokee County,Jail Enforcement Model,45700,link,
FLORIDA,City of Springfield Police Department,Municipality,#N/A,Task Force Model,45721,link,
FLORIDA,Florida Highway Patrol,State Agency,,Task Force Model,45700,link,
TEXAS,Lampass County Sheriff's Office,County,Lampass County,Warrant Service Officer,45800,,
TEXAS,Nowhere Airport Police Department,Municipality,#N/A,Task Force Model,45800,,
,,,,,,,
`
const OLDER = `STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE,SIGNED,MOA,,,
ALABAMA,Cherokee County Sheriff's Office,County,Cherokee County,Warrant Service Officer,2025-06-25 00:00:00,link pending,,,
TEXAS,Lampasas County Sheriff's Office,County,Lampasas County,Task Force Model,2025-05-01 00:00:00,link pending,,,
`
const PENDING = `STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE
TEXAS,Lampasas County Sheriff's Office,County,Lampasas County,Jail Enforcement Model
TEXAS,Atlantis Police Department,Municipality,#N/A,Task Force Model
`
const DIRECTORY = `date,state,county,zip,agency,agency_id,ori,type,population_policed,operating_budget,agency_type
2025-07-03 pm,ALABAMA,Cherokee County,35960,cherokee county sheriff,630100,AL0130000,Warrant Service Officer,26032,4000000,(001) Sheriff
2025-07-03 pm,FLORIDA,NA,32501,springfield police,1,FL0170300,Task Force Model,100,100,(003) Local Police
2025-07-03 pm,FLORIDA,NA,32501,florida of highway patrol,2,FL0000000,Task Force Model,100,100,(005) Primary State Police
`

const gazetteer: MatchGazetteer = {
  states: [
    { code: 'AL', name: 'Alabama', fips: '01', jurisdiction: 'ocd-division/country:us/state:al', level: 'state' },
    { code: 'FL', name: 'Florida', fips: '12', jurisdiction: 'ocd-division/country:us/state:fl', level: 'state' },
    { code: 'TX', name: 'Texas', fips: '48', jurisdiction: 'ocd-division/country:us/state:tx', level: 'state' },
  ],
  counties: [
    { geoid: '01019', name: 'Cherokee', state: 'AL', jurisdiction: 'ocd-division/country:us/state:al/county:cherokee', label: 'Cherokee County, AL', cityNames: [] },
    { geoid: '12033', name: 'Escambia', state: 'FL', jurisdiction: 'ocd-division/country:us/state:fl/county:escambia', label: 'Escambia County, FL', cityNames: [] },
    { geoid: '12091', name: 'Okaloosa', state: 'FL', jurisdiction: 'ocd-division/country:us/state:fl/county:okaloosa', label: 'Okaloosa County, FL', cityNames: [] },
    { geoid: '48281', name: 'Lampasas', state: 'TX', jurisdiction: 'ocd-division/country:us/state:tx/county:lampasas', label: 'Lampasas County, TX', cityNames: [] },
  ],
  places: [
    { geoid: '1200001', name: 'Springfield', state: 'FL', jurisdiction: 'ocd-division/country:us/state:fl/place:springfield', countyGeoid: '12033', population: 10 },
    { geoid: '1200002', name: 'Springfield', state: 'FL', jurisdiction: 'ocd-division/country:us/state:fl/place:springfield~2', countyGeoid: '12091', population: 20 },
  ],
  zipPlaces: new Map([['32501', ['1200001']]]),
  zipCounties: new Map([['35960', ['01019']]]),
}

const sheet = (name: string, text: string, links = new Map<number, string>()) => parseSheet(text, { ...sheetInfoFromName(name, `https://example.org/archive/${name}`)!, file: name }, links)

function run() {
  const latest = sheet('participatingAgencies07182025pm.csv', PARTICIPATING, new Map([[4, 'https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA%2Fx.pdf&data=1']]))
  return generate287g({
    participating: [...latest, ...sheet('participatingAgencies05162025am.csv', OLDER)],
    pending: sheet('pendingAgencies07182025pm.csv', PENDING),
    directory: parseDirectory(DIRECTORY),
    directoryUrl: 'https://example.org/archive/agreements.csv',
    index: matchIndex(gazetteer),
    geoidQuote: (g) => (g === '01019' ? { url: 'https://example.org/geo', quote: '01019,161535,Cherokee County,Cherokee,AL' } : undefined),
  })
}

describe('parsing the sheets', () => {
  it('reads quoted cells with line breaks and commas', () => {
    expect(parseCsv('a,"b\n c, d"\n1,2\n')).toEqual([
      { line: 1, cells: ['a', 'b\n c, d'] },
      { line: 3, cells: ['1', '2'] },
    ])
  })
  it('turns Excel serial days and timestamps into dates', () => {
    expect(parseSignedDate('45833')).toBe('2025-06-25')
    expect(parseSignedDate('2025-05-08 00:00:00')).toBe('2025-05-08')
    expect(parseSignedDate('5/8/2025')).toBe('2025-05-08')
    expect(parseSignedDate('soon')).toBeNull()
  })
  it('reads the day and list from the file name', () => {
    expect(sheetInfoFromName('pendingAgencies07182025pm.csv', null)).toMatchObject({ list: 'pending', date: '2025-07-18', edition: 'pm' })
    expect(sheetInfoFromName('notes.csv', null)).toBeNull()
  })
  it('skips blank rows, keeps the spreadsheet row number and unwraps safe links', () => {
    const rows = sheet('participatingAgencies07182025pm.csv', PARTICIPATING, new Map([[3, 'https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fa.pdf&data=x']]))
    expect(rows).toHaveLength(6)
    expect(rows[1]).toMatchObject({ sheetRow: 3, model: 'jail-enforcement', moa: 'https://www.ice.gov/a.pdf' })
    expect(unwrapLink('https://www.ice.gov/b.pdf')).toBe('https://www.ice.gov/b.pdf')
  })
  it('names the file and column when a column is missing', () => {
    expect(() => sheet('participatingAgencies07182025pm.csv', 'STATE,AGENCY\nALABAMA,X\n')).toThrow(/participatingAgencies07182025pm\.csv.*LAW ENFORCEMENT AGENCY|LAW ENFORCEMENT AGENCY/)
  })
})

describe('matching an agency to its jurisdiction', () => {
  const index = matchIndex(gazetteer)
  it('normalises names', () => {
    expect(agencyKey("Colbert County Sheriff's Office")).toBe('colbert county sheriff')
    expect(countyKey('DeKalb County')).toBe(countyKey('De Kalb'))
    expect(placeNameOfAgency('City of Boca Raton Police Services Department')).toBe('Boca Raton')
  })
  it('a sheriff by county, a state agency by state, a police department by place and ZIP', () => {
    expect(matchRow(index, { state: 'ALABAMA', agency: "Cherokee County Sheriff's Office", agencyType: 'County', county: 'Cherokee County' }, undefined)).toMatchObject({ kind: 'matched', level: 'county', by: 'county-name' })
    expect(matchRow(index, { state: 'FLORIDA', agency: 'Florida Highway Patrol', agencyType: 'State Agency', county: null }, undefined)).toMatchObject({ level: 'state', jurisdiction: 'ocd-division/country:us/state:fl' })
    const zip = parseDirectory(DIRECTORY)[1]
    expect(matchRow(index, { state: 'FLORIDA', agency: 'Springfield Police Department', agencyType: 'Municipality', county: null }, zip)).toMatchObject({ geoid: '1200001', by: 'place-zip' })
  })
  it('leaves two places of one name unmatched without a ZIP code, and says why', () => {
    const m = matchRow(index, { state: 'FLORIDA', agency: 'Springfield Police Department', agencyType: 'Municipality', county: null }, undefined)
    expect(m).toMatchObject({ kind: 'unmatched' })
    expect((m as { reason: string }).reason).toMatch(/2 places/)
  })
  it('reads a misspelt county within two letters when only one county is that close', () => {
    expect(matchRow(index, { state: 'TEXAS', agency: "Lampass County Sheriff's Office", agencyType: 'County', county: 'Lampass County' }, undefined)).toMatchObject({ by: 'county-name-fuzzy', geoid: '48281' })
  })
})

describe('generating registry files', () => {
  it('one enactment per agreement, attached to the signer, every other row reported', () => {
    const r = run()
    expect(r.asOf).toBe('2025-07-18')
    expect(r.counts).toMatchObject({ agreements: 7, current: 6, matched: 6, unmatched: 1, pending: 2, pendingUnmatched: 1 })
    expect(r.files.map((f) => f.path)).toEqual(['us/state-al/county-cherokee.287g.yaml', 'us/state-fl.287g.yaml', 'us/state-fl/place-springfield.287g.yaml', 'us/state-tx/county-lampasas.287g.yaml'])
    const statuses = r.report.map((l) => `${l.status}:${l.agency}`)
    expect(statuses).toContain('unmatched:Nowhere Airport Police Department')
    expect(statuses).toContain('pending-unmatched:Atlantis Police Department')
    expect(statuses).toContain("no-longer-listed:Lampasas County Sheriff's Office")
    expect(statuses).toContain("fuzzy-match:Lampass County Sheriff's Office")
    expect(reportTsv(r).split('\n')[2]).toBe('status\tsheet\tline\tstate\tagency\tagencyType\tcounty\tmodel\tsigned\tdetail')
  })
  it('writes the model, signed date, ORI, MOA link and the sheet row as the source', () => {
    const r = run()
    const al = parse(r.files[0]!.text)
    expect(al).toMatchObject({ id: 'ocd-division/country:us/state:al/county:cherokee', generated: true, level: 'county', geoid: { code: '01019' } })
    const jem = al.enactments.find((e: { id: string }) => e.id.endsWith('-jem'))
    expect(jem).toMatchObject({ kind: 'agreement', enacted: '2025-02-12', effective: '2025-02-12' })
    expect(jem.sources[0]).toMatchObject({ url: 'https://www.ice.gov/identify-and-arrest/287g', quote: "ALABAMA | Cherokee County Sheriff's Office | County | Cherokee County | Jail Enforcement Model | 2025-02-12" })
    expect(jem.provisions.map((p: { action: string }) => p.action)).toEqual(['agreement-287g', 'interview-access'])
    const wso = al.enactments.find((e: { id: string }) => e.id.endsWith('-wso'))
    expect(wso.notes.join(' ')).toMatch(/AL0130000/)
    expect(wso.provisions.map((p: { action: string }) => p.action)).toEqual(['agreement-287g'])
    const springfield = parse(r.files[2]!.text)
    expect(springfield.enactments[0].notes.join(' ')).toMatch(/https:\/\/www\.ice\.gov\/doclib\/287gMOA\/x\.pdf/)
    const lampasas = parse(r.files[3]!.text)
    expect(lampasas.notes[0]).toMatch(/pending/)
    expect(lampasas.enactments.find((e: { id: string }) => e.id.endsWith('-tfm')).ends).toMatchObject({ unknown: expect.stringMatching(/2025-07-18/) })
  })
  it('is deterministic: the same input gives the same bytes', () => {
    expect(run().files).toEqual(run().files)
  })
  it('builds with the registry: merged into a hand-written file, alone where there is none', () => {
    const r = run()
    const us = `id: ocd-division/country:us\nname: United States\nlevel: country\ngeoid: { unknown: not needed }\nconfidence: high\nenactments: []\n`
    const fl = `id: ocd-division/country:us/state:fl\nname: Florida\nlevel: state\ngeoid: { unknown: not needed }\nconfidence: high\nenactments: []\nnotes: [Hand-written.]\n`
    const built = buildRegistry([{ path: 'us.yaml', text: us }, { path: 'us/state-fl.yaml', text: fl }, ...r.files])
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const florida = built.registry!.jurisdictions.get('ocd-division/country:us/state:fl')!
    expect(florida.origin.file).toBe('us/state-fl.yaml')
    expect(florida.enactments.map((e) => e.id)).toEqual(['fl-287g-florida-highway-patrol-tfm'])
    expect(built.registry!.jurisdictions.get('ocd-division/country:us/state:al/county:cherokee')!.enactments).toHaveLength(2)
  })
  it('rejects a generated file that does not say so', () => {
    const text = run().files[0]!.text.replace(/\s*"generated": true,/, '')
    const built = buildRegistry([{ path: 'us/state-al/county-cherokee.287g.yaml', text }])
    const error = built.diagnostics.find((d) => d.severity === 'error' && /generated: true/.test(d.message))
    expect(error?.line).toBe(2) // located through the lazy YAML locator, though the file was read as JSON
  })
  it('an agreement the newest list drops has an unknown end, bounded by the last list that shows it', () => {
    const r = run()
    const built = buildRegistry(r.files)
    const e = built.registry!.enactments.get('tx-287g-lampasas-county-sheriff-tfm')!
    expect(e.inForceBy?.date).toMatchObject({ text: '2025-05-16' })
    const p = e.provisions[0]!
    expect(provisionInForce(p, e, parseDay('2025-04-30')!).kind).toBe('no')
    expect(provisionInForce(p, e, parseDay('2025-05-16')!).kind).toBe('yes')
    expect(provisionInForce(p, e, parseDay('2025-05-17')!)).toMatchObject({ kind: 'unknown', missing: ['end date of tx-287g-lampasas-county-sheriff-tfm'] })
  })
})
