/**
 * The map's data as a table, for keyboard and screen-reader users and for anyone who wants the
 * numbers: by state (each state's own law and its counties' answers), or the counties of one state
 * with links to their pages.
 */
import type { CountyAnswer } from '../shared/api-types.ts'
import type { MapTable } from '../shared/map-summary.ts'
import { ANSWER_VALUES, dateWords, jurisdictionPath, LAYER_LABELS, VALUE_LABELS, type DecidingLayer } from '../shared/words.ts'
import { ValueBadge } from './answer.tsx'

export interface MapTableQuery {
  readonly date: string
  readonly action: string
  readonly template: string
  readonly colour: string
}

function decider(c: CountyAnswer, stateName: string): string {
  const layer = LAYER_LABELS[c.layer as DecidingLayer] ?? c.layer
  if (c.layer === 'default' || c.decidedBy === null) return layer
  if (c.decidedBy === 'ocd-division/country:us') return `${layer} (United States)`
  if (c.decidedBy === c.jurisdiction) return `${layer} (${c.name})`
  return `${layer} (${stateName})`
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
}) {
  const { table, query } = props
  const dateParam = query.date === props.today ? undefined : query.date
  const stateHref = (code: string | null) => {
    const p = new URLSearchParams({ date: query.date, action: query.action, template: query.template, colour: query.colour })
    if (code) p.set('state', code)
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
      <div class="table-scroll">
        {table.kind === 'states' ? (
          <table>
            <caption>
              {props.questionText}, as of {dateWords(query.date)}: each state's own law and its counties' answers
            </caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">State law alone</th>
                {ANSWER_VALUES.map((v) => (
                  <th scope="col" class="num" key={v}>
                    Counties {VALUE_LABELS[v].toLowerCase()}
                  </th>
                ))}
                <th scope="col">Counties</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <a href={jurisdictionPath(r.jurisdiction, dateParam)}>{r.name}</a>
                  </th>
                  <td>
                    <ValueBadge value={r.value} /> <span class="small muted">{LAYER_LABELS[r.layer] ?? r.layer}</span>
                  </td>
                  {ANSWER_VALUES.map((v) => (
                    <td class="num" key={v}>
                      {r.counties[v]}
                    </td>
                  ))}
                  <td>
                    <a
                      href={stateHref(r.code)}
                      onClick={(e) => {
                        if (!props.onSelect) return
                        e.preventDefault()
                        props.onSelect(r.code)
                      }}
                    >
                      List {r.countyTotal} counties<span class="visually-hidden"> of {r.name}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <table>
            <caption>
              {props.questionText}, as of {dateWords(query.date)}: counties of {table.state.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">County</th>
                <th scope="col">Answer</th>
                <th scope="col">Decided by</th>
                <th scope="col" class="num">
                  Hold limit (hours)
                </th>
                <th scope="col">Cities with their own law</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((c) => (
                <tr key={c.geoid}>
                  <th scope="row">
                    <a href={jurisdictionPath(c.jurisdiction, dateParam)}>{c.name}</a>
                    {c.inRegistry ? <span class="tag">own file</span> : null}
                  </th>
                  <td>
                    <ValueBadge value={c.value} />
                  </td>
                  <td>{decider(c, table.state.name)}</td>
                  <td class="num">{c.maxHours ?? '—'}</td>
                  <td>
                    {c.places.length === 0
                      ? '—'
                      : c.places.map((p, i) => (
                          <span key={p.jurisdiction}>
                            {i > 0 ? ', ' : ''}
                            <a href={jurisdictionPath(p.jurisdiction, dateParam)}>{p.name}</a>
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
}
