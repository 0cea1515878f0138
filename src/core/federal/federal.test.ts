import { describe, expect, it } from 'vitest'
import { parseDay } from '../dates/index.ts'
import { buildFederal, circuitOf, conditionConflict, enforceability, type FederalData, type LawAnswers } from './index.ts'

const SRC = `[{ url: 'https://example.org/a', quote: 'a short quote' }]`
const circuits = `kind: circuits
sources: ${SRC}
circuits:
  - { circuit: '2', states: [ny, ct, vt] }
  - { circuit: '7', states: [il, in, wi] }
`
const conditions = `kind: grant-conditions
programs:
  - { id: jag, name: Byrne JAG, administeredBy: DOJ, summary: A formula grant., sources: ${SRC} }
conditions:
  - { id: notice, program: jag, fiscalYear: 2017, conditionKind: release-notice-48h, title: Notice condition, summary: Notice on request., announced: '2017-07-25', sources: ${SRC} }
  - { id: c1373, program: jag, fiscalYear: 2017, conditionKind: section-1373-certification, title: Certification, summary: Certify., announced: '2017-07-25', sources: ${SRC} }
`
const cases = `kind: court-cases
cases:
  - id: chi
    title: City of Chicago v. Sessions
    subject: FY2017 conditions
    sources: ${SRC}
    rulings:
      - id: chi-pi
        court: N.D. Ill.
        level: district
        circuit: '7'
        stage: preliminary injunction
        citation: 264 F. Supp. 3d 933
        decided: '2017-09-15'
        parties: [ocd-division/country:us/state:il/place:chicago]
        holdings: [{ conditions: [notice], holding: likely-unlawful, summary: Likely unlawful., sources: ${SRC} }]
        injunction:
          conditions: [notice]
          permanent: false
          periods:
            - { from: '2017-09-15', to: '2018', scope: nationwide, sources: ${SRC} }
            - { from: '2018', to: '2018-07-27', scope: { parties: [ocd-division/country:us/state:il/place:chicago] }, sources: ${SRC} }
        summary: Preliminary injunction.
        sources: ${SRC}
      - id: chi-7th
        court: 7th Cir.
        level: appeals
        circuit: '7'
        stage: appeal
        citation: 888 F.3d 272
        decided: '2018-04-19'
        holdings: [{ conditions: [notice], holding: likely-unlawful, summary: Affirmed., sources: ${SRC} }]
        summary: Affirmed.
        sources: ${SRC}
  - id: ny
    title: New York v. DOJ
    subject: FY2017 conditions
    sources: ${SRC}
    rulings:
      - id: ny-2d
        court: 2d Cir.
        level: appeals
        circuit: '2'
        stage: appeal
        citation: 951 F.3d 84
        decided: '2020-02-26'
        holdings: [{ conditions: [notice], holding: lawful, summary: Authorized., sources: ${SRC} }]
        summary: Reversed.
        sources: ${SRC}
`
const list = `kind: federal-list
id: doj-2025
title: DOJ list
publisher: DOJ
listKind: published-list
published: '2025-08-05'
criteria: { unknown: not stated }
statedCount: 3
complete: true
summary: A list.
sources: ${SRC}
entries:
  - { name: 'San Francisco County, CA', jurisdiction: ocd-division/country:us/state:ca/county:san_francisco }
  - { name: 'San Francisco, CA', jurisdiction: ocd-division/country:us/state:ca/county:san_francisco, flags: [{ flag: listed-twice, note: The consolidated city-county appears twice. }] }
  - { name: 'Nowhere, ZZ', jurisdiction: { unmatched: no such place }, flags: [{ flag: no-matching-division, note: No division. }] }
`

function build(extra: { path: string; text: string }[] = []) {
  return buildFederal([
    { path: 'federal/circuits.yaml', text: circuits },
    { path: 'federal/conditions.yaml', text: conditions },
    { path: 'federal/cases.yaml', text: cases },
    { path: 'federal/lists/doj.yaml', text: list },
    ...extra,
  ])
}

const COOK = 'ocd-division/country:us/state:il/county:cook'
const CHICAGO = 'ocd-division/country:us/state:il/place:chicago'
const ALBANY = 'ocd-division/country:us/state:ny/county:albany'

function answers(notify: 'prohibited' | 'permitted' | 'undetermined'): LawAnswers {
  const a = { value: notify, missing: notify === 'undetermined' ? ['custody'] : [], citations: [] }
  return { facts: 'no record', notify: a, interview: a, informationSharing: [] }
}

describe('buildFederal', () => {
  it('builds the fixture and keeps unmatched entries flagged', () => {
    const { federal, diagnostics } = build()
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const entries = federal!.lists.get('doj-2025')!.entries
    expect(entries.map((e) => e.match.kind)).toEqual(['matched', 'matched', 'unmatched'])
    expect(Object.isFrozen(entries[0])).toBe(true)
    expect(circuitOf(federal!, CHICAGO)).toBe('7')
  })

  it('reports schema errors and bad references with file and line', () => {
    const bad = `kind: grant-conditions
programs: []
conditions:
  - { id: x, program: nope, fiscalYear: 2017, conditionKind: jail-access, title: Access, summary: Access., announced: '2017-02-30', sources: ${SRC} }
  - { id: y, program: nope, fiscalYear: 2017, conditionKind: jail-acess, title: Access, summary: Access., announced: '2017', sources: ${SRC} }
`
    const { federal, diagnostics } = build([{ path: 'federal/bad.yaml', text: bad }])
    expect(federal).toBeUndefined()
    const msgs = diagnostics.filter((d) => d.file === 'federal/bad.yaml').map((d) => `${d.line}: ${d.message}`)
    expect(msgs.some((m) => m.startsWith('5:'))).toBe(true)
  })

  it('rejects a second entry attached to the same division without a listed-twice flag', () => {
    const text = list.replace(', flags: [{ flag: listed-twice, note: The consolidated city-county appears twice. }]', '')
    const { diagnostics } = buildFederal([{ path: 'federal/circuits.yaml', text: circuits }, { path: 'federal/lists/doj.yaml', text }])
    const e = diagnostics.find((d) => d.message.includes('listed-twice'))
    expect(e).toMatchObject({ file: 'federal/lists/doj.yaml', line: 14, severity: 'error' })
  })

  it('drops maintainers\' notes from the built data and refuses public text that names internal documents', () => {
    const noted = list.replace(`sources: ${SRC}`, `sources: [{ url: 'https://example.org/a', quote: 'a short quote', maintainerNote: 'Found with the search tool.' }]`)
    expect(noted).not.toBe(list)
    const { federal } = buildFederal([{ path: 'federal/circuits.yaml', text: circuits }, { path: 'federal/lists/doj.yaml', text: noted }])
    expect(JSON.stringify([...federal!.lists.values()])).not.toContain('search tool')
    const leaky = list.replace(/summary: [^\n]*/, 'summary: Taken from the research file.')
    expect(leaky).not.toBe(list)
    const { diagnostics } = buildFederal([{ path: 'federal/circuits.yaml', text: circuits }, { path: 'federal/lists/doj.yaml', text: leaky }])
    expect(diagnostics.find((d) => d.message.includes('internal tool or document'))).toMatchObject({ file: 'federal/lists/doj.yaml', severity: 'error' })
  })

  it('needs a kind', () => {
    const { diagnostics } = build([{ path: 'federal/x.yaml', text: 'foo: 1\n' }])
    expect(diagnostics.some((d) => d.file === 'federal/x.yaml' && d.message.includes('"kind"'))).toBe(true)
  })
})

describe('enforceability', () => {
  const federal = build().federal as FederalData
  const on = (d: string) => parseDay(d)!

  it('is not enforceable anywhere while the nationwide preliminary injunction stands', () => {
    expect(enforceability(federal, ALBANY, 'notice', on('2017-12-01'))).toMatchObject({ value: 'no', basis: 'enjoined' })
    expect(enforceability(federal, COOK, 'notice', on('2017-12-01'))).toMatchObject({ value: 'no', basis: 'enjoined' })
  })

  it('does not exist before it was announced', () => {
    expect(enforceability(federal, COOK, 'notice', on('2017-07-24'))).toMatchObject({ value: 'no', basis: 'not-yet-announced' })
  })

  it('is undetermined for non-parties in the window where the nationwide scope was stayed at an unknown date', () => {
    const e = enforceability(federal, ALBANY, 'notice', on('2018-03-01'))
    expect(e.value).toBe('undetermined')
    expect(e.missing[0]).toContain('chi-pi')
    // Cook County is in the Seventh Circuit: bound by the 2018-04-19 holding from that day.
    expect(enforceability(federal, COOK, 'notice', on('2018-04-18')).value).toBe('undetermined')
    expect(enforceability(federal, COOK, 'notice', on('2018-04-19'))).toMatchObject({ value: 'no', basis: 'held-unlawful-in-circuit' })
  })

  it('shows the split: upheld in the Second Circuit, held unlawful in the Seventh, from 2020-02-26', () => {
    const ny = enforceability(federal, ALBANY, 'notice', on('2020-06-01'))
    expect(ny).toMatchObject({ value: 'yes', basis: 'upheld-in-circuit', circuit: '2' })
    expect(ny.split.exists).toBe(true)
    expect(ny.split.circuits.map((c) => `${c.circuit}:${c.holding}`)).toEqual(['2:lawful', '7:unlawful'])
    expect(enforceability(federal, COOK, 'notice', on('2020-06-01'))).toMatchObject({ value: 'no', basis: 'held-unlawful-in-circuit' })
    // The day before the Second Circuit ruled, no holding bound it and the injunctions had ended.
    const before = enforceability(federal, ALBANY, 'notice', on('2020-02-25'))
    expect(before).toMatchObject({ value: 'yes', basis: 'no-binding-ruling' })
    expect(before.split.exists).toBe(false)
  })
})

describe('conditionConflict', () => {
  const federal = build().federal as FederalData
  const notice = federal.conditions.get('notice')!

  it('conflicts when the law prohibits release notification, with the reason and the ruling', () => {
    const c = conditionConflict({ id: COOK, name: 'Cook County' }, notice, '2020-06-01', answers('prohibited'), federal)
    expect(c.conflict).toBe('yes')
    expect(c.enforceable.value).toBe('no')
    expect(c.explanation).toContain('888 F.3d 272')
    expect(c.explanation).toContain('Circuit split')
  })

  it('does not conflict when notification is permitted; undetermined names the missing fact', () => {
    expect(conditionConflict({ id: COOK, name: 'Cook' }, notice, '2020-06-01', answers('permitted'), federal).conflict).toBe('no')
    const u = conditionConflict({ id: COOK, name: 'Cook' }, notice, '2020-06-01', answers('undetermined'), federal)
    expect(u).toMatchObject({ conflict: 'undetermined', missing: ['custody'] })
  })

  it('leaves § 1373 undetermined when a sharing restriction is in force, and says no when none is', () => {
    const c1373 = federal.conditions.get('c1373')!
    const base = answers('permitted')
    expect(conditionConflict({ id: COOK, name: 'Cook' }, c1373, '2020-06-01', base, federal).conflict).toBe('no')
    const withSharing: LawAnswers = { ...base, informationSharing: [{ provision: 'p', enactment: 'e', jurisdiction: COOK, effect: 'prohibit', summary: 's', inForce: 'yes', url: 'https://x.org', quote: 'q q q' }] }
    expect(conditionConflict({ id: COOK, name: 'Cook' }, c1373, '2020-06-01', withSharing, federal).conflict).toBe('undetermined')
  })

  it('rejects a bad date', () => {
    expect(() => conditionConflict({ id: COOK, name: 'Cook' }, notice, '2020-02-30', answers('permitted'), federal)).toThrow(/calendar date/)
  })
})
