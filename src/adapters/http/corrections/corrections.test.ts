/**
 * Corrections over HTTP on the real registry and an in-memory database: a reader suggests a
 * correction with the provision's form, sees it pending on the jurisdiction page (never the
 * email); a maintainer accepts it (the patch applies to the registry file with `git apply`) or
 * rejects another with a public reason; the API does the same with JSON; spam limits hold.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../../core/engine/index.ts'
import { addMaintainer, openDatabase, type Database } from '../../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../../fs/index.ts'
import { buildApp } from '../app.ts'
import { jurisdictionPath } from '../../../web/shared/words.ts'

const root = defaultRegistryDir()
const registry = await loadRegistryOrThrow(root)
const PROVISION = 'ca-trust-hold'
const CA = 'ocd-division/country:us/state:ca'
const PASSWORD = 'correct horse battery staple'
const EMAIL = 'reader@example.org'

let database: Database
let app: Awaited<ReturnType<typeof buildApp>>
beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite-memory' })
  await addMaintainer(database, 'ana@example.org', PASSWORD)
  app = await buildApp({ engine: createEngine(registry, { version: 'test' }), database, registryDir: root, correctionLimit: { max: 8, timeWindow: '1 minute' } })
})
afterAll(async () => {
  await app.close()
  await database.close()
})

function cookiesOf(setCookie: string | string[] | undefined): string[] {
  return (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((c) => c.split(';')[0]!)
}
const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }

describe('corrections', () => {
  let jar: string[] = []
  let csrf = ''
  const cookie = () => jar.join('; ')

  it('shows a form, report-an-error links and last-verified on every provision of a jurisdiction page', async () => {
    const page = await app.inject({ url: jurisdictionPath(CA), remoteAddress: '10.1.0.1' })
    expect(page.statusCode).toBe(200)
    jar = cookiesOf(page.headers['set-cookie'])
    csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
    const provisions = [...registry.provisions.values()].filter((p) => p.jurisdictionId === CA)
    expect((page.body.match(/<form method="post" action="\/corrections"/g) ?? []).length).toBe(provisions.length)
    expect(page.body).toContain(`href="/corrections/new?provision=${PROVISION}&amp;topic=dates"`)
    expect(page.body).toContain('Last verified:')
  })

  it('stores a suggestion from the form and shows it as pending, without the email', async () => {
    const what = 'The TRUST Act hold limits applied from 1 January 2014 only; the date shown is fine but the hours are wrong.'
    const res = await app.inject({ method: 'POST', url: '/corrections', remoteAddress: '10.1.0.1', headers: { ...form, cookie: cookie() }, payload: new URLSearchParams({ _csrf: csrf, provision: PROVISION, topic: 'limits', what, source: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=7282.5', email: EMAIL, website: '' }).toString() })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`${jurisdictionPath(CA)}?suggested=1#corrections-${PROVISION}`)
    const page = await app.inject({ url: jurisdictionPath(CA), headers: { cookie: cookie() } })
    expect(page.body).toContain('1 pending correction')
    expect(page.body).toContain('the hours are wrong')
    expect(page.body).not.toContain(EMAIL)
    const api = (await app.inject({ url: `/api/v1/corrections?jurisdiction=${encodeURIComponent(CA)}` })).json()
    expect(api.count).toBe(1)
    expect(api.corrections[0]).toMatchObject({ provision: PROVISION, status: 'pending', topic: 'limits' })
    expect(JSON.stringify(api)).not.toContain(EMAIL)
  })

  it('refuses a form without its token, and shows the form again naming a bad field', async () => {
    const noToken = await app.inject({ method: 'POST', url: '/corrections', remoteAddress: '10.1.0.2', headers: { ...form, cookie: cookie() }, payload: new URLSearchParams({ provision: PROVISION, what: 'Something is wrong here.', source: 'https://example.gov/' }).toString() })
    expect(noToken.statusCode).toBe(403)
    expect(noToken.body).toContain('_csrf')
    const bad = await app.inject({ method: 'POST', url: '/corrections', remoteAddress: '10.1.0.2', headers: { ...form, cookie: cookie() }, payload: new URLSearchParams({ _csrf: csrf, provision: PROVISION, what: 'Something is wrong here.', source: 'ftp://example.gov/x', email: EMAIL }).toString() })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('source: only http and https')
    expect(bad.body).toContain('Something is wrong here.')
    const trap = await app.inject({ method: 'POST', url: '/api/v1/corrections', remoteAddress: '10.1.0.2', payload: { provision: PROVISION, what: 'Buy cheap watches now please.', source: 'https://spam.example.com/', website: 'https://spam.example.com/' } })
    expect(trap.statusCode).toBe(400)
    expect(trap.json().error.field).toBe('website')
    expect((await app.inject({ method: 'POST', url: '/api/v1/corrections', payload: { provision: 'no-such', what: 'Something is wrong here.', source: 'https://example.gov/' } })).statusCode).toBe(404)
  })

  it('limits submissions per client IP', async () => {
    const codes: number[] = []
    for (let i = 0; i < 9; i++) codes.push((await app.inject({ method: 'POST', url: '/api/v1/corrections', remoteAddress: '10.1.0.9', payload: { provision: PROVISION, what: 'x' } })).statusCode)
    expect(codes.slice(0, 8).every((c) => c === 400)).toBe(true)
    expect(codes[8]).toBe(429)
  })

  it('a maintainer signs in, sees the queue with the email, accepts with a quote; the patch applies to the registry file', async () => {
    expect((await app.inject({ url: '/maintainers/corrections' })).headers.location).toBe('/sign-in?next=%2Fmaintainers%2Fcorrections')
    const signIn = await app.inject({ url: '/sign-in?next=/maintainers/corrections', headers: { cookie: cookie() } })
    const token = /name="_csrf" value="([^"]+)"/.exec(signIn.body)![1]!
    const signedIn = await app.inject({ method: 'POST', url: '/sign-in', headers: { ...form, cookie: cookie() }, payload: new URLSearchParams({ _csrf: token, email: 'ana@example.org', password: PASSWORD, next: '/maintainers/corrections' }).toString() })
    expect(signedIn.statusCode).toBe(303)
    jar = [...jar, ...cookiesOf(signedIn.headers['set-cookie'])]
    const queue = await app.inject({ url: '/maintainers/corrections', headers: { cookie: cookie() } })
    expect(queue.statusCode).toBe(200)
    expect(queue.body).toContain(EMAIL)
    const id = Number(/id="correction-(\d+)"/.exec(queue.body)![1])
    const accepted = await app.inject({ method: 'POST', url: `/maintainers/corrections/${id}/accept`, headers: { ...form, cookie: cookie() }, payload: new URLSearchParams({ _csrf: token, quote: 'A law enforcement official shall have discretion to cooperate', reliability: 'primary' }).toString() })
    expect(accepted.statusCode).toBe(303)
    const patch = await app.inject({ url: `/maintainers/corrections/${id}/patch`, headers: { cookie: cookie() } })
    expect(patch.statusCode).toBe(200)
    expect(patch.headers['content-type']).toMatch(/text\/x-diff/)
    expect(patch.body).toMatch(/^--- a\/registry\/us\/state-ca\.yaml\n\+\+\+ b\/registry\/us\/state-ca\.yaml\n@@ /)
    expect(patch.body).toContain('+          - url: https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=7282.5')
    // git apply --check against a copy of the file, as a maintainer would apply it
    const dir = mkdtempSync(join(tmpdir(), 'correction-patch-'))
    try {
      execFileSync('mkdir', ['-p', join(dir, 'registry/us')])
      execFileSync('cp', [join(root, 'us/state-ca.yaml'), join(dir, 'registry/us/state-ca.yaml')])
      writeFileSync(join(dir, 'p.patch'), patch.body)
      execFileSync('git', ['apply', '--check', 'p.patch'], { cwd: dir })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    expect((await app.inject({ url: `/maintainers/corrections/${id}/patch` })).statusCode).toBe(303)
    const page = await app.inject({ url: jurisdictionPath(CA) })
    expect(page.body).not.toContain('pending correction')
    expect(page.body).toContain('Reviewed corrections (1)')
    expect(page.body).toMatch(/Last verified: \d+ \w+ \d{4}, by a maintainer’s review/)
    const again = await app.inject({ method: 'POST', url: `/api/v1/corrections/${id}/reject`, headers: { cookie: cookie() }, payload: { reason: 'Too late, it was accepted.' } })
    expect(again.statusCode).toBe(409)
  })

  it('the API: submit, reject with a public reason (maintainers only), read back', async () => {
    const made = await app.inject({ method: 'POST', url: '/api/v1/corrections', remoteAddress: '10.1.0.3', payload: { provision: PROVISION, what: 'The statute number is wrong, it is 7282.6.', source: 'https://example.gov/ca', email: EMAIL } })
    expect(made.statusCode).toBe(201)
    const id = made.json().id as number
    expect(made.json()).not.toHaveProperty('email')
    expect((await app.inject({ method: 'POST', url: `/api/v1/corrections/${id}/reject`, payload: { reason: 'The cited page shows 7282.5.' } })).statusCode).toBe(401)
    const rejected = await app.inject({ method: 'POST', url: `/api/v1/corrections/${id}/reject`, headers: { cookie: cookie() }, payload: { reason: 'The cited page shows 7282.5.' } })
    expect(rejected.statusCode).toBe(200)
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: 'The cited page shows 7282.5.' })
    const page = await app.inject({ url: jurisdictionPath(CA) })
    expect(page.body).toContain('The cited page shows 7282.5.')
    const doc = (await app.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/corrections', '/api/v1/corrections/{id}', '/api/v1/corrections/{id}/accept', '/api/v1/corrections/{id}/reject']))
  })
})
