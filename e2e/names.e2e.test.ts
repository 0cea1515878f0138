/**
 * The one name resolver in a real browser with JavaScript off (the plain-HTML path every form
 * has): "Harris County" typed on /evaluate and /compare lands on Harris County, Texas, "Houston" on
 * the city of Houston, Texas; an ambiguous name is a choice of links, never a pick; the search
 * page finds typos and laws; an OCD ID of no real place is refused on the API and the pages.
 *
 * Which Harris County and which Houston are meant is decided by population, from the Census
 * tables (us-geo) in the shared data folder: those cases run only when the folder is there.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { defaultUsGeoDir, US_GEO_FILES } from '../src/adapters/fs/index.ts'
import { E2E_TEST_TIMEOUT, expectClean, screenshot, useHarness, type PageProblem } from './harness.ts'

const h = useHarness()
const HAS_US_GEO = existsSync(join(defaultUsGeoDir(), US_GEO_FILES.places))
const TX = 'ocd-division/country:us/state:tx'
const HARRIS_TX = `${TX}/county:harris`
const HOUSTON_TX = `${TX}/place:houston`
const NOWHERE = 'ocd-division/country:us/state:zz/county:nowhere'

/** With scripts disabled Chromium refuses the page's script preloads (reported as "csp"): those are not the page's fault; anything else is. */
async function expectCleanWithoutScripts(page: Page, problems: PageProblem[], allowed: (p: PageProblem) => boolean = () => false): Promise<void> {
  const kept = problems.filter((p) => !(p.kind === 'request-failed' && /\/assets\/[^/]+\.js$/.test(p.url)) && !allowed(p))
  await expectClean(page, kept)
}

function caseJurisdiction(url: string): string {
  const param = new URL(url).searchParams.get('case')
  expect(param, `case parameter in ${url}`).toBeTruthy()
  return (JSON.parse(Buffer.from(param!, 'base64url').toString('utf8')) as { jurisdiction: string }).jurisdiction
}

async function noScripts(page: Page): Promise<void> {
  // With scripts off the pickers are plain text fields: no list of matches ever opens.
  expect(await page.evaluate(() => typeof document)).toBe('object')
  await expect(page.getByRole('listbox').first().isVisible()).resolves.toBe(false)
}

async function evaluateTyped(text: string): Promise<{ page: Page; problems: Awaited<ReturnType<typeof h.open>>['problems'] }> {
  const { page, problems } = await h.open('/evaluate', { javaScript: false })
  await noScripts(page)
  await page.getByRole('combobox', { name: 'Jurisdiction' }).fill(text)
  await page.getByLabel('Date', { exact: true }).fill('2019-06-01')
  await page.getByRole('button', { name: 'Evaluate' }).click()
  await page.waitForLoadState('load')
  return { page, problems }
}

describe.skipIf(h.skip)('names with JavaScript off (Chromium)', { timeout: E2E_TEST_TIMEOUT }, () => {
  describe.runIf(HAS_US_GEO)('the issue\'s names land on the right places (Census populations loaded)', () => {
    it('/evaluate: "Harris County" is Harris County, TX; "Houston" is Houston, TX', async () => {
      const harris = await evaluateTyped('Harris County')
      expect(caseJurisdiction(harris.page.url())).toBe(HARRIS_TX)
      await harris.page.getByRole('heading', { name: /^Answer for Harris County, TX on 1 June 2019/ }).waitFor()
      await expectCleanWithoutScripts(harris.page, harris.problems)
      const houston = await evaluateTyped('Houston')
      expect(caseJurisdiction(houston.page.url())).toBe(HOUSTON_TX)
      await houston.page.getByRole('heading', { name: /^Answer for Houston, TX on 1 June 2019/ }).waitFor()
      await screenshot(houston.page, 'names-evaluate-houston-nojs')
      await expectCleanWithoutScripts(houston.page, houston.problems)
    })

    it('/compare: "Harris County" and "Houston" are compared as the Texas county and city', async () => {
      const { page, problems } = await h.open('/compare', { javaScript: false })
      await noScripts(page)
      await page.getByRole('combobox', { name: 'Jurisdiction 1' }).fill('Harris County')
      await page.getByRole('combobox', { name: 'Jurisdiction 2' }).fill('Houston')
      await page.getByRole('button', { name: 'Compare' }).click()
      await page.waitForLoadState('load')
      expect(new URL(page.url()).searchParams.get('ids')).toBe(`${HARRIS_TX},${HOUSTON_TX}`)
      await page.getByRole('heading', { name: /^Harris County, TX · Houston, TX, as of/ }).waitFor()
      await screenshot(page, 'names-compare-nojs')
      await expectCleanWithoutScripts(page, problems)
    })

    it('/search and /api/v1/search: a typo, a city without a file, and laws by name and number', async () => {
      const { page, problems } = await h.open(`/search?q=${encodeURIComponent('Harriss')}`, { javaScript: false })
      await expect(page.locator('.search-results li strong').first().innerText()).resolves.toBe('Harris County, TX')
      await page.getByText('Did you mean one of these?').waitFor()
      await page.goto(`${h.baseUrl()}/search?q=${encodeURIComponent('SB 54')}`)
      await page.getByRole('link', { name: /California Values Act/ }).first().waitFor()
      await expectCleanWithoutScripts(page, problems)
      const api = (await (await fetch(`${h.baseUrl()}/api/v1/search?q=Phoenix`)).json()) as { resolution: { kind: string; jurisdiction?: { jurisdiction: string } } }
      expect(api.resolution).toMatchObject({ kind: 'resolved', jurisdiction: { jurisdiction: 'ocd-division/country:us/state:az/place:phoenix' } })
      const laws = (await (await fetch(`${h.baseUrl()}/api/v1/search?q=${encodeURIComponent('287(g)')}`)).json()) as { laws: unknown[] }
      expect(laws.laws.length).toBeGreaterThan(2)
    })
  })

  it('an ambiguous name is a choice of links; following one answers for that place', async () => {
    // Thirty Washington Counties, none with ten times the residents of the next: with or without the Census tables, a choice.
    const { page, problems } = await evaluateTyped('Washington County')
    await page.getByText('Choose the jurisdiction you mean').waitFor()
    await screenshot(page, 'names-evaluate-choice-nojs')
    // With populations the most populous come first (Oregon's among them); without, the alphabet does.
    const [state, label] = HAS_US_GEO ? ['or', 'OR'] : ['al', 'AL']
    await page.getByRole('link', { name: `Washington County, ${label}` }).click()
    await page.waitForLoadState('load')
    expect(caseJurisdiction(page.url())).toBe(`ocd-division/country:us/state:${state}/county:washington`)
    await page.getByRole('heading', { name: new RegExp(`^Answer for Washington County, ${label} on 1 June 2019`) }).waitFor()
    // The choice page itself is a 400 (the name alone does not say which): the one expected problem.
    await expectCleanWithoutScripts(page, problems, (p) => (p.kind === 'http-error' && p.status === 400 && p.url.includes('/evaluate?')) || (p.kind === 'console-error' && p.text.includes('status of 400') && p.url.includes('/evaluate?')))
  })

  it('an OCD ID of no real place is refused on the API and the pages, with suggestions', async () => {
    const res = await fetch(`${h.baseUrl()}/api/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jurisdiction: NOWHERE, date: '2019-06-01' }) })
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('jurisdiction')
    const { page } = await h.open(`/jurisdictions/${NOWHERE}`, { javaScript: false })
    await page.getByRole('heading', { name: 'Not found' }).waitFor()
    expect(await page.locator('body').innerText()).not.toMatch(/PERMITTED/i)
    const typo = await h.open(`/jurisdictions/${TX}/county:hariss`, { javaScript: false })
    expect(await typo.page.locator('body').innerText()).toContain('did you mean Harris County, TX')
  })
})
