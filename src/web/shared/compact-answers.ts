/**
 * The map's answers in two parts: what never changes with the date or the question (each state's
 * and county's name, ids, registry file and cities: `GET /api/v1/answers/places`, fetched once and
 * cached by its id) and, per request, the compact answers (`GET /api/v1/answers?format=compact`:
 * the distinct answers once each, and per state and county the index of its answer, in the places
 * list's order). {@link expandAnswers} joins them back into the full answers object, the one the
 * page's legend, table, tooltip and painting read. Pure; used in the browser and the tests.
 */
import type { AnswersPlaces, CompactAnswers } from '../../core/answers/index.ts'
import type { AnswersResponse } from './api-types.ts'

/** The path of the places list. */
export const ANSWERS_PLACES_PATH = '/api/v1/answers/places'

/**
 * The URL of one version of the places list (served with a year's max-age when `id` is current).
 *
 * @example
 * ```ts
 * answersPlacesUrl('abc') // '/api/v1/answers/places?v=abc'
 * ```
 */
export function answersPlacesUrl(id: string | null): string {
  return id ? `${ANSWERS_PLACES_PATH}?v=${encodeURIComponent(id)}` : ANSWERS_PLACES_PATH
}

/**
 * The full answers from a compact body and the places list it names. Throws when the list is
 * another one (its id differs) or the arrays do not match it.
 *
 * @example
 * ```ts
 * const answers = expandAnswers(compact, places)
 * answers.counties[0] // { geoid: '01001', name: 'Autauga', …, value: 'permitted', layer: 'federal', …, places: [], agreements287g: 0, cityAgreements287g: 0 }
 * ```
 */
export function expandAnswers(compact: CompactAnswers, places: AnswersPlaces): AnswersResponse {
  if (compact.placesId !== places.id) throw new Error(`the answers follow places list ${compact.placesId}, not ${places.id}`)
  const n = places.counties.length
  if (compact.states.length !== places.states.length || compact.counties.length !== n || compact.agreements287g.length !== n || compact.cityAgreements287g.length !== n) {
    throw new Error('the compact answers do not match the places list')
  }
  const decision = (i: number) => {
    const d = compact.decisions[i]
    if (!d) throw new Error(`no decision ${i} in the compact answers`)
    return d
  }
  const states = places.states.map((s, i) => {
    const d = decision(compact.states[i]!)
    return { fips: s.fips, code: s.code, name: s.name, jurisdiction: s.jurisdiction, inRegistry: s.inRegistry, value: d.value, layer: d.layer, decidedBy: d.decidedBy, maxHours: d.maxHours, conditional: d.conditional }
  })
  const counties = places.counties.map((c, i) => {
    const d = decision(compact.counties[i]!)
    return {
      geoid: c.geoid,
      name: c.name,
      state: c.state,
      jurisdiction: c.jurisdiction,
      inRegistry: c.inRegistry,
      value: d.value,
      layer: d.layer,
      decidedBy: d.decidedBy,
      maxHours: d.maxHours,
      conditional: d.conditional,
      places: c.places,
      agreements287g: compact.agreements287g[i]!,
      cityAgreements287g: compact.cityAgreements287g[i]!,
    }
  })
  return {
    kind: 'answers',
    date: compact.date,
    action: compact.action,
    template: compact.template,
    assumptions: compact.assumptions,
    facts: compact.facts,
    registryVersion: compact.registryVersion,
    engineVersion: compact.engineVersion,
    counts: compact.counts,
    states,
    counties,
    placesWithoutCounty: places.placesWithoutCounty,
  }
}
