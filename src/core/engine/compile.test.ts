import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultRegistryDir, loadRegistryOrThrow } from '../../adapters/fs/index.ts'
import { fixtureFiles, fixtureRegistry } from '../../testing/fixture-registry.ts'
import { formatDay, parseDay } from '../dates/index.ts'
import { boundaryDays, buildRegistry, OFFENSE_CATEGORIES, type Registry } from '../registry/index.ts'
import { isoDay } from './compile.ts'
import { createEngine, parseCase, QUESTION_NAMES, questionKey, unpackCodes, VALUE_BY_CODE, type Case } from './index.ts'

describe('isoDay (the batch path’s allocation-free date reader)', () => {
  it('agrees with parseDay on every day from 1899 to 2101', () => {
    const wrong: string[] = []
    for (let d = parseDay('1899-12-20')!; d < parseDay('2101-01-10')!; d++) if (isoDay(formatDay(d)) !== d) wrong.push(formatDay(d))
    expect(wrong).toEqual([])
  })
  it('rejects what parseDay rejects', () => {
    const bad = ['2019-02-29', '1900-02-29', '2019-13-01', '2019-00-10', '2019-04-31', '2019-01-00', '0050-01-01', '2019-1-01', '2019/01/01', 'abcd-ef-gh', ' 2019-02-01', '2019-02-01\n', '', '+2019-01-1', '２０１９-01-01']
    for (const t of bad) expect([t, isoDay(t)]).toEqual([t, parseDay(t) ?? NaN])
    expect(isoDay(undefined)).toBeNaN()
    expect(isoDay('2000-02-29')).toBe(parseDay('2000-02-29'))
  })
  it('agrees with parseDay on random strings of digits and dashes', () => {
    let seed = 11
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const alphabet = '0123456789-'
    const wrong: string[] = []
    let valid = 0
    for (let i = 0; i < 20_000; i++) {
      const t = Array.from({ length: 10 }, (_, k) => ((k === 4 || k === 7) && rand() < 0.9 ? '-' : alphabet[Math.floor(rand() * alphabet.length)])).join('')
      const want = parseDay(t) ?? NaN
      if (!Object.is(isoDay(t), want)) wrong.push(t)
      if (!Number.isNaN(want)) valid++
    }
    expect(wrong).toEqual([])
    expect(valid).toBeGreaterThan(100)
  })
})

/** Cases over every jurisdiction of a registry, dates around every boundary day, and facts both given and missing. */
function generatedCases(registry: Registry, n: number, seed: number): Case[] {
  let s = seed
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const maybe = <T>(v: T, p = 0.15): T | undefined => (rand() < p ? undefined : v)
  const states = new Set<string>()
  for (const id of registry.jurisdictions.keys()) {
    const m = /^(ocd-division\/country:us\/state:[a-z]{2})/.exec(id)
    if (m) states.add(m[1]!)
  }
  const places = [...registry.jurisdictions.keys(), 'ocd-division/country:us', 'ocd-division/country:us/state:wy', ...[...states].flatMap((st) => [`${st}/county:nofile`, `${st}/place:nofile`])]
  const boundaries = boundaryDays([...registry.enactments.values()])
  const statutes = [...registry.offenseClasses.values()].flatMap((c) => c.statutes)
  const offense = (day: number) => ({
    category: pick(OFFENSE_CATEGORIES),
    level: maybe(pick(['felony', 'misdemeanor', 'infraction'] as const), 0.2),
    date: maybe(formatDay(day - Math.floor(rand() * 9000)), 0.2),
    ...(rand() < 0.15 && statutes.length ? { statute: `${pick(statutes)}${rand() < 0.5 ? '(a)' : ''}` } : rand() < 0.05 ? { statute: 'Unlisted Code 1' } : {}),
  })
  const out: Case[] = []
  for (let i = 0; i < n; i++) {
    const day = rand() < 0.6 && boundaries.length ? pick(boundaries) + Math.floor(rand() * 3) - 1 : parseDay('1995-01-01')! + Math.floor(rand() * 12000)
    const bool = (p = 0.5) => maybe(rand() < p)
    const list = () => (rand() < 0.1 ? undefined : Array.from({ length: Math.floor(rand() * 3) }, () => offense(day)))
    out.push({
      jurisdiction: pick(places),
      date: formatDay(day),
      custody: maybe(pick(['county-jail', 'city-jail', 'state-prison'] as const), 0.1),
      detainer: rand() < 0.05 ? undefined : { form: maybe(pick(['I-247', 'I-247A', 'I-247D', 'I-203']), 0.5), judicialWarrant: bool(0.3), judicialProbableCause: bool(0.2), reimbursementAgreement: bool(), writtenConsent: bool() },
      person: rand() < 0.05 ? undefined : { age: maybe(Math.floor(rand() * 80) + 12), convictions: list(), pendingCharges: list(), lawfulStatusProof: bool(0.2), gangDatabase: bool(0.2) },
    })
  }
  return out
}

function expectAgreement(registry: Registry, n: number, seed: number) {
  const engine = createEngine(registry, { version: 'test' })
  let undetermined = 0
  // questionKey: a jurisdiction answers every case as the one it shares its key with (here the
  // last in id order, so that the two differ as often as they can)
  const cases = generatedCases(registry, n, seed)
  const byKey = new Map<string, string>()
  for (const id of [...new Set([...registry.jurisdictions.keys(), ...cases.map((c) => c.jurisdiction)])].sort().reverse()) {
    for (const q of QUESTION_NAMES) if (!byKey.has(`${q} ${questionKey(registry, id, q)}`)) byKey.set(`${q} ${questionKey(registry, id, q)}`, id)
  }
  let shared = 0
  for (const c of cases) {
    const explained = engine.evaluate(c).answers
    const parsed = parseCase(c)
    const want = { hold: explained.hold.value, notify: explained.notify.value, interview: explained.interview.value }
    const fast = engine.decide(parsed)
    const got = { hold: VALUE_BY_CODE[fast.hold], notify: VALUE_BY_CODE[fast.notify], interview: VALUE_BY_CODE[fast.interview] }
    if (JSON.stringify(got) !== JSON.stringify(want)) expect({ case: c, got }).toEqual({ case: c, got: want })
    expect(unpackCodes(engine.decideAll(parsed))).toEqual(fast)
    expect(engine.decideQuestion(parsed, 'notify')).toBe(fast.notify)
    for (const q of QUESTION_NAMES) {
      expect(engine.decideInterpreted(parsed, q)).toBe(fast[q])
      const same = byKey.get(`${q} ${questionKey(registry, c.jurisdiction, q)}`)!
      if (same === c.jurisdiction) continue
      shared++
      expect({ case: c, q, same, value: engine.decideQuestion(parseCase({ ...c, jurisdiction: same }), q) }).toEqual({ case: c, q, same, value: fast[q] })
    }
    if (want.hold === 'undetermined') undetermined++
  }
  // The generator must exercise both decided and undetermined answers, and shared keys.
  expect(shared).toBeGreaterThan(n / 10)
  expect(undetermined).toBeGreaterThan(n / 20)
  expect(undetermined).toBeLessThan(n * 0.9)
}

describe('batch path agrees with the explained path', () => {
  it('on generated cases over the fixture registry', () => {
    expectAgreement(fixtureRegistry(), 5000, 3)
  })
  it('on generated cases over the fixture registry with state X (a limit with an exception, an unknown jail county)', () => {
    const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
    const extra = ['us/state-xx.yaml', 'us/state-xx/place-sigma.yaml'].map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }))
    const { registry } = buildRegistry([...fixtureFiles(), ...extra])
    expectAgreement(registry!, 5000, 4)
  })
  it('on generated cases over the real registry', async () => {
    const registry = await loadRegistryOrThrow(defaultRegistryDir())
    expectAgreement(registry, 12_000, 5)
  })
})
