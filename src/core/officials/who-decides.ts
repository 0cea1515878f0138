/**
 * Who decides in a jurisdiction: for each question the engine answers (hold, notify, interview)
 * and for 287(g) agreements, the office that applies the rule and the bodies that can change it,
 * layer by layer, each with the seats and holders the directory knows and the law in force at that
 * layer. Pure: the caller hands in the seats read from the directory and the provisions in force.
 *
 * The voice is descriptive: it says who holds which power under which provision, never what they
 * should do with it. Districts are never guessed: a county can span several congressional and
 * legislative districts, so those seats are listed for the state, not picked for the county.
 */
import type { ComparedProvision } from '../answers/index.ts'
import type { Membership, Organization, Person, Post, PostRole } from './model.ts'

/** A seat with its body and the people holding it on the day asked. */
export interface Seat {
  readonly kind: 'seat'
  readonly post: Post
  readonly organization?: Organization
  readonly holders: readonly { readonly person: Person; readonly membership: Membership }[]
}

/** The questions a resident asks; `agreement-287g` is the registry action for 287(g) agreements. */
export const DECISION_QUESTIONS = ['hold', 'notify', 'interview', 'agreement-287g'] as const
export type DecisionQuestion = (typeof DECISION_QUESTIONS)[number]

/** The registry action each question is governed by. */
export const QUESTION_ACTIONS: Readonly<Record<DecisionQuestion, string>> = Object.freeze({
  hold: 'detainer-hold',
  notify: 'release-notification',
  interview: 'interview-access',
  'agreement-287g': 'agreement-287g',
})

export const QUESTION_LABELS: Readonly<Record<DecisionQuestion, string>> = Object.freeze({
  hold: 'Holding a person on an ICE detainer',
  notify: 'Telling ICE when a person will be released',
  interview: 'Letting ICE interview people in the jail',
  'agreement-287g': 'A 287(g) agreement with ICE',
})

export type GovernmentLevel = 'local' | 'state' | 'federal'

/** The bodies the directory names; `key` is stable for links and tests. */
export type BodyKey = 'sheriff' | 'county-government' | 'city-government' | 'state-legislature' | 'state-executive' | 'congress'

/** One office or body, with the seats the directory knows (possibly none) and why some are missing. */
export interface DecidingBody {
  readonly kind: 'deciding-body'
  readonly key: BodyKey
  readonly level: GovernmentLevel
  readonly name: string
  /** What the body does in this question, in plain words. */
  readonly power: string
  readonly seats: readonly Seat[]
  /** Offices of the body with contacts (the sheriff's office, a legislative chamber). */
  readonly offices: readonly Organization[]
  /** Present when the directory cannot list the holders: why. */
  readonly unknown?: string
}

/** A provision in force at one level, the law under which that level's bodies act. */
export interface LawAtLevel {
  readonly level: GovernmentLevel
  readonly provisions: readonly ComparedProvision[]
}

export interface QuestionDeciders {
  readonly kind: 'question-deciders'
  readonly question: DecisionQuestion
  readonly label: string
  /** Keys of the bodies that apply the rule day to day. */
  readonly appliedBy: readonly BodyKey[]
  /** By level, nearest first: the bodies that can change the rule and the law in force there. */
  readonly changedBy: readonly { readonly level: GovernmentLevel; readonly bodies: readonly BodyKey[]; readonly law: readonly ComparedProvision[] }[]
}

export interface WhoDecides {
  readonly kind: 'who-decides'
  readonly jurisdiction: string
  readonly name: string
  readonly asOf: string
  readonly bodies: readonly DecidingBody[]
  readonly questions: readonly QuestionDeciders[]
  /** Facts about the scope of the answer, e.g. the county whose jail serves a city being unknown. */
  readonly notes: readonly string[]
}

/** What the caller reads before asking: the place, its jail county, the seats and the law. */
export interface WhoDecidesInput {
  readonly jurisdiction: { readonly id: string; readonly name: string; readonly level: 'country' | 'state' | 'district' | 'county' | 'place'; readonly stateName: string | null }
  /** The county whose jail serves the place (the place's own county layer), or why it is unknown. */
  readonly jailCounty: { readonly kind: 'known'; readonly id: string; readonly name: string } | { readonly kind: 'unknown'; readonly reason: string } | { readonly kind: 'not-applicable' }
  readonly asOf: string
  /** Seats of the state, the jail county and the place (any order; the roles sort them). */
  readonly seats: readonly Seat[]
  /** Legislative chambers and other bodies without a listed seat for this place. */
  readonly organizations: readonly Organization[]
  /** The provisions in force on `asOf`, by registry action (as `inForceProvisions` gives them). */
  readonly law: ReadonlyMap<string, readonly ComparedProvision[]>
}

const LEVEL_OF_LAYER: Readonly<Record<string, GovernmentLevel>> = { federal: 'federal', state: 'state', county: 'local', place: 'local' }

const COUNTY_ROLES: readonly PostRole[] = ['county-executive', 'county-board-member']
const CITY_ROLES: readonly PostRole[] = ['mayor', 'council-member', 'police-chief']
const STATE_EXECUTIVE_ROLES: readonly PostRole[] = ['governor', 'lieutenant-governor']

function seatsWith(seats: readonly Seat[], division: string | undefined, roles: readonly PostRole[]): Seat[] {
  if (division === undefined) return []
  return seats.filter((s) => s.post.division === division && roles.includes(s.post.role)).sort((a, b) => roles.indexOf(a.post.role) - roles.indexOf(b.post.role) || a.post.id.localeCompare(b.post.id))
}

function body(key: BodyKey, level: GovernmentLevel, name: string, power: string, seats: readonly Seat[], offices: readonly Organization[], unknown?: string): DecidingBody {
  return Object.freeze({ kind: 'deciding-body', key, level, name, power, seats: Object.freeze([...seats]), offices: Object.freeze([...offices]), ...(unknown ? { unknown } : {}) })
}

function stateDivisionOf(id: string): string | undefined {
  return /^ocd-division\/country:us\/(?:state|district):[a-z]{2}/.exec(id)?.[0]
}

function localBodies(input: WhoDecidesInput): DecidingBody[] {
  const { jurisdiction: j, jailCounty, seats } = input
  const bodies: DecidingBody[] = []
  if (jailCounty.kind === 'known') {
    const sheriffSeats = seatsWith(seats, jailCounty.id, ['sheriff'])
    const offices = sheriffSeats.flatMap((s) => (s.organization ? [s.organization] : []))
    const noOffice = offices.length === 0 ? `no sheriff's office for ${jailCounty.name} is in the directory` : undefined
    bodies.push(body('sheriff', 'local', `Sheriff of ${jailCounty.name}`, `Runs the ${jailCounty.name} jail and receives ICE's requests there.`, sheriffSeats, offices, noOffice))
    const county = seatsWith(seats, jailCounty.id, COUNTY_ROLES)
    bodies.push(body('county-government', 'local', `${jailCounty.name} government`, 'Adopts county ordinances and policies and funds the jail.', county, [], county.length ? undefined : `no member of the ${jailCounty.name} governing body is in the directory`))
  }
  if (j.level === 'place') {
    const city = seatsWith(seats, j.id, CITY_ROLES)
    bodies.push(body('city-government', 'local', `${j.name} government`, 'Adopts city ordinances and sets the city police department’s policies.', city, [], city.length ? undefined : `no official of ${j.name} is in the directory`))
  }
  return bodies
}

function stateBodies(input: WhoDecidesInput): DecidingBody[] {
  const state = stateDivisionOf(input.jurisdiction.id)
  const stateName = input.jurisdiction.stateName
  if (!state || !stateName) return []
  const chambers = input.organizations.filter((o) => o.division === state && (o.classification === 'state-upper' || o.classification === 'state-lower' || o.classification === 'state-legislature'))
  const executive = seatsWith(input.seats, state, STATE_EXECUTIVE_ROLES)
  return [
    body('state-legislature', 'state', `${stateName} Legislature`, 'Enacts state law, which binds counties and cities.', [], chambers, 'legislators are elected by district, and this directory does not determine a district from a county or city; one can span several'),
    body('state-executive', 'state', `Governor of ${stateName}`, 'Signs or vetoes state bills.', executive, [], executive.length ? undefined : `no governor of ${stateName} is in the directory`),
  ]
}

function federalBodies(input: WhoDecidesInput): DecidingBody[] {
  const state = stateDivisionOf(input.jurisdiction.id)
  // An at-large representative's seat is the whole state, so it is listed with the senators.
  const members = seatsWith(input.seats, state, ['us-senator', 'us-representative'])
  const atLarge = members.some((s) => s.post.role === 'us-representative')
  const districtsUnknown = state && !atLarge ? 'representatives are elected by district, which this directory does not determine from a county or city; one can span several' : undefined
  return [body('congress', 'federal', 'U.S. Congress', 'Enacts federal immigration law, including the detainer and 287(g) statutes.', members, [], districtsUnknown)]
}

function changedBy(bodies: readonly DecidingBody[], law: readonly ComparedProvision[]): QuestionDeciders['changedBy'] {
  const levels: GovernmentLevel[] = ['local', 'state', 'federal']
  return levels.flatMap((level) => {
    const keys = bodies.filter((b) => b.level === level).map((b) => b.key)
    if (keys.length === 0) return []
    const atLevel = law.filter((p) => LEVEL_OF_LAYER[p.layer] === level)
    return [{ level, bodies: Object.freeze(keys), law: Object.freeze(atLevel) }]
  })
}

/**
 * Who applies and who can change each rule in a jurisdiction, from the seats and the law given.
 *
 * @example
 * ```ts
 * const who = whoDecides({ jurisdiction: { id: harris, name: 'Harris County, TX', level: 'county', stateName: 'Texas' },
 *   jailCounty: { kind: 'known', id: harris, name: 'Harris County, TX' }, asOf: '2026-12-05', seats, organizations: [], law })
 * who.questions[0].appliedBy // ['sheriff']
 * ```
 */
export function whoDecides(input: WhoDecidesInput): WhoDecides {
  const bodies = [...localBodies(input), ...stateBodies(input), ...federalBodies(input)]
  const notes: string[] = []
  if (input.jailCounty.kind === 'unknown') notes.push(`The county whose jail serves ${input.jurisdiction.name} is not known here, so its sheriff and county government are not listed: ${input.jailCounty.reason}.`)
  if (input.jurisdiction.level === 'state' || input.jurisdiction.level === 'district') notes.push(`Each county's sheriff applies these rules in that county's jail; the page of a county lists its sheriff.`)
  const applying: BodyKey[] = bodies.some((b) => b.key === 'sheriff') ? ['sheriff'] : []
  const questions = DECISION_QUESTIONS.map((question) =>
    Object.freeze({
      kind: 'question-deciders' as const,
      question,
      label: QUESTION_LABELS[question],
      appliedBy: Object.freeze([...applying]),
      changedBy: changedBy(bodies, input.law.get(QUESTION_ACTIONS[question]) ?? []),
    }),
  )
  return Object.freeze({ kind: 'who-decides', jurisdiction: input.jurisdiction.id, name: input.jurisdiction.name, asOf: input.asOf, bodies: Object.freeze(bodies), questions: Object.freeze(questions), notes: Object.freeze(notes) })
}
