/**
 * The simulator on the real files in the shared data folder (never copied into the project):
 * imported with a cap on rows so the suite stays fast, then simulated under the law and a
 * counterfactual. Skipped when the folder is absent. Only aggregates are asserted and printed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { fsLawSource } from '../../adapters/fs/index.ts'
import { runImport } from '../import/index.ts'
import { loadCountyNames } from './counties.ts'
import { formatReport } from './output.ts'
import { simulate } from './simulate.ts'

const DATA = process.env.SANCTUARY_SHARED_DATA ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url))
const ICE = join(DATA, 'ice-enforce/us/import/frozen/EROEncounters_FY2019.csv.gz')
const PA = join(DATA, 'pa-detainers/pa_detainers.csv')
const PIERCE = join(DATA, 'pierce-detainers/charges/output/allholds.csv.gz')
const POLICY = fileURLToPath(new URL('../../../docs/examples/policy-pa-hold-judicial-warrant.yaml', import.meta.url))
const quiet = { update: () => undefined, done: () => undefined }
// outputs hold row-level records: a fresh temp folder, removed after the run
const dir = mkdtempSync(join(tmpdir(), 'sanctuary-sim-real-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(!existsSync(ICE) || !existsSync(PA) || !existsSync(PIERCE))('simulate on the real files in the shared data folder', () => {
  it('ICE FY2019 (first 40k rows), Pennsylvania and Pierce County: match rates, ranges, law against practice', async () => {
    const files = { ice: join(dir, 'ice.parquet'), pa: join(dir, 'pa.parquet'), pierce: join(dir, 'pierce.parquet') }
    await runImport({ format: 'ice-lesa', paths: [ICE], out: files.ice, crosswalks: DATA, maxRows: 40_000, progress: quiet })
    await runImport({ format: 'pa', paths: [PA], out: files.pa, crosswalks: DATA, progress: quiet })
    await runImport({ format: 'pierce', paths: [PIERCE], out: files.pierce, crosswalks: DATA, progress: quiet })
    const counties = await loadCountyNames(DATA)
    const report = await simulate({ law: fsLawSource(), inputs: Object.values(files), counties, counterfactual: { kind: 'jurisdiction', jurisdiction: 'California', date: '2018-01-01' } })
    console.log(formatReport(report))
    const rate = (source: string) => report.linking.find((l) => l.source === source)?.matchRate
    expect(rate('pa')).toBeGreaterThan(0.99)
    expect(rate('pierce')).toBe(1)
    expect(rate('ice-lesa')).toBeGreaterThan(0.1)
    expect(report.totals.records).toBeGreaterThan(32_757 + 204)
    for (const id of ['law', 'counterfactual'] as const) {
      // a total of 1–10 (here, few records prohibited under the law) is withheld with what would reveal it
      const t = report.totals.byScenario[id]!
      expect(t.permitted).not.toBeNull()
      if (t.held.upper !== null && t.prohibited !== null) expect(t.held.upper + t.prohibited).toBe(report.totals.records)
      if (t.held.lower !== null && t.held.upper !== null) expect(t.held.lower).toBeLessThanOrEqual(t.held.upper)
      if (t.prohibited !== null) expect(t.prohibited === 0 || t.prohibited >= 11).toBe(true)
    }
    expect(report.totals.byScenario.counterfactual!.held.lower).not.toBeNull()
    // SB 54's hold rule turns on a judicial warrant no record states: nothing is decided "prohibited"
    expect(report.totals.byScenario.counterfactual!.prohibited).toBe(0)
    expect(report.totals.practice?.declined).toBe(225)
    // law against practice: one row per Pennsylvania county with outcomes (and Pierce); complementary
    // suppression withholds some, but most of the rows are published
    expect(report.lawVsPractice.length).toBeGreaterThan(50)
    const published = report.lawVsPractice.filter((r) => r.records !== null)
    expect(published.length / report.lawVsPractice.length).toBeGreaterThan(0.6)
    for (const r of published) if (r.lawHeld.lower !== null && r.lawHeld.upper !== null) expect(r.lawHeld.lower).toBeLessThanOrEqual(r.lawHeld.upper)
    // nothing between 1 and 10 anywhere in the cells
    for (const cell of report.cells) {
      for (const v of [cell.records, ...Object.values(cell.byScenario).flatMap((s) => [s!.permitted, s!.required, s!.prohibited, s!.undetermined, s!.held.lower, s!.held.upper])]) {
        if (v !== null) expect(v === 0 || v >= 11).toBe(true)
      }
    }
  }, 240_000)

  it.skipIf(!existsSync(POLICY))('Pennsylvania under the example policy file', async () => {
    const pa = join(dir, 'pa-only.parquet')
    await runImport({ format: 'pa', paths: [PA], out: pa, crosswalks: DATA, progress: quiet })
    const report = await simulate({ law: fsLawSource(), inputs: [pa], counties: await loadCountyNames(DATA), counterfactual: { kind: 'policy', file: POLICY } })
    const law = report.totals.byScenario.law!
    const policy = report.totals.byScenario.counterfactual!
    expect(report.totals.records).toBe(32_757)
    // the policy can only narrow holds: its lower bound falls, its upper bound cannot rise
    expect(policy.held.lower!).toBeLessThan(law.held.lower!)
    expect(policy.held.upper!).toBeLessThanOrEqual(law.held.upper!)
  }, 120_000)
})
