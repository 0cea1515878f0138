/**
 * Call scripts in a real browser: the jurisdiction page's Contact block links the Fresno County
 * sheriff's script; the script page's outcome button posts with fetch (the browser's own Origin
 * and Sec-Fetch-Site headers pass the same-origin guard) and shows the new count; with scripts off
 * the buttons stay hidden and the page says why. The app runs on an in-memory PGlite directory.
 */
import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../src/core/engine/index.ts'
import { curatedRecords, type DirectoryRecord, type SourceRef } from '../src/core/officials/index.ts'
import { openDatabase, startImport, type Database } from '../src/adapters/db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, packageVersion } from '../src/adapters/fs/index.ts'
import { buildApp } from '../src/adapters/http/app.ts'
import { browserAvailability, collectCsp, E2E_HOOK_TIMEOUT, E2E_TEST_TIMEOUT, ensureClientBuilt, launchChromium, screenshot, watchPage } from './browser.ts'

const FRESNO = 'ocd-division/country:us/state:ca/county:fresno'
const POST = `post:sheriff/${FRESNO}`
const hifld: SourceRef = { dataset: 'hifld-law-enforcement', file: 'local_law_enforcement_locations.csv', version: 'fixture', line: 2 }
const availability = browserAvailability()

describe.skipIf(availability.kind === 'skip')('call scripts in Chromium', () => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let browser: Browser
  let base = ''
  beforeAll(async () => {
    if (availability.kind === 'required-missing') throw new Error(availability.reason)
    await ensureClientBuilt()
    database = await openDatabase({ kind: 'pglite-memory' })
    const curated = curatedRecords([{ path: 'us/state-ca/county-fresno.yaml', text: readFileSync(new URL('../officials/us/state-ca/county-fresno.yaml', import.meta.url), 'utf8') }], 'fixture')
    const records: DirectoryRecord[] = [
      { kind: 'organization', id: 'hifld:1', name: 'Fresno County Sheriffs Office', classification: 'sheriff-office', division: FRESNO, contacts: [{ kind: 'phone', value: '(559) 555-0100' }], identifiers: {}, source: hifld },
      { kind: 'post', id: POST, organizationId: 'hifld:1', role: 'sheriff', label: 'Sheriff of Fresno County, CA', division: FRESNO, source: hifld },
      ...curated.records,
    ]
    const run = await startImport(database, 'fixture', '2026-12-07')
    await run.write(records)
    await run.finish([], { records: records.length })
    app = await buildApp({ engine: createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: packageVersion() }), database, today: () => '2026-12-07' })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const address = app.server.address()
    if (!address || typeof address === 'string') throw new Error('no TCP address')
    base = `http://127.0.0.1:${address.port}`
    browser = await launchChromium()
  }, E2E_HOOK_TIMEOUT)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await database?.close()
  }, E2E_HOOK_TIMEOUT)

  it('follows the Contact link to the sheriff’s script and logs a voicemail', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const problems = await watchPage(page)
    await page.goto(`${base}/jurisdictions/${FRESNO}`, { waitUntil: 'load' })
    const contact = page.locator('section[aria-labelledby="contact-title"]')
    await expect(contact.textContent()).resolves.toContain('John Zanoni')
    await contact.getByRole('link', { name: 'holding on a detainer' }).click()
    await page.waitForURL(/\/scripts\?/)
    await expect(page.locator('pre.script-lines').textContent()).resolves.toContain('[your request]')
    await page.getByRole('button', { name: 'Left a voicemail' }).click()
    await page.waitForFunction(() => document.getElementById('outcome-status')?.textContent?.startsWith('Thank you'))
    await expect(page.locator('#outcome-counts').textContent()).resolves.toBe('Logged: Left a voicemail 1.')
    await screenshot(page, 'script-fresno-sheriff')
    await collectCsp(page, problems)
    expect(problems).toEqual([])
    const rows = await database.db.selectFrom('call_outcomes').selectAll().execute()
    expect(rows.map((r) => [r.day, r.post_id, r.question, r.outcome, r.count])).toEqual([['2026-12-07', POST, 'hold', 'voicemail', 1]])
    await context.close()
  }, E2E_TEST_TIMEOUT)

  it('with scripts off, the outcome buttons stay hidden and the page says why', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${base}/scripts?${new URLSearchParams({ post: POST, jurisdiction: FRESNO, question: 'notify' })}`, { waitUntil: 'load' })
    await expect(page.getByRole('button', { name: 'Left a voicemail' }).isVisible()).resolves.toBe(false)
    await expect(page.locator('body').textContent()).resolves.toContain('Logging an outcome needs JavaScript')
    await context.close()
  }, E2E_TEST_TIMEOUT)
})
