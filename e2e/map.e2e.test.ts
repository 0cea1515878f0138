/**
 * The map page in a real browser: counties coloured by the answers the API gives, the date slider
 * recolouring California across the TRUST Act (2014) and SB 54 (2018), another question recolouring
 * the map, hover and click through to a county, and no console error or CSP violation throughout.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { E2E_TEST_TIMEOUT, expectClean, expectNoHorizontalScroll, saveSvg, screenshot, useHarness } from './harness.ts'

const h = useHarness()

interface CountyRow {
  readonly geoid: string
  readonly value: string
  readonly layer: string
  readonly name: string
  readonly state: string
  readonly jurisdiction: string
  readonly conditional: string | null
}

/** What the API says for the whole map in its full form (the ground truth the map must show; the page itself fetches the compact form). */
async function apiAnswers(date: string, action: string, template: string, extra: Record<string, string> = {}): Promise<Map<string, CountyRow>> {
  const res = await fetch(`${h.baseUrl()}/api/v1/answers?${new URLSearchParams({ date, action, template, ...extra })}`)
  expect(res.status).toBe(200)
  const body = (await res.json()) as { counties: CountyRow[] }
  return new Map(body.counties.map((c) => [c.geoid, c]))
}

/** Every county path's painted answer (`data-v`) and computed fill, read from the live page. */
async function paintedCounties(page: Page): Promise<{ geoid: string; value: string | null; fill: string }[]> {
  return page.locator('svg.atlas-map .counties').evaluate((g) =>
    [...g.querySelectorAll('path[data-geoid]')].map((p) => ({ geoid: p.getAttribute('data-geoid')!, value: p.getAttribute('data-v'), fill: getComputedStyle(p).fill })),
  )
}

/** Waits until the map shows the answers for this date/action/template. */
async function waitForMap(page: Page, q: { date?: string; action?: string; template?: string }): Promise<void> {
  const attrs = Object.entries({ 'data-date': q.date, 'data-action': q.action, 'data-template': q.template })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `[${k}="${v}"]`)
    .join('')
  await page.locator(`svg.atlas-map[data-date]${attrs}`).waitFor({ timeout: 20_000 })
}

/** Asserts the map shows exactly what the API answers, county by county. */
async function expectMapMatchesApi(page: Page, expected: Map<string, CountyRow>): Promise<{ geoid: string; value: string | null; fill: string }[]> {
  const painted = await paintedCounties(page)
  expect(painted.length).toBeGreaterThan(3000)
  const mismatches = painted.filter((p) => expected.get(p.geoid)?.value !== p.value)
  expect(mismatches.slice(0, 5), `${mismatches.length} counties differ from the API`).toEqual([])
  return painted
}

/** The slider's current date, as the page shows it (day numbers since 1970 -> YYYY-MM-DD). */
async function sliderDate(page: Page): Promise<string> {
  const day = Number(await page.getByRole('slider', { name: 'Date' }).inputValue())
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}

/** A point inside a county's outline, in page coordinates (the bounding box's centre may not be). */
async function pointInCounty(page: Page, geoid: string): Promise<{ x: number; y: number }> {
  const point = await page.locator(`svg.atlas-map path[data-geoid="${geoid}"]`).evaluate((el) => {
    const path = el as SVGPathElement
    const box = path.getBBox()
    const ctm = path.getScreenCTM()!
    const svg = path.ownerSVGElement!
    // The point nearest the box's centre that is inside the outline.
    let best: { x: number; y: number; d: number } | null = null
    for (let i = 1; i < 20; i++) {
      for (let j = 1; j < 20; j++) {
        const x = box.x + (box.width * i) / 20
        const y = box.y + (box.height * j) / 20
        const pt = svg.createSVGPoint()
        pt.x = x
        pt.y = y
        if (!path.isPointInFill(pt)) continue
        const d = (i - 10) ** 2 + (j - 10) ** 2
        if (!best || d < best.d) best = { x, y, d }
      }
    }
    if (!best) return null
    const pt = svg.createSVGPoint()
    pt.x = best.x
    pt.y = best.y
    const screen = pt.matrixTransform(ctm)
    return { x: screen.x, y: screen.y }
  })
  if (!point) throw new Error(`no point inside county ${geoid}`)
  return point
}

/**
 * The ground colour of a county fill: the colour itself, or for a pattern fill
 * (`url("#pattern-required")`) the computed fill of the pattern's background rectangle.
 */
async function groundColour(page: Page, fill: string): Promise<string> {
  const id = /^url\("?#([^")]+)"?\)$/.exec(fill)?.[1]
  if (!id) return fill
  return page.evaluate((patternId) => {
    const rect = document.getElementById(patternId)?.querySelector('rect')
    if (!rect) throw new Error(`no pattern ${patternId}`)
    return getComputedStyle(rect).fill
  }, id)
}

describe.skipIf(h.skip)('map page (Chromium)', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('paints every county with the API answer, in the legend colours, with a table view', async () => {
    const { page, problems } = await h.open('/')
    await waitForMap(page, {})
    const date = await page.locator('svg.atlas-map[data-date]').getAttribute('data-date')
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const painted = await expectMapMatchesApi(page, await apiAnswers(date!, 'hold', 'no-record'))

    // Each answer has one fill, and it is the legend swatch's colour for that answer.
    const fillsByValue = new Map<string, Set<string>>()
    for (const p of painted) fillsByValue.set(p.value ?? 'none', (fillsByValue.get(p.value ?? 'none') ?? new Set()).add(p.fill))
    expect(fillsByValue.size, 'distinct answers on the map').toBeGreaterThanOrEqual(2)
    for (const [value, fills] of fillsByValue) {
      expect(fills.size, `fills for ${value}`).toBe(1)
      const swatch = await page.locator(`.legend .swatch.v-${value}`).first().evaluate((el) => getComputedStyle(el).backgroundColor)
      expect(await groundColour(page, [...fills][0]!), `map fill vs legend swatch for ${value}`).toBe(swatch)
    }

    await expect(page.getByRole('table', { name: /as of .*each state's own law/ }).count()).resolves.toBe(1)
    await expect(page.getByRole('img', { name: /Map of U\.S\. counties/ }).count()).resolves.toBe(1)
    await expectNoHorizontalScroll(page)
    await screenshot(page, 'map')
    await saveSvg(page, 'svg.atlas-map:not(.atlas-overlay)', `map-hold-no-record-${date}`)
    await expectClean(page, problems)
  })

  it('moving the date slider recolours California across the TRUST Act and SB 54', async () => {
    const { page, problems } = await h.open('/')
    await waitForMap(page, {})
    const slider = page.getByRole('slider', { name: 'Date' })

    // Keyboard: Home is 1 January 2008; five Page Ups are five years on, still before 2014.
    await slider.focus()
    await page.keyboard.press('Home')
    for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp')
    const early = await sliderDate(page)
    expect(early < '2014-01-01' && early > '2012-01-01', early).toBe(true)
    await waitForMap(page, { date: early })
    const earlyFills = new Map((await expectMapMatchesApi(page, await apiAnswers(early, 'hold', 'no-record'))).map((p) => [p.geoid, p.fill]))
    await screenshot(page, 'map-2012')

    // Pointer: a click near the right end of the track is a date after 2018.
    const box = (await slider.boundingBox())!
    await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2)
    const late = await sliderDate(page)
    expect(late > '2018-06-01', late).toBe(true)
    await waitForMap(page, { date: late })
    const lateFills = new Map((await expectMapMatchesApi(page, await apiAnswers(late, 'hold', 'no-record'))).map((p) => [p.geoid, p.fill]))

    const california = [...earlyFills.keys()].filter((g) => g.startsWith('06'))
    expect(california.length).toBe(58)
    const recoloured = california.filter((g) => earlyFills.get(g) !== lateFills.get(g))
    expect(recoloured.length, 'California counties whose colour changed').toBeGreaterThan(29)
    // The URL follows the slider, so the view can be shared.
    expect(new URL(page.url()).searchParams.get('date')).toBe(late)
    await screenshot(page, 'map-after-2018')
    await expectClean(page, problems)
  })

  it('another action and case template recolour the map', async () => {
    const { page, problems } = await h.open('/?date=2019-06-01')
    await waitForMap(page, { date: '2019-06-01', action: 'hold', template: 'no-record' })
    const hold = await apiAnswers('2019-06-01', 'hold', 'no-record')

    await page.getByLabel('Case').selectOption('judicial-warrant')
    await waitForMap(page, { date: '2019-06-01', action: 'hold', template: 'judicial-warrant' })
    const warrant = await apiAnswers('2019-06-01', 'hold', 'judicial-warrant')
    await expectMapMatchesApi(page, warrant)
    const changedByWarrant = [...hold].filter(([g, c]) => warrant.get(g)?.value !== c.value)
    expect(changedByWarrant.length, 'counties whose hold answer changes with a judicial warrant').toBeGreaterThan(0)

    await page.getByLabel('Action').selectOption('notify')
    await waitForMap(page, { date: '2019-06-01', action: 'notify', template: 'judicial-warrant' })
    await expectMapMatchesApi(page, await apiAnswers('2019-06-01', 'notify', 'judicial-warrant'))
    const url = new URL(page.url())
    expect([url.searchParams.get('action'), url.searchParams.get('template')]).toEqual(['notify', 'judicial-warrant'])
    await screenshot(page, 'map-notify-judicial-warrant')

    // Colour by layer: the legend switches to layers and the map still shows every county.
    await page.getByLabel('Layer that decided').check()
    await expect(page.locator('svg.atlas-map[data-mode="layer"]').count()).resolves.toBe(1)
    await expect(page.locator('.legend .swatch.l-state').count()).resolves.toBe(1)
    await screenshot(page, 'map-by-layer')
    await expectClean(page, problems)
  })

  it('hovering a county names it and its answer; clicking opens its page', async () => {
    const { page, problems } = await h.open('/?date=2019-06-01')
    await waitForMap(page, { date: '2019-06-01' })
    const answers = await apiAnswers('2019-06-01', 'hold', 'no-record')
    const cook = answers.get('17031')!
    expect(cook.name).toMatch(/Cook/)

    const { x, y } = await pointInCounty(page, '17031')
    await page.mouse.move(x, y)
    const tooltip = page.locator('.map-frame .tooltip')
    await tooltip.waitFor()
    const text = await tooltip.innerText()
    expect(text).toContain('Cook')
    expect(text).toContain('Illinois')
    expect(text.toLowerCase()).toContain(cook.value)
    // Chicago has its own law; its jail county is not recorded, but its registry entry names Cook.
    expect(text).toContain('jail county not recorded: Chicago')
    await screenshot(page, 'map-hover-cook')

    // The page asked for the compact answers and the places list, never for the full form.
    const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname + new URL(e.name).search))
    const answerRequests = requested.filter((u) => u.startsWith('/api/v1/answers'))
    expect(answerRequests.filter((u) => u.startsWith('/api/v1/answers/places?v=')), 'places list fetched once').toHaveLength(1)
    expect(answerRequests.filter((u) => u.startsWith('/api/v1/answers?')).every((u) => u.endsWith('&format=compact')), answerRequests.join(' ')).toBe(true)

    await Promise.all([page.waitForURL(/\/jurisdictions\//), page.mouse.click(x, y)])
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/jurisdictions/${cook.jurisdiction}`)
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(/Cook/)
    await screenshot(page, 'jurisdiction-cook-from-map')
    await expectClean(page, problems)
  })

  it('hovering a county whose answer is conditional shows the answer under each value of the missing fact', async () => {
    // Without the template's assumption about a judge's finding, Fresno County's 2019 hold answer depends on it.
    const { page, problems } = await h.open('/?date=2019-06-01&judicialProbableCause=unknown')
    await waitForMap(page, { date: '2019-06-01' })
    const fresno = (await apiAnswers('2019-06-01', 'hold', 'no-record', { judicialProbableCause: 'unknown' })).get('06019')!
    expect(fresno.value).toBe('undetermined')
    expect(fresno.conditional).toMatch(/unless a judge found probable cause/)
    const { x, y } = await pointInCounty(page, '06019')
    await page.mouse.move(x, y)
    const tooltip = page.locator('.map-frame .tooltip')
    await tooltip.waitFor()
    const text = await tooltip.innerText()
    expect(text).toContain('Fresno')
    expect(text).toContain(fresno.conditional!)
    await expectClean(page, problems)
  })
})
