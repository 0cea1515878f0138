/**
 * The HTTP API: a thin Fastify shell over the registry and the engine. Everything is under
 * `/api/v1`, described by the OpenAPI 3.1 document at `/openapi.json`.
 */
import swagger from '@fastify/swagger'
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { parseDay, todayUtc } from '../../core/dates/index.ts'
import { CaseSchema, type Engine } from '../../core/engine/index.ts'
import { AppError, toAppError } from '../../core/errors/index.ts'
import { ACTIONS, countRegistry, enactmentView, filterJurisdictions, findJurisdictions, jurisdictionSummary, jurisdictionView, type Action } from '../../core/registry/index.ts'

export interface AppOptions {
  readonly engine: Engine
  readonly logger?: boolean | object
}

/**
 * Builds the Fastify app (not listening). Tests use `app.inject`.
 *
 * @example
 * ```ts
 * const app = await buildApp({ engine })
 * const res = await app.inject({ url: '/healthz' })
 * ```
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { engine } = options
  const registry = engine.registry
  const app = Fastify({ logger: options.logger ?? false, routerOptions: { maxParamLength: 300 }, ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } } }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sanctuary Atlas API',
        version: engine.version,
        description: 'A cited registry of U.S. laws on local cooperation with federal immigration enforcement, and a rules engine that answers hold / notify / interview for a case.',
      },
    },
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const first = error.validation[0]
      const path = (first?.instancePath ?? '').split('/').filter(Boolean).join('.')
      const params = (first?.params ?? {}) as Record<string, unknown>
      const field =
        path ||
        (params.missingProperty as string | undefined) ||
        ((params.additionalProperty as string | undefined) ?? (params.additionalProperties as string[] | undefined)?.[0]) ||
        error.validationContext ||
        'request'
      const where = error.validationContext === 'querystring' ? 'query parameter' : error.validationContext === 'params' ? 'path parameter' : 'field'
      return reply.status(400).send(new AppError('invalid-input', `${where} "${field}" ${first?.message ?? 'is invalid'}`, { field }).toJSON())
    }
    if ((error as { statusCode?: number }).statusCode && (error as { statusCode: number }).statusCode < 500 && !(error instanceof AppError)) {
      const status = (error as { statusCode: number }).statusCode
      const code = status === 404 ? 'not-found' : status === 429 ? 'rate-limited' : 'invalid-input'
      return reply.status(status).send({ error: { code, message: error.message } })
    }
    const appError = toAppError(error)
    if (appError.code === 'internal') request.log.error({ err: error }, 'internal error')
    return reply.status(appError.httpStatus).send(appError.toJSON())
  })
  app.setNotFoundHandler((request, reply) => reply.status(404).send(new AppError('not-found', `no route ${request.method} ${request.url.split('?')[0]}`).toJSON()))

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', registryVersion: registry.version, engineVersion: engine.version }))
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  app.get(
    '/api/v1/jurisdictions',
    {
      schema: {
        summary: 'List jurisdictions in the registry',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'Two-letter state code' })),
            level: Type.Optional(Type.Union(['country', 'state', 'district', 'county', 'place'].map((l) => Type.Literal(l)))),
            action: Type.Optional(Type.Union(ACTIONS.map((a) => Type.Literal(a)), { description: 'Only jurisdictions with a provision on this action in force on asOf' })),
            asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD; default today' })),
            q: Type.Optional(Type.String({ minLength: 1, description: 'Search by name or alias' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { state, level, action, asOf, q } = request.query
      const day = asOf === undefined ? todayUtc() : parseDay(asOf)
      if (day === undefined) throw new AppError('invalid-input', `query parameter "asOf": "${asOf}" is not a real calendar date`, { field: 'asOf' })
      let list = filterJurisdictions(registry, { state, level, action: action as Action | undefined, asOf: day })
      if (q) {
        const found = new Set(findJurisdictions(registry, q))
        list = list.filter((j) => found.has(j))
      }
      return { registryVersion: registry.version, count: list.length, jurisdictions: list.map(jurisdictionSummary) }
    },
  )

  app.get(
    '/api/v1/jurisdictions/*',
    { schema: { summary: 'One jurisdiction with its enactments, provisions and sources, by OCD division ID (slashes as-is or URL-encoded)' } },
    async (request) => {
      const id = decodeURIComponent((request.params as { '*': string })['*'])
      const j = registry.jurisdictions.get(id)
      if (!j) throw new AppError('not-found', `no jurisdiction with OCD ID "${id}" in the registry`, { field: 'id' })
      return jurisdictionView(j)
    },
  )

  app.get(
    '/api/v1/enactments/:id',
    { schema: { summary: 'One enactment with its provisions', params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }) }) } },
    async (request) => {
      const e = registry.enactments.get(request.params.id)
      if (!e) throw new AppError('not-found', `no enactment with id "${request.params.id}"`, { field: 'id' })
      return enactmentView(e)
    },
  )

  app.get('/api/v1/registry', { schema: { summary: 'Registry version and counts' } }, async () => ({ version: registry.version, counts: countRegistry(registry) }))

  app.post(
    '/api/v1/evaluate',
    {
      schema: {
        summary: 'Answer hold / notify / interview for a case, with trace, citations and receipt',
        body: CaseSchema,
      },
    },
    async (request) => engine.evaluate(request.body),
  )

  return app
}
