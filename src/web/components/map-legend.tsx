/**
 * The map legend: what each colour means, how many counties have it, and which layer of law
 * decided — the county's own, its state's, the federal baseline, or no provision (the default).
 */
import type { MapSummary } from '../shared/map-summary.ts'
import { ANSWER_VALUES, countOf, LAYER_LABELS, VALUE_LABELS, VALUE_MEANINGS } from '../shared/words.ts'
import type { ColourMode } from './atlas-map.tsx'
import { ANSWER_PALETTE } from '../shared/palette.ts'
import { AssumedFacts, type AssumedFactsProps } from './assumed-facts.tsx'

const LAYERS = ['county', 'state', 'federal', 'default'] as const

/**
 * @example
 * ```tsx
 * <MapLegend summary={summarise(answers)} mode="value" />
 * ```
 */
export function MapLegend(props: { summary: MapSummary | null; mode: ColourMode; unplacedCounties?: number; assumed?: AssumedFactsProps }) {
  const s = props.summary
  return (
    <section class="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">Legend</h2>
      {props.assumed ? <AssumedFacts {...props.assumed} /> : null}
      {props.mode === 'value' ? (
        <ul>
          {ANSWER_VALUES.map((v) => (
            <li key={v}>
              <span class={`swatch v-${v}`} aria-hidden="true" />
              <span>
                <strong>{VALUE_LABELS[v]}</strong> <span class="muted small">— {VALUE_MEANINGS[v]} ({ANSWER_PALETTE[v].patternWords})</span>
              </span>
              <span class="count">{s ? s.byValue[v] : '…'}</span>
            </li>
          ))}
        </ul>
      ) : (
        <ul>
          {LAYERS.map((l) => (
            <li key={l}>
              <span class={`swatch l-${l}`} aria-hidden="true" />
              <span>
                <strong>{LAYER_LABELS[l]}</strong> <span class="muted small">decided</span>
              </span>
              <span class="count">{s ? s.byLayer[l] : '…'}</span>
            </li>
          ))}
        </ul>
      )}
      <ul class="small">
        <li>
          <span class="swatch outlined" aria-hidden="true" />
          <span>Outlined: the county's own law decided</span>
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true" focusable="false">
            <circle cx="7" cy="7" r="4" fill="#111" stroke="#fff" />
          </svg>
          <span>A city inside, whose jail is the county's, has its own law{s ? ` (${countOf(s.withPlaces, 'county', 'counties')})` : ''}</span>
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M7 2.5L11.5 7L7 11.5L2.5 7Z" fill="#111" stroke="#fff" />
          </svg>
          <span>A 287(g) agreement of the county's own agencies is in force on this date{s ? ` (${countOf(s.agreements287g, 'county', 'counties')})` : ''}</span>
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M7 2.5L11.5 7L7 11.5L2.5 7Z" fill="#fff" stroke="#111" stroke-width="1.4" />
          </svg>
          <span>Only a city inside has one{s ? ` (${countOf(s.cityAgreements287g, 'county', 'counties')})` : ''}</span>
        </li>
        {props.unplacedCounties ? (
          <li>
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <circle cx="7" cy="7" r="4" fill="#fff" stroke="#111" stroke-width="1.6" />
            </svg>
            <span>
              A city partly inside has its own law, but the registry does not record its jail county ({countOf(props.unplacedCounties, 'county', 'counties')}; see the table)
            </span>
          </li>
        ) : null}
      </ul>
      {s ? (
        <table class="small">
          <caption>Counties by answer and by the layer that decided</caption>
          <thead>
            <tr>
              <th scope="col">Answer</th>
              <th scope="col" class="num">
                County
              </th>
              <th scope="col" class="num">
                State
              </th>
              <th scope="col" class="num">
                Federal
              </th>
              <th scope="col" class="num">
                None
              </th>
            </tr>
          </thead>
          <tbody>
            {ANSWER_VALUES.map((v) => (
              <tr key={v}>
                <th scope="row">{VALUE_LABELS[v]}</th>
                {LAYERS.map((l) => (
                  <td key={l} class="num">
                    {s.byValueLayer[v][l]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {s && s.notOnMap > 0 ? (
        <p class="small muted">
          The counts include {countOf(s.notOnMap, 'county-equivalent', 'county-equivalents')} of the territories, which the map does not draw; the table lists them, marked
          “not on the map”.
        </p>
      ) : null}
      <p class="small muted">
        A county without a file of its own is coloured by the state or federal law that reaches it. "None" means no provision in the registry addresses the question; the answer
        is then the default, permitted.
      </p>
    </section>
  )
}
