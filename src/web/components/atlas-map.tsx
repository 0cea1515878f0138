/**
 * The county map. Paths are rendered once per topology; answers are painted onto them by setting
 * `data-v` (answer) and `data-l` (deciding layer) attributes, which the stylesheet colours — so a
 * date change touches only the attributes that changed, never re-renders 3,000 paths. A second,
 * non-interactive SVG on top draws the few things that depend on the answers: outlines of
 * counties decided by their own law, dots for counties with a city that has its own law, and the
 * hovered county.
 */
import { Component, type RefObject } from 'preact'
import { useMemo } from 'preact/hooks'
import type { CountyAnswer } from '../shared/api-types.ts'
import { ANSWER_PALETTE } from '../shared/palette.ts'
import type { AnswerValue } from '../shared/words.ts'
import { MAP_HEIGHT, MAP_WIDTH, type AtlasShapes, type CountyShape } from './map-geometry.ts'

export type ColourMode = 'value' | 'layer'

/** Renders the county paths once per topology (never again when answers change). */
export class MapCanvas extends Component<{ shapes: AtlasShapes; svgRef: RefObject<SVGSVGElement | null> }> {
  override shouldComponentUpdate(next: { shapes: AtlasShapes }): boolean {
    return next.shapes !== this.props.shapes
  }

  override render() {
    const { shapes, svgRef } = this.props
    return (
      <svg
        ref={svgRef}
        class="atlas-map"
        data-mode="value"
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        role="img"
        aria-label="Map of U.S. counties coloured by the answer. The table below lists the same answers."
      >
        <MapPatterns />
        <g class="counties">
          {shapes.counties.map((c) => (
            <path key={c.geoid} d={c.d} data-geoid={c.geoid} />
          ))}
        </g>
        <path class="state-borders" d={shapes.stateBorders} />
        <path class="nation" d={shapes.nation} />
      </svg>
    )
  }
}

/**
 * The answers' patterns as SVG fills (stripes, dots, cross-hatch over the answer's colour), so the
 * map never tells answers apart by colour alone. Colours and ink are the palette's CSS variables,
 * so the print variant applies here too.
 */
export function MapPatterns() {
  return (
    <defs>
      {(Object.keys(ANSWER_PALETTE) as AnswerValue[]).map((v) => {
        const kind = ANSWER_PALETTE[v].pattern
        if (kind === 'solid') return null
        return (
          <pattern key={v} id={`pattern-${v}`} patternUnits="userSpaceOnUse" width="5" height="5" patternTransform={kind === 'dots' ? undefined : 'rotate(45)'}>
            <rect width="5" height="5" style={{ fill: `var(--v-${v})` }} />
            {kind === 'dots' ? <circle cx="2.5" cy="2.5" r="0.9" class="pattern-ink" /> : <rect width="1.2" height="5" class="pattern-ink" />}
            {kind === 'crosshatch' ? <rect width="5" height="1" class="pattern-ink" /> : null}
          </pattern>
        )
      })}
    </defs>
  )
}

/** The painter's memory: the path of each GEOID and the attributes it has now. */
export interface Painter {
  readonly paths: ReadonlyMap<string, SVGPathElement>
  readonly current: Map<string, string>
}

/**
 * Indexes the county paths of a rendered map by GEOID.
 *
 * @example
 * ```ts
 * const painter = painterFor(svg)
 * ```
 */
export function painterFor(svg: SVGSVGElement): Painter {
  const paths = new Map<string, SVGPathElement>()
  svg.querySelectorAll<SVGPathElement>('path[data-geoid]').forEach((p) => paths.set(p.getAttribute('data-geoid')!, p))
  return { paths, current: new Map() }
}

/**
 * Sets each county path's answer and layer attributes; touches only paths whose answer changed.
 * Returns how many paths changed.
 *
 * @example
 * ```ts
 * paint(painter, answers.counties) // 212
 * ```
 */
export function paint(painter: Painter, counties: readonly CountyAnswer[]): number {
  let changed = 0
  const seen = new Set<string>()
  for (const c of counties) {
    const p = painter.paths.get(c.geoid)
    if (!p) continue
    seen.add(c.geoid)
    const layer = c.layer === 'place' ? 'county' : c.layer
    const key = `${c.value}|${layer}`
    if (painter.current.get(c.geoid) === key) continue
    painter.current.set(c.geoid, key)
    p.setAttribute('data-v', c.value)
    p.setAttribute('data-l', layer)
    changed++
  }
  for (const [geoid, p] of painter.paths) {
    if (seen.has(geoid) || !painter.current.has(geoid)) continue
    painter.current.delete(geoid)
    p.removeAttribute('data-v')
    p.removeAttribute('data-l')
    changed++
  }
  return changed
}

/** A small diamond centred on (x, y): the 287(g) marker (a shape, so it never depends on colour). */
export function diamond(x: number, y: number, r = 2.2): string {
  const f = (n: number) => Math.round(n * 10) / 10
  return `M${f(x)} ${f(y - r)}L${f(x + r)} ${f(y)}L${f(x)} ${f(y + r)}L${f(x - r)} ${f(y)}Z`
}

/**
 * The layer drawn over the map: own-law outlines, city dots (filled: the city's jail is this
 * county's; a ring: a city with its own law whose jail county is not recorded and whose registry
 * entry names this county), a diamond for counties with a 287(g)
 * agreement in force (filled: the county's own agencies; hollow: only a city's inside) and the
 * hovered county.
 */
export function MapOverlay(props: { shapes: AtlasShapes; counties: readonly CountyAnswer[] | null; hover: CountyShape | null; unplaced?: ReadonlyMap<string, readonly string[]> }) {
  // The marks change only with the answers: the same element is returned otherwise, so a date
  // change (before its answers arrive) or a pointer move does not diff them again.
  const marks = useMemo(() => <OverlayMarks shapes={props.shapes} counties={props.counties} unplaced={props.unplaced} />, [props.shapes, props.counties, props.unplaced])
  return (
    <svg class="atlas-map atlas-overlay" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} aria-hidden="true" focusable="false">
      {marks}
      {props.hover ? <path class="hover" d={props.hover.d} /> : null}
    </svg>
  )
}

function OverlayMarks(props: { shapes: AtlasShapes; counties: readonly CountyAnswer[] | null; unplaced?: ReadonlyMap<string, readonly string[]> }) {
  const byGeoid = new Map(props.shapes.counties.map((c) => [c.geoid, c]))
  const own: CountyShape[] = []
  const withPlaces: CountyShape[] = []
  const agreements: CountyShape[] = []
  const cityAgreements: CountyShape[] = []
  for (const c of props.counties ?? []) {
    const shape = byGeoid.get(c.geoid)
    if (!shape) continue
    if (c.layer === 'county' || c.layer === 'place') own.push(shape)
    if (c.places.length > 0) withPlaces.push(shape)
    if (c.agreements287g > 0) agreements.push(shape)
    else if (c.cityAgreements287g > 0) cityAgreements.push(shape)
  }
  return (
    <g class="marks">
      {own.map((s) => (
        <path key={`o${s.geoid}`} class="own" d={s.d} />
      ))}
      {withPlaces.map((s) => (
        <circle key={`p${s.geoid}`} class="place-dot" cx={s.cx} cy={s.cy} r={2.6} />
      ))}
      {[...(props.unplaced?.keys() ?? [])].flatMap((geoid) => {
        const s = byGeoid.get(geoid)
        return s ? [<circle key={`u${geoid}`} class="place-ring" cx={s.cx} cy={s.cy} r={2.6} />] : []
      })}
      {agreements.map((s) => (
        <path key={`g${s.geoid}`} class="agreement-287g" d={diamond(s.cx + 3.2, s.cy - 3.2)} />
      ))}
      {cityAgreements.map((s) => (
        <path key={`h${s.geoid}`} class="agreement-287g-city" d={diamond(s.cx + 3.2, s.cy - 3.2)} />
      ))}
    </g>
  )
}
