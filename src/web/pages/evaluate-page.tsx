/**
 * The evaluator: a form for the engine's case (jurisdiction, date, custody, the detainer, the
 * person's convictions and pending charges) and the answer to hold / notify / interview with its
 * explanation and linked citations. The case lives in the URL (`?case=<base64url JSON>`) so an
 * answer can be shared and replayed; the server renders the answer on the first response.
 */
import { NameChoices, type NameChoiceLink } from '../components/name-choices.tsx'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Evaluation } from '../../core/engine/index.ts'
import { AnswerCard } from '../components/answer.tsx'
import { JurisdictionPicker } from '../components/jurisdiction-picker.tsx'
import type { ApiError } from '../shared/api-types.ts'
import { caseToForm, formToCase, type CaseForm, type CaseJson, type OffenseRow, type Tri } from '../shared/case-form.ts'
import { decodeCase, encodeCase } from '../shared/case-url.ts'
import { dateWords, jurisdictionPath, LAYER_LABELS, QUESTION_IDS, QUESTION_LABELS, type DecidingLayer } from '../shared/words.ts'

export interface EvaluatePageProps {
  readonly today: string
  readonly form: CaseForm
  readonly categories: readonly string[]
  readonly detainerForms: readonly string[]
  readonly evaluation: Evaluation | null
  /** `choices`: the places an ambiguous name could mean, or what an unknown one may have meant, as links that pick one. */
  readonly error: { readonly message: string; readonly field: string | null; readonly choices?: readonly NameChoiceLink[] } | null
}

const CUSTODY = [
  ['', 'Unknown'],
  ['county-jail', 'County jail'],
  ['city-jail', 'City jail'],
  ['state-prison', 'State prison'],
] as const

function TriSelect(props: { id: string; label: string; value: Tri; onChange: (v: Tri) => void; hint?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? <span class="hint">{props.hint}</span> : null}
      <select id={props.id} name={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as Tri)}>
        <option value="">Unknown</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </div>
  )
}

function OffenseList(props: {
  title: string
  singular: string
  prefix: 'c' | 'p'
  known: 'yes' | ''
  rows: readonly OffenseRow[]
  categories: readonly string[]
  interactive: boolean
  onKnown: (k: 'yes' | '') => void
  onRows: (rows: OffenseRow[]) => void
}) {
  // Without JavaScript one blank row lets a person add an offense with the plain form.
  const rows = props.interactive ? props.rows : [...props.rows, { category: '', level: '', date: '' }]
  const set = (i: number, patch: Partial<OffenseRow>) => props.onRows(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const knownId = `${props.prefix}-known`
  return (
    <fieldset>
      <legend>{props.title}</legend>
      <div class="field">
        <label for={knownId}>Are they known?</label>
        <select id={knownId} name={props.prefix === 'c' ? 'convictionsKnown' : 'pendingChargesKnown'} value={props.known} onChange={(e) => props.onKnown((e.currentTarget as HTMLSelectElement).value as 'yes' | '')}>
          <option value="yes">Known: the list below is complete (an empty list means none)</option>
          <option value="">Unknown</option>
        </select>
      </div>
      {rows.map((r, i) => (
        <div class="offense-row" key={i} role="group" aria-label={`${props.singular} ${i + 1}`}>
          <div class="field">
            <label for={`${props.prefix}${i}-category`}>
              {props.singular} {i + 1}: offense
            </label>
            <select id={`${props.prefix}${i}-category`} name={`${props.prefix}${i}.category`} value={r.category} onChange={(e) => set(i, { category: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">{props.interactive ? 'Choose…' : '(none)'}</option>
              {props.categories.map((c) => (
                <option key={c} value={c}>
                  {c.replace(/-/g, ' ')}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${props.prefix}${i}-level`}>
              {props.singular} {i + 1}: level
            </label>
            <select id={`${props.prefix}${i}-level`} name={`${props.prefix}${i}.level`} value={r.level} onChange={(e) => set(i, { level: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">Unknown</option>
              <option value="felony">Felony</option>
              <option value="misdemeanor">Misdemeanor</option>
              <option value="infraction">Infraction</option>
            </select>
          </div>
          <div class="field">
            <label for={`${props.prefix}${i}-date`}>
              {props.singular} {i + 1}: date
            </label>
            <input id={`${props.prefix}${i}-date`} type="date" name={`${props.prefix}${i}.date`} value={r.date} onChange={(e) => set(i, { date: (e.currentTarget as HTMLInputElement).value })} />
          </div>
          {props.interactive ? (
            <div class="field">
              <button type="button" class="secondary" onClick={() => props.onRows(props.rows.filter((_, j) => j !== i))}>
                Remove {props.singular.toLowerCase()} {i + 1}
              </button>
            </div>
          ) : null}
        </div>
      ))}
      {props.interactive ? (
        <p>
          <button type="button" class="secondary" disabled={props.known !== 'yes'} onClick={() => props.onRows([...props.rows, { category: '', level: '', date: '' }])}>
            Add {props.singular.toLowerCase()}
          </button>
        </p>
      ) : null}
    </fieldset>
  )
}

/** The answer to a case: three cards, the layers, the explanation, the receipt and a share link. */
export function EvaluationView(props: { evaluation: Evaluation; shareUrl: string | null; headingRef?: { current: HTMLHeadingElement | null }; base?: CaseJson }) {
  const ev = props.evaluation
  return (
    <section aria-labelledby="answer-title" id="answer">
      <h2 id="answer-title" tabIndex={-1} ref={props.headingRef}>
        Answer for {ev.jurisdictionName} on {dateWords(ev.date)}
      </h2>
      <p class="muted">
        Custody: {ev.custody ? ev.custody.replace('-', ' ') : 'unknown'}. Layers of law considered:{' '}
        {ev.layers.map((l, i) => (
          <span key={l.layer}>
            {i > 0 ? ', ' : ''}
            {LAYER_LABELS[l.layer as DecidingLayer] ?? l.layer}{' '}
            {l.id ? <a href={jurisdictionPath(l.id, ev.date)}>{l.name ?? l.id}</a> : (l.name ?? 'not identified')}
            {l.inRegistry ? '' : ' (no file in the registry)'}
          </span>
        ))}
        .
      </p>
      {QUESTION_IDS.map((q) => (
        <AnswerCard key={q} question={q} title={QUESTION_LABELS[q]} answer={ev.answers[q]} date={ev.date} {...(props.base ? { base: props.base } : {})} />
      ))}
      <details>
        <summary>Full explanation (plain text)</summary>
        <pre class="explanation">{ev.explanation}</pre>
      </details>
      <p class="small muted">
        Receipt: engine {ev.receipt.engineVersion}, registry {ev.receipt.registryVersion.slice(0, 12)}, as of {ev.receipt.asOf}, input <code>{ev.receipt.inputHash.slice(0, 19)}</code>.
      </p>
      {props.shareUrl ? (
        <p>
          Link to this answer: <a href={props.shareUrl}>{props.shareUrl.length > 90 ? `${props.shareUrl.slice(0, 90)}…` : props.shareUrl}</a>
        </p>
      ) : null}
    </section>
  )
}

/**
 * @example
 * ```tsx
 * <EvaluatePage today="2025-01-01" form={emptyCaseForm('2025-01-01')} categories={[...]} detainerForms={['I-247A']} evaluation={null} error={null} />
 * ```
 */
export function EvaluatePage(props: EvaluatePageProps) {
  const [form, setForm] = useState<CaseForm>(props.form)
  const [evaluation, setEvaluation] = useState<Evaluation | null>(props.evaluation)
  const [error, setError] = useState(props.error)
  const [busy, setBusy] = useState(false)
  const [hydrated, setHydrated] = useState(false)
  const [shareUrl, setShareUrl] = useState<string | null>(props.evaluation ? `/evaluate?case=${encodeCase(formToCase(props.form))}` : null)
  // The case the answer shown was computed for (not the form while it is being edited).
  const [evaluated, setEvaluated] = useState<CaseJson>(() => formToCase(props.form))
  const headingRef = useRef<HTMLHeadingElement>(null)
  const errorRef = useRef<HTMLDivElement>(null)

  const run = (c: ReturnType<typeof formToCase>, push: boolean) => {
    const url = `/evaluate?case=${encodeCase(c)}`
    if (push) history.pushState(null, '', url)
    setBusy(true)
    fetch('/api/v1/evaluate', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(c) })
      .then(async (r) => {
        const body = (await r.json()) as Evaluation | ApiError
        if ('error' in body) {
          setEvaluation(null)
          setError({ message: body.error.message, field: body.error.field ?? null })
          setTimeout(() => errorRef.current?.focus(), 0)
          return
        }
        setError(null)
        setEvaluated(c)
        setEvaluation(body)
        setShareUrl(url)
        setTimeout(() => {
          headingRef.current?.scrollIntoView({ block: 'start' })
          headingRef.current?.focus({ preventScroll: true })
        }, 0)
      })
      .catch((e: Error) => setError({ message: `The answer could not be fetched: ${e.message}`, field: null }))
      .finally(() => setBusy(false))
  }

  useEffect(() => {
    setHydrated(true)
    const onPop = () => {
      const param = new URLSearchParams(location.search).get('case')
      const decoded = param ? decodeCase(param) : null
      if (decoded?.kind === 'case') {
        const f = caseToForm(decoded.value, '')
        setForm((old) => ({ ...f, jurisdictionName: f.jurisdiction === old.jurisdiction ? old.jurisdictionName : f.jurisdiction }))
        run(decoded.value as ReturnType<typeof formToCase>, false)
      }
    }
    addEventListener('popstate', onPop)
    return () => removeEventListener('popstate', onPop)
  }, [])

  const set = (patch: Partial<CaseForm>) => setForm((f) => ({ ...f, ...patch }))
  const fieldError = (name: string) => (error?.field && (error.field === name || error.field.startsWith(`${name}.`) || error.field.startsWith(`${name}[`)) ? error.message : null)

  return (
    <div>
      <h1>Evaluate a case</h1>
      <p class="lede">
        Describe the case; the engine answers whether the jail may, must or must not hold the person on the detainer, notify ICE of the release, and let ICE interview them, and
        cites the laws that decided. Leave a fact unknown when you do not know it: the answer then says which facts it depends on.
      </p>
      <form
        method="get"
        action="/evaluate"
        class="case-form"
        noValidate={hydrated}
        onSubmit={(e) => {
          if (!hydrated) return
          // A typed name not chosen from the list: the server resolves it (or offers the choice).
          if (!form.jurisdiction && form.jurisdictionName.trim()) return
          e.preventDefault()
          if (!form.jurisdiction) {
            setError({ message: 'Choose a jurisdiction.', field: 'jurisdiction' })
            setTimeout(() => errorRef.current?.focus(), 0)
            return
          }
          run(formToCase(form), true)
        }}
      >
        <input type="hidden" name="run" value="1" />
        <fieldset>
          <legend>Where and when</legend>
          <JurisdictionPicker
            id="jurisdiction"
            label="Jurisdiction"
            name="jurisdiction"
            hint="A state, county or city, e.g. Cook County, SF, Texas"
            value={{ jurisdiction: form.jurisdiction, name: form.jurisdictionName }}
            onChange={(v) => set({ jurisdiction: v.jurisdiction, jurisdictionName: v.name })}
            required
          />
          {fieldError('jurisdiction') ? <p class="small">{fieldError('jurisdiction')}</p> : null}
          <div class="row">
            <div class="field">
              <label for="date">Date</label>
              <input id="date" type="date" name="date" required value={form.date} onChange={(e) => set({ date: (e.currentTarget as HTMLInputElement).value })} />
            </div>
            <div class="field">
              <label for="custody">Custody</label>
              <select id="custody" name="custody" value={form.custody} onChange={(e) => set({ custody: (e.currentTarget as HTMLSelectElement).value })}>
                {CUSTODY.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>Detainer</legend>
          <div class="row">
            <div class="field">
              <label for="form">Detainer form</label>
              <select id="form" name="form" value={form.form} onChange={(e) => set({ form: (e.currentTarget as HTMLSelectElement).value })}>
                <option value="">Unknown</option>
                {props.detainerForms.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </div>
            <TriSelect id="judicialWarrant" label="Judicial warrant" value={form.judicialWarrant} onChange={(v) => set({ judicialWarrant: v })} />
            <TriSelect id="judicialProbableCause" label="Judicial probable cause finding" value={form.judicialProbableCause} onChange={(v) => set({ judicialProbableCause: v })} />
            <TriSelect id="reimbursementAgreement" label="Reimbursement agreement" value={form.reimbursementAgreement} onChange={(v) => set({ reimbursementAgreement: v })} />
            <TriSelect id="writtenConsent" label="Written consent to an interview" value={form.writtenConsent} onChange={(v) => set({ writtenConsent: v })} />
          </div>
        </fieldset>
        <fieldset>
          <legend>Person</legend>
          <div class="row">
            <div class="field">
              <label for="age">Age</label>
              <input id="age" type="number" name="age" min={0} max={130} inputMode="numeric" value={form.age} onInput={(e) => set({ age: (e.currentTarget as HTMLInputElement).value })} />
            </div>
            <TriSelect id="lawfulStatusProof" label="Showed proof of lawful status" value={form.lawfulStatusProof} onChange={(v) => set({ lawfulStatusProof: v })} />
            <TriSelect id="gangDatabase" label="Listed in a gang database" value={form.gangDatabase} onChange={(v) => set({ gangDatabase: v })} />
          </div>
        </fieldset>
        <OffenseList
          title="Convictions"
          singular="Conviction"
          prefix="c"
          known={form.convictionsKnown}
          rows={form.convictions}
          categories={props.categories}
          interactive={hydrated}
          onKnown={(k) => set({ convictionsKnown: k })}
          onRows={(rows) => set({ convictions: rows })}
        />
        <OffenseList
          title="Pending charges"
          singular="Pending charge"
          prefix="p"
          known={form.pendingChargesKnown}
          rows={form.pendingCharges}
          categories={props.categories}
          interactive={hydrated}
          onKnown={(k) => set({ pendingChargesKnown: k })}
          onRows={(rows) => set({ pendingCharges: rows })}
        />
        <p>
          <button type="submit" disabled={busy}>
            Evaluate
          </button>{' '}
          {busy ? <span aria-live="polite">Evaluating…</span> : null}
        </p>
      </form>
      {error ? (
        <div class="error-box" role="alert" tabIndex={-1} ref={errorRef}>
          <strong>The case could not be evaluated.</strong> {error.field ? `Field "${error.field}": ` : ''}
          {error.message}
          {error.choices?.length ? <NameChoices heading="Choose the jurisdiction you mean:" choices={error.choices} /> : null}
        </div>
      ) : null}
      {evaluation ? <EvaluationView evaluation={evaluation} shareUrl={shareUrl} headingRef={headingRef} base={evaluated} /> : null}
    </div>
  )
}
