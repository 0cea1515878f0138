/**
 * Suggested corrections on a provision: the "report an error" link, what is pending (the public
 * text of each suggestion, never an email), what was decided and why, when the provision was last
 * verified, and the "suggest a correction" form. Server-rendered; the form works without script.
 */
import { CORRECTION_LIMITS, CORRECTION_TOPICS, HONEYPOT_FIELD, TOPIC_WORDS, type CorrectionTopic, type LastVerified, type PublicCorrection } from '../../core/corrections/index.ts'
import { dateWords } from '../shared/words.ts'
import { CsrfField } from './csrf-field.tsx'

/** What a provision block needs to show corrections: the form's token and the provision's suggestions. */
export interface ProvisionCorrections {
  readonly csrf: string
  readonly items: readonly PublicCorrection[]
  readonly verified: LastVerified
}

/** The address of the correction form for a provision (and the fact it is about). */
export function correctionFormHref(provision: string, topic?: CorrectionTopic): string {
  return `/corrections/new?provision=${encodeURIComponent(provision)}${topic ? `&topic=${topic}` : ''}`
}

/**
 * A small "Report an error" link beside a fact.
 *
 * @example
 * ```tsx
 * <ReportLink provision="ca-sb54-hold" topic="dates" />
 * ```
 */
export function ReportLink(props: { provision: string; topic: CorrectionTopic }) {
  return (
    <a class="report-error small" href={correctionFormHref(props.provision, props.topic)} rel="nofollow">
      Report an error
    </a>
  )
}

/** "Last verified: …" in words. */
export function verifiedWords(v: LastVerified): string {
  return v.kind === 'verified' ? `${dateWords(v.on)}, by ${v.what}` : 'no verification date is recorded (the sources carry no retrieval dates)'
}

/**
 * The correction form for one provision.
 *
 * @example
 * ```tsx
 * <CorrectionForm provision="ca-sb54-hold" csrf={token} />
 * ```
 */
export function CorrectionForm(props: { provision: string; csrf: string; topic?: CorrectionTopic; values?: Readonly<Record<string, string>>; error?: string }) {
  const p = props.provision
  const v = props.values ?? {}
  const topic = props.topic ?? (v.topic as CorrectionTopic | undefined) ?? 'other'
  return (
    <form method="post" action="/corrections" class="correction-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="provision" value={p} />
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <p>
        <label for={`topic-${p}`}>What is it about?</label>
        <br />
        <select id={`topic-${p}`} name="topic">
          {CORRECTION_TOPICS.map((t) => (
            <option key={t} value={t} selected={t === topic}>
              {TOPIC_WORDS[t]}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for={`what-${p}`}>What is wrong, and what is right?</label>
        <br />
        <textarea id={`what-${p}`} name="what" rows={4} cols={60} required minLength={CORRECTION_LIMITS.whatMin} maxLength={CORRECTION_LIMITS.whatMax}>
          {v.what ?? ''}
        </textarea>
      </p>
      <p>
        <label for={`source-${p}`}>The web address of a source that shows it</label>
        <br />
        <input id={`source-${p}`} name="source" type="url" required maxLength={CORRECTION_LIMITS.urlMax} size={60} placeholder="https://" value={v.source ?? ''} />
      </p>
      <p>
        <label for={`email-${p}`}>Your email, if a maintainer may write to you about it (optional; never shown)</label>
        <br />
        <input id={`email-${p}`} name="email" type="email" maxLength={254} size={40} autocomplete="email" value={v.email ?? ''} />
      </p>
      <p class="visually-hidden" aria-hidden="true">
        <label for={`${HONEYPOT_FIELD}-${p}`}>Leave this field empty</label>
        <input id={`${HONEYPOT_FIELD}-${p}`} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autocomplete="off" value="" />
      </p>
      <p>
        <button type="submit">Send the correction</button>
      </p>
      <p class="muted small">Suggestions are published on this page (without the email) until a maintainer accepts or rejects them.</p>
    </form>
  )
}

/**
 * A provision's corrections: last verified, the pending suggestions, the decided ones, and the form.
 *
 * @example
 * ```tsx
 * <ProvisionCorrectionsBlock provision="ca-sb54-hold" corrections={{ csrf, items: [], verified: { kind: 'not-recorded' } }} />
 * ```
 */
export function ProvisionCorrectionsBlock(props: { provision: string; corrections: ProvisionCorrections }) {
  const { items, csrf, verified } = props.corrections
  const pending = items.filter((c) => c.status === 'pending')
  const decided = items.filter((c) => c.status !== 'pending')
  return (
    <div class="corrections" id={`corrections-${props.provision}`}>
      <p class="small">Last verified: {verifiedWords(verified)}.</p>
      {pending.length ? (
        <div class="pending-corrections">
          <p class="small">
            <strong>
              {pending.length} pending correction{pending.length === 1 ? '' : 's'}
            </strong>{' '}
            (suggested by readers, not yet reviewed):
          </p>
          <ul class="small">
            {pending.map((c) => (
              <li key={c.id}>
                {TOPIC_WORDS[c.topic]}: “{c.what}” — source:{' '}
                <a href={c.source} rel="nofollow noopener noreferrer">
                  {c.source}
                </a>{' '}
                (suggested {dateWords(c.submittedOn)})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {decided.length ? (
        <details class="small">
          <summary>Reviewed corrections ({decided.length})</summary>
          <ul>
            {decided.map((c) => (
              <li key={c.id}>
                “{c.what}” — {c.status === 'accepted' ? `accepted ${c.decidedOn ? dateWords(c.decidedOn) : ''}; the registry is updated when the change is published` : `not accepted ${c.decidedOn ? dateWords(c.decidedOn) : ''}: ${c.reason ?? ''}`}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <details class="suggest-correction">
        <summary>Suggest a correction</summary>
        <CorrectionForm provision={props.provision} csrf={csrf} />
      </details>
    </div>
  )
}
