/**
 * The evaluator, jurisdiction, compare, search and downloads pages in a real browser: a case filled
 * in and submitted with the pointer, its answers (checked against the API) and their citations;
 * the share link replayed, rendered on the first response; every page served with the strict
 * Content-Security-Policy and loading without a console error or CSP violation.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { E2E_TEST_TIMEOUT, expectClean, expectNoHorizontalScroll, screenshot, useHarness } from './harness.ts'

const h = useHarness()

const CA = 'ocd-division/country:us/state:ca'
const COOK = 'ocd-division/country:us/state:il/county:cook'
const TRAVIS = 'ocd-division/country:us/state:tx/county:travis'

interface EvaluationJson {
  readonly jurisdictionName: string
  readonly answers: Record<'hold' | 'notify' | 'interview', { value: string; citations: { provision: string; title: string; url: string; quote: string; jurisdiction: string }[] }>
}

/** Decodes the evaluator's `case` URL parameter (base64url of the case JSON). */
function caseFromUrl(url: string): unknown {
  const param = new URL(url).searchParams.get('case')
  expect(param, `case parameter in ${url}`).toBeTruthy()
  return JSON.parse(Buffer.from(param!, 'base64url').toString('utf8'))
}

async function evaluateViaApi(body: unknown): Promise<EvaluationJson> {
  const res = await fetch(`${h.baseUrl()}/api/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  expect(res.status).toBe(200)
  return (await res.json()) as EvaluationJson
}

/** The value badge text of each answer card, in page order (hold, notify, interview). */
async function cardValues(page: Page): Promise<string[]> {
  return page.locator('#answer .answer-card h3 .value').allInnerTexts()
}

describe.skipIf(h.skip)('evaluator and other pages (Chromium)', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('fills and submits a case; shows the answers the API gives, with linked citations', async () => {
    const { page, problems } = await h.open('/evaluate')
    const picker = page.getByRole('combobox', { name: 'Jurisdiction' })
    await picker.fill('Cook')
    await page.getByRole('option', { name: /Cook County/ }).first().click()
    await page.getByLabel('Date', { exact: true }).fill('2019-06-01')
    await page.getByLabel('Custody').selectOption('county-jail')
    await page.getByLabel('Detainer form').selectOption('I-247A')
    await page.getByLabel('Judicial warrant').selectOption('no')
    await page.getByLabel('Age').fill('34')
    await page.getByRole('button', { name: 'Add conviction' }).click()
    await page.getByLabel('Conviction 1: offense').selectOption('robbery')
    await page.getByRole('group', { name: 'Conviction 1' }).getByLabel('Level').selectOption('felony')
    await page.getByRole('group', { name: 'Conviction 1' }).getByLabel('Date').fill('2012-03-01')
    await screenshot(page, 'evaluate-form')

    await page.getByRole('button', { name: 'Evaluate' }).click()
    const heading = page.getByRole('heading', { name: /^Answer for Cook County, IL on 1 June 2019/ })
    await heading.waitFor()
    // Focus moves to the answer, so keyboard and screen-reader users land on it.
    await expect(heading.evaluate((el) => el === document.activeElement)).resolves.toBe(true)

    // The case is in the URL, and the page shows what the API answers for exactly that case.
    const submitted = caseFromUrl(page.url()) as { jurisdiction: string; date: string; person: { convictions: unknown[] } }
    expect(submitted).toMatchObject({ jurisdiction: COOK, date: '2019-06-01', custody: 'county-jail', person: { age: 34, convictions: [{ category: 'robbery', level: 'felony', date: '2012-03-01' }] } })
    const api = await evaluateViaApi(submitted)
    const labels = (v: string) => v[0]!.toUpperCase() + v.slice(1)
    expect(await cardValues(page)).toEqual([api.answers.hold.value, api.answers.notify.value, api.answers.interview.value].map(labels))

    // Citations: each links its source (an absolute URL) and its jurisdiction page, and quotes it.
    const holdCitations = api.answers.hold.citations
    expect(holdCitations.length).toBeGreaterThan(0)
    const sourceLinks = page.locator('#answer .citations blockquote a')
    const hrefs = await sourceLinks.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))
    for (const c of holdCitations) expect(hrefs).toContain(new URL(c.url).href)
    expect(hrefs.every((u) => /^https?:\/\//.test(u))).toBe(true)
    await expect(page.locator('#answer .citations blockquote').first().innerText()).resolves.toContain(holdCitations[0]!.quote.slice(0, 40))
    // Each citation's title links to the provision on its jurisdiction's page.
    const provisionLinks = await page.locator('#answer .citations li > a').evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? '', url: new URL((a as HTMLAnchorElement).href) })))
    for (const c of holdCitations) {
      const link = provisionLinks.find((l) => l.url.hash === `#provision-${c.provision}`)
      expect(link, `link to provision ${c.provision}`).toBeTruthy()
      expect(decodeURIComponent(link!.url.pathname)).toBe(`/jurisdictions/${c.jurisdiction}`)
      expect(link!.text).toContain(c.title)
    }
    await screenshot(page, 'evaluate-answer')
    await expectClean(page, problems)
  })

  it('replays a shared case: the first response already holds the answer, without JavaScript', async () => {
    const body = { jurisdiction: CA, date: '2019-06-01', custody: 'county-jail', detainer: { form: 'I-247A', judicialWarrant: false }, person: { convictions: [], pendingCharges: [] } }
    const api = await evaluateViaApi(body)
    const url = `/evaluate?case=${Buffer.from(JSON.stringify(body)).toString('base64url')}`
    const context = await h.browser().newContext({ javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      const res = await page.goto(h.baseUrl() + url)
      expect(res!.status()).toBe(200)
      await expect(page.getByRole('heading', { name: /^Answer for California on 1 June 2019/ }).count()).resolves.toBe(1)
      expect(await cardValues(page)).toEqual([api.answers.hold.value, api.answers.notify.value, api.answers.interview.value].map((v) => v[0]!.toUpperCase() + v.slice(1)))
      await screenshot(page, 'evaluate-shared-no-js')
    } finally {
      await context.close()
    }
    // With JavaScript the same link hydrates without errors.
    const { page, problems } = await h.open(url)
    await page.getByRole('heading', { name: /^Answer for California/ }).waitFor()
    await expectClean(page, problems)
  })

  it('serves every page with the strict CSP and without console errors', async () => {
    const pages = [
      ['jurisdiction-california', `/jurisdictions/${CA}`, /California/],
      ['jurisdiction-cook', `/jurisdictions/${COOK}`, /Cook/],
      ['jurisdiction-fresno-no-file', '/jurisdictions/ocd-division/country:us/state:ca/county:fresno', /Fresno/],
      ['compare', `/compare?ids=${CA},${COOK},${TRAVIS}&date=2019-06-01`, /Compare/],
      ['search', '/search?q=SF', /Search/],
      ['downloads', '/downloads', /Download/],
      ['simulations', '/simulations', /Simulations/],
      ['simulation-report', '/simulations/pa-pierce-hold-by-year-law-vs-california-2018', /ICE detainer holds/],
    ] as const
    for (const [name, path, heading] of pages) {
      const { page, problems } = await h.open(path)
      const res = await page.request.get(h.baseUrl() + path)
      expect(res.status(), path).toBe(200)
      const csp = res.headers()['content-security-policy'] ?? ''
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).toContain("object-src 'none'")
      expect(csp, path).not.toContain('unsafe-eval')
      await expect(page.getByRole('heading', { level: 1 }).innerText(), path).resolves.toMatch(heading)
      await page.waitForLoadState('networkidle')
      await expectNoHorizontalScroll(page)
      await screenshot(page, name)
      await expectClean(page, problems)
    }
  })

  it('jurisdiction page: the timeline chart is legible at 1280 px and the per-question tables line up', async () => {
    const { page, problems } = await h.open(`/jurisdictions/${CA}`, { viewport: { width: 1280, height: 900 } })
    await page.locator('#timeline-chart svg').first().waitFor()
    // Every text of the chart (axes, labels, legend), as drawn on screen: font size times the SVG's scale.
    const sizes = await page.locator('#timeline-chart').evaluate((box) => {
      const svg = box.querySelector('svg[aria-label="Timeline of enactments"]') as SVGSVGElement
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
      const texts = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)
      const legend = [...box.querySelectorAll('figure > div')].map((d) => parseFloat(getComputedStyle(d).fontSize))
      return { texts, legend }
    })
    expect(sizes.texts.length).toBeGreaterThan(5)
    expect(Math.min(...sizes.texts, ...sizes.legend)).toBeGreaterThanOrEqual(12)
    // The three per-question answer tables have the same column widths.
    const widths = await page.locator('table.answers-grid').evaluateAll((tables) => tables.map((t) => [...t.querySelectorAll('thead th')].map((th) => Math.round(th.getBoundingClientRect().width))))
    expect(widths).toHaveLength(3)
    expect(widths[1]).toEqual(widths[0])
    expect(widths[2]).toEqual(widths[0])
    await expectClean(page, problems)
  })

  it('search finds "SF" and "Cook" and opens the jurisdiction', async () => {
    const { page, problems } = await h.open('/search')
    const box = page.getByRole('searchbox', { name: 'Name, alias, ZIP code or law' })
    await box.fill('SF')
    await page.getByRole('link', { name: /San Francisco/ }).first().waitFor()
    await box.fill('Cook')
    const cook = page.getByRole('link', { name: /^Cook County/ }).first()
    await cook.waitFor()
    await Promise.all([page.waitForURL(/\/jurisdictions\//), cook.click()])
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/jurisdictions/${COOK}`)
    await expectClean(page, problems)
  })
})
