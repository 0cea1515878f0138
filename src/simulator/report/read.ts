/**
 * Reading a simulation report (`sanctuary simulate` JSON) at the edge: the shape the HTML report
 * relies on is checked with TypeBox, and a bad file is one error naming the file and field.
 */
import { Type } from 'typebox'
import { Compile } from 'typebox/compile'
import { AppError } from '../../core/errors/index.ts'
import { readJsonFile } from '../io/index.ts'
import type { SimulationReport } from '../simulate/index.ts'

const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])
const Bounds = Type.Object({ lower: Count, upper: Count })
const Counts = Type.Object({ permitted: Count, required: Count, prohibited: Count, undetermined: Count, held: Bounds })
const Practice = Type.Union([Type.Object({ honored: Count, declined: Count, released: Count, other: Count, unknown: Count }), Type.Null()])
const ByScenario = Type.Object({ law: Type.Optional(Counts), counterfactual: Type.Optional(Counts) })
const Spec = Type.Union([
  Type.Object({ kind: Type.Literal('jurisdiction'), jurisdiction: Type.String(), jurisdictionName: Type.String(), date: Type.String() }),
  Type.Object({ kind: Type.Literal('policy'), file: Type.String(), jurisdiction: Type.String(), jurisdictionName: Type.String(), replaced: Type.Boolean() }),
])
const ReportSchema = Type.Object({
  kind: Type.Literal('simulation-report'),
  engineVersion: Type.String(),
  registryVersion: Type.String(),
  action: Type.Union([Type.Literal('hold'), Type.Literal('notify'), Type.Literal('interview')]),
  period: Type.Optional(Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year'), Type.Literal('all')])),
  minCell: Type.Integer({ minimum: 1 }),
  inputs: Type.Array(Type.Object({ file: Type.String(), records: Count })),
  linking: Type.Array(Type.Object({ source: Type.String(), records: Count, linked: Count, unlinked: Count, matchRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]) })),
  scenarios: Type.Array(
    Type.Union([
      Type.Object({ id: Type.Literal('law'), label: Type.String() }),
      Type.Object({ id: Type.Literal('counterfactual'), label: Type.String(), spec: Spec }),
    ]),
    { minItems: 1 },
  ),
  totals: Type.Object({ records: Count, unlinked: Count, byScenario: ByScenario, practice: Practice }),
  cells: Type.Array(
    Type.Object({
      jurisdiction: Type.String(),
      name: Type.String(),
      month: Type.String(),
      records: Count,
      suppressed: Type.Boolean(),
      byScenario: ByScenario,
      practice: Practice,
    }),
  ),
  lawVsPractice: Type.Array(
    Type.Object({
      jurisdiction: Type.String(),
      name: Type.String(),
      records: Count,
      suppressed: Type.Boolean(),
      lawHeld: Bounds,
      practiceHonored: Count,
      practiceDeclined: Count,
    }),
  ),
  stats: Type.Object({ distinctCombinations: Type.Number(), engineCalls: Type.Number(), elapsedMs: Type.Number() }),
})
const checkReport = Compile(ReportSchema)

/**
 * Checks parsed JSON as a simulation report. Throws `invalid-input` naming the file and the first
 * bad field (e.g. `cells.3.records`).
 *
 * @example
 * ```ts
 * const report = parseReport(JSON.parse(text), 'report.json')
 * ```
 */
export function parseReport(value: unknown, file: string): SimulationReport {
  if (!checkReport.Check(value)) {
    const errors = [...checkReport.Errors(value)]
    const error = errors.find((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf') ?? errors[0]
    const field = error?.instancePath.split('/').filter(Boolean).join('.') ?? ''
    throw new AppError('invalid-input', `not a simulation report: ${error?.message ?? 'invalid'}`, { file, ...(field ? { field } : {}) })
  }
  // reports written before `period` existed are by month
  const report = value as unknown as SimulationReport
  return report.period ? report : { ...report, period: 'month' }
}

/**
 * Reads and checks a report JSON file (`not-found` when missing, `invalid-input` when malformed).
 *
 * @example
 * ```ts
 * const report = await readReportFile('report.json')
 * ```
 */
export async function readReportFile(path: string): Promise<SimulationReport> {
  return parseReport(await readJsonFile(path), path)
}
