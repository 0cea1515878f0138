/**
 * The link-preview image of a page (Open Graph / Twitter card), as SVG: 1200×630, the page's
 * place highlighted on the map of the nation or of its state in the colour and pattern of its
 * answer (the one palette, so a preview means what the map means), with the name, the question,
 * the case and the date in words. The adapter rasterises it to PNG. Server only; no I/O.
 */
import type { AtlasGeometry, Geometry } from '../../core/answers/index.ts'
import { pathData } from '../components/map-geometry.ts'
import { ANSWER_PALETTE } from '../shared/palette.ts'
import { ANSWER_VALUES, VALUE_LABELS, type AnswerValue } from '../shared/words.ts'

/** The size every preview image has (the size Open Graph consumers expect). */
export const SHARE_IMAGE_WIDTH = 1200
export const SHARE_IMAGE_HEIGHT = 630

/** A line of the image's text. */
export interface ShareLine {
  readonly text: string
  readonly value?: AnswerValue
}

/** What one preview image shows. */
export interface ShareImage {
  readonly kind: 'share-image'
  /** The big line: a place's name, or the site's view. */
  readonly title: string
  /** Smaller lines under it (question, answer, case, date), in order; a line with a value gets its swatch. */
  readonly lines: readonly ShareLine[]
  /** The nation, or one state by its two-digit FIPS code. */
  readonly frame: 'nation' | { readonly state: string }
  /** Shapes filled with an answer, by GEOID: two digits for a state, five for a county; the rest are grey. */
  readonly fills: ReadonlyMap<string, AnswerValue>
  /** GEOIDs drawn with a heavy outline (the place the page is about). */
  readonly outline: readonly string[]
  /** Cities: a marker in the answer's fill at the centre of the county (five-digit GEOID) that holds them. */
  readonly markers: readonly { readonly county: string; readonly value: AnswerValue }[]
  /** The answers the legend names. */
  readonly legend: readonly AnswerValue[]
}

const GREY = '#E4E4E4'
const FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
const MAP_BOX = { x: 500, y: 40, w: 660, h: 550 }

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

type Box = { minX: number; minY: number; maxX: number; maxY: number }

function extend(box: Box, value: unknown): void {
  if (!Array.isArray(value)) return
  if (typeof value[0] === 'number' && typeof value[1] === 'number') {
    box.minX = Math.min(box.minX, value[0])
    box.maxX = Math.max(box.maxX, value[0])
    box.minY = Math.min(box.minY, value[1])
    box.maxY = Math.max(box.maxY, value[1])
    return
  }
  for (const v of value) extend(box, v)
}

function boundsOf(geometries: readonly Geometry[]): Box | null {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }
  for (const g of geometries) extend(box, g.coordinates)
  return Number.isFinite(box.minX) && box.maxX > box.minX && box.maxY > box.minY ? box : null
}

/** Greedy word wrap by character count (the fonts are not measured; the widths are generous). */
export function wrapWords(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines)
    kept[maxLines - 1] = `${kept[maxLines - 1]} …`
    return kept
  }
  return lines
}

function patterns(prefix: string, unit: number): string {
  const ink = 'rgba(0,0,0,0.45)'
  return ANSWER_VALUES.map((v) => {
    const style = ANSWER_PALETTE[v]
    if (style.pattern === 'solid') return ''
    const mark =
      style.pattern === 'dots'
        ? `<circle cx="3" cy="3" r="1.2" fill="${ink}"/>`
        : `<rect width="1.6" height="6" fill="${ink}"/>${style.pattern === 'crosshatch' ? `<rect width="6" height="1.4" fill="${ink}"/>` : ''}`
    const transform = `scale(${unit.toFixed(5)})${style.pattern === 'dots' ? '' : ' rotate(45)'}`
    return `<pattern id="${prefix}-${v}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="${transform}"><rect width="6" height="6" fill="${style.colour}"/>${mark}</pattern>`
  }).join('')
}

const fillOf = (prefix: string, v: AnswerValue | undefined) => (v === undefined ? GREY : ANSWER_PALETTE[v].pattern === 'solid' ? ANSWER_PALETTE[v].colour : `url(#${prefix}-${v})`)

/** The centre of a shape's bounding box, for a city's marker. */
function centreOf(g: Geometry): [number, number] | null {
  const b = boundsOf([g])
  return b ? [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2] : null
}

/**
 * The preview image as an SVG document. Shapes missing from the geometry (territories the Albers
 * map does not draw) are left out; a state frame with no geometry falls back to the nation.
 *
 * @example
 * ```ts
 * shareImageSvg(geometry, { kind: 'share-image', title: 'Travis County, TX', lines: ['Hold: Permitted'], frame: { state: '48' }, fills: new Map([['48453', 'permitted']]), outline: ['48453'], markers: [], legend: ['permitted'] })
 * ```
 */
export function shareImageSvg(geometry: AtlasGeometry, image: ShareImage): string {
  const stateFips = image.frame !== 'nation' && geometry.states.has(image.frame.state) ? image.frame.state : null
  const fillKeys = [...image.fills.keys()]
  const base: [string, Geometry][] = []
  const overlay: [string, Geometry][] = []
  if (stateFips !== null) {
    for (const [geoid, g] of geometry.counties) if (geoid.startsWith(stateFips)) base.push([geoid, g])
  } else if (fillKeys.length > 0 && fillKeys.every((k) => k.length === 5) && image.outline.length === 0) {
    // The nation's answers: every county in its colour.
    for (const [geoid, g] of geometry.counties) base.push([geoid, g])
  } else {
    for (const [fips, g] of geometry.states) base.push([fips, g])
    for (const k of fillKeys) if (k.length === 5 && geometry.counties.has(k)) overlay.push([k, geometry.counties.get(k)!])
  }
  const frameShapes = stateFips !== null ? [geometry.states.get(stateFips)!] : geometry.nation ? [geometry.nation] : base.map(([, g]) => g)
  const box = boundsOf(frameShapes) ?? { minX: 0, minY: 0, maxX: 975, maxY: 610 }
  const scale = Math.min(MAP_BOX.w / (box.maxX - box.minX), MAP_BOX.h / (box.maxY - box.minY))
  const tx = MAP_BOX.x + (MAP_BOX.w - (box.maxX - box.minX) * scale) / 2 - box.minX * scale
  const ty = MAP_BOX.y + (MAP_BOX.h - (box.maxY - box.minY) * scale) / 2 - box.minY * scale
  const px = (n: number) => (n / scale).toFixed(3)
  const shape = ([id, g]: [string, Geometry]) => `<path d="${pathData(g)}" fill="${fillOf('m', image.fills.get(id))}"/>`
  const paths = base.filter(([id]) => !image.outline.includes(id)).map(shape).join('') + overlay.filter(([id]) => !image.outline.includes(id)).map(shape).join('')
  const stateOutline = stateFips !== null ? `<path d="${pathData(geometry.states.get(stateFips)!)}" fill="none" stroke="#555555" stroke-width="${px(1.5)}"/>` : ''
  const outlined = image.outline
    .flatMap((id) => {
      const g = (id.length === 2 ? geometry.states : geometry.counties).get(id)
      return g ? [`<path d="${pathData(g)}" fill="${fillOf('m', image.fills.get(id))}" stroke="#000000" stroke-width="${px(3.5)}"/>`] : []
    })
    .join('')
  const markers = image.markers
    .flatMap((m) => {
      const g = geometry.counties.get(m.county)
      const c = g ? centreOf(g) : null
      return c ? [`<circle cx="${c[0].toFixed(2)}" cy="${c[1].toFixed(2)}" r="${px(16)}" fill="${fillOf('m', m.value)}" stroke="#000000" stroke-width="${px(3.5)}"/>`] : []
    })
    .join('')

  const text: string[] = []
  let y = 92
  text.push(`<text x="48" y="${y}" font-size="26" fill="#333333">Sanctuary Atlas</text>`)
  y += 70
  for (const line of wrapWords(image.title, 20, 3)) {
    text.push(`<text x="48" y="${y}" font-size="48" font-weight="bold" fill="#000000">${escapeXml(line)}</text>`)
    y += 58
  }
  y += 12
  for (const line of image.lines) {
    const x = line.value ? 90 : 48
    if (line.value) text.push(`<rect x="48" y="${y - 24}" width="30" height="30" fill="${fillOf('l', line.value)}" stroke="#000000" stroke-width="1"/>`)
    for (const part of wrapWords(line.text, line.value ? 31 : 34, 3)) {
      text.push(`<text x="${x}" y="${y}" font-size="26" fill="#222222">${escapeXml(part)}</text>`)
      y += 34
    }
    y += 10
  }
  const legend = image.legend
    .map((v, i) => {
      const ly = 575 - (image.legend.length - 1 - i) * 40
      return `<rect x="48" y="${ly - 24}" width="30" height="30" fill="${fillOf('l', v)}" stroke="#000000" stroke-width="1"/><text x="90" y="${ly}" font-size="24" fill="#000000">${escapeXml(VALUE_LABELS[v])}</text>`
    })
    .join('')

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SHARE_IMAGE_WIDTH}" height="${SHARE_IMAGE_HEIGHT}" viewBox="0 0 ${SHARE_IMAGE_WIDTH} ${SHARE_IMAGE_HEIGHT}" font-family="${FONT}">`,
    `<defs>${patterns('m', 1 / scale)}${patterns('l', 1)}</defs>`,
    `<rect width="${SHARE_IMAGE_WIDTH}" height="${SHARE_IMAGE_HEIGHT}" fill="#FFFFFF"/>`,
    `<g transform="translate(${tx.toFixed(2)} ${ty.toFixed(2)}) scale(${scale.toFixed(5)})" stroke="#FFFFFF" stroke-width="${px(stateFips !== null ? 0.8 : 0.4)}" stroke-linejoin="round">${paths}${stateOutline}${outlined}${markers}</g>`,
    ...text,
    legend,
    '</svg>',
  ].join('')
}
