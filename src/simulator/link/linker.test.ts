import { describe, expect, it } from 'vitest'
import { Linker, recordCustody, type CrosswalkTables } from './linker.ts'

const tables: CrosswalkTables = {
  counties: [
    { geoid: '48201', name: 'Harris County', shortName: 'Harris', state: 'tx' },
    { geoid: '48471', name: 'Walker County', shortName: 'Walker', state: 'tx' },
    { geoid: '34013', name: 'Essex County', shortName: 'Essex', state: 'nj' },
    { geoid: '25009', name: 'Essex County', shortName: 'Essex', state: 'ma' },
    { geoid: '42017', name: 'Bucks County', shortName: 'Bucks', state: 'pa' },
    { geoid: '42091', name: 'Montgomery County', shortName: 'Montgomery', state: 'pa' },
    { geoid: '51760', name: 'City of Richmond', shortName: 'Richmond (city)', state: 'va' },
    { geoid: '51159', name: 'Richmond County', shortName: 'Richmond', state: 'va' },
    { geoid: '06029', name: 'Kern County', shortName: 'Kern', state: 'ca' },
  ],
  places: [
    { geoid: '4835000', shortName: 'Houston', state: 'tx', countyGeoid: '48201', fipsClass: 'C1' },
    { geoid: '4254656', shortName: 'Norristown', state: 'pa', countyGeoid: '42091', fipsClass: 'C5' },
    { geoid: '0618394', shortName: 'Delano', state: 'ca', countyGeoid: '06029', fipsClass: 'C1' },
    { geoid: '0699901', shortName: 'Twin', state: 'ca', countyGeoid: '06029', fipsClass: 'U1' },
    { geoid: '0699902', shortName: 'Twin', state: 'ca', countyGeoid: '06029', fipsClass: 'U1' },
  ],
  placeCounties: [{ placeGeoid: '4835000', countyGeoid: '48201' }],
  facilities: [
    { code: 'ZZHARTX', name: 'EXAMPLE HARRIS JAIL', city: 'HOUSTON', state: 'TX', type: 'IGSA' },
    { code: 'ZZWALTX', name: 'EXAMPLE WALKER UNIT', countyName: 'WALKER ', state: 'TX', type: 'STATE PRISON' },
    { code: 'ZZNOPLC', name: 'EXAMPLE NOWHERE', city: 'NOWHERE', state: 'TX' },
  ],
  jails: [
    { name: 'EXAMPLE VALLEY PROCESSING CENTER', city: 'NORRISTOWN', state: 'PA', countyFips: '42017', type: 'FEDERAL' },
    { name: 'EXAMPLE STATE PRISON (SQ)', city: 'DELANO', state: 'CA', countyFips: '06029', type: 'STATE' },
    { name: 'EXAMPLE OLD COUNTY PRISON', city: 'DELANO', state: 'CA', countyFips: '09001', type: 'COUNTY' },
  ],
  agencies: [{ name: 'GARDENA POLICE DEPARTMENT', city: 'GARDENA', state: 'CA', countyFips: '06029', type: 'LOCAL POLICE DEPARTMENT' }],
  aorStates: [
    { aor: 'HOU', state: 'tx' },
    { aor: 'TST', state: 'nj' },
    { aor: 'TST', state: 'ma' },
    { aor: 'TST', state: 'pa' },
    { aor: 'SFR', state: 'ca' },
  ],
  aorCodes: [
    { name: 'Houston', code: 'HOU' },
    { name: 'Test', code: 'TST' },
    { name: 'San Francisco', code: 'SFR' },
  ],
}
const linker = new Linker(tables)

describe('Linker', () => {
  it('links a DETLOC code through the facility city or county', () => {
    expect(linker.link({ facilityCode: 'zzhartx' })).toMatchObject({ method: 'facility-code', state: 'tx', countyGeoid: '48201', placeGeoid: '4835000', facilityName: 'EXAMPLE HARRIS JAIL' })
    expect(linker.link({ facilityCode: 'ZZWALTX' })).toMatchObject({ method: 'facility-code', countyGeoid: '48471', custody: 'state-prison' })
    expect(linker.link({ facilityCode: 'ZZNOPLC' }).method).toBe('unlinked')
  })
  it('does not trust a code whose crosswalk state contradicts the record', () => {
    expect(linker.link({ facilityCode: 'ZZHARTX', state: 'ca' }).method).toBe('unlinked')
  })
  it('links a county named in a landmark inside the AOR states', () => {
    expect(linker.link({ facilityName: 'HARRIS COUNTY JAIL, HOUSTON, TX', aor: 'Houston Area of Responsibility' })).toMatchObject({ method: 'county-name', state: 'tx', countyGeoid: '48201' })
    expect(linker.link({ facilityName: 'TEXAS DEPT OF CRIMINAL JUSTICE, WALKER CO' })).toMatchObject({ method: 'county-name', countyGeoid: '48471' })
    expect(linker.link({ facilityName: 'MONTGOMERY CNTY JAIL, PA', city: 'NORRISTOWN', state: 'pa' })).toMatchObject({ method: 'county-name', countyGeoid: '42091', placeGeoid: '4254656' })
  })
  it('leaves a county name that exists in two candidate states unlinked', () => {
    expect(linker.link({ facilityName: 'ESSEX COUNTY JAIL', aor: 'Test' })).toMatchObject({ method: 'unlinked', countyGeoid: null })
    expect(linker.link({ facilityName: 'ESSEX COUNTY JAIL', aor: 'TST', state: 'nj' })).toMatchObject({ method: 'county-name', countyGeoid: '34013' })
  })
  it('never looks a county up without a state', () => {
    expect(linker.link({ facilityName: 'HARRIS COUNTY JAIL' })).toMatchObject({ method: 'unlinked', state: null })
    expect(linker.link({ facilityName: 'HARRIS COUNTY JAIL', aor: 'HQ' }).method).toBe('unlinked')
  })
  it('tells an independent city from the county of the same name', () => {
    expect(linker.link({ facilityName: 'RICHMOND COUNTY JAIL', state: 'va' }).countyGeoid).toBe('51159')
    expect(linker.link({ countyName: 'Richmond city', state: 'va' }).countyGeoid).toBe('51760')
  })
  it('matches known facilities by name, ignoring parenthesized parts', () => {
    expect(linker.link({ facilityName: 'EXAMPLE STATE PRISON (MAIN) - CA' })).toMatchObject({ method: 'landmark', countyGeoid: '06029', custody: 'state-prison' })
  })
  it('prefers a HIFLD jail in the same city with the same first words over the mailing city', () => {
    expect(linker.link({ facilityName: 'EXAMPLE VALLEY CORRECTIONAL', city: 'NORRISTOWN', state: 'pa' })).toMatchObject({ method: 'landmark', countyGeoid: '42017', custody: 'federal' })
  })
  it('drops a HIFLD FIPS that is not a current county and falls back to its city', () => {
    expect(linker.link({ facilityName: 'EXAMPLE OLD COUNTY PRISON', state: 'ca' })).toMatchObject({ method: 'landmark', countyGeoid: '06029' })
  })
  it('matches law-enforcement agencies', () => {
    expect(linker.link({ facilityName: 'GARDENA POLICE DEPT.', state: 'ca' })).toMatchObject({ method: 'agency', countyGeoid: '06029', custody: 'city-jail' })
  })
  it('uses the city, then a place at the start of a custody landmark', () => {
    expect(linker.link({ facilityName: 'SOMEWHERE', city: 'Houston', state: 'tx' })).toMatchObject({ method: 'landmark', countyGeoid: '48201', placeGeoid: '4835000' })
    expect(linker.link({ facilityName: 'DELANO CCF', aor: 'San Francisco' })).toMatchObject({ method: 'landmark', countyGeoid: '06029', placeGeoid: '0618394' })
    expect(linker.link({ facilityName: 'DELANO GENERAL AREA, NON-SPECIFIC', aor: 'San Francisco' }).method).toBe('unlinked')
    expect(linker.link({ facilityName: 'FEDERAL CORRECTIONAL INSTITUTE - DELANO, CA' })).toMatchObject({ method: 'landmark', countyGeoid: '06029' })
  })
  it('refuses a place name shared by two census places', () => {
    expect(linker.link({ facilityName: 'TWIN JAIL', state: 'ca' }).method).toBe('unlinked')
  })
  it('keeps a declared county GEOID and checks the place against it', () => {
    expect(linker.link({ countyGeoid: '48201', placeGeoid: '4835000' })).toMatchObject({ method: 'county-name', countyGeoid: '48201', placeGeoid: '4835000' })
    expect(linker.link({ countyGeoid: '48471', placeGeoid: '4835000' }).placeGeoid).toBeNull()
  })
  it('keeps the state of an unlinked record when the source or landmark gives it', () => {
    expect(linker.link({ facilityName: 'SOMEWHERE ODD, TX' })).toMatchObject({ method: 'unlinked', state: 'tx' })
    expect(linker.link({ state: 'pa' })).toMatchObject({ method: 'unlinked', state: 'pa' })
  })
  it('lists the states of an AOR', () => {
    expect(linker.statesOfAor('Test Area of Responsibility')).toEqual(['ma', 'nj', 'pa'])
    expect(linker.statesOfAor('HOU')).toEqual(['tx'])
    expect(linker.statesOfAor('Nowhere')).toEqual([])
  })
})

describe('recordCustody', () => {
  it('reads the name first, then the crosswalk, and leaves federal null', () => {
    expect(recordCustody('BERKS COUNTY PRISON', null)).toBe('county-jail')
    expect(recordCustody('EXAMPLE UNIT', 'state-prison')).toBe('state-prison')
    expect(recordCustody('USP CANAAN', 'county-jail')).toBeNull()
    expect(recordCustody(null, null)).toBeNull()
  })
})
