/**
 * The print view (Chromium's print media): no navigation, forms or buttons; the address of each
 * outside link after it (the evaluator keeps its case form, without buttons); every answer's swatch keeps a visible border and its pattern in black
 * (readable in greyscale); the evaluator's full explanation printed open. Each page is also printed
 * to artifacts/print/<name>.pdf for a person to look at.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS } from './browser.ts'
import { E2E_TEST_TIMEOUT, expectClean, useHarness } from './harness.ts'

const h = useHarness()

const TRAVIS = 'ocd-division/country:us/state:tx/county:travis'
const CA = 'ocd-division/country:us/state:ca'

async function printed(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ media: 'print' })
  mkdirSync(join(ARTIFACTS, 'print'), { recursive: true })
  await page.pdf({ path: join(ARTIFACTS, 'print', `${name}.pdf`), format: 'Letter' })
}

/** What print media shows: hidden chrome, the link suffixes, and the answer swatches' styles. */
async function printView(page: Page) {
  return page.evaluate(() => {
    const shown = (el: Element | null) => el !== null && getComputedStyle(el).display !== 'none' && (el as HTMLElement).getClientRects().length > 0
    const outside = [...document.querySelectorAll('main a[href^="http"]')] as HTMLAnchorElement[]
    return {
      nav: shown(document.querySelector('.site-nav')),
      forms: [...document.querySelectorAll('form')].filter(shown).length,
      buttons: [...document.querySelectorAll('button')].filter(shown).length,
      suffixes: outside.slice(0, 40).map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim(), after: getComputedStyle(a, '::after').content })),
      swatches: [...document.querySelectorAll('main .swatch[class*="v-"]')].slice(0, 20).map((s) => {
        const cs = getComputedStyle(s)
        return { cls: s.className, border: cs.borderTopStyle, borderColour: cs.borderTopColor, background: cs.backgroundImage, colour: cs.backgroundColor }
      }),
      explanationShown: shown(document.querySelector('pre.explanation')),
    }
  })
}

function expectSwatchesForPaper(swatches: Awaited<ReturnType<typeof printView>>['swatches']) {
  expect(swatches.length).toBeGreaterThan(0)
  for (const s of swatches) {
    expect(s.border, s.cls).toBe('solid')
    expect(s.borderColour, s.cls).toBe('rgb(0, 0, 0)')
    // Patterned answers draw their pattern in black ink; "permitted" is the plain one.
    if (!s.cls.includes('v-permitted')) expect(s.background, s.cls).toMatch(/gradient\(.*rgb\(0, 0, 0\)/)
  }
}

describe.skipIf(h.skip)('print view (Chromium)', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('a jurisdiction page prints without navigation or forms, with the addresses of its sources', async () => {
    const { page, problems } = await h.open(`/jurisdictions/${TRAVIS}?date=2017-03-01`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await printed(page, 'jurisdiction-travis')
    const view = await printView(page)
    expect(view.nav).toBe(false)
    expect(view.forms).toBe(0)
    expect(view.buttons).toBe(0)
    // Links that do not show their address print it after them; quotes' links already are the address.
    const named = view.suffixes.filter((s) => s.text !== s.href)
    expect(named.length).toBeGreaterThan(0)
    for (const s of named) expect(s.after, s.text).toBe(`" <${s.href}>"`)
    for (const s of view.suffixes.filter((x) => x.text === x.href)) expect(s.after).toBe('none')
    expectSwatchesForPaper(view.swatches)
    await expectClean(page, problems)
  })

  it('compare and the evaluator print their answers without their forms, the explanation open', async () => {
    const compare = await h.open(`/compare?ids=${CA},${TRAVIS}&date=2019-06-01`)
    await compare.page.getByRole('heading', { level: 2, name: /California · Travis County/ }).waitFor()
    await printed(compare.page, 'compare')
    const c = await printView(compare.page)
    expect([c.nav, c.forms, c.buttons]).toEqual([false, 0, 0])
    expectSwatchesForPaper(c.swatches)

    const evaluate = await h.open(`/evaluate?jurisdiction=${encodeURIComponent(CA)}&date=2019-06-01`)
    await evaluate.page.getByRole('button', { name: 'Evaluate' }).click()
    await evaluate.page.getByRole('heading', { name: /Answer for California/ }).waitFor()
    await printed(evaluate.page, 'evaluate')
    const e = await printView(evaluate.page)
    // The evaluator's one form is the case: it prints with its values, without its buttons.
    expect([e.nav, e.forms, e.buttons]).toEqual([false, 1, 0])
    expect(await evaluate.page.evaluate(() => (document.querySelector('form.case-form #jurisdiction') as HTMLInputElement | null)?.value)).toBe('California')
    expect(e.explanationShown).toBe(true)
    expectSwatchesForPaper(e.swatches)
    await expectClean(evaluate.page, evaluate.problems)
  })

  it('the toolkit prints without its forms', async () => {
    const { page, problems } = await h.open('/toolkit')
    await page.getByRole('heading', { level: 1 }).waitFor()
    await printed(page, 'toolkit')
    const view = await printView(page)
    expect([view.nav, view.forms, view.buttons]).toEqual([false, 0, 0])
    await expectClean(page, problems)
  })
})
