import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../core/errors/index.ts'
import { DEFAULT_MARGINALS, loadMarginals } from './load.ts'
import { parseMarginals, poolSmallCells, rollUpPlaces, weightedCategories, type Distribution } from './marginals.ts'
import { formatMarginals } from './measure.ts'

const cell = (v: string | null, count: number) => ({ values: [v], count })

describe('small-cell suppression of the marginals', () => {
  it('keeps a distribution without small cells as it is', () => {
    expect(poolSmallCells([cell('a', 40), cell('b', 11)], ['x'])).toEqual({ fields: ['x'], cells: [['a', 40], ['b', 11]], merged: null })
  })

  it('pools the small cells, and a lone small cell with the next smallest so it cannot be derived', () => {
    expect(poolSmallCells([cell('a', 40), cell('b', 3), cell('c', 12), cell(null, 30)], ['x'])).toEqual({
      fields: ['x'],
      cells: [['a', 40], [null, 30]],
      merged: { count: 15, members: [['b'], ['c']] },
    })
  })

  it('keeps adding cells until the pool reaches 11', () => {
    const d = poolSmallCells([cell('a', 100), cell('b', 2), cell('c', 3), cell('d', 11), cell('e', 50)], ['x'])
    expect(d.cells).toEqual([['a', 100], ['e', 50]])
    expect(d.merged).toEqual({ count: 16, members: [['c'], ['b'], ['d']] })
  })

  it('publishes no count when the whole distribution is under 11', () => {
    expect(poolSmallCells([cell('a', 4), cell('b', 2)], ['x']).merged).toEqual({ count: null, members: [['a'], ['b']] })
  })

  it('folds small places into their county before pooling', () => {
    const rolled = rollUpPlaces([
      { values: ['wa', '53053', '5370000'], count: 4 },
      { values: ['wa', '53053', null], count: 9 },
      { values: ['wa', '53033', '5363000'], count: 30 },
      { values: [null, null, null], count: 5 },
    ])
    expect(rolled).toEqual([
      { values: ['wa', '53053', null], count: 13 },
      { values: ['wa', '53033', '5363000'], count: 30 },
      { values: [null, null, null], count: 5 },
    ])
  })

  it('spreads a pool evenly over its members when generating', () => {
    const d: Distribution = { fields: ['x'], cells: [['a', 40]], merged: { count: 20, members: [['b'], ['c']] } }
    expect(weightedCategories(d)).toEqual([
      { values: ['a'], weight: 40 },
      { values: ['b'], weight: 10 },
      { values: ['c'], weight: 10 },
    ])
  })
})

describe('the marginals file', () => {
  it('the committed file parses, publishes no count under 11 and says how to regenerate it', async () => {
    const m = await loadMarginals()
    expect(m.minCell).toBe(11)
    expect(m.provenance.command).toMatch(/^npx sanctuary synth --measure /)
    expect(m.sources.map((s) => s.source)).toEqual(expect.arrayContaining(['ice-lesa', 'pa', 'pierce']))
    const counts: number[] = []
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) {
        const last = v[v.length - 1]
        if (typeof last === 'number') counts.push(last)
        else v.forEach(walk)
      } else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) if (k === 'count' && typeof x === 'number') counts.push(x)
        else walk(x)
      }
    }
    walk(m.sources)
    expect(counts.length).toBeGreaterThan(100)
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(11)
    // it is in the format the measure command writes
    expect(formatMarginals(m)).toBe(readFileSync(DEFAULT_MARGINALS, 'utf8'))
  })

  it('rejects a published count under 11 and names the field', async () => {
    const m = JSON.parse(readFileSync(DEFAULT_MARGINALS, 'utf8'))
    m.sources[1].practiceOutcome.cells[0][1] = 7
    expect(() => parseMarginals(m, 'm.json')).toThrow(AppError)
    expect(() => parseMarginals(m, 'm.json')).toThrow(/under the smallest published cell/)
    try {
      parseMarginals(m, 'm.json')
    } catch (e) {
      expect((e as AppError).oneLine()).toMatch(/^m\.json: sources\.1\.practiceOutcome\.cells\.0: /)
    }
  })

  it('rejects a file of another shape with its path', async () => {
    expect(() => parseMarginals({ kind: 'synth-marginals', minCell: 11 }, 'x.json')).toThrow(/not a marginals file/)
    await expect(loadMarginals('/nonexistent/m.json')).rejects.toMatchObject({ code: 'not-found' })
  })
})
