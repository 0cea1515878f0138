import { describe, expect, it } from 'vitest'
import { mapTable, summarise } from './map-summary.ts'
import type { CountyAnswer, StateAnswer } from './api-types.ts'
import { answerSentence, countOf, dateWords, dayNumber, dayText, drawnOnMap, jurisdictionPath, shiftYears } from './words.ts'

describe('words and dates', () => {
  it('writes dates in words without time zones', () => {
    expect(dateWords('2018-01-01')).toBe('1 January 2018')
    expect(dateWords('2019-10')).toBe('October 2019')
    expect(dateWords('2012')).toBe('2012')
    expect(dayText(dayNumber('2016-02-29'))).toBe('2016-02-29')
  })

  it('moves a date by calendar years, keeping the day', () => {
    expect(shiftYears('2008-01-01', 2)).toBe('2010-01-01')
    expect(shiftYears('2008-02-29', 1)).toBe('2009-02-28')
    expect(shiftYears('2012-02-29', 4)).toBe('2016-02-29')
    expect(shiftYears('2000-02-29', -100)).toBe('1900-02-28')
  })

  it('states answers plainly', () => {
    expect(answerSentence('hold', 'permitted', 48)).toBe('The jail may hold the person on the ICE detainer past their release time (at most 48 hours).')
    expect(answerSentence('hold', 'prohibited', 48)).toBe('The jail must not hold the person on the ICE detainer past their release time.')
    expect(answerSentence('notify', 'required')).toBe('The jail must notify ICE of the release date or time.')
    expect(answerSentence('interview', 'undetermined')).toBe('The registry cannot say whether the jail may let ICE interview the person in custody.')
  })

  it('counts in the singular or plural', () => {
    expect(countOf(1, 'county', 'counties')).toBe('1 county')
    expect(countOf(0, 'county', 'counties')).toBe('0 counties')
    expect(countOf(3142, 'county', 'counties')).toBe('3,142 counties')
  })

  it('knows which states and counties the map draws', () => {
    expect(drawnOnMap('17031')).toBe(true)
    expect(drawnOnMap('11')).toBe(true)
    for (const t of ['60', '66', '69', '72001', '78010']) expect(drawnOnMap(t), t).toBe(false)
  })

  it('keeps OCD IDs readable in page paths', () => {
    expect(jurisdictionPath('ocd-division/country:us/state:il/county:cook')).toBe('/jurisdictions/ocd-division/country:us/state:il/county:cook')
    expect(jurisdictionPath('ocd-division/country:us/state:md/county:prince_georges', '2019-01-01')).toBe('/jurisdictions/ocd-division/country:us/state:md/county:prince_georges?date=2019-01-01')
    expect(jurisdictionPath('ocd-division/country:us/state:x/place:a b')).toBe('/jurisdictions/ocd-division/country:us/state:x/place:a%20b')
  })
})

describe('the map summary and table', () => {
  const state = (code: string, name: string): StateAnswer => ({ fips: '00', code, name, jurisdiction: `ocd-division/country:us/state:${code.toLowerCase()}`, inRegistry: true, value: 'permitted', layer: 'federal', decidedBy: null, maxHours: 48, conditional: null })
  const county = (geoid: string, name: string, st: string, value: CountyAnswer['value'], layer: CountyAnswer['layer'], places = 0): CountyAnswer => ({
    geoid, name, state: st, jurisdiction: `j${geoid}`, inRegistry: false, value, layer, decidedBy: null, maxHours: null, conditional: null,
    places: Array.from({ length: places }, (_, i) => ({ jurisdiction: `p${i}`, name: `P${i}` })), agreements287g: 0, cityAgreements287g: 0,
  })
  const answers = {
    states: [state('ZZ', 'Zedland'), state('AA', 'Aland')],
    counties: [county('1', 'B', 'ZZ', 'prohibited', 'county', 1), county('2', 'A', 'ZZ', 'prohibited', 'state'), county('3', 'C', 'AA', 'permitted', 'default'), county('4', 'D', 'AA', 'undetermined', 'place')],
  }

  it('counts counties by answer and deciding layer', () => {
    const s = summarise(answers)
    expect(s.byValue).toEqual({ prohibited: 2, required: 0, permitted: 1, undetermined: 1 })
    expect(s.byLayer).toEqual({ county: 2, state: 1, federal: 0, default: 1 })
    expect(s.byValueLayer.prohibited).toEqual({ county: 1, state: 1, federal: 0, default: 0 })
    expect(s.withPlaces).toBe(1)
    expect(s.notOnMap).toBe(0)
    expect(summarise({ counties: [county('72001', 'Adjuntas', 'PR', 'permitted', 'federal'), county('01001', 'Autauga', 'AL', 'permitted', 'federal')] }).notOnMap).toBe(1)
  })

  it('lists states by name, or one state\'s counties by name', () => {
    const all = mapTable(answers, null)
    if (all.kind !== 'states') throw new Error('states table expected')
    expect(all.rows.map((r) => [r.name, r.countyTotal, r.counties.prohibited, r.onMap])).toEqual([['Aland', 2, 0, true], ['Zedland', 2, 2, true]])
    const pr = mapTable({ states: [{ ...state('PR', 'Puerto Rico'), fips: '72' }], counties: [] }, null)
    expect(pr.kind === 'states' && pr.rows[0]!.onMap).toBe(false)
    const zz = mapTable(answers, 'zz')
    expect(zz.kind === 'counties' && zz.rows.map((c) => c.name)).toEqual(['A', 'B'])
    expect(mapTable(answers, 'QQ').kind).toBe('states')
  })
})
