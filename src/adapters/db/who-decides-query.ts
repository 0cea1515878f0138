/**
 * Who decides in a jurisdiction, read from the directory: the seats of its state, the county whose
 * jail serves it and the place itself, the state's legislative chambers, and the registry's
 * provisions in force, handed to the pure `whoDecides`.
 */
import { describeDivision, inForceProvisions, layerRefs, type Gazetteer } from '../../core/answers/index.ts'
import { parseDay } from '../../core/dates/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { stateDivision, stateName, whoDecides, type WhoDecides, type WhoDecidesInput } from '../../core/officials/index.ts'
import type { Registry } from '../../core/registry/index.ts'
import type { DirectoryView } from './directory-view.ts'

/**
 * Reads and assembles who decides in `id` on `asOf`; throws `not-found` (field `jurisdiction`) for
 * an id that is neither in the registry nor in the Census lists, `invalid-input` for a bad date.
 *
 * @example
 * ```ts
 * const who = await whoDecidesFor(databaseView(database), registry, gazetteer, 'ocd-division/country:us/state:tx/county:harris', '2026-12-05')
 * ```
 */
export async function whoDecidesFor(directory: DirectoryView, registry: Registry, gazetteer: Gazetteer, id: string, asOf: string): Promise<WhoDecides> {
  const day = parseDay(asOf)
  if (!day) throw new AppError('invalid-input', `date must be a real day as YYYY-MM-DD, got "${asOf}"`, { field: 'date' })
  const division = describeDivision(registry, gazetteer, id, 'jurisdiction')
  const county = layerRefs(registry, gazetteer, id).find((l) => l.layer === 'county')
  const jailCounty: WhoDecidesInput['jailCounty'] =
    division.level === 'country' || division.level === 'state' || division.level === 'district'
      ? { kind: 'not-applicable' }
      : county?.jurisdiction
        ? { kind: 'known', id: county.jurisdiction, name: gazetteer.countyByJurisdiction.get(county.jurisdiction)?.label ?? county.name ?? county.jurisdiction }
        : { kind: 'unknown', reason: county?.note ?? 'no county layer' }
  const state = division.state ? stateDivision(division.state) : undefined
  const divisions = [state, jailCounty.kind === 'known' ? jailCounty.id : undefined, division.level === 'place' ? id : undefined].filter((d): d is string => d !== undefined)
  const [seats, organizations] = await Promise.all([
    directory.seats(divisions, asOf),
    state ? directory.organizations(state, ['state-upper', 'state-lower', 'state-legislature']) : Promise.resolve([]),
  ])
  return whoDecides({
    jurisdiction: { id, name: division.name, level: division.level, stateName: division.state ? stateName(division.state) : null },
    jailCounty,
    asOf,
    seats,
    organizations,
    law: inForceProvisions(registry, id, day),
  })
}

