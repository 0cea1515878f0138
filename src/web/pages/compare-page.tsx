/**
 * Two to four jurisdictions side by side, as of a date: the engine's answers for each case
 * template, then, provision by provision for each thing the law governs, what each one's chain of
 * law (its own file and the layers above) has in force. The form is the only part the browser
 * enhances (search-as-you-type in each field).
 */
import { NameChoices, type NameChoiceLink } from '../components/name-choices.tsx'
import { useState } from 'preact/hooks'
import type { Comparison } from '../../core/answers/index.ts'
import { compareView, type SharedLayer } from '../shared/compare-view.ts'
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
  /** The places an ambiguous name could mean (or suggestions for an unknown one), as links that pick one. */
  readonly choices?: readonly NameChoiceLink[]
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

type ComparedProvision = Comparison['actions'][number]['cells'][number]['provisions'][number]

/** One provision; an enactment's citation is written at its first provision in a column only (`cite`). */
function ProvisionItem(props: { p: ComparedProvision; linkDate: string | undefined; cite: boolean }) {
  const { p } = props
  return (
    <li>
      <span class="tag">{LAYER_LABELS[p.layer as DecidingLayer] ?? p.layer}</span> <strong>{EFFECT_WORDS[p.effect] ?? p.effect}</strong>
      {p.maxHours !== null ? ` (at most ${p.maxHours} hours)` : ''}: {p.summary}
      {p.inForce === 'unknown' ? <em> In force on this date: not known.</em> : null}
      <br />
      <span class="small">
        <a href={`${jurisdictionPath(p.jurisdiction, props.linkDate)}#provision-${p.provision}`}>{p.title}</a>
        {p.citation && props.cite ? `, ${p.citation}` : ''} · confidence {p.confidence} ·{' '}
        <a href={p.url} rel="noopener noreferrer">
          source
        </a>
      </span>
    </li>
  )
}

function sharedWords(l: SharedLayer): string {
  return l.layer === 'federal' ? 'the federal baseline' : `${l.layer} law of ${l.name}`
}

/**
 * The provisions in force: the layers every jurisdiction shares once ("Common to all"), then only
 * the layers that differ, side by side.
 */
function ProvisionsCompared(props: { c: Comparison; linkDate: string | undefined }) {
  const { c, linkDate } = props
  const v = compareView(c)
  // Per column, the enactments already cited above: later provisions of the same one link it without repeating its citation.
  const firstCited = (rows: readonly (readonly ComparedProvision[])[]) => {
    const seen = new Set<string>()
    return rows.map((ps) => ps.map((p) => (seen.has(p.enactment) ? false : (seen.add(p.enactment), true))))
  }
  const commonCite = firstCited(v.common.map((a) => a.provisions))
  const differingCite = c.jurisdictions.map((_, i) => firstCited(v.differing.map((a) => a.cells[i]!.provisions)))
  const sharedText = v.shared.map(sharedWords).join(', ')
  return (
    <>
      <h3 id="common-title">Common to all: {sharedText || 'no layer of law'}</h3>
      {v.shared.length > 0 ? (
        <p class="muted">
          The law of {v.shared.map((l, i) => (
            <span key={l.jurisdiction}>
              {i > 0 ? (i === v.shared.length - 1 ? ' and ' : ', ') : ''}
              <a href={jurisdictionPath(l.jurisdiction, linkDate)}>{l.name}</a>
            </span>
          ))}{' '}
          reaches every jurisdiction compared, so its provisions in force on {dateWords(c.date)} are listed once here, not in each column.
        </p>
      ) : null}
      {v.shared.length > 0 && v.common.length === 0 ? <p>None of their provisions is in force on this date.</p> : null}
      {v.common.length > 0 ? (
        <div class="table-scroll">
          <table class="common-table stack-on-phone" role="table">
            <caption>
              <span class="caption-text">Provisions in force common to all, by what they govern</span>
            </caption>
            <colgroup>
              <col class="col-governs" />
              <col />
            </colgroup>
            <thead>
              <tr role="row">
                <th scope="col" role="columnheader">
                  Governs
                </th>
                <th scope="col" role="columnheader">
                  Provisions
                </th>
              </tr>
            </thead>
            <tbody>
              {v.common.map((a, row) => (
                <tr key={a.action} role="row">
                  <th scope="row" role="rowheader">
                    {ACTION_WORDS[a.action] ?? a.action}
                  </th>
                  <td role="cell">
                    <ul>
                      {a.provisions.map((p, k) => (
                        <ProvisionItem key={p.provision} p={p} linkDate={linkDate} cite={commonCite[row]![k]!} />
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3 id="differing-title">Where they differ</h3>
      {v.differing.length === 0 ? (
        <p>No jurisdiction compared has a provision in force on this date beyond the common layers.</p>
      ) : (
        <div class="table-scroll">
          <table class="compare-table">
            <caption>
              <span class="caption-text">Provisions in force from each one's own layers (beyond the common ones), by what they govern</span>
            </caption>
            <colgroup>
              <col class="col-governs" />
              {c.jurisdictions.map((j) => (
                <col key={j.jurisdiction} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Governs</th>
                {c.jurisdictions.map((j) => {
                  const own = j.layers.filter((l) => l.inRegistry && l.jurisdiction && !v.shared.some((s) => s.jurisdiction === l.jurisdiction))
                  return (
                    <th scope="col" key={j.jurisdiction}>
                      {j.name}
                      <br />
                      <span class="small muted">{own.length > 0 ? own.map((l) => l.name).join(' → ') : 'no file beyond the common layers'}</span>
                    </th>
                  )
                })}
              </tr>
            </thead>
            <tbody>
              {v.differing.map((a, row) => (
                <tr key={a.action}>
                  <th scope="row">{ACTION_WORDS[a.action] ?? a.action}</th>
                  {a.cells.map((cell, col) => (
                    <td key={cell.jurisdiction} data-label={c.jurisdictions[col]!.name}>
                      {cell.provisions.length === 0 ? (
                        <span class="muted">Nothing beyond the common layers</span>
                      ) : (
                        <ul>
                          {cell.provisions.map((p, k) => (
                            <ProvisionItem key={p.provision} p={p} linkDate={linkDate} cite={differingCite[col]![row]![k]!} />
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
      )}
    </>
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
        <div class="error-box" role="alert">
          <p>{props.error}</p>
          {props.choices?.length ? <NameChoices heading="Choose the jurisdiction you mean:" choices={props.choices} /> : null}
        </div>
      ) : null}
      {c ? (
        <section aria-labelledby="comparison-title">
          <h2 id="comparison-title">
            {c.jurisdictions.map((j) => j.name).join(' · ')}, as of {dateWords(c.date)}
          </h2>
          <p class="small no-print">
            <a href={`/compare?${new URLSearchParams({ ids: c.jurisdictions.map((j) => j.jurisdiction).join(','), date: c.date, format: 'pdf' }).toString()}`} type="application/pdf">
              This comparison as PDF
            </a>
          </p>
          <div class="table-scroll">
            <table class="compare-table">
              <caption>
                <span class="caption-text">Answers of the engine for a person held in a county jail on an ICE detainer</span>
              </caption>
              <colgroup>
                <col class="col-question" />
                {c.jurisdictions.map((j) => (
                  <col key={j.jurisdiction} />
                ))}
              </colgroup>
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
              {QUESTION_IDS.map((q) => (
                <tbody key={q}>
                  <tr class="group-row">
                    <th scope="colgroup" colSpan={c.jurisdictions.length + 1}>
                      {QUESTION_LABELS[q]}
                    </th>
                  </tr>
                  {props.answers.map((a) => (
                    <tr key={`${q}-${a.template.id}`}>
                      <th scope="row" class="case-label">
                        <span class="visually-hidden">{QUESTION_LABELS[q]}: </span>
                        {a.template.label}
                      </th>
                      {a.values.map((v, i) => (
                        <td key={i} data-label={c.jurisdictions[i]!.name}>
                          <ValueBadge value={v[q].value as AnswerValue} />
                          {q === 'hold' && v[q].maxHours !== null && (v[q].value === 'permitted' || v[q].value === 'required') ? <span class="small"> up to {v[q].maxHours} h</span> : null}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
          <ProvisionsCompared c={c} linkDate={linkDate} />
        </section>
      ) : null}
    </div>
  )
}
