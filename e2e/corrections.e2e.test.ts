/**
 * Corrections in a real browser, as a reader meets them (plain HTML forms, no script needed): on a
 * California provision, "Suggest a correction" is filled in and sent; the page shows it pending
 * (never the email); a maintainer signs in, accepts it with a quote from the source, and sees the
 * registry patch; the page then lists it as reviewed.
 */
import { describe, expect, it } from 'vitest'
import { E2E_TEST_TIMEOUT, expectClean, screenshot, useHarness } from './harness.ts'

const PASSWORD = 'correct horse battery staple'
const h = useHarness({ database: true, maintainers: [{ email: 'ana@example.org', password: PASSWORD }] })
const CA = '/jurisdictions/ocd-division/country:us/state:ca'

describe.skipIf(h.skip)('corrections (Chromium)', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('a reader suggests a correction, sees it pending; a maintainer signs in and accepts it', async () => {
    const { page, problems } = await h.open(CA)
    const provision = page.locator('#provision-ca-trust-hold')
    await provision.locator('summary', { hasText: 'Suggest a correction' }).click()
    await provision.getByLabel('What is it about?').selectOption('limits')
    await provision.getByLabel('What is wrong, and what is right?').fill('The 48-hour limit should also exclude holidays in the county, per the code.')
    await provision.getByLabel('The web address of a source that shows it').fill('https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=7282.5')
    await provision.getByLabel(/Your email/).fill('reader@example.org')
    await provision.getByRole('button', { name: 'Send the correction' }).click()
    await page.waitForLoadState('load')
    const pending = page.locator('#corrections-ca-trust-hold')
    await pending.getByText('1 pending correction').waitFor()
    await expect(pending.innerText()).resolves.toContain('should also exclude holidays')
    await expect(page.content()).resolves.not.toContain('reader@example.org')
    await screenshot(page, 'correction-pending')

    // The maintainer: the queue asks for a sign-in first, then comes back.
    await page.goto(`${h.baseUrl()}/maintainers/corrections`)
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await page.getByLabel('Email').fill('ana@example.org')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForLoadState('load')
    expect(new URL(page.url()).pathname).toBe('/maintainers/corrections')
    await page.getByText('reader@example.org').first().waitFor()
    await page.getByLabel(/Accept: a short verbatim quote/).fill('A law enforcement official shall have discretion to cooperate with immigration authorities')
    await page.getByRole('button', { name: 'Accept and make the patch' }).click()
    await page.waitForLoadState('load')
    const patch = await page.locator('pre.patch').innerText()
    expect(patch).toMatch(/^--- a\/registry\/us\/state-ca\.yaml/)
    expect(patch).toContain('+          - url: https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=7282.5')
    await screenshot(page, 'correction-accepted')

    await page.goto(h.baseUrl() + CA)
    await page.locator('#corrections-ca-trust-hold').getByText('Reviewed corrections (1)').waitFor()
    await expect(page.locator('#corrections-ca-trust-hold').getByText('pending correction').count()).resolves.toBe(0)
    await expectClean(page, problems)
  })
})
