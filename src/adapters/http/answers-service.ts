/**
 * The answers and downloads behind the HTTP API, computed on demand and kept in memory: each
 * body once serialised, once gzipped and once hashed, in an LRU bounded by bytes. The registry
 * and engine are fixed for the server's life, so a cached body never goes stale. Answers are kept
 * per interval of the registry's boundary days (core/answers/intervals.ts): a new date inside a
 * known interval is a cache hit, and its JSON body is the interval's, closed by the date's fields
 * (answers-json-body.ts).
 */
import { promisify } from 'node:util'
import { gzip as gzipCallback } from 'node:zlib'
import {
  answersCsv,
  changedAssumptions,
  createAnswersCache,
  type Assumptions,
  answersGeoJson,
  buildGazetteer,
  registryCsv,
  registryGeoJson,
  registryJson,
  type Answers,
  type AnswersPlaces,
  type AtlasGeometry,
  type Gazetteer,
  type GazetteerInput,
  TEMPLATE_IDS,
} from '../../core/answers/index.ts'
import { buildNameIndex, type NameIndex } from '../../core/names/index.ts'
import { QUESTION_NAMES, type Engine } from '../../core/engine/index.ts'
import { AnswersCompactBodies } from './answers-compact-body.ts'
import { AnswersJsonBodies } from './answers-json-body.ts'
import { etagOf } from './headers.ts'

const gzip = promisify(gzipCallback)

/** Where the gazetteer and geometry come from: us-atlas (see `loadUsAtlas`, with us-geo's places and populations when present) or a test fixture. */
export interface AtlasSource {
  readonly input: GazetteerInput
  geometry(): AtlasGeometry
}

export type DownloadFormat = 'json' | 'csv' | 'geojson'
/** What `/api/v1/answers` sends: a download format, or `compact` (the map's request, see answers-compact-body.ts). */
export type AnswersFormat = DownloadFormat | 'compact'

export const CONTENT_TYPES: Readonly<Record<DownloadFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
}

/** A serialised body in both encodings, with their ETags. */
export interface CachedBody {
  readonly kind: 'cached-body'
  readonly contentType: string
  readonly text: string
  readonly gzipped: Buffer
  /** The gzipped bytes as parts to write one after the other, where the body is made of shared parts. */
  readonly gzippedParts?: readonly Buffer[]
  readonly etag: string
  readonly gzippedEtag: string
  readonly bytes: number
}

/**
 * Serialises, gzips and hashes a body.
 *
 * @example
 * ```ts
 * const body = await cacheBody('{}', 'application/json')
 * ```
 */
export async function cacheBody(text: string, contentType: string): Promise<CachedBody> {
  const gzipped = await gzip(text)
  const etag = etagOf(text)
  return Object.freeze({ kind: 'cached-body', contentType, text, gzipped, etag, gzippedEtag: `${etag.slice(0, -1)}-gz"`, bytes: Buffer.byteLength(text) + gzipped.length })
}

/** A least-recently-used map bounded by the total of its values' `bytes`. */
export class ByteLru<V extends { readonly bytes: number }> {
  private readonly map = new Map<string, V>()
  private total = 0
  constructor(private readonly budget: number) {}
  /** Entries kept, and the total of their bytes. */
  get size(): number {
    return this.map.size
  }
  get bytes(): number {
    return this.total
  }
  get(key: string): V | undefined {
    const v = this.map.get(key)
    if (v) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }
  /** Forgets every entry. */
  clear(): void {
    this.map.clear()
    this.total = 0
  }
  set(key: string, value: V): void {
    const old = this.map.get(key)
    if (old) {
      this.total -= old.bytes
      this.map.delete(key)
    }
    this.map.set(key, value)
    this.total += value.bytes
    for (const [k, v] of this.map) {
      if (this.total <= this.budget || this.map.size === 1) break
      this.map.delete(k)
      this.total -= v.bytes
    }
  }
}

/** The answers, search and downloads of one engine over one atlas. */
export interface AnswersService {
  readonly kind: 'answers-service'
  readonly engine: Engine
  readonly gazetteer: Gazetteer
  /** The one name resolver: every registry name and alias, every state, county and (with us-geo) Census place, and the laws. */
  readonly names: NameIndex
  /** The answers as a value (for server-side rendering); cached. Throws invalid-input on bad input. */
  answers(date: string, action: string, template: string, assume?: Assumptions): Answers
  /** The answers serialised in a format; cached. */
  answersBody(format: AnswersFormat, date: string, action: string, template: string, assume?: Assumptions): Promise<CachedBody>
  /** The places list compact answers index into (`GET /api/v1/answers/places`), and its body. */
  answersPlaces(): AnswersPlaces
  answersPlacesBody(): CachedBody
  /** The whole registry serialised in a format; cached. */
  registryBody(format: DownloadFormat): Promise<CachedBody>
  /** us-atlas geometry, converted on first use. */
  geometry(): AtlasGeometry
  /**
   * Fills the answers cache in the background, for every question and template (default
   * assumptions) and every interval that meets `[from, to]`, in slices of a few milliseconds
   * between requests. Once per service; a later call returns the same promise.
   */
  warm(from: string, to: string): Promise<void>
  /** Stops a warm-up under way (on server close). */
  close(): void
  /** What the answers caches hold and have done (for tests and benchmarks). */
  stats(): { readonly intervals: number; readonly evaluations: number; readonly compactDeflated: number } & ReturnType<AnswersJsonBodies['stats']>
}

/**
 * Creates the service. `cacheBytes` bounds the serialised downloads kept (default 64 MB), and
 * twice that the JSON answers' parts (every interval's map, joined, fits in about 80 MB).
 *
 * @example
 * ```ts
 * const service = createAnswersService(engine, await loadUsAtlas())
 * const body = await service.answersBody('json', '2019-01-01', 'hold', 'no-record')
 * body.etag // '"…"'
 * ```
 */
export function createAnswersService(engine: Engine, atlas: AtlasSource, options: { readonly cacheBytes?: number } = {}): AnswersService {
  const gazetteer = buildGazetteer(engine.registry, atlas.input)
  const names = buildNameIndex({ registry: engine.registry, gazetteer })
  const bodies = new ByteLru<CachedBody>(options.cacheBytes ?? 64 * 1024 * 1024)
  const cache = createAnswersCache(engine, gazetteer)
  const json = new AnswersJsonBodies(engine, gazetteer, cache, CONTENT_TYPES.json, 2 * (options.cacheBytes ?? 64 * 1024 * 1024))
  const compact = new AnswersCompactBodies(engine, gazetteer, cache, CONTENT_TYPES.json, (options.cacheBytes ?? 64 * 1024 * 1024) / 2)
  // Each answer set counts as 1: the 16 most recent are kept as values.
  const values = new ByteLru<{ bytes: number; answers: Answers }>(16)
  const pending = new Map<string, Promise<CachedBody>>()

  // The cache key names only the assumptions that differ from the template's (in a fixed order).
  const assumeKey = (template: string, assume: Assumptions | undefined) => (assume && Object.keys(assume).length ? JSON.stringify(changedAssumptions(template, assume)) : '')
  const answers = (date: string, action: string, template: string, assume?: Assumptions): Answers => {
    const md = cache.decisions(date, action, template, assume)
    const key = `${date}|${md.signature}`
    const hit = values.get(key)
    if (hit) return hit.answers
    const a = cache.answers(md, date)
    values.set(key, { bytes: 1, answers: a })
    return a
  }

  // Concurrent misses for the same key share one computation.
  const memo = (key: string, make: () => Promise<CachedBody>): Promise<CachedBody> => {
    const hit = bodies.get(key)
    if (hit) return Promise.resolve(hit)
    let p = pending.get(key)
    if (!p) {
      p = make().then(
        (body) => {
          bodies.set(key, body)
          pending.delete(key)
          return body
        },
        (error: unknown) => {
          pending.delete(key)
          throw error
        },
      )
      pending.set(key, p)
    }
    return p
  }

  const answersBody = (format: AnswersFormat, date: string, action: string, template: string, assume?: Assumptions): Promise<CachedBody> => {
    if (format === 'compact') return Promise.resolve(compact.body(cache.decisions(date, action, template, assume), date))
    if (format === 'json') return Promise.resolve(json.body(cache.decisions(date, action, template, assume), date))
    const a = answers(date, action, template, assume)
    return memo(`answers|${format}|${date}|${action}|${template}|${assumeKey(template, assume)}`, () =>
      cacheBody(format === 'csv' ? answersCsv(a) : JSON.stringify(answersGeoJson(a, atlas.geometry())), CONTENT_TYPES[format]),
    )
  }

  const registryBody = (format: DownloadFormat): Promise<CachedBody> =>
    memo(`registry|${format}`, () =>
      cacheBody(
        format === 'json' ? JSON.stringify(registryJson(engine.registry)) : format === 'csv' ? registryCsv(engine.registry) : JSON.stringify(registryGeoJson(engine.registry, gazetteer, atlas.geometry())),
        CONTENT_TYPES[format],
      ),
    )

  let warming: Promise<void> | undefined
  let closed = false
  const warm = (from: string, to: string): Promise<void> =>
    (warming ??= new Promise<void>((resolve) => {
      const work: (() => void)[] = []
      for (const template of TEMPLATE_IDS)
        for (const action of QUESTION_NAMES) for (const date of cache.intervalDates(action, template, from, to)) work.push(() => void compact.prefix(cache.decisions(date, action, template)))
      // then the full JSON form's parts (the map asks for the compact form; other clients for this)
      for (const template of TEMPLATE_IDS)
        for (const action of QUESTION_NAMES) for (const date of cache.intervalDates(action, template, from, to)) work.push(() => void json.body(cache.decisions(date, action, template), date))
      let next = 0
      const slice = () => {
        const until = performance.now() + 4
        while (!closed && next < work.length && performance.now() < until) work[next++]!()
        if (closed || next >= work.length) resolve()
        else setImmediate(slice)
      }
      setImmediate(slice)
    }))

  return Object.freeze({
    kind: 'answers-service',
    engine,
    gazetteer,
    names,
    answers,
    answersBody,
    answersPlaces: () => compact.places(),
    answersPlacesBody: () => compact.placesBody(),
    registryBody,
    geometry: () => atlas.geometry(),
    warm,
    close: () => void (closed = true),
    stats: () => ({ ...cache.stats(), ...json.stats(), compactDeflated: compact.deflated }),
  })
}
