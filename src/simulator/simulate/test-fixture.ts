/**
 * Generated detainer records for the simulator's tests: a seeded mix of places (registry
 * counties and cities, counties without a file, unlinked records with and without a state),
 * dates across the registry's boundary days (and some missing), and every fact column with
 * nulls. Written to Parquet with the importer's own writer.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ParquetWriter, PRACTICE_OUTCOMES, type DetainerRecord } from '../import/index.ts'
import { FACT_COLUMNS, FACT_VOCABULARY } from './facts.ts'

/** A small seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Places records are drawn from: [state, county GEOID, place GEOID]. */
export const FIXTURE_PLACES: ReadonlyArray<readonly [string | null, string | null, string | null]> = [
  ['il', '17031', null], // Cook County (registry)
  ['il', '17031', '1714000'], // Chicago (registry place, jail county unknown)
  ['ca', '06037', '0644000'], // Los Angeles city in Los Angeles County
  ['ca', '06075', null], // San Francisco
  ['ca', '06001', '0653000'], // Oakland in Alameda County (no county file)
  ['ca', '06019', null], // Fresno County (no file)
  ['tx', '48453', '4805000'], // Austin in Travis County
  ['tx', '48201', null], // Harris County (no file)
  ['pa', '42101', null], // Philadelphia
  ['pa', '42027', null], // Centre County (no file; no Pennsylvania state file)
  ['wa', '53033', '5363000'], // Seattle in King County
  ['ny', '36061', '3651000'], // New York City
  ['ia', '19103', '1938595'], // Iowa City in Johnson County
  ['fl', '12086', null], // Miami-Dade
  ['dc', '11001', null], // the District
  ['ga', '13121', null], // Fulton County (no file)
  ['tx', null, null], // unlinked, state known
  ['ca', null, null],
  [null, null, null], // unlinked, no state
]

const DAY_MS = 86_400_000
const FIRST = Date.UTC(2008, 0, 1) / DAY_MS
const LAST = Date.UTC(2025, 11, 31) / DAY_MS

function pick<T>(r: () => number, values: readonly T[]): T {
  return values[Math.floor(r() * values.length)]!
}

/**
 * Generates `n` records for one source (seeded); `factPool` draws their facts from that many
 * combinations only.
 *
 * @example
 * ```ts
 * const records = fixtureRecords(1000, 7, 'pa')
 * ```
 */
export function fixtureRecords(
  n: number,
  seed: number,
  source: string,
  options: {
    readonly factPool?: number
    /** Places to draw from instead of {@link FIXTURE_PLACES}. */
    readonly places?: ReadonlyArray<readonly [string | null, string | null, string | null]>
    /** Days (since 1970-01-01) to draw most dates next to: the day before, of, or after one. */
    readonly nearDays?: readonly number[]
  } = {},
): DetainerRecord[] {
  const r = random(seed)
  const drawFacts = (): Record<string, string | null> => {
    const facts: Record<string, string | null> = {}
    for (const col of FACT_COLUMNS) {
      const vocabulary = FACT_VOCABULARY[col]
      facts[col] = r() < 0.35 ? null : pick(r, vocabulary)
    }
    // statuses mostly agree with their categories, as importers write them
    if (facts.conviction_status === 'none') facts.conviction_category = facts.conviction_level = null
    if (facts.charge_status === 'none') facts.charge_category = facts.charge_level = null
    return facts
  }
  // a small pool of fact combinations puts many records of one kind on either side of each boundary day
  const pool = options.factPool ? Array.from({ length: options.factPool }, drawFacts) : null
  const out: DetainerRecord[] = []
  for (let i = 0; i < n; i++) {
    const [state, county, place] = pick(r, options.places ?? FIXTURE_PLACES)
    const near = options.nearDays && options.nearDays.length > 0 && r() < 0.6
    const day = r() < 0.03 ? null : near ? pick(r, options.nearDays!) + Math.floor(r() * 3) - 1 : FIRST + Math.floor(r() * (LAST - FIRST + 1))
    const facts = pool ? pick(r, pool) : drawFacts()
    out.push({
      source,
      source_line: i + 2,
      record_id: `${source}-${seed}-${i}`,
      event_date: day === null ? null : new Date(day * DAY_MS).toISOString().slice(0, 10),
      state,
      county_geoid: county,
      place_geoid: place,
      facility_code: null,
      facility_name: null,
      link_method: county ? 'county-name' : 'unlinked',
      detainer_form: facts.detainer_form as DetainerRecord['detainer_form'],
      custody: facts.custody as DetainerRecord['custody'],
      conviction_status: facts.conviction_status as DetainerRecord['conviction_status'],
      conviction_category: facts.conviction_category as DetainerRecord['conviction_category'],
      conviction_level: facts.conviction_level as DetainerRecord['conviction_level'],
      charge_status: facts.charge_status as DetainerRecord['charge_status'],
      charge_category: facts.charge_category as DetainerRecord['charge_category'],
      charge_level: facts.charge_level as DetainerRecord['charge_level'],
      practice_outcome: source === 'pa' && r() < 0.8 ? pick(r, PRACTICE_OUTCOMES) : null,
    })
  }
  return out
}

/**
 * Writes records to a Parquet file in a fresh temporary folder and returns its path.
 *
 * @example
 * ```ts
 * const path = await writeFixture(fixtureRecords(500, 1, 'ice-lesa'), 'lesa.parquet')
 * ```
 */
export async function writeFixture(records: readonly DetainerRecord[], name: string, dir = mkdtempSync(join(tmpdir(), 'sanctuary-sim-'))): Promise<string> {
  const path = join(dir, name)
  const writer = await ParquetWriter.open(path)
  for (const record of records) writer.append(record)
  await writer.close()
  return path
}
