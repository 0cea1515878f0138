/**
 * The engine beside a peer: json-rules-engine (the most used JavaScript rules engine) given the
 * same California SB 54 hold rule as the hand-written ceiling in engine-bench.ts, in its own JSON
 * rule format, run over the same generated cases. Its answers are checked against the
 * hand-written function's on every case before anything is timed.
 *
 * json-rules-engine is two-valued and asynchronous: `run` returns a promise per case. The rule is
 * three rules in precedence order (prohibited, then undetermined when a fact that could change
 * the answer is missing, else permitted), with absent facts handed in as null, so that it gives
 * the same three answers as the engine and the hand-written rule.
 */
import { Engine as RulesEngine, type RuleProperties } from 'json-rules-engine'
import type { ParsedCase } from '../src/core/engine/index.ts'
import { parseDay } from '../src/core/dates/index.ts'
import { sb54HoldHandWritten } from './engine-bench.ts'

const SB54_START = parseDay('2018-01-01')!
const PERMITTED = 0
const PROHIBITED = 2
const UNDETERMINED = 3

/** The SB 54 hold rule in json-rules-engine's format. */
export const SB54_RULES: readonly RuleProperties[] = [
  {
    name: 'sb54-hold-prohibited',
    priority: 2,
    conditions: {
      all: [
        { fact: 'day', operator: 'greaterThanInclusive', value: SB54_START },
        { fact: 'custody', operator: 'notIn', value: ['state-prison', null] },
        { fact: 'judicialWarrant', operator: 'equal', value: false },
        { fact: 'judicialProbableCause', operator: 'equal', value: false },
      ],
    },
    event: { type: 'prohibited' },
  },
  {
    name: 'sb54-hold-undetermined',
    priority: 1,
    conditions: {
      all: [
        { fact: 'day', operator: 'greaterThanInclusive', value: SB54_START },
        { fact: 'custody', operator: 'notEqual', value: 'state-prison' },
        { fact: 'judicialWarrant', operator: 'notEqual', value: true },
        { fact: 'judicialProbableCause', operator: 'notEqual', value: true },
        {
          any: [
            { fact: 'custody', operator: 'equal', value: null },
            { fact: 'judicialWarrant', operator: 'equal', value: null },
            { fact: 'judicialProbableCause', operator: 'equal', value: null },
          ],
        },
      ],
    },
    event: { type: 'undetermined' },
  },
]

/** The facts json-rules-engine is given for a case (absent as null). */
export function sb54Facts(c: ParsedCase): Record<string, unknown> {
  return { day: c.day, custody: c.custody ?? null, judicialWarrant: c.detainer?.judicialWarrant ?? null, judicialProbableCause: c.detainer?.judicialProbableCause ?? null }
}

/** Creates the json-rules-engine engine holding the SB 54 rule. */
export function sb54RulesEngine(): RulesEngine {
  return new RulesEngine(SB54_RULES.map((r) => ({ ...r })), { allowUndefinedFacts: true })
}

/** One case through json-rules-engine: the answer code, as the engine's batch path gives it. */
export async function sb54ByRulesEngine(engine: RulesEngine, c: ParsedCase): Promise<number> {
  const { events } = await engine.run(sb54Facts(c))
  if (events.some((e) => e.type === 'prohibited')) return PROHIBITED
  if (events.some((e) => e.type === 'undetermined')) return UNDETERMINED
  return PERMITTED
}

export interface PeerBenchResult {
  readonly cases: number
  /** Cases where json-rules-engine and the hand-written rule disagree (must be 0). */
  readonly disagreements: number
  readonly casesPerSecond: number
  /** Median time of one `run` (one case), awaited on its own. */
  readonly medianMs: number
}

/**
 * Runs json-rules-engine over `n` of the cases: agreement with the hand-written rule first (all of
 * them), then throughput (best of three passes, one case awaited after another) and the median
 * time of one case.
 */
export async function runPeerBench(cases: readonly ParsedCase[], n = 20_000): Promise<PeerBenchResult> {
  const engine = sb54RulesEngine()
  const sample = cases.slice(0, Math.min(n, cases.length))
  let disagreements = 0
  for (const c of sample) if ((await sb54ByRulesEngine(engine, c)) !== sb54HoldHandWritten(c)) disagreements++
  let best = Infinity
  let sink = 0
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now()
    for (const c of sample) sink += await sb54ByRulesEngine(engine, c)
    best = Math.min(best, performance.now() - t0)
  }
  const samples: number[] = []
  for (let i = 0; i < 2000; i++) {
    const c = sample[(i * 7919) % sample.length]!
    const t0 = performance.now()
    sink += await sb54ByRulesEngine(engine, c)
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  if (sink === -1) process.stdout.write('')
  return { cases: sample.length, disagreements, casesPerSecond: sample.length / (best / 1000), medianMs: samples[samples.length >> 1]! }
}
