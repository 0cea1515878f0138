/**
 * The plain-English explanation of an evaluation: what the answer is for each question, which
 * provisions decided it and what they overrode, what was missing, and which layers had no file.
 * Neutral wording: it reports provisions and sources, never argues.
 */
import type { Answer, Evaluation, TraceEntry } from './evaluate.ts'
import type { Question } from './plan.ts'

const QUESTION_TEXT: Record<Question, string> = {
  hold: 'Hold the person on the ICE detainer past their release time',
  notify: 'Notify ICE of the release date or time',
  interview: 'Allow ICE to interview the person in custody',
}

const VALUE_TEXT = { required: 'REQUIRED', permitted: 'PERMITTED', prohibited: 'PROHIBITED', undetermined: 'UNDETERMINED' } as const

// The explanation is shown on public pages: each citation names its layer in words, not the registry's provision id (which the JSON carries).
function citeLine(a: Answer): string[] {
  return a.citations.map((c) => `    - ${c.title}${c.citation ? ` (${c.citation})` : ''} [${c.layer} law]\n      "${c.quote}" — ${c.url}`)
}

function roleLines(entries: readonly TraceEntry[]): string[] {
  const lines: string[] = []
  for (const e of entries) {
    if (e.role === 'overridden') lines.push(`    - ${e.provision} (${e.layer}) is overridden by a higher layer: ${e.summary}`)
    if (e.role === 'narrowed') lines.push(`    - ${e.provision} (${e.layer}) permits it; a more specific rule below governs instead: ${e.summary}`)
    if (e.role === 'not-applicable' && e.inForce === 'yes') lines.push(`    - ${e.provision} (${e.layer}) is in force but its conditions do not apply to these facts.`)
    if (e.role === 'not-applicable' && e.inForce === 'no') lines.push(`    - ${e.provision} (${e.layer}) ${e.notInForceReason ?? 'is not in force on this date'}.`)
  }
  return lines
}

/**
 * Renders an evaluation as text: every question it answers (all three, or the one asked).
 *
 * @example
 * ```ts
 * explainEvaluation(evaluation)
 * // 'On 2018-06-01, in Fresno County, CA (county jail):\n\nHold ...: PROHIBITED ...'
 * ```
 */
export function explainEvaluation(ev: Omit<Evaluation, 'explanation' | 'kind' | 'answers'> & { readonly answers: Readonly<Partial<Record<Question, Answer>>> }): string {
  const custody = ev.custody ? ev.custody.replace('-', ' ') : 'custody type not given'
  const out: string[] = [`On ${ev.date}, in ${ev.jurisdictionName} (${custody}):`]
  for (const q of Object.keys(QUESTION_TEXT) as Question[]) {
    const a = ev.answers[q]
    if (!a) continue
    out.push('')
    let head = `${QUESTION_TEXT[q]}: ${VALUE_TEXT[a.value]}`
    if (q === 'hold' && a.maxHours != null) head += ` (for at most ${a.maxHours} hours)`
    out.push(head)
    if (a.conflict) out.push(`  The registry records provisions that contradict each other here and does not say which prevails: ${a.conflict.between.join(', ')}.`)
    else if (a.value === 'undetermined') out.push(`  The answer depends on facts or dates not given: ${a.missing.join(', ') || 'see trace'}.`)
    if (a.conditional) {
      out.push(`  Conditional answer: ${a.conditional.text}.`)
      for (const e of a.conditional.effects) out.push(`    - ${e.question} ${e.outcomes.map((o) => `${o.label}: ${o.answer}${o.maxHours != null && o.answer !== 'prohibited' ? ` (at most ${o.maxHours} hours)` : ''}`).join('; ')}`)
      if (a.conditional.unbranched.length) out.push(`    Not branched on: ${a.conditional.unbranched.join(', ')}.`)
    }
    else if (a.basis === 'default') out.push('  No provision in the registry addresses this for these facts; nothing found restricts or requires it.')
    const citeHead = a.conflict ? '  Provisions in conflict:' : a.value === 'undetermined' ? '  Provisions that turn on the missing facts:' : '  Decided by:'
    if (a.citations.length) out.push(citeHead, ...citeLine(a))
    const roles = roleLines(ev.trace.filter((t) => t.question === q))
    if (roles.length) out.push('  Also considered:', ...roles)
  }
  const absent = ev.layers.filter((l) => !l.inRegistry)
  if (absent.length) {
    out.push('', 'Coverage:')
    for (const l of absent)
      out.push(
        l.id
          ? `  - ${l.layer}: ${l.name ?? l.id} — ${l.note}; its own law, if any, is not considered.`
          : `  - ${l.layer}: unidentified — ${l.note}; where its law could change an answer (${l.layer === 'county' ? 'county-jail custody' : 'this layer'}), that answer is undetermined.`,
      )
  }
  return `${out.join('\n')}\n`
}
