/**
 * The maintainers' page of readers' reports on petitions: for each reported petition its title,
 * state and targets, every report (reason, message, day), and the moderation form — hide with a
 * public reason, or show again. Nothing about the readers who reported is stored, so nothing is
 * shown; a petition's creator is not shown either. A signed-in page.
 */
import type { Petition } from '../../core/petitions/index.ts'
import { CsrfField } from '../components/csrf-field.tsx'
import { dateWords } from '../shared/words.ts'

/** One reported petition and its reports, newest first. */
export interface ReportedPetitionView {
  readonly petition: Petition
  readonly reports: readonly { readonly reason: string; readonly message: string | null; readonly reportedOn: string }[]
}

const STATE_WORDS: Record<Petition['status'], string> = {
  draft: 'draft (its creator has not confirmed it)',
  live: 'live',
  closed: 'closed (replaced by a newer version)',
  hidden: 'hidden',
}

function Reported(props: { item: ReportedPetitionView; csrf: string }) {
  const p = props.item.petition
  return (
    <article id={`petition-${p.id}`} class="queue-item">
      <h2>
        <a href={`/petitions/${p.id}`}>{p.title}</a>
      </h2>
      <p>
        State: <strong>{STATE_WORDS[p.status]}</strong>
        {p.status === 'hidden' && p.hiddenReason ? <> — public reason: “{p.hiddenReason}”</> : null}. To: {p.targets.map((t) => t.label).join('; ')}.
      </p>
      <h3>
        {props.item.reports.length} report{props.item.reports.length === 1 ? '' : 's'}
      </h3>
      <ul>
        {props.item.reports.map((r, i) => (
          <li key={i}>
            <strong>{r.reason}</strong>, {dateWords(r.reportedOn)}
            {r.message ? <>: “{r.message}”</> : null}
          </li>
        ))}
      </ul>
      {p.status === 'hidden' ? (
        <form method="post" action={`/maintainers/reports/${p.id}/moderation`}>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="hidden" value="false" />
          <button type="submit">Show it again</button>
        </form>
      ) : (
        <form method="post" action={`/maintainers/reports/${p.id}/moderation`}>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="hidden" value="true" />
          <p>
            <label for={`reason-${p.id}`}>Hide it: the reason, shown publicly on the petition in place of its text</label>
            <br />
            <textarea id={`reason-${p.id}`} name="reason" rows={2} cols={60} required minLength={1} maxLength={500} />
          </p>
          <p>
            <button type="submit">Hide the petition</button>
          </p>
        </form>
      )}
    </article>
  )
}

/**
 * @example
 * ```tsx
 * <PetitionReportsPage items={[{ petition, reports: [{ reason: 'spam', message: null, reportedOn: '2026-12-07' }] }]} csrf={token} signedInAs="ana@example.org" />
 * ```
 */
export function PetitionReportsPage(props: { items: readonly ReportedPetitionView[]; csrf: string; signedInAs: string; error?: string }) {
  return (
    <div>
      <h1>Reports on petitions</h1>
      <p class="small">
        Signed in as {props.signedInAs}. <a href="/maintainers">Maintainers</a> · <a href="/maintainers/corrections">Suggested corrections</a>
      </p>
      <p>Readers report a petition with a reason; nothing about them is kept. Hiding a petition shows its title and your public reason instead of its text, and stops signing.</p>
      {props.error ? <p role="alert">{props.error}</p> : null}
      {props.items.length ? props.items.map((item) => <Reported key={item.petition.id} item={item} csrf={props.csrf} />) : <p>No petition has been reported.</p>}
    </div>
  )
}
