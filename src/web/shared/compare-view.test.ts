import { describe, expect, it } from 'vitest'
import type { Comparison } from '../../core/answers/index.ts'
import { compareView } from './compare-view.ts'

const US = 'ocd-division/country:us'
const ZZ = 'ocd-division/country:us/state:zz'
const A = 'ocd-division/country:us/state:zz/county:a'
const B = 'ocd-division/country:us/state:zz/county:b'

type Provision = Comparison['actions'][number]['cells'][number]['provisions'][number]

function provision(id: string, jurisdiction: string, layer: Provision['layer']): Provision {
  return { provision: id, enactment: `${id}-e`, title: id, citation: null, jurisdiction, layer, effect: 'prohibit', summary: `${id} summary`, inForce: 'yes', missing: [], maxHours: null, confidence: 'high', url: 'https://example.org', quote: 'q' }
}

function layers(...files: [Provision['layer'], string, boolean][]) {
  return files.map(([layer, jurisdiction, inRegistry]) => ({ layer, jurisdiction, name: jurisdiction.split(':').pop()!, inRegistry, note: null }))
}

const fed = provision('fed-hold', US, 'federal')
const state = provision('zz-hold', ZZ, 'state')
const own = provision('a-hold', A, 'county')

const comparison: Comparison = {
  kind: 'comparison',
  date: '2019-06-01',
  registryVersion: 'v',
  jurisdictions: [
    { jurisdiction: A, name: 'A', level: 'county', state: 'ZZ', inRegistry: true, layers: layers(['federal', US, true], ['state', ZZ, true], ['county', A, true]) },
    { jurisdiction: B, name: 'B', level: 'county', state: 'ZZ', inRegistry: false, layers: layers(['federal', US, true], ['state', ZZ, true], ['county', B, false]) },
  ],
  actions: [
    { action: 'detainer-hold', cells: [{ jurisdiction: A, provisions: [fed, state, own] }, { jurisdiction: B, provisions: [fed, state] }] },
    { action: 'release-notification', cells: [{ jurisdiction: A, provisions: [] }, { jurisdiction: B, provisions: [] }] },
  ],
}

describe('the compare view', () => {
  it('lists the layers all share once and only the differing ones side by side', () => {
    const v = compareView(comparison)
    expect(v.shared.map((l) => [l.layer, l.jurisdiction])).toEqual([['federal', US], ['state', ZZ]])
    expect(v.common).toEqual([{ action: 'detainer-hold', provisions: [fed, state] }])
    expect(v.differing).toEqual([{ action: 'detainer-hold', cells: [{ jurisdiction: A, provisions: [own] }, { jurisdiction: B, provisions: [] }] }])
  })

  it('shares only what every chain has: a state file reaches one but not the other', () => {
    const other = 'ocd-division/country:us/state:yy/county:c'
    const yy = provision('yy-hold', 'ocd-division/country:us/state:yy', 'state')
    const v = compareView({
      ...comparison,
      jurisdictions: [comparison.jurisdictions[0]!, { jurisdiction: other, name: 'C', level: 'county', state: 'YY', inRegistry: false, layers: layers(['federal', US, true], ['state', 'ocd-division/country:us/state:yy', true], ['county', other, false]) }],
      actions: [{ action: 'detainer-hold', cells: [{ jurisdiction: A, provisions: [fed, state, own] }, { jurisdiction: other, provisions: [fed, yy] }] }],
    })
    expect(v.shared.map((l) => l.layer)).toEqual(['federal'])
    expect(v.common[0]!.provisions).toEqual([fed])
    expect(v.differing[0]!.cells.map((c) => c.provisions.map((p) => p.provision))).toEqual([['zz-hold', 'a-hold'], ['yy-hold']])
  })
})
