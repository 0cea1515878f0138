import { describe, expect, it } from 'vitest'
import { isIsoDate, validateRecord, type DetainerRecord } from './record.ts'
import { fileStem, parseDateWithFormat, parseDetainerForm, parseSourceDate, stateCode } from './values.ts'

describe('parseSourceDate', () => {
  it('reads ISO dates, timestamps and U.S. dates', () => {
    expect(parseSourceDate('2024-03-07 00:00:00')).toBe('2024-03-07')
    expect(parseSourceDate('2024-03-07T12:30:00Z')).toBe('2024-03-07')
    expect(parseSourceDate('10/1/2015')).toBe('2015-10-01')
    expect(parseSourceDate('2/29/2016')).toBe('2016-02-29')
  })
  it('gives null for blanks and undefined for malformed or impossible dates', () => {
    expect(parseSourceDate('')).toBeNull()
    expect(parseSourceDate('NA')).toBeNull()
    expect(parseSourceDate('2/29/2017')).toBeUndefined()
    expect(parseSourceDate('13/45/2015')).toBeUndefined()
    expect(parseSourceDate('yesterday')).toBeUndefined()
  })
})

describe('parseDateWithFormat', () => {
  it('follows the format, and only it', () => {
    expect(parseDateWithFormat('03/07/2024', 'MM/DD/YYYY')).toBe('2024-03-07')
    expect(parseDateWithFormat('7.3.2024', 'D.M.YYYY')).toBe('2024-03-07')
    expect(parseDateWithFormat('2024-03-07', 'MM/DD/YYYY')).toBeUndefined()
    expect(parseDateWithFormat('', 'MM/DD/YYYY')).toBeNull()
  })
})

describe('stateCode', () => {
  it('accepts names and codes in any case', () => {
    expect(stateCode('PENNSYLVANIA')).toBe('pa')
    expect(stateCode('District of Columbia')).toBe('dc')
    expect(stateCode('tx')).toBe('tx')
    expect(stateCode('')).toBeNull()
    expect(stateCode('XX')).toBeUndefined()
  })
})

describe('parseDetainerForm', () => {
  it('reads the ways ICE writes the form', () => {
    expect(parseDetainerForm('I247A - Immigration Detainer - Immigration Detainer - Notice of Action')).toBe('I-247A')
    expect(parseDetainerForm('I247D - Immigration Detainer - Request for Action')).toBe('I-247D')
    expect(parseDetainerForm('I247N - Immigration Advisal - Request for Notification')).toBe('I-247N')
    expect(parseDetainerForm('I247 - Immigration Detainer - Notice of Action (prior to March 2013)')).toBe('I-247')
    expect(parseDetainerForm('I-247X')).toBe('I-247X')
    expect(parseDetainerForm('')).toBeNull()
    expect(parseDetainerForm('I-247Q')).toBeUndefined()
    expect(parseDetainerForm('I-2470')).toBeUndefined()
  })
})

describe('fileStem and isIsoDate', () => {
  it('strips folders and data extensions', () => {
    expect(fileStem('/a/b/EROEncounters_FY2016.csv.gz')).toBe('EROEncounters_FY2016')
    expect(fileStem('detainers-latest.parquet')).toBe('detainers-latest')
  })
  it('checks real calendar dates', () => {
    expect(isIsoDate('2016-02-29')).toBe(true)
    expect(isIsoDate('2019-02-29')).toBe(false)
  })
})

describe('validateRecord', () => {
  const base: DetainerRecord = {
    source: 'x', source_line: 2, record_id: 'x:2', event_date: '2020-01-01', state: 'pa', county_geoid: '42091', place_geoid: null,
    facility_code: null, facility_name: null, link_method: 'county-name', detainer_form: 'I-247A', custody: 'county-jail',
    conviction_status: 'convicted', conviction_category: 'dui', conviction_level: null, charge_status: null, charge_category: null,
    charge_level: null, practice_outcome: 'declined-by-lea',
  }
  it('accepts a valid record', () => expect(validateRecord(base)).toEqual([]))
  it('names each field that breaks the contract', () => {
    expect(validateRecord({ ...base, state: 'PA', county_geoid: '4209', custody: 'jail' as never, link_method: 'landmark', event_date: '2019-02-30' })).toEqual([
      'event_date: must be a real date YYYY-MM-DD',
      'state: must be a two-letter lower-case code',
      'county_geoid: must be 5 digits',
      'custody: must be one of county-jail, city-jail, state-prison',
    ])
    expect(validateRecord({ ...base, county_geoid: null })).toContain('link_method: a linked record needs a county_geoid')
  })
})
