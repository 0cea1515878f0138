/**
 * The timeline as an Observable Plot chart, added by the browser after the list. The function
 * takes the `document` to draw in, so tests render it in jsdom. Loaded on demand: Plot is the
 * biggest library the site uses and only this chart needs it.
 */
import { axisY, barX, dot, plot, ruleX, type LegendOptions, type ScaleOptions } from '@observablehq/plot'
import { KIND_COLOURS, KIND_ORDER, type Timeline, type TimelineEvent, type TimelineSegment } from './timeline.ts'

/** The chart's text size in CSS pixels (Plot's default is 10). */
export const CHART_FONT_PX = 13

/** Plot's estimate of a label's width runs short of the real width in the browser's system font. */
const LABEL_SLACK = 0.9

function utc(text: string): Date {
  return new Date(`${text.length === 7 ? `${text}-01` : text.length === 4 ? `${text}-01-01` : text}T00:00:00Z`)
}

/**
 * Draws the timeline with Observable Plot: one row per enactment, bars coloured by its state, a
 * dot on the day it was enacted, a rule at `today`. Returns the element Plot made (a figure with
 * its colour legend), drawn with `document` — the page's, or jsdom's in tests.
 *
 * @example
 * ```ts
 * container.append(timelineChart(timelineOf(enactments, today), today, { document, width: 800 }))
 * ```
 */
export function timelineChart(t: Timeline, today: string, options: { document: Document; width: number }): Element {
  const kinds = KIND_ORDER.filter((k) => t.segments.some((s) => s.kind === k))
  const enacted = t.events.filter((e) => (e.what === 'enacted' || e.what === 'decided' || e.what === 'issued' || e.what === 'signed') && e.date !== null)
  const labelOf = new Map(t.segments.map((s) => [s.enactment, s.label]))
  const first = [...t.segments.map((s) => s.from), ...enacted.map((e) => e.date!)].sort()[0] ?? today
  const bars = {
    x1: (d: TimelineSegment) => utc(d.from),
    x2: (d: TimelineSegment) => utc(d.to),
    y: 'label',
    fill: 'kind',
    title: (d: TimelineSegment) => `${d.label.trim()}: ${d.kind}${d.some ? ' (some provisions)' : ''} from ${d.from} to ${d.to}${d.approximate ? ' (a date known only to the month or year)' : ''}`,
  }
  // Room for the longest label (at most 42 characters) at the chart's font size, about 0.56 em a
  // character, with slack for Plot's estimate of text width (LABEL_SLACK, used again for lineWidth
  // below); on a narrow chart (a phone) at most 40% of the width, the labels cut with an ellipsis.
  const room = (chars: number) => Math.round((chars * 0.56 * CHART_FONT_PX) / LABEL_SLACK) + 14
  const wanted = Math.max(120, room(Math.max(0, ...t.labels.map((l) => l.length))))
  const marginLeft = Math.min(room(42), Math.round(options.width * 0.4), wanted)
  // Plot hands a scale's options to its legend, so the legend's text size goes here too.
  const colour: ScaleOptions & LegendOptions = { domain: kinds, range: kinds.map((k) => KIND_COLOURS[KIND_ORDER.indexOf(k)]!), legend: 'swatches', style: { fontSize: `${CHART_FONT_PX}px` } }
  return plot({
    document: options.document,
    width: options.width,
    height: 48 + Math.max(1, t.labels.length) * 30,
    marginLeft,
    marginRight: 20,
    marginBottom: 30,
    // Plot writes 10 px text; the page wants it legible (the chart is never scaled down, see app.css).
    style: { fontSize: `${CHART_FONT_PX}px` },
    ariaLabel: 'Timeline of enactments',
    ariaDescription: 'Bars show when each enactment was in force, enjoined, struck down or repealed; thin bars along a row’s lower edge show states of some of its provisions only; dots mark the day it was enacted, issued or decided. The same events are listed after the chart.',
    x: { type: 'utc', domain: [utc(first), utc(today)], label: null, grid: true },
    y: { domain: t.labels as string[], label: null, axis: null },
    color: colour,
    marks: [
      // Plot's lineWidth is in ems and its text widths are estimates, hence some slack; a cut label keeps its full text as a tooltip.
      axisY({ label: null, lineWidth: ((marginLeft - 14) / CHART_FONT_PX) * LABEL_SLACK, textOverflow: 'ellipsis' }),
      // Whole-enactment states fill the row; states of some provisions only run along its lower edge.
      barX(
        t.segments.filter((d) => !d.some),
        { ...bars, insetTop: 4, insetBottom: 4 },
      ),
      barX(
        t.segments.filter((d) => d.some),
        { ...bars, insetTop: 17, insetBottom: 1, stroke: '#fff', strokeWidth: 0.5 },
      ),
      dot(
        enacted.filter((e) => labelOf.has(e.enactment)),
        { x: (d: TimelineEvent) => utc(d.date!), y: (d: TimelineEvent) => labelOf.get(d.enactment), r: 3.5, fill: '#111', title: (d: TimelineEvent) => `${d.what} ${d.date}` },
      ),
      ruleX([utc(today)], { stroke: '#555', strokeDasharray: '3,3' }),
    ],
  })
}
