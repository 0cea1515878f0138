/**
 * The narrowest phones, 360 CSS pixels wide: compare shows every jurisdiction compared on screen at
 * once (no column pushed off to the side), and neither compare nor a jurisdiction page scrolls the
 * page sideways. Screenshots: artifacts/screenshots/narrow-<name>.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { E2E_TEST_TIMEOUT, expectClean, expectNoHorizontalScroll, screenshot, useHarness } from './harness.ts'

const h = useHarness()

const NARROW = { width: 360, height: 740 }
const CA = 'ocd-division/country:us/state:ca'
const TRAVIS = 'ocd-division/country:us/state:tx/county:travis'
const COOK = 'ocd-division/country:us/state:il/county:cook'

/** For every row of each compare table: the boxes of its jurisdiction cells, and the window's width. */
async function compareCells(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const tables = [...document.querySelectorAll('table.compare-table')].map((table) =>
      [...table.querySelectorAll('tbody tr')]
        .filter((tr) => tr.querySelector('td'))
        .map((tr) =>
          [...tr.querySelectorAll('td')].map((td) => {
            const r = td.getBoundingClientRect()
            const label = getComputedStyle(td, '::before').content
            return { left: r.left, right: r.right, width: r.width, label, text: (td.textContent ?? '').trim() }
          }),
        ),
    )
    return { width, tables }
  })
}

describe.skipIf(h.skip)('pages at 360 px wide (Chromium)', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('compare shows both columns side by side, each labelled with its jurisdiction, with no sideways scrolling', async () => {
    const { page, problems } = await h.open(`/compare?ids=${CA},${TRAVIS}&date=2019-06-01`, { viewport: NARROW })
    await page.getByRole('heading', { level: 2, name: /California · Travis County/ }).waitFor()
    await expectNoHorizontalScroll(page)
    const { width, tables } = await compareCells(page)
    expect(tables.length).toBe(2) // the answers, and the provisions beyond the common layers
    for (const rows of tables) {
      expect(rows.length).toBeGreaterThan(0)
      for (const cells of rows) {
        expect(cells).toHaveLength(2)
        for (const cell of cells) {
          // On screen, wide enough to read, and named.
          expect(cell.left).toBeGreaterThanOrEqual(0)
          expect(cell.right).toBeLessThanOrEqual(width)
          expect(cell.width).toBeGreaterThan(100)
        }
        expect(cells[0]!.label).toContain('California')
        expect(cells[1]!.label).toContain('Travis County')
        // Side by side: the second column starts where the first ends.
        expect(cells[1]!.left).toBeGreaterThanOrEqual(cells[0]!.right - 1)
      }
    }
    await screenshot(page, 'narrow-compare')
    await expectClean(page, problems)
  })

  it('compare with three jurisdictions keeps every one on screen (the third wraps below)', async () => {
    const { page, problems } = await h.open(`/compare?ids=${CA},${TRAVIS},${COOK}&date=2019-06-01`, { viewport: NARROW })
    await page.getByRole('heading', { level: 2, name: /Cook County/ }).waitFor()
    await expectNoHorizontalScroll(page)
    const { width, tables } = await compareCells(page)
    for (const cells of tables.flat()) {
      expect(cells).toHaveLength(3)
      for (const cell of cells) {
        expect(cell.left).toBeGreaterThanOrEqual(0)
        expect(cell.right).toBeLessThanOrEqual(width)
      }
    }
    await screenshot(page, 'narrow-compare-three')
    await expectClean(page, problems)
  })

  for (const [name, id] of [
    ['travis', TRAVIS],
    ['california', CA],
  ] as const) {
    it(`the ${name} jurisdiction page fits, its timeline table stacked`, async () => {
      const { page, problems } = await h.open(`/jurisdictions/${id}?date=2019-06-01`, { viewport: NARROW })
      await page.getByRole('heading', { level: 1 }).waitFor()
      await page.waitForLoadState('networkidle')
      await expectNoHorizontalScroll(page)
      const rows = await page.evaluate(() => {
        const width = document.documentElement.clientWidth
        return [...document.querySelectorAll('table.timeline-table tbody tr')].slice(0, 5).map((tr) => {
          const r = tr.getBoundingClientRect()
          return { right: r.right, width, text: (tr.textContent ?? '').trim() }
        })
      })
      expect(rows.length).toBeGreaterThan(0)
      for (const r of rows) expect(r.right).toBeLessThanOrEqual(r.width)
      await screenshot(page, `narrow-jurisdiction-${name}`)
      await expectClean(page, problems)
    })
  }
})
