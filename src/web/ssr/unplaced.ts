/**
 * Registry cities with their own law whose jail county the registry does not record (Chicago, New
 * York City, Austin): no county lists them as its own, so without this a county page or the map
 * would say nothing of a city inside it. Nothing here sets a jail county. It only reads which
 * counties the city's own registry entry names — by Census GEOID, in its `jailCounty` reason and
 * its GEOID sources' notes (e.g. "place_counties.csv has rows 1714000,17031 and 1714000,17043") —
 * so a page can say "the registry's entry for Chicago names this county; its jail county is not
 * recorded". Server only, pure.
 */
import type { Gazetteer } from '../../core/answers/index.ts'
import type { Registry } from '../../core/registry/index.ts'
import type { UnplacedCity } from '../shared/map-summary.ts'

/**
 * Every registry place with no recorded jail county, with the registry's reason and the counties
 * of its state that its entry names by GEOID (sorted; empty when it names none).
 *
 * @example
 * ```ts
 * unplacedCities(registry, gazetteer).find((c) => c.name === 'Chicago')?.counties // ['17031', '17043']
 * ```
 */
export function unplacedCities(registry: Registry, gazetteer: Gazetteer): UnplacedCity[] {
  return gazetteer.placesWithoutCounty.map((p) => {
    const j = registry.jurisdictions.get(p.jurisdiction)
    const reason = j?.jailCounty?.kind === 'unknown' ? j.jailCounty.reason : null
    const notes = [reason ?? '', ...(j?.geoid.kind === 'known' ? j.geoid.value.sources.map((s) => s.note ?? '') : [])].join('\n')
    const fips = p.state ? gazetteer.stateByCode.get(p.state.toLowerCase())?.fips : undefined
    // Only five-digit codes of this state's counties count: other numbers in the text (place codes, areas) do not.
    const counties = fips
      ? [...new Set([...notes.matchAll(/(?<!\d)(\d{5})(?!\d)/g)].map((m) => m[1]!))].filter((g) => g.startsWith(fips) && gazetteer.countyByGeoid.has(g)).sort()
      : []
    return { jurisdiction: p.jurisdiction, name: p.name, state: p.state, reason, counties }
  })
}
