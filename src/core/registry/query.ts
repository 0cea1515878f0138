/** Read-only queries over a built registry: counts. (Names are resolved by core/names.) */
import type { Jurisdiction, Registry, RegistryCounts, Source } from './model.ts'

/**
 * Counts jurisdictions, enactments, provisions, sources and offense classes.
 *
 * @example
 * ```ts
 * countRegistry(registry).provisions // e.g. 412
 * ```
 */
export function countRegistry(registry: Registry): RegistryCounts {
  let sources = 0
  for (const j of registry.jurisdictions.values()) sources += sourceCount(j)
  for (const c of registry.offenseClasses.values()) sources += c.sources.length
  return {
    jurisdictions: registry.jurisdictions.size,
    enactments: registry.enactments.size,
    provisions: registry.provisions.size,
    sources,
    offenseClasses: registry.offenseClasses.size,
  }
}

/** Every source cited anywhere in a jurisdiction's file. */
export function sourceCount(j: Jurisdiction): number {
  const count = (list: readonly { sources: readonly Source[] }[]) => list.reduce((n, x) => n + x.sources.length, 0)
  let n = j.geoid.kind === 'known' ? j.geoid.value.sources.length : 0
  n += count(j.detainerForms) + j.disagreements.reduce((k, d) => k + count(d.claims), 0)
  for (const e of j.enactments) {
    n += e.sources.length + count(e.status) + e.disagreements.reduce((k, d) => k + count(d.claims), 0) + (e.inForceBy?.sources.length ?? 0)
    for (const p of e.provisions) n += p.sources.length + count(p.penalties) + p.disagreements.reduce((k, d) => k + count(d.claims), 0)
  }
  return n
}


/**
 * Jurisdictions in a state (the state itself included), by two-letter code.
 *
 * @example
 * ```ts
 * jurisdictionsInState(registry, 'ca').map((j) => j.name)
 * ```
 */
export function jurisdictionsInState(registry: Registry, state: string): Jurisdiction[] {
  const code = state.toLowerCase()
  return [...registry.jurisdictions.values()].filter((j) => j.state === code)
}
