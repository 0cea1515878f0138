/** `npm run bench`: every benchmark, each reported against a baseline measured in the same run. */
import { defaultRegistryDir, loadRegistryOrThrow } from '../src/adapters/fs/index.ts'
import { runEngineBench } from './engine-bench.ts'

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
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
