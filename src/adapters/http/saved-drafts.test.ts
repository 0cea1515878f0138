/**
 * Saved toolkit drafts over HTTP, on the real registry and an in-memory database: the API saves a
 * checked draft behind a private token, opens and deletes it; the composer's form saves and
 * redirects to the private page, which opens the same check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { openDatabase, type Database } from '../db/index.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow } from '../fs/index.ts'
import { buildApp } from './app.ts'

const root = defaultRegistryDir()
const registry = await loadRegistryOrThrow(root)
const federal = await loadFederalOrThrow(root, registry)
const TRAVIS = 'ocd-division/country:us/state:tx/county:travis'
const warrant = { title: 'Holds only with a judicial warrant', provisions: [{ id: 'warrant-only', clause: 'hold-judicial-warrant', action: 'detainer-hold', effect: 'prohibit', summary: 'No hold without a judicial warrant.', unless: { fact: 'detainer.judicialWarrant', equals: true } }] }

let database: Database
let app: Awaited<ReturnType<typeof buildApp>>
beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite-memory' })
  app = await buildApp({ engine: createEngine(registry, { version: 'test' }), federal, database })
})
afterAll(async () => {
  await app.close()
  await database.close()
})

describe('saved drafts', () => {
  it('the API saves a checked draft, opens it by token, and deletes it', async () => {
    const saved = await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts', payload: { jurisdiction: TRAVIS, date: '2018-06-01', draft: warrant } })
    expect(saved.statusCode).toBe(201)
    const body = saved.json()
    expect(body).toMatchObject({ kind: 'saved-draft', jurisdiction: TRAVIS, date: '2018-06-01', draft: warrant, simulation: { scope: 'auto', action: 'hold' } })
    expect(body.url).toBe(`/toolkit/drafts/${body.token}`)
    expect(saved.headers.location).toBe(body.url)

    const opened = await app.inject({ url: `/api/v1/toolkit/drafts/${body.token}` })
    expect(opened.statusCode).toBe(200)
    expect(opened.json()).toMatchObject({ kind: 'saved-draft', jurisdiction: TRAVIS, draft: warrant, savedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
    expect(opened.json().token).toBeUndefined()

    const page = await app.inject({ url: body.url })
    expect(page.statusCode).toBe(200)
    expect(page.headers['x-robots-tag']).toBe('noindex')
    expect(page.body).toContain('This page’s address is its private link')
    expect(page.body).toContain('Overridden by higher law')

    expect((await app.inject({ method: 'DELETE', url: `/api/v1/toolkit/drafts/${body.token}` })).statusCode).toBe(204)
    const gone = await app.inject({ url: `/api/v1/toolkit/drafts/${body.token}` })
    expect(gone.statusCode).toBe(404)
    expect(gone.json().error.field).toBe('token')
    expect((await app.inject({ url: body.url })).statusCode).toBe(404)
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/toolkit/drafts/${body.token}` })).statusCode).toBe(404)
  })

  it('the API stores nothing for a bad draft, and says which field', async () => {
    const before = await database.db.selectFrom('toolkit_drafts').select(database.db.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const bad = await app.inject({ method: 'POST', url: '/api/v1/toolkit/drafts', payload: { jurisdiction: TRAVIS, date: '2018-06-01', draft: { provisions: [{ ...warrant.provisions[0], effect: 'forbid' }] } } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toMatch(/effect/)
    const after = await database.db.selectFrom('toolkit_drafts').select(database.db.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('the composer offers saving; its form saves and redirects to the private page', async () => {
    const q = new URLSearchParams({ jurisdiction: 'Travis County, TX', date: '2018-06-01', clauses: 'hold-judicial-warrant' }).toString()
    const composer = await app.inject({ url: `/toolkit/compose?${q}` })
    expect(composer.body).toContain('Save with a private link')
    const posted = await app.inject({ method: 'POST', url: '/toolkit/drafts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ query: q }).toString() })
    expect(posted.statusCode).toBe(303)
    expect(posted.headers.location).toMatch(/^\/toolkit\/drafts\/[A-Za-z0-9_-]{32}$/)
    const page = await app.inject({ url: String(posted.headers.location) })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Overridden by higher law')
    expect(page.body).not.toContain('Save with a private link')
  })

  it('the form answers a draft without clauses, a bad draft and a missing field with 400 pages', async () => {
    const form = (payload: string) => app.inject({ method: 'POST', url: '/toolkit/drafts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload })
    const empty = await form(new URLSearchParams({ query: `jurisdiction=${encodeURIComponent(TRAVIS)}&date=2018-06-01` }).toString())
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('choose one before saving')
    const bad = await form(new URLSearchParams({ query: `jurisdiction=Nowhere+Qqxz&date=2018-06-01&clauses=hold-judicial-warrant` }).toString())
    expect(bad.statusCode).toBe(400)
    expect((await form('nothing=here')).statusCode).toBe(400)
  })
})
