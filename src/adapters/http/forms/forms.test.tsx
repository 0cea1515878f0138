import formbody from '@fastify/formbody'
import Fastify, { type FastifyInstance } from 'fastify'
import { renderToString } from 'preact-render-to-string'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../../core/engine/index.ts'
import { AppError } from '../../../core/errors/index.ts'
import { FIXTURE_ATLAS } from '../../../testing/fixture-atlas.ts'
import { fixtureRegistry } from '../../../testing/fixture-registry.ts'
import { buildApp } from '../app.ts'
import { CSRF_FIELD, CsrfField, csrfPreHandler, csrfToken, registerForms, verifyCsrf } from './index.ts'

/** The cookie a response sets, as `name=value` for the next request's Cookie header. */
function cookieOf(setCookie: string | string[] | undefined, name: string): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
  const found = list.find((c) => c.startsWith(`${name}=`))
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(list)}`)
  return found.split(';')[0]!
}

describe('forms and CSRF on a bare app', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = Fastify()
    await app.register(formbody)
    await registerForms(app)
    await registerForms(app) // a second call is a no-op, not a double registration
    app.setErrorHandler((error, _request, reply) => {
      const e = error instanceof AppError ? error : new AppError('internal', String(error))
      return reply.status(e.httpStatus).send(e.toJSON())
    })
    app.get('/form', async (_request, reply) => reply.type('text/html').send(renderToString(<form method="post"><CsrfField token={csrfToken(reply)} /></form>)))
    app.post('/form', { preHandler: csrfPreHandler }, async () => ({ ok: true }))
    app.post('/inline', async (request, reply) => {
      await verifyCsrf(request, reply)
      return { ok: true }
    })
  })
  afterAll(() => app.close())

  it('puts a token in a hidden _csrf field and sets an httpOnly SameSite=Strict secret cookie', async () => {
    const res = await app.inject({ url: '/form' })
    expect(res.body).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"\/?>/)
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toMatch(/^_csrf=/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).not.toMatch(/Secure/)
  })

  it('marks the cookie Secure when the request came over https through a trusted proxy', async () => {
    const proxied = Fastify({ trustProxy: true })
    await registerForms(proxied)
    proxied.get('/form', async (_request, reply) => csrfToken(reply))
    const res = await proxied.inject({ url: '/form', headers: { 'x-forwarded-proto': 'https' } })
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/)
    await proxied.close()
  })

  it('accepts a form posted with its token and cookie; refuses a missing, wrong or cookie-less token with 403 naming _csrf', async () => {
    const page = await app.inject({ url: '/form' })
    const token = /value="([^"]+)"/.exec(page.body)![1]!
    const cookie = cookieOf(page.headers['set-cookie'], CSRF_FIELD)
    const form = { 'content-type': 'application/x-www-form-urlencoded', cookie }
    for (const url of ['/form', '/inline']) {
      const ok = await app.inject({ method: 'POST', url, headers: form, payload: `${CSRF_FIELD}=${encodeURIComponent(token)}&x=1` })
      expect(ok.statusCode, url).toBe(200)
      const none = await app.inject({ method: 'POST', url, headers: form, payload: 'x=1' })
      expect(none.statusCode, url).toBe(403)
      expect(none.json().error, url).toMatchObject({ code: 'forbidden', field: '_csrf' })
      const wrong = await app.inject({ method: 'POST', url, headers: form, payload: `${CSRF_FIELD}=forged` })
      expect(wrong.statusCode, url).toBe(403)
      const noCookie = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `${CSRF_FIELD}=${encodeURIComponent(token)}` })
      expect(noCookie.statusCode, url).toBe(403)
      expect(noCookie.json().error.message, url).toMatch(/cookie/)
    }
    // A script may send the token as a header instead of a field.
    const header = await app.inject({ method: 'POST', url: '/form', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, payload: '{}' })
    expect(header.statusCode).toBe(200)
  })

  it('a token from another browser (another cookie) does not verify', async () => {
    const a = await app.inject({ url: '/form' })
    const b = await app.inject({ url: '/form' })
    const tokenA = /value="([^"]+)"/.exec(a.body)![1]!
    const res = await app.inject({ method: 'POST', url: '/form', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(b.headers['set-cookie'], CSRF_FIELD) }, payload: `${CSRF_FIELD}=${encodeURIComponent(tokenA)}` })
    expect(res.statusCode).toBe(403)
  })
})

describe('forms in the full app', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await buildApp({ engine: createEngine(fixtureRegistry(), { version: 'test' }), atlas: FIXTURE_ATLAS })
  })
  afterAll(() => app.close())

  it('registers the cookie and CSRF plugins at the root alongside formbody', () => {
    expect(app.hasDecorator('csrfProtection')).toBe(true)
    expect(app.hasReplyDecorator('generateCsrf')).toBe(true)
    expect(app.hasRequestDecorator('cookies')).toBe(true)
  })
})

describe('a refused form in the full app', () => {
  it('renders a 403 page for a browser and 403 JSON for the API', async () => {
    const app = await buildApp({ engine: createEngine(fixtureRegistry(), { version: 'test' }), atlas: FIXTURE_ATLAS })
    await app.register(async (scope) => {
      scope.post('/test-form', { preHandler: csrfPreHandler }, async () => ({ ok: true }))
      scope.post('/api/v1/test-form', { preHandler: csrfPreHandler }, async () => ({ ok: true }))
    })
    const page = await app.inject({ method: 'POST', url: '/test-form', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: 'x=1' })
    expect(page.statusCode).toBe(403)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain('_csrf')
    const api = await app.inject({ method: 'POST', url: '/api/v1/test-form', headers: { 'content-type': 'application/json' }, payload: '{}' })
    expect(api.statusCode).toBe(403)
    expect(api.json().error).toMatchObject({ code: 'forbidden', field: '_csrf' })
    await app.close()
  })
})
