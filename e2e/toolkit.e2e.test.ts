/**
 * The lawmaker toolkit in a real browser, as a staffer meets it: the catalog, a clause's adopters
 * on a timeline, and the composer — Travis County, "hold only with a judicial warrant", from
 * 1 June 2018 — checked as overridden by Texas SB 4 with its citation; saved with a private link
 * that opens the same check; the same draft standing in Multnomah County; the document export.
 */
import { describe, expect, it } from 'vitest'
import { E2E_TEST_TIMEOUT, expectClean, screenshot, useHarness } from './harness.ts'

const h = useHarness({ database: true })

describe.skipIf(h.skip)('lawmaker toolkit (Chromium)', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('the catalog links each clause to its adopters on a timeline', async () => {
    const { page, problems } = await h.open('/toolkit')
    await page.getByRole('link', { name: /judicial warrant/i }).first().click()
    await page.waitForLoadState('load')
    expect(page.url()).toContain('/toolkit/clauses/')
    await expect(page.locator('svg').count()).resolves.toBeGreaterThan(0)
    await expectClean(page, problems)
  })

  it('composes a Travis County draft, sees it overridden by SB 4, saves it, and the private link opens the same check', async () => {
    const { page, problems } = await h.open('/toolkit/compose')
    await page.getByLabel('Jurisdiction').fill('Travis County, TX')
    await page.getByLabel('Takes effect').fill('2018-06-01')
    await page.locator('input[name="clauses"][value="hold-judicial-warrant"]').check()
    await page.locator('form[action="/toolkit/compose"] button[type="submit"]').first().click()
    await page.waitForLoadState('load')
    await page.getByText('Overridden by higher law').first().waitFor()
    await expect(page.locator('main').innerText()).resolves.toContain('SB 4')
    await screenshot(page, 'toolkit-compose-travis')

    const pdf = await page.getByRole('link', { name: 'document (PDF)' }).getAttribute('href')
    const res = await fetch(new URL(pdf!, h.baseUrl()))
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')

    await page.getByRole('button', { name: 'Save with a private link' }).click()
    await page.waitForLoadState('load')
    expect(new URL(page.url()).pathname).toMatch(/^\/toolkit\/drafts\/[A-Za-z0-9_-]{32}$/)
    await page.getByText('This page’s address is its private link').waitFor()
    await page.getByText('Overridden by higher law').first().waitFor()
    await expectClean(page, problems)
  })

  it('the same draft stands in Multnomah County', async () => {
    const q = new URLSearchParams({ jurisdiction: 'ocd-division/country:us/state:or/county:multnomah', date: '2018-06-01', clauses: 'hold-judicial-warrant' })
    const { page, problems } = await h.open(`/toolkit/compose?${q}`)
    await page.getByText('Stands').first().waitFor()
    await expect(page.getByText('Overridden by higher law').count()).resolves.toBe(0)
    await expectClean(page, problems)
  })
})
