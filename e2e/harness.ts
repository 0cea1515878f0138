/**
 * The vitest side of the end-to-end harness: one app and one Chromium per test file (see
 * `browser.ts`), fresh contexts per page, and the assertion that a page had no problems.
 *
 * When Chromium is missing: with `CI` set (as `.ci/run` sets it) every browser test fails loudly
 * with the reason; without `CI` the browser suites are skipped with a message.
 *
 * @example
 * ```ts
 * const h = useHarness()
 * describe.skipIf(h.skip)('map', () => {
 *   it('loads', async () => {
 *     const { page, problems } = await h.open('/')
 *     await expectClean(page, problems)
 *   })
 * })
 * ```
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { browserAvailability, collectCsp, E2E_HOOK_TIMEOUT, ensureClientBuilt, launchChromium, startApp, watchPage, type AppOptions, type PageProblem, type RunningApp } from './browser.ts'

export { E2E_TEST_TIMEOUT, saveSvg, screenshot } from './browser.ts'
export type { PageProblem } from './browser.ts'

/**
 * Asserts a page had no problems, listing them all if it did.
 *
 * @example
 * ```ts
 * await expectClean(page, problems)
 * ```
 */
export async function expectClean(page: Page, problems: PageProblem[]): Promise<void> {
  if (!page.isClosed()) await collectCsp(page, problems)
  expect(problems, `page problems on ${page.url()}`).toEqual([])
}

/**
 * Asserts the page does not scroll sideways at the current viewport (nothing wider than the window).
 *
 * @example
 * ```ts
 * await expectNoHorizontalScroll(page)
 * ```
 */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const r = await page.evaluate(() => {
    const root = document.documentElement
    const wide = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest: wide.slice(-3).map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}`) }
  })
  expect(r.scrollWidth, `page is ${r.scrollWidth}px wide in a ${r.clientWidth}px window on ${page.url()} (${r.widest.join(', ')})`).toBeLessThanOrEqual(r.clientWidth)
}

/** What a test file gets from {@link useHarness}. */
export interface Harness {
  /** True when this machine has no Chromium and is not CI: the browser suite should be skipped. */
  readonly skip: boolean
  readonly baseUrl: () => string
  readonly browser: () => Browser
  /** A fresh context (own cookies, cache) and page at `path`, watched for problems. */
  /** `javaScript: false` opens the page with scripts disabled (the plain-HTML path of the forms). */
  open(path: string, options?: { readonly viewport?: { width: number; height: number }; readonly javaScript?: boolean }): Promise<{ page: Page; context: BrowserContext; problems: PageProblem[] }>
}

/**
 * Registers beforeAll/afterAll hooks that build the client, start the app and launch Chromium once
 * for the file; in CI without Chromium every test in the file fails with the reason.
 *
 * @example
 * ```ts
 * const h = useHarness()
 * ```
 */
export function useHarness(options: AppOptions = {}): Harness {
  const availability = browserAvailability()
  if (availability.kind === 'skip') process.stderr.write(`e2e: skipping browser tests: ${availability.reason}\n`)
  let app: RunningApp | undefined
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  // In CI without Chromium no hook runs and every test fails on its first use of the harness, with the reason.
  if (availability.kind === 'available') {
    beforeAll(async () => {
      await ensureClientBuilt()
      ;[app, browser] = await Promise.all([startApp(options), launchChromium()])
    }, E2E_HOOK_TIMEOUT)
    afterAll(async () => {
      await Promise.allSettled(contexts.map((c) => c.close()))
      await browser?.close()
      await app?.close()
    }, E2E_HOOK_TIMEOUT)
  }
  const need = <T>(x: T | undefined, what: string): T => {
    if (availability.kind === 'required-missing') throw new Error(availability.reason)
    if (x === undefined) throw new Error(`e2e harness: ${what} is not running (did beforeAll fail?)`)
    return x
  }
  return {
    skip: availability.kind === 'skip',
    baseUrl: () => need(app, 'the app').baseUrl,
    browser: () => need(browser, 'Chromium'),
    async open(path, options) {
      const context = await need(browser, 'Chromium').newContext({ viewport: options?.viewport ?? { width: 1280, height: 900 }, reducedMotion: 'reduce', javaScriptEnabled: options?.javaScript ?? true })
      contexts.push(context)
      const page = await context.newPage()
      const problems = await watchPage(page)
      await page.goto(need(app, 'the app').baseUrl + path, { waitUntil: 'load' })
      return { page, context, problems }
    },
  }
}
