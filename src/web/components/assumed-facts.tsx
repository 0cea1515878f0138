/**
 * Beside the map's legend: the facts the case template assumes rather than states ("assumes: no
 * reimbursement agreement"), each editable — yes, no or unknown. A plain GET form, so it recolours
 * the map without JavaScript (the server renders the new answers); with JavaScript a change
 * recolours in place. A link carries the same facts into the evaluator.
 */
import type { AssumedFact } from '../../core/answers/index.ts'
import { assumeParams, withAssumption, type AssumeQuery } from '../shared/assume-url.ts'

export interface AssumedFactsProps {
  readonly query: { readonly date: string; readonly action: string; readonly template: string; readonly colour: string; readonly state: string | null; readonly assume: AssumeQuery }
  readonly assumptions: readonly AssumedFact[]
  readonly hydrated: boolean
  readonly onChange: (assume: Record<string, string>) => void
}

const CHOICES = [
  ['no', 'no'],
  ['yes', 'yes'],
  ['unknown', 'not known'],
] as const

/**
 * @example
 * ```tsx
 * <AssumedFacts query={q} assumptions={answers.assumptions} hydrated onChange={(assume) => setQ({ ...q, assume })} />
 * ```
 */
export function AssumedFacts(props: AssumedFactsProps) {
  const { query, assumptions } = props
  const evaluatorHref = `/evaluate?${new URLSearchParams([['template', query.template], ['date', query.date], ...assumeParams(query.assume)]).toString()}`
  return (
    <div class="assumed" id="assumed-facts">
      <p class="small">
        <strong>Assumes:</strong> <span class="assumes-list">{assumptions.map((a) => a.words).join('; ')}</span>.
      </p>
      <form method="get" action="/" onSubmit={(e) => props.hydrated && e.preventDefault()} aria-label="Assumed facts">
        <input type="hidden" name="date" value={query.date} />
        <input type="hidden" name="action" value={query.action} />
        <input type="hidden" name="template" value={query.template} />
        {query.colour !== 'value' ? <input type="hidden" name="colour" value={query.colour} /> : null}
        {query.state ? <input type="hidden" name="state" value={query.state} /> : null}
        <details open={assumptions.some((a) => a.value !== a.defaultValue)}>
          <summary class="small">Change the assumed facts</summary>
          {assumptions.map((a) => (
            <div class="field" key={a.name}>
              <label for={`assume-${a.name}`}>{a.question}</label>
              <select
                id={`assume-${a.name}`}
                name={a.name}
                value={a.value}
                onChange={(e) => props.onChange(withAssumption(assumptions, a.name, (e.currentTarget as HTMLSelectElement).value))}
              >
                {CHOICES.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                    {v === a.defaultValue ? ' (the template’s)' : ''}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {props.hydrated ? null : <button type="submit">Recolour the map</button>}
          <p class="small muted">“Not known” leaves the fact out: where it decides, the county shows undetermined, with the answer under each value.</p>
        </details>
      </form>
      <p class="small">
        <a href={evaluatorHref}>Open these facts in the evaluator</a>
      </p>
    </div>
  )
}
