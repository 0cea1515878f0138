/**
 * Registry values as readable blocks: a provision with its sources (quoted), confidence,
 * disagreements and unknowns; an enactment with its dates and status. Text only — Preact escapes
 * every string, so a registry string can never become markup.
 */
import { Fragment } from 'preact'
import type { enactmentView, provisionView } from '../../core/registry/index.ts'
import { dateWords } from '../shared/words.ts'
import { ProvisionCorrectionsBlock, ReportLink, type ProvisionCorrections } from './corrections.tsx'

export type ProvisionJson = ReturnType<typeof provisionView>
export type EnactmentJson = ReturnType<typeof enactmentView>
type DateJson = string | { unknown: string } | null
export type SourceJson = ProvisionJson['sources'][number]
type DisagreementJson = ProvisionJson['disagreements'][number]

/** A registry date as words: "1 January 2018", "October 2019 (month only)", or "unknown (reason)". */
export function registryDateWords(d: DateJson): string {
  if (d === null) return '—'
  if (typeof d === 'object') return `unknown (${d.unknown})`
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? dateWords(d) : `${dateWords(d)} (${d.length === 4 ? 'year' : 'month'} only)`
}

const EFFECT_WORDS: Record<string, string> = {
  prohibit: 'Prohibits',
  permit: 'Permits',
  require: 'Requires',
  limit: 'Permits only under conditions',
}

/** Registry actions in words. */
export const ACTION_WORDS: Record<string, string> = {
  'detainer-hold': 'Detainer holds',
  'release-notification': 'Release notification',
  'interview-access': 'ICE interviews in custody',
  transfer: 'Transfer to ICE',
  'agreement-287g': '287(g) agreements',
  'status-inquiry': 'Asking about immigration status',
  'information-sharing': 'Sharing information',
  'courthouse-arrest': 'Courthouse arrests',
  'local-resources': 'Use of local resources',
  preemption: 'Preemption of local rules',
}

/**
 * A source: the quote and the link, with its reliability.
 *
 * @example
 * ```tsx
 * <SourceQuote source={{ url: 'https://…', quote: '…', reliability: 'primary' }} />
 * ```
 */
export function SourceQuote(props: { source: SourceJson }) {
  const s = props.source
  return (
    <blockquote class="source">
      “{s.quote}”
      <br />
      <a href={s.url} rel="noopener noreferrer">
        {s.url}
      </a>
      {s.reliability ? <span class="tag">{s.reliability}</span> : null}
      {s.note ? <span class="muted small"> — {s.note}</span> : null}
    </blockquote>
  )
}

/** Sources that disagree, each claim with its sources. */
export function Disagreements(props: { items: readonly DisagreementJson[] }) {
  if (props.items.length === 0) return null
  return (
    <div>
      {props.items.map((d, i) => (
        <div class="disagreement" key={i}>
          <strong>Sources disagree on {d.about}.</strong>
          <ul>
            {d.claims.map((c, j) => (
              <li key={j}>
                {c.claim}
                {c.sources.map((s, k) => (
                  <SourceQuote key={k} source={s} />
                ))}
              </li>
            ))}
          </ul>
          {d.note ? <p class="small">{d.note}</p> : null}
        </div>
      ))}
    </div>
  )
}

/**
 * A provision: what it does, when, under which limits, how confident the registry is, and its
 * sources, disagreements and unknowns.
 *
 * @example
 * ```tsx
 * <ProvisionBlock provision={provisionView(p)} />
 * ```
 */
export function ProvisionBlock(props: { provision: ProvisionJson; headingLevel?: 4 | 5; names?: Readonly<Record<string, string>>; corrections?: ProvisionCorrections }) {
  const p = props.provision
  // With corrections on (a server with a database), a "Report an error" link beside each fact.
  const report = (topic: 'summary' | 'dates' | 'limits' | 'conditions' | 'sources') => (props.corrections ? <> <ReportLink provision={p.id} topic={topic} /></> : null)
  const names = props.names ?? {}
  // Offense classes by their names, as a reader knows them.
  const conditionText = (c: unknown) => JSON.stringify(c, (key, value: unknown) => (key === 'class' && typeof value === 'string' ? (names[value] ?? value) : value), 1)
  const H = props.headingLevel === 5 ? 'h5' : 'h4'
  return (
    <article class="provision" id={`provision-${p.id}`}>
      <H>
        {ACTION_WORDS[p.action] ?? p.action}: {EFFECT_WORDS[p.effect] ?? p.effect}
      </H>
      <p>
        {p.summary}
        {report('summary')}
      </p>
      <dl class="facts small">
        {p.from !== null || p.to !== null ? (
          <>
            <dt>In force</dt>
            <dd>
              {p.from !== null ? `from ${registryDateWords(p.from)}` : 'with its enactment'}
              {p.to !== null ? `, until (not including) ${registryDateWords(p.to)}` : ''}
              {report('dates')}
            </dd>
          </>
        ) : null}
        <dt>Applies to</dt>
        <dd>
          {p.custody.map((c) => c.replace('-', ' ')).join(', ')}
          {report('limits')}
        </dd>
        {p.limits.maxHours !== undefined ? (
          <>
            <dt>Limit</dt>
            <dd>
              at most {p.limits.maxHours} hours{p.limits.hoursExclude?.length ? `, not counting ${p.limits.hoursExclude.join(' and ')}` : ''}
              {report('limits')}
            </dd>
          </>
        ) : null}
        {p.limits.reimbursement ? (
          <>
            <dt>Reimbursement</dt>
            <dd>{p.limits.reimbursement === 'required' ? 'required' : 'not required'}</dd>
          </>
        ) : null}
        {p.overridesLocal ? (
          <>
            <dt>Local rules</dt>
            <dd>overrides contrary local rules</dd>
          </>
        ) : null}
        <dt>Confidence</dt>
        <dd>{p.confidence}</dd>
      </dl>
      {p.when !== null || p.unless !== null ? (
        <details>
          <summary>Conditions as the engine reads them</summary>
          {p.when !== null ? <pre class="explanation">when: {conditionText(p.when)}</pre> : null}
          {p.unless !== null ? <pre class="explanation">unless: {conditionText(p.unless)}</pre> : null}
        </details>
      ) : null}
      {p.interpretation ? <p class="small">Modelling note: {p.interpretation}</p> : null}
      {p.penalties.map((pen, i) => (
        <div key={i}>
          <p class="small">Penalty: {pen.text}</p>
          {pen.sources.map((s, k) => (
            <SourceQuote key={k} source={s} />
          ))}
        </div>
      ))}
      <details open>
        <summary>Sources ({p.sources.length})</summary>
        {p.sources.map((s, i) => (
          <SourceQuote key={i} source={s} />
        ))}
        {report('sources')}
      </details>
      <Disagreements items={p.disagreements} />
      {p.unknowns.map((u, i) => (
        <p class="small" key={i}>
          Not known ({u.field}): {u.reason}
        </p>
      ))}
      {props.corrections ? <ProvisionCorrectionsBlock provision={p.id} corrections={props.corrections} /> : null}
    </article>
  )
}

/**
 * An enactment: title, kind, citation, dates, status history, sources, then its provisions.
 *
 * @example
 * ```tsx
 * <EnactmentBlock enactment={enactmentView(e)} />
 * ```
 */
export function EnactmentBlock(props: { enactment: EnactmentJson; names?: Readonly<Record<string, string>>; corrections?: (provision: string) => ProvisionCorrections | undefined }) {
  const e = props.enactment
  const names = props.names ?? {}
  const own = new Map(e.provisions.map((p) => [p.id, `${ACTION_WORDS[p.action] ?? p.action}: ${(EFFECT_WORDS[p.effect] ?? p.effect).toLowerCase()}`]))
  const nameOf = (id: string) => names[id] ?? 'another enactment'
  const list = (ids: readonly string[]) => ids.map(nameOf).join('; ')
  return (
    <section class="card" id={`enactment-${e.id}`} aria-labelledby={`enactment-${e.id}-title`}>
      <h3 id={`enactment-${e.id}-title`}>{e.title}</h3>
      <dl class="facts small">
        <dt>Kind</dt>
        <dd>{e.kind.replace(/-/g, ' ')}</dd>
        <dt>Citation</dt>
        <dd>{typeof e.citation === 'string' ? e.citation : e.citation ? `unknown (${e.citation.unknown})` : '—'}</dd>
        <dt>Enacted</dt>
        <dd>{registryDateWords(e.enacted)}</dd>
        <dt>In force from</dt>
        <dd>{registryDateWords(e.effective)}</dd>
        {e.ends !== null ? (
          <>
            <dt>Until (not including)</dt>
            <dd>{registryDateWords(e.ends)}</dd>
          </>
        ) : null}
        {e.status.map((s, i) => (
          <Fragment key={i}>
            <dt>{s.status.replace('-', ' ')}</dt>
            <dd>
              from {registryDateWords(s.from)}
              {s.to !== null ? ` until ${registryDateWords(s.to)}` : ''}
              {s.by ? ` (by ${nameOf(s.by)})` : ''}
              {s.provisions ? ` — only: ${s.provisions.map((id) => own.get(id) ?? 'a provision').join('; ')}` : ''}
            </dd>
          </Fragment>
        ))}
        <dt>Confidence</dt>
        <dd>{e.confidence}</dd>
        {e.amends.length ? (
          <>
            <dt>Amends</dt>
            <dd>{list(e.amends)}</dd>
          </>
        ) : null}
        {e.supersedes.length ? (
          <>
            <dt>Supersedes</dt>
            <dd>{list(e.supersedes)}</dd>
          </>
        ) : null}
        {e.repeals.length ? (
          <>
            <dt>Repeals</dt>
            <dd>{list(e.repeals)}</dd>
          </>
        ) : null}
      </dl>
      <details>
        <summary>Sources for the enactment ({e.sources.length})</summary>
        {e.sources.map((s, i) => (
          <SourceQuote key={i} source={s} />
        ))}
      </details>
      <Disagreements items={e.disagreements} />
      {e.unknowns.map((u, i) => (
        <p class="small" key={i}>
          Not known ({u.field}): {u.reason}
        </p>
      ))}
      {e.notes.map((n, i) => (
        <p class="small" key={`n${i}`}>
          Note: {n}
        </p>
      ))}
      {e.provisions.length > 0 ? (
        <div>
          {e.provisions.map((p) => (
            <ProvisionBlock key={p.id} provision={p} names={names} {...(props.corrections?.(p.id) ? { corrections: props.corrections(p.id)! } : {})} />
          ))}
        </div>
      ) : (
        <p class="muted small">No provision of this enactment is modelled.</p>
      )}
    </section>
  )
}
