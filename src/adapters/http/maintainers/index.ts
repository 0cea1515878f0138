/**
 * Maintainer sign-in for the web server: `/sign-in` (a form, POSTed with its CSRF token, rate
 * limited per client IP), `/sign-out`, the signed-in home `/maintainers`, the session cookie
 * (httpOnly, SameSite=Lax, Secure over https; only its hash is stored), and
 * {@link requireMaintainer}, the preHandler that guards maintainer routes: 401 JSON under /api, a
 * redirect to /sign-in for pages.
 *
 * @example
 * ```ts
 * registerMaintainers(app, database)            // before the routes that use requireMaintainer
 * app.get('/maintainers/corrections', { preHandler: requireMaintainer }, handler)
 * await app.register(pagesPlugin, { …, modules: [maintainerPages(database)] })
 * ```
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { h, type VNode } from 'preact'
import { AppError } from '../../../core/errors/index.ts'
import type { Maintainer } from '../../../core/maintainers/index.ts'
import { checkMaintainer, endSession, maintainerCount, sessionMaintainer, startSession, type Database } from '../../db/index.ts'
import { MaintainersHomePage, SignInPage } from '../../../web/pages/maintainer-pages.tsx'
import { csrfToken, isHttps, verifyCsrf } from '../forms/index.ts'
import type { PageKit, PageModule } from '../pages.ts'

/** The session cookie's name. */
export const SESSION_COOKIE = 'sa_session'

/** Sign-in attempts allowed per client IP per window; default 10 per 15 minutes. */
export interface SignInLimit {
  readonly max: number
  readonly timeWindow: number | string
}

const DEFAULT_SIGN_IN_LIMIT: SignInLimit = { max: 10, timeWindow: '15 minutes' }

interface MaintainerAuth {
  readonly database: Database
  readonly now: () => Date
}

const AUTH = Symbol.for('sanctuary.maintainerAuth')
const SIGNED_IN = Symbol.for('sanctuary.maintainer')

/**
 * Connects maintainer sessions to the app (the database they live in). Call before registering
 * routes that use {@link requireMaintainer}; without it they answer 401.
 *
 * @example
 * ```ts
 * registerMaintainers(app, database, { now: () => new Date() })
 * ```
 */
export function registerMaintainers(app: FastifyInstance, database: Database, options: { readonly now?: () => Date } = {}): void {
  ;(app as unknown as Record<symbol, MaintainerAuth>)[AUTH] = { database, now: options.now ?? (() => new Date()) }
}

function authOf(request: FastifyRequest): MaintainerAuth | undefined {
  return (request.server as unknown as Record<symbol, MaintainerAuth | undefined>)[AUTH]
}

/** The maintainer signed in on this request (from its session cookie), or null. Cached on the request. */
export async function currentMaintainer(request: FastifyRequest): Promise<Maintainer | null> {
  const cached = (request as unknown as Record<symbol, Maintainer | null | undefined>)[SIGNED_IN]
  if (cached !== undefined) return cached
  const auth = authOf(request)
  const token = request.cookies?.[SESSION_COOKIE]
  const found = auth && token ? await sessionMaintainer(auth.database, token, auth.now()) : null
  ;(request as unknown as Record<symbol, Maintainer | null>)[SIGNED_IN] = found
  return found
}

/** Whether a request is for the API (JSON answers) rather than a page. */
function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/')
}

/**
 * A preHandler for maintainer-only routes. Signed in: the request goes on (read the maintainer with
 * {@link currentMaintainer}). Not signed in: `unauthorized` (401 JSON) under /api; for a page, a
 * 303 redirect to `/sign-in?next=<this page>` (GET) or a 401 page (other methods).
 *
 * @example
 * ```ts
 * app.post('/api/v1/corrections/:id/accept', { preHandler: requireMaintainer }, handler)
 * ```
 */
export async function requireMaintainer(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const maintainer = await currentMaintainer(request)
  if (maintainer) return
  if (!isApi(request) && (request.method === 'GET' || request.method === 'HEAD')) {
    await reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303)
    return
  }
  throw new AppError('unauthorized', 'sign in as a maintainer first (POST /sign-in with email and password)', { field: SESSION_COOKIE })
}

/** A same-site path to return to after signing in; anything else becomes `/maintainers`. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.length > 2000) return '/maintainers'
  if (next.startsWith('/sign-in') || next.startsWith('/sign-out')) return '/maintainers'
  return next
}

/** Links on the maintainers' home, added by the modules that have review queues. */
export interface MaintainerLink {
  readonly href: string
  readonly label: string
}

const signInBody = {
  type: 'object',
  properties: {
    email: { type: 'string', maxLength: 254 },
    password: { type: 'string', maxLength: 256 },
    next: { type: 'string', maxLength: 2000 },
    _csrf: { type: 'string', maxLength: 200 },
  },
  additionalProperties: false,
} as const

/**
 * The sign-in, sign-out and maintainers' home pages, as a module for the pages plugin.
 *
 * @example
 * ```ts
 * await app.register(pagesPlugin, { service, modules: [maintainerPages(database, { links: [{ href: '/maintainers/corrections', label: 'Corrections' }] })] })
 * ```
 */
export function maintainerPages(database: Database, options: { readonly links?: readonly MaintainerLink[]; readonly signInLimit?: SignInLimit } = {}): PageModule {
  const limit = options.signInLimit ?? DEFAULT_SIGN_IN_LIMIT
  return (kit: PageKit) => {
    const { app, sendAfter } = kit
    // `VNode<any>`: any component's output.
    const page = (status: number, title: string, body: VNode<any>) =>
      ({ kind: 'page', status, title, description: title, nav: 'none', entry: null, body, data: null }) as const
    const signInForm = async (request: FastifyRequest, reply: FastifyReply, status: number, next: string, error?: string, email?: string) => {
      const none = (await maintainerCount(database)) === 0
      void reply.header('x-robots-tag', 'noindex').header('cache-control', 'no-store')
      return page(status, 'Maintainer sign-in', h(SignInPage, { csrf: csrfToken(reply), next, ...(error ? { error } : {}), ...(email ? { email } : {}), noMaintainers: none }))
    }

    app.get('/sign-in', { schema: { hide: true } }, (request, reply) =>
      sendAfter(request, reply, async () => {
        const next = safeNext((request.query as { next?: unknown }).next)
        if (await currentMaintainer(request)) return { kind: 'redirect', status: 303, location: next }
        return signInForm(request, reply, 200, next)
      }),
    )

    app.post('/sign-in', { schema: { hide: true, body: signInBody }, config: { rateLimit: limit } }, (request, reply) =>
      sendAfter(request, reply, async () => {
        await verifyCsrf(request, reply)
        const body = (request.body ?? {}) as { email?: string; password?: string; next?: string }
        const next = safeNext(body.next)
        const maintainer = body.email && body.password ? await checkMaintainer(database, body.email, body.password) : null
        if (!maintainer) return signInForm(request, reply, 401, next, 'The email or password is not right.', body.email)
        const auth = authOf(request)
        const { token, expires } = await startSession(database, maintainer.id, auth ? auth.now() : new Date())
        void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(request), expires })
        return { kind: 'redirect', status: 303, location: next }
      }),
    )

    app.post('/sign-out', { schema: { hide: true } }, (request, reply) =>
      sendAfter(request, reply, async () => {
        await verifyCsrf(request, reply)
        const token = request.cookies?.[SESSION_COOKIE]
        if (token) await endSession(database, token)
        void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(request) })
        return { kind: 'redirect', status: 303, location: '/' }
      }),
    )

    app.get('/maintainers', { schema: { hide: true }, preHandler: requireMaintainer }, (request, reply) =>
      sendAfter(request, reply, async () => {
        const maintainer = (await currentMaintainer(request))!
        void reply.header('x-robots-tag', 'noindex').header('cache-control', 'no-store')
        return page(200, 'Maintainers', h(MaintainersHomePage, { email: maintainer.email, csrf: csrfToken(reply), links: options.links ?? [] }))
      }),
    )
  }
}
