/**
 * Reading us-atlas (Census cartographic boundaries as TopoJSON, shipped in node_modules): the
 * state and county lists the gazetteer needs, and, on first use, their geometry as GeoJSON
 * (lon/lat, rounded to 5 decimals, about a metre) for the GeoJSON downloads.
 *
 * @example
 * ```ts
 * const atlas = await loadUsAtlas()
 * const gazetteer = buildGazetteer(registry, atlas.input)
 * ```
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import type { AtlasGeometry, GazetteerInput, Geometry } from '../../core/answers/index.ts'
import { AppError } from '../../core/errors/index.ts'

/** The gazetteer input and a memoised geometry loader. */
export interface UsAtlas {
  readonly kind: 'us-atlas'
  readonly input: GazetteerInput
  /** Converts the TopoJSON to GeoJSON once, on the first call. */
  geometry(): AtlasGeometry
}

type Named = GeometryCollection<{ name: string }>

/**
 * Path of us-atlas's counties-10m.json (which also holds the states and the nation).
 *
 * @example
 * ```ts
 * usAtlasCountiesPath() // '/…/node_modules/us-atlas/counties-10m.json'
 * ```
 */
export function usAtlasCountiesPath(): string {
  return createRequire(import.meta.url).resolve('us-atlas/counties-10m.json')
}

function round(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1e5) / 1e5
  return Array.isArray(value) ? value.map(round) : value
}

function geometries(topology: Topology, object: Named | GeometryCollection): Map<string, Geometry> {
  const out = new Map<string, Geometry>()
  for (const f of feature(topology, object).features) {
    if (f.id === undefined || !f.geometry) continue
    const g = f.geometry as Geometry
    out.set(String(f.id), Object.freeze({ type: g.type, coordinates: round(g.coordinates) }))
  }
  return out
}

function nationGeometry(topology: Topology, object: GeometryCollection): Geometry | null {
  const g = feature(topology, object).features[0]?.geometry as Geometry | undefined
  return g ? Object.freeze({ type: g.type, coordinates: round(g.coordinates) }) : null
}

/**
 * Reads us-atlas counties-10m.json. Throws `not-found` when the package is missing.
 *
 * @example
 * ```ts
 * (await loadUsAtlas()).input.counties.length // 3231
 * ```
 */
export async function loadUsAtlas(path: string = usAtlasCountiesPath()): Promise<UsAtlas> {
  const text = await readFile(path, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    throw new AppError('not-found', `cannot read us-atlas at ${path}: ${cause.code ?? cause.message} (run npm install)`, { file: path }, { cause })
  })
  const topology = JSON.parse(text) as Topology<{ counties: Named; states: Named; nation: GeometryCollection }>
  const list = (o: Named) => o.geometries.map((g) => ({ id: String(g.id), name: (g.properties as { name?: string } | undefined)?.name ?? String(g.id) }))
  const input: GazetteerInput = {
    states: list(topology.objects.states).map((s) => ({ fips: s.id, name: s.name })),
    counties: list(topology.objects.counties).map((c) => ({ geoid: c.id, name: c.name })),
  }
  let geometry: AtlasGeometry | undefined
  return Object.freeze({
    kind: 'us-atlas',
    input,
    geometry(): AtlasGeometry {
      geometry ??= Object.freeze({
        counties: geometries(topology, topology.objects.counties),
        states: geometries(topology, topology.objects.states),
        nation: nationGeometry(topology, topology.objects.nation),
      })
      return geometry
    },
  })
}

let shared: Promise<UsAtlas> | undefined

/**
 * us-atlas read once per process and shared (servers and tests building several apps).
 *
 * @example
 * ```ts
 * const atlas = await sharedUsAtlas()
 * ```
 */
export function sharedUsAtlas(): Promise<UsAtlas> {
  shared ??= loadUsAtlas().catch((error: unknown) => {
    shared = undefined
    throw error
  })
  return shared
}

/** Where us-atlas' pre-projected counties file is (Albers USA fitted to 975×610, as the map draws it). */
export function usAtlasAlbersPath(): string {
  return createRequire(import.meta.url).resolve('us-atlas/counties-albers-10m.json')
}

let albers: Promise<AtlasGeometry> | undefined

/**
 * The map's projected geometry (us-atlas counties-albers-10m.json: planar, y down), read once per
 * process, for images drawn on the server (link previews).
 *
 * @example
 * ```ts
 * (await sharedAlbersGeometry()).counties.get('48453') // Travis County, TX, in map pixels
 * ```
 */
export function sharedAlbersGeometry(): Promise<AtlasGeometry> {
  albers ??= loadUsAtlas(usAtlasAlbersPath())
    .then((a) => a.geometry())
    .catch((error: unknown) => {
      albers = undefined
      throw error
    })
  return albers
}
