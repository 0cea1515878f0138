import { describe, expect, it } from 'vitest'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../../adapters/fs/index.ts'
import { FIXTURE_ATLAS_INPUT } from '../../testing/fixture-atlas.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { Compile } from 'typebox/compile'
import { createEngine, type Engine, type Question } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'
import { answersFor, AnswersSchema, buildGazetteer, templateFacts, type Answers, type TemplateId } from './index.ts'

const checkAnswers = Compile(AnswersSchema)

/** An engine that counts its evaluations. */
function counting(engine: Engine): { engine: Engine; calls: () => number } {
  let n = 0
  return { engine: { ...engine, evaluate: (input: unknown) => (n++, engine.evaluate(input)) }, calls: () => n }
}

const row = (a: Answers, geoid: string) => a.counties.find((c) => c.geoid === geoid)!

describe('answers over the fixture registry', () => {
  const registry = fixtureRegistry()
  const engine = createEngine(registry, { version: 'test' })
  const gazetteer = buildGazetteer(registry, FIXTURE_ATLAS_INPUT)
  const answers = (date: string, action = 'hold', template = 'no-record') => answersFor({ engine, gazetteer, date, action, template })

  it('answers every state and county, and matches the schema', () => {
    const a = answers('2019-06-01')
    expect(checkAnswers.Check(a)).toBe(true)
    expect(a.states.map((s) => s.code)).toEqual(['XX', 'ZZ', 'YY'])
    expect(a.counties.map((c) => c.geoid)).toEqual(['96001', '97001', '97003', '98001', '98003'])
    expect(a.counts).toEqual({ permitted: 1, required: 2, prohibited: 2, undetermined: 0 })
    expect(a).toMatchObject({ kind: 'answers', date: '2019-06-01', action: 'hold', template: { id: 'no-record' }, registryVersion: registry.version, engineVersion: 'test' })
  })

  it('names the most local layer that decided', () => {
    const a = answers('2019-06-01')
    // Alpha's own policy and the state ban both prohibit: the county is the most local.
    expect(row(a, '97001')).toMatchObject({ value: 'prohibited', layer: 'county', decidedBy: 'ocd-division/country:us/state:zz/county:alpha', maxHours: null, inRegistry: true })
    // Gamma has no file: the state ban decides.
    expect(row(a, '97003')).toMatchObject({ value: 'prohibited', layer: 'state', decidedBy: 'ocd-division/country:us/state:zz', inRegistry: false })
    // Beta's prohibition is overridden by the state mandate; the federal rule only sets the hours.
    expect(row(a, '98001')).toMatchObject({ value: 'required', layer: 'state', decidedBy: 'ocd-division/country:us/state:yy', maxHours: 48 })
    // State XX has no file: federal baseline.
    expect(row(a, '96001')).toMatchObject({ value: 'permitted', layer: 'federal', decidedBy: 'ocd-division/country:us', maxHours: 48 })
    expect(a.states.find((s) => s.code === 'XX')).toMatchObject({ inRegistry: false, layer: 'federal' })
  })

  it("says 'default' when no provision decided", () => {
    const a = answers('2019-06-01', 'interview')
    expect(row(a, '97003')).toMatchObject({ value: 'permitted', layer: 'default', decidedBy: null, maxHours: null })
    expect(row(a, '97001')).toMatchObject({ value: 'prohibited', layer: 'county' })
  })

  it('changes with the date and the template', () => {
    expect(row(answers('2010-01-01'), '97003')).toMatchObject({ value: 'permitted', layer: 'federal' })
    // Inside the partial effective month of the state ban the answer is open, and the state is why.
    expect(row(answers('2018-01-15'), '97003')).toMatchObject({ value: 'undetermined', layer: 'state' })
    expect(row(answers('2019-06-01', 'hold', 'judicial-warrant'), '97003')).toMatchObject({ value: 'permitted', layer: 'federal' })
    // A conflict between the state mandate and the county ban (no overridesLocal on notify).
    expect(row(answers('2019-06-01', 'notify'), '98001')).toMatchObject({ value: 'undetermined', layer: 'county' })
  })

  it('agrees with the engine county by county, for every template and action', () => {
    for (const template of ['no-record', 'misdemeanor', 'violent-felony', 'judicial-warrant'] as TemplateId[])
      for (const action of ['hold', 'notify', 'interview'] as Question[])
        for (const date of ['2012-06-01', '2017-09-10', '2018-01-15', '2019-06-01']) {
          const a = answers(date, action, template)
          for (const c of a.counties) {
            const direct = engine.evaluate({ jurisdiction: c.jurisdiction, date, ...templateFacts(template, date) }).answers[action]
            expect(c.value, `${c.geoid} ${date} ${action} ${template}`).toBe(direct.value)
            expect(c.maxHours, `${c.geoid} ${date} ${action} ${template}`).toBe(direct.maxHours ?? null)
          }
        }
  })

  it('runs the engine once per distinct chain of files', () => {
    const { engine: e, calls } = counting(engine)
    answersFor({ engine: e, gazetteer, date: '2019-06-01', action: 'hold', template: 'no-record' })
    // Chains: us, us|zz, us|yy (states and their file-less counties), us|zz|alpha, us|yy|beta.
    expect(calls()).toBe(5)
  })

  it('rejects bad input naming the field', () => {
    for (const [input, field] of [
      [{ date: '2019-02-30' }, 'date'],
      [{ action: 'transfer' }, 'action'],
      [{ template: 'felon' }, 'template'],
    ] as const) {
      const call = () => answersFor({ engine, gazetteer, date: '2019-01-01', action: 'hold', template: 'no-record', ...input })
      expect(call).toThrow(AppError)
      try {
        call()
      } catch (e) {
        expect((e as AppError).location.field).toBe(field)
      }
    }
  })
})

describe('answers over the real registry and us-atlas', async () => {
  const registry = await loadRegistryOrThrow(defaultRegistryDir())
  const engine = createEngine(registry, { version: 'test' })
  const gazetteer = buildGazetteer(registry, (await loadUsAtlas()).input)
  const a = answersFor({ engine, gazetteer, date: '2019-01-01', action: 'hold', template: 'no-record' })

  it('covers every county and state', () => {
    expect(checkAnswers.Check(a)).toBe(true)
    expect(a.counties).toHaveLength(3231)
    expect(a.states).toHaveLength(56)
    expect(Object.values(a.counts).reduce((x, y) => x + y, 0)).toBe(3231)
  })

  it('Kern County, CA (no file) gets California law on 2019-01-01: no hold on an administrative detainer', () => {
    // Checked against the registry: ca-sb54 (effective 2018-01-01) prohibits holds on a detainer alone.
    const ev = engine.evaluate({ jurisdiction: 'ocd-division/country:us/state:ca/county:kern', date: '2019-01-01', ...templateFacts('no-record', '2019-01-01') })
    expect(ev.answers.hold.citations.map((c) => c.provision)).toContain('ca-sb54-hold')
    expect(row(a, '06029')).toMatchObject({ name: 'Kern', state: 'CA', inRegistry: false, value: 'prohibited', layer: 'state', decidedBy: 'ocd-division/country:us/state:ca', maxHours: null })
  })

  it('San Francisco is decided by its own file; Harris County, TX by the state mandate; Ohio (a file with no hold rule) by the federal baseline', () => {
    expect(row(a, '06075')).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:ca/county:san_francisco', inRegistry: true, value: 'prohibited', layer: 'county' })
    expect(row(a, '48201')).toMatchObject({ value: 'required', layer: 'state', decidedBy: 'ocd-division/country:us/state:tx', maxHours: 48 })
    expect(row(a, '39035')).toMatchObject({ value: 'permitted', layer: 'federal', decidedBy: 'ocd-division/country:us' })
    expect(a.states.find((s) => s.code === 'OH')).toMatchObject({ inRegistry: true, value: 'permitted', layer: 'federal', decidedBy: 'ocd-division/country:us' })
  })

  it('agrees with the engine for every county that has a file and a sample of those without', () => {
    const sample = a.counties.filter((c, i) => c.inRegistry || i % 97 === 0)
    expect(sample.length).toBeGreaterThan(40)
    for (const c of sample) {
      const direct = engine.evaluate({ jurisdiction: c.jurisdiction, date: '2019-01-01', ...templateFacts('no-record', '2019-01-01') }).answers.hold
      expect(c.value, c.geoid).toBe(direct.value)
    }
  })
})

describe('287(g) agreements on the map', () => {
  it('counts the agreements in force on the date for each county, its own and its cities', async () => {
    const registry = await loadRegistryOrThrow(defaultRegistryDir())
    const frederick = 'ocd-division/country:us/state:md/county:frederick'
    if (!registry.jurisdictions.get(frederick)?.enactments.some((e) => e.id === 'md-287g-frederick-county-sheriff-jem')) return // generated files absent
    const atlas = await loadUsAtlas()
    const engine = createEngine(registry, { version: 'test' })
    const gazetteer = buildGazetteer(registry, atlas.input)
    const before = answersFor({ engine, gazetteer, date: '2020-06-08', action: 'interview', template: 'no-record' })
    const after = answersFor({ engine, gazetteer, date: '2025-08-01', action: 'interview', template: 'no-record' })
    expect(before.counties.find((c) => c.jurisdiction === frederick)).toMatchObject({ agreements287g: 0, layer: 'default' })
    expect(after.counties.find((c) => c.jurisdiction === frederick)).toMatchObject({ agreements287g: 1, layer: 'county', value: 'permitted' })
    expect(after.counties.filter((c) => c.agreements287g > 0).length).toBeGreaterThan(400)
    expect(before.counties.filter((c) => c.agreements287g > 0).length).toBeLessThan(after.counties.filter((c) => c.agreements287g > 0).length)
  })
})
