import { describe, expect, it } from 'vitest'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { createEngine, parseCaseFile, runCases } from './index.ts'

const engine = createEngine(fixtureRegistry(), { version: 'test' })
const ZZ = 'ocd-division/country:us/state:zz'

const run = (yaml: string) => {
  const { cases, diagnostics } = parseCaseFile('x.cases.yaml', yaml)
  expect(diagnostics).toEqual([])
  return runCases(engine, cases)
}
const caseOn = (date: string, inForce: string) => `cases:\n  - name: in force check\n    jurisdiction: ${ZZ}\n    date: ${date}\n    expect:\n      inForce: { ${inForce} }\n`

describe('rule cases: inForce expectations', () => {
  it('a provision is in force from its effective day through the day before its exclusive end', () => {
    expect(run(caseOn('2014-01-01', 'zz-limit-hold: yes'))[0]?.passed).toBe(true)
    expect(run(caseOn('2017-12-31', 'zz-limit-hold: yes'))[0]?.passed).toBe(true)
    expect(run(caseOn('2018-01-01', 'zz-limit-hold: no'))[0]?.passed).toBe(true)
    expect(run(caseOn('2013-12-31', 'zz-limit-hold: no'))[0]?.passed).toBe(true)
  })

  it('inside a partial effective date the status is undetermined', () => {
    expect(run(caseOn('2018-01-15', 'zz-ban-hold: undetermined'))[0]?.passed).toBe(true)
    expect(run(caseOn('2018-02-01', 'zz-ban-hold: yes'))[0]?.passed).toBe(true)
  })

  it('a wrong expectation fails and says what it got', () => {
    const [result] = run(caseOn('2013-12-31', 'zz-limit-hold: yes'))
    expect(result?.passed).toBe(false)
    expect(result?.failures).toEqual(['inForce: zz-limit-hold expected yes, got no'])
  })

  it('an unknown provision id fails by name', () => {
    const [result] = run(caseOn('2015-01-01', 'zz-nothing: yes'))
    expect(result?.failures).toEqual(['inForce: no provision "zz-nothing" in the registry'])
  })

  it('a value other than yes, no or undetermined is refused with the field named', () => {
    const { diagnostics } = parseCaseFile('x.cases.yaml', caseOn('2015-01-01', 'zz-limit-hold: maybe'))
    expect(diagnostics[0]?.field).toContain('inForce')
    expect(diagnostics[0]?.line).toBe(6)
  })
})
