/**
 * The map page: every county coloured by the engine's answer to one question (an action and a
 * case template) as of a date on a slider, with a legend, hover details, click-through to each
 * county, and the same data as a table. The first response carries the controls, legend counts and
 * table; the browser fetches the shapes (a static TopoJSON asset), the places list once
 * (`/api/v1/answers/places`, cached by its id) and, per question and date, the compact answers
 * (`/api/v1/answers?format=compact`), which it joins into the full answers, and paints the map.
 */
import type { RefObject } from 'preact'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import { MapCanvas, MapOverlay, paint, painterFor, type ColourMode, type Painter } from '../components/atlas-map.tsx'
import { atlasShapes, type AtlasShapes } from '../components/map-geometry.ts'
import { MapLegend } from '../components/map-legend.tsx'
import { MapTableView } from '../components/map-table.tsx'
import type { AnswersResponse, ApiError } from '../shared/api-types.ts'
import type { AnswersPlaces, AssumedFact, CompactAnswers } from '../../core/answers/index.ts'
import { answersPlacesUrl, expandAnswers } from '../shared/compact-answers.ts'
import type { CaseFacts } from '../../core/engine/index.ts'
import { assumeParams, type AssumeQuery } from '../shared/assume-url.ts'
import { mapTable, summarise, type MapSummary, type MapTable, type UnplacedCity } from '../shared/map-summary.ts'
import {
  dateWords,
  withQuery,
  dayNumber,
  dayText,
  jurisdictionPath,
  LAYER_LABELS,
  MAP_FIRST_DATE,
  QUESTION_IDS,
  QUESTION_LABELS,
  shiftYears,
  VALUE_LABELS,
  type DecidingLayer,
  type QuestionId,
} from '../shared/words.ts'

export interface MapPageProps {
  readonly date: string
  readonly action: QuestionId
  readonly template: string
  readonly colour: ColourMode
  readonly state: string | null
  /** The template's assumptions changed from its defaults (fact name → yes / no / unknown). */
  readonly assume: AssumeQuery
  /** The template's assumed facts with the values in force (the legend lists them). */
  readonly assumptions: readonly AssumedFact[]
  /** The case facts of the server's answers (for links into the evaluator). */
  readonly facts: CaseFacts
  readonly today: string
  readonly templates: readonly { readonly id: string; readonly label: string }[]
  readonly states: readonly { readonly code: string; readonly name: string }[]
  /** Computed on the server for the first response; the browser recomputes from its answers. */
  readonly summary: MapSummary | null
  readonly table: MapTable | null
  /** Registry cities with their own law whose jail county is not recorded (from the registry, whatever the date). */
  readonly unplaced: readonly UnplacedCity[]
  /** The places list the compact answers index into, by the server's current id (fetched at once, cached by the browser). */
  readonly placesUrl: string
  /** The TopoJSON asset URL; given by the browser entry (absent on the server). */
  readonly atlasUrl?: string
}

interface Query {
  readonly date: string
  readonly action: QuestionId
  readonly template: string
  readonly colour: ColourMode
  readonly state: string | null
  readonly assume: AssumeQuery
}

/** The URL of one answers request, in full form: what the page links to as the map's data. */
export function answersUrl(q: Pick<Query, 'date' | 'action' | 'template'> & { readonly assume?: AssumeQuery }): string {
  return `/api/v1/answers?${new URLSearchParams([['date', q.date], ['action', q.action], ['template', q.template], ...assumeParams(q.assume)]).toString()}`
}

/** The URL the map fetches for one question and date: the compact form (see shared/compact-answers.ts). */
export function compactAnswersUrl(q: Pick<Query, 'date' | 'action' | 'template'> & { readonly assume?: AssumeQuery }): string {
  return `${answersUrl(q)}&format=compact`
}

/** The page URL for a query (shareable; the server renders the same state). */
export function mapPageUrl(q: Query, today: string): string {
  const p = new URLSearchParams()
  if (q.date !== today) p.set('date', q.date)
  if (q.action !== 'hold') p.set('action', q.action)
  if (q.template !== 'no-record') p.set('template', q.template)
  if (q.colour !== 'value') p.set('colour', q.colour)
  if (q.state) p.set('state', q.state)
  for (const [k, v] of assumeParams(q.assume)) p.set(k, v)
  const s = p.toString()
  return s ? `/?${s}` : '/'
}

const cache = new Map<string, Promise<AnswersResponse>>()
const placesCache = new Map<string, Promise<AnswersPlaces>>()

/** How long a slider must rest before the answers for its date are fetched (a drag fires an input event about every 16 ms). */
const SLIDER_DEBOUNCE_MS = 20
/** A date input this long after the one before is not part of a drag (or a held key), and is fetched without the debounce. */
const LONE_INPUT_MS = 100

async function fetchJson<T>(url: string): Promise<T> {
  const r = await fetch(url)
  const body = (await r.json()) as T | ApiError
  if (!r.ok || (typeof body === 'object' && body !== null && 'error' in body)) throw new Error(typeof body === 'object' && body !== null && 'error' in body ? body.error.message : `HTTP ${r.status}`)
  return body as T
}

/** The places list at a URL, fetched once per page. */
function loadPlaces(url: string): Promise<AnswersPlaces> {
  let p = placesCache.get(url)
  if (!p) {
    p = fetchJson<AnswersPlaces>(url)
    p.catch(() => placesCache.delete(url))
    placesCache.set(url, p)
  }
  return p
}

/**
 * The answers for a compact answers URL, joined with the places list they name: the one the page
 * was given (already fetched) when its id matches, otherwise the list of that id.
 */
function loadAnswers(url: string, placesUrl: string): Promise<AnswersResponse> {
  let p = cache.get(url)
  if (!p) {
    const given = loadPlaces(placesUrl)
    p = fetchJson<CompactAnswers>(url).then(async (compact) => {
      const places = await given.catch(() => null)
      return expandAnswers(compact, places?.id === compact.placesId ? places : await loadPlaces(answersPlacesUrl(compact.placesId)))
    })
    p.catch(() => cache.delete(url))
    cache.set(url, p)
    if (cache.size > 40) cache.delete(cache.keys().next().value!)
  }
  return p
}

function mark(name: string): void {
  if (typeof performance !== 'undefined' && performance.mark) performance.mark(name)
}

/**
 * @example
 * ```tsx
 * <MapPage {...props} />
 * ```
 */
export function MapPage(props: MapPageProps) {
  const [q, setQ] = useState<Query>({ date: props.date, action: props.action, template: props.template, colour: props.colour, state: props.state, assume: props.assume })
  const [answers, setAnswers] = useState<AnswersResponse | null>(null)
  const [shapes, setShapes] = useState<AtlasShapes | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [hydrated, setHydrated] = useState(false)
  const svgRef = useRef<SVGSVGElement>(null)
  const painter = useRef<Painter | null>(null)
  const wanted = useRef('')
  const dateChanged = useRef(false)
  const lastInput = useRef(Number.NEGATIVE_INFINITY)

  useEffect(() => {
    setHydrated(true)
    // the places list, once: it downloads beside the shapes and the first answers
    if (props.atlasUrl) void loadPlaces(props.placesUrl).catch(() => undefined)
  }, [])

  // Shapes: one static asset, fetched once.
  useEffect(() => {
    if (!props.atlasUrl) return
    let live = true
    fetch(props.atlasUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`the map shapes could not be loaded (HTTP ${r.status})`)
        return r.json()
      })
      .then((topo) => {
        mark('atlas:topology-loaded')
        const built = atlasShapes(topo)
        mark('atlas:shapes-built')
        if (live) setShapes(built)
      })
      .catch((e: Error) => live && setError(e.message))
    return () => {
      live = false
    }
  }, [props.atlasUrl])

  // Answers: fetched for each question and date; slider moves are debounced (briefly: the server
  // answers any date from its cache), responses cached here, and a cached one is shown at once. A
  // layout effect, so the request is not held back until after the next frame.
  useLayoutEffect(() => {
    const url = compactAnswersUrl(q)
    wanted.current = url
    const delay = !answers || cache.has(url) ? 0 : SLIDER_DEBOUNCE_MS
    const timer = setTimeout(
      () => {
        setBusy(true)
        loadAnswers(url, props.placesUrl)
          .then((a) => {
            mark('atlas:answers-loaded')
            if (wanted.current !== url) return
            setAnswers(a)
            setError(null)
          })
          .catch((e: Error) => wanted.current === url && setError(`The answers could not be loaded: ${e.message}`))
          .finally(() => wanted.current === url && setBusy(false))
      },
      delay,
    )
    return () => clearTimeout(timer)
  }, [q.date, q.action, q.template, assumeParams(q.assume).join('&')])

  // The URL follows the controls, so the view can be shared.
  useEffect(() => {
    if (!hydrated) return
    history.replaceState(null, '', mapPageUrl(q, props.today) + (location.hash || ''))
  }, [q, hydrated])

  // Painting: attributes only; timings recorded as performance marks for the benchmark.
  useLayoutEffect(() => {
    const svg = svgRef.current
    if (!svg || !answers) return
    if (!painter.current) painter.current = painterFor(svg)
    const first = painter.current.current.size === 0
    mark('atlas:paint-start')
    paint(painter.current, answers.counties)
    svg.setAttribute('data-date', answers.date)
    svg.setAttribute('data-action', answers.action)
    svg.setAttribute('data-template', answers.template.id)
    // The assumed facts the painted answers were computed with (name=value&…), so a reader of the page can tell which case is shown.
    svg.setAttribute('data-assumes', answers.assumptions.map((a) => `${a.name}=${a.value}`).join('&'))
    mark('atlas:paint-end')
    performance.measure?.('atlas:paint', 'atlas:paint-start', 'atlas:paint-end')
    const fromChange = dateChanged.current
    dateChanged.current = false
    requestAnimationFrame(() => {
      mark(first ? 'atlas:map-coloured' : 'atlas:recoloured')
      if (!first && fromChange) performance.measure?.('atlas:recolour', 'atlas:date-change', 'atlas:recoloured')
    })
  }, [answers, shapes])

  useLayoutEffect(() => {
    svgRef.current?.setAttribute('data-mode', q.colour)
  }, [q.colour, shapes])

  const summary = useMemo(() => (answers ? summarise(answers) : props.summary), [answers])
  const table = useMemo(() => (answers ? mapTable(answers, q.state) : props.table), [answers, q.state])
  const unplacedGeoids = useMemo(() => new Set(props.unplaced.flatMap((c) => c.counties)), [props.unplaced])

  const firstDay = dayNumber(MAP_FIRST_DATE)
  const lastDay = dayNumber(props.today)
  const setDate = (date: string) => {
    mark('atlas:date-change')
    dateChanged.current = true
    // A lone change (a click on the track, a key, the date field; not a drag under way): fetched at
    // once, before the page re-renders; the effect above then finds it in the cache.
    const now = performance.now()
    if (answers && now - lastInput.current > LONE_INPUT_MS) void loadAnswers(compactAnswersUrl({ ...q, date }), props.placesUrl).catch(() => undefined)
    lastInput.current = now
    setQ((old) => ({ ...old, date }))
  }
  const template = props.templates.find((t) => t.id === q.template)
  const questionText = `${QUESTION_LABELS[q.action]} — ${template?.label ?? q.template}`

  return (
    <div>
      <h1>Who may hold, notify or let ICE interview, county by county</h1>
      <p class="lede">
        Each county is coloured by the registry's answer to one question for one set of facts, on the date you choose. The answer comes from the county's own law where it has
        one, otherwise from the state and federal law that reach it.
      </p>
      <form class="controls" method="get" action="/" onSubmit={(e) => hydrated && e.preventDefault()} aria-label="Question and date">
        <div class="field">
          <label for="action">Action</label>
          <select id="action" name="action" value={q.action} onChange={(e) => setQ({ ...q, action: (e.currentTarget as HTMLSelectElement).value as QuestionId })}>
            {QUESTION_IDS.map((a) => (
              <option key={a} value={a}>
                {QUESTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="template">Case</label>
          <select id="template" name="template" value={q.template} onChange={(e) => setQ({ ...q, template: (e.currentTarget as HTMLSelectElement).value })}>
            {props.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field date-control">
          <label for="date-slider">
            Date: <output for="date-slider">{dateWords(q.date)}</output>
          </label>
          <input
            id="date-slider"
            type="range"
            aria-label="Date"
            min={firstDay}
            max={lastDay}
            step={1}
            value={dayNumber(q.date)}
            aria-valuetext={dateWords(q.date)}
            aria-describedby="date-help"
            disabled={!hydrated}
            onInput={(e) => setDate(dayText(Number((e.currentTarget as HTMLInputElement).value)))}
            onKeyDown={(e) => {
              const step = e.key === 'PageUp' ? 1 : e.key === 'PageDown' ? -1 : 0
              if (!step) return
              e.preventDefault()
              setDate(dayText(Math.min(lastDay, Math.max(firstDay, dayNumber(shiftYears(q.date, step))))))
            }}
          />
          <div class="date-scale" aria-hidden="true">
            <span>{MAP_FIRST_DATE.slice(0, 4)}</span>
            <span>{props.today.slice(0, 4)}</span>
          </div>
          <span id="date-help" class="hint small muted">
            Arrow keys move one day, Page Up and Page Down one year, Home and End to the ends.
          </span>
        </div>
        <div class="field">
          <label for="date-exact">Exact date</label>
          <input
            id="date-exact"
            type="date"
            name="date"
            min={MAP_FIRST_DATE}
            max={props.today}
            value={q.date}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLInputElement).value
              if (/^\d{4}-\d{2}-\d{2}$/.test(v) && v >= MAP_FIRST_DATE && v <= props.today) setDate(v)
            }}
          />
        </div>
        <fieldset class="field">
          <legend>Colour by</legend>
          <label class="check">
            <input type="radio" name="colour" value="value" checked={q.colour === 'value'} onChange={() => setQ({ ...q, colour: 'value' })} />
            Answer
          </label>
          <label class="check">
            <input type="radio" name="colour" value="layer" checked={q.colour === 'layer'} onChange={() => setQ({ ...q, colour: 'layer' })} />
            Layer that decided
          </label>
        </fieldset>
        {q.state ? <input type="hidden" name="state" value={q.state} /> : null}
        {assumeParams(q.assume).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {hydrated ? null : (
          <div class="field">
            <button type="submit">Update</button>
          </div>
        )}
      </form>

      <p class="small muted" aria-live="polite">
        {questionText}, as of {dateWords(q.date)}.{busy ? ' Loading answers…' : ''}
      </p>
      {error ? (
        <p class="error-box" role="alert">
          {error}
        </p>
      ) : null}

      <div class="map-layout">
        <MapFrame
          shapes={shapes}
          answers={answers}
          svgRef={svgRef}
          error={error}
          hydrated={hydrated}
          busy={busy}
          action={q.action}
          linkDate={q.date === props.today ? undefined : q.date}
          linkQuery={[['template', q.template], ...assumeParams(q.assume)]}
          states={props.states}
          unplaced={props.unplaced}
        />
        <MapLegend
          summary={summary}
          mode={q.colour}
          unplacedCounties={unplacedGeoids.size}
          assumed={{ query: q, assumptions: answers?.template.id === q.template ? answers.assumptions : props.assumptions, hydrated, onChange: (assume) => setQ({ ...q, assume }) }}
        />
      </div>

      {table ? (
        <MapTableView
          table={table}
          query={q}
          questionText={questionText}
          states={props.states}
          selected={q.state}
          today={props.today}
          unplaced={props.unplaced}
          facts={answers?.template.id === q.template ? answers.facts : props.facts}
          onSelect={hydrated ? (code) => setQ({ ...q, state: code }) : undefined}
        />
      ) : null}
    </div>
  )
}

/** The map itself with its hover state, so pointer moves re-render only this part. */
function MapFrame(props: {
  shapes: AtlasShapes | null
  answers: AnswersResponse | null
  svgRef: RefObject<SVGSVGElement | null>
  error: string | null
  hydrated: boolean
  busy: boolean
  action: QuestionId
  linkDate: string | undefined
  /** Template and assumptions, carried to the county's page so it answers the same case. */
  linkQuery: readonly [string, string][]
  states: readonly { readonly code: string; readonly name: string }[]
  unplaced: readonly UnplacedCity[]
}) {
  const { shapes, answers } = props
  const unplacedByGeoid = useMemo(() => {
    const m = new Map<string, string[]>()
    for (const c of props.unplaced) for (const g of c.counties) m.set(g, [...(m.get(g) ?? []), c.name])
    return m
  }, [props.unplaced])
  const [hover, setHover] = useState<{ geoid: string; x: number; y: number } | null>(null)
  const frameRef = useRef<HTMLDivElement>(null)
  const byGeoid = useMemo(() => new Map((answers?.counties ?? []).map((c) => [c.geoid, c])), [answers])
  const shapeByGeoid = useMemo(() => new Map((shapes?.counties ?? []).map((c) => [c.geoid, c])), [shapes])
  const hovered = hover ? byGeoid.get(hover.geoid) : undefined
  const stateName = (code: string) => props.states.find((s) => s.code === code)?.name ?? code
  return (
    <div
      class="map-frame"
      ref={frameRef}
      onPointerMove={(e) => {
        const target = e.target as Element
        const geoid = target.getAttribute?.('data-geoid')
        if (!geoid) return setHover(null)
        const box = frameRef.current!.getBoundingClientRect()
        setHover({ geoid, x: e.clientX - box.left, y: e.clientY - box.top })
      }}
      onPointerLeave={() => setHover(null)}
      onClick={(e) => {
        const geoid = (e.target as Element).getAttribute?.('data-geoid')
        const county = geoid ? byGeoid.get(geoid) : undefined
        if (county) location.assign(withQuery(jurisdictionPath(county.jurisdiction, props.linkDate), props.linkQuery))
      }}
    >
      {shapes ? (
        <>
          <MapCanvas shapes={shapes} svgRef={props.svgRef} />
          <MapOverlay
            shapes={shapes}
            counties={answers?.counties ?? null}
            hover={hover ? (shapeByGeoid.get(hover.geoid) ?? null) : null}
            unplaced={unplacedByGeoid}
          />
        </>
      ) : (
        <div class="map-status">
          <p>{props.error ? 'The map could not be drawn; the table below has the same answers.' : props.hydrated ? 'Loading the map…' : 'The map needs JavaScript; the table below has the same answers.'}</p>
        </div>
      )}
      {props.busy && shapes ? <span class="map-busy">Updating…</span> : null}
      {hover && hovered ? (
        <div
          class="tooltip"
          style={{ left: `${Math.min(hover.x + 14, (frameRef.current?.clientWidth ?? 600) - 220)}px`, top: `${hover.y + 14}px` }}
        >
          <strong>
            {hovered.name}, {stateName(hovered.state)}
          </strong>
          <span>
            {VALUE_LABELS[hovered.value]}
            {hovered.maxHours != null && props.action === 'hold' ? ` (up to ${hovered.maxHours} h)` : ''}
          </span>
          {hovered.conditional ? (
            <span class="small conditional">
              <br />
              {hovered.conditional}
            </span>
          ) : null}
          <br />
          <span class="small">Decided by: {LAYER_LABELS[hovered.layer as DecidingLayer] ?? hovered.layer}</span>
          {hovered.places.length > 0 ? (
            <span class="small">
              <br />
              City with its own law: {hovered.places.map((p) => p.name).join(', ')}
            </span>
          ) : null}
          {hovered.agreements287g > 0 || hovered.cityAgreements287g > 0 ? (
            <span class="small">
              <br />
              287(g) agreements in force: {[hovered.agreements287g > 0 ? `${hovered.agreements287g} of the county's agencies` : '', hovered.cityAgreements287g > 0 ? `${hovered.cityAgreements287g} of cities inside` : ''].filter(Boolean).join('; ')}
            </span>
          ) : null}
          {unplacedByGeoid.has(hovered.geoid) ? (
            <span class="small">
              <br />
              City with its own law, jail county not recorded: {unplacedByGeoid.get(hovered.geoid)!.join(', ')}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
