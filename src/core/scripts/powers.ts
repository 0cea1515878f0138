/**
 * What an official's post can and cannot change on one question, derived from the post's role and
 * the layers of law in force — the engine's own rule of layering (combine.ts): a lower layer may
 * narrow a higher layer's permission, but cannot lift its prohibition or requirement; a state ban
 * on local limits (action `preemption`, effect prohibit) bars a local rule that limits cooperation.
 * Where the registry records nothing the statement says so instead of guessing.
 */
import type { ComparedProvision } from '../answers/index.ts'
import type { PostRole } from '../officials/index.ts'
import type { EnactmentKind, Registry } from '../registry/index.ts'
import type { PowerBasis, PowerStatement } from './model.ts'

type Layer = 'federal' | 'state' | 'county' | 'place'
const RANK: Readonly<Record<Layer, number>> = { federal: 0, state: 1, county: 2, place: 3 }

/** How a role acts: the layer its rules belong to, the kinds of enactment it adopts, and whether it acts alone. */
interface RoleProfile {
  readonly layer: Layer
  readonly instruments: readonly EnactmentKind[]
  /** What the post does, in words, or null when the registry's roles do not say. */
  readonly acts: string | null
  /** The body it acts within when it does not act alone (a board, a council, a legislature). */
  readonly within?: string
}

const PROFILES: Readonly<Record<PostRole, RoleProfile>> = {
  sheriff: { layer: 'county', instruments: ['jail-policy'], acts: 'A sheriff sets the jail’s policies, including how the jail answers ICE’s requests, within the limits of state and federal law.' },
  'county-board-member': { layer: 'county', instruments: ['ordinance', 'resolution'], acts: 'The county’s governing body adopts county ordinances and resolutions within the limits of state and federal law.', within: 'the county’s governing body' },
  'county-executive': { layer: 'county', instruments: ['executive-order'], acts: 'A county executive issues executive orders for county departments within the limits of county, state and federal law.' },
  mayor: { layer: 'place', instruments: ['executive-order'], acts: 'A mayor issues executive orders for city departments within the limits of city, state and federal law.' },
  'council-member': { layer: 'place', instruments: ['ordinance', 'resolution'], acts: 'The city council adopts city ordinances and resolutions within the limits of state and federal law.', within: 'the city council' },
  'police-chief': { layer: 'place', instruments: [], acts: null },
  governor: { layer: 'state', instruments: ['executive-order'], acts: 'A governor signs or vetoes state bills and issues executive orders within the limits of state and federal law.' },
  'lieutenant-governor': { layer: 'state', instruments: [], acts: null },
  'state-senator': { layer: 'state', instruments: ['statute'], acts: 'The legislature enacts state statutes, which bind counties and cities, within the limits of federal law.', within: 'the state legislature' },
  'state-representative': { layer: 'state', instruments: ['statute'], acts: 'The legislature enacts state statutes, which bind counties and cities, within the limits of federal law.', within: 'the state legislature' },
  'state-legislator': { layer: 'state', instruments: ['statute'], acts: 'The legislature enacts state statutes, which bind counties and cities, within the limits of federal law.', within: 'the state legislature' },
  'us-senator': { layer: 'federal', instruments: ['statute'], acts: 'Congress enacts federal statutes, which bind the states and local governments.', within: 'Congress' },
  'us-representative': { layer: 'federal', instruments: ['statute'], acts: 'Congress enacts federal statutes, which bind the states and local governments.', within: 'Congress' },
}

const KIND_WORDS: Readonly<Record<EnactmentKind, string>> = {
  statute: 'a statute',
  regulation: 'a regulation',
  ordinance: 'an ordinance',
  resolution: 'a resolution',
  'executive-order': 'an executive order',
  'jail-policy': 'a jail policy',
  'attorney-general-directive': 'an attorney general’s directive',
  'court-decision': 'a court decision',
  'consent-decree': 'a consent decree',
  'ballot-measure': 'a ballot measure',
  agreement: 'an agreement',
  'federal-program': 'a federal program',
}

const LAYER_WORDS: Readonly<Record<Layer, string>> = { federal: 'federal', state: 'state', county: 'county', place: 'city' }

/** What the powers are derived from. */
export interface PowersInput {
  readonly role: PostRole
  /** The question's label in words, e.g. "Holding a person on an ICE detainer". */
  readonly question: string
  /** The provisions on the question's action in force on the day (or of unknown force), every layer. */
  readonly law: readonly ComparedProvision[]
  /** The provisions on `preemption` in force on the day. */
  readonly preemption: readonly ComparedProvision[]
  readonly registry: Registry
  readonly asOf: string
}

const basisOf = (p: ComparedProvision): PowerBasis => ({ provision: p.provision, title: p.title, citation: p.citation, layer: p.layer, url: p.url, quote: p.quote })
// Titles only in the text; each statement's basis carries the citation, URL and quote.
const named = (p: ComparedProvision) => p.title
const statement = (kind: PowerStatement['kind'], text: string, basis: readonly ComparedProvision[] = []): PowerStatement => Object.freeze({ kind, text, basis: Object.freeze(basis.map(basisOf)) })

const conditional = (registry: Registry, p: ComparedProvision) => {
  const found = registry.provisions.get(p.provision)
  return found !== undefined && (found.when !== undefined || found.unless !== undefined)
}

/** Statements about the law of the layers above the post's own. */
function fromAbove(profile: RoleProfile, above: readonly ComparedProvision[], bans: readonly ComparedProvision[], q: string, registry: Registry): PowerStatement[] {
  const own = LAYER_WORDS[profile.layer]
  const out: PowerStatement[] = []
  for (const p of above) {
    const higher = LAYER_WORDS[p.layer as Layer] ?? p.layer
    if (p.effect === 'prohibit') out.push(statement('cannot', `Cannot permit what ${higher} law prohibits: ${named(p)} — ${p.summary} A ${own} rule cannot lift a ${higher} prohibition.`, [p]))
    else if (p.effect === 'require') out.push(statement('cannot', `Cannot decline what ${higher} law requires: ${named(p)} — ${p.summary} A ${own} rule cannot lift a ${higher} requirement.`, [p]))
    else if (p.effect === 'limit') {
      out.push(statement('cannot', `Cannot permit it outside the conditions of ${higher} law: ${named(p)} — ${p.summary}`, [p]))
      if (bans.length === 0) out.push(statement('can', `Can add limits of its own within ${named(p)}: a ${own} rule may narrow what ${higher} law permits.`, [p]))
    }
  }
  // A prohibition or requirement with conditions leaves the cases outside them to the layers below.
  const conditioned = above.filter((p) => (p.effect === 'prohibit' || p.effect === 'require') && conditional(registry, p))
  if (conditioned.length && bans.length === 0)
    out.push(statement('can', `Can set a ${own} rule for the cases ${conditioned.map(named).join('; ')} ${conditioned.length === 1 ? 'does' : 'do'} not cover (${conditioned.length === 1 ? 'its' : 'their'} conditions and exceptions), within what higher law permits there.`, conditioned))
  const permits = above.filter((p) => p.effect === 'permit')
  const bounds = above.filter((p) => p.effect !== 'permit')
  if (permits.length && bounds.length === 0 && bans.length === 0)
    out.push(statement('can', `Can limit or decline it: ${permits.map(named).join('; ')} permit${permits.length === 1 ? 's' : ''} it without requiring it, and a ${own} rule may narrow what higher law permits.`, permits))
  for (const b of bans) out.push(statement('cannot', `Cannot adopt a ${own} rule that limits cooperation with federal immigration enforcement: ${named(b)} — ${b.summary}`, [b]))
  if (above.length === 0 && profile.layer !== 'federal')
    out.push(statement('unknown', `No ${profile.layer === 'state' ? 'federal' : 'state or federal'} provision in the registry addresses ${q.toLowerCase()} here; the registry does not say what other law limits a ${own} rule on it.`))
  return out
}

/** Statements about the provisions of the post's own layer: those it adopts itself, and those of others. */
function fromOwnLayer(profile: RoleProfile, own: readonly ComparedProvision[], registry: Registry): PowerStatement[] {
  return own.map((p) => {
    const kind = registry.enactments.get(p.enactment)?.enactmentKind
    const words = kind ? KIND_WORDS[kind] : 'an enactment'
    if (kind && profile.instruments.includes(kind))
      return statement('can', profile.within ? `Can propose that ${profile.within} amend or repeal ${named(p)}, ${words} of this ${LAYER_WORDS[profile.layer]}.` : `Can amend or replace ${named(p)}, ${words} of this ${LAYER_WORDS[profile.layer]}.`, [p])
    if (kind === 'court-decision' || kind === 'consent-decree') return statement('cannot', `Cannot change ${named(p)}, ${words}, by a rule of its own; it binds until a court changes it or the law it applies changes.`, [p])
    return statement('unknown', `${named(p)} is ${words}, a kind of rule this post does not adopt itself; the registry does not say what this post can do about it.`, [p])
  })
}

/**
 * What the post can and cannot change on the question, and what the registry does not say.
 *
 * @example
 * ```ts
 * const powers = postPowers({ role: 'sheriff', question: 'Holding a person on an ICE detainer', law, preemption: [], registry, asOf: '2026-12-07' })
 * powers.find((p) => p.kind === 'cannot')?.text // 'Cannot permit what state law prohibits: California Values Act …'
 * ```
 */
export function postPowers(input: PowersInput): PowerStatement[] {
  const profile = PROFILES[input.role]
  const rank = RANK[profile.layer]
  const layerOf = (p: ComparedProvision) => RANK[p.layer as Layer] ?? 0
  const above = input.law.filter((p) => layerOf(p) < rank)
  const own = input.law.filter((p) => layerOf(p) === rank)
  const bans = input.preemption.filter((p) => layerOf(p) < rank && p.effect === 'prohibit')
  const out: PowerStatement[] = []
  if (profile.acts) out.push(statement('can', profile.acts))
  else out.push(statement('unknown', 'The registry does not say which rules this post adopts on this question.'))
  if (profile.within) out.push(statement('cannot', `Cannot act alone: ${profile.within} acts as a body.`))
  out.push(...fromAbove(profile, above, bans, input.question, input.registry))
  out.push(...fromOwnLayer(profile, own, input.registry))
  for (const p of input.law.filter((x) => x.inForce === 'unknown'))
    out.push(statement('unknown', `The registry does not say whether ${named(p)} is in force on ${input.asOf} (its dates are not known precisely enough).`, [p]))
  // What it can do first, then what it cannot, then what the registry does not say (stable within each).
  const order = { can: 0, cannot: 1, unknown: 2 } as const
  return out.map((s, i) => ({ s, i })).sort((a, b) => order[a.s.kind] - order[b.s.kind] || a.i - b.i).map((x) => x.s)
}

/** The registry layer a role's rules belong to (for choosing where to evaluate the law). */
export function roleLayer(role: PostRole): Layer {
  return PROFILES[role].layer
}
