/**
 * Reading Census county names (us-geo `counties.csv`, the table the linker uses) so counties
 * the registry has no file for get their own OCD ids and names.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../core/errors/index.ts'
import { openTable } from '../io/index.ts'
import { CROSSWALK_FILES } from '../link/index.ts'
import type { CountyName } from './places.ts'

/** Where the names table sits under a crosswalk folder. */
export const COUNTY_NAMES_FILE = CROSSWALK_FILES.counties

/**
 * Reads the county names under a crosswalk folder (e.g. `../shared/data`). Throws `not-found`
 * when the table is missing, `invalid-input` naming the column when one is missing.
 *
 * @example
 * ```ts
 * const counties = await loadCountyNames('../shared/data')
 * ```
 */
export async function loadCountyNames(dir: string): Promise<CountyName[]> {
  const path = join(dir, COUNTY_NAMES_FILE)
  if (!existsSync(path)) throw new AppError('not-found', 'county names table not found (pass --crosswalks DIR, the shared data folder)', { file: path })
  const { header, rows } = await openTable(path)
  const index = new Map(header.columns.map((c, i) => [c, i]))
  for (const column of ['GEOID', 'Name', 'Short Name', 'State']) {
    if (!index.has(column)) throw new AppError('invalid-input', `missing column "${column}"`, { file: path, line: header.line, field: column })
  }
  const out: CountyName[] = []
  for await (const row of rows) {
    if (row.kind !== 'row') continue
    const get = (c: string) => (row.values.get(c) ?? '').trim()
    out.push({ geoid: get('GEOID').padStart(5, '0'), name: get('Name'), shortName: get('Short Name'), state: get('State').toLowerCase() })
  }
  return out
}
