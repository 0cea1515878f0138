/**
 * Readers' reports for maintainers: the page `/maintainers/reports` (signed in; each reported
 * petition with its state and reports) and its moderation form, POSTed with the CSRF token to
 * `/maintainers/reports/{id}/moderation` — the same hide-with-a-public-reason (or show again) as
 * `POST /api/v1/petitions/{id}/moderation`, through the petitions service. Nothing about a
 * reporter is stored, so nothing is shown.
 *
 * @example
 * ```ts
 * modules.push(petitionReportPages(database, petitions))
 * ```
 */
import { h, type VNode } from 'preact'
import { AppError } from '../../core/errors/index.ts'
import { reportedPetitions, type Database } from '../db/index.ts'
import { PetitionReportsPage } from '../../web/pages/petition-reports-page.tsx'
import { csrfToken, verifyCsrf } from './forms/index.ts'
import { currentMaintainer, requireMaintainer } from './maintainers/index.ts'
import type { PageKit, PageModule } from './pages.ts'
import { PETITION_ID_PATTERN, type PetitionsService } from './petitions-service.ts'

const ID = new RegExp(PETITION_ID_PATTERN)

/**
 * Hides a petition with a public reason, or shows it again: the one rule both the API and the
 * form follow (a reason is needed to hide; 1–500 characters).
 *
 * @example
 * ```ts
 * await moderatePetition(petitions, 'AbCdEfGhIjK', { hidden: true, reason: 'It names a private person.' })
 * ```
 */
export async function moderatePetition(petitions: PetitionsService, id: string, input: { readonly hidden: boolean; readonly reason?: string | undefined }) {
  if (!ID.test(id)) throw new AppError('not-found', `id: no petition with id "${id.slice(0, 40)}"`, { field: 'id' })
  const reason = input.reason?.trim()
  // Only invisible characters (zero-width spaces, direction marks) are no reason either.
  if (input.hidden && !reason?.replace(/[\p{Cf}\p{Z}\s]/gu, '')) throw new AppError('invalid-input', 'reason: hiding a petition needs a public reason', { field: 'reason' })
  if (reason && [...reason].length > 500) throw new AppError('invalid-input', 'reason: at most 500 characters', { field: 'reason' })
  return petitions.hide(id, input.hidden ? reason! : null)
}

/**
 * The reports page and its moderation form, as a module for the pages plugin.
 *
 * @example
 * ```ts
 * await app.register(pagesPlugin, { service, modules: [petitionReportPages(database, petitions)] })
 * ```
 */
export function petitionReportPages(database: Database, petitions: PetitionsService): PageModule {
  return (kit: PageKit) => {
    const { app, sendAfter } = kit
    // body: any component's output
    const page = (status: number, body: VNode<any>) => ({ kind: 'page', status, title: 'Reports on petitions', description: 'Reports on petitions', nav: 'none', entry: null, body, data: null }) as const

    app.get('/maintainers/reports', { schema: { hide: true }, preHandler: requireMaintainer }, (request, reply) =>
      sendAfter(request, reply, async () => {
        const maintainer = (await currentMaintainer(request))!
        void reply.header('x-robots-tag', 'noindex').header('cache-control', 'no-store')
        return page(200, h(PetitionReportsPage, { items: await reportedPetitions(database), csrf: csrfToken(reply), signedInAs: maintainer.email }))
      }),
    )

    app.post('/maintainers/reports/:id/moderation', { schema: { hide: true }, preHandler: requireMaintainer }, (request, reply) =>
      sendAfter(request, reply, async () => {
        await verifyCsrf(request, reply)
        const { id } = request.params as { id: string }
        const body = (request.body ?? {}) as Record<string, unknown>
        const hidden = body.hidden === 'true' ? true : body.hidden === 'false' ? false : undefined
        if (hidden === undefined) throw new AppError('invalid-input', 'hidden: "true" to hide, "false" to show again', { field: 'hidden' })
        await moderatePetition(petitions, id, { hidden, reason: typeof body.reason === 'string' ? body.reason : undefined })
        return { kind: 'redirect', status: 303, location: `/maintainers/reports#petition-${id}` }
      }),
    )
  }
}
