/**
 * The clause page's charts, drawn by Observable Plot into a given `document` (jsdom's on the
 * server) and returned as SVG markup, so the page shows them without any script: the adopters
 * on a timeline (a bar while in force, a dot on the first day), and a map of the adopters by date.
 */
import { barX, dot, geo, plot, ruleX } from '@observablehq/plot'
/** A GeoJSON geometry (us-atlas, converted by the atlas adapter). */
type Geometry = { readonly type: string }
import type { Adopter } from '../../core/toolkit/index.ts'

const utc = (text: string) => new Date(`${text.length === 7 ? `${text}-01` : text.length === 4 ? `${text}-01-01` : text}T00:00:00Z`)

const shorten = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t)

function svgOf(node: Element): string {
  return node.tagName.toLowerCase() === 'svg' ? node.outerHTML : (node.querySelector('svg')?.outerHTML ?? node.outerHTML)
}

/**
 * The adopters as a timeline, one row per jurisdiction and text. Adopters with no known first
 * day are not drawn (the table lists them).
 *
 * @example
 * ```ts
 * adoptersTimeline(clause.adopters, '2026-01-01', { document, width: 900 })
 * ```
 */
export function adoptersTimeline(adopters: readonly Adopter[], today: string, options: { readonly document: Document; readonly width?: number }): string | null {
  const rows = adopters
    .filter((a) => a.from)
    .map((a) => ({ label: shorten(`${a.jurisdictionName} — ${a.title}`, 46), from: utc(a.from!), to: utc(a.to ?? today), open: a.to === null, who: a.jurisdictionName, title: a.title, first: a.from! }))
  if (!rows.length) return null
  const first = rows.reduce((m, r) => (r.from < m ? r.from : m), rows[0]!.from)
  const node = plot({
    document: options.document,
    width: options.width ?? 900,
    height: 40 + rows.length * 22,
    marginLeft: 320,
    marginRight: 20,
    style: { fontSize: '12px' },
    ariaLabel: 'Timeline of adopters',
    ariaDescription: 'Each row is an enacted text carrying the clause: a bar from its first day in force to its end (or today), a dot on its first day. The same adopters are listed in the table.',
    x: { type: 'utc', domain: [first, utc(today)], label: null, grid: true },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [
      barX(rows, { x1: 'from', x2: 'to', y: 'label', fill: (r: { open: boolean }) => (r.open ? '#2f6aa3' : '#9fb8d3'), title: (r: { who: string; title: string; first: string }) => `${r.who}: ${r.title}, from ${r.first}` }),
      dot(rows, { x: 'from', y: 'label', fill: '#1b2f45', r: 3 }),
      ruleX([utc(today)], { stroke: '#888', strokeDasharray: '3,3' }),
    ],
  })
  return svgOf(node)
}

/** One adopter placed on the map, with its state on the map's date. */
export interface MapAdopter {
  readonly id: string
  readonly name: string
  readonly geometry: Geometry
  readonly state: 'in force' | 'not yet' | 'ended' | 'date unknown'
}

const MAP_COLOURS: Record<MapAdopter['state'], string> = { 'in force': '#2f6aa3', 'not yet': '#e4e4e4', ended: '#c08a2d', 'date unknown': '#bdbdbd' }

/**
 * The adopters on a map of the states as of a date (states and counties with geometry; places
 * are listed, not drawn).
 *
 * @example
 * ```ts
 * adoptersMap(placed, states, '2018-06-01', { document })
 * ```
 */
export function adoptersMap(placed: readonly MapAdopter[], states: readonly Geometry[], date: string, options: { readonly document: Document; readonly width?: number }): string {
  const features = placed.map((p) => ({ type: 'Feature' as const, id: p.id, properties: { name: p.name, state: p.state }, geometry: p.geometry }))
  const statesFc = { type: 'FeatureCollection' as const, features: states.map((g, i) => ({ type: 'Feature' as const, id: String(i), properties: {}, geometry: g })) }
  // counties drawn over states
  features.sort((a, b) => Number(a.id.includes('/county:') || a.id.includes('/parish:')) - Number(b.id.includes('/county:') || b.id.includes('/parish:')))
  const node = plot({
    document: options.document,
    width: options.width ?? 900,
    projection: 'albers-usa',
    ariaLabel: `Map of adopters as of ${date}`,
    ariaDescription: 'States and counties whose text carries the clause, coloured by whether it was in force on the date; the table lists every adopter.',
    color: { type: 'ordinal', domain: Object.keys(MAP_COLOURS), range: Object.values(MAP_COLOURS), legend: true },
    marks: [
      geo(statesFc, { fill: '#fafafa', stroke: '#9a9a9a', strokeWidth: 0.5 }),
      geo({ type: 'FeatureCollection', features }, { fill: (f: { properties: { state: string } }) => f.properties.state, stroke: '#333', strokeWidth: 0.6, title: (f: { properties: { name: string; state: string } }) => `${f.properties.name}: ${f.properties.state}` }),
    ],
  })
  return node.outerHTML
}
