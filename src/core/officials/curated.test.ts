import { describe, expect, it } from 'vitest'
import { curatedRecords } from './curated.ts'

const GOOD = `division: ocd-division/country:us/state:tx/county:harris
officials:
  - role: sheriff
    name: Jane Doe
    since: 2021-01-01
    contacts: [{ kind: phone, value: 713-555-0100 }]
    sources:
      - url: https://example.gov/sheriff
        quote: Sheriff Jane Doe was sworn in
        retrieved: 2026-12-06
`

describe('curated officials', () => {
  it('turns an entry into a person and a membership of the conventional post, with its source', () => {
    const { records, diagnostics } = curatedRecords([{ path: 'us/state-tx/county-harris.yaml', text: GOOD }], 'abc')
    expect(diagnostics).toEqual([])
    expect(records).toMatchObject([
      { kind: 'person', id: 'curated:state-tx-county-harris/jane-doe', name: 'Jane Doe', source: { dataset: 'curated', file: 'us/state-tx/county-harris.yaml', line: 3, url: 'https://example.gov/sheriff', quote: 'Sheriff Jane Doe was sworn in' } },
      { kind: 'membership', postId: 'post:sheriff/ocd-division/country:us/state:tx/county:harris', startDate: '2021-01-01' },
    ])
  })

  it('names the file and line of an entry without a source, and imports nothing from that file', () => {
    const broken = GOOD.replace(/    sources:\n(.|\n)*$/, '    sources: []\n')
    const { records, diagnostics } = curatedRecords([{ path: 'us/state-tx/county-harris.yaml', text: broken }], 'abc')
    expect(records).toEqual([])
    expect(diagnostics).toMatchObject([{ severity: 'error', file: 'us/state-tx/county-harris.yaml', line: 7, field: 'officials[0].sources' }])
  })

  it('refuses a role the folder does not fill and an end before the start', () => {
    const { diagnostics } = curatedRecords(
      [
        { path: 'a.yaml', text: GOOD.replace('role: sheriff', 'role: governor') },
        { path: 'b.yaml', text: GOOD.replace('since: 2021-01-01', 'since: 2021-01-01\n    until: 2020-01-01') },
      ],
      'abc',
    )
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.field}`)).toEqual(['a.yaml:3:officials[0].role', 'b.yaml:6:officials[0].until'])
  })
})
