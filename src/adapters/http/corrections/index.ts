/**
 * Suggested corrections over HTTP. Anyone: the form on every provision of a jurisdiction page
 * (POST /corrections, with its CSRF token), the form page `/corrections/new?provision=…` where
 * "Report an error" leads, and the API under /api/v1/corrections (submit, list, read — public
 * views, never an email). Maintainers (signed in): the queue `/maintainers/corrections`, accept
 * (with a quote read in the source; produces the registry patch, shown and downloadable) or reject
 * (with a public reason), and the same under /api/v1/corrections/{id}/accept|reject|patch.
 * Submissions are limited per client IP (default 5 per hour), length-limited, URL-checked and
 * carry a honeypot field.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { h, type VNode } from 'preact'
import { Type } from 'typebox'
import {
  CORRECTION_LIMITS,
  CORRECTION_TOPICS,
  HONEYPOT_FIELD,
  parseQuote,
  parseReason,
  parseSubmission,
  publicCorrection,
  sourcePatch,
  type Correction,
  type CorrectionTopic,
  type PublicCorrection,
} from '../../../core/corrections/index.ts'
import { AppError, toAppError } from '../../../core/errors/index.ts'
import type { Registry } from '../../../core/registry/index.ts'
import { decideCorrection, getCorrection, listCorrections, submitCorrection, type Database } from '../../db/index.ts'
import { CorrectionFormPage, CorrectionsQueuePage } from '../../../web/pages/corrections-pages.tsx'
import { jurisdictionPath } from '../../../web/shared/words.ts'
import { csrfToken, verifyCsrf } from '../forms/index.ts'
import { currentMaintainer, requireMaintainer } from '../maintainers/index.ts'
import type { PageKit, PageModule } from '../pages.ts'
import { requireSameOriginJson } from '../same-origin.ts'
import { STRICT_BODY } from '../client-errors.ts'

export interface CorrectionsOptions {
  readonly database: Database
  readonly registry: Registry
  /** The registry folder the provisions were read from (for the patch). */
  readonly registryDir: string
  /** Its path from the repository root, for the patch's file names; default `registry`. */
  readonly registryPath?: string
  readonly now?: () => Date
  /** Submissions per client IP per window; default 5 per hour. */
  readonly submitLimit?: { readonly max: number; readonly timeWindow: number | string }
  /** Other maintainer queues linked from the corrections queue (e.g. the reports on petitions). */
  readonly queueLinks?: readonly { readonly href: string; readonly label: string }[]
}

const RELIABILITY = ['primary', 'official', 'secondary', 'news', 'advocacy', 'low'] as const
type Reliability = (typeof RELIABILITY)[number]

/** The public views of a jurisdiction's suggestions (for its page). */
export async function jurisdictionCorrections(database: Database, jurisdiction: string): Promise<PublicCorrection[]> {
  return (await listCorrections(database, { jurisdiction })).map(publicCorrection)
}

/**
 * Accepts a pending suggestion: reads the provision's file, makes the patch that adds the
 * suggested source (with the maintainer's quote) and stores both.
 *
 * @example
 * ```ts
 * const done = await acceptCorrection(options, 3, { quote: 'operative on January 1, 2018' }, maintainerId)
 * done.patch // '--- a/registry/us/state-ca.yaml …'
 * ```
 */
export async function acceptCorrection(options: CorrectionsOptions, id: number, input: { readonly quote: unknown; readonly reliability?: unknown }, maintainerId: number): Promise<Correction> {
  const correction = await getCorrection(options.database, id)
  if (!correction) throw new AppError('not-found', `no correction ${id}`, { field: 'id' })
  if (correction.status !== 'pending') throw new AppError('conflict', `correction ${id} was already ${correction.status}`, { field: 'id' })
  const quote = parseQuote(input.quote)
  const reliability = input.reliability === undefined || input.reliability === '' ? undefined : (input.reliability as Reliability)
  if (reliability !== undefined && !RELIABILITY.includes(reliability)) throw new AppError('invalid-input', `reliability: one of ${RELIABILITY.join(', ')}`, { field: 'reliability' })
  const provision = options.registry.provisions.get(correction.provision)
  if (!provision) throw new AppError('conflict', `the provision of correction ${id} is no longer in the registry`, { field: 'id' })
  const now = (options.now ?? (() => new Date()))()
  const text = await readFile(join(options.registryDir, provision.origin.file), 'utf8')
  const patch = sourcePatch(text, `${options.registryPath ?? 'registry'}/${provision.origin.file}`, provision.origin.path, {
    url: correction.source,
    quote,
    ...(reliability ? { reliability } : {}),
    maintainerNote: `From suggested correction ${correction.id} (${correction.topic}), accepted ${now.toISOString().slice(0, 10)}: ${correction.what.slice(0, 300)}`,
  })
  return decideCorrection(options.database, id, { status: 'accepted', quote, patch: patch.diff }, maintainerId, now)
}

const PublicCorrectionDoc = Type.Object(
  {
    kind: Type.Literal('public-correction'),
    id: Type.Integer(),
    jurisdiction: Type.String(),
    enactment: Type.String(),
    provision: Type.String(),
    topic: Type.Union(CORRECTION_TOPICS.map((t) => Type.Literal(t))),
    what: Type.String(),
    source: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('rejected')]),
    submittedOn: Type.String(),
    decidedOn: Type.Union([Type.String(), Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()], { description: 'Why it was not accepted (public)' }),
  },
  { description: 'A suggested correction as anyone may see it: never the email' },
)
const ErrorDoc = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }) })
const SubmissionBody = Type.Object(
  {
    provision: Type.String({ minLength: 1, maxLength: 200, description: 'The provision id (from /api/v1/jurisdictions/…)' }),
    topic: Type.Optional(Type.Union(CORRECTION_TOPICS.map((t) => Type.Literal(t)))),
    what: Type.String({ maxLength: CORRECTION_LIMITS.whatMax * 2, description: `What is wrong and what is right (${CORRECTION_LIMITS.whatMin}–${CORRECTION_LIMITS.whatMax} characters; published)` }),
    source: Type.String({ maxLength: CORRECTION_LIMITS.urlMax * 2, description: 'The http(s) address of a source that shows it (published)' }),
    email: Type.Optional(Type.String({ maxLength: 300, description: 'For follow-up by maintainers; never published or logged' })),
    [HONEYPOT_FIELD]: Type.Optional(Type.String({ maxLength: 300, description: 'Leave empty (a trap for robots)' })),
  },
  { additionalProperties: false },
)
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

function idOf(request: FastifyRequest): number {
  const id = Number((request.params as { id: string | number }).id)
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError('invalid-input', 'id: a correction number', { field: 'id' })
  return id
}

/**
 * The API routes under /api/v1/corrections.
 *
 * @example
 * ```ts
 * registerCorrectionsApi(app, { database, registry, registryDir })
 * ```
 */
export function registerCorrectionsApi(app: FastifyInstance, options: CorrectionsOptions): void {
  const now = options.now ?? (() => new Date())
  const submitLimit = options.submitLimit ?? { max: 5, timeWindow: '1 hour' }
  const json = { ...STRICT_BODY, preValidation: async (request: FastifyRequest) => requireSameOriginJson(request) }
  app.post(
    '/api/v1/corrections',
    {
      ...json,
      config: { rateLimit: submitLimit },
      schema: { summary: 'Suggest a correction to a provision (published as pending, without the email)', tags: ['corrections'], body: SubmissionBody, response: { 201: PublicCorrectionDoc, 400: ErrorDoc, 404: ErrorDoc, 429: ErrorDoc } },
    },
    async (request, reply) => {
      const stored = await submitCorrection(options.database, parseSubmission(options.registry, request.body as Record<string, unknown>), now())
      return reply.status(201).header('location', `/api/v1/corrections/${stored.id}`).send(publicCorrection(stored))
    },
  )
  app.get(
    '/api/v1/corrections',
    {
      schema: {
        summary: 'Suggested corrections, newest first (public views)',
        tags: ['corrections'],
        querystring: Type.Object(
          { jurisdiction: Type.Optional(Type.String({ maxLength: 300 })), status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('rejected')])) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ count: Type.Integer(), corrections: Type.Array(PublicCorrectionDoc) }) },
      },
    },
    async (request, reply) => {
      const q = request.query as { jurisdiction?: string; status?: 'pending' | 'accepted' | 'rejected' }
      const list = (await listCorrections(options.database, { ...(q.jurisdiction ? { jurisdiction: q.jurisdiction } : {}), ...(q.status ? { status: q.status } : {}) })).map(publicCorrection)
      return reply.header('cache-control', 'no-cache').send({ count: list.length, corrections: list })
    },
  )
  app.get('/api/v1/corrections/:id', { schema: { summary: 'One suggested correction (public view)', tags: ['corrections'], params: IdParams, response: { 200: PublicCorrectionDoc, 404: ErrorDoc } } }, async (request, reply) => {
    const c = await getCorrection(options.database, idOf(request))
    if (!c) throw new AppError('not-found', `no correction ${idOf(request)}`, { field: 'id' })
    return reply.header('cache-control', 'no-cache').send(publicCorrection(c))
  })
  const maintainerOnly = { ...STRICT_BODY, preValidation: async (request: FastifyRequest) => requireSameOriginJson(request), preHandler: requireMaintainer }
  app.post(
    '/api/v1/corrections/:id/accept',
    {
      ...maintainerOnly,
      schema: {
        summary: 'Maintainers: accept a pending correction; returns it with the registry patch (a unified diff adding the suggested source)',
        tags: ['corrections'],
        params: IdParams,
        body: Type.Object({ quote: Type.String({ maxLength: 2000, description: 'A short verbatim quote from the suggested source' }), reliability: Type.Optional(Type.Union(RELIABILITY.map((r) => Type.Literal(r)))) }, { additionalProperties: false }),
        response: { 200: Type.Object({ correction: PublicCorrectionDoc, patch: Type.String() }), 401: ErrorDoc, 404: ErrorDoc, 409: ErrorDoc },
      },
    },
    async (request) => {
      const maintainer = (await currentMaintainer(request))!
      const done = await acceptCorrection(options, idOf(request), request.body as { quote: string; reliability?: string }, maintainer.id)
      return { correction: publicCorrection(done), patch: done.patch }
    },
  )
  app.post(
    '/api/v1/corrections/:id/reject',
    {
      ...maintainerOnly,
      schema: {
        summary: 'Maintainers: reject a pending correction with a public reason',
        tags: ['corrections'],
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: PublicCorrectionDoc, 401: ErrorDoc, 404: ErrorDoc, 409: ErrorDoc },
      },
    },
    async (request) => {
      const maintainer = (await currentMaintainer(request))!
      return publicCorrection(await decideCorrection(options.database, idOf(request), { status: 'rejected', reason: parseReason((request.body as { reason: string }).reason) }, maintainer.id, now()))
    },
  )
  const patchRoute = async (request: FastifyRequest, reply: FastifyReply) => {
    const c = await getCorrection(options.database, idOf(request))
    if (!c || !c.patch) throw new AppError('not-found', `correction ${idOf(request)} has no patch (it is not accepted)`, { field: 'id' })
    return reply.header('content-type', 'text/x-diff; charset=utf-8').header('content-disposition', `attachment; filename="correction-${c.id}.patch"`).header('cache-control', 'no-store').send(c.patch)
  }
  app.get('/api/v1/corrections/:id/patch', { preHandler: requireMaintainer, schema: { summary: 'Maintainers: the registry patch of an accepted correction (text/x-diff)', tags: ['corrections'], params: IdParams } }, patchRoute)
  app.get('/maintainers/corrections/:id/patch', { preHandler: requireMaintainer, schema: { hide: true } }, patchRoute)
}

/** Form fields as strings (the rest dropped). */
function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v
  return out
}

/**
 * The corrections pages, as a module for the pages plugin.
 *
 * @example
 * ```ts
 * await app.register(pagesPlugin, { service, modules: [correctionPages(options)] })
 * ```
 */
export function correctionPages(options: CorrectionsOptions): PageModule {
  const now = options.now ?? (() => new Date())
  const submitLimit = options.submitLimit ?? { max: 5, timeWindow: '1 hour' }
  const { registry } = options
  return (kit: PageKit) => {
    const { app, sendAfter } = kit
    // body: any component's output
    const page = (status: number, title: string, body: VNode<any>) => ({ kind: 'page', status, title, description: title, nav: 'none', entry: null, body, data: null }) as const
    const provisionView = (id: string) => {
      const p = registry.provisions.get(id)
      if (!p) throw new AppError('not-found', `No provision "${id.slice(0, 100)}" is in the registry.`, { field: 'provision' })
      return { id: p.id, summary: p.summary, jurisdiction: p.jurisdictionId, jurisdictionName: registry.jurisdictions.get(p.jurisdictionId)?.name ?? p.jurisdictionId, enactmentTitle: registry.enactments.get(p.enactmentId)?.title ?? '' }
    }
    const formPage = (reply: FastifyReply, status: number, fields: Record<string, string>, error?: string) => {
      void reply.header('x-robots-tag', 'noindex')
      const topic = CORRECTION_TOPICS.includes(fields.topic as CorrectionTopic) ? (fields.topic as CorrectionTopic) : undefined
      const { email: _email, ...shown } = fields
      // The email is given back only into the form's own field, to the person who typed it.
      return page(status, 'Suggest a correction', h(CorrectionFormPage, { provision: provisionView(fields.provision ?? ''), csrf: csrfToken(reply), ...(topic ? { topic } : {}), values: { ...shown, ...(fields.email ? { email: fields.email } : {}) }, ...(error ? { error } : {}) }))
    }

    app.get('/corrections/new', { schema: { hide: true } }, (request, reply) => sendAfter(request, reply, async () => formPage(reply, 200, formFields(request.query))))

    app.post('/corrections', { schema: { hide: true }, config: { rateLimit: submitLimit } }, (request, reply) =>
      sendAfter(request, reply, async () => {
        await verifyCsrf(request, reply)
        const fields = formFields(request.body)
        let stored: Correction
        try {
          stored = await submitCorrection(options.database, parseSubmission(registry, fields), now())
        } catch (thrown) {
          const e = toAppError(thrown)
          if (e.code !== 'invalid-input' || !registry.provisions.has(fields.provision ?? '')) throw thrown
          // The form again, with what was typed and the reason.
          return formPage(reply, 400, fields, e.message)
        }
        return { kind: 'redirect', status: 303, location: `${jurisdictionPath(stored.jurisdiction)}?suggested=1#corrections-${stored.provision}` }
      }),
    )

    app.get('/maintainers/corrections', { schema: { hide: true }, preHandler: requireMaintainer }, (request, reply) =>
      sendAfter(request, reply, async () => {
        const maintainer = (await currentMaintainer(request))!
        const all = await listCorrections(options.database, { limit: 200 })
        const ordered = [...all.filter((c) => c.status === 'pending'), ...all.filter((c) => c.status !== 'pending').slice(0, 50)]
        void reply.header('x-robots-tag', 'noindex').header('cache-control', 'no-store')
        const items = ordered.map((c) => ({ correction: c, summary: registry.provisions.get(c.provision)?.summary ?? '(no longer in the registry)', jurisdictionName: registry.jurisdictions.get(c.jurisdiction)?.name ?? c.jurisdiction }))
        return page(200, 'Suggested corrections', h(CorrectionsQueuePage, { items, csrf: csrfToken(reply), signedInAs: maintainer.email, links: options.queueLinks ?? [] }))
      }),
    )
    app.post('/maintainers/corrections/:id/accept', { schema: { hide: true }, preHandler: requireMaintainer }, (request, reply) =>
      sendAfter(request, reply, async () => {
        await verifyCsrf(request, reply)
        const maintainer = (await currentMaintainer(request))!
        const fields = formFields(request.body)
        const done = await acceptCorrection(options, idOf(request), { quote: fields.quote, reliability: fields.reliability }, maintainer.id)
        return { kind: 'redirect', status: 303, location: `/maintainers/corrections#correction-${done.id}` }
      }),
    )
    app.post('/maintainers/corrections/:id/reject', { schema: { hide: true }, preHandler: requireMaintainer }, (request, reply) =>
      sendAfter(request, reply, async () => {
        await verifyCsrf(request, reply)
        const maintainer = (await currentMaintainer(request))!
        const done = await decideCorrection(options.database, idOf(request), { status: 'rejected', reason: parseReason(formFields(request.body).reason) }, maintainer.id, now())
        return { kind: 'redirect', status: 303, location: `/maintainers/corrections#correction-${done.id}` }
      }),
    )
  }
}
