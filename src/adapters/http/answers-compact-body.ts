/**
 * The map's request: the answers in compact form (`format=compact`) and the places list they
 * index into (`/api/v1/answers/places`). Of the full body's ~1 MB (~50 KB gzipped) for 3,231
 * counties, nearly all is the same on every date and question — each county's GEOID, name, state,
 * OCD ID, registry file and cities. That part is the places list, one body per server (its id a
 * hash of its text, so a client may cache it for as long as the id is current). A compact body
 * holds the rest: the distinct answers once each and, per state and county in the list's order,
 * the index of its answer, and the 287(g) counts (a few KB, 1–3 KB gzipped).
 *
 * As for the full form (answers-json-body.ts), everything but `date` and `facts` is kept deflated
 * per decision vector and the date's fields close it in a stored block, so a new date costs no
 * serialising or compressing.
 */
import { createHash } from 'node:crypto'
import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib'
import { templateAssumptions, templateById, type AnswersCache, type AnswersPlaces, type Decision, type Gazetteer, type MapDecisions } from '../../core/answers/index.ts'
import type { Engine } from '../../core/engine/index.ts'
import { closedBody, dateFields, GZIP_HEADER, type GzipPrefix } from './answers-json-body.ts'
import { ByteLru, type CachedBody } from './answers-service.ts'
import { etagOf } from './headers.ts'

/** The places list of a gazetteer: its id is the SHA-1 of the list's text without the id. */
export function answersPlaces(engine: Engine, gazetteer: Gazetteer): AnswersPlaces {
  const rest = {
    registryVersion: engine.registry.version,
    states: gazetteer.states.map((s) => ({ fips: s.fips, code: s.code, name: s.name, jurisdiction: s.jurisdiction, inRegistry: s.inRegistry })),
    counties: gazetteer.counties.map((c) => ({ geoid: c.geoid, name: c.name, state: c.state, jurisdiction: c.jurisdiction, inRegistry: c.inRegistry, places: c.places.map((p) => ({ ...p })) })),
    placesWithoutCounty: gazetteer.placesWithoutCounty.map((p) => ({ ...p })),
  }
  const id = createHash('sha1').update(JSON.stringify(rest)).digest('base64url').slice(0, 16)
  return { kind: 'answers-places', id, ...rest }
}

/** Builds compact answers bodies from an {@link AnswersCache} (see the file comment). */
export class AnswersCompactBodies {
  /** The places list and its body, made on first use. */
  private placesValue: { readonly places: AnswersPlaces; readonly body: CachedBody } | undefined
  private readonly prefixes: ByteLru<GzipPrefix & { readonly bytes: number }>

  constructor(
    private readonly engine: Engine,
    private readonly gazetteer: Gazetteer,
    private readonly cache: AnswersCache,
    private readonly contentType: string,
    budgetBytes = 32 * 1024 * 1024,
  ) {
    this.prefixes = new ByteLru(budgetBytes)
  }

  /** Prefixes deflated so far (for tests and benchmarks). */
  deflated = 0

  /** The places list (its `id` names it in every compact body). */
  places(): AnswersPlaces {
    return this.placesEntry().places
  }

  /** The places list serialised, gzipped, with its ETags. */
  placesBody(): CachedBody {
    return this.placesEntry().body
  }

  private placesEntry(): { readonly places: AnswersPlaces; readonly body: CachedBody } {
    if (!this.placesValue) {
      const places = answersPlaces(this.engine, this.gazetteer)
      const text = JSON.stringify(places)
      const etag = etagOf(text)
      const gzipped = gzipSync(text, { level: 9 })
      const body: CachedBody = Object.freeze({ kind: 'cached-body', contentType: this.contentType, text, gzipped, etag, gzippedEtag: `${etag.slice(0, -1)}-gz"`, bytes: text.length + gzipped.length })
      this.placesValue = { places, body }
    }
    return this.placesValue
  }

  /** Everything of a compact body but the date's fields, for a decision vector. */
  prefixText(md: MapDecisions): string {
    const { gazetteer, cache } = this
    const index = new Map<Decision, number>()
    const decisions: Decision[] = []
    const indexOf = (d: Decision): number => {
      let i = index.get(d)
      if (i === undefined) {
        index.set(d, (i = decisions.length))
        decisions.push(d)
      }
      return i
    }
    const counts = { permitted: 0, required: 0, prohibited: 0, undetermined: 0 }
    const states = gazetteer.states.map((_, i) => indexOf(md.byChain[cache.chainOfState[i]!]!))
    const counties = gazetteer.counties.map((_, i) => {
      const d = md.byChain[cache.chainOfCounty[i]!]!
      counts[d.value]++
      return indexOf(d)
    })
    const own = gazetteer.counties.map((c) => md.agreements.own.get(c.geoid) ?? 0)
    const city = gazetteer.counties.map((c) => md.agreements.city.get(c.geoid) ?? 0)
    const template = templateById(md.template)
    // the key order of the Decision schema, whatever order the objects were built in
    const decisionTexts = decisions.map((d) => JSON.stringify({ value: d.value, layer: d.layer, decidedBy: d.decidedBy, maxHours: d.maxHours, conditional: d.conditional }))
    return (
      `{"kind":"answers-compact","action":${JSON.stringify(md.action)},"template":${JSON.stringify({ id: template.id, label: template.label })},` +
      `"assumptions":${JSON.stringify(templateAssumptions(template.id, md.assume))},"registryVersion":${JSON.stringify(this.engine.registry.version)},` +
      `"engineVersion":${JSON.stringify(this.engine.version)},"placesId":${JSON.stringify(this.places().id)},"counts":${JSON.stringify(counts)},` +
      `"decisions":[${decisionTexts.join(',')}],"states":[${states.join(',')}],"counties":[${counties.join(',')}],` +
      `"agreements287g":[${own.join(',')}],"cityAgreements287g":[${city.join(',')}]`
    )
  }

  /** The date-independent part, deflated (cached by the vector's signature). */
  prefix(md: MapDecisions): GzipPrefix {
    let hit = this.prefixes.get(md.signature)
    if (!hit) {
      const utf8 = Buffer.from(this.prefixText(md))
      const deflated = deflateRawSync(utf8, { finishFlush: constants.Z_SYNC_FLUSH, level: 9, memLevel: 9 })
      const gzipped = Buffer.concat([GZIP_HEADER, deflated])
      hit = Object.freeze({ gzipped, crc: crc32(utf8), length: utf8.length, hash: createHash('sha1').update(utf8).digest('base64url'), bytes: gzipped.length + md.signature.length * 2 + 128 })
      this.prefixes.set(md.signature, hit)
      this.deflated++
    }
    return hit
  }

  /**
   * The whole compact body for a date. Not cached: closing a cached prefix with the date's few
   * bytes costs less than keeping a body per date (tens of thousands of dates, each kept long
   * enough to reach the old generation and then evicted: garbage the collector must mark).
   */
  body(md: MapDecisions, date: string): CachedBody {
    return closedBody(this.prefix(md), dateFields(md, date), this.contentType, () => this.prefixText(md))
  }

}
