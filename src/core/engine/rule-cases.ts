/**
 * Rule cases in the style of OpenFisca's YAML tests: name, jurisdiction, date, facts, expected
 * answers. They live beside the registry files they test (`*.cases.yaml`).
 */
import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { LineCounter, parseDocument } from 'yaml'
import { parseDay } from '../dates/index.ts'
import { fieldPathText, provisionInForce, YamlLocator, type Diagnostic, type Registry } from '../registry/index.ts'
import { CaseFactsSchema } from './case.ts'
import type { Branch } from './branches.ts'
import type { Engine } from './evaluate.ts'
import { QUESTION_NAMES } from './plan.ts'

const strict = { additionalProperties: false } as const
const ValueText = Type.Union([Type.Literal('required'), Type.Literal('permitted'), Type.Literal('prohibited'), Type.Literal('undetermined')])
const ExpectedBranch = Type.Object(
  { facts: Type.Record(Type.String(), Type.Union([Type.Boolean(), Type.String()])), value: ValueText, maxHours: Type.Optional(Type.Union([Type.Number(), Type.Null()])) },
  strict,
)
const Expected = Type.Union([
  ValueText,
  Type.Object(
    {
      value: ValueText,
      missing: Type.Optional(Type.Array(Type.String())),
      maxHours: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
      /** Every branch the answer must have (the same facts, the same value); others may exist. */
      branches: Type.Optional(Type.Array(ExpectedBranch)),
      /** The conditional answer in words, exactly. */
      conditional: Type.Optional(Type.String()),
    },
    strict,
  ),
])

const InForceText = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('undetermined')])
const RuleCaseSchema = Type.Object(
  {
    name: Type.String({ minLength: 3 }),
    jurisdiction: Type.String(),
    date: Type.String(),
    case: Type.Optional(CaseFactsSchema),
    expect: Type.Object(
      {
        hold: Type.Optional(Expected),
        notify: Type.Optional(Expected),
        interview: Type.Optional(Expected),
        inForce: Type.Optional(
          Type.Record(Type.String(), InForceText, {
            description: 'Provision id → whether it is in force on the date: for rules no question answers (287(g) duties, grant programs), so their dates are tested too.',
          }),
        ),
      },
      strict,
    ),
    note: Type.Optional(Type.String()),
  },
  strict,
)
const CaseFileSchema = Type.Object({ cases: Type.Array(RuleCaseSchema) }, strict)
const checkCaseFile = Compile(CaseFileSchema)

export type RuleCase = Static<typeof RuleCaseSchema> & { readonly file: string; readonly line?: number }

export interface CaseResult {
  readonly kind: 'case-result'
  readonly ruleCase: RuleCase
  readonly passed: boolean
  /** One line per mismatch. */
  readonly failures: readonly string[]
}

/**
 * Parses a case file's text; problems come back as diagnostics with file:line.
 *
 * @example
 * ```ts
 * const { cases, diagnostics } = parseCaseFile('us/state-ca.cases.yaml', text)
 * ```
 */
export function parseCaseFile(file: string, text: string): { cases: RuleCase[]; diagnostics: Diagnostic[] } {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true })
  if (doc.errors.length) {
    return {
      cases: [],
      diagnostics: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0])
        return { kind: 'diagnostic', severity: 'error', file, line: pos.line, column: pos.col, message: `malformed YAML: ${e.message.split('\n')[0]}` }
      }),
    }
  }
  const value = doc.toJS()
  const locator = new YamlLocator(doc, lines)
  if (!checkCaseFile.Check(value)) {
    const errors = [...checkCaseFile.Errors(value)].filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean')
    const deepest = errors.sort((a, b) => b.instancePath.length - a.instancePath.length)[0]
    const path = (deepest?.instancePath ?? '').split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p))
    const pos = locator.locate(path)
    const params = (deepest?.params ?? {}) as Record<string, unknown>
    const message = deepest?.keyword === 'additionalProperties' ? `unknown field ${JSON.stringify(params.additionalProperties)}` : (deepest?.message ?? 'invalid case file')
    return { cases: [], diagnostics: [{ kind: 'diagnostic', severity: 'error', file, line: pos?.line, column: pos?.column, field: fieldPathText(path), message }] }
  }
  const cases = (value as Static<typeof CaseFileSchema>).cases.map((c, i) => ({ ...c, file, line: locator.locate(['cases', i])?.line }))
  return { cases, diagnostics: [] }
}

type WantBranch = Static<typeof ExpectedBranch>

function factsText(facts: Readonly<Record<string, unknown>>): string {
  return Object.entries(facts).map(([k, v]) => `${k}=${String(v)}`).join(', ')
}

/** One line per expected branch that is absent or answers otherwise. */
function branchFailures(q: string, want: readonly WantBranch[], got: readonly Branch[]): string[] {
  const failures: string[] = []
  for (const w of want) {
    const keys = Object.keys(w.facts).sort()
    const match = got.find((g) => Object.keys(g.facts).sort().join('|') === keys.join('|') && keys.every((k) => g.facts[k] === w.facts[k]))
    if (!match) failures.push(`${q}: expected a branch ${factsText(w.facts)}, got ${got.length ? got.map((g) => `[${factsText(g.facts)}]`).join(' ') : 'no branches'}`)
    else if (match.value !== w.value) failures.push(`${q}: branch ${factsText(w.facts)}: expected ${w.value}, got ${match.value}`)
    else if (w.maxHours !== undefined && (match.maxHours ?? null) !== w.maxHours) failures.push(`${q}: branch ${factsText(w.facts)}: expected maxHours ${w.maxHours}, got ${match.maxHours ?? null}`)
  }
  return failures
}

const TRI_TEXT = { yes: 'yes', no: 'no', unknown: 'undetermined' } as const

/** One line per provision whose in-force status on the case date is not the expected one. */
function inForceFailures(registry: Registry, date: string, want: Readonly<Record<string, string>>): string[] {
  const day = parseDay(date)
  if (day === undefined) return [`inForce: the date ${date} is not a day`]
  return Object.entries(want).flatMap(([id, expected]) => {
    const p = registry.provisions.get(id)
    const e = p ? registry.enactments.get(p.enactmentId) : undefined
    if (!p || !e) return [`inForce: no provision "${id}" in the registry`]
    const got = TRI_TEXT[provisionInForce(p, e, day).kind]
    return got === expected ? [] : [`inForce: ${id} expected ${expected}, got ${got}`]
  })
}

/**
 * Runs rule cases through the engine.
 *
 * @example
 * ```ts
 * runCases(engine, cases).filter((r) => !r.passed)
 * ```
 */
export function runCases(engine: Engine, cases: readonly RuleCase[]): CaseResult[] {
  return cases.map((rc) => {
    const failures: string[] = []
    try {
      const ev = engine.evaluate({ jurisdiction: rc.jurisdiction, date: rc.date, ...(rc.case ?? {}) })
      for (const q of QUESTION_NAMES) {
        const expected = rc.expect[q]
        if (expected === undefined) continue
        const want = typeof expected === 'string' ? { value: expected } : expected
        const got = ev.answers[q]
        if (got.value !== want.value) failures.push(`${q}: expected ${want.value}, got ${got.value}${got.missing.length ? ` (missing ${got.missing.join(', ')})` : ''}${got.citations.length ? ` [${got.citations.map((c) => c.provision).join(', ')}]` : ''}`)
        for (const m of 'missing' in want ? (want.missing ?? []) : []) {
          if (!got.missing.includes(m)) failures.push(`${q}: expected missing "${m}", got [${got.missing.join(', ')}]`)
        }
        if ('maxHours' in want && want.maxHours !== undefined && (got.maxHours ?? null) !== want.maxHours) failures.push(`${q}: expected maxHours ${want.maxHours}, got ${got.maxHours ?? null}`)
        if ('branches' in want) failures.push(...branchFailures(q, want.branches ?? [], got.branches ?? []))
        if ('conditional' in want && want.conditional !== undefined && got.conditional?.text !== want.conditional) failures.push(`${q}: expected conditional "${want.conditional}", got ${got.conditional ? `"${got.conditional.text}"` : 'none'}`)
      }
      if (rc.expect.inForce) failures.push(...inForceFailures(engine.registry, rc.date, rc.expect.inForce))
    } catch (error) {
      failures.push(`case does not evaluate: ${(error as Error).message}${(error as { location?: { field?: string } }).location?.field ? ` (field ${(error as { location: { field: string } }).location.field})` : ''}`)
    }
    return { kind: 'case-result', ruleCase: rc, passed: failures.length === 0, failures }
  })
}
