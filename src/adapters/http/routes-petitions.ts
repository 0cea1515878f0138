/**
 * Petitions over HTTP (`/api/v1/petitions…`, `/api/v1/signatures…`). Public reads give counts,
 * never a name or an email; the delivery packet (creator key or maintainer) is the one place
 * names appear. Every POST is same-origin JSON (or an HTML form with its CSRF token, on the
 * pages), rate limited per client IP; signing is also limited per petition, and what that limit
 * refuses is counted among the petition's integrity figures.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ErrorSchema } from '../../core/answers/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { TOKEN_PATTERN } from '../../core/petitions/index.ts'
import { deliveryCsv, deliveryPdf } from './petitions-delivery.ts'
import { PETITION_ID_PATTERN, REPORT_REASONS, type PetitionsService, type PetitionView } from './petitions-service.ts'
import { requireSameOriginJson } from './same-origin.ts'
import { STRICT_BODY } from './client-errors.ts'
import { moderatePetition } from './petitions-reports.ts'

/** Limits on signing: per client IP and per petition, each per window. */
export interface PetitionLimits {
  readonly perIp: number
  readonly perPetition: number
  readonly timeWindow: number | string
}

/** 10 sign-ups a minute from one IP; 600 a minute to one petition. */
export const DEFAULT_PETITION_LIMITS: PetitionLimits = Object.freeze({ perIp: 10, perPetition: 600, timeWindow: '1 minute' })

const Open = (description: string) => Type.Object({}, { additionalProperties: true, description })
const IdParams = Type.Object({ id: Type.String({ pattern: PETITION_ID_PATTERN, description: 'The petition id' }) })
const TokenBody = Type.Object({ token: Type.String({ pattern: TOKEN_PATTERN, description: 'The token from the link in the mail' }) }, { additionalProperties: false })
const Words = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  text: Type.String({ minLength: 1, maxLength: 20_000, description: 'The petition text; frozen at the first signature' }),
  ask: Type.String({ minLength: 1, maxLength: 2_000, description: 'What the petition asks the targets to do' }),
}
const Target = Type.Object(
  {
    post: Type.Optional(Type.String({ minLength: 1, maxLength: 400, description: 'A post (seat) of the officials directory, e.g. `post:sheriff/ocd-division/country:us/state:tx/county:harris`' })),
    person: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'A person of the directory, e.g. `bioguide:C001098`' })),
  },
  { additionalProperties: false },
)

/** The public JSON of a petition view: words, targets, counts, integrity, comments. */
export function publicPetition(view: PetitionView) {
  const p = view.petition
  const hidden = p.status === 'hidden'
  return {
    kind: 'petition' as const,
    id: p.id,
    status: p.status,
    title: p.title,
    ...(hidden ? { hiddenReason: p.hiddenReason ?? null } : { text: p.text, ask: p.ask }),
    targets: p.targets.map((t) => ({ type: t.type, id: t.id, label: t.label, division: t.division })),
    jurisdiction: p.jurisdiction,
    frozen: p.frozen,
    createdOn: p.createdOn,
    liveOn: p.liveOn ?? null,
    supersedes: p.supersedes ?? null,
    supersededBy: p.supersededBy ?? null,
    counts: { confirmed: view.counts.confirmed, pending: view.counts.pending, byCounty: view.counts.byCounty, byDistrict: view.counts.byDistrict, districtUnknown: view.counts.districtUnknown, suppressedUnder: 11 },
    integrity: { refusedDisposable: view.integrity.refusedDisposable, duplicates: view.integrity.duplicates, expired: view.integrity.expired, withdrawn: view.integrity.withdrawn, rateLimited: view.integrity.rateLimited },
    comments: view.comments,
  }
}

/** The creator's key from `Authorization: Bearer …` or the `token` query parameter. */
function bearer(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim()
  return (request.query as { token?: string }).token
}

export interface PetitionRoutesOptions {
  readonly limits?: PetitionLimits
  /** True when the request comes from a signed-in maintainer (moderation, delivery). */
  readonly isMaintainer?: (request: FastifyRequest) => Promise<boolean>
}

/**
 * Registers the petitions API.
 *
 * @example
 * ```ts
 * registerPetitionRoutes(app, createPetitionsService({ database, directory, names, mailer, publicUrl }))
 * ```
 */
export function registerPetitionRoutes(app: FastifyInstance, petitions: PetitionsService, options: PetitionRoutesOptions = {}): void {
  const limits = options.limits ?? DEFAULT_PETITION_LIMITS
  const isMaintainer = options.isMaintainer ?? (async () => false)
  // Every POST here: same-origin JSON, its body checked exactly (no coercion of types).
  const sameOrigin = { ...STRICT_BODY, preValidation: async (request: FastifyRequest) => requireSameOriginJson(request) }
  const perIp = { rateLimit: { max: limits.perIp, timeWindow: limits.timeWindow } }
  // Per petition: a fixed window per petition id, in memory (one server process).
  const windowMs = typeof limits.timeWindow === 'number' ? limits.timeWindow : 60_000 * (Number(/^(\d+)\s*minute/.exec(limits.timeWindow)?.[1]) || 1)
  const windows = new Map<string, { start: number; count: number }>()
  const perPetition = async (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id
    const at = Date.now()
    let w = windows.get(id)
    if (!w || at - w.start >= windowMs) {
      if (windows.size > 10_000) windows.clear()
      w = { start: at, count: 0 }
      windows.set(id, w)
    }
    w.count++
    if (w.count > limits.perPetition) {
      await petitions.countRateLimited(id).catch(() => undefined)
      throw new AppError('rate-limited', `id: this petition takes at most ${limits.perPetition} sign-ups per ${Math.round(windowMs / 1000)} s; try again shortly`, { field: 'id' })
    }
  }

  app.post(
    '/api/v1/petitions',
    {
      ...sameOrigin,
      schema: {
        summary: 'Start a petition aimed at officials of the directory; it goes live when the creator confirms the email',
        description:
          'The creator gets a mail with a confirmation link (a page whose button posts to `/api/v1/petitions/{id}/confirm`) and a private key for changes and the delivery packet. ' +
          'The creator’s name and email are never shown. Disposable addresses are refused.',
        body: Type.Object(
          {
            ...Words,
            targets: Type.Array(Target, { minItems: 1, maxItems: 10, description: 'One or more posts or persons of the officials directory' }),
            jurisdiction: Type.String({ minLength: 1, maxLength: 300, description: 'The place it concerns: an OCD division ID or a name the resolver knows' }),
            creator: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), email: Type.String({ minLength: 3, maxLength: 254 }) }, { additionalProperties: false }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Open('`petition-created`: id, status `draft`, the page'), 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { petition } = await petitions.create(request.body as never)
      return reply.status(201).send({ kind: 'petition-created', id: petition.id, status: petition.status, url: `/petitions/${petition.id}`, message: 'Check the creator’s mail: the petition goes live when its link is confirmed.' })
    },
  )

  app.post(
    '/api/v1/petitions/:id/confirm',
    { ...sameOrigin, schema: { summary: 'The creator confirms the email: the petition goes live', params: IdParams, body: TokenBody, response: { 200: Open('The public petition'), 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema } } },
    async (request) => {
      const { id } = request.params as { id: string }
      await petitions.confirm(id, (request.body as { token: string }).token)
      return publicPetition(await petitions.view(id))
    },
  )

  app.get(
    '/api/v1/petitions/:id',
    {
      schema: {
        summary: 'A petition: its words, targets, confirmed and pending counts, counts by county and congressional district (under 11 suppressed), integrity figures and public comments',
        description: 'No name or email of a signer or creator is ever in this response. A hidden petition shows its title and the public reason instead of its text.',
        params: IdParams,
        response: { 200: Open('The public petition'), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-cache')
      return publicPetition(await petitions.view((request.params as { id: string }).id))
    },
  )

  app.post(
    '/api/v1/petitions/:id/signatures',
    {
      ...sameOrigin,
      preHandler: perPetition,
      config: perIp,
      schema: {
        summary: 'Sign: a pending signature, counted once confirmed through the single-use link mailed to the signer',
        description:
          'One signature per petition per normalised email (Gmail dots and +tags ignored); disposable addresses refused; the ZIP code gives the county (a ZIP code spanning counties needs `county`), ' +
          'the place and, where certain, the congressional district. The optional comment is public (with the county, never the name). Rate limited per client IP and per petition.',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200, description: 'Shown only in the delivery packet' }),
            email: Type.String({ minLength: 3, maxLength: 254, description: 'Never shown' }),
            zip: Type.String({ pattern: '^\\s*\\d{5}\\s*$', description: 'Five-digit ZIP code' }),
            county: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'The county (OCD ID) when the ZIP code spans several' })),
            comment: Type.Optional(Type.String({ maxLength: 1_000, description: 'A public comment' })),
          },
          { additionalProperties: false },
        ),
        response: { 202: Open('`signature-pending`: confirm through the mailed link before it expires'), 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const pending = await petitions.sign(id, request.body as never)
      return reply.status(202).send({ kind: 'signature-pending', petitionId: id, expiresAt: pending.expiresAt, message: 'Check your mail: the signature counts once you confirm it.' })
    },
  )

  for (const action of ['confirm', 'withdraw'] as const) {
    app.post(
      `/api/v1/signatures/${action}`,
      {
        ...sameOrigin,
        schema: {
          summary: action === 'confirm' ? 'Confirm a signature with the single-use token from the mail (the mailed link opens a page whose button posts here)' : 'Withdraw a signature with the withdrawal token from the mail; its name and email are erased',
          body: TokenBody,
          response: { 200: Open(`\`signature-${action === 'confirm' ? 'confirmed' : 'withdrawn'}\``), 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
        },
      },
      async (request) => {
        const done = await petitions.useToken(action, (request.body as { token: string }).token)
        return { kind: action === 'confirm' ? 'signature-confirmed' : 'signature-withdrawn', petitionId: done.petitionId, url: `/petitions/${done.petitionId}` }
      },
    )
  }

  app.post(
    '/api/v1/petitions/:id/revisions',
    {
      ...sameOrigin,
      schema: {
        summary: 'The creator changes the words: in place before the first signature; after it, a new petition (confirmed by mail) that supersedes this one',
        params: IdParams,
        body: Type.Object({ token: TokenBody.properties.token, title: Type.Optional(Words.title), text: Type.Optional(Words.text), ask: Type.Optional(Words.ask) }, { additionalProperties: false }),
        response: { 200: Open('`petition-edited`'), 201: Open('`petition-superseded`: the new petition’s id'), 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const { token, ...change } = request.body as { token: string; title?: string; text?: string; ask?: string }
      const result = await petitions.revise(id, token, change)
      if (!result.created) return { kind: 'petition-edited', id }
      return reply.status(201).send({ kind: 'petition-superseded', id: result.petition.id, supersedes: id, status: result.petition.status, message: 'Check the creator’s mail: the new petition goes live when confirmed, and this one closes.' })
    },
  )

  app.post(
    '/api/v1/petitions/:id/reports',
    {
      ...sameOrigin,
      schema: {
        summary: 'Report a petition to the maintainers (nothing about the reader is stored)',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 40, description: `One of: ${REPORT_REASONS.join(', ')}` }), message: Type.Optional(Type.String({ maxLength: 2_000 })) }, { additionalProperties: false }),
        response: { 201: Open('`petition-reported`'), 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const body = request.body as { reason: string; message?: string }
      await petitions.report(id, body.reason, body.message)
      return reply.status(201).send({ kind: 'petition-reported', id })
    },
  )

  app.get(
    '/api/v1/petitions/:id/delivery',
    {
      schema: {
        summary: 'The delivery packet for one target, as PDF or CSV: the text, counts by the target’s constituency, and the confirmed signers’ names and cities',
        description: 'For the creator (their key as `Authorization: Bearer …` or `token`) or a signed-in maintainer. The only output with signers’ names; never emails.',
        params: IdParams,
        querystring: Type.Object(
          {
            target: Type.String({ minLength: 1, maxLength: 400, description: 'A target id of the petition' }),
            format: Type.Optional(Type.Union([Type.Literal('pdf'), Type.Literal('csv')], { description: 'pdf (default) or csv' })),
            token: Type.Optional(Type.String({ maxLength: 64, description: 'The creator key (or send it as a Bearer token)' })),
          },
          { additionalProperties: false },
        ),
        response: { 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const q = request.query as { target: string; format?: 'pdf' | 'csv' }
      const token = bearer(request)
      const maintainer = token === undefined && (await isMaintainer(request))
      const packet = await petitions.delivery(id, q.target, { ...(token !== undefined ? { token } : {}), maintainer })
      reply.header('cache-control', 'private, no-store')
      const base = `petition-${id}-${q.target.replace(/[^A-Za-z0-9]+/g, '-').slice(-60)}`
      if (q.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${base}.csv"`).send(deliveryCsv(packet))
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${base}.pdf"`).send(await deliveryPdf(packet))
    },
  )

  app.post(
    '/api/v1/petitions/:id/moderation',
    {
      ...sameOrigin,
      schema: {
        summary: 'A maintainer hides a petition with a public reason, or shows it again (`hidden: false`)',
        params: IdParams,
        body: Type.Object({ hidden: Type.Boolean(), reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Shown in public on the petition' })) }, { additionalProperties: false }),
        response: { 200: Open('The public petition'), 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      if (!(await isMaintainer(request))) throw new AppError('unauthorized', 'moderation is for signed-in maintainers: sign in first (POST /sign-in)', { field: 'session' })
      const { id } = request.params as { id: string }
      await moderatePetition(petitions, id, request.body as { hidden: boolean; reason?: string })
      return publicPetition(await petitions.view(id))
    },
  )
}
