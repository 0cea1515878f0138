/**
 * Rule cases for federal conditions, beside the data (`registry/federal/*.cases.yaml`): a
 * jurisdiction, a date, a condition, and the expected conflict, enforceability, basis and split.
 * Run by `sanctuary test` with the registry's own rule cases.
 */
import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import type { Engine } from '../engine/index.ts'
import { labelFromOcdId } from '../ocd/index.ts'
import { parseYaml, schemaCheck, fieldPathText, type Diagnostic } from '../registry/index.ts'
import { conditionConflict } from './conflict.ts'
import type { FederalData } from './model.ts'
import { lawAnswers } from './views.ts'

const strict = { additionalProperties: false } as const
const Tri = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('undetermined')])
const FederalCase = Type.Object(
  {
    name: Type.String({ minLength: 3 }),
    jurisdiction: Type.String(),
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    condition: Type.String(),
    expect: Type.Object(
      {
        conflict: Type.Optional(Tri),
        enforceable: Type.Optional(Tri),
        basis: Type.Optional(Type.String()),
        split: Type.Optional(Type.Boolean()),
        cites: Type.Optional(Type.Array(Type.String(), { description: 'Ruling ids that must be cited.' })),
      },
      strict,
    ),
    note: Type.Optional(Type.String()),
  },
  strict,
)
const FederalCaseFile = Type.Object({ cases: Type.Array(FederalCase) }, strict)
const check = Compile(FederalCaseFile)

export type FederalRuleCase = Static<typeof FederalCase> & { readonly file: string; readonly line?: number }

export interface FederalCaseResult {
  readonly kind: 'federal-case-result'
  readonly ruleCase: FederalRuleCase
  readonly passed: boolean
  readonly failures: readonly string[]
}

/** Parses a federal case file; problems come back as located diagnostics. */
export function parseFederalCaseFile(file: string, text: string): { cases: FederalRuleCase[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const parsed = parseYaml({ path: file, text }, diagnostics)
  if (!parsed) return { cases: [], diagnostics }
  const ok = schemaCheck(check, parsed.value, (path, message) => {
    const pos = parsed.locator.locate(path)
    diagnostics.push({ kind: 'diagnostic', severity: 'error', file, line: pos?.line, column: pos?.column, field: fieldPathText(path), message })
  })
  if (!ok) return { cases: [], diagnostics }
  const cases = (parsed.value as Static<typeof FederalCaseFile>).cases.map((c, i) => ({ ...c, file, line: parsed.locator.locate(['cases', i])?.line }))
  return { cases, diagnostics }
}

/** Runs federal rule cases. */
export function runFederalCases(federal: FederalData, engine: Engine, cases: readonly FederalRuleCase[]): FederalCaseResult[] {
  return cases.map((rc) => {
    const failures: string[] = []
    try {
      const condition = federal.conditions.get(rc.condition)
      if (!condition) throw new Error(`unknown condition "${rc.condition}"`)
      const name = engine.registry.jurisdictions.get(rc.jurisdiction)?.name ?? labelFromOcdId(rc.jurisdiction)
      const c = conditionConflict({ id: rc.jurisdiction, name }, condition, rc.date, lawAnswers(engine, rc.jurisdiction, rc.date), federal)
      const e = rc.expect
      if (e.conflict && c.conflict !== e.conflict) failures.push(`conflict: expected ${e.conflict}, got ${c.conflict} (${c.conflictReasons.join(' ')})`)
      if (e.enforceable && c.enforceable.value !== e.enforceable) failures.push(`enforceable: expected ${e.enforceable}, got ${c.enforceable.value} (${c.enforceable.reasons.join(' ')})`)
      if (e.basis && c.enforceable.basis !== e.basis) failures.push(`basis: expected ${e.basis}, got ${c.enforceable.basis}`)
      if (e.split !== undefined && c.enforceable.split.exists !== e.split) failures.push(`split: expected ${e.split}, got ${c.enforceable.split.exists}`)
      for (const id of e.cites ?? []) if (!c.enforceable.citations.some((x) => x.ruling === id)) failures.push(`expected a citation of ${id}, got [${c.enforceable.citations.map((x) => x.ruling).join(', ')}]`)
    } catch (error) {
      failures.push(`case does not evaluate: ${(error as Error).message}`)
    }
    return { kind: 'federal-case-result', ruleCase: rc, passed: failures.length === 0, failures }
  })
}
