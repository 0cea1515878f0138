/**
 * A jurisdiction's enactments over time: the events (enacted, in force, enjoined, struck down,
 * repealed, ended) as a list for every reader, and the bars the chart draws (timeline-chart.ts).
 */
import type { EnactmentJson } from './provision.tsx'
import { STATUS_PALETTE } from '../shared/palette.ts'

type DateJson = string | { unknown: string } | null

export type SegmentKind = 'in force' | 'in force (start not known)' | 'enjoined' | 'stayed' | 'struck down' | 'repealed' | 'expired' | 'superseded' | 'failed'

/** One bar of the chart: an enactment's state over `[from, to)`. */
export interface TimelineSegment {
  readonly enactment: string
  readonly label: string
  readonly from: string
  readonly to: string
  readonly kind: SegmentKind
  /** True when the state applies to some provisions only. */
  readonly some: boolean
  /** True when a date behind this bar is known to the month or year only. */
  readonly approximate: boolean
}

/** One dated event of the list. */
export interface TimelineEvent {
  readonly enactment: string
  readonly title: string
  /** For an enactment of a layer above (state or federal law, a city's jail county): that layer and its page. */
  readonly from?: { readonly layer: string; readonly jurisdiction: string; readonly name: string }
  /** YYYY, YYYY-MM or YYYY-MM-DD; null when the sources do not give it. */
  readonly date: string | null
  readonly what: string
}

export interface Timeline {
  readonly events: readonly TimelineEvent[]
  readonly segments: readonly TimelineSegment[]
  readonly labels: readonly string[]
}

export const KIND_ORDER: readonly SegmentKind[] = ['in force', 'in force (start not known)', 'enjoined', 'stayed', 'struck down', 'repealed', 'expired', 'superseded', 'failed']
/** From the one palette: none is an answer's colour. */
export const KIND_COLOURS: readonly string[] = STATUS_PALETTE

/** The first day a registry date can mean (a year means its 1 January). */
function startOf(d: DateJson): string | null {
  if (d === null || typeof d === 'object') return null
  if (d.length === 4) return `${d}-01-01`
  if (d.length === 7) return `${d}-01`
  return d
}

function approximate(d: DateJson): boolean {
  return typeof d === 'string' && d.length < 10
}

function shortLabel(title: string): string {
  return title.length > 42 ? `${title.slice(0, 40).trimEnd()}…` : title
}

/** An enactment of a layer above the page's jurisdiction whose provisions the engine applies there. */
export interface LayerEnactment {
  readonly layer: string
  readonly jurisdiction: string
  readonly name: string
  readonly enactment: EnactmentJson
}

/**
 * Builds the timeline of a jurisdiction's enactments, and of those of the layers above it that the
 * engine applies there (each tagged with its layer) as of `today` (open intervals end there).
 *
 * @example
 * ```ts
 * const t = timelineOf(jurisdictionView(j).enactments, '2025-06-01')
 * t.events[0] // { enactment: 'ca-trust', title: '…', date: '2013-10-05', what: 'enacted' }
 * ```
 */
export function timelineOf(enactments: readonly (EnactmentJson | LayerEnactment)[], today: string, names: Readonly<Record<string, string>> = {}): Timeline {
  const events: TimelineEvent[] = []
  const segments: TimelineSegment[] = []
  const labels: string[] = []
  const used = new Set<string>()
  for (const item of enactments) {
    const e = 'enactment' in item && 'layer' in item ? item.enactment : (item as EnactmentJson)
    const from = 'enactment' in item && 'layer' in item ? { layer: item.layer, jurisdiction: item.jurisdiction, name: item.name } : undefined
    let label = shortLabel(e.title)
    while (used.has(label)) label = `${label} `
    used.add(label)
    const event = (date: DateJson, what: string) => {
      events.push({ enactment: e.id, title: e.title, ...(from ? { from } : {}), date: typeof date === 'string' ? date : null, what: date !== null && typeof date === 'object' ? `${what} (date unknown: ${date.unknown})` : what })
    }
    // Courts decide, officials issue policies and orders, legislatures and voters enact.
    const made = e.kind === 'court-decision' || e.kind === 'consent-decree' ? 'decided' : e.kind === 'jail-policy' || e.kind === 'executive-order' || e.kind === 'attorney-general-directive' ? 'issued' : e.kind === 'agreement' ? 'signed' : e.kind === 'federal-program' ? 'started' : 'enacted'
    if (e.enacted !== null) event(e.enacted, made)
    event(e.effective, 'in force')
    for (const s of e.status) {
      if (s.status === 'in-force') continue
      event(s.from, `${s.status.replace('-', ' ')}${s.provisions ? ' (some provisions)' : ''}${s.by ? ` by ${names[s.by] ?? 'a later decision'}` : ''}`)
      if (s.to !== null) event(s.to, `no longer ${s.status.replace('-', ' ')}${s.provisions ? ' (some provisions)' : ''}`)
    }
    if (e.ends !== null) event(e.ends, 'no longer in force')

    const start = startOf(e.effective) ?? startOf(e.enacted)
    if (start === null || start > today) continue
    labels.push(label)
    const endRaw = startOf(e.ends)
    const end = endRaw !== null && endRaw < today ? endRaw : today
    const statuses = e.status
      .filter((s) => s.status !== 'in-force' && startOf(s.from) !== null)
      .map((s) => {
        const from = startOf(s.from)!
        const toRaw = startOf(s.to)
        return { s, from, to: toRaw !== null && toRaw < end ? toRaw : end }
      })
      .filter((x) => x.from < x.to)
      .sort((a, b) => (a.from < b.from ? -1 : 1))
    const approx = approximate(e.effective) || approximate(e.ends)
    // Drawn from the enactment date when the sources do not give the day it took effect.
    const inForce: SegmentKind = startOf(e.effective) === null ? 'in force (start not known)' : 'in force'
    let cursor = start
    for (const x of statuses) {
      if (x.s.provisions === null && x.from > cursor) segments.push({ enactment: e.id, label, from: cursor, to: x.from, kind: inForce, some: false, approximate: approx })
      const kind = x.s.status.replace('-', ' ') as SegmentKind
      segments.push({ enactment: e.id, label, from: x.from, to: x.to, kind, some: x.s.provisions !== null, approximate: approximate(x.s.from) || approximate(x.s.to) })
      if (x.s.provisions === null && x.to > cursor) cursor = x.to
    }
    if (cursor < end) segments.push({ enactment: e.id, label, from: cursor, to: end, kind: inForce, some: false, approximate: approx })
  }
  events.sort((a, b) => (a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return { events, segments, labels }
}

