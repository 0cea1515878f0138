/**
 * ZIP lookup from the Census 2020 ZCTA relationship files (as published by bdurand/us_geo, MIT):
 * `zcta_counties.csv` and `zcta_places.csv`, one row per ZIP area's overlap with a county or
 * place, with its land area. A ZIP that overlaps several counties keeps every overlap, so that a
 * lookup can say so and let the person choose. Overlaps with no land are dropped (water slivers).
 */
import type { RowProblem, SourceRef, ZipArea } from '../model.ts'

export const ZCTA_DATASET = 'us-geo'
export const ZCTA_COUNTIES_FILE = 'data/2020_dist/zcta_counties.csv'
export const ZCTA_PLACES_FILE = 'data/2020_dist/zcta_places.csv'

export interface AreaRef {
  readonly name: string
  readonly division?: string
}

export type ZctaRow = Readonly<Record<string, string | undefined>>

/**
 * One relationship row to a ZIP area, or a problem, or nothing (a water-only overlap).
 *
 * @example
 * ```ts
 * zctaArea('county', { ZCTA5: '77002', 'County GEOID': '48201', 'Land Area': '4.8' }, 2, 'abc', (g) => ({ name: 'Harris County, TX' }))
 * ```
 */
export function zctaArea(level: 'county' | 'place', row: ZctaRow, line: number, version: string, areaOf: (geoid: string) => AreaRef | undefined): ZipArea | RowProblem | undefined {
  const file = level === 'county' ? ZCTA_COUNTIES_FILE : ZCTA_PLACES_FILE
  const problem = (message: string): RowProblem => ({ kind: 'row-problem', dataset: ZCTA_DATASET, file, line, message })
  const zip = row.ZCTA5?.trim()
  const geoid = row[level === 'county' ? 'County GEOID' : 'Place GEOID']?.trim()
  const land = Number(row['Land Area'])
  if (!zip || !/^\d{5}$/.test(zip)) return problem(`ZCTA5 "${row.ZCTA5 ?? ''}" is not five digits`)
  if (!geoid || !new RegExp(`^\\d{${level === 'county' ? 5 : 7}}$`).test(geoid)) return problem(`${zip}: ${level} GEOID "${geoid ?? ''}" is malformed`)
  if (!Number.isFinite(land) || land < 0) return problem(`${zip}: Land Area "${row['Land Area'] ?? ''}" is not a number`)
  if (land === 0) return undefined
  const area = areaOf(geoid)
  if (!area) return problem(`${zip}: ${level} ${geoid} is not in the gazetteer or places file`)
  const source: SourceRef = { dataset: ZCTA_DATASET, file, version, line }
  return { kind: 'zip-area', zip, level, geoid, name: area.name, ...(area.division ? { division: area.division } : {}), landArea: land, source }
}
