/** Filtering jurisdictions by state, level, and actions governed on a date. */
import type { Day } from '../dates/index.ts'
import type { Action, Jurisdiction, Registry } from './model.ts'
import { provisionInForce } from './time.ts'

export interface JurisdictionFilter {
  readonly state?: string
  readonly level?: string
  /** Keep only jurisdictions with a provision on this action in force on `asOf`. */
  readonly action?: Action
  readonly asOf: Day
}

/**
 * The jurisdictions matching every given criterion, sorted by OCD ID.
 *
 * @example
 * ```ts
 * filterJurisdictions(registry, { state: 'ca', action: 'detainer-hold', asOf: parseDay('2019-01-01')! })
 * ```
 */
export function filterJurisdictions(registry: Registry, filter: JurisdictionFilter): Jurisdiction[] {
  const state = filter.state?.toLowerCase()
  return [...registry.jurisdictions.values()]
    .filter((j) => !state || j.state === state)
    .filter((j) => !filter.level || j.level === filter.level)
    .filter((j) => !filter.action || governsOn(j, filter.action, filter.asOf))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** True when some provision of `j` on `action` is surely in force on `day`. */
export function governsOn(j: Jurisdiction, action: Action, day: Day): boolean {
  return j.enactments.some((e) => e.provisions.some((p) => p.action === action && provisionInForce(p, e, day).kind === 'yes'))
}
