/**
 * Building a call script from who-decides (the directory's seats for the jurisdiction on the day)
 * and the engine (the law on the day, for each case template). Pure: the caller reads the
 * directory and passes the date in.
 */
import { CASE_TEMPLATES, inForceProvisions, templateAssumptions, templateCase } from '../answers/index.ts'
import { parseDay } from '../dates/index.ts'
import type { Citation, Engine } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'
import { QUESTION_ACTIONS, QUESTION_LABELS, type DecidingBody, type Seat, type WhoDecides } from '../officials/index.ts'
import { ASK_PLACEHOLDER, SCRIPT_QUESTIONS, type CallScript, type ContactPoint, type ScriptAnswer, type ScriptLaw, type ScriptOfficial, type ScriptQuestion, type ScriptTarget } from './model.ts'
import { postPowers, roleLayer } from './powers.ts'

/** What {@link buildScript} needs. `question` is checked here, so raw input is fine. */
export interface ScriptInput {
  readonly engine: Engine
  /** Who decides in the jurisdiction on `asOf`, as `whoDecides` gives it. */
  readonly who: WhoDecides
  readonly target: ScriptTarget
  readonly question: string
  /** YYYY-MM-DD: the day whose law and office holders the script states. */
  readonly asOf: string
}

const SENTENCES: Readonly<Record<ScriptQuestion, string>> = {
  hold: 'hold the person on the ICE detainer past their release time',
  notify: 'notify ICE of the release date or time',
  interview: 'let ICE interview the person in custody',
}

/**
 * The answer as one sentence.
 *
 * @example
 * ```ts
 * answerWords('hold', 'permitted', 48) // 'The jail may hold the person on the ICE detainer past their release time (at most 48 hours).'
 * ```
 */
export function answerWords(q: ScriptQuestion, value: ScriptAnswer['value'], maxHours: number | null): string {
  const what = SENTENCES[q]
  const hours = q === 'hold' && maxHours != null && (value === 'permitted' || value === 'required') ? ` (at most ${maxHours} hours)` : ''
  if (value === 'permitted') return `The jail may ${what}${hours}.`
  if (value === 'required') return `The jail must ${what}${hours}.`
  if (value === 'prohibited') return `The jail must not ${what}.`
  return `The registry cannot say whether the jail may ${what}.`
}

/** The question, checked: `invalid-input` naming `question` otherwise. */
export function scriptQuestion(text: string): ScriptQuestion {
  if ((SCRIPT_QUESTIONS as readonly string[]).includes(text)) return text as ScriptQuestion
  throw new AppError('invalid-input', `"${text}" is not a question (one of: ${SCRIPT_QUESTIONS.join(', ')})`, { field: 'question' })
}

const inOffice = (m: { readonly startDate?: string; readonly endDate?: string }, day: string) => (m.startDate === undefined || m.startDate <= day) && (m.endDate === undefined || m.endDate > day)

/**
 * The target of a request that names an official (a person id) or a post (a seat id), not both:
 * `invalid-input` naming `official` otherwise.
 *
 * @example
 * ```ts
 * scriptTarget({ post: 'post:sheriff/ocd-division/country:us/state:ca/county:fresno' }) // { kind: 'post', id: 'post:sheriff/…' }
 * ```
 */
export function scriptTarget(q: { readonly official?: string | undefined; readonly post?: string | undefined }): ScriptTarget {
  if (q.official !== undefined && q.post !== undefined) throw new AppError('invalid-input', 'give either official or post, not both', { field: 'official' })
  if (q.official !== undefined && q.official.trim()) return { kind: 'person', id: q.official.trim() }
  if (q.post !== undefined && q.post.trim()) return { kind: 'post', id: q.post.trim() }
  throw new AppError('invalid-input', 'give an official (a person id of the directory) or a post (a seat id)', { field: 'official' })
}

/** The seat the target names among the jurisdiction's deciders (holders in office on the day only), and its body. */
function findSeat(who: WhoDecides, target: ScriptTarget): { seat: Seat; body: DecidingBody } {
  for (const body of who.bodies)
    for (const listed of body.seats) {
      const seat = { ...listed, holders: listed.holders.filter((h) => inOffice(h.membership, who.asOf)) }
      if (target.kind === 'post' ? seat.post.id === target.id : seat.holders.some((h) => h.person.id === target.id)) return { seat, body }
    }
  const field = target.kind === 'post' ? 'post' : 'official'
  const seats = who.bodies.flatMap((b) => b.seats.map((s) => s.post.label))
  const listed = seats.length ? ` The seats listed there: ${seats.slice(0, 8).join('; ')}${seats.length > 8 ? `; and ${seats.length - 8} more` : ''}.` : ' The directory lists no seat there.'
  throw new AppError('not-found', `${target.kind === 'post' ? 'no post' : 'no official'} "${target.id}" decides in ${who.name} on ${who.asOf} in the directory.${listed}`, { field })
}

function officialOf(seat: Seat, body: DecidingBody): ScriptOfficial {
  const contacts: ContactPoint[] = []
  for (const h of seat.holders) for (const c of h.person.contacts) contacts.push({ kind: 'contact-point', contact: c, of: h.person.name, source: h.person.source })
  const offices = seat.organization ? [seat.organization, ...body.offices.filter((o) => o.id !== seat.organization!.id)] : body.offices
  for (const o of offices) for (const c of o.contacts) contacts.push({ kind: 'contact-point', contact: c, of: o.name, source: o.source })
  return Object.freeze({
    kind: 'script-official',
    postId: seat.post.id,
    role: seat.post.role,
    office: seat.post.label,
    body: body.name,
    power: body.power,
    holders: seat.holders.map((h) => ({ personId: h.person.id, name: h.person.name, source: h.person.source })),
    ...(seat.holders.length === 0 ? { holderUnknown: seat.post.holderUnknownReason ?? 'the directory lists no holder of this post on this day' } : {}),
    contacts: Object.freeze(contacts),
  })
}

/** Where the official's law is read: a sheriff's jail county (the post's division); otherwise the place asked about. */
function lawJurisdiction(seat: Seat, who: WhoDecides): string {
  return roleLayer(seat.post.role) === 'county' && seat.post.division.includes('/county:') ? seat.post.division : who.jurisdiction
}

function lawOf(engine: Engine, jurisdiction: string, q: ScriptQuestion, asOf: string): ScriptLaw {
  const citations = new Map<string, Citation>()
  let name = jurisdiction
  let custody = 'county-jail'
  const answers = CASE_TEMPLATES.map((t): ScriptAnswer => {
    const c = templateCase({ template: t.id, jurisdiction, date: asOf })
    const ev = engine.evaluate(c)
    name = ev.jurisdictionName
    custody = c.custody ?? custody
    const a = ev.answers[q]
    for (const cite of a.citations) if (!citations.has(cite.provision)) citations.set(cite.provision, cite)
    const maxHours = a.maxHours ?? null
    return {
      template: { id: t.id, label: t.label },
      assumes: templateAssumptions(t.id).map((x) => x.words).join('; '),
      value: a.value,
      maxHours,
      sentence: answerWords(q, a.value, maxHours),
      conditional: a.conditional?.text ?? null,
      citedBy: a.citations.map((x) => x.provision),
    }
  })
  return Object.freeze({ kind: 'script-law', jurisdiction, name, custody, answers: Object.freeze(answers), citations: Object.freeze([...citations.values()]) })
}

function scriptLines(official: ScriptOfficial, law: ScriptLaw, label: string, asOf: string): string[] {
  const to = official.holders.length ? `${official.holders.map((h) => h.name).join(' and ')}, ${official.office}` : `the office of the ${official.office}`
  const lines = [
    `Hello. I am calling for ${to}, about ${label.charAt(0).toLowerCase()}${label.slice(1)} in ${law.name}.`,
    'My name is [your name], and I live in [your city or ZIP code].',
    `As I understand the law in force on ${asOf}:`,
  ]
  for (const a of law.answers) {
    const by = a.citedBy.map((id) => law.citations.find((c) => c.provision === id)).filter((c): c is Citation => c !== undefined)
    lines.push(`- ${a.template.label}: ${a.sentence}${a.conditional ? ` ${a.conditional}.` : ''}${by.length ? ` (${by.map((c) => c.title).join('; ')})` : ' (no provision in the registry addresses it)'}`)
  }
  lines.push(ASK_PLACEHOLDER, 'Thank you for your time.')
  return lines
}

/**
 * A call script for the official (a person or a post in the directory) in a jurisdiction, on a
 * question, as of a day. Throws `invalid-input` naming `question` or `date`, and `not-found`
 * naming `official` or `post` when the target holds no seat that decides there.
 *
 * @example
 * ```ts
 * const script = buildScript({ engine, who, target: { kind: 'post', id: 'post:sheriff/ocd-division/country:us/state:ca/county:fresno' }, question: 'hold', asOf: '2026-12-07' })
 * script.lines.includes('[your request]') // true
 * ```
 */
export function buildScript(input: ScriptInput): CallScript {
  const q = scriptQuestion(input.question)
  const day = parseDay(input.asOf)
  if (!day) throw new AppError('invalid-input', `"${input.asOf}" is not a real calendar date (YYYY-MM-DD)`, { field: 'date' })
  const { seat, body } = findSeat(input.who, input.target)
  const official = officialOf(seat, body)
  const where = lawJurisdiction(seat, input.who)
  const law = lawOf(input.engine, where, q, input.asOf)
  const registry = input.engine.registry
  const inForce = inForceProvisions(registry, where, day)
  const label = QUESTION_LABELS[q]
  const powers = postPowers({ role: seat.post.role, question: label, law: inForce.get(QUESTION_ACTIONS[q]) ?? [], preemption: inForce.get('preemption') ?? [], registry, asOf: input.asOf })
  return Object.freeze({
    kind: 'call-script',
    jurisdiction: { id: input.who.jurisdiction, name: input.who.name },
    question: { id: q, label },
    asOf: input.asOf,
    official,
    law,
    powers: Object.freeze(powers),
    ask: ASK_PLACEHOLDER,
    lines: Object.freeze(scriptLines(official, law, label, input.asOf)),
    receipt: { engineVersion: input.engine.version, registryVersion: registry.version, asOf: input.asOf },
  })
}
