/**
 * `npm run bench`: every benchmark, each reported against a baseline measured in the same run.
 * Name benchmarks to run only those: `npm run bench -- simulator` (default: all).
 */
import { defaultRegistryDir, loadRegistryOrThrow } from '../src/adapters/fs/index.ts'
import { runEngineBench } from './engine-bench.ts'
import { formatOfficialsBench, runOfficialsBench } from './officials-bench.ts'
import { formatSimulatorBench, runSimulatorBench } from './simulator-bench.ts'
import { formatWebBench, runWebBench } from './web-bench.ts'
import { formatToolkitBench, runToolkitBench } from './toolkit-bench.ts'

const BENCHES = ['engine', 'simulator', 'web', 'officials', 'toolkit'] as const
const named = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const unknown = named.filter((a) => !(BENCHES as readonly string[]).includes(a))
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')} (known: ${BENCHES.join(', ')})\n`)
  process.exit(2)
}
const selected = (name: (typeof BENCHES)[number]) => named.length === 0 || named.includes(name)

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
if (selected('engine')) {
  const registry = await loadRegistryOrThrow(defaultRegistryDir())
  const n = Number(process.env.BENCH_CASES ?? 1_000_000)
  const r = runEngineBench(registry, n)
  process.stdout.write(
    [
      `engine batch (${fmt(r.cases)} generated cases, ${registry.jurisdictions.size} registry jurisdictions + 3 without files, 2008–2026):`,
      `  engine, hold only:              ${fmt(r.engineCasesPerSecond)} cases/s`,
      `  engine, hold+notify+interview:  ${fmt(r.engineAllQuestionsCasesPerSecond)} cases/s`,
      `  hand-written SB 54 hold rule:   ${fmt(r.handWrittenCasesPerSecond)} cases/s (ceiling)`,
      `  ratio engine/hand-written (hold): ${r.ratio.toFixed(3)}  (goal >= 0.5)`,
      `  explained path median:          ${r.explainedMedianMs.toFixed(3)} ms/case`,
      '',
    ].join('\n'),
  )
}

if (selected('simulator')) {
  // BENCH_SIM_ROWS for a quicker run; BENCH_SIM_FILE to reuse a synthesized Parquet file
  const rows = Number(process.env.BENCH_SIM_ROWS ?? 10_000_000)
  const file = process.env.BENCH_SIM_FILE
  process.stdout.write(formatSimulatorBench(await runSimulatorBench({ rows, ...(file ? { file } : {}) })))
}

if (selected('web')) {
  // BENCH_WEB_SECONDS per API endpoint (default 5), BENCH_WEB_CONNECTIONS, BENCH_WEB_LOADS (cold map loads), BENCH_WEB_RECOLOURS
  const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
  const options = { coldLoads: env('BENCH_WEB_LOADS', 5), recolours: env('BENCH_WEB_RECOLOURS', 9), seconds: env('BENCH_WEB_SECONDS', 5), connections: env('BENCH_WEB_CONNECTIONS', 8) }
  process.stdout.write(formatWebBench(await runWebBench(options)))
}

if (selected('officials')) {
  // BENCH_OFFICIALS_SECONDS per endpoint (default 5), BENCH_OFFICIALS_CONNECTIONS; BENCH_DATABASE_URL for the PostgreSQL half
  const seconds = Number(process.env.BENCH_OFFICIALS_SECONDS ?? 5)
  const connections = Number(process.env.BENCH_OFFICIALS_CONNECTIONS ?? 8)
  process.stdout.write(formatOfficialsBench(await runOfficialsBench({ seconds, connections })))
}

if (selected('toolkit')) {
  // BENCH_TOOLKIT_CHECKS (default 30); BENCH_TOOLKIT_RECORDS to reuse an imported PA Parquet file
  process.stdout.write(formatToolkitBench(await runToolkitBench({ checks: Number(process.env.BENCH_TOOLKIT_CHECKS ?? 30) })))
}
