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

/** What the registry covers: state-level files, local jurisdictions, 287(g) agreements. */
export interface CoverageCounts {
  readonly kind: 'coverage-counts'
  /** States and D.C. with a hand-written file (a state known only from a generated file does not count). */
  readonly stateFiles: number
  /** Counties and places with any file, hand-written or generated. */
  readonly local: number
  readonly counties: number
  readonly places: number
  /** Counties and places with a hand-written file. */
  readonly localHandWritten: number
  /** Enactments that are agreements with an `agreement-287g` provision. */
  readonly agreements287g: number
  /** Jurisdictions with at least one such agreement. */
  readonly agreementJurisdictions: number
}

/**
 * Counts what the registry covers, as `sanctuary list` prints it.
 *
 * @example
 * ```ts
 * coverageCounts(registry) // { stateFiles: 51, local: 650, agreements287g: 814, ... }
 * ```
 */
export function coverageCounts(registry: Registry): CoverageCounts {
  let stateFiles = 0
  let counties = 0
  let places = 0
  let localHandWritten = 0
  let agreements287g = 0
  let agreementJurisdictions = 0
  for (const j of registry.jurisdictions.values()) {
    const handWritten = !j.origin.file.endsWith('.287g.yaml')
    if ((j.level === 'state' || j.level === 'district') && handWritten) stateFiles++
    if (j.level === 'county') counties++
    if (j.level === 'place') places++
    if ((j.level === 'county' || j.level === 'place') && handWritten) localHandWritten++
    const n = j.enactments.filter((e) => e.enactmentKind === 'agreement' && e.provisions.some((p) => p.action === 'agreement-287g')).length
    agreements287g += n
    if (n > 0) agreementJurisdictions++
  }
  return { kind: 'coverage-counts', stateFiles, local: counties + places, counties, places, localHandWritten, agreements287g, agreementJurisdictions }
}
