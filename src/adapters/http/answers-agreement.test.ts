// One answer everywhere: the map's answers, the evaluator (API and page), the jurisdiction page and
// compare answer the same case for the same template and assumed facts (issue: Cook County 2016
// was "Prohibited" on the map and "Undetermined" in the evaluator for the same question).
import { afterAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../core/engine/index.ts'
import { encodeCase } from '../../web/shared/case-url.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../fs/index.ts'
import { buildApp } from './app.ts'

const app = await buildApp({ engine: createEngine(await loadRegistryOrThrow(defaultRegistryDir()), { version: 'test' }) })
afterAll(() => app.close())

const COOK = 'ocd-division/country:us/state:il/county:cook'
const DATE = '2016-06-01'
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ')

async function mapAnswer(query: string) {
  const res = await app.inject({ url: `/api/v1/answers?date=${DATE}&action=hold&template=no-record${query}` })
  expect(res.statusCode).toBe(200)
  const body = res.json()
  return { body, cook: body.counties.find((c: { jurisdiction: string }) => c.jurisdiction === COOK) }
}

async function evaluate(facts: object) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: { jurisdiction: COOK, date: DATE, ...facts } })
  expect(res.statusCode).toBe(200)
  return res.json().answers.hold
}

describe('the map and the evaluator give the same answer for Cook County in 2016', () => {
  it('with the template’s assumptions (no reimbursement agreement): prohibited on both, and the assumption is named', async () => {
    const { body, cook } = await mapAnswer('')
    expect(cook.value).toBe('prohibited')
    expect(body.assumptions.find((a: { name: string }) => a.name === 'reimbursementAgreement')).toMatchObject({ value: 'no', defaultValue: 'no', words: 'no reimbursement agreement' })
    expect(body.facts.detainer.reimbursementAgreement).toBe(false)
    expect((await evaluate(body.facts)).value).toBe('prohibited')
  })

  it('with the reimbursement agreement unknown: undetermined on both, with the same conditional answer', async () => {
    const { body, cook } = await mapAnswer('&reimbursementAgreement=unknown')
    expect(body.facts.detainer).not.toHaveProperty('reimbursementAgreement')
    expect(cook.value).toBe('undetermined')
    const hold = await evaluate(body.facts)
    expect(hold.value).toBe('undetermined')
    expect(cook.conditional).toBe(hold.conditional.text)
    expect(hold.conditional.text).toBe('Prohibited, unless the federal government has agreed in writing to reimburse the costs (then permitted, at most 48 hours)')
    expect(hold.branches).toEqual([
      { facts: { 'detainer.reimbursementAgreement': false }, value: 'prohibited', maxHours: null, missing: [] },
      { facts: { 'detainer.reimbursementAgreement': true }, value: 'permitted', maxHours: 48, missing: [] },
    ])
  })

  it('with an agreement assumed: permitted on both', async () => {
    const { body, cook } = await mapAnswer('&reimbursementAgreement=yes')
    expect(cook).toMatchObject({ value: 'permitted', maxHours: 48 })
    expect(await evaluate(body.facts)).toMatchObject({ value: 'permitted', maxHours: 48 })
  })

  it('rejects a bad assumed value with a 400 naming the parameter', async () => {
    const res = await app.inject({ url: `/api/v1/answers?date=${DATE}&reimbursementAgreement=maybe` })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.field).toBe('reimbursementAgreement')
  })

  it('pages: the map’s table, the jurisdiction page and the evaluator page say the same, without JavaScript', async () => {
    for (const [assume, word] of [
      ['', 'Prohibited'],
      ['&reimbursementAgreement=unknown', 'Undetermined'],
    ] as const) {
      const map = text((await app.inject({ url: `/?date=${DATE}&state=IL${assume}` })).body)
      expect(map).toMatch(new RegExp(`Cook own file ${word} `))
      expect(map).toContain(assume ? 'whether a reimbursement agreement exists is not known' : 'no reimbursement agreement')
      const page = text((await app.inject({ url: `/jurisdictions/${COOK}?date=${DATE}${assume}` })).body)
      expect(page).toMatch(new RegExp(`No criminal record, administrative detainer \\(I-247A\\) Assumes: [^.]+\\. Open in the evaluator ${word} `))
      // The legend's evaluator link with a jurisdiction: a redirect to the same case.
      const link = await app.inject({ url: `/evaluate?template=no-record&date=${DATE}&jurisdiction=${encodeURIComponent(COOK)}${assume}` })
      expect(link.statusCode).toBe(303)
      const evaluator = text((await app.inject({ url: link.headers.location as string })).body)
      expect(evaluator).toMatch(new RegExp(`Hold past release on the detainer: ${word}`))
      if (assume) {
        expect(evaluator).toContain('Conditional answer: Prohibited, unless the federal government has agreed in writing to reimburse the costs (then permitted, at most 48 hours).')
        expect(evaluator).toMatch(/Has the federal government agreed in writing to reimburse the costs of the hold\? no ?: Prohibited · yes ?: Permitted, at most 48 hours/)
      }
    }
  })

  it('the evaluator asks the missing fact inline: each choice links to the same case with it given', async () => {
    const c = { jurisdiction: 'ocd-division/country:us/state:ca/county:fresno', date: '2019-06-01', custody: 'county-jail', detainer: { form: 'I-247A', judicialWarrant: false }, person: { convictions: [], pendingCharges: [{ category: 'traffic', level: 'misdemeanor' }] } }
    const html = (await app.inject({ url: `/evaluate?case=${encodeCase(c)}` })).body
    expect(text(html)).toContain('Conditional answer: Prohibited, unless a judge found probable cause (then permitted, at most 48 hours).')
    const yes = encodeCase({ ...c, detainer: { ...c.detainer, judicialProbableCause: true } })
    expect(html).toContain(`href="/evaluate?case=${yes}"`)
    expect(text((await app.inject({ url: `/evaluate?case=${yes}` })).body)).toMatch(/Hold past release on the detainer: Permitted/)
  })
})
