/**
 * Routes for the map and the downloads: `/api/v1/answers`, `/api/v1/templates` and
 * `/api/v1/export/registry`. Bodies come pre-serialised from the answers service, gzipped when
 * the client accepts it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ASSUMABLE_FACTS, AnswersPlacesSchema, AnswersSchema, CASE_TEMPLATES, CompactAnswersSchema, parseAssumptions, ErrorSchema, QUESTION_IDS, QuestionSchema, TEMPLATE_IDS, TemplateIdSchema } from '../../core/answers/index.ts'
import { formatDay, todayUtc } from '../../core/dates/index.ts'
import { QUESTIONS } from '../../core/engine/index.ts'
import { MAP_FIRST_DATE } from '../../web/shared/words.ts'
import type { AnswersFormat, AnswersService, CachedBody, DownloadFormat } from './answers-service.ts'
import { API_CACHE_CONTROL, ifNoneMatchHits, SECURITY_HEADERS } from './headers.ts'

/** YYYY-MM-DD; the calendar check (no 2019-02-30) is the core's. */
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'

const FormatSchema = Type.Enum(['json', 'csv', 'geojson'] as const, { description: 'json (default), csv (one row per county) or geojson (county polygons)' })
const AnswersFormatSchema = Type.Enum(['json', 'compact', 'csv', 'geojson'] as const, {
  description: 'json (default), compact (what the map asks for: distinct answers and an index per state and county, in the order of GET /api/v1/answers/places), csv (one row per county) or geojson (county polygons)',
})

/** How long a client may keep the places list fetched by its current id: a year (a new list has a new id). */
export const PLACES_CACHE_CONTROL = 'public, max-age=31536000, immutable'

/**
 * True when an Accept-Encoding header allows gzip.
 *
 * @example
 * ```ts
 * acceptsGzip('gzip, deflate, br') // true
 * acceptsGzip('gzip;q=0') // false
 * ```
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '')
  return text.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (name !== 'gzip' && name !== '*') return false
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  })
}

/**
 * Sends a cached body, gzipped when accepted, with its ETag and, for downloads, a
 * Content-Disposition naming the file.
 *
 * @example
 * ```ts
 * return sendCached(request, reply, body, 'answers.csv')
 * ```
 */
export function sendCached(request: FastifyRequest, reply: FastifyReply, body: CachedBody, filename?: string): FastifyReply {
  if (body.gzippedParts && request.method === 'GET' && acceptsGzip(request.headers['accept-encoding'])) return sendParts(request, reply, body, body.gzippedParts, filename)
  reply.header('content-type', body.contentType).header('vary', 'accept-encoding')
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`)
  if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').header('etag', body.gzippedEtag).send(body.gzipped)
  return reply.header('etag', body.etag).send(body.text)
}

/**
 * A gzipped body made of shared parts, written part by part without joining them: the reply is
 * taken over from Fastify (so no copy of the whole body per request), with the headers its hooks
 * would add (security headers, Cache-Control, the ETag and 304 on If-None-Match).
 */
function sendParts(request: FastifyRequest, reply: FastifyReply, body: CachedBody, parts: readonly Buffer[], filename?: string): FastifyReply {
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'content-type': body.contentType,
    vary: 'accept-encoding',
    'content-encoding': 'gzip',
    etag: body.gzippedEtag,
    'cache-control': API_CACHE_CONTROL,
  }
  const condition = request.headers['if-none-match']
  reply.hijack()
  const res = reply.raw
  if (typeof condition === 'string' && ifNoneMatchHits(condition, body.gzippedEtag)) {
    res.writeHead(304, headers)
    res.end()
    return reply
  }
  if (filename) headers['content-disposition'] = `attachment; filename="${filename}"`
  let length = 0
  for (const p of parts) length += p.length
  headers['content-length'] = length
  res.writeHead(200, headers)
  res.cork()
  for (let i = 0; i < parts.length - 1; i++) res.write(parts[i])
  res.end(parts[parts.length - 1])
  res.uncork()
  return reply
}

const EXTENSION: Readonly<Record<AnswersFormat, string>> = { json: 'json', compact: 'json', csv: 'csv', geojson: 'geojson' }

const downloadResponse = (description: string, json: object) => ({
  description,
  content: {
    'application/json': { schema: json },
    'text/csv': { schema: Type.String({ description: 'CSV, header row first, CRLF line ends' }) },
    'application/geo+json': { schema: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Object({}, { additionalProperties: true })) }, { additionalProperties: true }) },
  },
})

/**
 * Registers the answers, templates and registry-export routes.
 *
 * @example
 * ```ts
 * registerAnswersRoutes(app, service)
 * ```
 */
export function registerAnswersRoutes(app: FastifyInstance, service: AnswersService): void {
  let warmStarted = false
  app.get(
    '/api/v1/templates',
    {
      schema: {
        summary: 'The case templates and questions the map can show',
        response: {
          200: Type.Object({
            templates: Type.Array(Type.Object({ id: TemplateIdSchema, label: Type.String() })),
            actions: Type.Array(Type.Object({ id: QuestionSchema, registryAction: Type.String() })),
          }),
        },
      },
    },
    async () => ({ templates: CASE_TEMPLATES.map((t) => ({ id: t.id, label: t.label })), actions: QUESTION_IDS.map((id) => ({ id, registryAction: QUESTIONS[id] })) }),
  )

  app.get(
    '/api/v1/answers',
    {
      schema: {
        summary: "The engine's answer for every state and county: one question, one case template, one date",
        description:
          'Counties without a registry file are answered by the law that reaches them (state, federal); `layer` names the most local layer whose provision decided. ' +
          'format=compact gives the same answers in a few KB: the distinct answers once each and, per state and county in the order of GET /api/v1/answers/places (named by placesId), the index of its answer and the 287(g) counts; the map asks for this form. ' +
          'format=csv gives one row per county (geoid,name,state,jurisdiction,value,layer,decided_by,max_hours); format=geojson county polygons with those properties. ' +
          'CSV and GeoJSON are sent as attachments; JSON too with download=true. Gzipped when the client accepts it.',
        querystring: Type.Object(
          {
            date: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD; default today (UTC)' })),
            action: Type.Optional(Type.Enum(QUESTION_IDS, { description: 'hold (default), notify or interview' })),
            template: Type.Optional(Type.Enum(TEMPLATE_IDS, { description: 'no-record (default), misdemeanor, violent-felony or judicial-warrant' })),
            format: Type.Optional(AnswersFormatSchema),
            download: Type.Optional(Type.Boolean({ description: 'Send JSON as an attachment too' })),
            ...Object.fromEntries(
              ASSUMABLE_FACTS.map((name) => [
                name,
                Type.Optional(Type.Enum(['yes', 'no', 'unknown'] as const, { description: `Instead of the template's assumed value of ${name}: yes, no, or unknown (left out of the case)` })),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: downloadResponse('The answers (format=compact: CompactAnswers)', Type.Union([AnswersSchema, CompactAnswersSchema])), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const q = request.query as { date?: string; action?: string; template?: string; format?: AnswersFormat; download?: boolean }
      const date = q.date ?? formatDay(todayUtc())
      const action = q.action ?? 'hold'
      const template = q.template ?? 'no-record'
      const format = q.format ?? 'json'
      const assume = parseAssumptions(request.query as Record<string, unknown>)
      // the first request starts filling the cache for the map's whole range, in the background
      if (!warmStarted) {
        warmStarted = true
        void service.warm(MAP_FIRST_DATE, formatDay(todayUtc()))
      }
      const body = await service.answersBody(format, date, action, template, assume)
      const attach = (format !== 'json' && format !== 'compact') || q.download === true
      return sendCached(request, reply, body, attach ? `sanctuary-atlas-answers-${date}-${action}-${template}.${EXTENSION[format]}` : undefined)
    },
  )

  app.get(
    '/api/v1/answers/places',
    {
      schema: {
        summary: 'The states and counties of the answers, with what does not change with the date or the question',
        description:
          'Every state and county in the order of format=compact answers: ids, names, registry file, the registry cities whose jail is the county, and the cities whose jail county is not recorded. ' +
          '`id` names the list; compact answers carry it as placesId. With v equal to the current id the response may be cached for a year; otherwise for five minutes.',
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64, description: 'The id of the list the client wants (from placesId)' })) }, { additionalProperties: false }),
        response: { 200: AnswersPlacesSchema, 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const v = (request.query as { v?: string }).v
      if (v !== undefined && v === service.answersPlaces().id) reply.header('cache-control', PLACES_CACHE_CONTROL)
      return sendCached(request, reply, service.answersPlacesBody())
    },
  )

  app.get(
    '/api/v1/export/registry',
    {
      schema: {
        summary: 'The whole registry as a download',
        description:
          'format=json: every jurisdiction with its enactments, provisions and sources, and the offense classes. ' +
          'format=csv: one row per provision with its jurisdiction, enactment, dates, status periods, action, effect and first source. ' +
          'format=geojson: one feature per jurisdiction, with us-atlas geometry for the country, states and counties and a null geometry for places.',
        querystring: Type.Object({ format: Type.Optional(FormatSchema) }, { additionalProperties: false }),
        response: { 200: downloadResponse('The registry', Type.Object({ kind: Type.Literal('registry'), version: Type.String() }, { additionalProperties: true })), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const format = (request.query as { format?: DownloadFormat }).format ?? 'json'
      const body = await service.registryBody(format)
      const version = service.engine.registry.version.replace(/^sha256:/, '').slice(0, 12)
      return sendCached(request, reply, body, `sanctuary-atlas-registry-${version}.${EXTENSION[format]}`)
    },
  )
}
