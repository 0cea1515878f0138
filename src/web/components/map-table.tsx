/**
 * The map's data as a table, for keyboard and screen-reader users and for anyone who wants the
 * numbers: by state (each state's own law and its counties' answers), or the counties of one state
 * with links to their pages.
 */
import type { CountyAnswer } from '../shared/api-types.ts'
import type { MapTable, UnplacedCity } from '../shared/map-summary.ts'
import { ANSWER_VALUES, countOf, dateWords, jurisdictionPath, LAYER_LABELS, VALUE_LABELS, type DecidingLayer } from '../shared/words.ts'
import { ValueBadge } from './answer.tsx'
import { assumeParams, type AssumeQuery } from '../shared/assume-url.ts'
import { encodeCase } from '../shared/case-url.ts'
import { withQuery } from '../shared/words.ts'
import type { CaseFacts } from '../../core/engine/index.ts'

export interface MapTableQuery {
  readonly date: string
  readonly action: string
  readonly template: string
  readonly colour: string
  readonly assume?: AssumeQuery
}

/** The table cell of a county's cities with their own law: those whose jail is the county's, then those whose jail county is not recorded but whose entry names this county. */
function CityCell(props: { places: CountyAnswer['places']; unplaced: readonly UnplacedCity[]; date: string | undefined }) {
  if (props.places.length === 0 && props.unplaced.length === 0) {
    return (
      <td role="cell" class="empty" data-label="Cities with their own law">
        —
      </td>
    )
  }
  const items = [
    ...props.places.map((p) => ({ jurisdiction: p.jurisdiction, name: p.name, note: null })),
    ...props.unplaced.map((p) => ({ jurisdiction: p.jurisdiction, name: p.name, note: 'jail county not recorded' })),
  ]
  return (
    <td role="cell" data-label="Cities with their own law">
      {items.map((p, i) => (
        <span key={p.jurisdiction}>
          {i > 0 ? ', ' : ''}
          <a href={jurisdictionPath(p.jurisdiction, props.date)}>{p.name}</a>
          {p.note ? <span class="small muted"> ({p.note})</span> : null}
        </span>
      ))}
    </td>
  )
}

function decider(c: CountyAnswer, stateName: string): string {
  const layer = LAYER_LABELS[c.layer as DecidingLayer] ?? c.layer
  if (c.layer === 'default' || c.decidedBy === null) return layer
  if (c.decidedBy === 'ocd-division/country:us') return `${layer} (United States)`
  if (c.decidedBy === c.jurisdiction) return `${layer} (${c.name})`
  return `${layer} (${stateName})`
}

/**
 * The cities with their own law whose jail county is not recorded, with the registry's reason:
 * said once above a state's county table (or for every state above the states table), so no county
 * seems to have no city law when one of its cities has some.
 *
 * @example
 * ```tsx
 * <UnplacedNote cities={unplaced.filter((c) => c.state === 'IL')} where="Illinois" />
 * ```
 */
export function UnplacedNote(props: { cities: readonly UnplacedCity[]; where: string | null; date?: string }) {
  if (props.cities.length === 0) return null
  return (
    <div class="note-box">
      <p>
        <strong>
          {props.cities.length === 1 ? 'A city' : 'Cities'} {props.where ? `in ${props.where} ` : ''}with {props.cities.length === 1 ? 'its' : 'their'} own law whose jail county the
          registry does not record
        </strong>
        , so no county counts {props.cities.length === 1 ? 'it' : 'them'} as its own. Counties that {props.cities.length === 1 ? "the city's" : "a city's"} registry entry names
        (by Census GEOID) list it, marked “jail county not recorded”.
      </p>
      <ul>
        {props.cities.map((c) => (
          <li key={c.jurisdiction}>
            <a href={jurisdictionPath(c.jurisdiction, props.date)}>{c.name}</a>
            {props.where ? '' : c.state ? ` (${c.state})` : ''}
            {c.reason ? <span class="small muted"> — {c.reason}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * @example
 * ```tsx
 * <MapTableView table={mapTable(answers, 'CA')} query={q} questionText="…" states={[{ code: 'CA', name: 'California' }]} />
 * ```
 */
export function MapTableView(props: {
  table: MapTable
  query: MapTableQuery
  questionText: string
  states: readonly { code: string; name: string }[]
  selected: string | null
  onSelect?: (code: string | null) => void
  today: string
  /** The case facts the answers were computed with (from the answers), for links into the evaluator. */
  facts?: CaseFacts
  /** Cities with their own law whose jail county is not recorded (see {@link UnplacedNote}). */
  unplaced: readonly UnplacedCity[]
}) {
  const { table, query } = props
  const dateParam = query.date === props.today ? undefined : query.date
  const stateHref = (code: string | null) => {
    const p = new URLSearchParams({ date: query.date, action: query.action, template: query.template, colour: query.colour })
    if (code) p.set('state', code)
    for (const [k, v] of assumeParams(query.assume)) p.set(k, v)
    return `/?${p.toString()}#table`
  }
  return (
    <section aria-labelledby="table-title" id="table">
      <h2 id="table-title">Table view</h2>
      <form method="get" action="/#table" class="row" onSubmit={(e) => {
        if (!props.onSelect) return
        e.preventDefault()
      }}>
        <input type="hidden" name="date" value={query.date} />
        <input type="hidden" name="action" value={query.action} />
        <input type="hidden" name="template" value={query.template} />
        <input type="hidden" name="colour" value={query.colour} />
        {assumeParams(query.assume).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div class="field">
          <label for="table-state">Show counties of</label>
          <select
            id="table-state"
            name="state"
            value={props.selected ?? ''}
            onChange={(e) => props.onSelect?.((e.currentTarget as HTMLSelectElement).value || null)}
          >
            <option value="">All states (one row per state)</option>
            {props.states.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        {props.onSelect ? null : (
          <div class="field">
            <button type="submit">Show</button>
          </div>
        )}
      </form>
      {table.kind === 'states' ? (
        <>
          {table.rows.some((r) => !r.onMap) ? (
            <p class="small">
              The map does not draw the territories marked “not on the map” ({table.rows.filter((r) => !r.onMap).map((r) => r.name).join(', ')}); their answers are in this table and
              in the legend's counts.
            </p>
          ) : null}
          <UnplacedNote cities={props.unplaced} where={null} date={dateParam} />
        </>
      ) : (
        <>
          {table.state.onMap ? null : <p class="small">The map does not draw {table.state.name}; its answers are in this table and in the legend's counts.</p>}
          <UnplacedNote cities={props.unplaced.filter((c) => c.state === table.state.code)} where={table.state.name} date={dateParam} />
        </>
      )}
      <div class="table-scroll">
        {table.kind === 'states' ? (
          <table class="stack-on-phone" role="table">
            <caption>
              <span class="caption-text">
                {props.questionText}, as of {dateWords(query.date)}: each state's own law and its counties' answers
              </span>
            </caption>
            <thead>
              <tr role="row">
                <th scope="col" role="columnheader">
                  State
                </th>
                <th scope="col" role="columnheader">
                  State law alone
                </th>
                {ANSWER_VALUES.map((v) => (
                  <th scope="col" role="columnheader" class="num" key={v}>
                    Counties {VALUE_LABELS[v].toLowerCase()}
                  </th>
                ))}
                <th scope="col" role="columnheader">
                  Counties
                </th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.code} role="row">
                  <th scope="row" role="rowheader">
                    <a href={jurisdictionPath(r.jurisdiction, dateParam)}>{r.name}</a>
                    {r.onMap ? null : (
                      <>
                        {' '}
                        <span class="tag">not on the map</span>
                      </>
                    )}
                  </th>
                  <td role="cell" data-label="State law alone">
                    <ValueBadge value={r.value} /> <span class="small muted">{LAYER_LABELS[r.layer] ?? r.layer}</span>
                  </td>
                  {ANSWER_VALUES.map((v, i) => (
                    <td role="cell" class="num count-cell" key={v} data-label={`${i === 0 ? 'Counties ' : ''}${VALUE_LABELS[v].toLowerCase()}`}>
                      {r.counties[v]}
                    </td>
                  ))}
                  <td role="cell">
                    <a
                      href={stateHref(r.code)}
                      onClick={(e) => {
                        if (!props.onSelect) return
                        e.preventDefault()
                        props.onSelect(r.code)
                      }}
                    >
                      List {countOf(r.countyTotal, 'county', 'counties')}
                      <span class="visually-hidden"> of {r.name}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <table class="stack-on-phone" role="table">
            <caption>
              <span class="caption-text">
                {props.questionText}, as of {dateWords(query.date)}: counties of {table.state.name}
              </span>
            </caption>
            <thead>
              <tr role="row">
                <th scope="col" role="columnheader">
                  County
                </th>
                <th scope="col" role="columnheader">
                  Answer
                </th>
                <th scope="col" role="columnheader">
                  Decided by
                </th>
                <th scope="col" role="columnheader" class="num">
                  Hold limit (hours)
                </th>
                <th scope="col" role="columnheader">
                  Cities with their own law
                </th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((c) => (
                <tr key={c.geoid} role="row">
                  <th scope="row" role="rowheader">
                    <a href={withQuery(jurisdictionPath(c.jurisdiction, dateParam), [['template', query.template], ...assumeParams(query.assume)])}>{c.name}</a>
                    {c.inRegistry ? (
                      <>
                        {' '}
                        <span class="tag">own file</span>
                      </>
                    ) : null}
                  </th>
                  <td role="cell" data-label="Answer">
                    <ValueBadge value={c.value} />
                    {c.conditional ? <span class="small conditional"> {c.conditional}</span> : null}
                    {props.facts ? (
                      <>
                        {' '}
                        <a class="small" href={`/evaluate?case=${encodeCase({ jurisdiction: c.jurisdiction, date: query.date, ...props.facts })}`} aria-label={`Open ${c.name} with these facts in the evaluator`}>
                          evaluator
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td role="cell" data-label="Decided by">
                    {decider(c, table.state.name)}
                  </td>
                  <td role="cell" class={`num${c.maxHours === null ? ' empty' : ''}`} data-label="Hold limit (hours)">
                    {c.maxHours ?? '—'}
                  </td>
                  <CityCell places={c.places} unplaced={props.unplaced.filter((u) => u.counties.includes(c.geoid))} date={dateParam} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
}
