/**
 * A small CSRF guard for POST routes that pages call with `fetch` (no HTML form, so no token):
 * the body must be JSON — which a cross-site page can send only after a CORS preflight this server
 * never grants — and a browser's `Origin` / `Sec-Fetch-Site` headers, when present, must name this
 * server. Non-browser clients (curl, scripts) send neither header and pass. Kept in its own file so
 * that a token-based setup for HTML forms (@fastify/csrf-protection) can sit beside or replace it.
 */
import type { FastifyRequest } from 'fastify'
import { AppError } from '../../core/errors/index.ts'

/**
 * Throws `invalid-input` naming `content-type` or `origin` unless the request is same-origin JSON.
 * Use as a route's `preValidation` hook, so that it answers before the body is validated.
 *
 * @example
 * ```ts
 * app.post('/api/v1/scripts/outcomes', { preValidation: async (request) => requireSameOriginJson(request) }, handler)
 * ```
 */
export function requireSameOriginJson(request: FastifyRequest): void {
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json') throw new AppError('invalid-input', `the body must be JSON (content-type application/json), got "${type || 'none'}"`, { field: 'content-type' })
  const site = request.headers['sec-fetch-site']
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') throw new AppError('invalid-input', `cross-site requests are refused (sec-fetch-site: ${site})`, { field: 'origin' })
  const origin = request.headers.origin
  if (origin === undefined) return
  let from: URL
  try {
    from = new URL(origin)
  } catch {
    throw new AppError('invalid-input', `"${origin}" is not an origin`, { field: 'origin' })
  }
  // The Host header read with the origin's scheme, so that a default port compares equal.
  const host = request.headers.host ? URL.parse(`${from.protocol}//${request.headers.host}`)?.host : undefined
  if (from.host !== host) throw new AppError('invalid-input', `requests from ${origin} are refused; post from this site`, { field: 'origin' })
}
