/**
 * Routes for federal pressure: `/api/v1/federal` (everything), its lists, grant conditions and
 * rulings, one jurisdiction's federal view as of a date, the conflict question for a jurisdiction,
 * a condition and a date, and CSV/JSON downloads of list entries and rulings.
 */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ErrorSchema } from '../../core/answers/index.ts'
import { formatDay, todayUtc } from '../../core/dates/index.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  conditionConflict,
  conditionView,
  entryView,
  federalOverview,
  jurisdictionFederal,
  lawAnswers,
  listEntriesCsv,
  listSummary,
  rulingsCsv,
  rulingsTimeline,
  type FederalData,
} from '../../core/federal/index.ts'
import type { Engine } from '../../core/engine/index.ts'
import { labelFromOcdId, parseOcdId } from '../../core/ocd/index.ts'
import { DATE_PATTERN } from './routes-answers.ts'

const Doc = (description: string) => Type.Object({}, { additionalProperties: true, description })
const DateQuery = Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD; default today (UTC)' }))
const FormatQuery = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'json (default) or csv' }))

function jurisdictionOf(raw: string): string {
  let id: string
  try {
    id = decodeURIComponent(raw).replace(/\/+$/, '')
  } catch (cause) {
    throw new AppError('not-found', `"${raw}" is not a valid URL-encoded OCD ID`, { field: 'id' }, { cause })
  }
  if (!parseOcdId(id) || parseOcdId(id)!.level === 'country') throw new AppError('not-found', `"${id}" is not a U.S. state, county or place OCD division ID`, { field: 'id' })
  return id
}

/**
 * Registers the federal routes.
 *
 * @example
 * ```ts
 * registerFederalRoutes(app, engine, federal)
 * ```
 */
export function registerFederalRoutes(app: FastifyInstance, engine: Engine, federal: FederalData): void {
  const registry = engine.registry
  const today = () => formatDay(todayUtc())

  app.get('/api/v1/federal', { schema: { summary: 'Federal lists (with counts), grant conditions, rulings as a timeline, and funding', response: { 200: Doc('The federal overview') } } }, async () => federalOverview(federal))

  app.get('/api/v1/federal/lists', { schema: { summary: 'Federal lists of "sanctuary jurisdictions", with stated and recorded counts and sources', response: { 200: Doc('{ lists }') } } }, async () => ({
    kind: 'federal-lists',
    lists: [...federal.lists.values()].map(listSummary),
  }))

  app.get(
    '/api/v1/federal/lists/:id',
    { schema: { summary: 'One list with every entry as printed, its OCD ID (or why none) and flags', params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }) }), response: { 200: Doc('A list and its entries'), 404: ErrorSchema } } },
    async (request) => {
      const l = federal.lists.get((request.params as { id: string }).id)
      if (!l) throw new AppError('not-found', `no federal list "${(request.params as { id: string }).id}"`, { field: 'id' })
      return { ...listSummary(l), entries: l.entries.map((e) => entryView(e, registry)) }
    },
  )

  app.get('/api/v1/federal/conditions', { schema: { summary: 'Grant conditions by program and fiscal year, with the rulings on each', response: { 200: Doc('{ conditions }') } } }, async () => ({
    kind: 'federal-conditions',
    conditions: [...federal.conditions.keys()].map((id) => conditionView(federal, id)),
  }))

  app.get('/api/v1/federal/rulings', { schema: { summary: 'Rulings on federal pressure as a timeline: court, circuit, date, holdings, injunction scope by period', response: { 200: Doc('{ rulings }') } } }, async () => ({
    kind: 'federal-rulings',
    rulings: rulingsTimeline(federal),
  }))

  app.get(
    '/api/v1/federal/conflict',
    {
      schema: {
        summary: "Does a jurisdiction's law conflict with a grant condition on a date, and is the condition enforceable there then?",
        description:
          "The law comes from the engine's release-notification and interview answers (a person with no record held on an administrative detainer) and the information-sharing provisions in force; " +
          'enforceability from the injunctions covering the jurisdiction and its circuit\'s precedent, with the circuit split shown. Every reason carries citations.',
        querystring: Type.Object(
          { jurisdiction: Type.String({ minLength: 1, maxLength: 300, description: 'OCD division ID' }), condition: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }), date: DateQuery },
          { additionalProperties: false },
        ),
        response: { 200: Doc('The conflict, enforceability, reasons, citations and an explanation'), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query as { jurisdiction: string; condition: string; date?: string }
      const id = jurisdictionOf(q.jurisdiction)
      const condition = federal.conditions.get(q.condition)
      if (!condition) throw new AppError('not-found', `no grant condition "${q.condition}" (one of: ${[...federal.conditions.keys()].join(', ')})`, { field: 'condition' })
      const date = q.date ?? today()
      return conditionConflict({ id, name: registry.jurisdictions.get(id)?.name ?? labelFromOcdId(id) }, condition, date, lawAnswers(engine, id, date), federal)
    },
  )

  app.get(
    '/api/v1/federal/jurisdictions/*',
    {
      schema: {
        summary: "One jurisdiction's federal view as of a date: lists that named it, conditions and conflicts, binding rulings, actions, money",
        querystring: Type.Object({ date: DateQuery }, { additionalProperties: false }),
        response: { 200: Doc('The jurisdiction\'s federal view'), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const id = jurisdictionOf((request.params as { '*': string })['*'])
      return jurisdictionFederal(federal, engine, id, (request.query as { date?: string }).date ?? today())
    },
  )

  app.get(
    '/api/v1/federal/export/:table',
    {
      schema: {
        summary: 'Download list entries or rulings as CSV or JSON',
        params: Type.Object({ table: Type.Union([Type.Literal('entries'), Type.Literal('rulings')]) }),
        querystring: Type.Object({ format: FormatQuery }, { additionalProperties: false }),
        response: { 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { table } = request.params as { table: 'entries' | 'rulings' }
      const format = (request.query as { format?: string }).format ?? 'json'
      if (format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="federal-${table}.csv"`)
        return table === 'entries' ? listEntriesCsv(federal, registry) : rulingsCsv(federal)
      }
      return table === 'entries'
        ? { kind: 'federal-entries', entries: [...federal.lists.values()].flatMap((l) => l.entries.map((e) => entryView(e, registry))) }
        : { kind: 'federal-rulings', rulings: rulingsTimeline(federal) }
    },
  )
}
