import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fixtureFiles } from '../../testing/fixture-registry.ts'
import { buildRegistry } from '../registry/index.ts'
import { conditionalAnswer, conditionalText, MAX_BRANCH_FACTS, parseCase, withFact, type Branch, type ParsedCase } from './index.ts'
import { createEngine } from './index.ts'
import type { Reanswer } from './branches.ts'

const c0 = parseCase({ jurisdiction: 'ocd-division/country:us/state:zz', date: '2019-01-01', person: { convictions: [{ category: 'robbery' }] } })

/** A stand-in question: prohibited unless (probable cause) or (warrant and consent); unknown while any of them is. */
function rule(c: ParsedCase): Reanswer {
  const pc = c.detainer?.judicialProbableCause
  const w = c.detainer?.judicialWarrant
  const consent = c.detainer?.writtenConsent
  if (pc === true || (w === true && consent === true)) return { value: 'permitted', maxHours: 48, missing: [] }
  if (pc === undefined || w === undefined || (w === true && consent === undefined)) return { value: 'undetermined', maxHours: null, missing: ['x'] }
  return { value: 'prohibited', maxHours: null, missing: [] }
}

describe('conditional answers', () => {
  it('enumerates every combination of the missing facts by re-evaluating', () => {
    const r = conditionalAnswer(c0, ['detainer.judicialProbableCause', 'detainer.judicialWarrant', 'detainer.writtenConsent'], true, rule)!
    expect(r.branches).toHaveLength(8)
    expect(r.branches.find((b) => b.facts['detainer.judicialWarrant'] === true && b.facts['detainer.writtenConsent'] === true && b.facts['detainer.judicialProbableCause'] === false)?.value).toBe('permitted')
    expect(r.branches.find((b) => Object.values(b.facts).every((v) => v === false))?.value).toBe('prohibited')
    expect(r.conditional.facts[0]).toBe('detainer.judicialProbableCause') // it alone decides one way
    expect(r.conditional.text).toBe('Prohibited, unless a judge found probable cause or a judicial warrant accompanies the detainer and the person gave written consent (then permitted, at most 48 hours)')
  })

  it(`combines at most ${MAX_BRANCH_FACTS} facts and lists the rest as not branched on`, () => {
    const missing = ['detainer.judicialProbableCause', 'detainer.judicialWarrant', 'detainer.writtenConsent', 'detainer.reimbursementAgreement', 'person.gangDatabase', 'person.lawfulStatusProof', 'person.age']
    const r = conditionalAnswer(c0, missing, true, rule)!
    expect(r.conditional.facts).toHaveLength(MAX_BRANCH_FACTS)
    expect(r.branches).toHaveLength(2 ** MAX_BRANCH_FACTS)
    expect(r.conditional.facts.slice(0, 2)).toEqual(['detainer.judicialProbableCause', 'detainer.judicialWarrant'])
    expect(r.conditional.unbranched).toContain('person.age')
    expect(r.conditional.unbranched.length).toBe(missing.length - MAX_BRANCH_FACTS)
  })

  it('gives nothing when no missing fact can be enumerated', () => {
    expect(conditionalAnswer(c0, ['effective date of x', 'person.age'], true, rule)).toBeNull()
  })

  it('sets a fact, including the level of one offense, without touching the others', () => {
    const c = withFact(c0, 'person.convictions[0].level', 'misdemeanor')
    expect(c.person?.convictions?.[0]).toEqual({ category: 'robbery', level: 'misdemeanor' })
    expect(c0.person?.convictions?.[0]?.level).toBeUndefined()
    expect(withFact(c0, 'custody', 'city-jail').custody).toBe('city-jail')
  })

  it('names an exception only when it changes what is already said', () => {
    const b = (pc: boolean, value: Branch['value']): Branch => ({ facts: { 'detainer.judicialProbableCause': pc }, value, missing: [] })
    expect(conditionalText(['detainer.judicialProbableCause'], [b(false, 'permitted'), b(true, 'permitted')], false)).toBe('Permitted, whether or not a judge found probable cause')
    expect(conditionalText(['detainer.judicialProbableCause'], [b(false, 'undetermined'), b(true, 'prohibited')], false)).toBe('Undetermined, unless a judge found probable cause (then prohibited)')
  })
})

describe('conditional answers in the engine', () => {
  // Fixture state X (fictional): a hold limit with a judicial-warrant exception.
  const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
  const extra = ['us/state-xx.yaml', 'us/state-xx/place-sigma.yaml'].map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }))
  const engine = createEngine(buildRegistry([...fixtureFiles(), ...extra]).registry!, { version: 'test' })
  it('an undetermined answer for a missing fact carries branches that agree with evaluating each value', () => {
    const base = { jurisdiction: 'ocd-division/country:us/state:xx/county:omega', date: '2016-06-01', custody: 'county-jail', person: { convictions: [], pendingCharges: [] } } as const
    const open = engine.evaluate(base)
    for (const q of ['hold', 'notify', 'interview'] as const) {
      const a = open.answers[q]
      if (a.value !== 'undetermined' || !a.branches) continue
      for (const branch of a.branches) {
        const detainer: Record<string, unknown> = {}
        const person: Record<string, unknown> = { convictions: [], pendingCharges: [] }
        for (const [k, v] of Object.entries(branch.facts)) (k.startsWith('detainer.') ? detainer : person)[k.split('.')[1]!] = v
        expect(engine.evaluate({ ...base, detainer, person }).answers[q].value).toBe(branch.value)
      }
    }
    expect(Object.values(open.answers).some((a) => a.branches && a.branches.length > 0)).toBe(true)
  })
  it('a decided answer has no branches', () => {
    const ev = engine.evaluate({ jurisdiction: 'ocd-division/country:us/state:xx/county:omega', date: '2016-06-01', custody: 'county-jail', detainer: { judicialWarrant: false }, person: { convictions: [], pendingCharges: [] } })
    expect(ev.answers.hold.value).not.toBe('undetermined')
    expect(ev.answers.hold.branches).toBeUndefined()
  })
})
