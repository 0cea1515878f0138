import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ANSWER_PALETTE, LAYER_PALETTE, paletteCss, STATUS_PALETTE } from './palette.ts'

/** Relative luminance (WCAG 2) of a #RRGGBB colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

const answers = Object.values(ANSWER_PALETTE)

describe('the one palette', () => {
  it('reserves the answer colours: no other view uses them for something else', () => {
    const answerColours = new Set(answers.map((a) => a.colour.toUpperCase()))
    for (const c of [...Object.values(LAYER_PALETTE), ...STATUS_PALETTE]) expect(answerColours.has(c.toUpperCase())).toBe(false)
    expect(answerColours.size).toBe(4)
  })

  it('never rests on colour alone: every answer has its own pattern, and the print fills differ in lightness', () => {
    expect(new Set(answers.map((a) => a.pattern)).size).toBe(4)
    const print = answers.map((a) => luminance(a.print)).sort()
    for (let i = 1; i < print.length; i++) expect(print[i]! - print[i - 1]!).toBeGreaterThan(0.05)
  })

  it('is the only source of the answer colours: the stylesheet defines none, the page CSS has them all with a print variant', () => {
    const css = readFileSync(new URL('../styles/app.css', import.meta.url), 'utf8')
    expect(css).not.toMatch(/--v-(prohibited|required|permitted|undetermined)\s*:/)
    const generated = paletteCss()
    for (const [v, s] of Object.entries(ANSWER_PALETTE)) {
      expect(generated).toContain(`--v-${v}: ${s.colour};`)
      expect(generated).toContain(`--v-${v}: ${s.print};`)
    }
    expect(generated).toMatch(/@media print/)
    expect(generated).toContain('path[data-v="prohibited"] { fill: url(#pattern-prohibited); }')
  })
})
