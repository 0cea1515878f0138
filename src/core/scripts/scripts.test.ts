import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultRegistryDir, loadRegistryOrThrow } from '../../adapters/fs/index.ts'
import { inForceProvisions, templateCase } from '../answers/index.ts'
import { parseDay } from '../dates/index.ts'
import { createEngine } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'
import { curatedRecords, whoDecides, type Membership, type Organization, type Person, type Post, type Seat, type SourceRef } from '../officials/index.ts'
import { ASK_PLACEHOLDER, buildScript, postPowers, scriptText } from './index.ts'

const FRESNO = 'ocd-division/country:us/state:ca/county:fresno'
const CA = 'ocd-division/country:us/state:ca'
const SHERIFF_POST = `post:sheriff/${FRESNO}`
const hifld: SourceRef = { dataset: 'hifld-law-enforcement', file: 'local_law_enforcement_locations.csv', version: 'fixture', line: 2 }

const registry = await loadRegistryOrThrow(defaultRegistryDir())
const engine = createEngine(registry, { version: 'test' })

/** The curated Fresno entry as the importer reads it, joined to a sheriff's post and office like HIFLD's. */
function fresnoSeats(): Seat[] {
  const text = readFileSync(new URL('../../../officials/us/state-ca/county-fresno.yaml', import.meta.url), 'utf8')
  const { records, diagnostics } = curatedRecords([{ path: 'us/state-ca/county-fresno.yaml', text }], 'fixture')
  expect(diagnostics).toEqual([])
  const person = records.find((r): r is Person => r.kind === 'person')!
  const membership = records.find((r): r is Membership => r.kind === 'membership')!
  const office: Organization = { kind: 'organization', id: 'hifld:1', name: 'Fresno County Sheriffs Office', classification: 'sheriff-office', division: FRESNO, contacts: [{ kind: 'phone', value: '(559) 555-0100' }, { kind: 'address', value: '1 Test Street, Fresno, CA' }], identifiers: {}, source: hifld }
  const post: Post = { kind: 'post', id: membership.postId, organizationId: office.id, role: 'sheriff', label: 'Sheriff of Fresno County, CA', division: FRESNO, source: hifld }
  const governor: Post = { kind: 'post', id: 'post:governor/ca', organizationId: 'ca-exec', role: 'governor', label: 'Governor of California', division: CA, holderUnknownReason: 'fixture', source: hifld }
  return [
    { kind: 'seat', post, organization: office, holders: [{ person, membership }] },
    { kind: 'seat', post: governor, holders: [] },
  ]
}

const DAY = '2026-12-07'
const who = (day = DAY) =>
  whoDecides({
    jurisdiction: { id: FRESNO, name: 'Fresno County, CA', level: 'county', stateName: 'California' },
    jailCounty: { kind: 'known', id: FRESNO, name: 'Fresno County, CA' },
    asOf: day,
    seats: fresnoSeats(),
    organizations: [],
    law: inForceProvisions(registry, FRESNO, parseDay(day)!),
  })

describe('buildScript for the Fresno County sheriff', () => {
  const script = buildScript({ engine, who: who(), target: { kind: 'post', id: SHERIFF_POST }, question: 'hold', asOf: DAY })

  it('names the sheriff, the office and every contact point with its source', () => {
    expect(script.official).toMatchObject({ office: 'Sheriff of Fresno County, CA', role: 'sheriff', holders: [{ name: 'John Zanoni' }] })
    expect(script.official.contacts.map((c) => [c.contact.kind, c.of, c.source.dataset])).toEqual([
      ['website', 'John Zanoni', 'curated'],
      ['phone', 'Fresno County Sheriffs Office', 'hifld-law-enforcement'],
      ['address', 'Fresno County Sheriffs Office', 'hifld-law-enforcement'],
    ])
    expect(script.official.holders[0]!.source.url).toMatch(/^https:\/\/fresnocounty\.legistar\.com\//)
  })

  it('states the engine’s answers with citations, the same as evaluating each template', () => {
    expect(script.law.jurisdiction).toBe(FRESNO)
    expect(script.law.answers).toHaveLength(4)
    for (const a of script.law.answers) {
      const direct = engine.evaluate(templateCase({ template: a.template.id, jurisdiction: FRESNO, date: DAY })).answers.hold
      expect([a.value, a.maxHours, a.citedBy]).toEqual([direct.value, direct.maxHours ?? null, direct.citations.map((c) => c.provision)])
      expect(a.citedBy.every((id) => script.law.citations.some((c) => c.provision === id))).toBe(true)
    }
    expect(script.law.answers.map((a) => a.value)).toEqual(['prohibited', 'prohibited', 'prohibited', 'permitted'])
    expect(script.law.citations.map((c) => c.provision)).toContain('ca-sb54-hold')
  })

  it('derives what the sheriff cannot change from the state law above the county', () => {
    const cannot = script.powers.filter((p) => p.kind === 'cannot')
    expect(cannot.some((p) => p.basis.some((b) => b.provision === 'ca-sb54-hold') && /cannot lift a state prohibition/.test(p.text))).toBe(true)
    expect(script.powers[0]).toMatchObject({ kind: 'can', text: expect.stringMatching(/sets the jail’s policies/) })
  })

  it('leaves the ask to the caller', () => {
    expect(script.ask).toBe(ASK_PLACEHOLDER)
    expect(script.lines).toContain(ASK_PLACEHOLDER)
    expect(script.lines.join(' ')).not.toMatch(/\b(urge|demand|please (stop|end|support|oppose))\b/i)
  })

  it('prints as text (snapshot; the registry version masked, since every registry edit changes it)', async () => {
    await expect(scriptText(script).replace(registry.version, '<registry version>')).toMatchFileSnapshot('./__snapshots__/fresno-sheriff-hold-2026-12-07.txt')
  })

  it('finds the same seat by the person’s id', () => {
    const byPerson = buildScript({ engine, who: who(), target: { kind: 'person', id: script.official.holders[0]!.personId }, question: 'hold', asOf: DAY })
    expect(byPerson.official.postId).toBe(SHERIFF_POST)
  })
})

describe('buildScript refuses bad input, naming the field', () => {
  const fail = (f: () => unknown) => {
    try {
      f()
    } catch (e) {
      return e instanceof AppError ? [e.code, e.location.field] : ['not an AppError']
    }
    return ['no error']
  }
  it('an unknown question, post or person, and a bad date', () => {
    expect(fail(() => buildScript({ engine, who: who(), target: { kind: 'post', id: SHERIFF_POST }, question: 'arrest', asOf: DAY }))).toEqual(['invalid-input', 'question'])
    expect(fail(() => buildScript({ engine, who: who(), target: { kind: 'post', id: 'post:sheriff/nowhere' }, question: 'hold', asOf: DAY }))).toEqual(['not-found', 'post'])
    expect(fail(() => buildScript({ engine, who: who(), target: { kind: 'person', id: 'curated:nobody' }, question: 'hold', asOf: DAY }))).toEqual(['not-found', 'official'])
    expect(fail(() => buildScript({ engine, who: who(), target: { kind: 'post', id: SHERIFF_POST }, question: 'hold', asOf: '2026-02-30' }))).toEqual(['invalid-input', 'date'])
  })
  it('a holder not yet in office on the day is not found by person', () => {
    expect(fail(() => buildScript({ engine, who: who('2020-01-01'), target: { kind: 'person', id: 'curated:state-ca-county-fresno/john-zanoni' }, question: 'hold', asOf: '2020-01-01' }))).toEqual(['not-found', 'official'])
  })
})

describe('postPowers', () => {
  const p = (layer: string, effect: string, extra: object = {}) => ({ provision: `${layer}-${effect}`, enactment: 'e', title: `${layer} ${effect}`, citation: null, jurisdiction: 'j', layer, effect, summary: 'S.', inForce: 'yes', missing: [], maxHours: null, confidence: 'high', url: 'https://example.gov', quote: 'q', ...extra }) as never
  const kinds = (role: Parameters<typeof postPowers>[0]['role'], law: never[], preemption: never[] = []) =>
    postPowers({ role, question: 'Holding a person on an ICE detainer', law, preemption, registry, asOf: DAY }).map((s) => `${s.kind}: ${s.text}`)

  it('a state requirement binds a sheriff; a state ban on local limits bars a county rule', () => {
    expect(kinds('sheriff', [p('state', 'require')]).some((t) => t.startsWith('cannot: Cannot decline what state law requires'))).toBe(true)
    const banned = kinds('county-board-member', [p('federal', 'permit')], [p('state', 'prohibit')])
    expect(banned.some((t) => t.startsWith('cannot: Cannot adopt a county rule that limits cooperation'))).toBe(true)
    expect(banned.some((t) => t.startsWith('can: Can limit or decline it'))).toBe(false)
    expect(banned).toContain('cannot: Cannot act alone: the county’s governing body acts as a body.')
  })
  it('only a permission above leaves room to narrow it; nothing above is said to be unknown', () => {
    expect(kinds('sheriff', [p('federal', 'permit')]).some((t) => t.startsWith('can: Can limit or decline it'))).toBe(true)
    expect(kinds('sheriff', []).some((t) => t.startsWith('unknown: No state or federal provision in the registry addresses'))).toBe(true)
    expect(kinds('police-chief', [])[0]).toBe('unknown: The registry does not say which rules this post adopts on this question.')
  })
  it('a state legislator is bound by federal law, not by the state’s own', () => {
    const t = kinds('state-senator', [p('federal', 'prohibit'), p('state', 'permit')])
    expect(t.some((x) => x.startsWith('cannot: Cannot permit what federal law prohibits'))).toBe(true)
    expect(t.some((x) => /state permit/.test(x) && x.startsWith('cannot'))).toBe(false)
  })
})
