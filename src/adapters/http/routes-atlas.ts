/**
 * Routes for finding and comparing jurisdictions: `/api/v1/search` through the one name resolver
 * (registry names and aliases, every state, county and Census place, laws by name and number, ZIP
 * codes through the officials directory), and `/api/v1/compare` for two to four real
 * jurisdictions side by side.
 */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { compareJurisdictions, ComparisonSchema, ErrorSchema } from '../../core/answers/index.ts'
import { isZipLike, requireDivisionId, searchAll, SearchSchema, type ZipShare } from '../../core/names/index.ts'
import { formatDay, todayUtc } from '../../core/dates/index.ts'
import type { AnswersService } from './answers-service.ts'
import { DATE_PATTERN } from './routes-answers.ts'

/** What the search route reads besides the answers service. */
export interface AtlasRoutesOptions {
  /** A five-digit query's counties with land shares (the officials directory's ZIP lookup); absent without a directory. */
  readonly zipShares?: (zip: string) => Promise<readonly ZipShare[]>
}

/**
 * Registers the search and compare routes.
 *
 * @example
 * ```ts
 * registerAtlasRoutes(app, service, { zipShares })
 * ```
 */
export function registerAtlasRoutes(app: FastifyInstance, service: AnswersService, options: AtlasRoutesOptions = {}): void {
  const registry = service.engine.registry

  app.get(
    '/api/v1/search',
    {
      schema: {
        summary: 'Find jurisdictions by name, alias, OCD ID, Census GEOID or ZIP code, and laws by name or number',
        description:
          'One resolver for the whole product: registry names and aliases ("SF", "Cook"), every state, county and county-equivalent, and every incorporated Census place when the server has the Census tables; near spellings ("Harriss"); ZIP codes when the officials directory is loaded. ' +
          '`resolution` says what the query means on its own: the state given first (`state`, or a ", TX" suffix), then the state of the page (`prefer`), then population (the most populous match wins only with ten times the residents of the next); otherwise `ambiguous` with the candidates, or `unknown` with suggestions. ' +
          '`laws`: enactments by bill number ("SB 54"), title ("TRUST Act"), citation or topic ("287(g)").',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 200, description: 'Name, alias, OCD ID, GEOID, ZIP code, or a law\'s name or number' }),
            state: Type.Optional(Type.String({ minLength: 2, maxLength: 40, description: 'Only this state (postal code or name)' })),
            prefer: Type.Optional(Type.String({ minLength: 2, maxLength: 40, description: 'Prefer this state when it has a match (the state of the page the box is on)' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'At most this many results (default 20)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SearchSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const { q, state, prefer, limit } = request.query as { q: string; state?: string; prefer?: string; limit?: number }
      const zip = options.zipShares && isZipLike(q) ? await options.zipShares(q.trim()) : undefined
      return searchAll(service.names, q, { state: state ?? null, prefer: prefer ?? null, limit: limit ?? 20, ...(zip ? { zip } : {}) })
    },
  )

  app.get(
    '/api/v1/compare',
    {
      schema: {
        summary: 'Two to four jurisdictions side by side, provision by provision, as of a date',
        description:
          'For every registry action, the provisions of each jurisdiction\'s chain (federal, state, county, place — its own file and the layers above) in force on the date, or of unknown force there (inForce "unknown", with the dates that leave it open). ' +
          'Jurisdictions without a file of their own are accepted (inRegistry false): they show the layers above. An ID that names no real state, county or place is a 404 naming `ids[i]`, with suggestions.',
        querystring: Type.Object(
          {
            ids: Type.String({ minLength: 1, maxLength: 2000, description: 'Two to four OCD division IDs, comma-separated' }),
            date: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD; default today (UTC)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ComparisonSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { ids, date } = request.query as { ids: string; date?: string }
      const list = ids
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      list.forEach((id, i) => requireDivisionId(service.names, id, list.length > 1 ? `ids[${i}]` : 'ids'))
      return compareJurisdictions(registry, service.gazetteer, list, date ?? formatDay(todayUtc()))
    },
  )
}
