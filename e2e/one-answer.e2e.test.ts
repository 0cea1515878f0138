/**
 * One answer everywhere: the map and the evaluator answer Cook County on 1 June 2016 alike, with
 * the template's assumed facts shown beside the legend, and still alike after one assumption is
 * changed to "unknown" on the map (the evaluator then answers the same changed case).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { E2E_TEST_TIMEOUT, expectClean, useHarness } from './harness.ts'

const h = useHarness()
const COOK = 'ocd-division/country:us/state:il/county:cook'
const COOK_GEOID = '17031'
const DATE = '2016-06-01'

/** Cook County's painted answer once the map shows the given query. */
async function cookOnMap(page: Page, assume: string): Promise<string> {
  // Painted for this query: the date, question and template, and (once changed) the assumption.
  await page.locator(`svg.atlas-map[data-date="${DATE}"][data-action="hold"][data-template="no-record"]${assume ? `[data-assumes*="${assume}"]` : ''}`).waitFor({ timeout: 20_000 })
  const path = page.locator(`svg.atlas-map:not(.atlas-overlay) path[data-geoid="${COOK_GEOID}"]`)
  await path.waitFor({ state: 'attached' })
  return (await path.getAttribute('data-v'))!
}

/** The evaluator's hold answer for Cook County with the same template, date and assumptions. */
async function cookOnEvaluator(page: Page, assume: Record<string, string>): Promise<string> {
  const q = new URLSearchParams({ template: 'no-record', date: DATE, jurisdiction: COOK, ...assume })
  await page.goto(`${h.baseUrl()}/evaluate?${q}`)
  const hold = page.locator('#answer .answer-card h3 .value').first()
  await hold.waitFor()
  return (await hold.innerText()).toLowerCase()
}

describe.skipIf(h.skip)('one answer on the map and the evaluator (Chromium)', { timeout: E2E_TEST_TIMEOUT }, () => {
  it('Cook County 2016 answers alike on both, before and after an assumed fact is changed', async () => {
    const { page, problems } = await h.open(`/?date=${DATE}&action=hold&template=no-record`)
    const onMap = await cookOnMap(page, '')
    await expect(page.locator('#assumed-facts .assumes-list').innerText()).resolves.toMatch(/no reimbursement agreement/)

    // Leave the reimbursement agreement unknown, as the evaluator's blank form would.
    await page.locator('#assumed-facts summary').click()
    await page.locator('#assume-reimbursementAgreement').selectOption('unknown')
    const changed = await cookOnMap(page, 'reimbursementAgreement=unknown')

    const evaluator = await h.open('/')
    expect(await cookOnEvaluator(evaluator.page, {})).toBe(onMap)
    expect(await cookOnEvaluator(evaluator.page, { reimbursementAgreement: 'unknown' })).toBe(changed)
    // Cook's ordinance turns on the reimbursement agreement: leaving it unknown changes the answer.
    expect(changed).not.toBe(onMap)
    await expectClean(page, problems)
    await expectClean(evaluator.page, evaluator.problems)
  })
})
