/**
 * A call script's page: the official and how to reach them (each contact with its source), the
 * law on the day with citations, what the post can and cannot change, the script with the ask
 * left to the caller, and the counts of logged call outcomes. The outcome buttons need the page's
 * script (they post with fetch, same-origin); without it the page says so.
 */
import type { CallScript, PowerStatement } from '../../core/scripts/index.ts'
import { sourceWords } from '../../core/scripts/index.ts'
import { jurisdictionPath } from '../shared/words.ts'

export interface ScriptPageProps {
  readonly script: CallScript
  /** Outcomes logged for this post and question, summed over days. */
  readonly counts: readonly { readonly outcome: string; readonly count: number; readonly firstDay: string; readonly lastDay: string }[]
  /** The query the outcome buttons post: the post, jurisdiction and question. */
  readonly target: { readonly post: string; readonly jurisdiction: string; readonly question: string }
}

const OUTCOME_WORDS: Readonly<Record<string, string>> = { reached: 'Reached someone', voicemail: 'Left a voicemail', 'no-answer': 'No answer' }
const POWER_WORDS: Readonly<Record<PowerStatement['kind'], string>> = { can: 'Can', cannot: 'Cannot', unknown: 'The registry does not say' }

function Counts({ counts }: { readonly counts: ScriptPageProps['counts'] }) {
  if (counts.length === 0) return <p id="outcome-counts">No call outcomes have been logged for this office and question.</p>
  const first = counts.map((c) => c.firstDay).sort()[0]
  return (
    <p id="outcome-counts">
      Logged since {first}: {counts.map((c) => `${OUTCOME_WORDS[c.outcome] ?? c.outcome} ${c.count}`).join(' · ')}.
    </p>
  )
}

/**
 * @example
 * ```tsx
 * <ScriptPage script={script} counts={[]} target={{ post, jurisdiction, question: 'hold' }} />
 * ```
 */
export function ScriptPage({ script: s, counts, target }: ScriptPageProps) {
  const o = s.official
  return (
    <div>
      <p class="small muted">
        Call script · <a href={jurisdictionPath(s.jurisdiction.id)}>{s.jurisdiction.name}</a> · as of {s.asOf}
      </p>
      <h1>
        {s.question.label}: {o.office}
      </h1>
      <section aria-labelledby="official-title">
        <h2 id="official-title">Who</h2>
        <p>
          {o.holders.length ? <strong>{o.holders.map((h) => h.name).join(', ')}</strong> : <em>No holder listed ({o.holderUnknown})</em>}, {o.office}. {o.power}
        </p>
        {o.holders.map((h) => (
          <p key={h.personId} class="small muted">
            Source for {h.name}: {sourceWords(h.source)}
          </p>
        ))}
        <h3>How to reach them</h3>
        {o.contacts.length === 0 ? (
          <p>The directory lists no contact point.</p>
        ) : (
          <ul>
            {o.contacts.map((c, i) => (
              <li key={i}>
                {c.contact.kind}: {c.contact.kind === 'phone' ? <a href={`tel:${c.contact.value.replace(/[^0-9+]/g, '')}`}>{c.contact.value}</a> : c.contact.kind === 'website' || c.contact.kind === 'webform' ? <a href={c.contact.value}>{c.contact.value}</a> : c.contact.value}
                {c.contact.label ? ` (${c.contact.label})` : ''} — {c.of}
                <span class="small muted"> · source: {sourceWords(c.source)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="law-title">
        <h2 id="law-title">What the law says in {s.law.name} on {s.asOf}</h2>
        <ul>
          {s.law.answers.map((a) => (
            <li key={a.template.id}>
              {a.template.label}: {a.sentence}
              {a.conditional ? ` ${a.conditional}.` : ''} <span class="small muted">Assumes: {a.assumes}.</span>
            </li>
          ))}
        </ul>
        <h3>Citations</h3>
        {s.law.citations.length === 0 ? (
          <p>No provision in the registry addresses this question here.</p>
        ) : (
          <ul class="citations">
            {s.law.citations.map((c) => (
              <li key={c.provision}>
                <a href={`${jurisdictionPath(c.jurisdiction)}#provision-${c.provision}`}>{c.title}</a>
                {c.citation ? `, ${c.citation}` : ''}: “{c.quote}”{' '}
                <a class="small" href={c.url} rel="noopener noreferrer">
                  source
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="powers-title">
        <h2 id="powers-title">What this office can and cannot change</h2>
        <ul>
          {s.powers.map((p, i) => (
            <li key={i}>
              <strong>{POWER_WORDS[p.kind]}:</strong> {p.text}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="script-title">
        <h2 id="script-title">Script</h2>
        <p class="muted">Replace the bracketed parts; the request is yours to word.</p>
        <pre class="card script-lines">{s.lines.join('\n')}</pre>
      </section>
      <section aria-labelledby="outcome-title">
        <h2 id="outcome-title">After the call</h2>
        <Counts counts={counts} />
        <div id="outcome-form" data-post={target.post} data-jurisdiction={target.jurisdiction} data-question={target.question} hidden>
          <p>How did it go? Only the count is kept: nothing about you, and no time finer than the day.</p>
          {Object.entries(OUTCOME_WORDS).map(([value, words]) => (
            <button key={value} type="button" class="secondary" data-outcome={value}>
              {words}
            </button>
          ))}
          <p id="outcome-status" role="status" class="small"></p>
        </div>
        <noscript>
          <p class="small">Logging an outcome needs JavaScript; the counts above are public.</p>
        </noscript>
      </section>
    </div>
  )
}
