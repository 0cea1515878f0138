import { describe, expect, it } from 'vitest'
import { parseCase } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'
import { CASE_TEMPLATES, TEMPLATE_IDS, templateById, templateFacts, yearsBefore } from './index.ts'

describe('case templates', () => {
  it('has the four templates with distinct labels that name the detainer form', () => {
    expect(CASE_TEMPLATES.map((t) => t.id)).toEqual(['no-record', 'misdemeanor', 'violent-felony', 'judicial-warrant'])
    expect(new Set(CASE_TEMPLATES.map((t) => t.label)).size).toBe(4)
    for (const t of CASE_TEMPLATES) expect(t.label).toContain('I-247A')
  })

  it('gives the contract facts: county jail, I-247A, no record', () => {
    expect(templateFacts('no-record', '2019-01-01')).toEqual({
      custody: 'county-jail',
      detainer: { form: 'I-247A', judicialWarrant: false, judicialProbableCause: false, reimbursementAgreement: false, writtenConsent: false },
      person: { age: 30, convictions: [], pendingCharges: [], lawfulStatusProof: false, gangDatabase: false },
    })
  })

  it('dates convictions relative to the chosen date', () => {
    expect(templateFacts('misdemeanor', '2019-06-15').person?.convictions).toEqual([{ category: 'larceny', level: 'misdemeanor', date: '2017-06-15' }])
    expect(templateFacts('violent-felony', '2019-06-15').person?.convictions).toEqual([{ category: 'robbery', level: 'felony', date: '2014-06-15' }])
    expect(templateFacts('judicial-warrant', '2019-06-15').detainer).toMatchObject({ judicialWarrant: true, judicialProbableCause: true })
    expect(templateFacts('judicial-warrant', '2019-06-15').person?.convictions).toEqual([])
  })

  it('handles 29 February', () => {
    expect(yearsBefore('2020-02-29', 2)).toBe('2018-02-28')
    expect(yearsBefore('2020-02-29', 4)).toBe('2016-02-29')
    expect(yearsBefore('2019-03-01', 5)).toBe('2014-03-01')
  })

  it('every template on every kind of date is a valid engine case', () => {
    for (const id of TEMPLATE_IDS) for (const date of ['2008-01-01', '2020-02-29', '2025-12-31']) expect(() => parseCase({ jurisdiction: 'ocd-division/country:us/state:ca', date, ...templateFacts(id, date) })).not.toThrow()
  })

  it('rejects an unknown template naming the field', () => {
    expect(() => templateById('felon')).toThrow(AppError)
    try {
      templateById('felon')
    } catch (e) {
      expect((e as AppError).location.field).toBe('template')
    }
  })
})
