import { describe, expect, it } from 'vitest'
import { fixtureGeometry } from '../../testing/fixture-atlas.ts'
import { shareImageSvg, wrapWords } from './share-image.ts'

describe('shareImageSvg', () => {
  it('escapes the text, fills the highlighted shape with its answer pattern and outlines it', () => {
    const svg = shareImageSvg(fixtureGeometry(), {
      kind: 'share-image',
      title: '<script>alert(1)</script> & Co',
      lines: [{ text: 'Required', value: 'required' }],
      frame: { state: '97' },
      fills: new Map([['97001', 'required']]),
      outline: ['97001'],
      markers: [],
      legend: [],
    })
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(svg).toContain('&amp; Co')
    expect(svg).toMatch(/<path d="[^"]+" fill="url\(#m-required\)" stroke="#000000"/)
    // The other county of state 97 is drawn grey; counties of other states are not drawn.
    expect(svg.match(/fill="#E4E4E4"/g)?.length).toBe(1)
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="630"/)
  })

  it('draws the nation from states when a state is highlighted, and a city as a marker', () => {
    const svg = shareImageSvg(fixtureGeometry(), { kind: 'share-image', title: 'X', lines: [], frame: 'nation', fills: new Map([['98', 'prohibited']]), outline: ['98'], markers: [{ county: '97003', value: 'permitted' }], legend: ['prohibited'] })
    expect(svg).toContain('fill="url(#m-prohibited)" stroke="#000000"')
    expect(svg).toMatch(/<circle [^>]*fill="#56B4E9"/)
    expect(svg).toContain('>Prohibited</text>')
  })
})

describe('wrapWords', () => {
  it('wraps by length and ends a cut text with an ellipsis', () => {
    expect(wrapWords('one two three four', 9, 5)).toEqual(['one two', 'three', 'four'])
    expect(wrapWords('one two three four', 9, 2)).toEqual(['one two', 'three …'])
  })
})
