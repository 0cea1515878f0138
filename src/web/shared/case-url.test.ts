import { describe, expect, it } from 'vitest'
import { caseToForm, emptyCaseForm, formFromQuery, formToCase, type CaseForm } from './case-form.ts'
import { decodeCase, encodeCase } from './case-url.ts'

const fullCase = {
  jurisdiction: 'ocd-division/country:us/state:ca/county:san_francisco',
  date: '2015-06-01',
  custody: 'county-jail',
  detainer: { form: 'I-247', judicialWarrant: false, judicialProbableCause: true, reimbursementAgreement: false, writtenConsent: true },
  person: {
    age: 41,
    convictions: [
      { category: 'homicide', level: 'felony', date: '2009-03-02' },
      { category: 'traffic' },
    ],
    pendingCharges: [{ category: 'drugs', level: 'misdemeanor' }],
    lawfulStatusProof: false,
    gangDatabase: true,
  },
}

describe('case in the URL', () => {
  it('round-trips a case through base64url', () => {
    const text = encodeCase(fullCase)
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCase(text)).toEqual({ kind: 'case', value: fullCase })
  })

  it('round-trips non-ASCII text and every padding length', () => {
    for (const value of [{ a: 'Doña Ana — “quoted” ✓' }, 'x', 'xy', 'xyz', [1, 2, 3], null]) {
      expect(decodeCase(encodeCase(value))).toEqual({ kind: 'case', value })
    }
  })

  it('says why a parameter cannot be read', () => {
    expect(decodeCase('%%%')).toEqual({ kind: 'bad-case', reason: 'the case parameter is not base64url' })
    expect(decodeCase('a')).toEqual({ kind: 'bad-case', reason: 'the case parameter is not base64url' })
    expect(decodeCase(encodeCase('x').slice(0, -1) + '_')).toMatchObject({ kind: 'bad-case' })
    expect(decodeCase(btoa('{"a":').replace(/=+$/, ''))).toEqual({ kind: 'bad-case', reason: 'the case parameter is not JSON' })
    expect(decodeCase('__8')).toEqual({ kind: 'bad-case', reason: 'the case parameter is not UTF-8 text' })
  })
})

describe('the evaluator form', () => {
  it('turns a case into form values and back without loss', () => {
    const form = caseToForm(fullCase, 'San Francisco')
    expect(form.judicialProbableCause).toBe('yes')
    expect(form.convictions[1]).toEqual({ category: 'traffic', level: '', date: '' })
    expect(formToCase(form)).toEqual(fullCase)
  })

  it('leaves unknown facts out and keeps known-empty lists', () => {
    const form: CaseForm = { ...emptyCaseForm('2019-01-01'), jurisdiction: 'ocd-division/country:us/state:tx', custody: '', form: '', judicialWarrant: '', judicialProbableCause: '', pendingChargesKnown: '' }
    expect(formToCase(form)).toEqual({ jurisdiction: 'ocd-division/country:us/state:tx', date: '2019-01-01', person: { convictions: [] } })
    expect(caseToForm(formToCase(form)).pendingChargesKnown).toBe('')
  })

  it('drops rows with no offense chosen', () => {
    const form = { ...emptyCaseForm('2019-01-01'), convictions: [{ category: '', level: 'felony', date: '' }, { category: 'robbery', level: '', date: '2010-01-01' }] }
    expect(formToCase(form).person).toEqual({ convictions: [{ category: 'robbery', date: '2010-01-01' }], pendingCharges: [] })
  })

  it('reads a plain form submission', () => {
    const q = new URLSearchParams({
      run: '1',
      jurisdiction: 'ocd-division/country:us/state:il/county:cook',
      jurisdictionName: 'Cook County',
      date: '2019-06-01',
      custody: 'county-jail',
      form: 'I-247A',
      judicialWarrant: 'no',
      judicialProbableCause: '',
      age: '30',
      convictionsKnown: 'yes',
      'c0.category': 'homicide',
      'c0.level': 'felony',
      'c0.date': '',
      'c1.category': '',
      'c1.level': '',
      'c1.date': '',
      pendingChargesKnown: '',
    })
    const form = formFromQuery(q)
    expect(formToCase(form)).toEqual({
      jurisdiction: 'ocd-division/country:us/state:il/county:cook',
      date: '2019-06-01',
      custody: 'county-jail',
      detainer: { form: 'I-247A', judicialWarrant: false },
      person: { age: 30, convictions: [{ category: 'homicide', level: 'felony' }] },
    })
  })

  it('passes a bad age through so the engine names the field', () => {
    expect(formToCase({ ...emptyCaseForm('2019-01-01'), age: 'thirty' }).person?.age).toBe('thirty')
  })
})
