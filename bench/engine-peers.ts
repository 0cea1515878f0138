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
import { VALUE_CODES, type Engine, type ParsedCase } from '../src/core/engine/index.ts'
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

/**
 * The engine's explained path on the same rule: the case's facts in California on a date SB 54 is
 * in force (the state's chain is then federal law and SB 54, the rule the peer and the hand-written
 * function encode; before 2018 California's TRUST Act governed, which they do not), asked the
 * hold question. Returns the answer as a value code, after checking that the explanation is
 * all there (trace, text, receipt, and citations for a determined answer).
 */
export const CALIFORNIA = 'ocd-division/country:us/state:ca'
export function sb54Explained(engine: Engine, input: unknown): number {
  const ev = engine.explainQuestion(input, 'hold')
  const a = ev.answers.hold!
  if (ev.trace.length === 0 || ev.explanation.length === 0 || !ev.receipt.inputHash || (a.value !== 'undetermined' && a.citations.length === 0)) throw new Error('explained path: an explanation is incomplete')
  return VALUE_CODES[a.value]
}

/** The input the explained path is given for a case: its facts, in California, as a caller would send them. */
export function californiaInput(c: ParsedCase): Record<string, unknown> {
  const { day: _day, jurisdiction: _j, ...facts } = c
  return JSON.parse(JSON.stringify({ jurisdiction: CALIFORNIA, ...facts })) as Record<string, unknown>
}

export interface PeerBenchResult {
  readonly cases: number
  /** Cases where json-rules-engine and the hand-written rule disagree (must be 0). */
  readonly disagreements: number
  readonly casesPerSecond: number
  /** Median time of one `run` (one case), awaited on its own. */
  readonly medianMs: number
  /** The engine's explained path on the same rule and the same cases (see {@link sb54Explained}). */
  readonly explained: { readonly cases: number; readonly disagreements: number; readonly medianMs: number }
  /** Median time of one `run` on the cases the explained path is timed on (dated from SB 54 on). */
  readonly sideBySideMedianMs: number
}

/**
 * Runs json-rules-engine over `n` of the cases: agreement with the hand-written rule first (all of
 * them), then throughput (best of three passes, one case awaited after another) and the median
 * time of one case.
 */
export async function runPeerBench(cases: readonly ParsedCase[], ours: Engine, n = 20_000): Promise<PeerBenchResult> {
  const engine = sb54RulesEngine()
  const sample = cases.slice(0, Math.min(n, cases.length))
  const inputs = sample.map(californiaInput)
  // The cases dated from SB 54 on, where the rule the peer encodes is California's law: the two
  // are timed side by side on these.
  const underSb54 = sample.map((c, i) => (c.day >= SB54_START ? i : -1)).filter((i) => i >= 0)
  let disagreements = 0
  let explainedDisagreements = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample[i]!
    const expected = sb54HoldHandWritten(c)
    if ((await sb54ByRulesEngine(engine, c)) !== expected) disagreements++
  }
  for (const i of underSb54) if (sb54Explained(ours, inputs[i]) !== sb54HoldHandWritten(sample[i]!)) explainedDisagreements++
  let best = Infinity
  let sink = 0
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now()
    for (const c of sample) sink += await sb54ByRulesEngine(engine, c)
    best = Math.min(best, performance.now() - t0)
  }
  const allSamples: number[] = []
  for (let i = 0; i < 2000; i++) {
    const c = sample[(i * 7919) % sample.length]!
    const t0 = performance.now()
    sink += await sb54ByRulesEngine(engine, c)
    allSamples.push(performance.now() - t0)
  }
  const allMedian = allSamples.sort((a, b) => a - b)[allSamples.length >> 1]!
  // One case at a time on each, the same cases in the same order, interleaved so that load from
  // other processes falls on both alike.
  const samples: number[] = []
  const explainedSamples: number[] = []
  for (let i = 0; i < 2000; i++) {
    const k = underSb54[(i * 7919) % underSb54.length]!
    const c = sample[k]!
    const t0 = performance.now()
    sink += await sb54ByRulesEngine(engine, c)
    const t1 = performance.now()
    sink += sb54Explained(ours, inputs[k])
    explainedSamples.push(performance.now() - t1)
    samples.push(t1 - t0)
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!
  if (sink === -1) process.stdout.write('')
  return { cases: sample.length, disagreements, casesPerSecond: sample.length / (best / 1000), medianMs: allMedian, sideBySideMedianMs: median(samples), explained: { cases: underSb54.length, disagreements: explainedDisagreements, medianMs: median(explainedSamples) } }
}
