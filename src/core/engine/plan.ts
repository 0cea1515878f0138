/**
 * Compiling a jurisdiction's law into a plan: which registry files form its chain of layers, and
 * for each interval between boundary days, which provisions could apply to each question. Plans
 * are built once per jurisdiction and cached by the engine; a case then only evaluates conditions.
 */
import type { Day } from '../dates/index.ts'
import { COUNTRY_ID, labelFromOcdId, parseOcdId } from '../ocd/index.ts'
import { boundaryDays, provisionInForce, type Action, type Enactment, type Jurisdiction, type Provision, type Registry } from '../registry/index.ts'
import { compileCondition, type CompiledCondition } from './conditions.ts'

/** The three questions the engine answers, and the registry action each reads. */
export const QUESTIONS = { hold: 'detainer-hold', notify: 'release-notification', interview: 'interview-access' } as const satisfies Record<string, Action>
export type Question = keyof typeof QUESTIONS
export const QUESTION_NAMES = Object.keys(QUESTIONS) as Question[]

export type LayerName = 'federal' | 'state' | 'county' | 'place'
export const LAYER_ORDER: readonly LayerName[] = ['federal', 'state', 'county', 'place']

/** One layer of the chain: the jurisdiction ID it stands for and its file, when the registry has one. */
export interface Layer {
  readonly kind: 'layer'
  readonly layer: LayerName
  readonly id: string
  readonly jurisdiction?: Jurisdiction
  /** Why there is no file, or why the layer could not be identified. */
  readonly note?: string
}

/** A provision that could apply, with everything needed to evaluate it fast. */
export interface Candidate {
  readonly kind: 'candidate'
  readonly provision: Provision
  readonly enactment: Enactment
  readonly layer: LayerName
  readonly layerIndex: number
  readonly when?: CompiledCondition
  readonly unless?: CompiledCondition
  /** Bitmask of custody types bound: 1 county-jail, 2 city-jail, 4 state-prison. */
  readonly custodyMask: number
  /**
   * Set on the stand-in for a layer the engine cannot identify (a place whose jail county is
   * unknown): the missing fact it names, e.g. `jailCounty of ocd-division/country:us/state:il/place:chicago`.
   * Such a candidate may give any verdict (no rule, permitted, prohibited, required); it has no
   * provision of its own and is never cited or traced.
   */
  readonly unknownLayer?: string
}

/** A candidate within one interval: its in-force status there is fixed. */
export interface SegmentItem {
  readonly candidate: Candidate
  /** True when the interval lies inside a partial or unknown date's window. */
  readonly inForceUnknown: boolean
  readonly missingDates: readonly string[]
}

export interface Segment {
  readonly from: Day
  readonly to: Day
  readonly items: Readonly<Record<Question, readonly SegmentItem[]>>
}

export interface Plan {
  readonly kind: 'plan'
  readonly jurisdictionId: string
  readonly layers: readonly Layer[]
  /** Sorted start days of segments; `segments[i]` covers `[starts[i], starts[i+1])`. */
  readonly starts: Int32Array
  readonly segments: readonly Segment[]
}

export const CUSTODY_BITS = { 'county-jail': 1, 'city-jail': 2, 'state-prison': 4 } as const
const ALL_CUSTODY = 7

/**
 * The layers that could bind a case in `jurisdictionId`: federal, state, the county whose jail it
 * is, and the place. Custody picks among county and place later, through each provision's custody.
 *
 * @example
 * ```ts
 * resolveLayers(registry, 'ocd-division/country:us/state:ca/county:fresno').map((l) => l.layer)
 * // ['federal', 'state', 'county']
 * ```
 */
export function resolveLayers(registry: Registry, jurisdictionId: string): Layer[] {
  const ocd = parseOcdId(jurisdictionId)
  if (!ocd) return []
  const layer = (name: LayerName, id: string, note?: string): Layer => {
    const jurisdiction = registry.jurisdictions.get(id)
    return Object.freeze({ kind: 'layer', layer: name, id, jurisdiction, note: jurisdiction ? undefined : (note ?? 'no file in the registry') })
  }
  const layers: Layer[] = [layer('federal', COUNTRY_ID)]
  if (ocd.level === 'country') return layers
  const stateId = ocd.level === 'state' || ocd.level === 'district' ? ocd.id : ocd.ancestors[1]!
  layers.push(layer('state', stateId))
  if (ocd.level === 'county') layers.push(layer('county', ocd.id))
  if (ocd.level === 'place') {
    const place = registry.jurisdictions.get(ocd.id)
    const jail = place?.jailCounty
    if (jail?.kind === 'known') layers.push(layer('county', jail.value))
    else
      layers.push(
        Object.freeze({
          kind: 'layer',
          layer: 'county',
          id: '',
          note: place ? `the county whose jail serves ${place.name} is unknown${jail?.kind === 'unknown' ? `: ${jail.reason}` : ''}` : 'the place has no file, so the county whose jail serves it is unknown',
        }) as Layer,
      )
    layers.push(layer('place', ocd.id))
  }
  return layers
}

/**
 * Builds the plan for a jurisdiction.
 *
 * @example
 * ```ts
 * const plan = buildPlan(registry, 'ocd-division/country:us/state:ca/county:fresno')
 * plan.segments.length // one per interval between the chain's boundary days
 * ```
 */
export function buildPlan(registry: Registry, jurisdictionId: string): Plan {
  const layers = resolveLayers(registry, jurisdictionId)
  const candidates: Record<Question, Candidate[]> = { hold: [], notify: [], interview: [] }
  const enactments: Enactment[] = []
  layers.forEach((l, layerIndex) => {
    for (const e of l.jurisdiction?.enactments ?? []) {
      enactments.push(e)
      for (const p of e.provisions) {
        const question = QUESTION_NAMES.find((q) => QUESTIONS[q] === p.action)
        if (!question) continue
        candidates[question].push(
          Object.freeze({
            kind: 'candidate',
            provision: p,
            enactment: e,
            layer: l.layer,
            layerIndex,
            when: p.when ? compileCondition(p.when, registry) : undefined,
            unless: p.unless ? compileCondition(p.unless, registry) : undefined,
            custodyMask: p.custody.reduce((m, c) => m | CUSTODY_BITS[c], 0),
          }),
        )
      }
    }
  })
  layers.forEach((l, layerIndex) => {
    if (l.layer !== 'county' || l.id !== '') return
    const label = `jailCounty of ${jurisdictionId}`
    for (const q of QUESTION_NAMES) candidates[q].push(unknownLayerCandidate(jurisdictionId, label, QUESTIONS[q], layerIndex))
  })
  const days = boundaryDays(enactments)
  const starts = [-1_000_000, ...days]
  const segments: Segment[] = starts.map((from, i) => {
    const to = starts[i + 1] ?? 1_000_000
    const items = {} as Record<Question, SegmentItem[]>
    for (const q of QUESTION_NAMES) {
      items[q] = []
      for (const c of candidates[q]) {
        const status = c.unknownLayer ? ({ kind: 'yes' } as const) : provisionInForce(c.provision, c.enactment, from)
        if (status.kind === 'no') continue
        items[q].push(Object.freeze({ candidate: c, inForceUnknown: status.kind === 'unknown', missingDates: status.kind === 'unknown' ? status.missing : [] }))
      }
    }
    return Object.freeze({ from, to, items })
  })
  return Object.freeze({ kind: 'plan', jurisdictionId, layers, starts: Int32Array.from(starts), segments })
}

/**
 * What decides one question in a jurisdiction, as a string: the provisions of that question's
 * action in its chain of layers (in the plan's order, each with its layer's position), and any
 * layer the engine cannot identify. Two jurisdictions with the same key get the same answer to
 * the question for every case and date: their plans hold the same candidates, and a
 * candidate's in-force status on a day depends only on its own enactment, never on the chain
 * it is in (a finer chain only splits its intervals). The simulator uses it to ask the engine
 * once for all the jurisdictions that share a key (most counties add nothing to their state's
 * hold rule).
 *
 * @example
 * ```ts
 * questionKey(registry, 'ocd-division/country:us/state:tx/county:harris', 'hold') ===
 *   questionKey(registry, 'ocd-division/country:us/state:tx', 'hold') // true when Harris has no hold provisions of its own
 * ```
 */
export function questionKey(registry: Registry, jurisdictionId: string, question: Question): string {
  const layers = resolveLayers(registry, jurisdictionId)
  if (layers.length === 0) return `!${jurisdictionId}`
  const action = QUESTIONS[question]
  const parts: string[] = []
  layers.forEach((l, layerIndex) => {
    for (const e of l.jurisdiction?.enactments ?? []) for (const p of e.provisions) if (p.action === action) parts.push(`${l.id} ${e.id} ${p.id}@${layerIndex}`)
  })
  layers.forEach((l, layerIndex) => {
    if (l.layer === 'county' && l.id === '') parts.push(`(unknown layer)@${layerIndex}`)
  })
  return parts.join('|')
}

/** The stand-in candidate for an unidentified county layer (see {@link Candidate.unknownLayer}). */
function unknownLayerCandidate(jurisdictionId: string, label: string, action: Action, layerIndex: number): Candidate {
  const provision = Object.freeze({
    kind: 'provision',
    id: `(${label})`,
    enactmentId: '',
    jurisdictionId: '',
    action,
    effect: 'permit',
    summary: `The law of the county whose jail serves ${labelFromOcdId(jurisdictionId)}, which the registry does not identify.`,
    custody: ['county-jail'],
    limits: {},
    overridesLocal: false,
    penalties: [],
    confidence: 'low',
    sources: [],
    disagreements: [],
    unknowns: [],
    origin: { file: '', path: [] },
  }) as Provision
  const enactment = Object.freeze({ kind: 'enactment', id: '', jurisdictionId: '', title: '', provisions: [provision] }) as unknown as Enactment
  return Object.freeze({ kind: 'candidate', provision, enactment, layer: 'county', layerIndex, custodyMask: CUSTODY_BITS['county-jail'], unknownLayer: label })
}

/** The segment covering `day`. */
export function segmentFor(plan: Plan, day: Day): Segment {
  const starts = plan.starts
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= day) lo = mid
    else hi = mid - 1
  }
  return plan.segments[lo]!
}

export { ALL_CUSTODY }
