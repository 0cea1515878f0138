/**
 * The simulator's grouped evaluation against a naive one: every generated record evaluated on its
 * own date, in its own place, by the engine, then counted. They must agree exactly, for the law
 * and for both kinds of counterfactual, over the project's registry.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultRegistryDir, fsLawSource, loadRegistryOrThrow, readRegistryFiles } from '../../adapters/fs/index.ts'
import { parseDay } from '../../core/dates/index.ts'
import { createEngine, type Engine } from '../../core/engine/index.ts'
import { boundaryDays, type Registry } from '../../core/registry/index.ts'
import type { DetainerRecord } from '../import/index.ts'
import { caseFacts } from './facts.ts'
import { Places, targetsFor } from './places.ts'
import { parseAsOption, resolveCounterfactual } from './scenario.ts'
import { fixtureRecords, writeFixture } from './test-fixture.ts'
import { runSimulation } from './run.ts'
import { practiceGroup, unpackAtom, UNDETERMINED, type SimulationTable } from './table.ts'
import { simulate } from './simulate.ts'
import { protectionOf, publishReport } from './publish.ts'

const lawSource = fsLawSource()
let registry: Registry
let files: string[]
let records: Array<{ file: number; record: DetainerRecord }>

beforeAll(async () => {
  registry = await loadRegistryOrThrow(defaultRegistryDir())
  // half the records with facts from a pool of a few combinations (many records per kind, on both
  // sides of every boundary day), half with facts drawn freely (every fact value and null)
  const lesa = [...fixtureRecords(1250, 11, 'ice-lesa', { factPool: 6 }), ...fixtureRecords(1250, 13, 'ice-lesa')]
  const pa = [...fixtureRecords(750, 12, 'pa', { factPool: 4 }), ...fixtureRecords(750, 14, 'pa')]
  const dir = join(await writeFixture([], 'empty.parquet').then((p) => p.replace(/empty\.parquet$/, '')))
  files = [await writeFixture(lesa, 'lesa.parquet', dir), await writeFixture(pa, 'pa.parquet', dir)]
  records = [...lesa.map((record) => ({ file: 0, record })), ...pa.map((record) => ({ file: 1, record }))]
})

/** The naive count: one engine answer per record and target, on the record's own day. */
function naive(
  law: Engine,
  cf: { kind: 'jurisdiction'; engine: Engine; id: string; day: number } | { kind: 'policy'; engine: Engine; registry: Registry } | null,
  places: Places,
): Map<string, number> {
  const counts = new Map<string, number>()
  const common = (engine: Engine, ids: readonly string[], day: number, facts: ReturnType<typeof caseFacts>, date: string) => {
    const values = new Set(ids.map((id) => engine.decideQuestion({ ...facts, jurisdiction: id, date, day }, 'hold')))
    return values.size === 1 ? [...values][0]! : UNDETERMINED
  }
  for (const { file, record } of records) {
    const loc = places.resolve({ state: record.state, county: record.county_geoid, place: record.place_geoid })
    const facts = caseFacts(record)
    const day = record.event_date === null ? null : parseDay(record.event_date)!
    const lawCode = day === null ? UNDETERMINED : common(law, targetsFor(registry, loc, record.custody), day, facts, record.event_date!)
    let cfCode = 0
    if (cf?.kind === 'jurisdiction') cfCode = cf.engine.decideQuestion({ ...facts, jurisdiction: cf.id, date: '2018-01-01', day: cf.day }, 'hold')
    if (cf?.kind === 'policy') cfCode = day === null ? UNDETERMINED : common(cf.engine, targetsFor(cf.registry, loc, record.custody), day, facts, record.event_date!)
    const month = record.event_date?.slice(0, 7) ?? 'unknown'
    const key = `${loc.cell}|${month}|${file}|${record.source}|${lawCode}|${cfCode}|${practiceGroup(record.practice_outcome)}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

function tableCounts(table: SimulationTable): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i < table.atoms.length; i++) {
    const cell = table.cells[table.atoms.cell[i]!]!
    const a = unpackAtom(table.atoms.key[i]!)
    const origin = table.origins[a.origin]!
    const key = `${table.jurisdictions[cell.jurisdiction]!.id}|${cell.month}|${origin.file}|${table.sources[origin.source]}|${a.law}|${a.cf}|${a.practice}`
    counts.set(key, (counts.get(key) ?? 0) + table.atoms.count[i]!)
  }
  return counts
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b))

describe('simulate: grouped evaluation equals per-record evaluation', () => {
  it('under the law and another jurisdiction’s law on a date', async () => {
    const table = await runSimulation({ inputs: files, registry, law: lawSource, counterfactual: { kind: 'jurisdiction', jurisdiction: 'California', date: '2018-01-01' } })
    const engine = createEngine(registry, { version: 'test' })
    const expected = naive(engine, { kind: 'jurisdiction', engine, id: 'ocd-division/country:us/state:ca', day: parseDay('2018-01-01')! }, new Places(registry))
    expect(sorted(tableCounts(table))).toEqual(sorted(expected))
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBe(4000)
    // the fixture reaches every answer, or the comparison would prove little
    const laws = new Set([...expected.keys()].map((k) => k.split('|')[4]))
    expect(laws).toEqual(new Set(['0', '1', '2', '3']))
    expect(table.stats.distinctCombinations).toBeLessThan(4000)
  })

  it('under a policy file that replaces a jurisdiction, on each record’s own date and place', async () => {
    const policy = join(files[0]!.replace(/lesa\.parquet$/, ''), 'policy-tx.yaml')
    writeFileSync(policy, POLICY_TX)
    const table = await runSimulation({ inputs: files, registry, law: lawSource, counterfactual: { kind: 'policy', file: policy } })
    const resolved = await resolveCounterfactual({ kind: 'policy', file: policy }, registry, lawSource)
    if (resolved.kind !== 'policy') throw new Error('expected a policy')
    expect(resolved.spec.replaced).toBe(true)
    const places = new Places([registry, resolved.registry])
    const expected = naive(createEngine(registry, { version: 'test' }), { kind: 'policy', engine: createEngine(resolved.registry, { version: 'test' }), registry: resolved.registry }, places)
    expect(sorted(tableCounts(table))).toEqual(sorted(expected))
    // the policy changes Texas answers and nothing else
    const differs = [...expected.keys()].filter((k) => k.split('|')[4] !== k.split('|')[5])
    expect(differs.length).toBeGreaterThan(0)
    expect(differs.every((k) => k.startsWith('ocd-division/country:us/state:tx') || k.startsWith('unlinked'))).toBe(true)
  })

  it('publishes the same totals, with nothing between 1 and 10', async () => {
    const report = await simulate({ inputs: files, registry, law: lawSource, counterfactual: { kind: 'jurisdiction', jurisdiction: 'ocd-division/country:us/state:ca', date: '2018-01-01' } })
    expect(report.totals.records).toBe(4000)
    const law = report.totals.byScenario.law!
    expect(law.held.lower! + law.prohibited! + law.undetermined!).toBe(4000)
    expect(law.held.upper).toBe(law.held.lower! + law.undetermined!)
    const numbers: number[] = []
    const collect = (v: unknown): void => {
      if (typeof v === 'number') numbers.push(v)
      else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => k !== 'stats' && k !== 'minCell' && k !== 'matchRate' && collect(x))
    }
    collect({ ...report, stats: undefined })
    expect(numbers.length).toBeGreaterThan(100)
    expect(numbers.filter((n) => n >= 1 && n <= 10)).toEqual([])
    expect(report.linking.map((l) => l.source)).toEqual(['ice-lesa', 'pa'])
    expect(report.lawVsPractice.length).toBeGreaterThan(0)
  })

  it('protects the fixture files exactly as the full witness search does', async () => {
    for (const counterfactual of [undefined, { kind: 'jurisdiction' as const, jurisdiction: 'ocd-division/country:us/state:ca', date: '2018-01-01' }]) {
      const table = await runSimulation({ inputs: files, registry, law: lawSource, ...(counterfactual ? { counterfactual } : {}) })
      const fast = protectionOf(table)
      const full = protectionOf(table, undefined, { search: 'full' })
      expect(fast.total).toBeGreaterThan(100)
      expect(Buffer.from(fast.suppressed).equals(Buffer.from(full.suppressed))).toBe(true)
      expect([...fast.witnessOf]).toEqual([...full.witnessOf])
      expect(fast.witnesses).toEqual(full.witnesses)
    }
  })
})

describe('simulate over many places, next to the law’s boundary days', () => {
  it('counts what per-record evaluation counts, and publishes no small number', async () => {
    // every registry county and place with a GEOID (a place in its jail county when the registry
    // knows it), a county without a file in each of their states, and unlinked records
    const byId = new Map([...registry.jurisdictions.values()].map((j) => [j.id, j]))
    const places: Array<readonly [string | null, string | null, string | null]> = [['tx', null, null], ['ny', null, null], [null, null, null]]
    const states = new Set<string>()
    for (const j of registry.jurisdictions.values()) {
      const state = /\/state:([a-z]{2})/.exec(j.id)?.[1]
      if (!state || j.geoid.kind !== 'known') continue
      const code = j.geoid.value.code
      if (j.level === 'county' && code.length === 5) places.push([state, code, null])
      if (j.level === 'place' && code.length === 7) {
        const jail = j.jailCounty?.kind === 'known' ? byId.get(j.jailCounty.value) : undefined
        const county = jail?.geoid.kind === 'known' && jail.geoid.value.code.length === 5 ? jail.geoid.value.code : `${code.slice(0, 2)}999`
        places.push([state, county, code])
      }
      if (!states.has(state)) places.push([state, `${code.slice(0, 2)}998`, null])
      states.add(state)
    }
    expect(places.length).toBeGreaterThan(200)
    const boundaries = boundaryDays([...registry.enactments.values()]).filter((d) => d >= parseDay('2008-01-01')! && d <= parseDay('2025-12-31')!)
    const many = [
      ...fixtureRecords(3000, 21, 'ice-lesa', { places, nearDays: boundaries, factPool: 5 }),
      ...fixtureRecords(3000, 22, 'pa', { places, nearDays: boundaries }),
    ]
    const dir = join(files[0]!.replace(/lesa\.parquet$/, ''))
    const file = await writeFixture(many, 'many-places.parquet', dir)
    const saved = records
    records = many.map((record) => ({ file: 0, record }))
    try {
      const counterfactual = { kind: 'jurisdiction' as const, jurisdiction: 'ocd-division/country:us/state:ca', date: '2018-01-01' }
      const table = await runSimulation({ inputs: [file], registry, law: lawSource, counterfactual })
      const engine = createEngine(registry, { version: 'test' })
      const expected = naive(engine, { kind: 'jurisdiction', engine, id: counterfactual.jurisdiction, day: parseDay(counterfactual.date)! }, new Places(registry))
      expect(sorted(tableCounts(table))).toEqual(sorted(expected))
      expect(new Set([...expected.keys()].map((k) => k.split('|')[4]))).toEqual(new Set(['0', '1', '2', '3']))
      // records of many jurisdictions share one answer: fewer distinct ones than records
      expect(table.jurisdictions.length).toBeGreaterThan(200)
      expect(table.stats.distinctCombinations).toBeLessThan(many.length)
      // small cells: most are withheld, none publishes a number of 1 to 10, and the search
      // decides as the full search does
      const fast = protectionOf(table)
      const full = protectionOf(table, undefined, { search: 'full' })
      expect(Buffer.from(fast.suppressed).equals(Buffer.from(full.suppressed))).toBe(true)
      expect(fast.witnesses).toEqual(full.witnesses)
      const report = publishReport(table)
      expect(report.cells.filter((c) => c.suppressed).length).toBeGreaterThan(report.cells.length / 2)
      const small: number[] = []
      const collect = (v: unknown): void => {
        if (typeof v === 'number' && v >= 1 && v <= 10) small.push(v)
        else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => k !== 'stats' && k !== 'minCell' && k !== 'matchRate' && collect(x))
      }
      collect(report)
      expect(small).toEqual([])
    } finally {
      records = saved
    }
  })
})

describe('--as names go through the one name resolver', () => {
  it('takes a name with its state, refuses an ID of nothing real and offers a choice for an ambiguous name', async () => {
    expect(parseAsOption('jurisdiction=Harris County, TX,date=2018-01-01')).toEqual({ kind: 'jurisdiction', jurisdiction: 'Harris County, TX', date: '2018-01-01' })
    const harris = await resolveCounterfactual(parseAsOption('jurisdiction=Harris County, TX,date=2018-01-01'), registry, lawSource)
    expect(harris.spec).toMatchObject({ jurisdiction: 'ocd-division/country:us/state:tx/county:harris', jurisdictionName: 'Harris County, TX' })
    await expect(resolveCounterfactual({ kind: 'jurisdiction', jurisdiction: 'ocd-division/country:us/state:zz/county:nowhere', date: '2018-01-01' }, registry, lawSource)).rejects.toMatchObject({
      code: 'not-found',
      location: { field: 'counterfactual.jurisdiction' },
    })
    await expect(resolveCounterfactual({ kind: 'jurisdiction', jurisdiction: 'Washington County', date: '2018-01-01' }, registry, lawSource)).rejects.toMatchObject({
      code: 'invalid-input',
      candidates: expect.arrayContaining([expect.objectContaining({ id: 'ocd-division/country:us/state:or/county:washington' })]),
    })
  })

  it('resolves a registry file\'s OCD ID without the name index exactly as the index resolves it', async () => {
    const names = await lawSource.names(registry)
    const { requireJurisdiction } = await import('../../core/names/index.ts')
    const { nameWithState } = await import('../../core/ocd/index.ts')
    for (const id of registry.jurisdictions.keys()) {
      const fast = await resolveCounterfactual({ kind: 'jurisdiction', jurisdiction: ` ${id} `, date: '2018-01-01' }, registry, lawSource)
      const found = requireJurisdiction(names, id, { field: 'counterfactual.jurisdiction' })
      const file = registry.jurisdictions.get(found.jurisdiction)!
      expect(fast.spec).toEqual({ kind: 'jurisdiction', jurisdiction: found.jurisdiction, jurisdictionName: nameWithState(found.jurisdiction, file.name), date: '2018-01-01' })
    }
  })
})

describe('simulate: bad input', () => {
  it('names the file and the field', async () => {
    await expect(runSimulation({ inputs: ['/nonexistent/x.parquet'], registry, law: lawSource })).rejects.toMatchObject({ code: 'not-found', location: { file: '/nonexistent/x.parquet' } })
    const bad = await writeFixture(fixtureRecords(20, 3, 'pa').map((r) => ({ ...r, state: r.state ? 'PA' : null })), 'bad.parquet')
    await expect(runSimulation({ inputs: [bad], registry, law: lawSource })).rejects.toMatchObject({ code: 'invalid-input', location: { file: bad, field: 'state' } })
    await expect(runSimulation({ inputs: files, registry, law: lawSource, counterfactual: { kind: 'jurisdiction', jurisdiction: 'Qqxz Nowhere', date: '2018-01-01' } })).rejects.toMatchObject({
      code: 'not-found',
      location: { field: 'counterfactual.jurisdiction' },
    })
    await expect(runSimulation({ inputs: files, registry, law: lawSource, counterfactual: { kind: 'jurisdiction', jurisdiction: 'California', date: '2018-02-30' } })).rejects.toMatchObject({
      location: { field: 'counterfactual.date' },
    })
  })

  it('rejects a policy file that does not check, naming the policy file and line', async () => {
    const policy = join(files[0]!.replace(/lesa\.parquet$/, ''), 'policy-bad.yaml')
    writeFileSync(policy, POLICY_TX.replace('level: state', 'level: planet'))
    await expect(runSimulation({ inputs: files, registry, law: lawSource, counterfactual: { kind: 'policy', file: policy } })).rejects.toMatchObject({ code: 'invalid-input', location: { file: policy } })
    void readRegistryFiles
  })
})

/** A Texas file whose only enactment prohibits holds without a judicial warrant from 2016 on (a test policy, not a law). */
const POLICY_TX = `id: ocd-division/country:us/state:tx
name: Texas
level: state
geoid:
  code: '48'
  vintage: 2020
  sources:
    - url: https://example.org/test-policy
      quote: Test policy for the simulator's tests.
confidence: low
enactments:
  - id: tx-test-policy
    title: Test policy (judicial warrant for holds)
    kind: statute
    citation: Test policy 1
    enacted: '2015-06-01'
    effective: '2016-01-01'
    confidence: low
    sources:
      - url: https://example.org/test-policy
        quote: Test policy for the simulator's tests.
    provisions:
      - id: tx-test-policy-hold
        action: detainer-hold
        effect: prohibit
        summary: No hold on a detainer unless a judicial warrant accompanies it.
        custody: [county-jail, city-jail]
        unless:
          fact: detainer.judicialWarrant
          equals: true
        confidence: low
        sources:
          - url: https://example.org/test-policy
            quote: Test policy for the simulator's tests.
`
