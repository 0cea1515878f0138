import { describe, expect, it } from 'vitest'
import { OFFENSE_CATEGORIES } from './record.ts'
import { classifyOffense, classifyOffenseDescription, NCIC_CODES, NCIC_GROUPS, ncicCategory } from './offense-codes.ts'

describe('NCIC tables', () => {
  it('are ordered, non-overlapping four-digit ranges mapped into the vocabulary', () => {
    let previous = '0000'
    for (const g of NCIC_GROUPS) {
      expect(g.from).toMatch(/^\d{4}$/)
      expect(g.to >= g.from).toBe(true)
      expect(g.from > previous).toBe(true)
      previous = g.to
      expect(OFFENSE_CATEGORIES).toContain(g.category)
    }
    for (const [code, { category }] of Object.entries(NCIC_CODES)) {
      expect(code).toMatch(/^\d{4}$/)
      expect(OFFENSE_CATEGORIES).toContain(category)
    }
  })
  it('maps code groups and refined codes', () => {
    expect(ncicCategory('0999')).toBe('homicide')
    expect(ncicCategory('1101')).toBe('sexual-assault')
    expect(ncicCategory('1313')).toBe('assault')
    expect(ncicCategory('2303')).toBe('larceny')
    expect(ncicCategory('2605')).toBe('fraud')
    expect(ncicCategory('3530')).toBe('drug-trafficking')
    expect(ncicCategory('3562')).toBe('drugs')
    expect(ncicCategory('5212')).toBe('weapons')
    expect(ncicCategory('5404')).toBe('dui')
    expect(ncicCategory('5405')).toBe('traffic')
    expect(ncicCategory('0301')).toBe('immigration')
    expect(ncicCategory('7399')).toBe('other')
  })
  it('leaves unknown or malformed codes null', () => {
    expect(ncicCategory('8888')).toBeNull()
    expect(ncicCategory('6410')).toBeNull()
    expect(ncicCategory('abc')).toBeNull()
    expect(ncicCategory('')).toBeNull()
  })
})

describe('classifyOffenseDescription', () => {
  it.each([
    ['Driving Under Influence Liquor', 'dui'],
    ['Driving Under Influence Drugs', 'dui'],
    ['Illegal Entry (INA SEC.101(a)(43)(O), 8USC1325 only)', 'immigration'],
    ['Illegal Re-Entry (INA SEC.101(a)(43)(O), 8USC1326 only)', 'immigration'],
    ['Smuggling Aliens', 'immigration'],
    ['Homicide-Negligent Manslaughter-Vehicle', 'homicide'],
    ['Kidnapping', 'kidnapping'],
    ['Sex Assault - Carnal Abuse', 'sexual-assault'],
    ['Sex Offense Against Child-Fondling', 'sexual-assault'],
    ['Statutory Rape - No Force', 'sexual-assault'],
    ['Robbery - Residence-Gun', 'robbery'],
    ['Aggravated Assault - Weapon', 'assault'],
    ['Domestic Violence', 'assault'],
    ['Harassing Communication', 'other'],
    ['Arson', 'arson'],
    ['Burglary - Forced Entry-Residence', 'burglary'],
    ['Larceny - From Auto', 'larceny'],
    ['Unauthorized Use of Vehicle (includes joy riding)', 'larceny'],
    ['Identity Theft', 'fraud'],
    ['Fraud - Illegal Use Credit Cards', 'fraud'],
    ['Cocaine - Sell', 'drug-trafficking'],
    ['Drug Trafficking', 'drug-trafficking'],
    ['Marijuana - Possession', 'drugs'],
    ['Narcotic Equip - Possession', 'drugs'],
    ['Carrying Concealed Weapon', 'weapons'],
    ['Traffic Offense', 'traffic'],
    ['Hit and Run', 'traffic'],
    ['Resisting Officer', 'other'],
    ['Probation Violation', 'other'],
    ['Sexual Exploitation of Minor - Material - Film', 'other'],
    // Pierce County booking charge abbreviations
    ['ASLT 2 -DV', 'assault'],
    ['UPCS', 'drugs'],
    ['UPCS W INTENT', 'drug-trafficking'],
    ['UNLAW DEL CS', 'drug-trafficking'],
    ['DWI', 'dui'],
    ['DWLS/DWLR', 'traffic'],
    ['CHILD MOLEST 1', 'sexual-assault'],
    ['POSSESS STOLEN VEHICLE', 'larceny'],
    ['TRAFFICKING STOL PROP 1', 'larceny'],
    ['IDENT THFT 2', 'fraud'],
    ['UNL POSS FIREARM 1', 'weapons'],
    ['VIO NC ORD /DV', 'other'],
    ['OPERATE VEH W/O IGN INTERLOCK DEV', 'traffic'],
  ] as const)('%s → %s', (text, category) => {
    expect(classifyOffenseDescription(text)).toBe(category)
  })
  it('leaves what it does not know null', () => {
    expect(classifyOffenseDescription('COMM CUSTODY JAIL')).toBeNull()
    expect(classifyOffenseDescription('')).toBeNull()
  })
})

describe('classifyOffense', () => {
  it('prefers the description, falls back to the code', () => {
    expect(classifyOffense('Drug Trafficking', '3562')).toBe('drug-trafficking')
    expect(classifyOffense('zzz', '5404')).toBe('dui')
    expect(classifyOffense(null, null)).toBeNull()
  })
})
