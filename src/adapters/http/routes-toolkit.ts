/**
 * Routes for the lawmaker toolkit: the clause catalog, one clause with its adopters and a
 * jurisdiction's peers, the full check of a draft (preemption, funding risk, simulated effect,
 * rule cases) and its exports (YAML, rule cases, Markdown, PDF). Nothing is stored here (saving is
 * in routes-saved-drafts.ts).
 */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ErrorSchema } from '../../core/answers/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { CLAUSE_KINDS, isClauseKind } from '../../core/toolkit/index.ts'
import type { ToolkitService } from '../toolkit/index.ts'
import { DATE_PATTERN } from './routes-answers.ts'

const Doc = (description: string) => Type.Object({}, { additionalProperties: true, description })

/** The body of a check or export: a draft in the registry's format, where and from when. */
export const DraftCheckBody = Type.Object(
  {
    jurisdiction: Type.String({ minLength: 1, maxLength: 300, description: 'OCD division ID of the state, county or place the draft is for' }),
    date: Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD: the day the draft would take effect' }),
    draft: Type.Object(
      {},
      {
        additionalProperties: true,
        description:
          'The draft: `{ id?, title?, kind?, provisions: [{ id, clause?, action, effect, summary, when?, unless?, limits?, custody?, overridesLocal?, penalties? }] }` — ' +
          'an enactment in the registry format (docs/registry-format.md) with sources optional. Errors name the clause (provision id) and field.',
      },
    ),
    simulation: Type.Optional(
      Type.Object(
        {
          scope: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('jurisdiction'), Type.Literal('state'), Type.Literal('peer')], { description: "Whose records: auto (the jurisdiction's, else its state's), jurisdiction, state or peer" })),
          peer: Type.Optional(Type.String({ maxLength: 300, description: 'With scope peer: the OCD ID whose records stand in' })),
          action: Type.Optional(Type.Union([Type.Literal('hold'), Type.Literal('notify'), Type.Literal('interview')])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

/**
 * Registers the toolkit routes.
 *
 * @example
 * ```ts
 * registerToolkitRoutes(app, createToolkitService({ engine, federal }))
 * ```
 */
export function registerToolkitRoutes(app: FastifyInstance, toolkit: ToolkitService): void {
  app.get('/api/v1/toolkit/catalog', { schema: { summary: 'The clause catalog: every clause kind with its adopters (dated, quoted, cited) and variants, derived from the registry', response: { 200: Doc('{ clauses }') } } }, async () => toolkit.catalog)

  app.get(
    '/api/v1/toolkit/clauses/:kind',
    {
      schema: {
        summary: 'One clause: its structured variants, the enacted texts that carry it, and (with `jurisdiction`) that jurisdiction’s peers that adopted it',
        params: Type.Object({ kind: Type.String({ maxLength: 60, description: `One of: ${CLAUSE_KINDS.join(', ')}` }) }),
        querystring: Type.Object({ jurisdiction: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false }),
        response: { 200: Doc('The clause, and peers when asked'), 404: ErrorSchema },
      },
    },
    async (request) => {
      const { kind } = request.params as { kind: string }
      if (!isClauseKind(kind)) throw new AppError('not-found', `no clause "${kind}" (one of: ${CLAUSE_KINDS.join(', ')})`, { field: 'kind' })
      const clause = toolkit.catalog.clauses.find((c) => c.kind === kind)!
      const j = (request.query as { jurisdiction?: string }).jurisdiction
      return { ...clause, ...(j ? await toolkit.peers(j, kind) : {}) }
    },
  )

  app.post(
    '/api/v1/toolkit/drafts/check',
    {
      schema: {
        summary: 'Check a draft in place: preemption by the law in force (engine), funding risk (federal layer), simulated effect on detainer records, rule cases',
        description:
          'The draft is layered into a copy of the registry as an enactment of the jurisdiction in force from `date`, standing in for its own rules on the same actions. ' +
          'Each clause is reported as stands, overridden, partly-overridden, open-conflict or barred-by-preemption, with citations. Nothing is stored.',
        body: DraftCheckBody,
        response: { 200: Doc('The check: clauses, funding, simulation, ruleCases, timings'), 400: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request) => {
      const { draftValue: _draft, ...report } = await toolkit.check(request.body as never)
      return report
    },
  )

  app.post(
    '/api/v1/toolkit/drafts/export',
    {
      schema: {
        summary: 'Export a checked draft: the registry YAML, its rule cases, or a readable document (Markdown or PDF) with each clause’s model texts and citations',
        querystring: Type.Object({ format: Type.Union([Type.Literal('yaml'), Type.Literal('cases'), Type.Literal('markdown'), Type.Literal('pdf')]) }, { additionalProperties: false }),
        body: DraftCheckBody,
        response: { 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const format = (request.query as { format: 'yaml' | 'cases' | 'markdown' | 'pdf' }).format
      const report = await toolkit.check(request.body as never)
      const file = await toolkit.exportDraft(report, format)
      const name = `${report.draftValue.id}.${file.extension}`
      return reply.header('content-type', file.type).header('content-disposition', `attachment; filename="${name}"`).send(file.body)
    },
  )
}
