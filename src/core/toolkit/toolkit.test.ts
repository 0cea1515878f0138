import { beforeAll, describe, expect, it } from 'vitest'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow } from '../../adapters/fs/index.ts'
import { AppError } from '../errors/index.ts'
import type { FederalData } from '../federal/index.ts'
import type { Registry } from '../registry/index.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { buildCatalog, checkDraft, clauseKindsOf, clauseTemplate, composerDraft, composerQuery, composerState, draftFromEnactment, draftMarkdown, draftYaml, parseDraft, peersOf, CLAUSE_KINDS } from './index.ts'
import { parse } from 'yaml'
import { conditionJson } from '../registry/index.ts'

let registry: Registry
let federal: FederalData
beforeAll(async () => {
  registry = await loadRegistryOrThrow(defaultRegistryDir())
  federal = await loadFederalOrThrow(defaultRegistryDir(), registry)
})

const TRAVIS = 'ocd-division/country:us/state:tx/county:travis'
const MULTNOMAH = 'ocd-division/country:us/state:or/county:multnomah'
const MIAMI_DADE = 'ocd-division/country:us/state:fl/county:miami-dade'

function invalid(f: () => unknown): AppError {
  try {
    f()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

describe('catalog', () => {
  it('derives clause kinds from the structured form, not from names', () => {
    const sb54 = registry.provisions.get('ca-sb54-hold')!
    expect(clauseKindsOf(sb54, { level: 'state' })).toContain('hold-judicial-warrant')
    // the same structure at the county level carries the clause, the state-mandate kind needs a state
    const mandate = registry.provisions.get('tx-sb4-hold')!
    expect(clauseKindsOf(mandate, { level: 'state' })).toContain('state-honour-detainers')
    expect(clauseKindsOf(mandate, { level: 'county' })).not.toContain('state-honour-detainers')
    expect(clauseKindsOf({ ...mandate, effect: 'prohibit', unless: { kind: 'fact', path: 'detainer.judicialWarrant', tests: [{ kind: 'equals', value: true }] } }, { level: 'county' })).toEqual(['hold-judicial-warrant'])
  })

  it('lists every clause kind with adopters in date order, and variants covering them', () => {
    const catalog = buildCatalog(registry)
    expect(catalog.clauses.map((c) => c.kind)).toEqual([...CLAUSE_KINDS])
    for (const c of catalog.clauses) {
      const days = c.adopters.filter((a) => a.from).map((a) => a.from!)
      expect([...days].sort((a, b) => a.localeCompare(b))).toEqual(days)
      expect(c.variants.reduce((n, v) => n + v.adopters.length, 0)).toBe(c.adopters.length)
      for (const a of c.adopters) expect(a.quotes.length).toBeGreaterThan(0)
    }
    const warrant = catalog.clauses.find((c) => c.kind === 'hold-judicial-warrant')!
    expect(warrant.adopters.map((a) => a.provision)).toContain('ca-sb54-hold')
    expect(catalog.clauses.find((c) => c.kind === 'ban-local-limits')!.adopters.map((a) => a.provision)).toContain('tx-sb4-preemption')
  })

  it('works on the fixture registry too', () => {
    const c = buildCatalog(fixtureRegistry())
    expect(c.clauses.length).toBe(CLAUSE_KINDS.length)
  })

  it('finds peers in the same state first', () => {
    const catalog = buildCatalog(registry)
    const peers = peersOf(catalog, 'ocd-division/country:us/state:ca/county:fresno', 'hold-judicial-warrant')
    expect(peers[0]!.relation).toBe('same-state')
    expect(peers.every((p) => p.adopter.jurisdiction !== 'ocd-division/country:us/state:ca/county:fresno')).toBe(true)
    expect(peers.some((p) => p.relation === 'same-level' && p.adopter.level === 'county' && p.adopter.state !== 'ca')).toBe(true)
  })

  it('puts peers of similar size first when populations are known', () => {
    const catalog = buildCatalog(registry)
    const sizes = new Map([
      ['ocd-division/country:us/state:ca/county:fresno', 1_000_000],
      ['ocd-division/country:us/state:ca/county:santa_clara', 1_900_000],
      ['ocd-division/country:us/state:ca/county:los_angeles', 10_000_000],
    ])
    const peers = peersOf(catalog, 'ocd-division/country:us/state:ca/county:fresno', 'hold-judicial-warrant', (id) => sizes.get(id))
    expect(peers[0]).toMatchObject({ relation: 'same-state-similar-size', population: 1_900_000 })
    expect(peers[0]!.adopter.jurisdiction).toBe('ocd-division/country:us/state:ca/county:santa_clara')
    expect(peers.filter((p) => p.relation === 'same-state-similar-size').every((p) => p.adopter.jurisdiction.endsWith('santa_clara'))).toBe(true)
    expect(peers.find((p) => p.adopter.jurisdiction.endsWith('los_angeles'))?.relation).toBe('same-state')
  })
})

describe('draft validation', () => {
  it('names the clause and field of a bad value', () => {
    const e = invalid(() => parseDraft({ provisions: [{ id: 'my-hold', action: 'detainer-hold', effect: 'forbid', summary: 'No holds.' }] }, registry))
    expect(e.code).toBe('invalid-input')
    expect(e.location.field).toBe('provisions[0] (my-hold).effect')
  })
  it('names a missing field', () => {
    const e = invalid(() => parseDraft({ provisions: [{ id: 'my-hold', action: 'detainer-hold', effect: 'prohibit' }] }, registry))
    expect(e.location.field).toBe('provisions[0] (my-hold).summary')
  })
  it('requires `when` on a limit, known offense classes and fresh ids', () => {
    expect(invalid(() => parseDraft({ provisions: [{ id: 'a', action: 'detainer-hold', effect: 'limit', summary: 'Only some.' }] }, registry)).location.field).toBe('provisions[0] (a).when')
    expect(invalid(() => parseDraft({ provisions: [{ id: 'a', action: 'detainer-hold', effect: 'limit', summary: 'Only some.', when: { conviction: { class: 'no-such-class' } } }] }, registry)).location.field).toBe('provisions[0] (a).when.conviction.class')
    expect(invalid(() => parseDraft({ provisions: [{ id: 'ca-sb54-hold', action: 'detainer-hold', effect: 'prohibit', summary: 'Copy.' }] }, registry)).location.field).toBe('provisions[0] (ca-sb54-hold).id')
    expect(invalid(() => parseDraft({ provisions: [] }, registry)).location.field).toBe('provisions')
  })
  it('starts from a peer enactment', () => {
    const d = parseDraft(draftFromEnactment(registry.enactments.get('ca-sb54')!, conditionJson), registry)
    expect(d.provisions.map((p) => p.id)).toContain('draft-ca-sb54-hold')
  })
})

describe('preemption check (Done means)', () => {
  const warrantOnly = () => parseDraft({ title: 'Holds only with a judicial warrant', provisions: [clauseTemplate('hold-judicial-warrant', {})] }, registry)

  it('Travis County, 2018-06-01: overridden by Texas SB 4, with the citation', () => {
    const check = checkDraft({ registry, engineVersion: 'test', federal }, warrantOnly(), TRAVIS, '2018-06-01')
    const clause = check.clauses[0]!
    expect(clause.status).toBe('overridden')
    expect(clause.method).toBe('engine')
    const sb4 = clause.citations.find((c) => c.provision === 'tx-sb4-hold')!
    expect(sb4.enactment).toBe('tx-sb4')
    expect(sb4.citation).toMatch(/Gov't Code ch\. 752/)
    expect(sb4.url).toMatch(/^https:\/\//)
    expect(check.setAside.map((s) => s.provision)).toContain('tcso-sep-2017-hold')
  })

  it('the same draft while the SB 4 mandate was enjoined stands against it', () => {
    const check = checkDraft({ registry, engineVersion: 'test' }, warrantOnly(), TRAVIS, '2017-09-01')
    expect(check.clauses[0]!.citations.map((c) => c.provision)).not.toContain('tx-sb4-hold')
  })

  it('Multnomah County, 2018-06-01: the same draft stands', () => {
    const check = checkDraft({ registry, engineVersion: 'test', federal }, warrantOnly(), MULTNOMAH, '2018-06-01')
    expect(check.clauses[0]!.status).toBe('stands')
    expect(check.summary.stands).toBe(1)
  })

  it('Miami-Dade after Florida SB 168: overridden', () => {
    const check = checkDraft({ registry, engineVersion: 'test' }, warrantOnly(), MIAMI_DADE, '2020-01-01')
    expect(check.clauses[0]!.status).toBe('overridden')
    expect(check.clauses[0]!.citations.map((c) => c.provision)).toContain('fl-sb168-hold')
    // before SB 168 took effect nothing at the state level displaces it
    expect(checkDraft({ registry, engineVersion: 'test' }, warrantOnly(), MIAMI_DADE, '2019-06-30').clauses[0]!.status).toBe('stands')
  })

  it('clauses the engine does not answer go through the layering rule and the state ban', () => {
    const d = parseDraft({ provisions: [clauseTemplate('no-287g', {})] }, registry)
    expect(checkDraft({ registry, engineVersion: 'test' }, d, TRAVIS, '2018-06-01').clauses[0]).toMatchObject({ status: 'barred-by-preemption', method: 'layering-rule' })
    expect(checkDraft({ registry, engineVersion: 'test' }, d, MULTNOMAH, '2018-06-01').clauses[0]!.status).toBe('stands')
  })

  it('generates rule cases on the boundary days and for each exception', () => {
    const check = checkDraft({ registry, engineVersion: 'test' }, warrantOnly(), MULTNOMAH, '2018-06-01')
    expect(check.ruleCases.map((c) => c.date).sort()).toEqual(['2018-05-31', '2018-05-31', '2018-06-01', '2018-06-01'])
    const onDay = check.ruleCases.filter((c) => c.date === '2018-06-01')
    expect(onDay.find((c) => c.name.includes('judicial warrant'))!.expect.hold).toBe('permitted')
    expect(onDay.find((c) => c.name.includes('no record'))!.expect.hold).toBe('prohibited')
    expect(check.ruleCases.find((c) => c.date === '2018-05-31' && c.name.includes('no record'))!.expect.hold).toBe('permitted')
  })

  it('reports funding risk under the draft beside the law in force', () => {
    const d = parseDraft({ provisions: [clauseTemplate('no-release-notice', {})] }, registry)
    const check = checkDraft({ registry, engineVersion: 'test', federal }, d, MULTNOMAH, '2018-06-01')
    const notice = check.funding!.conditions.find((c) => c.draft.condition.conditionKind === 'release-notice-48h')!
    expect(notice.draft.conflict).toBe('yes')
    expect(notice.lawInForce).toBe('no')
    expect(check.funding!.circuit).toBe('9')
  })

  it('rejects a bad jurisdiction or date, naming the field', () => {
    expect(invalid(() => checkDraft({ registry, engineVersion: 'test' }, warrantOnly(), 'travis', '2018-06-01')).location.field).toBe('jurisdiction')
    expect(invalid(() => checkDraft({ registry, engineVersion: 'test' }, warrantOnly(), TRAVIS, '2018-02-30')).location.field).toBe('date')
  })
})

describe('composer state in the URL and exports', () => {
  it('round-trips the state through the query', () => {
    const s = composerState({ jurisdiction: TRAVIS, date: '2018-06-01', clauses: 'hold-listed-convictions,hold-hour-cap,bogus', categories: 'homicide,robbery', levels: 'felony', hours: '24', within: '10', scope: 'state' })
    expect(s.clauses).toEqual(['hold-listed-convictions', 'hold-hour-cap'])
    const again = composerState(Object.fromEntries(new URLSearchParams(composerQuery(s))))
    expect(again).toEqual(s)
    const d = parseDraft(composerDraft(s, registry), registry)
    expect(d.provisions.map((p) => p.limits.maxHours ?? null)).toEqual([null, 24])
    expect(d.provisions[0]!.whenInput).toEqual({ conviction: { categories: ['homicide', 'robbery'], levels: ['felony'], within: { years: 10 } } })
  })

  it('reports unreadable YAML and an unknown peer enactment by field', () => {
    expect(invalid(() => composerDraft(composerState({ yaml: 'provisions: [' }), registry)).location.field).toBe('yaml')
    expect(invalid(() => composerDraft(composerState({ from: 'no-such-law' }), registry)).location.field).toBe('from')
  })

  it('exports YAML that parses back to the same draft, and a document with citations and model texts', () => {
    const draft = parseDraft({ title: 'Holds only with a judicial warrant', provisions: [clauseTemplate('hold-judicial-warrant', {})] }, registry)
    const yaml = draftYaml(draft, { jurisdiction: TRAVIS, date: '2018-06-01' })
    expect(yaml).not.toContain('&a')
    expect(parseDraft(parse(yaml), registry)).toEqual(draft)
    const check = checkDraft({ registry, engineVersion: 'test', federal }, draft, TRAVIS, '2018-06-01')
    const md = draftMarkdown(draft, check, buildCatalog(registry), null)
    expect(md).toContain('**Overridden by higher law.**')
    expect(md).toContain("Tex. Gov't Code ch. 752")
    expect(md).toContain('Enacted texts with this clause')
    expect(md).toMatch(/> ".+" — https:\/\//)
    expect(md).toContain('## Funding risk')
  })
})
