/**
 * The officials directory over HTTP: who decides in a jurisdiction, finding a place from a ZIP code
 * or a name, one person, and the whole directory as Popolo JSON. Reads go to the database adapter;
 * the rules are the core's.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ErrorSchema } from '../../core/answers/index.ts'
import { requireDivisionId, resolveName } from '../../core/names/index.ts'
import { formatDay, todayUtc } from '../../core/dates/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { nameLookup, popoloChunks, zipLookup, type PlaceLookup } from '../../core/officials/index.ts'
import { directoryRecords, personWithPosts, whoDecidesFor, type Database, type DirectoryView } from '../db/index.ts'
import { ByteLru, cacheBody, type AnswersService, type CachedBody } from './answers-service.ts'
import { wildcardId } from './params.ts'
import { DATE_PATTERN, sendCached } from './routes-answers.ts'

const Open = (description: string) => Type.Object({}, { additionalProperties: true, description })

/**
 * Registers `/api/v1/officials`, `/api/v1/officials/lookup`, `/api/v1/people/*` and
 * `/api/v1/export/officials.popolo.json`.
 *
 * @example
 * ```ts
 * registerOfficialsRoutes(app, service, database, snapshotView(database))
 * ```
 */
export function registerOfficialsRoutes(app: FastifyInstance, service: AnswersService, database: Database, directory: DirectoryView): void {
  const registry = service.engine.registry
  // Serialised answers by directory version, place and day: the directory changes only on import.
  // 128 MB holds every county's answer for a day (about 3,200 × 22 kB with its gzipped copy).
  const answers = new ByteLru<CachedBody>(128 * 1024 * 1024)

  app.get(
    '/api/v1/officials',
    {
      schema: {
        summary: 'Who decides in a jurisdiction: the office that applies each rule and the bodies that can change it, with holders and contacts',
        description:
          'For hold, notify, interview and 287(g): the sheriff’s office of the jail county, the county and city governments, the state legislature and governor, and Congress, ' +
          'each with the seats and holders in office on `date`, and the provisions in force at each level. Districts are never guessed from a county.',
        querystring: Type.Object(
          {
            jurisdiction: Type.String({ minLength: 1, maxLength: 300, description: 'OCD division ID' }),
            date: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'Holders in office on this day (YYYY-MM-DD; default today)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Open('A who-decides value: bodies, questions, notes'), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { jurisdiction, date } = request.query as { jurisdiction: string; date?: string }
      // Only real places, with "did you mean" for an ID of nothing real.
      if (!registry.jurisdictions.has(jurisdiction)) requireDivisionId(service.names, jurisdiction, 'jurisdiction')
      const day = date ?? formatDay(todayUtc())
      const key = `${await directory.version()}|${jurisdiction}|${day}`
      let body = answers.get(key)
      if (!body) {
        body = await cacheBody(JSON.stringify(await whoDecidesFor(directory, registry, service.gazetteer, jurisdiction, day)), 'application/json; charset=utf-8')
        answers.set(key, body)
      }
      return sendCached(request, reply, body)
    },
  )

  app.get(
    '/api/v1/officials/lookup',
    {
      schema: {
        summary: 'Find the county (and places) whose officials to show, from a ZIP code or a name',
        description:
          'A ZIP code resolves through the Census 2020 ZCTA relationship files: inside one county, `kind: decided`; across several, `kind: choose` with every county and its land share, none picked. ' +
          'A name resolves like search (state first, then population); a name that could mean several places is a 400 naming `q` with `candidates`, an unknown one a 404 with `suggestions`.',
        querystring: Type.Object(
          {
            zip: Type.Optional(Type.String({ maxLength: 10, description: 'Five-digit ZIP code' })),
            q: Type.Optional(Type.String({ maxLength: 200, description: 'A county, city or state name, or an OCD ID' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Open('`decided` with the jurisdiction, or `choose` with choices'), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request): Promise<PlaceLookup> => {
      const { zip, q } = request.query as { zip?: string; q?: string }
      if (zip !== undefined && q !== undefined) throw new AppError('invalid-input', 'give either zip or q, not both', { field: 'zip' })
      if (zip !== undefined) return zipLookup(zip.trim(), /^\d{5}$/.test(zip.trim()) ? await directory.zipAreas(zip.trim()) : [])
      if (q !== undefined) return nameLookup(resolveName(service.names, q), 'q')
      throw new AppError('invalid-input', 'give a ZIP code (zip) or a name (q)', { field: 'zip' })
    },
  )

  app.get(
    '/api/v1/people/*',
    {
      schema: {
        summary: 'One person in the directory with their seats (ids as given by the directory, e.g. bioguide:C001098, slashes as-is or URL-encoded)',
        response: { 200: Open('A person with memberships and posts'), 404: ErrorSchema },
      },
    },
    async (request) => {
      const id = wildcardId(request, 'person id')
      const found = await personWithPosts(database, id)
      if (!found) throw new AppError('not-found', `no person "${id}" in the directory`, { field: 'id' })
      return { kind: 'person-view', ...found }
    },
  )

  app.get(
    '/api/v1/export/officials.popolo.json',
    { schema: { summary: 'The whole officials directory as Popolo JSON (persons, organizations, posts, memberships), streamed' } },
    async (_request, reply) => {
      const meta = { format: 'popolo', generated: new Date().toISOString(), license: 'CC0 for the directory’s own data; each record names the dataset it came from' }
      reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', 'attachment; filename="officials.popolo.json"').header('cache-control', 'no-cache')
      return reply.send(Readable.from(popoloChunks(directoryRecords(database), meta)))
    },
  )
}
