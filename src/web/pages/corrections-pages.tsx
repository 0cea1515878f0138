/**
 * The corrections pages: the form for one provision (where "Report an error" leads), and the
 * maintainers' review queue with accept (a quote from the source, then the registry patch) and
 * reject (a public reason). The queue shows a suggester's email, for follow-up; it is a signed-in page.
 */
import { TOPIC_WORDS, type Correction, type CorrectionTopic } from '../../core/corrections/index.ts'
import { CorrectionForm } from '../components/corrections.tsx'
import { CsrfField } from '../components/csrf-field.tsx'
import { dateWords, jurisdictionPath } from '../shared/words.ts'

/**
 * The correction form for one provision, with what the provision says now.
 *
 * @example
 * ```tsx
 * <CorrectionFormPage provision={{ id, summary, jurisdiction, jurisdictionName, enactmentTitle }} csrf={token} />
 * ```
 */
export function CorrectionFormPage(props: {
  provision: { readonly id: string; readonly summary: string; readonly jurisdiction: string; readonly jurisdictionName: string; readonly enactmentTitle: string }
  csrf: string
  topic?: CorrectionTopic
  values?: Readonly<Record<string, string>>
  error?: string
}) {
  const p = props.provision
  return (
    <div>
      <h1>Suggest a correction</h1>
      <p>
        To a provision of <a href={`${jurisdictionPath(p.jurisdiction)}#provision-${p.id}`}>{p.enactmentTitle}</a> ({p.jurisdictionName}):
      </p>
      <blockquote>{p.summary}</blockquote>
      <CorrectionForm provision={p.id} csrf={props.csrf} {...(props.topic ? { topic: props.topic } : {})} {...(props.values ? { values: props.values } : {})} {...(props.error ? { error: props.error } : {})} />
    </div>
  )
}

/** One suggestion in the maintainers' queue, with what the provision says and the decision forms. */
function QueueItem(props: { c: Correction; summary: string; jurisdictionName: string; csrf: string }) {
  const { c } = props
  return (
    <article class="card" id={`correction-${c.id}`}>
      <h2>
        Correction {c.id}: {props.jurisdictionName}
      </h2>
      <p class="small">
        Provision <a href={`${jurisdictionPath(c.jurisdiction)}#provision-${c.provision}`}>{c.provision}</a> — {TOPIC_WORDS[c.topic]}. Received {dateWords(c.submittedAt.slice(0, 10))}.
        {c.email ? ` Follow-up email: ${c.email}` : ' No email given.'}
      </p>
      <p>The registry says: {props.summary}</p>
      <p>
        The suggestion: “{c.what}”
        <br />
        Source:{' '}
        <a href={c.source} rel="nofollow noopener noreferrer">
          {c.source}
        </a>
      </p>
      {c.status === 'pending' ? (
        <div class="decisions">
          <form method="post" action={`/maintainers/corrections/${c.id}/accept`}>
            <CsrfField token={props.csrf} />
            <p>
              <label for={`quote-${c.id}`}>Accept: a short verbatim quote from the source that shows it</label>
              <br />
              <textarea id={`quote-${c.id}`} name="quote" rows={2} cols={60} required minLength={5} maxLength={600} />
            </p>
            <p>
              <label for={`reliability-${c.id}`}>The source is</label>{' '}
              <select id={`reliability-${c.id}`} name="reliability">
                <option value="">(no label)</option>
                {['primary', 'official', 'secondary', 'news', 'advocacy', 'low'].map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <button type="submit">Accept and make the patch</button>
            </p>
          </form>
          <form method="post" action={`/maintainers/corrections/${c.id}/reject`}>
            <CsrfField token={props.csrf} />
            <p>
              <label for={`reason-${c.id}`}>Reject: the reason, shown publicly on the page</label>
              <br />
              <textarea id={`reason-${c.id}`} name="reason" rows={2} cols={60} required minLength={5} maxLength={1000} />
            </p>
            <p>
              <button type="submit">Reject</button>
            </p>
          </form>
        </div>
      ) : c.status === 'accepted' ? (
        <div>
          <p>
            Accepted {c.decidedAt ? dateWords(c.decidedAt.slice(0, 10)) : ''}. Commit this patch to the registry (<a href={`/maintainers/corrections/${c.id}/patch`}>download it</a>; apply it with <code>git apply</code> from the repository root), then change the fact itself in the same commit after reading the source:
          </p>
          <pre class="patch">{c.patch}</pre>
        </div>
      ) : (
        <p>
          Rejected {c.decidedAt ? dateWords(c.decidedAt.slice(0, 10)) : ''}: {c.reason}
        </p>
      )}
    </article>
  )
}

/**
 * The review queue: pending suggestions first, then the recently decided.
 *
 * @example
 * ```tsx
 * <CorrectionsQueuePage items={[{ correction, summary, jurisdictionName }]} csrf={token} />
 * ```
 */
export function CorrectionsQueuePage(props: { items: readonly { readonly correction: Correction; readonly summary: string; readonly jurisdictionName: string }[]; csrf: string; signedInAs: string; links?: readonly { readonly href: string; readonly label: string }[] }) {
  const pending = props.items.filter((i) => i.correction.status === 'pending')
  const decided = props.items.filter((i) => i.correction.status !== 'pending')
  return (
    <div>
      <h1>Suggested corrections</h1>
      <p class="small">
        Signed in as {props.signedInAs}. <a href="/maintainers">Maintainers</a>
        {(props.links ?? []).map((l) => (
          <span key={l.href}>
            {' · '}
            <a href={l.href}>{l.label}</a>
          </span>
        ))}
      </p>
      <p>{pending.length ? `${pending.length} pending.` : 'Nothing pending.'}</p>
      {pending.map((i) => (
        <QueueItem key={i.correction.id} c={i.correction} summary={i.summary} jurisdictionName={i.jurisdictionName} csrf={props.csrf} />
      ))}
      {decided.length ? <h2>Decided</h2> : null}
      {decided.map((i) => (
        <QueueItem key={i.correction.id} c={i.correction} summary={i.summary} jurisdictionName={i.jurisdictionName} csrf={props.csrf} />
      ))}
    </div>
  )
}
