/**
 * Saved toolkit drafts behind private links: `POST /api/v1/toolkit/drafts` checks a draft and
 * stores it, `GET` and `DELETE /api/v1/toolkit/drafts/{token}` open and remove it, and the page
 * `/toolkit/drafts/{token}` (in pages.ts) shows it in the composer. What is stored is the
 * composer's state (its query string), so a saved draft opens exactly as its link would.
 */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { stringify } from 'yaml'
import { ErrorSchema } from '../../core/answers/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { composerDraft, composerQuery, composerState } from '../../core/toolkit/index.ts'
import type { ToolkitService } from '../toolkit/index.ts'
import { DraftCheckBody } from './routes-toolkit.ts'

/** Where saved drafts live: a database behind three calls (see `src/adapters/db/drafts-store.ts`). */
export interface SavedDrafts {
  /** Stores a composer query; resolves to the private token once the write is committed. */
  save(query: string): Promise<string>
  load(token: string): Promise<{ readonly query: string; readonly savedOn: string } | null>
  remove(token: string): Promise<boolean>
}

/** The private page of a saved draft. */
export const savedDraftPath = (token: string) => `/toolkit/drafts/${token}`

const TokenParams = Type.Object({ token: Type.String({ maxLength: 64, description: 'The private token from the save response' }) })

const SavedDraftSchema = Type.Object(
  {
    kind: Type.Literal('saved-draft'),
    token: Type.Optional(Type.String()),
    url: Type.String({ description: 'The private page that opens the draft in the composer' }),
    composer: Type.String({ description: 'The same draft as a composer link (the draft in the address; nothing stored)' }),
    savedOn: Type.Optional(Type.String()),
    jurisdiction: Type.String(),
    date: Type.String(),
    draft: Type.Unknown({ description: 'The draft in the registry format' }),
    simulation: Type.Object({ scope: Type.String(), peer: Type.Optional(Type.String()), action: Type.String() }),
  },
  { additionalProperties: false },
)

type CheckBody = { jurisdiction: string; date: string; draft: unknown; simulation?: { scope?: string; peer?: string; action?: string } }

function view(query: string, toolkit: ToolkitService, token: string) {
  const s = composerState(Object.fromEntries(new URLSearchParams(query)))
  return {
    kind: 'saved-draft' as const,
    url: savedDraftPath(token),
    composer: `/toolkit/compose?${query}`,
    jurisdiction: s.jurisdiction,
    date: s.date,
    draft: composerDraft(s, toolkit.engine.registry),
    simulation: { scope: s.scope, ...(s.peer ? { peer: s.peer } : {}), action: s.action },
  }
}

/**
 * Registers the saved-draft API.
 *
 * @example
 * ```ts
 * registerSavedDraftRoutes(app, toolkit, { save, load, remove })
 * ```
 */
export function registerSavedDraftRoutes(app: FastifyInstance, toolkit: ToolkitService, drafts: SavedDrafts): void {
  app.post(
    '/api/v1/toolkit/drafts',
    {
      schema: {
        summary: 'Save a draft with a private link: the draft is checked first (as /api/v1/toolkit/drafts/check), then stored; the token is the only key',
        body: DraftCheckBody,
        response: { 201: SavedDraftSchema, 400: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const body = request.body as CheckBody
      await toolkit.check(body as never)
      const sim = body.simulation ?? {}
      const query = composerQuery(composerState({ jurisdiction: body.jurisdiction, date: body.date, yaml: stringify(body.draft), scope: sim.scope, peer: sim.peer, action: sim.action }))
      const token = await drafts.save(query)
      return reply.status(201).header('location', savedDraftPath(token)).send({ ...view(query, toolkit, token), token })
    },
  )

  app.get(
    '/api/v1/toolkit/drafts/:token',
    { schema: { summary: 'Open a saved draft by its private token', params: TokenParams, response: { 200: SavedDraftSchema, 404: ErrorSchema } } },
    async (request) => {
      const { token } = request.params as { token: string }
      const saved = await drafts.load(token)
      if (!saved) throw new AppError('not-found', 'token: no saved draft has this token', { field: 'token' })
      return { ...view(saved.query, toolkit, token), savedOn: saved.savedOn }
    },
  )

  app.delete(
    '/api/v1/toolkit/drafts/:token',
    { schema: { summary: 'Delete a saved draft (whoever has the token can)', params: TokenParams, response: { 204: Type.Null(), 404: ErrorSchema } } },
    async (request, reply) => {
      const { token } = request.params as { token: string }
      if (!(await drafts.remove(token))) throw new AppError('not-found', 'token: no saved draft has this token', { field: 'token' })
      return reply.status(204).send()
    },
  )
}
