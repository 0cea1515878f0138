/**
 * Response headers every route gets, added as root hooks so that routes of plugins registered
 * later (the pages) inherit them: security headers on every response, errors and 404s included;
 * ETag with If-None-Match → 304 on successful GETs; Cache-Control on the API's reads.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** The Content-Security-Policy of every response. `'unsafe-inline'` styles: Observable Plot writes a `<style>` into its SVG. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
})

/** Reads change only when the server restarts with another registry, or when "today" moves on. */
export const API_CACHE_CONTROL = 'public, max-age=300'

/**
 * A strong ETag for a body: a quoted base64url SHA-1, with a suffix per representation.
 *
 * @example
 * ```ts
 * etagOf('{}') // '"vyGp6PvFo4RvsFtPoIWeCReyIC8"'
 * ```
 */
export function etagOf(body: string | Buffer, suffix = ''): string {
  return `"${createHash('sha1').update(body).digest('base64url')}${suffix}"`
}

/**
 * True when an If-None-Match header matches the ETag (RFC 9110 weak comparison: `W/` ignored).
 *
 * @example
 * ```ts
 * ifNoneMatchHits('W/"a", "b"', '"b"') // true
 * ```
 */
export function ifNoneMatchHits(header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  const strip = (t: string) => t.trim().replace(/^W\//, '')
  return header.split(',').some((t) => strip(t) === strip(etag))
}

function isApiRead(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? ''
  return path.startsWith('/api/') || path === '/openapi.json'
}

/**
 * Adds the root hooks. Call before registering routes and plugins.
 *
 * @example
 * ```ts
 * addResponseHeaders(app)
 * ```
 */
export function addResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value)
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload
    if (isApiRead(request) && !reply.hasHeader('cache-control')) reply.header('cache-control', API_CACHE_CONTROL)
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    let etag = reply.getHeader('etag')
    if (typeof etag !== 'string') {
      etag = etagOf(payload)
      reply.header('etag', etag)
    }
    const condition = request.headers['if-none-match']
    if (typeof condition === 'string' && ifNoneMatchHits(condition, etag)) {
      reply.code(304)
      reply.removeHeader('content-length')
      reply.removeHeader('content-disposition')
      return ''
    }
    return payload
  })
}
