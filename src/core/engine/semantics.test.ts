import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fixtureFiles } from '../../testing/fixture-registry.ts'
import { buildRegistry, type Registry } from '../registry/index.ts'
import { createEngine, parseCase, VALUE_BY_CODE, type Case } from './index.ts'

// Fixture state X (fictional, invented sources in ./fixtures), added to the shared fixture registry
// for the follow-up semantics: a limit with an exception, a partial effective date inside which
// the enactment date falls, and a place whose jail county is unknown.
function extendedRegistry(): Registry {
  const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
  const extra = ['us/state-xx.yaml', 'us/state-xx/place-sigma.yaml'].map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }))
  const { registry, diagnostics } = buildRegistry([...fixtureFiles(), ...extra])
  if (!registry) throw new Error(JSON.stringify(diagnostics.filter((d) => d.severity === 'error')))
  return registry
}

const engine = createEngine(extendedRegistry(), { version: 'test' })
const OMEGA = 'ocd-division/country:us/state:xx/county:omega' // no file of its own
const SIGMA = 'ocd-division/country:us/state:xx/place:sigma'
const homicide = { category: 'homicide', level: 'felony', date: '2010-01-01' } as const
const none = { convictions: [], pendingCharges: [] }
const ev = (c: Case) => {
  const e = engine.evaluate(c)
  const fast = engine.decide(parseCase(c))
  // Every answer here is also checked against the batch path.
  expect({ hold: VALUE_BY_CODE[fast.hold], notify: VALUE_BY_CODE[fast.notify], interview: VALUE_BY_CODE[fast.interview] }).toEqual({
    hold: e.answers.hold.value,
    notify: e.answers.notify.value,
    interview: e.answers.interview.value,
  })
  return e
}

describe('a limit with an exception (unless)', () => {
  const at = (detainer: Case['detainer'], person: Case['person']) => ev({ jurisdiction: OMEGA, date: '2015-06-01', custody: 'county-jail', detainer, person }).answers.hold
  it('does not take effect when the exception holds: neither its prohibition nor its hour limit applies', () => {
    const a = at({ judicialWarrant: true }, none)
    expect(a).toMatchObject({ value: 'permitted', maxHours: 48 })
    expect(a.citations.map((c) => c.provision)).toEqual(['fx-federal-hold'])
  })
  it('permits, with its limit, when the exception does not hold and the condition does', () => {
    expect(at({ judicialWarrant: false }, { convictions: [homicide], pendingCharges: [] })).toMatchObject({ value: 'permitted', maxHours: 24 })
  })
  it('prohibits when neither holds', () => {
    expect(at({ judicialWarrant: false }, none).value).toBe('prohibited')
  })
  it('is undetermined when only the unknown exception could lift the prohibition', () => {
    expect(at({}, none)).toMatchObject({ value: 'undetermined', missing: ['detainer.judicialWarrant'] })
  })
  it('is decided when both branches permit, leaving the hour limit open', () => {
    expect(at({}, { convictions: [homicide], pendingCharges: [] })).toMatchObject({ value: 'permitted', maxHours: null, missing: [] })
  })
})

describe('a partial effective date bounded by the enactment date', () => {
  const notify = (date: string) => ev({ jurisdiction: OMEGA, date, custody: 'county-jail', detainer: {}, person: none }).answers.notify
  it('is not in force before the law was enacted, even inside the month', () => {
    expect(notify('2016-03-01').value).toBe('permitted')
    expect(notify('2016-03-09').value).toBe('permitted')
  })
  it('is unknown from the enactment day to the end of the month', () => {
    expect(notify('2016-03-10')).toMatchObject({ value: 'undetermined', missing: ['effective date of xx-notice-2016'] })
    expect(notify('2016-03-31').value).toBe('undetermined')
  })
  it('is in force after the month', () => {
    expect(notify('2016-04-01').value).toBe('prohibited')
  })
})

describe('a place whose jail county is unknown', () => {
  const MISSING = `jailCounty of ${SIGMA}`
  const at = (date: string, custody: Case['custody'], detainer: Case['detainer'] = { judicialWarrant: false }) => ev({ jurisdiction: SIGMA, date, custody, detainer, person: none })
  it('names the missing county where the county could change the answer', () => {
    const e = at('2014-06-01', 'county-jail')
    expect(e.answers.hold).toMatchObject({ value: 'undetermined', missing: [MISSING] })
    // State law prohibits without overriding local law: a county rule requiring the hold would leave a conflict.
    expect(at('2015-06-01', 'county-jail').answers.hold).toMatchObject({ value: 'undetermined', missing: [MISSING] })
    expect(at('2017-06-01', 'county-jail').answers.notify).toMatchObject({ value: 'undetermined', missing: [MISSING] })
  })
  it('stays decided where state law decides whatever the county says', () => {
    const e = at('2015-06-01', 'county-jail')
    expect(e.answers.interview).toMatchObject({ value: 'prohibited', missing: [] })
    expect(e.answers.interview.citations.map((c) => c.provision)).toEqual(['xx-interview-ban'])
  })
  it('is not consulted for the city jail or state prison', () => {
    expect(at('2014-06-01', 'city-jail').answers.hold).toMatchObject({ value: 'prohibited', missing: [] })
    expect(at('2014-06-01', 'state-prison').answers.hold).toMatchObject({ value: 'permitted', missing: [] })
  })
  it('names both the custody and the county when custody is not given', () => {
    expect(at('2014-06-01', undefined).answers.hold).toMatchObject({ value: 'undetermined', missing: ['custody', MISSING] })
  })
  it('keeps the stand-in out of the trace and citations, and says so in the explanation', () => {
    const e = at('2014-06-01', 'county-jail')
    expect(e.trace.every((t) => !t.provision.startsWith('('))).toBe(true)
    expect(e.answers.hold.citations.every((c) => c.provision && c.url)).toBe(true)
    expect(e.explanation).toContain('county: unidentified — the county whose jail serves Sigma is unknown: The fixture city lies in two counties.')
    expect(e.explanation).toContain('that answer is undetermined')
  })
  it('treats a place with no file the same way', () => {
    const e = ev({ jurisdiction: 'ocd-division/country:us/state:xx/place:tau', date: '2014-06-01', custody: 'county-jail', detainer: {}, person: none })
    expect(e.answers.hold).toMatchObject({ value: 'undetermined', missing: ['jailCounty of ocd-division/country:us/state:xx/place:tau'] })
  })
})
