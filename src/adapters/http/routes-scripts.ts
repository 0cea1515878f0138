/**
 * Call scripts over HTTP: `GET /api/v1/scripts` (a script for an official or post, a jurisdiction
 * and a question), `POST /api/v1/scripts/outcomes` (a call outcome, counted, never tied to a
 * caller) and `GET /api/v1/scripts/outcomes` (the public counts). The seat is read through
 * who-decides, so only officials who decide in the jurisdiction have scripts and counts.
 */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ErrorSchema } from '../../core/answers/index.ts'
import { formatDay, parseDay, todayUtc } from '../../core/dates/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { requireJurisdiction } from '../../core/names/index.ts'
import { CALL_OUTCOMES, scriptText, SCRIPT_QUESTIONS, type CallOutcome } from '../../core/scripts/index.ts'
import { recordCallOutcome, type Database } from '../db/index.ts'
import type { AnswersService } from './answers-service.ts'
import type { ScriptService } from './scripts-service.ts'
import { DATE_PATTERN } from './routes-answers.ts'
import { requireSameOriginJson } from './same-origin.ts'
import { STRICT_BODY } from './client-errors.ts'

const Open = (description: string) => Type.Object({}, { additionalProperties: true, description })
const TargetFields = {
  official: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'A person id of the officials directory (e.g. `curated:state-ca-county-fresno/john-zanoni`, `bioguide:P000145`)' })),
  post: Type.Optional(Type.String({ minLength: 1, maxLength: 400, description: 'A post (seat) id of the directory (e.g. `post:sheriff/ocd-division/country:us/state:ca/county:fresno`); give this or `official`' })),
  jurisdiction: Type.String({ minLength: 1, maxLength: 300, description: 'An OCD division ID, or a name the resolver knows ("Fresno County, CA")' }),
  question: Type.String({ minLength: 1, maxLength: 40, description: `One of: ${SCRIPT_QUESTIONS.join(', ')}` }),
}

/** The script creator's options. */
export interface ScriptsRoutesOptions {
  /** Today (UTC) as YYYY-MM-DD; tests fix it. */
  readonly today?: () => string
}

/**
 * Registers the scripts routes.
 *
 * @example
 * ```ts
 * registerScriptsRoutes(app, service, database, createScriptService(service, database, snapshotView(database)))
 * ```
 */
export function registerScriptsRoutes(app: FastifyInstance, service: AnswersService, database: Database, scripts: ScriptService, options: ScriptsRoutesOptions = {}): void {
  const { names } = service
  const today = options.today ?? (() => formatDay(todayUtc()))
  const script = scripts.script

  app.get(
    '/api/v1/scripts',
    {
      schema: {
        summary: 'A call or email script for an official, a jurisdiction and a question (hold, notify, interview)',
        description:
          'Who the official is and how to reach them (each contact point with its source), what the law says on `date` (the engine’s answers for the four case templates, with citations), ' +
          'what the official’s post can and cannot change under the layers of law (or that the registry does not say), and the lines of a script whose ask is left as `[your request]`. ' +
          'The official must hold a seat that decides in the jurisdiction (a sheriff of its jail county, its county or city officials, the governor, U.S. senators). `format=text` returns plain text.',
        querystring: Type.Object(
          {
            ...TargetFields,
            date: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'The law and office holders of this day (YYYY-MM-DD; default today, UTC)' })),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('text')], { description: 'json (default) or text' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Open('A call-script value: official, law, powers, ask, lines, receipt'), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const q = request.query as { official?: string; post?: string; jurisdiction: string; question: string; date?: string; format?: 'json' | 'text' }
      if (q.date !== undefined && !parseDay(q.date)) throw new AppError('invalid-input', `"${q.date}" is not a real calendar date (YYYY-MM-DD)`, { field: 'date' })
      const s = await script(q, q.date ?? today())
      reply.header('cache-control', 'no-cache')
      if (q.format === 'text') return reply.type('text/plain; charset=utf-8').send(scriptText(s))
      return s
    },
  )

  app.post(
    '/api/v1/scripts/outcomes',
    {
      ...STRICT_BODY,
      preValidation: async (request) => requireSameOriginJson(request),
      schema: {
        summary: 'Log the outcome of a call (reached, voicemail, no-answer): counted per day, never tied to the caller',
        description:
          'Adds one to the count of the day (UTC), post, jurisdiction, question and outcome. Nothing about the caller is stored: no IP, no cookie, no time finer than the day. ' +
          'The body must be JSON; a browser request from another site is refused (field `origin`). Rate limited per client.',
        body: Type.Object({ ...TargetFields, outcome: Type.String({ minLength: 1, maxLength: 40, description: `One of: ${CALL_OUTCOMES.join(', ')}` }) }, { additionalProperties: false }),
        response: { 201: Open('`call-outcome-logged` with the counts for the post and question'), 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const body = request.body as { official?: string; post?: string; jurisdiction: string; question: string; outcome: string }
      if (!(CALL_OUTCOMES as readonly string[]).includes(body.outcome)) throw new AppError('invalid-input', `"${body.outcome}" is not an outcome (one of: ${CALL_OUTCOMES.join(', ')})`, { field: 'outcome' })
      const day = today()
      const s = await script(body, day)
      await recordCallOutcome(database, { day, postId: s.official.postId, jurisdiction: s.jurisdiction.id, question: s.question.id, outcome: body.outcome as CallOutcome })
      const counts = (await scripts.counts(s.jurisdiction.id, s.official.postId)).filter((c) => c.question === s.question.id)
      return reply.status(201).send({ kind: 'call-outcome-logged', post: s.official.postId, jurisdiction: s.jurisdiction.id, question: s.question.id, counts })
    },
  )

  app.get(
    '/api/v1/scripts/outcomes',
    {
      schema: {
        summary: 'The public counts of logged call outcomes in a jurisdiction (optionally one post), summed over days',
        querystring: Type.Object(
          {
            jurisdiction: TargetFields.jurisdiction,
            post: Type.Optional(Type.String({ minLength: 1, maxLength: 400, description: 'Only this post' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Open('`call-outcome-counts`: for each post, question and outcome, the count and the first and last day'), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const q = request.query as { jurisdiction: string; post?: string }
      const place = requireJurisdiction(names, q.jurisdiction, { field: 'jurisdiction' }).jurisdiction
      reply.header('cache-control', 'no-cache')
      return { kind: 'call-outcome-counts', jurisdiction: place, counts: await scripts.counts(place, q.post) }
    },
  )
}
