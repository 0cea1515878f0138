/** Read-only queries over a built registry: counts and lookup by id, name or alias. */
import { labelFromOcdId } from '../ocd/index.ts'
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


function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * Finds jurisdictions by OCD ID, name or alias; best matches first. "San Francisco, CA",
 * "San Francisco County" and "SF" find the same entity when the registry lists those aliases.
 *
 * @example
 * ```ts
 * findJurisdictions(registry, 'Cook')[0]?.id // 'ocd-division/country:us/state:il/county:cook'
 * ```
 */
export function findJurisdictions(registry: Registry, query: string): Jurisdiction[] {
  const exact = registry.jurisdictions.get(query.trim())
  if (exact) return [exact]
  const q = normalize(query)
  if (!q) return []
  const scored: { j: Jurisdiction; score: number }[] = []
  for (const j of registry.jurisdictions.values()) {
    const state = j.state ?? ''
    const names = [j.name, ...j.aliases, labelFromOcdId(j.id)].map(normalize)
    const withState = names.flatMap((n) => [n, `${n} ${state}`])
    let score = 0
    if (withState.includes(q)) score = 100
    else if (names.some((n) => n.startsWith(q))) score = 60
    else if (withState.some((n) => n.includes(q))) score = 40
    else if (q.split(' ').every((word) => withState.some((n) => n.split(' ').includes(word)))) score = 30
    if (score > 0) scored.push({ j, score: score - levelRank(j) })
  }
  return scored.sort((a, b) => b.score - a.score || a.j.name.localeCompare(b.j.name)).map((s) => s.j)
}

function levelRank(j: Jurisdiction): number {
  return { country: 4, state: 3, district: 3, county: 1, place: 0 }[j.level]
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

