/**
 * HTML forms with CSRF tokens: @fastify/cookie and @fastify/csrf-protection, registered once at the
 * app root ({@link registerForms}); a token for each server-rendered form ({@link csrfToken}, put
 * in the form as the hidden field `_csrf` with {@link CsrfField}); and a check on the POST
 * ({@link verifyCsrf}, or {@link csrfPreHandler} as a route hook) that refuses a missing or wrong
 * token with a 403 `forbidden` naming the field `_csrf`. Form bodies themselves are parsed by
 * @fastify/formbody, registered in app.ts.
 *
 * The token is the double-submit kind: a random secret in an httpOnly, SameSite=Strict cookie
 * (`_csrf`, Secure when the request came over https) and a token derived from it in the form. A
 * page on another site can make a browser post a form here, but it cannot read the token.
 *
 * @example
 * ```ts
 * await registerForms(app)
 * app.get('/sign-in', (request, reply) => render(<form method="post"><CsrfField token={csrfToken(reply)} />…</form>))
 * app.post('/sign-in', { preHandler: csrfPreHandler }, handler)
 * ```
 */
import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../../../core/errors/index.ts'
export { CsrfField } from '../../../web/components/csrf-field.tsx'

/** The form field (and cookie) that carries the CSRF token. */
export const CSRF_FIELD = '_csrf'

/** Whether the request reached the server over https (directly, or through a trusted proxy's X-Forwarded-Proto). */
export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https'
}

/**
 * Registers the cookie parser and the CSRF plugin on the app root, once: a second call is a no-op.
 * Call it before the routes that use {@link csrfToken} or {@link verifyCsrf}.
 *
 * @example
 * ```ts
 * const app = Fastify()
 * await app.register(formbody)
 * await registerForms(app)
 * ```
 */
export async function registerForms(app: FastifyInstance): Promise<void> {
  if (!app.hasDecorator('parseCookie')) await app.register(cookie)
  if (!app.hasDecorator('csrfProtection')) {
    await app.register(csrf, {
      cookieKey: CSRF_FIELD,
      cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true },
      // Forms send the field; scripts may send the header instead.
      getToken: (request) => {
        const body = request.body as Record<string, unknown> | undefined
        const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined
        if (typeof field === 'string') return field
        const header = request.headers['x-csrf-token']
        return typeof header === 'string' ? header : undefined
      },
      logLevel: 'info',
    })
  }
}

/**
 * A CSRF token for a form this reply renders; sets the secret cookie the first time (Secure over
 * https). Put it in the form with `<CsrfField token={csrfToken(reply)} />`.
 *
 * @example
 * ```ts
 * const token = csrfToken(reply) // 'x1Yz…' — one per render; any of them verifies while the cookie lasts
 * ```
 */
export function csrfToken(reply: FastifyReply): string {
  if (typeof reply.generateCsrf !== 'function') throw new AppError('internal', 'CSRF tokens need registerForms(app) before the routes that render forms')
  return reply.generateCsrf({ secure: isHttps(reply.request) })
}

/**
 * Checks the request's `_csrf` field (or `x-csrf-token` header) against its cookie; throws
 * `forbidden` naming the field `_csrf` when it is missing or wrong. Pages call it inside their
 * handler so that the refusal renders as a page; {@link csrfPreHandler} wraps it as a route hook.
 *
 * @example
 * ```ts
 * app.post('/corrections', async (request, reply) => { await verifyCsrf(request, reply); … })
 * ```
 */
export function verifyCsrf(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const app = request.server as FastifyInstance & { csrfProtection?: (req: FastifyRequest, reply: FastifyReply, next: () => void) => void }
  const protect = app.csrfProtection
  if (typeof protect !== 'function') return Promise.reject(new AppError('internal', 'CSRF checks need registerForms(app) before the routes that verify forms'))
  return new Promise<void>((resolve, reject) => {
    // The plugin answers a failure with reply.send(error); catch it here and throw our own error instead.
    const catching = Object.create(reply) as FastifyReply
    ;(catching as { send: (payload: unknown) => FastifyReply }).send = (payload: unknown) => {
      const missing = (payload as { code?: string } | undefined)?.code === 'FST_CSRF_MISSING_SECRET'
      reject(
        new AppError(
          'forbidden',
          missing
            ? `field "${CSRF_FIELD}": this form has no CSRF cookie to check against (cookies may be blocked); reload the page and submit it again`
            : `field "${CSRF_FIELD}": the form's CSRF token is missing or does not match; reload the page and submit it again`,
          { field: CSRF_FIELD },
        ),
      )
      return reply
    }
    try {
      protect.call(app, request, catching, () => resolve())
    } catch (thrown) {
      reject(thrown)
    }
  })
}

/**
 * {@link verifyCsrf} as a route's `preHandler` (it runs after the body is parsed). A refusal goes
 * to the app's error handler: 403 JSON under /api, a 403 page elsewhere.
 *
 * @example
 * ```ts
 * app.post('/sign-out', { preHandler: csrfPreHandler }, handler)
 * ```
 */
export async function csrfPreHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await verifyCsrf(request, reply)
}
