/**
 * A conditional answer: where an answer is undetermined for want of facts, the answer under each
 * value of them, in words ("Prohibited, unless a judge found probable cause (then permitted, at
 * most 48 hours)"), each missing fact asked inline as a plain question whose choices are links to
 * the same case with that fact given (so it works without JavaScript), and every combination.
 */
import type { Answer, Branch } from '../../core/engine/index.ts'
import type { CaseJson } from '../shared/case-form.ts'
import { encodeCase } from '../shared/case-url.ts'
import { VALUE_LABELS, type AnswerValue } from '../shared/words.ts'
import { ValueBadge } from './answer.tsx'

/**
 * The case with one fact set, by its engine path (`detainer.judicialProbableCause`, `custody`,
 * `person.convictions[0].level`).
 *
 * @example
 * ```ts
 * setCaseFact({ jurisdiction: 'j', date: '2019-01-01' }, 'detainer.judicialProbableCause', true).detainer // { judicialProbableCause: true }
 * ```
 */
export function setCaseFact(c: CaseJson, path: string, value: boolean | string): CaseJson {
  if (path === 'custody') return { ...c, custody: String(value) }
  const offense = /^person\.(convictions|pendingCharges)\[(\d+)\]\.level$/.exec(path)
  if (offense) {
    const list = [...((c.person?.[offense[1]!] as Record<string, unknown>[] | undefined) ?? [])]
    const i = Number(offense[2])
    if (list[i]) list[i] = { ...list[i], level: value }
    return { ...c, person: { ...c.person, [offense[1]!]: list } }
  }
  const [head, key] = path.split('.') as [string, string]
  if (head === 'detainer') return { ...c, detainer: { ...c.detainer, [key]: value } }
  return { ...c, person: { ...c.person, [key]: value } }
}

function outcome(value: string, maxHours: number | null | undefined): string {
  const label = VALUE_LABELS[value as AnswerValue] ?? value
  return maxHours != null && (value === 'permitted' || value === 'required') ? `${label}, at most ${maxHours} hours` : label
}

function branchFacts(b: Branch, questions: Readonly<Record<string, string>>): string {
  return Object.entries(b.facts)
    .map(([k, v]) => `${questions[k] ?? k} ${typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v).replace('-', ' ')}`)
    .join(' · ')
}

/**
 * @example
 * ```tsx
 * <ConditionalAnswer answer={evaluation.answers.hold} base={caseJson} />
 * ```
 */
export function ConditionalAnswer(props: { answer: Answer; base?: CaseJson }) {
  const { answer, base } = props
  const c = answer.conditional
  if (!c) return null
  const questions = Object.fromEntries(c.effects.map((e) => [e.fact, e.question]))
  return (
    <div class="conditional">
      <p>
        <strong>Conditional answer:</strong> {c.text}.
      </p>
      <p class="small">The answer turns on {c.effects.length === 1 ? 'this fact' : 'these facts'}; give one to see the answer with it:</p>
      <ul class="fact-questions">
        {c.effects.map((e) => (
          <li key={e.fact}>
            <span>{e.question}</span>{' '}
            {e.outcomes.map((o, i) => (
              <span key={String(o.value)} class="fact-choice">
                {i > 0 ? ' · ' : ''}
                {base ? <a href={`/evaluate?case=${encodeCase(setCaseFact(base, e.fact, o.value))}`}>{o.label}</a> : <strong>{o.label}</strong>}
                {': '}
                {outcome(o.answer, o.maxHours)}
              </span>
            ))}
          </li>
        ))}
      </ul>
      {c.unbranched.length > 0 ? <p class="small muted">Other facts or dates it depends on are listed below; the answers above leave them open.</p> : null}
      {answer.branches && answer.branches.length > 2 ? (
        <details>
          <summary class="small">Every combination ({answer.branches.length})</summary>
          <ul class="small">
            {answer.branches.map((b, i) => (
              <li key={i}>
                {branchFacts(b, questions)}: <ValueBadge value={b.value as AnswerValue} />
                {b.maxHours != null && b.value !== 'prohibited' ? ` at most ${b.maxHours} hours` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  )
}
