import { describe, expect, it } from 'vitest'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { AppError } from '../errors/index.ts'
import { createEngine, parseCase, VALUE_BY_CODE, type Case } from './index.ts'

const engine = createEngine(fixtureRegistry(), { version: 'test' })
const ZZ = 'ocd-division/country:us/state:zz'
const GAMMA = `${ZZ}/county:gamma` // no file of its own
const ALPHA = `${ZZ}/county:alpha`
const DELTA = `${ZZ}/place:delta`
const YY = 'ocd-division/country:us/state:yy'
const BETA = `${YY}/county:beta`

const robbery = { category: 'robbery', level: 'felony', date: '2010-05-01' } as const
const base = (over: Partial<Case>): Case => ({
  jurisdiction: GAMMA,
  date: '2015-06-01',
  custody: 'county-jail',
  detainer: { judicialWarrant: false },
  person: { convictions: [], pendingCharges: [] },
  ...over,
})
const hold = (c: Case) => engine.evaluate(c).answers.hold

describe('time: boundary days', () => {
  it('a law applies from its effective day, not the day before', () => {
    expect(hold(base({ date: '2013-12-31' })).value).toBe('permitted')
    expect(hold(base({ date: '2014-01-01' })).value).toBe('prohibited')
  })
  it('a law with an exclusive end applies on its last day, not the day after', () => {
    const c = { person: { convictions: [robbery], pendingCharges: [] } }
    expect(hold(base({ date: '2017-12-31', ...c })).value).toBe('permitted')
    expect(hold(base({ date: '2017-12-31', ...c })).citations.map((x) => x.provision)).toContain('zz-limit-hold')
    // 2018-01 is a partial effective date for the next law: inside its window the answer says so.
    const window = hold(base({ date: '2018-01-01', ...c }))
    expect(window.value).toBe('undetermined')
    expect(window.missing).toEqual(['effective date of zz-ban-2018'])
    expect(hold(base({ date: '2018-01-31', ...c })).value).toBe('undetermined')
    expect(hold(base({ date: '2018-02-01', ...c })).value).toBe('prohibited')
  })
  it('an injunction suspends a provision for its period only', () => {
    const c = base({ jurisdiction: BETA, person: { convictions: [], pendingCharges: [] } })
    expect(hold({ ...c, date: '2017-08-31' }).value).toBe('prohibited') // county policy, state law not yet in force
    expect(hold({ ...c, date: '2017-09-01' }).value).toBe('prohibited') // enjoined from its first day
    expect(hold({ ...c, date: '2017-09-25' }).value).toBe('prohibited') // last day enjoined
    const after = hold({ ...c, date: '2017-09-26' })
    expect(after.value).toBe('required') // state mandate overrides the county's limit
    expect(after.citations.map((x) => x.provision)).toEqual(['yy-mandate-hold', 'fx-federal-hold']) // the second sets the 48 hours
  })
})

describe('layers', () => {
  it('a county with no file gets its state and the federal baseline, and says so', () => {
    const ev = engine.evaluate(base({ date: '2012-06-01' }))
    expect(ev.answers.hold).toMatchObject({ value: 'permitted', maxHours: 48, basis: 'registry' })
    expect(ev.layers.map((l) => [l.layer, l.inRegistry])).toEqual([['federal', true], ['state', true], ['county', false]])
    expect(ev.explanation).toContain('Gamma County, ZZ — no file in the registry')
  })
  it('a stricter county rule stands where the state permits', () => {
    const c = base({ jurisdiction: ALPHA, date: '2016-06-01', person: { convictions: [robbery], pendingCharges: [] } })
    expect(hold(c).value).toBe('prohibited')
    expect(hold({ ...c, date: '2016-05-31' }).value).toBe('permitted')
  })
  it('a state mandate with overridesLocal overrides a county limit; without it the conflict stays open', () => {
    const ev = engine.evaluate(base({ jurisdiction: BETA, date: '2018-06-01' }))
    expect(ev.answers.hold.value).toBe('required')
    expect(ev.trace.find((t) => t.provision === 'beta-hold')?.role).toBe('overridden')
    expect(ev.answers.notify).toMatchObject({ value: 'undetermined', conflict: { between: ['yy-mandate-notify', 'beta-notify'] } })
    expect(ev.explanation).toContain('contradict each other')
  })
  it('custody picks the binding local layer', () => {
    const c = base({ jurisdiction: DELTA, date: '2019-06-01', detainer: { judicialWarrant: true, writtenConsent: false } })
    expect(engine.evaluate({ ...c, custody: 'county-jail' }).answers.interview.value).toBe('prohibited') // Alpha's consent rule
    expect(engine.evaluate({ ...c, custody: 'city-jail' }).answers.interview.value).toBe('prohibited') // Delta's ordinance
    expect(engine.evaluate({ ...c, custody: 'city-jail', detainer: { writtenConsent: true } }).answers.interview.value).toBe('prohibited')
    expect(engine.evaluate({ ...c, custody: 'county-jail', detainer: { writtenConsent: true } }).answers.interview.value).toBe('permitted')
    expect(engine.evaluate({ ...c, custody: 'state-prison' }).answers.interview.value).toBe('permitted')
  })
  it('federal limits give the maximum hours', () => {
    expect(hold(base({ jurisdiction: YY, date: '2018-06-01' }))).toMatchObject({ value: 'required', maxHours: 48 })
  })
})

describe('three values', () => {
  it('names the missing fact when a condition depends on it', () => {
    const a = hold(base({ date: '2019-01-01', detainer: {} }))
    expect(a).toMatchObject({ value: 'undetermined', missing: ['detainer.judicialWarrant'] })
    expect(hold(base({ date: '2019-01-01', detainer: { judicialWarrant: true } })).value).toBe('permitted')
  })
  it('an absent list is unknown, an empty list is a known none', () => {
    expect(hold(base({ person: {} }))).toMatchObject({ value: 'undetermined', missing: ['person.convictions'] })
    expect(hold(base({ person: { convictions: [] } })).value).toBe('prohibited')
  })
  it('a missing level or date on an offense is named precisely', () => {
    expect(hold(base({ person: { convictions: [{ category: 'robbery' }] } }))).toMatchObject({ value: 'undetermined', missing: ['person.convictions[0].level'] })
    const notify = engine.evaluate(base({ date: '2019-01-01', person: { convictions: [{ category: 'larceny', level: 'felony' }] } })).answers.notify
    expect(notify).toMatchObject({ value: 'undetermined', missing: ['person.convictions[0].date'] })
  })
  it('counts years back from the case date for "within"', () => {
    const notify = (date: string) => engine.evaluate(base({ date: '2019-06-01', person: { convictions: [{ category: 'larceny', level: 'felony', date }] } })).answers.notify.value
    expect(notify('2015-06-01')).toBe('permitted')
    expect(notify('2014-05-01')).toBe('prohibited')
  })
  it('a statute pins an offense to a class exactly', () => {
    const c = (statute: string) => base({ person: { convictions: [{ category: 'other', level: 'felony', statute }] } })
    expect(hold(c('Z Pen 10(a)')).value).toBe('permitted')
    expect(hold(c('Z Pen 99')).value).toBe('prohibited')
  })
  it('unknown custody is a missing fact only where custody matters', () => {
    const a = engine.evaluate(base({ jurisdiction: ALPHA, date: '2016-07-01', custody: undefined, person: { convictions: [robbery] } }))
    expect(engine.evaluate(base({ jurisdiction: ALPHA, date: '2016-07-01', custody: undefined })).answers.hold.value).toBe('prohibited') // the state decides
    expect(a.answers.hold).toMatchObject({ value: 'undetermined', missing: ['custody'] })
  })
})

describe('batch path', () => {
  it('gives the same value as the explained path on generated cases', () => {
    const places = [GAMMA, ALPHA, DELTA, BETA, YY, ZZ, 'ocd-division/country:us/state:wy/county:laramie']
    const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!
    let seed = 7
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let i = 0; i < 3000; i++) {
      const r = () => Math.floor(rand() * 1000)
      const c: Case = {
        jurisdiction: pick(places, r()),
        date: `${2010 + (r() % 12)}-${String(1 + (r() % 12)).padStart(2, '0')}-${String(1 + (r() % 28)).padStart(2, '0')}`,
        custody: pick(['county-jail', 'city-jail', 'state-prison', undefined] as const, r()),
        detainer: { judicialWarrant: pick([true, false, undefined], r()), writtenConsent: pick([true, false, undefined], r()) },
        person: r() % 5 === 0 ? {} : { convictions: r() % 2 ? [] : [{ category: pick(['robbery', 'larceny', 'homicide'] as const, r()), level: pick(['felony', 'misdemeanor', undefined] as const, r()), date: '2012-01-01' }], pendingCharges: [] },
      }
      const explained = engine.evaluate(c).answers
      const fast = engine.decide(parseCase(c))
      expect({ hold: VALUE_BY_CODE[fast.hold], notify: VALUE_BY_CODE[fast.notify], interview: VALUE_BY_CODE[fast.interview] }).toEqual({
        hold: explained.hold.value,
        notify: explained.notify.value,
        interview: explained.interview.value,
      })
    }
  })
})

describe('input and receipt', () => {
  it('rejects bad input naming the field', () => {
    const bad = (input: unknown) => {
      try {
        engine.evaluate(input)
      } catch (e) {
        return [(e as AppError).code, (e as AppError).location.field, (e as AppError).message]
      }
      return undefined
    }
    expect(bad({ jurisdiction: GAMMA, date: '2019-02-30' })).toEqual(['invalid-input', 'date', '"2019-02-30" is not a real calendar date'])
    expect(bad({ jurisdiction: 'Fresno', date: '2019-02-01' })?.[1]).toBe('jurisdiction')
    expect(bad({ jurisdiction: GAMMA, date: '2019-02-01', custody: 'hotel' })?.[1]).toBe('custody')
    expect(bad({ jurisdiction: GAMMA, date: '2019-02-01', person: { convictions: [{ category: 'theft' }] } })?.[1]).toBe('person.convictions[0].category')
    expect(bad({ jurisdiction: GAMMA, date: '2019-02-01', persn: {} })?.[2]).toBe('unknown field "persn"')
  })
  it('carries a receipt that replays', () => {
    const c = base({ date: '2019-01-01' })
    const a = engine.evaluate(c)
    const b = engine.evaluate(JSON.parse(JSON.stringify(c)))
    expect(a.receipt).toEqual(b.receipt)
    expect(a.receipt).toMatchObject({ engineVersion: 'test', asOf: '2019-01-01', inputHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) })
  })
  it('explains in plain text', async () => {
    const ev = engine.evaluate(base({ jurisdiction: BETA, date: '2018-06-01' }))
    await expect(ev.explanation).toMatchFileSnapshot('__snapshots__/beta-2018-06-01.txt')
  })
})

describe('explainQuestion: one question on the explained path', () => {
  it('gives the same answer, trace and explanation for its question as evaluate', () => {
    for (const date of ['2013-12-31', '2014-01-01', '2018-01-01', '2019-06-01']) {
      for (const custody of ['county-jail', 'state-prison', undefined] as const) {
        const c = base({ date, custody, jurisdiction: DELTA })
        const all = engine.evaluate(c)
        for (const q of ['hold', 'notify', 'interview'] as const) {
          const one = engine.explainQuestion(c, q)
          expect(one.kind).toBe('question-evaluation')
          expect(Object.keys(one.answers)).toEqual([q])
          expect(one.answers[q]).toEqual(all.answers[q])
          expect(one.trace).toEqual(all.trace.filter((t) => t.question === q))
          expect(one.receipt).toEqual(all.receipt)
          expect(one.layers).toEqual(all.layers)
          // Its text is the full explanation's header, its own question's block and the coverage note.
          const block = all.explanation.split('\n\n').find((p) => p.startsWith(one.explanation.split('\n\n')[1]!.split(':')[0]!))
          expect(one.explanation).toContain(block!)
        }
      }
    }
  })
  it('rejects bad input as evaluate does', () => {
    expect(() => engine.explainQuestion({ jurisdiction: GAMMA }, 'hold')).toThrow(AppError)
  })
})
