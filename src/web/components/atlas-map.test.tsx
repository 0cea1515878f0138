// @vitest-environment jsdom
import { createRequire } from 'node:module'
import { render } from 'preact'
import { createRef } from 'preact'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { describe, expect, it } from 'vitest'
import type { CountyAnswer } from '../shared/api-types.ts'
import { VALUE_COLOURS } from '../shared/words.ts'
import { MapCanvas, MapOverlay, paint, painterFor } from './atlas-map.tsx'
import { atlasShapes, pathData } from './map-geometry.ts'

// A small real fixture: the counties of Delaware (10) and Rhode Island (44) from us-atlas.
const full = createRequire(import.meta.url)('us-atlas/counties-albers-10m.json') as Topology
const keep = (o: GeometryCollection, pick: (id: string) => boolean): GeometryCollection => ({ ...o, geometries: o.geometries.filter((g) => pick(String(g.id))) })
const small = (id: string) => id.startsWith('10') || id.startsWith('44')
const topology: Topology = {
  ...full,
  objects: {
    counties: keep(full.objects.counties as GeometryCollection, small),
    states: keep(full.objects.states as GeometryCollection, small),
    nation: keep(full.objects.states as GeometryCollection, small),
  },
}
const shapes = atlasShapes(topology)

function county(geoid: string, name: string, value: CountyAnswer['value'], layer: CountyAnswer['layer'], places: CountyAnswer['places'] = []): CountyAnswer {
  return { geoid, name, state: geoid.startsWith('10') ? 'DE' : 'RI', jurisdiction: `ocd-division/country:us/state:x/county:${name.toLowerCase()}`, inRegistry: layer === 'county', value, layer, decidedBy: null, maxHours: null, conditional: null, places, agreements287g: 0, cityAgreements287g: 0 }
}

const answers2015: CountyAnswer[] = [
  county('10001', 'Kent', 'permitted', 'federal'),
  county('10003', 'New Castle', 'prohibited', 'county', [{ jurisdiction: 'ocd-division/country:us/state:de/place:wilmington', name: 'Wilmington' }]),
  county('10005', 'Sussex', 'undetermined', 'state'),
  county('44001', 'Bristol', 'required', 'state'),
  county('44003', 'Kent', 'required', 'state'),
  county('44005', 'Newport', 'required', 'state'),
  county('44007', 'Providence', 'prohibited', 'county'),
  county('44009', 'Washington', 'permitted', 'default'),
]

/** The map as people see it: one standalone SVG with each county's fill resolved from its answer. */
function visibleSvg(svg: SVGSVGElement, overlay: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  // Zoom to the fixture's counties so the snapshot can be looked at as an image.
  const xy = shapes.counties.flatMap((c) => [...c.d.matchAll(/([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const))
  const [x0, x1] = [Math.min(...xy.map((p) => p[0])) - 2, Math.max(...xy.map((p) => p[0])) + 2]
  const [y0, y1] = [Math.min(...xy.map((p) => p[1])) - 2, Math.max(...xy.map((p) => p[1])) + 2]
  copy.setAttribute('viewBox', `${x0} ${y0} ${Math.round((x1 - x0) * 10) / 10} ${Math.round((y1 - y0) * 10) / 10}`)
  copy.setAttribute('width', '480')
  copy.querySelectorAll('path[data-geoid]').forEach((p) => {
    const v = p.getAttribute('data-v') as keyof typeof VALUE_COLOURS | null
    p.setAttribute('fill', v ? VALUE_COLOURS[v] : '#eeeeee')
    p.setAttribute('stroke', '#fff')
    p.setAttribute('stroke-width', '0.35')
  })
  copy.querySelectorAll('path.state-borders, path.nation').forEach((p) => {
    p.setAttribute('fill', 'none')
    p.setAttribute('stroke', p.classList.contains('nation') ? '#777' : '#fff')
    p.setAttribute('stroke-width', p.classList.contains('nation') ? '0.6' : '1.1')
  })
  for (const child of Array.from(overlay.querySelectorAll('path, circle'))) {
    const c = child.cloneNode(true) as Element
    if (c.classList.contains('own')) c.setAttribute('fill', 'none'), c.setAttribute('stroke', '#111'), c.setAttribute('stroke-width', '1.4')
    if (c.classList.contains('place-dot')) c.setAttribute('fill', '#111')
    copy.appendChild(c)
  }
  copy.querySelectorAll('path, circle').forEach((e) => e.setAttribute('vector-effect', 'non-scaling-stroke'))
  return `${copy.outerHTML.replace(/></g, '>\n<')}\n`
}

describe('the county map', () => {
  it('turns pre-projected TopoJSON into county paths', () => {
    expect(shapes.counties.map((c) => `${c.geoid} ${c.name}`).sort()).toEqual(['10001 Kent', '10003 New Castle', '10005 Sussex', '44001 Bristol', '44003 Kent', '44005 Newport', '44007 Providence', '44009 Washington'])
    for (const c of shapes.counties) {
      expect(c.d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+Z/)
      expect(c.cx).toBeGreaterThan(800)
      expect(c.cy).toBeGreaterThan(100)
    }
    expect(pathData({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10.04, 0.01], [10, 10], [0, 0]]] })).toBe('M0,0L10,0L10,10L0,0Z')
  })

  it('paints answers as attributes and matches the snapshot of what people see', async () => {
    const container = document.createElement('div')
    const ref = createRef<SVGSVGElement>()
    render(
      <div>
        <MapCanvas shapes={shapes} svgRef={ref} />
        <MapOverlay shapes={shapes} counties={answers2015} hover={null} />
      </div>,
      container,
    )
    const painter = painterFor(ref.current!)
    expect(paint(painter, answers2015)).toBe(8)
    const newCastle = container.querySelector('path[data-geoid="10003"]')!
    expect(newCastle.getAttribute('data-v')).toBe('prohibited')
    expect(newCastle.getAttribute('data-l')).toBe('county')
    // Outlines for the two counties decided by their own law; one dot for the county with a city law.
    expect(container.querySelectorAll('.atlas-overlay path.own')).toHaveLength(2)
    expect(container.querySelectorAll('.atlas-overlay circle.place-dot')).toHaveLength(1)
    await expect(visibleSvg(ref.current!, container.querySelector('.atlas-overlay')!)).toMatchFileSnapshot('__snapshots__/map-de-ri.svg')
  })

  it('marks counties with a 287(g) agreement in force: filled for their own agencies, hollow for a city inside', () => {
    const container = document.createElement('div')
    const marked = answers2015.map((c, i) => (i === 0 ? { ...c, agreements287g: 2 } : i === 1 ? { ...c, cityAgreements287g: 1 } : c))
    render(<MapOverlay shapes={shapes} counties={marked} hover={null} />, container)
    expect(container.querySelectorAll('path.agreement-287g')).toHaveLength(1)
    expect(container.querySelectorAll('path.agreement-287g-city')).toHaveLength(1)
    render(<MapOverlay shapes={shapes} counties={answers2015} hover={null} />, container)
    expect(container.querySelectorAll('path.agreement-287g, path.agreement-287g-city')).toHaveLength(0)
  })

  it('recolours only the counties whose answer changed, without re-rendering paths', () => {
    const container = document.createElement('div')
    const ref = createRef<SVGSVGElement>()
    const draw = () => render(<MapCanvas shapes={shapes} svgRef={ref} />, container)
    draw()
    const before = Array.from(container.querySelectorAll('path[data-geoid]'))
    const painter = painterFor(ref.current!)
    paint(painter, answers2015)
    const answers2019 = answers2015.map((c) => (c.geoid === '10001' ? { ...c, value: 'prohibited' as const, layer: 'state' as const } : c))
    draw()
    expect(paint(painter, answers2019)).toBe(1)
    const after = Array.from(container.querySelectorAll('path[data-geoid]'))
    expect(after).toHaveLength(before.length)
    after.forEach((p, i) => expect(p).toBe(before[i]))
    expect(container.querySelector('path[data-geoid="10001"]')!.getAttribute('data-v')).toBe('prohibited')
    // A county missing from the answers loses its colour rather than keep a stale one.
    expect(paint(painter, answers2019.filter((c) => c.geoid !== '44009'))).toBe(1)
    expect(container.querySelector('path[data-geoid="44009"]')!.hasAttribute('data-v')).toBe(false)
  })
})
