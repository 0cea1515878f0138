/**
 * Coarser cells (`period`): the same records and totals whatever the period, fewer cells withheld
 * as the period widens, labels the report reader understands.
 */
import { JSDOM } from 'jsdom'
import { beforeAll, describe, expect, it } from 'vitest'
import { fsLawSource } from '../../adapters/fs/index.ts'
import { monthSpan, parseReport, renderReport, topJurisdictionSeries } from '../report/index.ts'
import { aggregatePeriod, periodLabel, PERIODS } from './period.ts'
import { publishReport } from './publish.ts'
import type { SimulationPeriod } from './report.ts'
import { runSimulation } from './run.ts'
import { cellTotals, type SimulationTable } from './table.ts'
import { fixtureRecords, writeFixture } from './test-fixture.ts'

let month: SimulationTable
let yearRun: SimulationTable

beforeAll(async () => {
  // the fixture's places over two years (2016–2017): cells of a few records by month, dozens by year
  const start = Date.UTC(2016, 0, 1)
  const records = [...fixtureRecords(1500, 31, 'pa', { factPool: 5 }), ...fixtureRecords(600, 32, 'pa')].map((r, i) =>
    r.event_date === null ? r : { ...r, event_date: new Date(start + ((i * 37) % 731) * 86_400_000).toISOString().slice(0, 10) },
  )
  const file = await writeFixture(records, 'period.parquet')
  const options = { inputs: [file], law: fsLawSource(), counterfactual: { kind: 'jurisdiction', jurisdiction: 'California', date: '2018-01-01' } } as const
  month = await runSimulation(options)
  yearRun = await runSimulation({ ...options, period: 'year' })
})

/** Exact counts per jurisdiction (all cells), as `id → [records, law answers…, cf answers…, practice…]`. */
function byJurisdiction(table: SimulationTable): Map<string, number[]> {
  const out = new Map<string, number[]>()
  cellTotals(table).forEach((t, c) => {
    const id = table.jurisdictions[table.cells[c]!.jurisdiction]!.id
    const row = out.get(id) ?? new Array<number>(14).fill(0)
    ;[t.records, ...t.law, ...t.cf, ...t.practice].forEach((v, i) => (row[i]! += v))
    out.set(id, row)
  })
  return out
}

describe('periodLabel', () => {
  it('maps a month to its quarter, year or all, and keeps unknown dates apart except under all', () => {
    expect(['2016-01', '2016-03', '2016-04', '2016-12'].map((m) => periodLabel(m, 'quarter'))).toEqual(['2016-Q1', '2016-Q1', '2016-Q2', '2016-Q4'])
    expect(periodLabel('2016-07', 'year')).toBe('2016')
    expect(periodLabel('2016-07', 'month')).toBe('2016-07')
    expect(periodLabel('2016-07', 'all')).toBe('all')
    expect(periodLabel('unknown', 'year')).toBe('unknown')
    expect(periodLabel('unknown', 'all')).toBe('all')
  })
})

describe('aggregating by period', () => {
  it('keeps every count per jurisdiction identical, and the published totals with it', () => {
    const base = byJurisdiction(month)
    const baseReport = publishReport(month)
    expect(baseReport.period).toBe('month')
    for (const period of PERIODS) {
      const table = aggregatePeriod(month, period)
      expect(table.period).toBe(period)
      expect(byJurisdiction(table)).toEqual(base)
      const report = publishReport(table)
      expect(report.period).toBe(period)
      expect(report.totals).toEqual(baseReport.totals)
      expect(report.linking).toEqual(baseReport.linking)
    }
  })

  it('labels cells by the period, sorted by jurisdiction then label, one cell per jurisdiction under all', () => {
    const pattern: Record<SimulationPeriod, RegExp> = { month: /^\d{4}-\d{2}$|^unknown$/, quarter: /^\d{4}-Q[1-4]$|^unknown$/, year: /^\d{4}$|^unknown$/, all: /^all$/ }
    for (const period of PERIODS) {
      const table = aggregatePeriod(month, period)
      const keys = table.cells.map((c) => `${String(c.jurisdiction).padStart(6, '0')} ${c.month}`)
      expect(new Set(keys).size).toBe(keys.length)
      expect([...keys].sort()).toEqual(keys)
      for (const c of table.cells) expect(c.month).toMatch(pattern[period])
    }
    expect(aggregatePeriod(month, 'all').cells).toHaveLength(month.jurisdictions.length)
  })

  it('is what runSimulation returns with the period option', () => {
    const expected = aggregatePeriod(month, 'year')
    expect(yearRun.period).toBe('year')
    expect(yearRun.cells).toEqual(expected.cells)
    expect(Array.from(yearRun.atoms.key)).toEqual(Array.from(expected.atoms.key))
    expect(Array.from(yearRun.atoms.cell)).toEqual(Array.from(expected.atoms.cell))
    expect(Array.from(yearRun.atoms.count)).toEqual(Array.from(expected.atoms.count))
  })

  it('withholds fewer cells as the period widens', () => {
    const withheld = PERIODS.map((p) => publishReport(aggregatePeriod(month, p)).cells.filter((c) => c.suppressed).length)
    const shares = PERIODS.map((p, i) => withheld[i]! / aggregatePeriod(month, p).cells.length)
    // month ≥ quarter ≥ year ≥ all in cells withheld, and strictly fewer from month to year
    for (let i = 1; i < withheld.length; i++) expect(withheld[i]!).toBeLessThanOrEqual(withheld[i - 1]!)
    expect(withheld[2]!).toBeLessThan(withheld[0]!)
    expect(shares[2]!).toBeLessThan(shares[0]!)
    expect(withheld[0]!).toBeGreaterThan(0)
  })

  it('rejects an unknown period', async () => {
    await expect(runSimulation({ inputs: ['x.parquet'], law: fsLawSource(), period: 'week' as SimulationPeriod })).rejects.toMatchObject({ code: 'invalid-input', location: { field: 'period' } })
  })
})

describe('the HTML report over coarser cells', () => {
  it('draws yearly and quarterly series, and none under all', () => {
    const document = new JSDOM('<!doctype html><html><body></body></html>').window.document
    const year = publishReport(aggregatePeriod(month, 'year'))
    const series = topJurisdictionSeries(year, 3)
    expect(series.length).toBeGreaterThan(0)
    for (const s of series) {
      const years = s.points.map((p) => Number(p.month))
      years.forEach((y, i) => i > 0 && expect(y).toBe(years[i - 1]! + 1))
      for (const p of s.points) expect(p.date.toISOString()).toBe(`${p.month}-01-01T00:00:00.000Z`)
    }
    expect(renderReport(year, { document })).toContain('Year by year')
    const quarter = topJurisdictionSeries(publishReport(aggregatePeriod(month, 'quarter')), 1)[0]!
    const q = quarter.points.map((p) => p.month)
    for (let i = 1; i < q.length; i++) expect(q[i]! > q[i - 1]!).toBe(true)
    expect(quarter.points.find((p) => p.month.endsWith('-Q3'))?.date.getUTCMonth()).toBe(6)
    const all = publishReport(aggregatePeriod(month, 'all'))
    expect(monthSpan(all)).toBeNull()
    const html = renderReport(all, { document })
    expect(html).not.toContain('id="monthly"')
    expect(html).not.toContain('href="#monthly"')
  })

  it('reads a report written before the period field as monthly', () => {
    const { period: _, ...old } = publishReport(month)
    expect(parseReport(JSON.parse(JSON.stringify(old)), 'old.json').period).toBe('month')
  })
})
