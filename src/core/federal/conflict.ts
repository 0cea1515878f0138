/**
 * Whom a ruling binds, and whether a grant condition conflicts with a jurisdiction's law and can
 * be enforced against it on a date.
 *
 * - An **injunction** protects those in its scope for each of its periods: the parties, every
 *   grantee (nationwide), or a state and its political subdivisions; a stayed period protects no one.
 * - A court of appeals' **holding** binds every court in its circuit from the day it is decided
 *   until it is reversed or vacated; a Supreme Court holding binds all. Where circuits disagree on
 *   the same condition on the same day, the split is reported.
 * - A partial or unknown date that matters leaves the answer undetermined, naming the date.
 */
import { formatDay, parseDay, type Day, type SourceDate } from '../dates/index.ts'
import type { Citation, Value } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'
import { parseOcdId } from '../ocd/index.ts'
import type { Source } from '../registry/index.ts'
import type { Circuit, FederalData, GrantCondition, Holding, InjunctionScope, Ruling } from './model.ts'

type Tri = 'yes' | 'no' | 'unknown'

/** Does `day` fall in `[from, to)`? Unknown inside a partial date's window or for an unknown date. */
function within(day: Day, from: SourceDate, to: SourceDate | undefined): Tri {
  const start: Tri = from.kind === 'exact' ? (day >= from.day ? 'yes' : 'no') : from.kind === 'partial' ? (day >= from.latest ? 'yes' : day < from.earliest ? 'no' : 'unknown') : 'unknown'
  if (start === 'no') return 'no'
  let end: Tri = 'yes'
  if (to) end = to.kind === 'exact' ? (day < to.day ? 'yes' : 'no') : to.kind === 'partial' ? (day < to.earliest ? 'yes' : day >= to.latest ? 'no' : 'unknown') : 'unknown'
  if (end === 'no') return 'no'
  return start === 'yes' && end === 'yes' ? 'yes' : 'unknown'
}

function dateText(d: SourceDate | undefined): string {
  return !d ? 'open' : d.kind === 'unknown' ? 'an unknown date' : d.text
}

/**
 * The circuit a division lies in, from its state (28 U.S.C. § 41), or undefined.
 *
 * @example
 * ```ts
 * circuitOf(federal, 'ocd-division/country:us/state:il/place:chicago') // '7'
 * ```
 */
export function circuitOf(federal: FederalData, jurisdictionId: string): Circuit | undefined {
  const ocd = parseOcdId(jurisdictionId)
  return ocd?.state ? federal.circuits.byState.get(ocd.state) : undefined
}

/** A circuit's name as courts write it. */
export function circuitName(c: Circuit): string {
  const names: Record<Circuit, string> = {
    '1': 'First',
    '2': 'Second',
    '3': 'Third',
    '4': 'Fourth',
    '5': 'Fifth',
    '6': 'Sixth',
    '7': 'Seventh',
    '8': 'Eighth',
    '9': 'Ninth',
    '10': 'Tenth',
    '11': 'Eleventh',
    dc: 'D.C.',
  }
  return `${names[c]} Circuit`
}

/** Does an injunction scope protect this division? */
export function scopeCovers(scope: InjunctionScope, jurisdictionId: string): boolean {
  switch (scope.kind) {
    case 'nationwide':
      return true
    case 'stayed':
      return false
    case 'parties':
      return scope.jurisdictions.includes(jurisdictionId)
    case 'state-and-subdivisions': {
      const state = parseOcdId(scope.state)?.state
      return state !== undefined && parseOcdId(jurisdictionId)?.state === state
    }
  }
}

/** A ruling as cited in an answer. */
export interface RulingCitation {
  readonly ruling: string
  readonly case: string
  readonly court: string
  readonly circuit: Circuit
  readonly decided: string
  readonly citation: string | null
  readonly holding: Holding | null
  readonly summary: string
  readonly url: string
  readonly quote: string
}

export function cite(r: Ruling, conditionId?: string): RulingCitation {
  const h = conditionId ? r.holdings.find((x) => x.conditions.includes(conditionId)) : undefined
  const source: Source = h?.sources[0] ?? r.sources[0]!
  return {
    ruling: r.id,
    case: r.caseTitle,
    court: r.court,
    circuit: r.circuit,
    decided: dateText(r.decided),
    citation: r.citation.kind === 'known' ? r.citation.value : null,
    holding: h?.holding ?? null,
    summary: h?.summary ?? r.summary,
    url: source.url,
    quote: source.quote,
  }
}

type HoldingClass = 'unlawful' | 'lawful'
const classOf = (h: Holding): HoldingClass | undefined => (h === 'lawful' ? 'lawful' : h === 'unlawful' || h === 'likely-unlawful' ? 'unlawful' : undefined)

/** Is the ruling binding precedent on `day`: decided, and not yet reversed or vacated? */
function precedentInForce(r: Ruling, day: Day): Tri {
  return within(day, r.decided, r.precedentEnds?.date)
}

interface PrecedentResult {
  readonly status: HoldingClass | 'none' | 'unknown'
  readonly ruling?: Ruling
  readonly missing: readonly string[]
}

/**
 * The appellate holding on a condition that binds a circuit on a day: the latest one in force
 * (a Supreme Court holding binds every circuit). Unknown when a ruling whose dates are partial
 * could change it.
 */
export function precedentFor(federal: FederalData, circuit: Circuit, conditionId: string, day: Day): PrecedentResult {
  const candidates = [...federal.rulings.values()]
    .filter((r) => (r.courtLevel === 'supreme' || (r.courtLevel === 'appeals' && r.circuit === circuit)) && r.holdings.some((h) => h.conditions.includes(conditionId) && classOf(h.holding)))
    .sort((a, b) => (earliest(a.decided) ?? 0) - (earliest(b.decided) ?? 0))
  let chosen: { ruling: Ruling; cls: HoldingClass } | undefined
  const unsure: { ruling: Ruling; cls: HoldingClass }[] = []
  for (const r of candidates) {
    const cls = classOf(r.holdings.find((h) => h.conditions.includes(conditionId))!.holding)!
    const t = precedentInForce(r, day)
    if (t === 'yes') chosen = { ruling: r, cls }
    else if (t === 'unknown') unsure.push({ ruling: r, cls })
  }
  const conflicting = unsure.filter((u) => !chosen || u.cls !== chosen.cls)
  if (conflicting.length) return { status: 'unknown', missing: conflicting.map((u) => `dates of ${u.ruling.id} (decided ${dateText(u.ruling.decided)})`) }
  return chosen ? { status: chosen.cls, ruling: chosen.ruling, missing: [] } : { status: 'none', missing: [] }
}

function earliest(d: SourceDate): Day | undefined {
  return d.kind === 'exact' ? d.day : d.kind === 'partial' ? d.earliest : undefined
}

/** Injunctions on a condition that protect a division on a day, and those that might. */
export function injunctionsFor(federal: FederalData, jurisdictionId: string, conditionId: string, day: Day): { readonly yes: readonly Ruling[]; readonly unknown: readonly { ruling: Ruling; missing: string }[] } {
  const yes: Ruling[] = []
  const unknown: { ruling: Ruling; missing: string }[] = []
  for (const r of federal.rulings.values()) {
    const inj = r.injunction
    if (!inj || !inj.conditions.includes(conditionId)) continue
    let protectedOn: Tri = 'no'
    let missing = ''
    for (const p of inj.periods) {
      const t = within(day, p.from, p.to)
      if (t === 'no' || !scopeCovers(p.scope, jurisdictionId)) continue
      if (t === 'yes') protectedOn = 'yes'
      else if (protectedOn !== 'yes') {
        protectedOn = 'unknown'
        missing = `period of the injunction in ${r.id} from ${dateText(p.from)} to ${dateText(p.to)}`
      }
    }
    if (protectedOn === 'yes') yes.push(r)
    else if (protectedOn === 'unknown') unknown.push({ ruling: r, missing })
  }
  return { yes, unknown }
}

export type EnforceabilityBasis = 'not-yet-announced' | 'enjoined' | 'held-unlawful-in-circuit' | 'upheld-in-circuit' | 'no-binding-ruling' | 'undetermined'

export interface CircuitHolding {
  readonly circuit: Circuit
  readonly holding: HoldingClass
  readonly ruling: RulingCitation
}

export interface Enforceability {
  readonly value: 'yes' | 'no' | 'undetermined'
  readonly basis: EnforceabilityBasis
  readonly circuit: Circuit | null
  readonly reasons: readonly string[]
  readonly missing: readonly string[]
  readonly citations: readonly RulingCitation[]
  /** Each circuit's binding holding on the condition that day; `exists` when they disagree. */
  readonly split: { readonly exists: boolean; readonly circuits: readonly CircuitHolding[] }
}

/**
 * The circuits' binding holdings on a condition on a day, and whether they disagree.
 *
 * @example
 * ```ts
 * circuitSplit(federal, 'fy2017-jag-notice', parseDay('2020-06-01')!).exists // true
 * ```
 */
export function circuitSplit(federal: FederalData, conditionId: string, day: Day): Enforceability['split'] {
  const circuits: CircuitHolding[] = []
  const all = new Set<Circuit>([...federal.rulings.values()].filter((r) => r.courtLevel === 'appeals').map((r) => r.circuit))
  for (const c of [...all].sort((a, b) => (a === 'dc' ? 99 : Number(a)) - (b === 'dc' ? 99 : Number(b)))) {
    const p = precedentFor(federal, c, conditionId, day)
    if ((p.status === 'lawful' || p.status === 'unlawful') && p.ruling) circuits.push({ circuit: c, holding: p.status, ruling: cite(p.ruling, conditionId) })
  }
  return { exists: new Set(circuits.map((c) => c.holding)).size > 1, circuits }
}

/**
 * Whether a grant condition can be enforced against a division on a day, given the injunctions
 * that protect it and the precedent of its circuit.
 *
 * @example
 * ```ts
 * enforceability(federal, 'ocd-division/country:us/state:il/county:cook', 'fy2017-jag-notice', parseDay('2020-06-01')!).value // 'no'
 * ```
 */
export function enforceability(federal: FederalData, jurisdictionId: string, conditionId: string, day: Day): Enforceability {
  const condition = federal.conditions.get(conditionId)
  if (!condition) throw new AppError('not-found', `no grant condition "${conditionId}"`, { field: 'condition' })
  const circuit = circuitOf(federal, jurisdictionId) ?? null
  const split = circuitSplit(federal, conditionId, day)
  const announced = within(day, condition.announced, undefined)
  if (announced === 'no')
    return { value: 'no', basis: 'not-yet-announced', circuit, reasons: [`${condition.title} was announced on ${dateText(condition.announced)}; it did not exist on ${formatDay(day)}.`], missing: [], citations: [], split }
  const inj = injunctionsFor(federal, jurisdictionId, conditionId, day)
  if (inj.yes.length) {
    const reasons = inj.yes.map((r) => `${r.court} enjoined the condition in ${r.caseTitle} (${dateText(r.decided)}); on ${formatDay(day)} the injunction's scope covers this jurisdiction.`)
    return { value: 'no', basis: 'enjoined', circuit, reasons, missing: [], citations: inj.yes.map((r) => cite(r, conditionId)), split }
  }
  if (!circuit) return { value: 'undetermined', basis: 'undetermined', circuit, reasons: ['The circuit of this jurisdiction is not known.'], missing: ['circuit'], citations: [], split }
  const p = precedentFor(federal, circuit, conditionId, day)
  if (p.status === 'unlawful' && p.ruling) {
    const h = p.ruling.holdings.find((x) => x.conditions.includes(conditionId))!
    const what = h.holding === 'likely-unlawful' ? 'held the condition likely unlawful' : 'held the condition unlawful'
    return {
      value: 'no',
      basis: 'held-unlawful-in-circuit',
      circuit,
      reasons: [
        `The ${circuitName(circuit)} ${what} in ${p.ruling.caseTitle} (${dateText(p.ruling.decided)}); that holding binds the courts of the circuit, though no injunction known to the registry protects this jurisdiction itself.`,
        ...inj.unknown.map((u) => `Whether an injunction covered it that day is not known: ${u.missing}.`),
      ],
      missing: inj.unknown.map((u) => u.missing),
      citations: [cite(p.ruling, conditionId)],
      split,
    }
  }
  if (inj.unknown.length || p.status === 'unknown') {
    return {
      value: 'undetermined',
      basis: 'undetermined',
      circuit,
      reasons: [...inj.unknown.map((u) => `Whether an injunction covered this jurisdiction on ${formatDay(day)} depends on a date the sources do not give: ${u.missing}.`), ...p.missing.map((m) => `The circuit's precedent depends on ${m}.`)],
      missing: [...inj.unknown.map((u) => u.missing), ...p.missing],
      citations: inj.unknown.map((u) => cite(u.ruling, conditionId)),
      split,
    }
  }
  if (p.status === 'lawful' && p.ruling)
    return {
      value: 'yes',
      basis: 'upheld-in-circuit',
      circuit,
      reasons: [`The ${circuitName(circuit)} upheld the condition in ${p.ruling.caseTitle} (${dateText(p.ruling.decided)}), and no injunction known to the registry protects this jurisdiction on ${formatDay(day)}.`],
      missing: [],
      citations: [cite(p.ruling, conditionId)],
      split,
    }
  return {
    value: 'yes',
    basis: 'no-binding-ruling',
    circuit,
    reasons: [`No injunction and no holding of the ${circuitName(circuit)} known to the registry bore on this condition on ${formatDay(day)}.`],
    missing: [],
    citations: [],
    split,
  }
}

// ---------------------------------------------------------------------------------------------
// Conflict between a jurisdiction's law and a condition

/** One engine answer, as `conditionConflict` reads it. */
export interface LawAnswer {
  readonly value: Value
  readonly missing: readonly string[]
  readonly citations: readonly Citation[]
}

/** A provision in force that restricts sharing information, for the § 1373 question. */
export interface SharingProvision {
  readonly provision: string
  readonly enactment: string
  readonly jurisdiction: string
  readonly effect: string
  readonly summary: string
  readonly inForce: 'yes' | 'unknown'
  readonly url: string
  readonly quote: string
}

/** What the law says there that day: the engine's notify and interview answers, and the sharing rules in force. */
export interface LawAnswers {
  /** The facts the engine was asked about (a case template's label). */
  readonly facts: string
  readonly notify: LawAnswer
  readonly interview: LawAnswer
  readonly informationSharing: readonly SharingProvision[]
}

export interface ConditionConflict {
  readonly kind: 'condition-conflict'
  readonly jurisdiction: string
  readonly jurisdictionName: string
  readonly date: string
  readonly condition: { readonly id: string; readonly title: string; readonly conditionKind: string; readonly fiscalYear: number; readonly program: string; readonly url: string; readonly quote: string }
  readonly conflict: 'yes' | 'no' | 'undetermined'
  readonly conflictReasons: readonly string[]
  readonly missing: readonly string[]
  readonly lawCitations: readonly Citation[]
  readonly sharingProvisions: readonly SharingProvision[]
  readonly facts: string
  readonly enforceable: Enforceability
  readonly explanation: string
}

/**
 * Does the jurisdiction's law on `date` conflict with the condition, and is the condition
 * enforceable against it that day? The law comes from the engine's answers (`answers`); the
 * rulings from `federal`.
 *
 * - notice condition: conflicts when the engine answers *prohibited* for release notification;
 * - access condition: conflicts when it answers *prohibited* for interviews;
 * - § 1373 certification: the registry does not decide whether a restriction on sharing
 *   information is within 8 U.S.C. § 1373, so it is *undetermined* when such a restriction is in
 *   force (each listed), and *no* when none is.
 *
 * @example
 * ```ts
 * conditionConflict({ id: cook, name: 'Cook County' }, federal.conditions.get('fy2017-jag-notice')!, '2019-06-01', answers, federal).conflict // 'yes'
 * ```
 */
export function conditionConflict(jurisdiction: { readonly id: string; readonly name: string }, condition: GrantCondition, date: string, answers: LawAnswers, federal: FederalData): ConditionConflict {
  const day = parseDay(date)
  if (day === undefined) throw new AppError('invalid-input', `"${date}" is not a real calendar date`, { field: 'date' })
  let conflict: ConditionConflict['conflict']
  const reasons: string[] = []
  let missing: readonly string[] = []
  let lawCitations: readonly Citation[] = []
  let sharing: readonly SharingProvision[] = []
  if (condition.test === 'information-sharing') {
    sharing = answers.informationSharing.filter((p) => p.effect === 'prohibit' || p.effect === 'limit')
    if (sharing.length === 0) {
      conflict = 'no'
      reasons.push(`No provision in the registry restricting information sharing is in force there on ${date}.`)
    } else {
      conflict = 'undetermined'
      reasons.push(
        `${sharing.length} provision(s) restricting information sharing are in force there on ${date}. Whether they restrict sharing "information regarding the citizenship or immigration status" within 8 U.S.C. § 1373 is a question of law the registry does not decide; courts have read § 1373 narrowly and broadly.`,
      )
      missing = ['whether the restrictions fall within 8 U.S.C. § 1373']
    }
  } else {
    const q = condition.test === 'notify' ? 'notify' : 'interview'
    const a = answers[q]
    const act = q === 'notify' ? 'release notification to ICE' : 'ICE interviews in the jail'
    lawCitations = a.citations
    if (a.value === 'prohibited') {
      conflict = 'yes'
      reasons.push(`On ${date} the law there prohibits ${act} (${answers.facts}); the condition requires it on request.`)
    } else if (a.value === 'undetermined') {
      conflict = 'undetermined'
      missing = a.missing
      reasons.push(`The engine cannot say whether the law there allows ${act} on ${date}${a.missing.length ? `: missing ${a.missing.join(', ')}` : ''}.`)
    } else {
      conflict = 'no'
      reasons.push(`On ${date} the law there ${a.value === 'required' ? 'requires' : 'permits'} ${act} (${answers.facts}), so it does not conflict with the condition.`)
    }
  }
  const enforceable = enforceability(federal, jurisdiction.id, condition.id, day)
  const program = federal.programs.get(condition.programId)
  const result: Omit<ConditionConflict, 'explanation'> = {
    kind: 'condition-conflict',
    jurisdiction: jurisdiction.id,
    jurisdictionName: jurisdiction.name,
    date,
    condition: {
      id: condition.id,
      title: condition.title,
      conditionKind: condition.conditionKind,
      fiscalYear: condition.fiscalYear,
      program: program?.name ?? condition.programId,
      url: condition.sources[0]!.url,
      quote: condition.sources[0]!.quote,
    },
    conflict,
    conflictReasons: reasons,
    missing,
    lawCitations,
    sharingProvisions: sharing,
    facts: answers.facts,
    enforceable,
  }
  return Object.freeze({ ...result, explanation: explainConflict(result) })
}

function explainConflict(c: Omit<ConditionConflict, 'explanation'>): string {
  const lines = [`${c.condition.title} — ${c.jurisdictionName}, ${c.date}.`]
  const verdict = c.conflict === 'yes' ? 'conflicts with the condition' : c.conflict === 'no' ? 'does not conflict with the condition' : 'may or may not conflict with the condition (undetermined)'
  lines.push(`Law: the law in force ${verdict}. ${c.conflictReasons.join(' ')}`)
  for (const cite of c.lawCitations) lines.push(`  - ${cite.title}${cite.citation ? ` (${cite.citation})` : ''} [${cite.provision}]: "${cite.quote}" ${cite.url}`)
  for (const p of c.sharingProvisions) lines.push(`  - [${p.provision}] ${p.summary} "${p.quote}" ${p.url}`)
  const e = c.enforceable
  const ev = e.value === 'yes' ? 'enforceable' : e.value === 'no' ? 'not enforceable' : 'of undetermined enforceability'
  lines.push(`Enforceability: the condition is ${ev} against it on that date. ${e.reasons.join(' ')}`)
  for (const r of e.citations) lines.push(`  - ${r.case}, ${r.court}, ${r.decided}${r.citation ? `, ${r.citation}` : ''}: "${r.quote}" ${r.url}`)
  if (e.split.exists)
    lines.push(`Circuit split on that date: ${e.split.circuits.map((s) => `${circuitName(s.circuit)} ${s.holding === 'lawful' ? 'upheld' : 'held unlawful'} (${s.ruling.case}, ${s.ruling.decided})`).join('; ')}.`)
  return lines.join('\n')
}
