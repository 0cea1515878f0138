/**
 * One full path with the keyboard only (no pointer event at all): the skip link on the map page,
 * the navigation to Search, a search for "Cook", its jurisdiction page, the link to evaluate a case
 * there, and the form submitted with Enter; focus must be visible and land on the answer.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { E2E_TEST_TIMEOUT, expectClean, screenshot, useHarness } from './harness.ts'

const h = useHarness()

interface Focused {
  readonly tag: string
  readonly id: string
  readonly text: string
  readonly href: string | null
  readonly outline: string
  readonly inViewport: boolean
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return { tag: '', id: '', text: '', href: null, outline: 'none', inViewport: false }
    const r = el.getBoundingClientRect()
    const style = getComputedStyle(el)
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      href: el.getAttribute('href'),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    }
  })
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, failing after `max` presses; the
 * element reached must be on screen and show a focus outline.
 */
async function tabTo(page: Page, want: (f: Focused) => boolean, what: string, options: { back?: boolean; max?: number } = {}): Promise<Focused> {
  const seen: string[] = []
  for (let i = 0; i < (options.max ?? 80); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab')
    const f = await focused(page)
    seen.push(`${f.tag}#${f.id} "${f.text.slice(0, 30)}"`)
    if (want(f)) {
      expect(f.inViewport, `${what} is scrolled into view`).toBe(true)
      expect(f.outline, `${what} shows a focus outline`).not.toMatch(/^none/)
      return f
    }
  }
  throw new Error(`could not reach ${what} with ${options.back ? 'Shift+Tab' : 'Tab'}; focus went through: ${seen.join(' | ')}`)
}

describe.skipIf(h.skip)('keyboard only (Chromium)', { timeout: E2E_TEST_TIMEOUT * 2 }, () => {
  it('skip link -> search -> jurisdiction -> evaluator -> submit with Enter', async () => {
    const { page, problems } = await h.open('/')
    // Hydration first: the map's controls are disabled until the client script runs.
    await page.locator('svg.atlas-map[data-date]').waitFor()

    // 1. The first Tab reaches the skip link, visible when focused; Enter moves focus to the content.
    const skip = await tabTo(page, (f) => f.text === 'Skip to main content', 'the skip link', { max: 1 })
    expect(skip.href).toBe('#main')
    await page.keyboard.press('Enter')
    expect((await focused(page)).id).toBe('main')
    // From the content, the first Tab lands on the map's first control, not on the navigation.
    await page.keyboard.press('Tab')
    expect((await focused(page)).id).toBe('action')
    await screenshot(page, 'keyboard-1-map-after-skip')

    // 2. Back to the navigation and into Search.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Search', 'the Search link', { back: true })
    await Promise.all([page.waitForURL(/\/search$/), page.keyboard.press('Enter')])
    await tabTo(page, (f) => f.id === 'q', 'the search box')
    await page.keyboard.type('Cook')
    await Promise.all([page.waitForURL(/\/search\?q=Cook/), page.keyboard.press('Enter')])
    await screenshot(page, 'keyboard-2-search-results')

    // 3. The first result named Cook County opens its page.
    await tabTo(page, (f) => f.tag === 'a' && /^Cook County/.test(f.text) && (f.href ?? '').startsWith('/jurisdictions/'), 'the Cook County result')
    await Promise.all([page.waitForURL(/\/jurisdictions\/ocd-division\/country:us\/state:il\/county:cook/), page.keyboard.press('Enter')])
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(/Cook County/)
    await screenshot(page, 'keyboard-3-jurisdiction')

    // 4. "Evaluate a case here" carries the jurisdiction to the evaluator.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'evaluate a case here', 'the evaluate link')
    await Promise.all([page.waitForURL(/\/evaluate\?/), page.keyboard.press('Enter')])
    await expect(page.getByRole('combobox', { name: 'Jurisdiction' }).inputValue()).resolves.toMatch(/Cook County/)

    // 5. Fill the person's age and submit with Enter from that field.
    await tabTo(page, (f) => f.id === 'age', 'the age field')
    await page.keyboard.type('41')
    await page.keyboard.press('Enter')
    const heading = page.getByRole('heading', { name: /^Answer for Cook County/ })
    await heading.waitFor()
    const f = await focused(page)
    expect(f.id, 'focus moves to the answer').toBe('answer-title')
    expect(new URL(page.url()).searchParams.get('case')).toBeTruthy()

    // 6. From the answer, Tab reaches the first citation's link to its provision.
    await tabTo(page, (x) => x.tag === 'a' && /^\/jurisdictions\/.*#provision-/.test(x.href ?? ''), "a citation's link to its provision", { max: 30 })
    await screenshot(page, 'keyboard-4-evaluate-answer')
    await expectClean(page, problems)
  })
})
