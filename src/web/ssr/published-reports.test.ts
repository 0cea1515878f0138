/**
 * The reports published in reports/ (served by the Simulations pages): each is a valid simulation
 * report, and none publishes a count of 1 to 10 records anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseReport } from '../../simulator/report/index.ts'
import { isReportName } from './simulation-summary.ts'

const DIR = fileURLToPath(new URL('../../../reports/', import.meta.url))
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'))

/** Fields that hold something other than a number of records. */
const NOT_COUNTS = new Set(['matchRate', 'stats', 'minCell'])

/** Every whole number from 1 to 10 in a count position, with its JSON path. */
function smallCounts(value: unknown, path = '', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (value >= 1 && value <= 10) out.push(`${path}=${value}`)
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => smallCounts(v, `${path}.${i}`, out))
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!NOT_COUNTS.has(k)) smallCounts(v, `${path}.${k}`, out)
  }
  return out
}

describe('published simulation reports (reports/)', () => {
  it('the checker finds a small count wherever it is', () => {
    expect(smallCounts({ cells: [{ records: 12, byScenario: { law: { held: { lower: 7, upper: null } } } }], stats: { engineCalls: 3 }, linking: [{ matchRate: 1 }] })).toEqual([
      '.cells.0.byScenario.law.held.lower=7',
    ])
  })

  it('there is at least one', () => {
    expect(FILES.length).toBeGreaterThan(0)
  })

  it.each(FILES)('%s is a simulation report with a name the pages accept', (file) => {
    expect(isReportName(file.slice(0, -5))).toBe(true)
    const report = parseReport(JSON.parse(readFileSync(join(DIR, file), 'utf8')), file)
    expect(report.minCell).toBeGreaterThanOrEqual(11)
    expect(report.cells.length).toBeGreaterThan(0)
  })

  it.each(FILES)('%s publishes no count between 1 and 10', (file) => {
    expect(smallCounts(JSON.parse(readFileSync(join(DIR, file), 'utf8')))).toEqual([])
  })
})
