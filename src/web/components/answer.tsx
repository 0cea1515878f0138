/**
 * One engine answer as readable text: the value, a plain sentence, the missing facts or the open
 * conflict, and the citations that decided it, each linked to its source and its jurisdiction page.
 * Every registry string is rendered as text (Preact escapes it), never as HTML.
 */
import type { Answer, Citation } from '../../core/engine/index.ts'
import type { CaseJson } from '../shared/case-form.ts'
import { ConditionalAnswer } from './conditional.tsx'
import { answerSentence, jurisdictionPath, LAYER_LABELS, VALUE_LABELS, type AnswerValue, type DecidingLayer, type QuestionId } from '../shared/words.ts'

/**
 * A coloured swatch and the value's label.
 *
 * @example
 * ```tsx
 * <ValueBadge value="prohibited" />
 * ```
 */
export function ValueBadge(props: { value: AnswerValue }) {
  return (
    <span class="value">
      <span class={`swatch v-${props.value}`} aria-hidden="true" />
      {VALUE_LABELS[props.value]}
    </span>
  )
}

const FACT_WORDS: Record<string, string> = {
  custody: 'the custody (county jail, city jail or state prison)',
  'detainer.form': 'the detainer form',
  'detainer.judicialWarrant': 'whether a judicial warrant accompanies the detainer',
  'detainer.judicialProbableCause': 'whether a judge found probable cause',
  'detainer.reimbursementAgreement': 'whether ICE agreed to reimburse the costs',
  'detainer.writtenConsent': "whether the person gave written consent",
  'person.age': "the person's age",
  'person.convictions': "the person's convictions",
  'person.pendingCharges': "the person's pending charges",
  'person.lawfulStatusProof': 'whether the person showed proof of lawful status',
  'person.gangDatabase': 'whether the person is in a gang database',
}

/**
 * A missing fact's engine path in words, e.g. `person.convictions[0].date` → "the date of conviction 1".
 *
 * @example
 * ```ts
 * missingFactWords('detainer.judicialWarrant') // 'whether a judicial warrant accompanies the detainer'
 * ```
 */
export function missingFactWords(path: string, names: Readonly<Record<string, string>> = {}): string {
  const direct = FACT_WORDS[path]
  if (direct) return direct
  const m = /^person\.(convictions|pendingCharges)\[(\d+)\]\.(\w+)$/.exec(path)
  if (m) return `the ${m[3]} of ${m[1] === 'convictions' ? 'conviction' : 'pending charge'} ${Number(m[2]) + 1}`
  // A date the sources give only in part: `effective date of <enactment id>`, `end of <id> enjoined`...
  const period = /^(start|end) of ([\w-]+) period of (\S+)$/.exec(path)
  if (period) return `the ${period[1]} of the ${period[2]!.replace('-', ' ')} period of ${names[period[3]!] ?? 'an enactment'}`
  const d = /^(effective date|end date|start date) of (\S+)$/.exec(path)
  if (d) return `the ${d[1]} of ${names[d[2]!] ?? 'a provision'}`
  const j = /^jailCounty of (\S+)$/.exec(path)
  if (j) return 'which county’s jail holds the people this city arrests'
  return path
}

/**
 * Titles of the enactments and provisions an answer cites, by id, so that text about them (a
 * missing date, a conflict) names them as a reader knows them, never by a registry id.
 */
export function citedNames(citations: readonly Citation[]): Record<string, string> {
  const names: Record<string, string> = {}
  for (const c of citations) {
    names[c.enactment] = c.title
    names[c.provision] = c.title
  }
  return names
}

/**
 * The citations behind an answer: the enactment, its citation, the layer, and the quoted source.
 *
 * @example
 * ```tsx
 * <CitationList citations={answer.citations} />
 * ```
 */
export function CitationList(props: { citations: readonly Citation[]; date?: string }) {
  if (props.citations.length === 0) return null
  return (
    <ul class="citations">
      {props.citations.map((c) => (
        <li key={c.provision}>
          <a href={`${jurisdictionPath(c.jurisdiction, props.date)}#provision-${c.provision}`}>
            <strong>{c.title}</strong>
          </a>
          {c.citation ? <span>, {c.citation}</span> : null} <span class="tag">{LAYER_LABELS[c.layer as DecidingLayer] ?? c.layer}</span>
          <blockquote class="source">
            “{c.quote}”
            <br />
            <a href={c.url} rel="noopener noreferrer">
              {c.url}
            </a>
          </blockquote>
        </li>
      ))}
    </ul>
  )
}

/**
 * One question's answer as a card: heading, value, plain sentence, what is missing, citations.
 *
 * @example
 * ```tsx
 * <AnswerCard question="hold" answer={evaluation.answers.hold} date="2018-06-01" />
 * ```
 */
export function AnswerCard(props: { question: QuestionId; answer: Answer; date?: string; headingLevel?: 3 | 4; title?: string; base?: CaseJson }) {
  const { answer, question } = props
  const value = answer.value as AnswerValue
  const H = props.headingLevel === 4 ? 'h4' : 'h3'
  return (
    <section class={`card answer-card v-${value}`}>
      <H>
        {props.title ?? question}: <ValueBadge value={value} />
      </H>
      <p>{answerSentence(question, value, answer.maxHours)}</p>
      {answer.basis === 'default' ? <p class="muted">No provision in the registry addresses this; the default is that it is permitted.</p> : null}
      {answer.conflict ? (
        <p>
          Provisions conflict and no rule in the registry says which prevails: {answer.conflict.between.map((id) => citedNames(answer.citations)[id] ?? 'a provision').join('; ')}.
        </p>
      ) : null}
      <ConditionalAnswer answer={answer} {...(props.base ? { base: props.base } : {})} />
      {answer.missing.length > 0 ? (
        <div>
          <p>The answer depends on facts or dates the case or the sources do not give:</p>
          <ul>
            {answer.missing.map((m) => (
              <li key={m}>{missingFactWords(m, citedNames(answer.citations))}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {answer.citations.length > 0 ? (
        <details open={props.headingLevel !== 4}>
          <summary>{answer.value === 'undetermined' && !answer.conflict ? 'Provisions that would decide it' : 'Decided by'} ({answer.citations.length})</summary>
          <CitationList citations={answer.citations} date={props.date} />
        </details>
      ) : null}
    </section>
  )
}
