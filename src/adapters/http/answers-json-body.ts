/**
 * The JSON answers body for any date without serialising or gzipping the map again. Everything
 * but `date` and `facts` is the same for every date whose decisions agree, so that part (the
 * "prefix") is kept per decision vector, already gzipped, and the date's fields close the object:
 *
 *   gzip header · raw deflate of the prefix's segments, each ended by a sync flush ·
 *   one stored (uncompressed) final block holding `,"date":…,"facts":…}` · CRC-32 · length
 *
 * The prefix is split into segments (the head with the states, each run of one state's counties,
 * the tail) compressed on their own, so a decision vector that differs from a known one in one
 * state recompresses that state's counties only. The CRC-32 of the whole body continues the
 * prefix's with the date's bytes. The result is a standard gzip member: any client decodes it.
 */
import { createHash } from 'node:crypto'
import { constants, crc32, deflateRawSync } from 'node:zlib'
import { assumedFacts, templateAssumptions, templateById, type AnswersCache, type Decision, type Gazetteer, type MapDecisions } from '../../core/answers/index.ts'
import type { Engine } from '../../core/engine/index.ts'
import { ByteLru, type CachedBody } from './answers-service.ts'

/** The date-independent part of one answers body, serialised and gzipped. */
export interface JsonPrefix {
  readonly kind: 'json-prefix'
  /** The prefix's text, in segments (shared with the segment cache; joined only for a client that takes no gzip). */
  readonly texts: readonly string[]
  /** Gzip header and raw deflate blocks, byte-aligned, no final block. */
  readonly gzipped: Buffer
  /** CRC-32 and UTF-8 length of `text`. */
  readonly crc: number
  readonly length: number
  readonly hash: string
  readonly bytes: number
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])

/** Builds JSON answers bodies from an {@link AnswersCache} (see the file comment). */
export class AnswersJsonBodies {
  private readonly rowStart: string[]
  private readonly rowEnd: string[]
  private readonly runs: { readonly from: number; readonly to: number }[] = []
  private readonly decisionText = new WeakMap<Decision, string>()
  private readonly segments: ByteLru<{ readonly deflated: Buffer; readonly bytes: number }>
  private readonly prefixes: ByteLru<JsonPrefix>

  constructor(
    private readonly engine: Engine,
    private readonly gazetteer: Gazetteer,
    private readonly cache: AnswersCache,
    contentType: string,
    budgetBytes = 64 * 1024 * 1024,
  ) {
    this.contentType = contentType
    this.rowStart = gazetteer.counties.map((c) => `${JSON.stringify({ geoid: c.geoid, name: c.name, state: c.state, jurisdiction: c.jurisdiction, inRegistry: c.inRegistry }).slice(0, -1)},`)
    // the row closes after the interval's 287(g) counts
    this.rowEnd = gazetteer.counties.map((c) => `,"places":${JSON.stringify(c.places)}`)
    let from = 0
    for (let i = 1; i <= gazetteer.counties.length; i++) {
      if (i === gazetteer.counties.length || gazetteer.counties[i]!.state !== gazetteer.counties[from]!.state) {
        this.runs.push({ from, to: i })
        from = i
      }
    }
    // segments hold the text (two bytes a character) and its deflated bytes; prefixes only the
    // gzipped bytes and references to the segments' text
    this.segments = new ByteLru(budgetBytes)
    this.prefixes = new ByteLru(budgetBytes)
  }

  private readonly contentType: string
  /** Prefixes built so far (for tests and benchmarks). */
  built = 0

  private decision(d: Decision): string {
    let t = this.decisionText.get(d)
    if (t === undefined) this.decisionText.set(d, (t = JSON.stringify(d).slice(1, -1)))
    return t
  }

  /** The prefix for a decision vector (cached by its signature). */
  prefix(md: MapDecisions): JsonPrefix {
    const hit = this.prefixes.get(md.signature)
    if (hit) return hit
    const { gazetteer, cache } = this
    const template = templateById(md.template)
    const counts = { permitted: 0, required: 0, prohibited: 0, undetermined: 0 }
    for (let i = 0; i < gazetteer.counties.length; i++) counts[md.byChain[cache.chainOfCounty[i]!]!.value]++
    const states = gazetteer.states.map((s, i) => `${JSON.stringify({ fips: s.fips, code: s.code, name: s.name, jurisdiction: s.jurisdiction, inRegistry: s.inRegistry }).slice(0, -1)},${this.decision(md.byChain[cache.chainOfState[i]!]!)}}`)
    const head =
      `{"kind":"answers","action":${JSON.stringify(md.action)},"template":${JSON.stringify({ id: template.id, label: template.label })},` +
      `"assumptions":${JSON.stringify(templateAssumptions(template.id, md.assume))},"registryVersion":${JSON.stringify(this.engine.registry.version)},` +
      `"engineVersion":${JSON.stringify(this.engine.version)},"counts":${JSON.stringify(counts)},"states":[${states.join(',')}],"counties":[`
    const texts = [head]
    this.runs.forEach((run, r) => {
      const rows: string[] = []
      for (let i = run.from; i < run.to; i++) {
        const geoid = gazetteer.counties[i]!.geoid
        const agreements = `,"agreements287g":${md.agreements.own.get(geoid) ?? 0},"cityAgreements287g":${md.agreements.city.get(geoid) ?? 0}}`
        rows.push(this.rowStart[i]! + this.decision(md.byChain[cache.chainOfCounty[i]!]!) + this.rowEnd[i]! + agreements)
      }
      texts.push((r === 0 ? '' : ',') + rows.join(','))
    })
    texts.push(`],"placesWithoutCounty":${JSON.stringify(gazetteer.placesWithoutCounty)}`)
    const parts: Buffer[] = [GZIP_HEADER]
    let crc = 0
    let length = 0
    const hash = createHash('sha1')
    for (const text of texts) {
      let seg = this.segments.get(text)
      if (!seg) {
        const deflated = deflateRawSync(text, { finishFlush: constants.Z_SYNC_FLUSH })
        seg = { deflated, bytes: deflated.length + text.length * 2 }
        this.segments.set(text, seg)
      }
      parts.push(seg.deflated)
      const utf8 = Buffer.from(text)
      crc = crc32(utf8, crc)
      length += utf8.length
      hash.update(utf8)
    }
    const gzipped = Buffer.concat(parts)
    this.built++
    const prefix: JsonPrefix = Object.freeze({ kind: 'json-prefix', texts, gzipped, crc, length, hash: hash.digest('base64url'), bytes: gzipped.length + 64 * texts.length })
    this.prefixes.set(md.signature, prefix)
    return prefix
  }

  /** The whole body for a date: the prefix closed by the date's own fields. */
  body(md: MapDecisions, date: string): CachedBody {
    const prefix = this.prefix(md)
    const tail = Buffer.from(`,"date":${JSON.stringify(date)},"facts":${JSON.stringify(assumedFacts(md.template, date, md.assume))}}`)
    if (tail.length > 0xffff) throw new Error('answers body: the date fields exceed one stored block')
    const block = Buffer.from([0x01, tail.length & 0xff, tail.length >> 8, ~tail.length & 0xff, (~tail.length >> 8) & 0xff])
    const trailer = Buffer.alloc(8)
    trailer.writeUInt32LE(crc32(tail, prefix.crc) >>> 0, 0)
    trailer.writeUInt32LE((prefix.length + tail.length) % 2 ** 32, 4)
    const gzipped = Buffer.concat([prefix.gzipped, block, tail, trailer])
    const etag = `"${createHash('sha1').update(prefix.hash).update(tail).digest('base64url')}"`
    const tailText = tail.toString()
    let text: string | undefined
    return {
      kind: 'cached-body',
      contentType: this.contentType,
      // most clients take gzip: the text is joined when asked for
      get text() {
        return (text ??= prefix.texts.join('') + tailText)
      },
      gzipped,
      etag,
      gzippedEtag: `${etag.slice(0, -1)}-gz"`,
      bytes: prefix.length + tail.length + gzipped.length,
    }
  }
}
