/**
 * Downloads: the whole registry, and the map's answers as of a date, as CSV, JSON and GeoJSON.
 * Plain links and a plain GET form to the export endpoints; no script needed.
 */
import { dateWords, QUESTION_IDS, QUESTION_LABELS } from '../shared/words.ts'

export interface DownloadsPageProps {
  readonly today: string
  readonly templates: readonly { readonly id: string; readonly label: string }[]
  readonly counts: { readonly jurisdictions: number; readonly enactments: number; readonly provisions: number; readonly sources: number }
  readonly registryVersion: string
}

const FORMATS = [
  ['csv', 'CSV', 'one row per provision, with its jurisdiction, enactment, dates, effect and first source'],
  ['json', 'JSON', 'every jurisdiction with its enactments, provisions and sources, nested as in the API'],
  ['geojson', 'GeoJSON', 'every jurisdiction with its county or state shape (cities without a shape), for GIS tools'],
] as const

/**
 * @example
 * ```tsx
 * <DownloadsPage today="2025-01-01" templates={CASE_TEMPLATES} counts={counts} registryVersion="…" />
 * ```
 */
export function DownloadsPage(props: DownloadsPageProps) {
  return (
    <div>
      <h1>Downloads</h1>
      <p class="lede">
        The data is free to reuse (CC0). File names carry the date and the question, and the JSON files the registry and engine versions. The same files are available from the API, described at{' '}
        <a href="/openapi.json">/openapi.json</a>.
      </p>

      <h2 id="registry-downloads">The registry</h2>
      <p>
        {props.counts.jurisdictions} jurisdictions, {props.counts.enactments} enactments, {props.counts.provisions} provisions and {props.counts.sources} quoted sources (registry
        version <code>{props.registryVersion.slice(0, 12)}</code>).
      </p>
      <ul aria-labelledby="registry-downloads">
        {FORMATS.map(([f, label, what]) => (
          <li key={f}>
            <a href={`/api/v1/export/registry?format=${f}`} download>
              Registry as {label}
            </a>{' '}
            <span class="small muted">— {what}</span>
          </li>
        ))}
      </ul>

      <h2 id="answers-downloads">Answers for every state and county, as of a date</h2>
      <p>
        The engine's answer to one question for one case template, for every county, as on the map. Today ({dateWords(props.today)}), holds on a detainer, no criminal record:
      </p>
      <ul aria-labelledby="answers-downloads">
        {FORMATS.map(([f, label]) => (
          <li key={f}>
            <a href={`/api/v1/answers?date=${props.today}&action=hold&template=no-record&format=${f}&download=true`} download>
              Answers as {label}
            </a>
          </li>
        ))}
      </ul>
      <form method="get" action="/api/v1/answers" class="card" aria-labelledby="answers-form-title">
        <h3 id="answers-form-title">Choose the date and the question</h3>
        <input type="hidden" name="download" value="true" />
        <div class="row">
          <div class="field">
            <label for="dl-date">Date</label>
            <input id="dl-date" type="date" name="date" value={props.today} min="2008-01-01" max={props.today} required />
          </div>
          <div class="field">
            <label for="dl-action">Action</label>
            <select id="dl-action" name="action">
              {QUESTION_IDS.map((a) => (
                <option key={a} value={a}>
                  {QUESTION_LABELS[a]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="dl-template">Case</label>
            <select id="dl-template" name="template">
              {props.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="dl-format">Format</label>
            <select id="dl-format" name="format">
              {FORMATS.map(([f, label]) => (
                <option key={f} value={f}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <button type="submit">Download</button>
          </div>
        </div>
      </form>
      <p class="small muted">
        Columns of the answers CSV: geoid, name, state, jurisdiction, value, layer (the most local layer whose provision decided: federal, state, county, or default when none did),
        decided_by, max_hours.
      </p>
    </div>
  )
}
