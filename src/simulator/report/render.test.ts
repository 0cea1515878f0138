import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import type { SimulationReport } from '../simulate/index.ts'
import { lawVsPracticeChart, linkingChart, monthlyChart, outcomeChart } from './charts.ts'
import { monthDate, topJurisdictionSeries } from './model.ts'
import { parseReport, readReportFile } from './read.ts'
import { count, esc, renderReport, SUPPRESSED_NOTE, SUPPRESSED_TEXT } from './render.ts'

const FIXTURE = fileURLToPath(new URL('./fixtures/small-report.json', import.meta.url))
const report = parseReport(JSON.parse(readFileSync(FIXTURE, 'utf8')), FIXTURE)
const BIN = fileURLToPath(new URL('../../../bin/sanctuary.js', import.meta.url))

/** Every whole number the report publishes (counts, and anything else numeric in it). */
function publishedNumbers(value: unknown, out = new Set<number>()): Set<number> {
  if (typeof value === 'number' && Number.isInteger(value)) out.add(value)
  else if (Array.isArray(value)) value.forEach((v) => publishedNumbers(v, out))
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => publishedNumbers(v, out))
  return out
}

describe('report charts', () => {
  const { document } = new JSDOM('').window

  it('draw the same SVG for the fixture report (snapshot)', () => {
    const series = topJurisdictionSeries(report, 12)
    expect(series.map((s) => s.name)).toEqual(['Alpha County', 'Unlinked records (no county)', 'Beta <script>alert("x")</script> & Sons'])
    const domain: [Date, Date] = [monthDate('2016-01'), monthDate('2016-06')]
    expect(outcomeChart(report, { document })).toMatchSnapshot('outcomes')
    for (const s of series) expect(monthlyChart(s, report, domain, { document })).toMatchSnapshot(`monthly ${s.jurisdiction}`)
    expect(lawVsPracticeChart(report, { document })).toMatchSnapshot('law vs practice')
    expect(linkingChart(report, { document })).toMatchSnapshot('linking')
  })

  it('leave suppressed months out of a series: gaps, never zeros', () => {
    const beta = topJurisdictionSeries(report, 12).find((s) => s.jurisdiction.endsWith('place:beta'))!
    expect(beta.points.map((p) => [p.month, p.records, p.suppressed])).toEqual([
      ['2016-01', 43, false],
      ['2016-02', null, true],
      ['2016-03', 57, false],
      ['2016-04', null, false],
      ['2016-05', null, true],
      ['2016-06', 78, false],
    ])
    expect(beta.suppressedMonths).toBe(2)
  })
})

describe('renderReport', () => {
  const html = renderReport(report)
  const doc = new JSDOM(html).window.document

  it('is one self-contained page: no script, no external reference, a CSP forbidding both', () => {
    expect(doc.querySelectorAll('script, link, iframe, img, object, embed')).toHaveLength(0)
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/)
    expect(html).not.toMatch(/https?:\/\//)
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    expect(doc.querySelectorAll('svg').length).toBeGreaterThanOrEqual(6)
  })

  it('escapes names: a jurisdiction called <script>…</script> is text, not markup', () => {
    const captions = [...doc.querySelectorAll('figcaption')].map((f) => f.textContent)
    expect(captions).toContain('Beta <script>alert("x")</script> & Sons')
    expect([...doc.querySelectorAll('th')].map((t) => t.textContent)).toContain('tiny <src>')
    expect(doc.querySelectorAll('src')).toHaveLength(0)
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })

  it('shows a suppressed count as "withheld", explains it, and prints no number the report does not publish', () => {
    const suppressedCells = [...doc.querySelectorAll('td.suppressed')]
    expect(suppressedCells.length).toBe(5)
    // a law-versus-practice row with every number withheld is listed by name, not as a row of blanks
    expect(doc.querySelector('.withheld-list')?.textContent).toBe('Every number withheld for 1 more jurisdiction: Beta <script>alert("x")</script> & Sons.')
    for (const td of suppressedCells) expect(td.textContent).toContain(SUPPRESSED_TEXT)
    expect(html).not.toMatch(/\b(?:null|NaN|undefined)\b/)
    // every count printed in tables and headlines is one the report publishes: the page derives
    // no sum from which a suppressed cell could be recovered
    const published = publishedNumbers(report)
    const printed = [...doc.querySelectorAll('td.num, .big, .lede, #linking p')]
      .flatMap((e) => (e.textContent ?? '').replace(SUPPRESSED_NOTE, '').replace(/\d+(?:\.\d+)?%/g, '').replace(/\b\d{4}-\d{2}(?:-\d{2})?\b/g, '').match(/\d[\d,]*/g) ?? [])
      .map((t) => Number(t.replace(/,/g, '')))
    expect(printed.length).toBeGreaterThan(20)
    for (const n of printed) expect({ n, published: published.has(n) }).toEqual({ n, published: true })
    expect(count(null)).toBe('withheld')
    expect(doc.querySelector('.lede')?.textContent).toContain('“Withheld” marks a count of 1 to 10 records, or a count hidden so that such a small count cannot be worked out')
  })

  it('says what the scenarios are, in plain words, with ranges', () => {
    const text = doc.body.textContent ?? ''
    expect(text).toContain('Records where the jail may or must hold: between 660 and 1,043 of 1,304 (50.6% to 80.0%)')
    expect(text).toContain('the law in force in California on 2018-01-01, applied to every record')
    expect(text).toContain('the lower bound counts the undetermined records as if the jail must not hold, the upper bound as if the jail may or must hold')
    expect(text).toContain('380 of 1,304 records are unlinked')
  })
})

describe('renderReport on a report without a counterfactual or practice data', () => {
  it('leaves those sections out and still draws the rest', () => {
    const lawOnly: SimulationReport = {
      ...report,
      scenarios: [report.scenarios[0]!],
      totals: { ...report.totals, byScenario: { law: report.totals.byScenario.law! }, practice: null },
      cells: report.cells.map((c) => ({ ...c, byScenario: { law: c.byScenario.law! } })),
      lawVsPractice: [],
    }
    const doc = new JSDOM(renderReport(lawOnly)).window.document
    expect(doc.querySelector('#practice')).toBeNull()
    expect(doc.querySelectorAll('.headline')).toHaveLength(1)
    expect(doc.querySelectorAll('#monthly svg')).toHaveLength(3)
    expect(doc.body.textContent).not.toMatch(/California/)
  })
})

describe('reading a report and the CLI', { timeout: 60_000 }, () => {
  it('rejects a file that is not a report, naming the field', async () => {
    const bad = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cells: Array<{ records: unknown }> }
    bad.cells[2]!.records = 'many'
    expect(() => parseReport(bad, 'r.json')).toThrow(/cells\.2\.records|not a simulation report/)
    await expect(readReportFile('/nonexistent/report.json')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('sanctuary report writes the page; a bad file is one line and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanctuary-report-'))
    const out = join(dir, 'report.html')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"kind": "simulation-report",\n "cells": [}\n')
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })),
      )
    const ok = await run(['report', FIXTURE, '--out', out])
    expect(ok.code).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(renderReport(report as SimulationReport))
    const r = await run(['report', bad, '--out', out])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/bad\.json(?::2)?: malformed JSON/)
  })
})
