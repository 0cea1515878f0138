/**
 * A draft: an enactment in the registry's format (its provisions with `action`, `effect`,
 * `when` / `unless`, `limits`), with sources and confidence optional because a draft has not been
 * enacted. Validation names the clause (provision id) and field of every problem.
 */
import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { AppError } from '../errors/index.ts'
import {
  ACTIONS,
  ENACTMENT_KINDS,
  OFFENSE_CATEGORIES,
  normalizeCondition,
  type Action,
  type Condition,
  type Effect,
  type Enactment,
  type Limits,
  type OffenseCategory,
  type OffenseLevel,
  type Registry,
} from '../registry/index.ts'
import { Condition as ConditionSchema, type ConditionInput } from '../registry/schema.ts'
import { CLAUSE_INFO, CLAUSE_KINDS, isClauseKind, type ClauseKind } from './clauses.ts'

const strict = { additionalProperties: false } as const

const DraftLimits = Type.Object(
  {
    maxHours: Type.Optional(Type.Number({ minimum: 0 })),
    hoursExclude: Type.Optional(Type.Array(Type.Union([Type.Literal('weekends'), Type.Literal('holidays')]))),
    reimbursement: Type.Optional(Type.Union([Type.Literal('required'), Type.Literal('not-required')])),
    noticeHours: Type.Optional(Type.Number({ minimum: 0 })),
  },
  strict,
)

/** One clause of a draft: a registry provision without the sources a draft cannot have yet. */
export const DraftProvisionSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 80, description: 'kebab-case id of the clause' }),
    clause: Type.Optional(Type.Enum(CLAUSE_KINDS, { description: 'The catalog clause this provision writes, when it writes one' })),
    action: Type.Enum(ACTIONS),
    effect: Type.Union([Type.Literal('prohibit'), Type.Literal('permit'), Type.Literal('require'), Type.Literal('limit')]),
    summary: Type.String({ minLength: 3, maxLength: 2000 }),
    custody: Type.Optional(Type.Array(Type.Union([Type.Literal('county-jail'), Type.Literal('city-jail'), Type.Literal('state-prison')]), { minItems: 1 })),
    when: Type.Optional(ConditionSchema),
    unless: Type.Optional(ConditionSchema),
    limits: Type.Optional(DraftLimits),
    overridesLocal: Type.Optional(Type.Boolean()),
    penalties: Type.Optional(Type.Array(Type.Object({ text: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: true }), { maxItems: 20 })),
  },
  // sources, confidence and notes copied from a registry provision are accepted and ignored
  { additionalProperties: true },
)

/** A draft enactment, as the API, the CLI and the YAML export write it. */
export const DraftSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 80 })),
    title: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
    kind: Type.Optional(Type.Enum(ENACTMENT_KINDS)),
    provisions: Type.Array(DraftProvisionSchema, { minItems: 1, maxItems: 40 }),
  },
  { additionalProperties: true, description: 'A draft enactment in the registry format; sources and confidence are optional' },
)
export type DraftInput = Static<typeof DraftSchema>

/** A validated draft clause. */
export interface DraftProvision {
  readonly kind: 'draft-provision'
  readonly id: string
  readonly clause?: ClauseKind
  readonly action: Action
  readonly effect: Effect
  readonly summary: string
  readonly custody?: readonly ('county-jail' | 'city-jail' | 'state-prison')[]
  readonly when?: Condition
  readonly unless?: Condition
  readonly whenInput?: ConditionInput
  readonly unlessInput?: ConditionInput
  readonly limits: Limits
  readonly overridesLocal: boolean
  readonly penalties: readonly { readonly text: string }[]
}

export interface Draft {
  readonly kind: 'draft'
  readonly id: string
  readonly title: string
  readonly enactmentKind: Enactment['enactmentKind']
  readonly provisions: readonly DraftProvision[]
}

const checkDraftShape = Compile(DraftSchema)

function fieldOf(path: string, value: unknown): string {
  // "/provisions/0/effect" → "provisions[0] (id).effect"
  const parts = path.split('/').filter(Boolean)
  let out = ''
  let node: unknown = value
  for (const part of parts) {
    const index = /^\d+$/.test(part) ? Number(part) : undefined
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
    if (index !== undefined) {
      const id = node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string' ? ` (${(node as { id: string }).id})` : ''
      out += `[${index}]${id}`
    } else out += out ? `.${part}` : part
  }
  return out || 'draft'
}

function fail(field: string, message: string): never {
  throw new AppError('invalid-input', `${field}: ${message}`, { field })
}

/**
 * Validates a draft (a parsed YAML or JSON value) against the schema and the registry (offense
 * classes must exist, ids must be unique and must not reuse a registry id, a `limit` needs a
 * `when`). Throws `invalid-input` whose message and field name the clause and field.
 *
 * @example
 * ```ts
 * parseDraft({ provisions: [{ id: 'hold', action: 'detainer-hold', effect: 'limit', summary: 'x' }] }, registry)
 * // throws: provisions[0] (hold).when: a limit needs a `when` condition
 * ```
 */
export function parseDraft(input: unknown, registry: Registry): Draft {
  if (!input || typeof input !== 'object' || Array.isArray(input)) fail('draft', 'must be an object with `provisions`')
  if (!checkDraftShape.Check(input)) {
    const errors = [...checkDraftShape.Errors(input)] as { keyword: string; instancePath: string; message: string; params: Record<string, unknown> }[]
    const useful = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean')
    const pool = useful.length ? useful : errors
    // the deepest error explains a failed union best
    const first = pool.reduce((a, b) => (b.instancePath.length > a.instancePath.length ? b : a), pool[0]!)
    const base = fieldOf(first.instancePath, input)
    const join = (name: string) => (base === 'draft' ? name : `${base}.${name}`)
    if (first.keyword === 'required') fail(join(String((first.params.requiredProperties as string[] | undefined)?.[0] ?? '')), 'is required')
    const allowed = pool.filter((e) => e.instancePath === first.instancePath && (e.keyword === 'const' || e.keyword === 'enum')).flatMap((e) => (e.keyword === 'const' ? [e.params.allowedValue ?? e.params.const] : ((e.params.allowedValues as unknown[] | undefined) ?? [])))
    if (allowed.length) fail(base, `must be one of ${allowed.map((v) => String(v)).join(', ')}`)
    if (first.keyword === 'additionalProperties') fail(join(String((first.params.additionalProperties as string[] | undefined)?.[0] ?? '')), 'is not a field here')
    fail(base, first.message)
  }
  const value = input as DraftInput
  const seen = new Set<string>()
  const provisions = value.provisions.map((p, i): DraftProvision => {
    const at = (f: string) => `provisions[${i}] (${p.id}).${f}`
    if (seen.has(p.id)) fail(at('id'), `"${p.id}" is used twice in the draft`)
    seen.add(p.id)
    if (registry.provisions.has(p.id) || registry.enactments.has(p.id)) fail(at('id'), `"${p.id}" is already a registry id; choose another`)
    if (p.effect === 'limit' && !p.when) fail(at('when'), 'a limit needs a `when` condition (it permits only when the condition holds)')
    for (const key of ['when', 'unless'] as const) {
      const c = p[key] as ConditionInput | undefined
      if (c) checkClasses(c, registry, at(key))
    }
    if (p.clause !== undefined && CLAUSE_INFO[p.clause].action !== p.action) fail(at('action'), `clause "${p.clause}" governs ${CLAUSE_INFO[p.clause].action}, not ${p.action}`)
    return {
      kind: 'draft-provision',
      id: p.id,
      clause: p.clause,
      action: p.action,
      effect: p.effect,
      summary: p.summary,
      custody: p.custody,
      when: p.when ? normalizeCondition(p.when as ConditionInput) : undefined,
      unless: p.unless ? normalizeCondition(p.unless as ConditionInput) : undefined,
      whenInput: p.when as ConditionInput | undefined,
      unlessInput: p.unless as ConditionInput | undefined,
      limits: p.limits ?? {},
      overridesLocal: p.overridesLocal ?? false,
      penalties: (p.penalties ?? []).map((x) => ({ text: x.text })),
    }
  })
  const id = value.id ?? 'draft'
  if (registry.enactments.has(id) || registry.provisions.has(id)) fail('id', `"${id}" is already a registry id; choose another`)
  if (seen.has(id)) fail('id', `"${id}" is also a clause id`)
  return { kind: 'draft', id, title: value.title ?? 'Draft policy', enactmentKind: value.kind ?? 'ordinance', provisions }
}

function checkClasses(c: ConditionInput, registry: Registry, field: string): void {
  if ('all' in c) return c.all.forEach((x, i) => checkClasses(x, registry, `${field}.all[${i}]`))
  if ('any' in c) return c.any.forEach((x, i) => checkClasses(x, registry, `${field}.any[${i}]`))
  if ('not' in c) return checkClasses(c.not, registry, `${field}.not`)
  const m = 'conviction' in c ? c.conviction : 'pendingCharge' in c ? c.pendingCharge : undefined
  if (m?.class && !registry.offenseClasses.has(m.class)) fail(`${field}.${'conviction' in c ? 'conviction' : 'pendingCharge'}.class`, `no offense class "${m.class}" in the registry`)
}

// ---------------------------------------------------------------------------------------------
// The composer's parameters: clause kinds with the few values a drafter edits.

/** What the composer lets a drafter edit for each clause. */
export interface ClauseParams {
  readonly categories?: readonly OffenseCategory[]
  readonly levels?: readonly OffenseLevel[]
  readonly withinYears?: number
  readonly maxHours?: number
  readonly penalty?: string
}

export const DEFAULT_PARAMS: Required<Pick<ClauseParams, 'categories' | 'levels' | 'maxHours'>> & { penalty: string } = {
  categories: ['homicide', 'kidnapping', 'sexual-assault', 'robbery'],
  levels: ['felony'],
  maxHours: 48,
  penalty: 'A civil penalty for an official or entity that does not comply.',
}

/**
 * The provision a catalog clause writes, with the drafter's parameters. These are the composer's
 * starting points; every field stays editable in the YAML.
 *
 * @example
 * ```ts
 * clauseTemplate('hold-judicial-warrant', {}).unless // { fact: 'detainer.judicialWarrant', equals: true }
 * ```
 */
export function clauseTemplate(kind: ClauseKind, params: ClauseParams): DraftInput['provisions'][number] {
  const convictions = (): ConditionInput => ({
    conviction: {
      categories: [...(params.categories?.length ? params.categories : DEFAULT_PARAMS.categories)],
      ...(params.levels?.length ? { levels: [...params.levels] } : {}),
      ...(params.withinYears !== undefined ? { within: { years: params.withinYears } } : {}),
    },
  })
  const id = `draft-${kind}`
  const info = CLAUSE_INFO[kind]
  const base = { id, clause: kind, action: info.action, summary: info.description }
  switch (kind) {
    case 'hold-judicial-warrant':
      return { ...base, effect: 'prohibit', unless: { fact: 'detainer.judicialWarrant', equals: true } }
    case 'hold-listed-convictions':
    case 'notice-listed-convictions':
      return { ...base, effect: 'limit', when: convictions() }
    case 'hold-hour-cap':
      return { ...base, effect: 'permit', limits: { maxHours: params.maxHours ?? DEFAULT_PARAMS.maxHours } }
    case 'hold-reimbursement':
      return { ...base, effect: 'limit', when: { fact: 'detainer.reimbursementAgreement', equals: true }, limits: { reimbursement: 'required' } }
    case 'interview-written-consent':
      return { ...base, effect: 'limit', when: { fact: 'detainer.writtenConsent', equals: true } }
    case 'no-courthouse-arrests':
      return { ...base, effect: 'prohibit', unless: { fact: 'detainer.judicialWarrant', equals: true } }
    case 'state-honour-detainers':
      return { ...base, effect: 'require', overridesLocal: true, ...(params.maxHours !== undefined ? { limits: { maxHours: params.maxHours } } : {}) }
    case 'ban-local-limits':
      return { ...base, effect: 'prohibit', overridesLocal: true }
    case 'penalties-on-officials':
      return { ...base, effect: 'prohibit', overridesLocal: true, penalties: [{ text: params.penalty ?? DEFAULT_PARAMS.penalty }] }
    case 'no-release-notice':
    case 'no-287g':
    case 'no-status-questions':
    case 'no-data-sharing':
      return { ...base, effect: 'prohibit' }
  }
}

/**
 * A draft from a registry enactment (a peer's): its provisions' structured form, with new ids
 * (`draft-<id>`) and without sources.
 *
 * @example
 * ```ts
 * draftFromEnactment(registry.enactments.get('ca-sb54')!).provisions[0].id // 'draft-ca-sb54-hold'
 * ```
 */
export function draftFromEnactment(e: Enactment, conditionJson: (c: Condition) => unknown): DraftInput {
  return {
    id: `draft-${e.id}`,
    title: `Draft based on ${e.title}`,
    kind: e.enactmentKind,
    provisions: e.provisions.map((p) => ({
      id: `draft-${p.id}`,
      action: p.action,
      effect: p.effect,
      summary: p.summary,
      ...(p.when ? { when: conditionJson(p.when) as never } : {}),
      ...(p.unless ? { unless: conditionJson(p.unless) as never } : {}),
      ...(Object.keys(p.limits).length ? { limits: { ...p.limits } as never } : {}),
      ...(p.overridesLocal ? { overridesLocal: true } : {}),
      ...(p.penalties.length ? { penalties: p.penalties.map((x) => ({ text: x.text })) } : {}),
    })),
  }
}

/** Parses a list of offence categories (comma separated), naming the field on a bad one. */
export function parseCategories(text: string, field: string): OffenseCategory[] {
  const out: OffenseCategory[] = []
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(OFFENSE_CATEGORIES as readonly string[]).includes(raw)) fail(field, `"${raw}" is not an offence category (${OFFENSE_CATEGORIES.join(', ')})`)
    out.push(raw as OffenseCategory)
  }
  return out
}

export { isClauseKind }
