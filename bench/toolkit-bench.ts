/**
 * Toolkit benchmark: the median time of a full check (preemption, funding risk, simulated effect
 * on the Pennsylvania detainer records, rule cases) of a five-clause draft, through the same
 * service the API uses, on a server that grouped the records once. The shared PA file is imported
 * to a temporary Parquet file first (or BENCH_TOOLKIT_RECORDS names one); without it the
 * benchmark says so and stops. Goal: median under 1 s.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEngine } from '../src/core/engine/index.ts'
import { clauseTemplate, type ClauseKind } from '../src/core/toolkit/index.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow, packageVersion } from '../src/adapters/fs/index.ts'
import { createToolkitService } from '../src/adapters/toolkit/index.ts'
import { runImport } from '../src/simulator/import/index.ts'

export interface ToolkitBench {
  readonly kind: 'toolkit-bench'
  readonly skipped: string | null
  readonly importMs: number
  readonly groupMs: number
  readonly groups: number
  readonly checks: number
  readonly medianMs: number
  readonly p90Ms: number
  readonly medianCheckMs: number
  readonly medianSimulationMs: number
}

const CLAUSES: readonly ClauseKind[] = ['hold-judicial-warrant', 'hold-listed-convictions', 'hold-hour-cap', 'no-release-notice', 'no-287g']
const COUNTIES = ['philadelphia', 'lancaster', 'bucks', 'montgomery', 'chester', 'clearfield', 'union', 'cumberland']

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!

export async function runToolkitBench(options: { readonly checks: number }): Promise<ToolkitBench> {
  const data = process.env.SANCTUARY_SHARED_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url))
  const csv = join(data, 'pa-detainers/pa_detainers.csv')
  let file = process.env.BENCH_TOOLKIT_RECORDS
  const empty = { importMs: 0, groupMs: 0, groups: 0, checks: 0, medianMs: 0, p90Ms: 0, medianCheckMs: 0, medianSimulationMs: 0 }
  if (!file && !existsSync(csv)) return { kind: 'toolkit-bench', skipped: `no Pennsylvania records at ${csv}`, ...empty }
  const dir = mkdtempSync(join(tmpdir(), 'sanctuary-toolkit-bench-'))
  try {
    let importMs = 0
    if (!file) {
      file = join(dir, 'pa.parquet')
      const t = performance.now()
      await runImport({ format: 'pa', paths: [csv], out: file, crosswalks: data, progress: { update: () => undefined, done: () => undefined } })
      importMs = performance.now() - t
    }
    const root = defaultRegistryDir()
    const registry = await loadRegistryOrThrow(root)
    const federal = await loadFederalOrThrow(root, registry)
    const toolkit = createToolkitService({ engine: createEngine(registry, { version: packageVersion() }), federal, records: [file], crosswalks: existsSync(data) ? data : undefined })
    const t0 = performance.now()
    const groups = await toolkit.records()
    const groupMs = performance.now() - t0
    const draft = { title: 'Five clauses', provisions: CLAUSES.map((k) => clauseTemplate(k, { categories: ['homicide', 'robbery'], maxHours: 24 })) }
    const total: number[] = []
    const check: number[] = []
    const sim: number[] = []
    for (let i = 0; i < options.checks + 2; i++) {
      const jurisdiction = `ocd-division/country:us/state:pa/county:${COUNTIES[i % COUNTIES.length]}`
      const date = `${2009 + (i % 6)}-0${1 + (i % 9)}-15`
      const t = performance.now()
      const r = await toolkit.check({ draft, jurisdiction, date })
      const ms = performance.now() - t
      if (r.simulation.kind !== 'draft-effect') throw new Error('the simulation did not run')
      if (i < 2) continue // warm-up: the first checks compile the shared engine's plans
      total.push(ms)
      check.push(r.timings.checkMs)
      sim.push(r.timings.simulationMs)
    }
    return { kind: 'toolkit-bench', skipped: null, importMs, groupMs, groups: groups?.groups.length ?? 0, checks: total.length, medianMs: quantile(total, 0.5), p90Ms: quantile(total, 0.9), medianCheckMs: quantile(check, 0.5), medianSimulationMs: quantile(sim, 0.5) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function formatToolkitBench(r: ToolkitBench): string {
  if (r.skipped) return `toolkit: skipped (${r.skipped})\n\n`
  const ms = (n: number) => `${n.toFixed(0)} ms`
  return [
    `toolkit full check of a five-clause draft (preemption, funding, simulation on the PA records, rule cases), ${r.checks} checks over ${COUNTIES.length} PA counties:`,
    `  median:                 ${ms(r.medianMs)}  (goal < 1000 ms); p90 ${ms(r.p90Ms)}`,
    `  of which check / simulation (medians): ${ms(r.medianCheckMs)} / ${ms(r.medianSimulationMs)}`,
    `  records grouped once:   ${r.groups.toLocaleString('en-US')} groups in ${ms(r.groupMs)} (a rescan per check would add this)${r.importMs ? `; import of the PA file ${ms(r.importMs)}` : ''}`,
    '',
  ].join('\n')
}
