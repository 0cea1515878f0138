/**
 * What the map page shows besides the shapes: counts for the legend (by answer and by the layer
 * that decided) and the rows of the table view. Pure; the server computes them for the first
 * response and the browser recomputes them from each `/api/v1/answers` response.
 */
import type { AnswersResponse, CountyAnswer } from './api-types.ts'
import { ANSWER_VALUES, drawnOnMap, MAP_LAYERS, type AnswerValue, type DecidingLayer } from './words.ts'

export type MapLayer = 'county' | 'state' | 'federal' | 'default'

export interface MapSummary {
  readonly total: number
  readonly byValue: Readonly<Record<AnswerValue, number>>
  readonly byLayer: Readonly<Record<MapLayer, number>>
  /** `byValueLayer[value][layer]`: counties with that answer decided at that layer. */
  readonly byValueLayer: Readonly<Record<AnswerValue, Readonly<Record<MapLayer, number>>>>
  /** Counties with a registry place (a city with its own law) inside. */
  readonly withPlaces: number
  /** Counties whose own agencies have a 287(g) agreement in force on the date. */
  readonly agreements287g: number
  /** Counties with a city inside whose agencies have one (and none of the county's own). */
  readonly cityAgreements287g: number
  /** Counties in the answers that the map does not draw (the territories'); they are in the table. */
  readonly notOnMap: number
}

/**
 * A registry city with its own law whose jail county the registry does not record. `counties`
 * are the GEOIDs of the counties its registry entry names (the counties it lies in, by the Census
 * crosswalk the entry quotes); none of them is its recorded jail county.
 */
export interface UnplacedCity {
  readonly jurisdiction: string
  readonly name: string
  /** Upper-case postal code. */
  readonly state: string | null
  /** The registry's reason the jail county is not recorded. */
  readonly reason: string | null
  readonly counties: readonly string[]
}

export interface StateRow {
  readonly code: string
  readonly fips: string
  /** False for the territories, which the map does not draw. */
  readonly onMap: boolean
  readonly name: string
  readonly jurisdiction: string
  readonly inRegistry: boolean
  readonly value: AnswerValue
  readonly layer: DecidingLayer
  readonly maxHours: number | null
  readonly counties: Readonly<Record<AnswerValue, number>>
  readonly countyTotal: number
}

export type MapTable =
  | { readonly kind: 'states'; readonly rows: readonly StateRow[] }
  | { readonly kind: 'counties'; readonly state: { readonly code: string; readonly name: string; readonly onMap: boolean }; readonly rows: readonly CountyAnswer[] }

/** Folds the `place` layer into `county` for the map (a county jail is never decided by a city). */
export function mapLayer(layer: DecidingLayer): MapLayer {
  return layer === 'place' ? 'county' : layer
}

function zeroValues(): Record<AnswerValue, number> {
  return { prohibited: 0, required: 0, permitted: 0, undetermined: 0 }
}

function zeroLayers(): Record<MapLayer, number> {
  return { county: 0, state: 0, federal: 0, default: 0 }
}

/**
 * Counts the counties of an answers response by answer and by deciding layer.
 *
 * @example
 * ```ts
 * summarise(answers).byValue.prohibited // 58
 * ```
 */
export function summarise(answers: Pick<AnswersResponse, 'counties'>): MapSummary {
  const byValue = zeroValues()
  const byLayer = zeroLayers()
  const byValueLayer = Object.fromEntries(ANSWER_VALUES.map((v) => [v, zeroLayers()])) as Record<AnswerValue, Record<MapLayer, number>>
  let withPlaces = 0
  let notOnMap = 0
  let agreements287g = 0
  let cityAgreements287g = 0
  for (const c of answers.counties) {
    if (!drawnOnMap(c.geoid)) notOnMap++
    const l = mapLayer(c.layer)
    byValue[c.value]++
    byLayer[l]++
    byValueLayer[c.value][l]++
    if (c.places.length > 0) withPlaces++
    if (c.agreements287g > 0) agreements287g++
    else if (c.cityAgreements287g > 0) cityAgreements287g++
  }
  return { total: answers.counties.length, byValue, byLayer, byValueLayer, withPlaces, agreements287g, cityAgreements287g, notOnMap }
}

/**
 * The table view: one row per state (its own answer and its counties' counts), or, for a state
 * code, one row per county of that state. Unknown codes give the states table.
 *
 * @example
 * ```ts
 * mapTable(answers, 'CA') // { kind: 'counties', state: { code: 'CA', name: 'California', onMap: true }, rows: [...58 counties] }
 * ```
 */
export function mapTable(answers: Pick<AnswersResponse, 'counties' | 'states'>, stateCode: string | null): MapTable {
  const code = stateCode?.toUpperCase() ?? null
  const state = code ? answers.states.find((s) => s.code === code) : undefined
  if (state) {
    const rows = answers.counties.filter((c) => c.state === state.code).sort((a, b) => a.name.localeCompare(b.name))
    return { kind: 'counties', state: { code: state.code, name: state.name, onMap: drawnOnMap(state.fips) }, rows }
  }
  const perState = new Map<string, { counts: Record<AnswerValue, number>; total: number }>()
  for (const c of answers.counties) {
    let s = perState.get(c.state)
    if (!s) perState.set(c.state, (s = { counts: zeroValues(), total: 0 }))
    s.counts[c.value]++
    s.total++
  }
  const rows = answers.states
    .map((s): StateRow => {
      const p = perState.get(s.code)
      return { code: s.code, fips: s.fips, onMap: drawnOnMap(s.fips), name: s.name, jurisdiction: s.jurisdiction, inRegistry: s.inRegistry, value: s.value, layer: s.layer, maxHours: s.maxHours, counties: p?.counts ?? zeroValues(), countyTotal: p?.total ?? 0 }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
  return { kind: 'states', rows }
}

export { ANSWER_VALUES, MAP_LAYERS }
