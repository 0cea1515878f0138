/**
 * Reading us-geo (bdurand/us_geo: Census places, counties and states with their populations)
 * where it lies — by default the shared data folder beside the repository — for the name
 * resolver: every incorporated place gets an ID and a population, and counties and states get
 * theirs. Nothing is copied into the project; without the folder the product runs on us-atlas and
 * the registry alone (no places, no populations).
 *
 * @example
 * ```ts
 * const geo = await sharedUsGeo() // null when ../shared/data/us-geo is absent
 * const gazetteer = buildGazetteer(registry, withUsGeo(atlas.input, geo))
 * ```
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GazetteerInput, GazetteerPlaceInput } from '../../core/answers/index.ts'
import { AppError } from '../../core/errors/index.ts'

/** The tables read, relative to the us-geo folder. */
export const US_GEO_FILES = {
  states: 'data/2020_dist/states.csv',
  counties: 'data/2020_dist/counties.csv',
  places: 'data/2020_dist/places.csv',
} as const

/** What us-geo adds to the gazetteer. */
export interface UsGeo {
  readonly kind: 'us-geo'
  readonly dir: string
  /** Incorporated places (Census FIPS classes C*), with population and primary county. */
  readonly places: readonly GazetteerPlaceInput[]
  /** Residents by two-digit state FIPS code. */
  readonly statePopulation: ReadonlyMap<string, number>
  /** Residents by five-digit county GEOID. */
  readonly countyPopulation: ReadonlyMap<string, number>
}

/**
 * The us-geo folder: `SANCTUARY_US_GEO` when set, else `../shared/data/us-geo` beside the repository.
 *
 * @example
 * ```ts
 * defaultUsGeoDir() // '/work/shared/data/us-geo'
 * ```
 */
export function defaultUsGeoDir(): string {
  return process.env.SANCTUARY_US_GEO || resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/us-geo')
}

type Row = Record<string, string>

async function table(dir: string, file: string, columns: readonly string[]): Promise<Row[]> {
  const path = join(dir, file)
  const text = await readFile(path, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    throw new AppError('not-found', `cannot read us-geo table: ${cause.code ?? cause.message}`, { file: path }, { cause })
  })
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = splitCsvLine(lines[0] ?? '')
  for (const c of columns) if (!header.includes(c)) throw new AppError('invalid-input', `missing column "${c}"`, { file: path, line: 1, field: c })
  const rows: Row[] = []
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const values = splitCsvLine(line)
    const row: Row = {}
    header.forEach((h, j) => (row[h] = values[j] ?? ''))
    rows.push(row)
  }
  return rows
}

/** One CSV line (RFC 4180 quoting; us-geo has no line breaks inside fields). A fast path for lines without quotes. */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',')
  const out: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      out.push(field)
      field = ''
    } else field += ch
  }
  out.push(field)
  return out
}

const count = (text: string | undefined): number | undefined => {
  const n = Number((text ?? '').trim())
  return text !== undefined && text.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined
}

/** `City of Houston` with short name `Houston` → `city`; CDPs and others → `place`. */
function placeType(name: string, short: string): string {
  const m = /^(city and borough|city|town|village|borough|municipality|township) of /i.exec(name)
  if (m) return m[1]!.toLowerCase()
  const tail = name.slice(short.length).trim().toLowerCase()
  return tail || 'place'
}

/**
 * Reads us-geo's states, counties and incorporated places. Throws `not-found` when a table is
 * missing, `invalid-input` naming a missing column.
 *
 * @example
 * ```ts
 * const geo = await loadUsGeo('../shared/data/us-geo')
 * geo.places.find((p) => p.name === 'Houston' && p.state === 'TX')?.population // 2300419
 * ```
 */
export async function loadUsGeo(dir: string): Promise<UsGeo> {
  const [states, counties, places] = await Promise.all([
    table(dir, US_GEO_FILES.states, ['FIPS', 'Population']),
    table(dir, US_GEO_FILES.counties, ['GEOID', 'Population']),
    table(dir, US_GEO_FILES.places, ['GEOID', 'Name', 'Short Name', 'State', 'County GEOID', 'FIPS Class', 'Population']),
  ])
  const statePopulation = new Map<string, number>()
  for (const r of states) {
    const n = count(r.Population)
    if (n !== undefined) statePopulation.set(r.FIPS!.padStart(2, '0'), n)
  }
  const countyPopulation = new Map<string, number>()
  for (const r of counties) {
    const n = count(r.Population)
    if (n !== undefined) countyPopulation.set(r.GEOID!.padStart(5, '0'), n)
  }
  const list: GazetteerPlaceInput[] = []
  for (const r of places) {
    // C1–C7: incorporated places (governments); U1/U2 census-designated places and others are not jurisdictions.
    if (!/^C/.test(r['FIPS Class'] ?? '')) continue
    const population = count(r.Population)
    const county = (r['County GEOID'] ?? '').trim()
    list.push({
      geoid: r.GEOID!.padStart(7, '0'),
      name: r['Short Name']!.trim(),
      state: r.State!.trim().toUpperCase(),
      ...(county ? { countyGeoid: county.padStart(5, '0') } : {}),
      ...(population !== undefined ? { population } : {}),
      type: placeType(r.Name ?? '', r['Short Name'] ?? ''),
    })
  }
  return Object.freeze({ kind: 'us-geo', dir, places: Object.freeze(list), statePopulation, countyPopulation })
}

let shared: Promise<UsGeo | null> | undefined

/**
 * us-geo from {@link defaultUsGeoDir}, read once per process; null when the folder is absent.
 *
 * @example
 * ```ts
 * const geo = await sharedUsGeo()
 * ```
 */
export function sharedUsGeo(): Promise<UsGeo | null> {
  shared ??= (async () => {
    const dir = defaultUsGeoDir()
    return existsSync(join(dir, US_GEO_FILES.places)) ? loadUsGeo(dir) : null
  })().catch((error: unknown) => {
    shared = undefined
    throw error
  })
  return shared
}

/**
 * The gazetteer input with us-geo's places and populations added (unchanged when `geo` is null).
 *
 * @example
 * ```ts
 * buildGazetteer(registry, withUsGeo(atlas.input, await sharedUsGeo()))
 * ```
 */
export function withUsGeo(input: GazetteerInput, geo: UsGeo | null | undefined): GazetteerInput {
  if (!geo) return input
  const states = input.states.map((s) => (geo.statePopulation.has(s.fips) ? { ...s, population: geo.statePopulation.get(s.fips)! } : s))
  const counties = input.counties.map((c) => (geo.countyPopulation.has(c.geoid) ? { ...c, population: geo.countyPopulation.get(c.geoid)! } : c))
  const known = new Set(states.map((s) => s.fips))
  return { states, counties, places: geo.places.filter((p) => known.has(p.geoid.slice(0, 2))) }
}

/**
 * An atlas source (us-atlas, or anything with a gazetteer input) with us-geo's places and
 * populations added to its input; unchanged when `geo` is null.
 *
 * @example
 * ```ts
 * const atlas = atlasWithUsGeo(await sharedUsAtlas(), await sharedUsGeo())
 * ```
 */
export function atlasWithUsGeo<A extends { readonly input: GazetteerInput }>(atlas: A, geo: UsGeo | null | undefined): A {
  if (!geo) return atlas
  return Object.freeze({ ...atlas, input: withUsGeo(atlas.input, geo) })
}
