/**
 * The one palette of the web app. Every view that shows an answer — the map, its legend and table,
 * the jurisdiction page, compare and the evaluator — takes its colours from here (as the CSS
 * variables {@link paletteCss} writes into every page), so one colour means one answer everywhere.
 *
 * - Answer colours are Okabe–Ito hues (distinguishable with the common colour-vision
 *   deficiencies; no red/green pair, so no good/bad reading), reserved for answers: no other view
 *   (the map's layer mode, the timeline) uses them for anything else.
 * - Meaning never rests on colour alone: each answer also has a pattern (stripes, dots, solid,
 *   cross-hatch), drawn on the map, the swatches and the answer cards, and a text label.
 * - Print: light fills with black patterns, so a greyscale printout keeps every answer apart.
 */
import type { AnswerValue, DecidingLayer } from './words.ts'

export type PatternKind = 'stripes' | 'dots' | 'solid' | 'crosshatch'

export interface AnswerStyle {
  /** Screen colour (Okabe–Ito). */
  readonly colour: string
  /** Print fill (light grey levels; the pattern carries the meaning). */
  readonly print: string
  readonly pattern: PatternKind
  /** The pattern in words, for the legend. */
  readonly patternWords: string
}

/**
 * @example
 * ```ts
 * ANSWER_PALETTE.prohibited.pattern // 'stripes'
 * ```
 */
export const ANSWER_PALETTE: Readonly<Record<AnswerValue, AnswerStyle>> = {
  prohibited: { colour: '#CC79A7', print: '#D9D9D9', pattern: 'stripes', patternWords: 'diagonal stripes' },
  required: { colour: '#E69F00', print: '#F2F2F2', pattern: 'dots', patternWords: 'dots' },
  permitted: { colour: '#56B4E9', print: '#FFFFFF', pattern: 'solid', patternWords: 'plain' },
  undetermined: { colour: '#999999', print: '#BFBFBF', pattern: 'crosshatch', patternWords: 'cross-hatched' },
}

/** The map's "colour by layer" view: the other Okabe–Ito hues, none of them an answer's. */
export const LAYER_PALETTE: Readonly<Record<DecidingLayer, string>> = {
  county: '#009E73',
  place: '#009E73',
  state: '#0072B2',
  federal: '#D55E00',
  default: '#F0E442',
}

/** The timeline's enactment states, in the order of its `KIND_ORDER`; none is an answer's colour. */
export const STATUS_PALETTE: readonly string[] = ['#0072B2', '#B3C7D9', '#D55E00', '#F0E442', '#000000', '#666666', '#CCCCCC', '#009E73', '#8C510A']

const INK = 'rgba(0, 0, 0, 0.42)'

function cssPattern(kind: PatternKind, ink: string): string {
  switch (kind) {
    case 'stripes':
      return `repeating-linear-gradient(45deg, ${ink} 0 1.5px, transparent 1.5px 5px)`
    case 'dots':
      return `radial-gradient(${ink} 1.1px, transparent 1.4px) 0 0 / 4px 4px`
    case 'crosshatch':
      return `repeating-linear-gradient(45deg, ${ink} 0 1px, transparent 1px 5px), repeating-linear-gradient(-45deg, ${ink} 0 1px, transparent 1px 5px)`
    case 'solid':
      return 'none'
  }
}

const VALUES = Object.keys(ANSWER_PALETTE) as AnswerValue[]

/**
 * The palette as CSS: the colour variables, the patterns of swatches and answer cards, the map's
 * pattern fills, and the print variant. Written into every page's head.
 *
 * @example
 * ```ts
 * paletteCss().includes('--v-prohibited: #CC79A7') // true
 * ```
 */
export function paletteCss(): string {
  const vars = [
    ...VALUES.map((v) => `--v-${v}: ${ANSWER_PALETTE[v].colour};`),
    ...(['county', 'state', 'federal', 'default'] as const).map((l) => `--l-${l}: ${LAYER_PALETTE[l]};`),
    `--pattern-ink: ${INK};`,
  ]
  const print = [...VALUES.map((v) => `--v-${v}: ${ANSWER_PALETTE[v].print};`), '--pattern-ink: #000000;']
  const rules = VALUES.flatMap((v) => {
    const p = cssPattern(ANSWER_PALETTE[v].pattern, 'var(--pattern-ink)')
    return [
      `.swatch.v-${v} { background: ${p === 'none' ? '' : `${p}, `}var(--v-${v}); }`,
      `.atlas-map[data-mode="value"] .counties path[data-v="${v}"] { fill: ${ANSWER_PALETTE[v].pattern === 'solid' ? `var(--v-${v})` : `url(#pattern-${v})`}; }`,
    ]
  })
  return [
    `:root { ${vars.join(' ')} }`,
    ...rules,
    `.pattern-ink { fill: var(--pattern-ink); }`,
    `@media print { :root { ${print.join(' ')} } .swatch, .atlas-map path, .answer-card { print-color-adjust: exact; -webkit-print-color-adjust: exact; } .answer-card { border-left-width: 10px; } }`,
  ].join('\n')
}
