/**
 * Census 2020 population counts (us-geo's `states.csv`, `counties.csv`, `places.csv` in the shared
 * data folder, read where they lie), for comparing peers by size. Optional: without the folder the
 * toolkit compares peers by state and level only.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Registry } from '../../core/registry/index.ts'
import { openTable } from '../../simulator/io/index.ts'
import { countyOcdId, stateOcdId } from '../../simulator/simulate/index.ts'

const DIR = 'us-geo/data/2020_dist'

/** Populations by OCD id (states, counties) and by GEOID (for registry places). */
export interface Populations {
  readonly kind: 'populations'
  readonly byId: ReadonlyMap<string, number>
  readonly byGeoid: ReadonlyMap<string, number>
  readonly source: string
}

async function rows(path: string): Promise<Map<string, string>[]> {
  const out: Map<string, string>[] = []
  const { rows: it } = await openTable(path)
  for await (const row of it) if (row.kind === 'row') out.push(row.values as Map<string, string>)
  return out
}

/**
 * Reads the population tables under the shared data folder, or returns null when they are absent.
 *
 * @example
 * ```ts
 * const pop = await loadPopulations('../shared/data')
 * pop?.byId.get('ocd-division/country:us/state:tx/county:travis') // 1290188
 * ```
 */
export async function loadPopulations(dir: string): Promise<Populations | null> {
  const files = ['states.csv', 'counties.csv', 'places.csv'].map((f) => join(dir, DIR, f))
  if (!files.every(existsSync)) return null
  const byId = new Map<string, number>()
  const byGeoid = new Map<string, number>()
  for (const r of await rows(files[0]!)) {
    const n = Number(r.get('Population'))
    const code = (r.get('Code') ?? '').toLowerCase()
    if (!Number.isFinite(n) || !code) continue
    byId.set(stateOcdId(code), n)
    byGeoid.set((r.get('FIPS') ?? '').padStart(2, '0'), n)
  }
  for (const r of await rows(files[1]!)) {
    const n = Number(r.get('Population'))
    if (!Number.isFinite(n)) continue
    const geoid = (r.get('GEOID') ?? '').padStart(5, '0')
    byGeoid.set(geoid, n)
    const id = countyOcdId({ geoid, name: r.get('Name') ?? '', shortName: r.get('Short Name') ?? '', state: (r.get('State') ?? '').toLowerCase() })
    if (id && !byId.has(id)) byId.set(id, n)
  }
  for (const r of await rows(files[2]!)) {
    const n = Number(r.get('Population'))
    if (Number.isFinite(n)) byGeoid.set((r.get('GEOID') ?? '').padStart(7, '0'), n)
  }
  return { kind: 'populations', byId, byGeoid, source: 'U.S. Census Bureau, 2020 counts (as compiled by us-geo)' }
}

/** A size function for peers: the registry's GEOID first (places), else the OCD id. */
export function sizeFunction(pop: Populations, registry: Registry): (id: string) => number | undefined {
  return (id) => {
    const j = registry.jurisdictions.get(id)
    const geoid = j?.geoid.kind === 'known' ? j.geoid.value.code : undefined
    return (geoid ? pop.byGeoid.get(geoid) : undefined) ?? pop.byId.get(id)
  }
}
