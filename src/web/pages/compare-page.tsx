/**
 * Two to four jurisdictions side by side, as of a date: the engine's answers for each case
 * template, then, provision by provision for each thing the law governs, what each one's chain of
 * law (its own file and the layers above) has in force. The form is the only part the browser
 * enhances (search-as-you-type in each field).
 */
import { useState } from 'preact/hooks'
import type { Comparison } from '../../core/answers/index.ts'
import { ValueBadge } from '../components/answer.tsx'
import { JurisdictionPicker, type PickedJurisdiction } from '../components/jurisdiction-picker.tsx'
import { ACTION_WORDS } from '../components/provision.tsx'
import { dateWords, jurisdictionPath, LAYER_LABELS, QUESTION_IDS, QUESTION_LABELS, type AnswerValue, type DecidingLayer, type QuestionId } from '../shared/words.ts'

export interface CompareFormProps {
  readonly date: string
  readonly slots: readonly PickedJurisdiction[]
}

export interface ComparePageProps {
  readonly today: string
  readonly form: CompareFormProps
  readonly comparison: Comparison | null
  /** `answers[i][template][question]` for jurisdiction i. */
  readonly answers: readonly { readonly template: { readonly id: string; readonly label: string }; readonly values: readonly Readonly<Record<QuestionId, { value: string; maxHours: number | null }>>[] }[]
  readonly error: string | null
}

const EFFECT_WORDS: Record<string, string> = { prohibit: 'Prohibits', permit: 'Permits', require: 'Requires', limit: 'Permits only under conditions' }

/**
 * The compare form: four jurisdiction fields and a date. Submits as a plain GET; the server
 * resolves the names and redirects to `/compare?ids=…&date=…`.
 *
 * @example
 * ```tsx
 * <CompareForm date="2019-01-01" slots={[{ jurisdiction: '', name: '' }]} />
 * ```
 */
export function CompareForm(props: CompareFormProps) {
  const [slots, setSlots] = useState<PickedJurisdiction[]>(() => [0, 1, 2, 3].map((i) => props.slots[i] ?? { jurisdiction: '', name: '' }))
  return (
    <form method="get" action="/compare" class="card" aria-labelledby="compare-form-title">
      <h2 id="compare-form-title">Choose two to four jurisdictions</h2>
      <div class="row">
        {slots.map((s, i) => (
          <JurisdictionPicker
            key={i}
            id={`j${i + 1}`}
            label={`Jurisdiction ${i + 1}${i >= 2 ? ' (optional)' : ''}`}
            name={`j${i + 1}`}
            value={s}
            onChange={(v) => setSlots((old) => old.map((o, k) => (k === i ? v : o)))}
          />
        ))}
      </div>
      <div class="row">
        <div class="field">
          <label for="compare-date">Date</label>
          <input id="compare-date" type="date" name="date" value={props.date} required />
        </div>
        <div class="field">
          <button type="submit">Compare</button>
        </div>
      </div>
    </form>
  )
}

/**
 * @example
 * ```tsx
 * <ComparePage {...comparePageData(ctx, query)} />
 * ```
 */
export function ComparePage(props: ComparePageProps) {
  const c = props.comparison
  const linkDate = c && c.date !== props.today ? c.date : undefined
  return (
    <div>
      <h1>Compare jurisdictions</h1>
      <p class="lede">Side by side, as of a date: the engine's answers, then every provision in force from each jurisdiction's own law and the state and federal law above it.</p>
      <div id="compare-form">
        <CompareForm {...props.form} />
      </div>
      {props.error ? (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      ) : null}
      {c ? (
        <section aria-labelledby="comparison-title">
          <h2 id="comparison-title">
            {c.jurisdictions.map((j) => j.name).join(' · ')}, as of {dateWords(c.date)}
          </h2>
          <div class="table-scroll">
            <table class="compare-table">
              <caption>Answers of the engine for a person held in a county jail on an ICE detainer</caption>
              <thead>
                <tr>
                  <th scope="col">Question and case</th>
                  {c.jurisdictions.map((j) => (
                    <th scope="col" key={j.jurisdiction}>
                      <a href={jurisdictionPath(j.jurisdiction, linkDate)}>{j.name}</a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {QUESTION_IDS.flatMap((q) =>
                  props.answers.map((a) => (
                    <tr key={`${q}-${a.template.id}`}>
                      <th scope="row">
                        {QUESTION_LABELS[q]}
                        <br />
                        <span class="small muted">{a.template.label}</span>
                      </th>
                      {a.values.map((v, i) => (
                        <td key={i}>
                          <ValueBadge value={v[q].value as AnswerValue} />
                          {q === 'hold' && v[q].maxHours !== null && (v[q].value === 'permitted' || v[q].value === 'required') ? <span class="small"> up to {v[q].maxHours} h</span> : null}
                        </td>
                      ))}
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <div class="table-scroll">
            <table class="compare-table">
              <caption>Provisions in force, by what they govern</caption>
              <thead>
                <tr>
                  <th scope="col">Governs</th>
                  {c.jurisdictions.map((j) => (
                    <th scope="col" key={j.jurisdiction}>
                      {j.name}
                      <br />
                      <span class="small muted">
                        {j.layers
                          .filter((l) => l.inRegistry)
                          .map((l) => l.name)
                          .join(' → ')}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {c.actions
                  .filter((a) => a.cells.some((cell) => cell.provisions.length > 0))
                  .map((a) => (
                    <tr key={a.action}>
                      <th scope="row">{ACTION_WORDS[a.action] ?? a.action}</th>
                      {a.cells.map((cell) => (
                        <td key={cell.jurisdiction}>
                          {cell.provisions.length === 0 ? (
                            <span class="muted">No provision in force</span>
                          ) : (
                            <ul>
                              {cell.provisions.map((p) => (
                                <li key={p.provision}>
                                  <span class="tag">{LAYER_LABELS[p.layer as DecidingLayer] ?? p.layer}</span> <strong>{EFFECT_WORDS[p.effect] ?? p.effect}</strong>
                                  {p.maxHours !== null ? ` (at most ${p.maxHours} hours)` : ''}: {p.summary}
                                  {p.inForce === 'unknown' ? <em> In force on this date: not known.</em> : null}
                                  <br />
                                  <span class="small">
                                    <a href={`${jurisdictionPath(p.jurisdiction, linkDate)}#provision-${p.provision}`}>{p.title}</a>
                                    {p.citation ? `, ${p.citation}` : ''} · confidence {p.confidence} ·{' '}
                                    <a href={p.url} rel="noopener noreferrer">
                                      source
                                    </a>
                                  </span>
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  )
}
