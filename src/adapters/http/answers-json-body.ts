/**
 * The JSON answers body for any date without serialising or gzipping the map again. Everything
 * but `date` and `facts` is the same for every date whose decisions agree, so that part (the
 * "prefix") is made of segments kept already deflated, and the date's fields close the object:
 *
 *   gzip header · raw deflate of the prefix's segments, each ended by a sync flush ·
 *   one stored (uncompressed) final block holding `,"date":…,"facts":…}` · CRC-32 · length
 *
 * The segments are the head (query, counts, states), each run of one state's counties, and the
 * tail. Each is found by a short key naming what its text depends on (the decisions of the chains
 * its rows use, and their 287(g) counts), so a new interval whose decisions differ from a known
 * one in one state deflates that state's counties only, and an interval seen before in another
 * combination of law and agreements deflates nothing. A prefix keeps its segments' keys, CRC-32
 * (combined from theirs, see {@link crc32Combine}), length and hash; a request only looks its
 * segments up and joins their bytes. The result is a standard gzip member: any client decodes it.
 */
import { createHash } from 'node:crypto'
import { constants, crc32, deflateRawSync } from 'node:zlib'
import { assumedFacts, templateAssumptions, templateById, type AnswersCache, type Decision, type Gazetteer, type MapDecisions } from '../../core/answers/index.ts'
import type { Engine } from '../../core/engine/index.ts'
import { ByteLru, type CachedBody } from './answers-service.ts'

// CRC-32 of a concatenation from the parts' CRCs, as zlib's crc32_combine (multiplication modulo
// the CRC polynomial, reflected).
const POLY = 0xedb88320

function multModP(a: number, b: number): number {
  let m = 0x80000000
  let p = 0
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b
      if ((a & (m - 1)) === 0) break
    }
    m >>>= 1
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1
  }
  return p >>> 0
}

const X2N: number[] = [0x40000000]
for (let n = 1; n < 32; n++) X2N.push(multModP(X2N[n - 1]!, X2N[n - 1]!))

/** x^(8·bytes) modulo the CRC polynomial: what {@link crc32Combine} multiplies the first CRC by. */
export function crc32Shift(bytes: number): number {
  let p = 0x80000000
  let k = 3
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multModP(X2N[k & 31]!, p)
  return p >>> 0
}

/**
 * The CRC-32 of `a` followed by `b`, from the CRC-32 of `a`, that of `b` and `crc32Shift(b.length)`.
 *
 * @example
 * ```ts
 * crc32Combine(crc32(a), crc32(b), crc32Shift(b.length)) === crc32(Buffer.concat([a, b])) // true
 * ```
 */
export function crc32Combine(crcA: number, crcB: number, shiftB: number): number {
  return (multModP(shiftB, crcA >>> 0) ^ crcB) >>> 0
}

/** One deflated segment of a prefix. */
interface Segment {
  /** Raw deflate blocks ended by a sync flush (byte-aligned, no final block). */
  readonly deflated: Buffer
  readonly crc: number
  /** UTF-8 length of the text, and its CRC shift. */
  readonly length: number
  readonly shift: number
  /** SHA-1 of the text. */
  readonly hash: Buffer
  readonly bytes: number
}

/** The date-independent part of one answers body: its segments' keys, CRC-32, length and hash. */
export interface JsonPrefix {
  readonly kind: 'json-prefix'
  readonly keys: readonly string[]
  readonly crc: number
  readonly length: number
  readonly hash: string
  readonly bytes: number
}

export const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
const TAIL_KEY = 't'
// deflate's window: how far back a segment's deflated bytes may refer
const WINDOW = 32 * 1024
const MAX_KEY_IDS = 1_000_000

/** Builds JSON answers bodies from an {@link AnswersCache} (see the file comment). */
export class AnswersJsonBodies {
  private readonly rowStart: string[]
  private readonly rowEnd: string[]
  private readonly runs: { readonly from: number; readonly to: number; readonly chains: Int32Array }[] = []
  private readonly runOfGeoid = new Map<string, number>()
  private readonly decisionText = new WeakMap<Decision, string>()
  private readonly agreementKeys = new Map<number, readonly string[]>()
  private readonly keyIds = new Map<string, number>()
  private readonly segments: ByteLru<Segment>
  private readonly prefixes: ByteLru<JsonPrefix>
  private readonly prefixBytes: ByteLru<{ readonly gzipped: Buffer; readonly bytes: number }>
  private readonly bodies: ByteLru<CachedBody>

  constructor(
    private readonly engine: Engine,
    private readonly gazetteer: Gazetteer,
    private readonly cache: AnswersCache,
    private readonly contentType: string,
    budgetBytes = 128 * 1024 * 1024,
  ) {
    this.rowStart = gazetteer.counties.map((c) => `${JSON.stringify({ geoid: c.geoid, name: c.name, state: c.state, jurisdiction: c.jurisdiction, inRegistry: c.inRegistry }).slice(0, -1)},`)
    // the row closes after the interval's 287(g) counts
    this.rowEnd = gazetteer.counties.map((c) => `,"places":${JSON.stringify(c.places)}`)
    let from = 0
    for (let i = 1; i <= gazetteer.counties.length; i++) {
      if (i === gazetteer.counties.length || gazetteer.counties[i]!.state !== gazetteer.counties[from]!.state) {
        for (let k = from; k < i; k++) this.runOfGeoid.set(gazetteer.counties[k]!.geoid, this.runs.length)
        this.runs.push({ from, to: i, chains: Int32Array.from(new Set(cache.chainOfCounty.subarray(from, i))) })
        from = i
      }
    }
    // within the budget: deflated segments; prefixes (their segments' keys and sums); prefixes'
    // bytes joined; and whole bodies of recent dates, for a URL asked again
    this.segments = new ByteLru(budgetBytes / 16)
    this.prefixes = new ByteLru(budgetBytes / 16)
    this.prefixBytes = new ByteLru((budgetBytes * 11) / 16)
    this.bodies = new ByteLru((budgetBytes * 3) / 16)
  }

  /** Segments deflated so far (for tests and benchmarks). */
  deflated = 0

  /** Segments deflated, and what the three caches hold. */
  stats(): { readonly deflated: number; readonly segments: number; readonly segmentBytes: number; readonly prefixes: number; readonly prefixBytes: number; readonly bodies: number } {
    return { deflated: this.deflated, segments: this.segments.size, segmentBytes: this.segments.bytes, prefixes: this.prefixes.size, prefixBytes: this.prefixBytes.bytes, bodies: this.bodies.size }
  }

  private decision(d: Decision): string {
    let t = this.decisionText.get(d)
    if (t === undefined) this.decisionText.set(d, (t = JSON.stringify(d).slice(1, -1)))
    return t
  }

  /** Per run of counties, its 287(g) counts as a key (empty for none). */
  private agreementKey(md: MapDecisions): readonly string[] {
    let keys = this.agreementKeys.get(md.agreementsId)
    if (!keys) {
      const parts: string[][] = this.runs.map(() => [])
      for (const [geoid, n] of md.agreements.own) parts[this.runOfGeoid.get(geoid) ?? 0]!.push(`${geoid}:${n}`)
      for (const [geoid, n] of md.agreements.city) parts[this.runOfGeoid.get(geoid) ?? 0]!.push(`${geoid}c${n}`)
      keys = parts.map((p) => p.join(','))
      this.agreementKeys.set(md.agreementsId, keys)
    }
    return keys
  }

  /** The keys of a prefix's segments: head, one per run of counties, tail. */
  private keysOf(md: MapDecisions): string[] {
    const agreements = this.agreementKey(md)
    const keys = [`h|${md.signature.slice(0, md.signature.lastIndexOf('|287g:'))}`]
    this.runs.forEach((run, r) => {
      let k = `${r}|`
      for (const c of run.chains) k += `${md.decisionIds[c]},`
      keys.push(`${k}|${agreements[r]}`)
    })
    keys.push(TAIL_KEY)
    // each segment is deflated against the one before it (see segment()); keys as short ids
    const ids = keys.map((k) => this.keyId(k))
    return ids.map((id, i) => (i === 0 ? String(id) : `${id}<${ids[i - 1]}`))
  }

  /**
   * A short id per segment key text. Should the ids ever grow past a bound, every cache that
   * uses them starts again (an id is never reused for another text while they hold it).
   */
  private keyId(key: string): number {
    let id = this.keyIds.get(key)
    if (id === undefined) {
      if (this.keyIds.size >= MAX_KEY_IDS) {
        this.keyIds.clear()
        for (const lru of [this.segments, this.prefixes, this.prefixBytes, this.bodies]) lru.clear()
      }
      this.keyIds.set(key, (id = this.keyIds.size))
    }
    return id
  }

  /** The text of segment `index` (0 the head, then the runs, then the tail). */
  private segmentText(md: MapDecisions, index: number): string {
    const { gazetteer, cache } = this
    if (index === 0) {
      const template = templateById(md.template)
      const counts = { permitted: 0, required: 0, prohibited: 0, undetermined: 0 }
      for (let i = 0; i < gazetteer.counties.length; i++) counts[md.byChain[cache.chainOfCounty[i]!]!.value]++
      const states = gazetteer.states.map((s, i) => `${JSON.stringify({ fips: s.fips, code: s.code, name: s.name, jurisdiction: s.jurisdiction, inRegistry: s.inRegistry }).slice(0, -1)},${this.decision(md.byChain[cache.chainOfState[i]!]!)}}`)
      return (
        `{"kind":"answers","action":${JSON.stringify(md.action)},"template":${JSON.stringify({ id: template.id, label: template.label })},` +
        `"assumptions":${JSON.stringify(templateAssumptions(template.id, md.assume))},"registryVersion":${JSON.stringify(this.engine.registry.version)},` +
        `"engineVersion":${JSON.stringify(this.engine.version)},"counts":${JSON.stringify(counts)},"states":[${states.join(',')}],"counties":[`
      )
    }
    const r = index - 1
    const run = this.runs[r]
    if (!run) return `],"placesWithoutCounty":${JSON.stringify(gazetteer.placesWithoutCounty)}`
    const rows: string[] = []
    for (let i = run.from; i < run.to; i++) {
      const geoid = gazetteer.counties[i]!.geoid
      const agreements = `,"agreements287g":${md.agreements.own.get(geoid) ?? 0},"cityAgreements287g":${md.agreements.city.get(geoid) ?? 0}}`
      rows.push(this.rowStart[i]! + this.decision(md.byChain[cache.chainOfCounty[i]!]!) + this.rowEnd[i]! + agreements)
    }
    return (r === 0 ? '' : ',') + rows.join(',')
  }

  /**
   * Segment `index` of a prefix, deflated with the text before it (the previous segment's) as the
   * dictionary, so that it may refer back into it as one stream would: its key names both.
   */
  private segment(md: MapDecisions, key: string, index: number): Segment {
    let seg = this.segments.get(key)
    if (!seg) {
      const utf8 = Buffer.from(this.segmentText(md, index))
      const dictionary = index > 0 ? Buffer.from(this.segmentText(md, index - 1)).subarray(-WINDOW) : undefined
      const deflated = deflateRawSync(utf8, { finishFlush: constants.Z_SYNC_FLUSH, level: 9, memLevel: 9, ...(dictionary ? { dictionary } : {}) })
      seg = Object.freeze({ deflated, crc: crc32(utf8), length: utf8.length, shift: crc32Shift(utf8.length), hash: createHash('sha1').update(utf8).digest(), bytes: deflated.length + key.length * 2 + 128 })
      this.segments.set(key, seg)
      this.deflated++
    }
    return seg
  }

  /** The prefix for a decision vector (cached by its signature). */
  prefix(md: MapDecisions): JsonPrefix {
    const hit = this.prefixes.get(md.signature)
    if (hit) return hit
    const keys = this.keysOf(md)
    let crc = 0
    let length = 0
    const hash = createHash('sha1')
    keys.forEach((key, i) => {
      const seg = this.segment(md, key, i)
      crc = crc32Combine(crc, seg.crc, seg.shift)
      length += seg.length
      hash.update(seg.hash)
    })
    const prefix: JsonPrefix = Object.freeze({ kind: 'json-prefix', keys, crc, length, hash: hash.digest('base64url'), bytes: keys.reduce((n, k) => n + 2 * k.length + 32, 256) })
    this.prefixes.set(md.signature, prefix)
    return prefix
  }

  /** The whole body for a date: the prefix closed by the date's own fields. */
  body(md: MapDecisions, date: string): CachedBody {
    const bodyKey = `${date}|${md.signature}`
    const cached = this.bodies.get(bodyKey)
    if (cached) return cached
    const prefix = this.prefix(md)
    let joined = this.prefixBytes.get(md.signature)
    if (!joined) {
      const gzipped = Buffer.concat([GZIP_HEADER, ...prefix.keys.map((key, i) => this.segment(md, key, i).deflated)])
      this.prefixBytes.set(md.signature, (joined = { gzipped, bytes: gzipped.length + 128 }))
    }
    // most clients take gzip: the text is made again each time it is asked for (and not kept)
    const body = closedBody({ gzipped: joined.gzipped, crc: prefix.crc, length: prefix.length, hash: prefix.hash }, dateFields(md, date), this.contentType, () =>
      prefix.keys.map((_, i) => this.segmentText(md, i)).join(''),
    )
    this.bodies.set(bodyKey, body)
    return body
  }
}

/** The fields an answers body ends with, which depend on the date: `,"date":…,"facts":…}`. */
export function dateFields(md: MapDecisions, date: string): Buffer {
  return Buffer.from(`,"date":${JSON.stringify(date)},"facts":${JSON.stringify(assumedFacts(md.template, date, md.assume))}}`)
}

/** A gzip member's start kept for many bodies: header and deflate blocks ended by a sync flush, with the CRC-32, length and hash of the text they hold. */
export interface GzipPrefix {
  readonly gzipped: Buffer
  readonly crc: number
  readonly length: number
  /** A hash of the text (any stable text: it only goes into the ETag). */
  readonly hash: string
}

/**
 * A body made of a shared gzipped prefix and a short tail: the tail goes into one stored
 * (uncompressed) final block after the prefix's bytes, then the CRC-32 and length of the whole.
 * The gzipped form is two buffers, the shared one and this body's own, never joined on the way
 * (see sendCached); the plain text is made again (by `prefixText`) each time it is asked for.
 *
 * @example
 * ```ts
 * const body = closedBody(prefix, Buffer.from(',"date":"2019-06-01"}'), 'application/json', () => text)
 * gunzipSync(body.gzipped).toString() === body.text // true
 * ```
 */
export function closedBody(prefix: GzipPrefix, tail: Buffer, contentType: string, prefixText: () => string): CachedBody {
  if (tail.length > 0xffff) throw new Error('answers body: the date fields exceed one stored block')
  // The prefix's hash names the shared text; the whole body's CRC-32 and length tell the tails apart
  // (for one URL the tail changes only with the code that writes it), with no hash per response.
  const crc = crc32(tail, prefix.crc) >>> 0
  const end = Buffer.allocUnsafe(5 + tail.length + 8)
  end.set([0x01, tail.length & 0xff, tail.length >> 8, ~tail.length & 0xff, (~tail.length >> 8) & 0xff])
  tail.copy(end, 5)
  end.writeUInt32LE(crc, 5 + tail.length)
  end.writeUInt32LE((prefix.length + tail.length) % 2 ** 32, 9 + tail.length)
  const gzippedParts = [prefix.gzipped, end] as const
  const etag = `"${prefix.hash}-${crc.toString(36)}-${(prefix.length + tail.length).toString(36)}"`
  return {
    kind: 'cached-body',
    contentType,
    get text() {
      return prefixText() + tail.toString()
    },
    get gzipped() {
      return Buffer.concat(gzippedParts)
    },
    gzippedParts,
    etag,
    gzippedEtag: `${etag.slice(0, -1)}-gz"`,
    bytes: end.length + 512,
  }
}
