/**
 * The draft's simulated effect on a small fixture written here, checked against evaluating every
 * record on its own; and on the real Pennsylvania records when the shared data folder is present.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultRegistryDir, loadRegistryOrThrow } from '../../adapters/fs/index.ts'
import { createEngine, VALUE_CODES, type Engine, type ParsedCase } from '../../core/engine/index.ts'
import { parseDay } from '../../core/dates/index.ts'
import type { Registry } from '../../core/registry/index.ts'
import { checkDraft, clauseTemplate, parseDraft } from '../../core/toolkit/index.ts'
import { runImport, type DetainerRecord } from '../import/index.ts'
import { caseFacts, loadCountyNames } from '../simulate/index.ts'
import { fixtureRecords, writeFixture } from '../simulate/test-fixture.ts'
import { loadRecordGroups, simulateDraft } from './index.ts'

const PHILADELPHIA = 'ocd-division/country:us/state:pa/county:philadelphia'
const PA_STATE = 'ocd-division/country:us/state:pa'
const CENTRE = 'ocd-division/country:us/state:pa/county:centre'
const COUNTIES = [{ geoid: '42027', name: 'Centre County', shortName: 'Centre', state: 'pa' }]
const dir = mkdtempSync(join(tmpdir(), 'sanctuary-toolkit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let registry: Registry
let law: Engine
beforeAll(async () => {
  registry = await loadRegistryOrThrow(defaultRegistryDir())
  law = createEngine(registry, { version: 'test' })
})

const warrantDraft = () => parseDraft({ provisions: [clauseTemplate('hold-judicial-warrant', {}), clauseTemplate('hold-listed-convictions', { categories: ['homicide'] })] }, registry)

describe('simulated effect of a draft (fixture records)', () => {
  it('equals evaluating every record on its own, under the law and the draft', async () => {
    const records: DetainerRecord[] = fixtureRecords(3000, 11, 'pa', { factPool: 40 }).map((r, i) => ({ ...r, state: 'pa', county_geoid: '42027', place_geoid: null, record_id: `r${i}` }))
    const file = await writeFixture(records, 'pa.parquet', dir)
    const groups = await loadRecordGroups([file], registry, COUNTIES)
    const check = checkDraft({ registry, engineVersion: 'test', lawEngine: law }, warrantDraft(), CENTRE, '2016-01-01')
    const effect = simulateDraft(groups, { law, draft: check.engine, jurisdiction: CENTRE, jurisdictionName: 'Centre County', state: PA_STATE, action: 'hold', scope: { kind: 'auto' } })
    expect(effect.scope).toBe('jurisdiction')
    const expected = { law: [0, 0, 0, 0], draft: [0, 0, 0, 0] }
    for (const r of records) {
      const facts = caseFacts(r)
      const day = r.event_date ? parseDay(r.event_date)! : null
      const at = (e: Engine) => (day === null ? VALUE_CODES.undetermined : e.decideQuestion({ ...facts, jurisdiction: CENTRE, date: r.event_date!, day } as ParsedCase, 'hold'))
      expected.law[at(law)]!++
      expected.draft[at(check.engine)]!++
    }
    expect(effect.records).toBe(3000)
    const held = (c: number[]) => ({ lower: c[0]! + c[1]!, upper: c[0]! + c[1]! + c[3]! })
    expect(effect.law!.held).toEqual(held(expected.law))
    expect(effect.draft!.held).toEqual(held(expected.draft))
    // no state or county file: the law permits; the draft bars holds without a warrant
    expect(effect.draft!.held.lower!).toBeLessThan(effect.law!.held.lower!)
    expect(effect.matchRate[0]).toMatchObject({ source: 'pa', records: 3000, linked: 3000, rate: 1 })
  })

  it('suppresses small counts and falls back to the state, or takes a peer', async () => {
    const few: DetainerRecord[] = fixtureRecords(7, 3, 'pa').map((r, i) => ({ ...r, state: 'pa', county_geoid: '42027', place_geoid: null, record_id: `f${i}` }))
    const file = await writeFixture(few, 'few.parquet', dir)
    const groups = await loadRecordGroups([file], registry)
    const check = checkDraft({ registry, engineVersion: 'test', lawEngine: law }, warrantDraft(), PHILADELPHIA, '2016-01-01')
    const effect = simulateDraft(groups, { law, draft: check.engine, jurisdiction: PHILADELPHIA, jurisdictionName: 'Philadelphia', state: PA_STATE, action: 'hold', scope: { kind: 'auto' } })
    expect(effect.scope).toBe('state')
    expect(effect.records).toBeNull()
    expect(effect.law!.held.lower).toBeNull()
    expect(effect.matchRate[0]!.records).toBeNull()
    const peer = simulateDraft(groups, { law, draft: check.engine, jurisdiction: PHILADELPHIA, jurisdictionName: 'Philadelphia', state: PA_STATE, action: 'hold', scope: { kind: 'peer', peer: 'ocd-division/country:us/state:pa/county:no_such' } })
    expect(peer).toMatchObject({ scope: 'peer', records: 0 })
  })

  it('names the file and field of a bad input', async () => {
    await expect(loadRecordGroups([join(dir, 'missing.parquet')], registry)).rejects.toMatchObject({ code: 'not-found' })
  })
})

const DATA = process.env.SANCTUARY_SHARED_DATA ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url))
const PA = join(DATA, 'pa-detainers/pa_detainers.csv')

describe.skipIf(!existsSync(PA))('simulated effect on the real Pennsylvania records', () => {
  it('a draft for a Pennsylvania county shows its effect with bounds and the match rate', async () => {
    const out = join(dir, 'pa-real.parquet')
    await runImport({ format: 'pa', paths: [PA], out, crosswalks: DATA, progress: { update: () => undefined, done: () => undefined } })
    const groups = await loadRecordGroups([out], registry, await loadCountyNames(DATA))
    const lancaster = 'ocd-division/country:us/state:pa/county:lancaster'
    const check = checkDraft({ registry, engineVersion: 'test', lawEngine: law }, warrantDraft(), lancaster, '2012-01-01')
    const effect = simulateDraft(groups, { law, draft: check.engine, jurisdiction: lancaster, jurisdictionName: check.jurisdictionName, state: PA_STATE, action: 'hold', scope: { kind: 'auto' } })
    console.log(JSON.stringify({ records: effect.records, law: effect.law, draft: effect.draft, matchRate: effect.matchRate }))
    expect(effect.scope).toBe('jurisdiction')
    expect(effect.records!).toBeGreaterThan(100)
    expect(effect.matchRate[0]!.rate!).toBeGreaterThan(0.99)
    expect(effect.draft!.held.lower!).toBeLessThan(effect.draft!.held.upper!)
    expect(effect.draft!.held.lower!).toBeLessThanOrEqual(effect.law!.held.lower!)
  }, 120_000)
})
