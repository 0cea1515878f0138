/**
 * Jurisdictions side by side, and the view of a division with no registry file: what reaches a
 * place is the law of each layer of its chain (federal, state, county, place), provision by
 * provision, as of a date.
 */
import { parseDay, type Day } from '../dates/index.ts'
import { resolveLayers } from '../engine/index.ts'
import { AppError } from '../errors/index.ts'
import { labelFromOcdId, nameWithState, parseOcdId } from '../ocd/index.ts'
import { ACTIONS, jurisdictionView, provisionInForce, type Registry } from '../registry/index.ts'
import { isKnownDivision, type Gazetteer } from './gazetteer.ts'
import type { ComparedProvision, Comparison, LayerRef, UnlistedJurisdiction } from './schemas.ts'

/** A division the gazetteer or registry knows: its name and where it sits. */
export interface DivisionRef {
  readonly jurisdiction: string
  readonly name: string
  readonly level: 'country' | 'state' | 'district' | 'county' | 'place'
  /** Upper-case postal code, or null for the country. */
  readonly state: string | null
  readonly inRegistry: boolean
  readonly geoid: string | null
}

/**
 * Names a division by OCD ID, from the registry or else the gazetteer; throws `not-found` (naming
 * `field`) for a malformed ID or one the gazetteer cannot place.
 *
 * @example
 * ```ts
 * describeDivision(registry, gazetteer, 'ocd-division/country:us/state:ca/county:fresno').name // 'Fresno County, CA'
 * ```
 */
export function describeDivision(registry: Registry, gazetteer: Gazetteer, id: string, field = 'id'): DivisionRef {
  const j = registry.jurisdictions.get(id)
  const county = gazetteer.countyByJurisdiction.get(id)
  const ocd = parseOcdId(id)
  if (j) {
    const state = ocd?.state ? gazetteer.stateByCode.get(ocd.state) : undefined
    const geoid = (j.level === 'county' ? county?.geoid : j.level === 'state' || j.level === 'district' ? state?.fips : undefined) ?? (j.geoid.kind === 'known' ? j.geoid.value.code : null)
    // A county or city is named with its state, as the map and the search name it ("Harris County, TX").
    const name = nameWithState(id, j.name)
    return { jurisdiction: id, name, level: j.level, state: j.state?.toUpperCase() ?? null, inRegistry: true, geoid }
  }
  if (!ocd || !isKnownDivision(gazetteer, id)) {
    throw new AppError('not-found', ocd ? `no jurisdiction "${id}" in the registry or the Census lists of states, counties${gazetteer.placesListed ? ' and places' : ''}` : `"${id}" is not a U.S. OCD division ID`, { field })
  }
  const state = ocd.state ? gazetteer.stateByCode.get(ocd.state) : undefined
  if (ocd.level === 'state' || ocd.level === 'district') return { jurisdiction: id, name: state!.name, level: ocd.level, state: state!.code, inRegistry: false, geoid: state!.fips }
  if (county) return { jurisdiction: id, name: county.label, level: 'county', state: county.state, inRegistry: false, geoid: county.geoid }
  const place = gazetteer.placeByJurisdiction.get(id)
  if (place) return { jurisdiction: id, name: place.label, level: 'place', state: place.state, inRegistry: false, geoid: place.geoid }
  return { jurisdiction: id, name: labelFromOcdId(id), level: ocd.level, state: state?.code ?? null, inRegistry: false, geoid: null }
}

/**
 * The layers of a jurisdiction's chain with their files.
 *
 * @example
 * ```ts
 * layerRefs(registry, 'ocd-division/country:us/state:ca/county:fresno').map((l) => [l.layer, l.inRegistry]) // [['federal', true], ['state', true], ['county', false]]
 * ```
 */
export function layerRefs(registry: Registry, gazetteer: Gazetteer, id: string): LayerRef[] {
  return resolveLayers(registry, id).map((l) => ({
    layer: l.layer,
    jurisdiction: l.id || null,
    name: l.jurisdiction?.name ?? (l.id ? (gazetteer.countyByJurisdiction.get(l.id)?.label ?? gazetteer.stateByCode.get(parseOcdId(l.id)?.state ?? '')?.name ?? labelFromOcdId(l.id)) : null),
    inRegistry: Boolean(l.jurisdiction),
    note: l.note ?? null,
  }))
}

/**
 * The provisions of a jurisdiction's chain (its own file and the layers above) in force on a day,
 * or of unknown force then, grouped by registry action in registry order.
 *
 * @example
 * ```ts
 * inForceProvisions(registry, 'ocd-division/country:us/state:ca/county:fresno', parseDay('2019-01-01')!).get('detainer-hold')
 * ```
 */
export function inForceProvisions(registry: Registry, id: string, day: Day): Map<string, ComparedProvision[]> {
  const byAction = new Map<string, ComparedProvision[]>()
  for (const l of resolveLayers(registry, id)) {
    for (const e of l.jurisdiction?.enactments ?? []) {
      for (const p of e.provisions) {
        const status = provisionInForce(p, e, day)
        if (status.kind === 'no') continue
        const source = p.sources[0]
        const list = byAction.get(p.action) ?? []
        list.push({
          provision: p.id,
          enactment: e.id,
          title: e.title,
          citation: e.citation.kind === 'known' ? e.citation.value : null,
          jurisdiction: p.jurisdictionId,
          layer: l.layer,
          effect: p.effect,
          summary: p.summary,
          inForce: status.kind,
          missing: status.kind === 'unknown' ? [...status.missing] : [],
          maxHours: p.limits.maxHours ?? null,
          confidence: p.confidence,
          url: source?.url ?? '',
          quote: source?.quote ?? '',
        })
        byAction.set(p.action, list)
      }
    }
  }
  return byAction
}

/**
 * Two to four jurisdictions side by side: for every registry action, the provisions of each one's
 * chain (its own file and the layers above) in force on the date, or of unknown force there.
 * Throws `invalid-input` (field `ids` or `date`) or `not-found` (field `ids`).
 *
 * @example
 * ```ts
 * compareJurisdictions(registry, gazetteer, ['ocd-division/country:us/state:ca/county:san_francisco', 'ocd-division/country:us/state:il/county:cook'], '2019-01-01')
 * ```
 */
export function compareJurisdictions(registry: Registry, gazetteer: Gazetteer, ids: readonly string[], date: string): Comparison {
  const day = parseDay(date)
  if (day === undefined) throw new AppError('invalid-input', `"${date}" is not a real calendar date (YYYY-MM-DD)`, { field: 'date' })
  if (ids.length < 2 || ids.length > 4) throw new AppError('invalid-input', `give two to four jurisdiction IDs, comma-separated (got ${ids.length})`, { field: 'ids' })
  if (new Set(ids).size !== ids.length) throw new AppError('invalid-input', 'the same jurisdiction is listed twice', { field: 'ids' })
  const refs = ids.map((id) => describeDivision(registry, gazetteer, id, 'ids'))
  const provisions = ids.map((id) => inForceProvisions(registry, id, day))
  return {
    kind: 'comparison',
    date,
    registryVersion: registry.version,
    jurisdictions: refs.map((r) => ({ jurisdiction: r.jurisdiction, name: r.name, level: r.level, state: r.state, inRegistry: r.inRegistry, layers: layerRefs(registry, gazetteer, r.jurisdiction) })),
    actions: ACTIONS.map((action) => ({ action, cells: ids.map((id, i) => ({ jurisdiction: id, provisions: provisions[i]!.get(action) ?? [] })) })),
  }
}

/**
 * A jurisdiction by OCD ID: the registry's full view with its chain of layers, or, for a valid
 * state, county or place with no file, a view that says so and lists the layers whose law reaches
 * it. Throws `not-found` otherwise.
 *
 * @example
 * ```ts
 * jurisdictionDetail(registry, gazetteer, 'ocd-division/country:us/state:ca/county:fresno').inRegistry // false
 * ```
 */
export function jurisdictionDetail(registry: Registry, gazetteer: Gazetteer, id: string): (ReturnType<typeof jurisdictionView> & { inRegistry: true; layers: LayerRef[] }) | UnlistedJurisdiction {
  const j = registry.jurisdictions.get(id)
  const layers = () => layerRefs(registry, gazetteer, id)
  if (j) return { ...jurisdictionView(j), inRegistry: true, layers: layers() }
  const ref = describeDivision(registry, gazetteer, id)
  const above = layers().filter((l) => l.jurisdiction !== id && l.inRegistry)
  return {
    id,
    name: ref.name,
    level: ref.level,
    state: ref.state?.toLowerCase() ?? null,
    inRegistry: false,
    geoid: ref.geoid,
    note: `The registry has no file for ${ref.name}. ${
      above.length ? `The law that reaches it comes from the layers above: ${above.map((l) => l.name).join(', ')}.` : 'No layer above it has a file either.'
    } The registry does not claim that ${ref.name} has no law of its own on these questions.`,
    layers: layers(),
    enactments: [],
  }
}
