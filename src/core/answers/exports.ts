/**
 * Downloads: the registry and the map's answers as JSON, CSV and GeoJSON. Geometry is handed in as
 * plain GeoJSON geometries keyed by Census GEOID (an adapter converts us-atlas TopoJSON).
 */
import type { SourceDate } from '../dates/index.ts'
import { countRegistry, jurisdictionSummary, jurisdictionView, type Registry } from '../registry/index.ts'
import type { Gazetteer } from './gazetteer.ts'
import type { Answers } from './schemas.ts'

/** A GeoJSON geometry (RFC 7946), as plain data. */
export interface Geometry {
  readonly type: string
  readonly coordinates?: unknown
  readonly geometries?: readonly Geometry[]
}

/** Geometries by GEOID: counties (5 digits), states (2 digits), and the nation. */
export interface AtlasGeometry {
  readonly counties: ReadonlyMap<string, Geometry>
  readonly states: ReadonlyMap<string, Geometry>
  readonly nation: Geometry | null
}

export interface Feature {
  readonly type: 'Feature'
  readonly id: string
  readonly properties: Readonly<Record<string, unknown>>
  readonly geometry: Geometry | null
}

export interface FeatureCollection {
  readonly type: 'FeatureCollection'
  readonly features: readonly Feature[]
  readonly [foreign: string]: unknown
}

type Cell = string | number | boolean | null | undefined

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (leading `=`, `+`, `-`,
 * `@`, tab or carriage return) is prefixed with `'`.
 *
 * @example
 * ```ts
 * csvField('a, "b"') // '"a, ""b"""'
 * ```
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return ''
  if (typeof value !== 'string') return String(value)
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A CSV document: a header row and data rows, CRLF line ends.
 *
 * @example
 * ```ts
 * toCsv(['a', 'b'], [[1, 'x']]) // 'a,b\r\n1,x\r\n'
 * ```
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

function dateText(d: SourceDate | undefined): string {
  return !d ? '' : d.kind === 'unknown' ? 'unknown' : d.text
}

export const REGISTRY_CSV_COLUMNS = [
  'jurisdiction',
  'jurisdiction_name',
  'level',
  'state',
  'enactment',
  'enactment_title',
  'enactment_kind',
  'citation',
  'enacted',
  'effective',
  'ends',
  'status',
  'provision',
  'action',
  'effect',
  'summary',
  'custody',
  'provision_from',
  'provision_to',
  'max_hours',
  'overrides_local',
  'confidence',
  'source_url',
  'source_quote',
] as const

/**
 * The registry as CSV: one row per provision with its jurisdiction, enactment, dates, status
 * periods, action, effect and first source.
 *
 * @example
 * ```ts
 * registryCsv(registry).split('\r\n')[0] // 'jurisdiction,jurisdiction_name,level,...'
 * ```
 */
export function registryCsv(registry: Registry): string {
  const rows: Cell[][] = []
  const jurisdictions = [...registry.jurisdictions.values()].sort((a, b) => a.id.localeCompare(b.id))
  for (const j of jurisdictions)
    for (const e of j.enactments)
      for (const p of e.provisions)
        rows.push([
          j.id,
          j.name,
          j.level,
          j.state ?? '',
          e.id,
          e.title,
          e.enactmentKind,
          e.citation.kind === 'known' ? e.citation.value : '',
          dateText(e.enacted),
          dateText(e.effective),
          dateText(e.ends),
          e.status.map((s) => `${s.status} ${dateText(s.from)}..${s.to ? dateText(s.to) : ''}${s.by ? ` (${s.by})` : ''}`).join('; '),
          p.id,
          p.action,
          p.effect,
          p.summary,
          p.custody.join(' '),
          dateText(p.from),
          dateText(p.to),
          p.limits.maxHours ?? null,
          p.overridesLocal,
          p.confidence,
          p.sources[0]?.url ?? '',
          p.sources[0]?.quote ?? '',
        ])
  return toCsv(REGISTRY_CSV_COLUMNS, rows)
}

/**
 * The whole registry as one JSON value: every jurisdiction's full view and the offense classes.
 *
 * @example
 * ```ts
 * registryJson(registry).counts.provisions
 * ```
 */
export function registryJson(registry: Registry) {
  return {
    kind: 'registry' as const,
    version: registry.version,
    counts: countRegistry(registry),
    jurisdictions: [...registry.jurisdictions.values()].sort((a, b) => a.id.localeCompare(b.id)).map(jurisdictionView),
    offenseClasses: [...registry.offenseClasses.values()].map(({ origin: _origin, ...c }) => c),
  }
}

/**
 * The registry as GeoJSON: one feature per jurisdiction with its summary as properties; counties,
 * states and the country carry their us-atlas geometry, places a null geometry.
 *
 * @example
 * ```ts
 * registryGeoJson(registry, gazetteer, geometry).features.length === registry.jurisdictions.size
 * ```
 */
export function registryGeoJson(registry: Registry, gazetteer: Gazetteer, geometry: AtlasGeometry): FeatureCollection {
  const features = [...registry.jurisdictions.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((j): Feature => {
      let g: Geometry | null = null
      if (j.level === 'country') g = geometry.nation
      else if (j.level === 'state' || j.level === 'district') {
        const s = gazetteer.stateByCode.get(j.state ?? '')
        g = s ? (geometry.states.get(s.fips) ?? null) : null
      } else if (j.level === 'county') {
        const c = gazetteer.countyByJurisdiction.get(j.id)
        g = c ? (geometry.counties.get(c.geoid) ?? null) : null
      }
      return { type: 'Feature', id: j.id, properties: jurisdictionSummary(j), geometry: g }
    })
  return { type: 'FeatureCollection', registryVersion: registry.version, features }
}

export const ANSWERS_CSV_COLUMNS = ['geoid', 'name', 'state', 'jurisdiction', 'value', 'layer', 'decided_by', 'max_hours'] as const

/**
 * The map's answers as CSV: one row per county.
 *
 * @example
 * ```ts
 * answersCsv(answers).split('\r\n')[1] // '01001,Autauga,AL,ocd-division/country:us/state:al/county:autauga,permitted,federal,...'
 * ```
 */
export function answersCsv(answers: Answers): string {
  return toCsv(
    ANSWERS_CSV_COLUMNS,
    answers.counties.map((c) => [c.geoid, c.name, c.state, c.jurisdiction, c.value, c.layer, c.decidedBy, c.maxHours]),
  )
}

/**
 * The map's answers as GeoJSON: a FeatureCollection of county polygons (lon/lat) with the answer
 * as properties, and the question (date, action, template, versions) as foreign members.
 *
 * @example
 * ```ts
 * answersGeoJson(answers, geometry).features[0]?.properties.value
 * ```
 */
export function answersGeoJson(answers: Answers, geometry: AtlasGeometry): FeatureCollection {
  return {
    type: 'FeatureCollection',
    date: answers.date,
    action: answers.action,
    template: answers.template,
    registryVersion: answers.registryVersion,
    engineVersion: answers.engineVersion,
    features: answers.counties.map((c) => ({
      type: 'Feature',
      id: c.geoid,
      properties: { geoid: c.geoid, name: c.name, state: c.state, jurisdiction: c.jurisdiction, value: c.value, layer: c.layer, decidedBy: c.decidedBy, maxHours: c.maxHours },
      geometry: geometry.counties.get(c.geoid) ?? null,
    })),
  }
}
