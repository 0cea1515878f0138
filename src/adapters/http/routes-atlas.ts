/**
 * Routes for finding and comparing jurisdictions: `/api/v1/search` over the registry and every
 * state and county, and `/api/v1/compare` for two to four jurisdictions side by side.
 */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { compareJurisdictions, ComparisonSchema, ErrorSchema, search, SearchSchema } from '../../core/answers/index.ts'
import { formatDay, todayUtc } from '../../core/dates/index.ts'
import type { AnswersService } from './answers-service.ts'
import { DATE_PATTERN } from './routes-answers.ts'

/**
 * Registers the search and compare routes.
 *
 * @example
 * ```ts
 * registerAtlasRoutes(app, service)
 * ```
 */
export function registerAtlasRoutes(app: FastifyInstance, service: AnswersService): void {
  const registry = service.engine.registry

  app.get(
    '/api/v1/search',
    {
      schema: {
        summary: 'Find jurisdictions and counties by name, alias, OCD ID or Census GEOID',
        description: 'Searches the registry (names and aliases, e.g. "SF", "San Francisco County", "Cook") and every us-atlas state and county by name. Best matches first.',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 200, description: 'Name, alias, OCD ID or GEOID' }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'At most this many results (default 20)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SearchSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const { q, limit } = request.query as { q: string; limit?: number }
      return { kind: 'search' as const, query: q, results: search(service.searchIndex, q, limit ?? 20) }
    },
  )

  app.get(
    '/api/v1/compare',
    {
      schema: {
        summary: 'Two to four jurisdictions side by side, provision by provision, as of a date',
        description:
          'For every registry action, the provisions of each jurisdiction\'s chain (federal, state, county, place — its own file and the layers above) in force on the date, or of unknown force there (inForce "unknown", with the dates that leave it open). ' +
          'Jurisdictions without a file of their own are accepted (inRegistry false): they show the layers above.',
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
      return compareJurisdictions(registry, service.gazetteer, list, date ?? formatDay(todayUtc()))
    },
  )
}
