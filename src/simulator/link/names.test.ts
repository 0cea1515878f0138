import { describe, expect, it } from 'vitest'
import { classifyCustody, countyNameCandidates, extractStateHint, isCustodyLandmark, normalizeName, stripOfficePrefix } from './names.ts'

describe('normalizeName', () => {
  it('folds case, accents, punctuation and abbreviations', () => {
    expect(normalizeName("Lubbock County Sheriff's Office")).toBe('LUBBOCK COUNTY SHERIFFS OFFICE')
    expect(normalizeName('MONTGOMERY CNTY JAIL, PA')).toBe('MONTGOMERY COUNTY JAIL PA')
    expect(normalizeName('Doña Ana')).toBe('DONA ANA')
    expect(normalizeName('St. Louis')).toBe(normalizeName('Saint Louis'))
    expect(normalizeName('GARDENA POLICE DEPT.')).toBe('GARDENA POLICE DEPARTMENT')
  })
})

describe('extractStateHint', () => {
  it.each([
    ['HARRIS COUNTY JAIL, HOUSTON, TX', 'tx', 'HARRIS COUNTY JAIL, HOUSTON'],
    ['SAN QUENTIN STATE PRISON (MAIN) - CA', 'ca', 'SAN QUENTIN STATE PRISON (MAIN)'],
    ['VENTURA COUNTY JAIL, VENTURA CA', 'ca', 'VENTURA COUNTY JAIL, VENTURA'],
    ['HIDALGO COUNTY JAIL, EDINBURG, TXN - TX1080000', 'tx', 'HIDALGO COUNTY JAIL, EDINBURG, TXN'],
    ['TRAVIS COUNTY JAIL, AUSTIN, TEXAS - TX2270000', 'tx', 'TRAVIS COUNTY JAIL, AUSTIN'],
    ['CAP - QUEENS CENTRAL BOOKING NY State', 'ny', 'CAP - QUEENS CENTRAL BOOKING'],
    ['POLK COUNTY IOWA', 'ia', 'POLK COUNTY'],
    ['TEXAS DEPT OF CRIMINAL JUSTICE, WALKER CO', 'tx', 'TEXAS DEPT OF CRIMINAL JUSTICE, WALKER CO'],
    ['TRAVIS CO', undefined, 'TRAVIS CO'],
    ['DENVER, CO', 'co', 'DENVER'],
    ['WASHINGTON COUNTY JAIL', undefined, 'WASHINGTON COUNTY JAIL'],
    ['ARKANSAS', undefined, 'ARKANSAS'],
  ])('%s', (text, state, rest) => {
    expect(extractStateHint(text)).toEqual({ state, rest })
  })
  it('drops conflicting hints', () => {
    expect(extractStateHint('TEXAS DEPT OF CORRECTIONS, CA').state).toBeUndefined()
  })
})

describe('countyNameCandidates', () => {
  it('offers the words before each county word, longest first', () => {
    expect(countyNameCandidates('SAN LUIS OBISPO COUNTY JAIL')).toEqual(['SAN LUIS OBISPO', 'LUIS OBISPO', 'OBISPO'])
    expect(countyNameCandidates('DELAWARE CO JAIL')).toEqual(['DELAWARE'])
    expect(countyNameCandidates('ORLEANS PARISH PRISON')).toEqual(['ORLEANS'])
    expect(countyNameCandidates('SHERIFFS OFFICE COUNTY')).toEqual([])
    expect(countyNameCandidates('SC INTEROPERABILITY LAFO')).toEqual([])
  })
})

describe('stripOfficePrefix and isCustodyLandmark', () => {
  it('drops ICE office prefixes', () => {
    expect(stripOfficePrefix('TAM-HILLSBOROUGH COUNTY JAIL')).toBe('HILLSBOROUGH COUNTY JAIL')
    expect(stripOfficePrefix('DOC CAP: LEXINGTON AREA RECEPTION CENTER')).toBe('LEXINGTON AREA RECEPTION CENTER')
    expect(stripOfficePrefix('SANTA CLARA COUNTY JAIL')).toBe('SANTA CLARA COUNTY JAIL')
  })
  it('tells custody places from offices and areas', () => {
    expect(isCustodyLandmark('DELANO CCF')).toBe(true)
    expect(isCustodyLandmark('WSM GENERAL AREA NON SPECIFIC')).toBe(false)
    expect(isCustodyLandmark('SC INTEROPERABILITY LAFO')).toBe(false)
    expect(isCustodyLandmark('ATLANTA')).toBe(false)
  })
})

describe('classifyCustody', () => {
  it.each([
    ['HARRIS COUNTY JAIL, HOUSTON, TX', 'county-jail'],
    ['ORLEANS PARISH PRISON', 'county-jail'],
    ['DELAWARE CO JAIL', 'county-jail'],
    ["LUBBOCK COUNTY SHERIFF'S OFFICE", 'county-jail'],
    ['WASCO STATE PRISON', 'state-prison'],
    ['CAMPHILL SCI, PA', 'state-prison'],
    ['TEXAS DEPT OF CRIMINAL JUSTICE, WALKER CO', 'state-prison'],
    ['AURORA CITY JAIL', 'city-jail'],
    ['PHILADELPHIA 1ST POLICE DIST.', 'city-jail'],
    ['TAFT FEDERAL CORRECTIONAL INSTITUTION', 'federal'],
    ['USP CANAAN', 'federal'],
    ['US MARSHALS, E.DIST.PA', 'federal'],
    ['SC INTEROPERABILITY LAFO', null],
    ['', null],
  ] as const)('%s → %s', (name, custody) => {
    expect(classifyCustody(name)).toBe(custody)
  })
})
