/**
 * Combining the provisions that apply into one answer: restrictions add up within a layer, and a
 * lower layer may narrow a higher one's permission but not lift its prohibition or requirement;
 * contradictions are overridden only by an explicit `overridesLocal`, else left open as a conflict.
 * Unknown provisions are resolved by trying every possibility.
 */
import type { Candidate } from './plan.ts'

export type Verdict = 'required' | 'permitted' | 'prohibited'
export type Value = Verdict | 'undetermined'

/**
 * A candidate's concrete state: 0 does not apply, 1 applies with its effect, 2 applies as
 * "prohibited" (a limit whose condition fails), 3 applies as "required" (only the stand-in for an
 * unidentified layer, which may give any verdict).
 */
export type ItemState = 0 | 1 | 2 | 3
/** Bitmask of the states an item may be in: bit 1 = state 0, bit 2 = state 1, bit 4 = state 2, bit 8 = state 3. */
export type StateMask = number

export interface Override {
  readonly lower: readonly Candidate[]
  readonly by: readonly Candidate[]
}

/** The answer for one concrete assignment of states. */
export interface Outcome {
  readonly value: Verdict | 'conflict'
  readonly basis: 'registry' | 'default'
  readonly decidedBy: readonly Candidate[]
  readonly overridden: readonly Override[]
  readonly narrowed: readonly Candidate[]
  readonly conflict?: { readonly a: readonly Candidate[]; readonly b: readonly Candidate[] }
  readonly maxHours?: number
  readonly limitedBy: readonly Candidate[]
}

function verdictOf(c: Candidate, state: ItemState): Verdict {
  if (state === 2) return 'prohibited'
  if (state === 3) return 'required'
  const effect = c.provision.effect
  return effect === 'require' ? 'required' : effect === 'prohibit' ? 'prohibited' : 'permitted'
}

/**
 * The answer when every candidate's state is known.
 *
 * @example
 * ```ts
 * combine(items, [1, 0, 2]).value // 'prohibited'
 * ```
 */
export function combine(items: readonly Candidate[], states: readonly ItemState[]): Outcome {
  let current: Verdict | undefined
  let currentBy: Candidate[] = []
  const overridden: Override[] = []
  const narrowed: Candidate[] = []
  const applying: Candidate[] = []
  for (let layer = 0; layer < 4; layer++) {
    const req: Candidate[] = []
    const pro: Candidate[] = []
    const per: Candidate[] = []
    items.forEach((c, i) => {
      const s = states[i]!
      if (c.layerIndex !== layer || s === 0) return
      applying.push(c)
      const v = verdictOf(c, s)
      ;(v === 'required' ? req : v === 'prohibited' ? pro : per).push(c)
    })
    if (!req.length && !pro.length && !per.length) continue
    if (req.length && pro.length) return conflictOutcome(req, pro, overridden)
    const v: Verdict = pro.length ? 'prohibited' : req.length ? 'required' : 'permitted'
    const vBy = pro.length ? pro : req.length ? req : per
    if (current === undefined) {
      current = v
      currentBy = vBy
    } else if (current === 'permitted') {
      if (v === 'permitted') currentBy = [...currentBy, ...vBy]
      else {
        narrowed.push(...currentBy)
        current = v
        currentBy = vBy
      }
    } else if (v === current) currentBy = [...currentBy, ...vBy]
    else if (v === 'permitted') overridden.push({ lower: vBy, by: currentBy })
    else {
      const overriding = currentBy.filter((c) => c.provision.overridesLocal)
      if (overriding.length) overridden.push({ lower: vBy, by: overriding })
      else return conflictOutcome(currentBy, vBy, overridden)
    }
  }
  const value = current ?? 'permitted'
  let maxHours: number | undefined
  const limitedBy: Candidate[] = []
  if (value !== 'prohibited') {
    for (const c of applying) {
      const h = c.provision.limits.maxHours
      if (h === undefined || verdictOf(c, states[items.indexOf(c)]!) === 'prohibited') continue
      if (maxHours === undefined || h < maxHours) {
        maxHours = h
        limitedBy.length = 0
        limitedBy.push(c)
      } else if (h === maxHours) limitedBy.push(c)
    }
  }
  return { value, basis: current ? 'registry' : 'default', decidedBy: currentBy, overridden, narrowed, maxHours, limitedBy }
}

function conflictOutcome(a: Candidate[], b: Candidate[], overridden: Override[]): Outcome {
  return { value: 'conflict', basis: 'registry', decidedBy: [...a, ...b], overridden, narrowed: [], conflict: { a, b }, limitedBy: [] }
}

const MAX_COMBINATIONS = 4096

/** What every possible assignment gives: the distinct values, an outcome to explain, and which items matter. */
export interface Resolution {
  readonly value: Value
  /** An outcome consistent with the value (for a determined value, the one with unknown items not applying, where possible). */
  readonly outcome: Outcome
  readonly outcomes: number
  /** Indexes of items whose unknown state changes the answer. */
  readonly decisive: readonly number[]
  readonly maxHours?: number
  readonly conflict: boolean
}

function statesOf(mask: StateMask): ItemState[] {
  const out: ItemState[] = []
  if (mask & 1) out.push(0)
  if (mask & 2) out.push(1)
  if (mask & 4) out.push(2)
  if (mask & 8) out.push(3)
  return out
}

/**
 * Resolves an answer when some items' states are uncertain, by trying every combination.
 *
 * @example
 * ```ts
 * resolve(items, [0b010, 0b011]) // second item may or may not apply
 * ```
 */
export function resolve(items: readonly Candidate[], masks: readonly StateMask[]): Resolution {
  const options = masks.map(statesOf)
  const uncertain = options.map((o, i) => (o.length > 1 ? i : -1)).filter((i) => i >= 0)
  let total = 1
  for (const i of uncertain) total *= options[i]!.length
  if (total > MAX_COMBINATIONS) {
    const outcome = combine(items, options.map((o) => o[0]!))
    return { value: 'undetermined', outcome, outcomes: total, decisive: uncertain, conflict: false }
  }
  const results = new Map<string, { states: ItemState[]; outcome: Outcome }>()
  const key = (s: readonly ItemState[]) => s.join('')
  // Start from the assignment where uncertain items apply, so a determined answer cites them; an
  // unidentified layer starts as having no rule, so the answer explained is the one the known law gives.
  const representative = options.map((o, i) => (items[i]!.unknownLayer ? o[0]! : o[o.length - 1]!))
  const states = [...representative]
  const values = new Set<string>()
  const hours = new Set<number | undefined>()
  const visit = (k: number) => {
    if (k === uncertain.length) {
      const outcome = combine(items, states)
      results.set(key(states), { states: [...states], outcome })
      values.add(outcome.value)
      hours.add(outcome.maxHours)
      return
    }
    const i = uncertain[k]!
    for (const s of [...options[i]!].reverse()) {
      states[i] = s
      visit(k + 1)
    }
    states[i] = representative[i]!
  }
  visit(0)
  const first = results.get(key(representative))!
  if (values.size === 1) {
    const only = [...values][0]!
    return {
      value: only === 'conflict' ? 'undetermined' : (only as Verdict),
      outcome: first.outcome,
      outcomes: results.size,
      decisive: [],
      maxHours: hours.size === 1 ? first.outcome.maxHours : undefined,
      conflict: only === 'conflict',
    }
  }
  // An uncertain item is decisive if flipping it alone changes the value somewhere.
  const decisive = uncertain.filter((i) =>
    [...results.values()].some((r) =>
      options[i]!.some((alt) => {
        if (alt === r.states[i]) return false
        const flipped = [...r.states]
        flipped[i] = alt
        return results.get(key(flipped))!.outcome.value !== r.outcome.value
      }),
    ),
  )
  return { value: 'undetermined', outcome: first.outcome, outcomes: results.size, decisive, conflict: false }
}
