// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { EnactmentJson } from './provision.tsx'
import { CHART_FONT_PX, timelineChart } from './timeline-chart.ts'
import { timelineOf } from './timeline.ts'

const source = { url: 'https://example.org/s', quote: 'q' }

function enactment(id: string, title: string, dates: Partial<Pick<EnactmentJson, 'enacted' | 'effective' | 'ends' | 'status'>>): EnactmentJson {
  return {
    id,
    jurisdiction: 'ocd-division/country:us/state:zz',
    title,
    kind: 'statute',
    citation: 'Z.S. 1',
    enacted: dates.enacted ?? null,
    effective: dates.effective ?? null,
    ends: dates.ends ?? null,
    inForceBy: null,
    status: dates.status ?? [],
    amends: [],
    supersedes: [],
    repeals: [],
    confidence: 'high',
    sources: [source],
    provisions: [],
    disagreements: [],
    unknowns: [],
    notes: [],
  } as unknown as EnactmentJson
}

const enactments: EnactmentJson[] = [
  enactment('zz-act', 'Zedland Detainer Act', {
    enacted: '2017-05-07',
    effective: '2017-09-01',
    status: [
      { status: 'enjoined', from: '2017-08-30', to: '2018-03-13', by: 'zz-court', provisions: null, sources: [source] },
      { status: 'enjoined', from: '2018-03-13', to: null, by: 'zz-court', provisions: ['zz-act-endorse'], sources: [source] },
    ] as EnactmentJson['status'],
  }),
  enactment('zz-order', 'Sheriff order on detainers', { enacted: '2014', effective: { unknown: 'not given' }, ends: '2019-01-01' }),
  enactment('zz-old', 'Old jail practice', { enacted: { unknown: 'not given' }, effective: { unknown: 'not given' }, ends: '2013' }),
  enactment('zz-rule', 'Repealed rule', { enacted: '2012-01-10', effective: '2012-02-01', status: [{ status: 'repealed', from: '2016-07-01', to: null, by: null, provisions: null, sources: [source] }] as EnactmentJson['status'] }),
]

describe('the timeline of enactments', () => {
  const t = timelineOf(enactments, '2020-06-01', { 'zz-court': 'the Z court ruling' })

  it('lists every dated event in order, unknown dates last', () => {
    expect(t.events.map((e) => `${e.date ?? '?'} ${e.enactment} ${e.what.split(' (')[0]}`)).toEqual([
      '2012-01-10 zz-rule enacted',
      '2012-02-01 zz-rule in force',
      '2013 zz-old no longer in force',
      '2014 zz-order enacted',
      '2016-07-01 zz-rule repealed',
      '2017-05-07 zz-act enacted',
      '2017-08-30 zz-act enjoined by the Z court ruling',
      '2017-09-01 zz-act in force',
      '2018-03-13 zz-act no longer enjoined',
      '2018-03-13 zz-act enjoined',
      '2019-01-01 zz-order no longer in force',
      '? zz-order in force',
      '? zz-old enacted',
      '? zz-old in force',
    ])
  })

  it('splits time in force around whole-enactment injunctions and marks partial ones', () => {
    const act = t.segments.filter((s) => s.enactment === 'zz-act').map((s) => `${s.kind} ${s.from}→${s.to}${s.some ? ' (some)' : ''}`)
    expect(act).toEqual(['enjoined 2017-08-30→2018-03-13', 'enjoined 2018-03-13→2020-06-01 (some)', 'in force 2018-03-13→2020-06-01'])
    expect(t.segments.filter((s) => s.enactment === 'zz-rule').map((s) => `${s.kind} ${s.from}→${s.to}`)).toEqual(['in force 2012-02-01→2016-07-01', 'repealed 2016-07-01→2020-06-01'])
    // Start not given: drawn from the enactment year, as its own kind. No date at all: not drawn.
    expect(t.segments.filter((s) => s.enactment === 'zz-order').map((s) => `${s.kind} ${s.from}→${s.to}`)).toEqual(['in force (start not known) 2014-01-01→2019-01-01'])
    expect(t.segments.some((s) => s.enactment === 'zz-old')).toBe(false)
  })

  it('draws the chart with Observable Plot (SVG snapshot)', async () => {
    const figure = timelineChart(t, '2020-06-01', { document, width: 720 })
    const svg = figure.tagName.toLowerCase() === 'svg' ? figure : figure.querySelector(':scope > svg')!
    expect(svg.getAttribute('aria-label')).toBe('Timeline of enactments')
    expect(svg.querySelectorAll('rect')).toHaveLength(t.segments.length)
    const labels = Array.from(svg.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((e) => e.textContent)
    expect(labels).toEqual(['Zedland Detainer Act', 'Sheriff order on detainers', 'Repealed rule'])
    // Legible text: the chart and its legend are drawn at 13 px, not Plot's 10 px.
    expect((svg as SVGElement).style.fontSize).toBe(`${CHART_FONT_PX}px`)
    expect(CHART_FONT_PX).toBeGreaterThanOrEqual(12)
    expect((figure.querySelector('div[class$="-swatches-wrap"]') as HTMLElement).style.fontSize).toBe(`${CHART_FONT_PX}px`)
    // On a phone-wide chart the labels take at most 40% of the width and are cut, keeping their text size.
    const narrow = timelineChart(t, '2020-06-01', { document, width: 320 }).querySelector(':scope > svg')!
    const cut = Array.from(narrow.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((e) => e.textContent)
    expect(cut.some((l) => l?.includes('…'))).toBe(true)
    expect(cut[2]).toBe('Repealed rule')
    await expect(`${figure.outerHTML.replace(/></g, '>\n<')}\n`).toMatchFileSnapshot('__snapshots__/timeline-chart.html')
  })
})
