/**
 * The toolkit's clause kinds: what a provision does, read from its structured form (action,
 * effect, the facts its `when` / `unless` test, its limits and penalties) — never from a list of
 * jurisdictions. A provision can carry several clauses (a TRUST-style hold rule that lists
 * convictions and caps the hours carries both).
 */
import type { Action, Condition, Effect, Jurisdiction, Provision } from '../registry/index.ts'

/** The clause kinds, in catalog order. */
export const CLAUSE_KINDS = [
  'hold-judicial-warrant',
  'hold-listed-convictions',
  'hold-hour-cap',
  'hold-reimbursement',
  'no-release-notice',
  'notice-listed-convictions',
  'interview-written-consent',
  'no-287g',
  'no-status-questions',
  'no-data-sharing',
  'no-courthouse-arrests',
  'state-honour-detainers',
  'ban-local-limits',
  'penalties-on-officials',
] as const
export type ClauseKind = (typeof CLAUSE_KINDS)[number]

/** A clause kind's name, what it does in neutral words, and the action it governs. */
export interface ClauseInfo {
  readonly kind: ClauseKind
  readonly title: string
  readonly description: string
  readonly action: Action
  /** Which level of government can adopt it in the composer. */
  readonly levels: 'local-or-state' | 'state'
}

export const CLAUSE_INFO: Readonly<Record<ClauseKind, ClauseInfo>> = {
  'hold-judicial-warrant': { kind: 'hold-judicial-warrant', title: 'Holds only with a judicial warrant', description: 'The jail does not hold a person on a detainer unless a judicial warrant (or a judicial finding of probable cause) comes with it.', action: 'detainer-hold', levels: 'local-or-state' },
  'hold-listed-convictions': { kind: 'hold-listed-convictions', title: 'Holds only for listed convictions', description: 'The jail holds a person on a detainer only when the person has a conviction of a listed kind.', action: 'detainer-hold', levels: 'local-or-state' },
  'hold-hour-cap': { kind: 'hold-hour-cap', title: 'A cap on hours', description: 'A hold on a detainer may last at most a stated number of hours.', action: 'detainer-hold', levels: 'local-or-state' },
  'hold-reimbursement': { kind: 'hold-reimbursement', title: 'Reimbursement', description: 'The jail holds a person on a detainer only when the federal government agrees to pay for the hold.', action: 'detainer-hold', levels: 'local-or-state' },
  'no-release-notice': { kind: 'no-release-notice', title: 'No release-date notice', description: 'The jail does not tell immigration authorities when a person will be released.', action: 'release-notification', levels: 'local-or-state' },
  'notice-listed-convictions': { kind: 'notice-listed-convictions', title: 'Notice only for listed convictions', description: 'The jail tells immigration authorities of a release date only for people with a conviction of a listed kind.', action: 'release-notification', levels: 'local-or-state' },
  'interview-written-consent': { kind: 'interview-written-consent', title: 'No interview without written consent', description: 'Immigration agents may interview a person in custody only with the person’s written consent.', action: 'interview-access', levels: 'local-or-state' },
  'no-287g': { kind: 'no-287g', title: 'No 287(g) agreement', description: 'Local agencies may not enter an agreement under 8 U.S.C. 1357(g) to perform immigration functions.', action: 'agreement-287g', levels: 'local-or-state' },
  'no-status-questions': { kind: 'no-status-questions', title: 'No status questions', description: 'Officers may not ask people about their immigration status.', action: 'status-inquiry', levels: 'local-or-state' },
  'no-data-sharing': { kind: 'no-data-sharing', title: 'No non-public data sharing', description: 'Agencies may not share non-public personal information with immigration authorities.', action: 'information-sharing', levels: 'local-or-state' },
  'no-courthouse-arrests': { kind: 'no-courthouse-arrests', title: 'No courthouse arrests', description: 'No civil immigration arrests at courthouses without a judicial warrant.', action: 'courthouse-arrest', levels: 'local-or-state' },
  'state-honour-detainers': { kind: 'state-honour-detainers', title: 'State mandate to honour every detainer', description: 'A state law requiring jails to comply with every detainer request.', action: 'detainer-hold', levels: 'state' },
  'ban-local-limits': { kind: 'ban-local-limits', title: 'Ban on local limits', description: 'A state law barring local policies that limit cooperation with immigration enforcement.', action: 'preemption', levels: 'state' },
  'penalties-on-officials': { kind: 'penalties-on-officials', title: 'Penalties on officials', description: 'Penalties (fines, removal, criminal charges) on officials or entities that do not comply.', action: 'preemption', levels: 'state' },
}

/** Every fact path a condition tests (offense tests as `person.convictions` / `person.pendingCharges`). */
export function conditionFacts(c: Condition | undefined, out: Set<string> = new Set()): Set<string> {
  if (!c) return out
  switch (c.kind) {
    case 'all':
    case 'any':
      for (const p of c.parts) conditionFacts(p, out)
      return out
    case 'not':
      return conditionFacts(c.part, out)
    case 'fact':
      out.add(c.path)
      return out
    case 'offense':
      out.add(`person.${c.list}`)
      return out
  }
}

const RESTRICTS: ReadonlySet<Effect> = new Set(['prohibit', 'limit'])

/**
 * The clause kinds a provision carries, from its structured form.
 *
 * @example
 * ```ts
 * clauseKindsOf(registry.provisions.get('ca-sb54-hold')!, registry.jurisdictions.get('ocd-division/country:us/state:ca')!)
 * // ['hold-judicial-warrant']
 * ```
 */
export function clauseKindsOf(p: Provision, j: Pick<Jurisdiction, 'level'>): ClauseKind[] {
  const facts = conditionFacts(p.when, conditionFacts(p.unless))
  const offenses = facts.has('person.convictions') || facts.has('person.pendingCharges')
  const warrant = facts.has('detainer.judicialWarrant') || facts.has('detainer.judicialProbableCause')
  const out: ClauseKind[] = []
  const restricts = RESTRICTS.has(p.effect)
  switch (p.action) {
    case 'detainer-hold':
      if (restricts && warrant) out.push('hold-judicial-warrant')
      if (restricts && offenses) out.push('hold-listed-convictions')
      if (p.limits.maxHours !== undefined && j.level !== 'country') out.push('hold-hour-cap')
      if (p.limits.reimbursement === 'required' || (restricts && facts.has('detainer.reimbursementAgreement'))) out.push('hold-reimbursement')
      if (p.effect === 'require' && j.level === 'state') out.push('state-honour-detainers')
      break
    case 'release-notification':
      if (restricts && offenses) out.push('notice-listed-convictions')
      else if (restricts) out.push('no-release-notice')
      break
    case 'interview-access':
      if (restricts && facts.has('detainer.writtenConsent')) out.push('interview-written-consent')
      break
    case 'agreement-287g':
      if (restricts) out.push('no-287g')
      break
    case 'status-inquiry':
      if (restricts) out.push('no-status-questions')
      break
    case 'information-sharing':
      if (restricts) out.push('no-data-sharing')
      break
    case 'courthouse-arrest':
      if (restricts) out.push('no-courthouse-arrests')
      break
    case 'preemption':
      if (p.effect === 'prohibit') out.push('ban-local-limits')
      break
    default:
      break
  }
  if (p.penalties.length > 0 && (j.level === 'state' || j.level === 'district')) out.push('penalties-on-officials')
  return out
}

/** True when the string names a clause kind. */
export function isClauseKind(s: string): s is ClauseKind {
  return (CLAUSE_KINDS as readonly string[]).includes(s)
}
