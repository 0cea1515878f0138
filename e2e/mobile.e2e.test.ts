/**
 * Every page at a phone's width (390×844 CSS pixels): nothing scrolls the page sideways (wide
 * tables may scroll inside their own box), the map is drawn and scales to the screen, and each page
 * is saved as artifacts/screenshots/mobile-<name>.png for a person to look at.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { E2E_TEST_TIMEOUT, expectClean, expectNoHorizontalScroll, screenshot, useHarness, type PageProblem } from './harness.ts'

const h = useHarness()

const PHONE = { width: 390, height: 844 }
const CA = 'ocd-division/country:us/state:ca'
const COOK = 'ocd-division/country:us/state:il/county:cook'
const TRAVIS = 'ocd-division/country:us/state:tx/county:travis'
const CHICAGO = 'ocd-division/country:us/state:il/place:chicago'

const sharedCase = {
  jurisdiction: COOK,
  date: '2019-06-01',
  custody: 'county-jail',
  detainer: { form: 'I-247A', judicialWarrant: false },
  person: { age: 34, convictions: [{ category: 'robbery', level: 'felony', date: '2012-03-01' }], pendingCharges: [] },
}

const PAGES: readonly (readonly [name: string, path: string, heading: RegExp])[] = [
  ['search', '/search?q=Cook', /Search/],
  ['downloads', '/downloads', /Download/],
  ['evaluate-form', '/evaluate', /Evaluate/],
  ['evaluate-answer', `/evaluate?case=${Buffer.from(JSON.stringify(sharedCase)).toString('base64url')}`, /Evaluate/],
  ['jurisdiction-california', `/jurisdictions/${CA}`, /California/],
  ['jurisdiction-cook', `/jurisdictions/${COOK}?date=2019-06-01`, /Cook/],
  ['jurisdiction-chicago', `/jurisdictions/${CHICAGO}`, /Chicago/],
  ['jurisdiction-fresno-no-file', '/jurisdictions/ocd-division/country:us/state:ca/county:fresno', /Fresno/],
  ['compare', `/compare?ids=${CA},${COOK},${TRAVIS}&date=2019-06-01`, /Compare/],
  ['not-found', '/jurisdictions/ocd-division/country:us/state:zz', /Not found/],
]

/** Waits for the map to be painted with answers. */
async function waitForMap(page: Page): Promise<void> {
  await page.locator('svg.atlas-map[data-date]').waitFor({ timeout: 20_000 })
}

describe.skipIf(h.skip)('pages at a phone width, 390 px (Chromium)', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('the map page fits: controls stacked, the map scaled to the screen, the legend below it', async () => {
    const { page, problems } = await h.open('/?date=2019-06-01', { viewport: PHONE })
    await waitForMap(page)
    await expectNoHorizontalScroll(page)
    const box = await page.evaluate(() => {
      const r = (sel: string) => document.querySelector(sel)!.getBoundingClientRect()
      return { map: r('svg.atlas-map'), legend: r('.legend'), template: r('#template'), width: document.documentElement.clientWidth }
    })
    // The map's SVG scales by its viewBox to the width available; the legend comes after it.
    expect(box.map.width).toBeGreaterThan(300)
    expect(box.map.right).toBeLessThanOrEqual(box.width)
    expect(box.legend.top).toBeGreaterThanOrEqual(box.map.bottom)
    expect(box.template.right).toBeLessThanOrEqual(box.width)
    await screenshot(page, 'mobile-map')
    await expectClean(page, problems)
  })

  it("the map's county table for a state fits (it scrolls inside its own box if at all)", async () => {
    const { page, problems } = await h.open('/?date=2019-06-01&state=IL#table', { viewport: PHONE })
    await waitForMap(page)
    await page.getByRole('table', { name: /counties of Illinois/ }).waitFor()
    await expectNoHorizontalScroll(page)
    await screenshot(page, 'mobile-map-table-il')
    await expectClean(page, problems)
  })

  for (const [name, path, heading] of PAGES) {
    it(`${name} fits`, async () => {
      const { page, problems } = await h.open(path, { viewport: PHONE })
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(heading)
      await page.waitForLoadState('networkidle')
      await expectNoHorizontalScroll(page)
      await screenshot(page, `mobile-${name}`)
      // The 404 page's own response (and Chromium's console line about it) is the one expected error.
      const expected = (p: PageProblem) => name === 'not-found' && ((p.kind === 'http-error' && p.status === 404) || (p.kind === 'console-error' && / 404 /.test(p.text)))
      await expectClean(page, problems.filter((p) => !expected(p)))
    })
  }
})
