/**
 * Builds the registry from file texts: parse YAML, check the schema, normalise into the model,
 * then check what a schema cannot (dates, references, uniqueness, parent chains, GEOIDs).
 * Pure: the caller reads the files.
 */
import { createHash } from 'node:crypto'
import { Compile } from 'typebox/compile'
import { parseOcdId, registryPathFor } from '../ocd/index.ts'
import { fieldPathText, YamlLocator, type Diagnostic } from './diagnostics.ts'
import type {
  Condition,
  Custody,
  Enactment,
  FieldPath,
  Jurisdiction,
  OffenseClass,
  Provision,
  Registry,
  StatusPeriod,
} from './model.ts'
import {
  JurisdictionFile,
  OffenseClassesFile,
  type ConditionInput,
  type EnactmentInput,
  type JurisdictionFileInput,
  type OffenseClassInput,
  type ProvisionInput,
} from './schema.ts'
import { checkRegistry } from './check.ts'
import { checkPublicText, dropMaintainerNotes } from './public-text.ts'
import { checkSourceLabels } from './source-labels.ts'
import { knownOf as known, locatedDiagnostic as located, parseYaml, schemaCheck, sourceDateOf as date } from './yaml-file.ts'

/** A registry file as read from disk: its path relative to the registry root, and its text. */
export interface RegistryFileText {
  readonly path: string
  readonly text: string
}

/** What {@link buildRegistry} returns: the registry when there are no errors, and every diagnostic. */
export interface BuildResult {
  readonly registry?: Registry
  readonly diagnostics: readonly Diagnostic[]
}

const checkJurisdictionFile = Compile(JurisdictionFile)
const checkOffenseClassesFile = Compile(OffenseClassesFile)

/** True for paths that hold offense classes rather than a jurisdiction. */
export function isOffenseClassFile(path: string): boolean {
  return path.startsWith('offense-classes/')
}

/** The suffix of files a program writes beside the hand-written ones (`sanctuary import-287g`). */
export const GENERATED_SUFFIX = '.287g.yaml'

/**
 * True for a generated file (`us/state-al/county-cherokee.287g.yaml`), whose jurisdiction is merged
 * with the hand-written file of the same ID when there is one.
 *
 * @example
 * ```ts
 * isGeneratedFile('us/state-al/county-cherokee.287g.yaml') // true
 * ```
 */
export function isGeneratedFile(path: string): boolean {
  return path.endsWith(GENERATED_SUFFIX)
}

/**
 * True for paths that hold federal pressure data (lists, grant conditions, rulings, funding), which
 * `core/federal` builds on top of the registry rather than as jurisdictions.
 */
export function isFederalFile(path: string): boolean {
  return path.startsWith('federal/')
}

/**
 * Builds and checks the registry. Errors make `registry` undefined; warnings do not.
 *
 * @example
 * ```ts
 * const { registry, diagnostics } = buildRegistry([{ path: 'us.yaml', text: '...' }])
 * ```
 */
export function buildRegistry(files: readonly RegistryFileText[]): BuildResult {
  const diagnostics: Diagnostic[] = []
  const locators = new Map<string, YamlLocator>()
  const jurisdictions: Jurisdiction[] = []
  const generated: Jurisdiction[] = []
  const offenseClasses: OffenseClass[] = []
  const hash = createHash('sha256')
  const texts: { file: string; value: unknown }[] = []

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(file.path).update('\0').update(file.text).update('\0')
    if (isFederalFile(file.path)) continue
    const parsed = parseYaml(file, diagnostics)
    if (!parsed) continue
    locators.set(file.path, parsed.locator)
    const report = (path: FieldPath, message: string, severity: 'error' | 'warning' = 'error') =>
      diagnostics.push(located(file.path, parsed.locator, path, message, severity))
    texts.push({ file: file.path, value: parsed.value })
    if (isOffenseClassFile(file.path)) {
      if (!schemaCheck(checkOffenseClassesFile, parsed.value, report)) continue
      dropMaintainerNotes(parsed.value)
      const input = parsed.value as { classes: OffenseClassInput[] }
      input.classes.forEach((c, i) => offenseClasses.push(normalizeOffenseClass(c, { file: file.path, path: ['classes', i] })))
    } else {
      if (!schemaCheck(checkJurisdictionFile, parsed.value, report)) continue
      const input = parsed.value as JurisdictionFileInput
      if (isGeneratedFile(file.path) !== (input.generated === true)) {
        report(['generated'], isGeneratedFile(file.path) ? `a ${GENERATED_SUFFIX} file must say "generated: true"` : `only a ${GENERATED_SUFFIX} file is generated`)
      }
      dropMaintainerNotes(parsed.value)
      const normalized = normalizeJurisdiction(input, file.path, report)
      if (normalized) (isGeneratedFile(file.path) ? generated : jurisdictions).push(normalized)
    }
  }

  const locate = (file: string, path: FieldPath, message: string, severity: 'error' | 'warning' = 'error') =>
    diagnostics.push(located(file, locators.get(file), path, message, severity))
  const registry = indexRegistry(mergeGenerated(jurisdictions, generated), offenseClasses, hash.digest('hex').slice(0, 16), locate)
  checkRegistry(registry, locate)
  const ids = new Set([...registry.enactments.keys(), ...registry.provisions.keys(), ...registry.offenseClasses.keys()])
  for (const { file, value } of texts) {
    checkPublicText(value, ids, (path, message) => locate(file, path, message))
    checkSourceLabels(value, (path, message) => locate(file, path, message))
  }
  const failed = diagnostics.some((d) => d.severity === 'error')
  return { registry: failed ? undefined : registry, diagnostics: sortDiagnostics(diagnostics) }
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}


type Report = (path: FieldPath, message: string, severity?: 'error' | 'warning') => void

// ---------------------------------------------------------------------------------------------
// Normalisation: input shapes → model values.

function defaultCustody(level: Jurisdiction['level'], consolidated: boolean): Custody[] {
  if (level === 'county') return consolidated ? ['county-jail', 'city-jail'] : ['county-jail']
  if (level === 'place') return ['city-jail']
  return ['county-jail', 'city-jail', 'state-prison']
}

function normalizeJurisdiction(input: JurisdictionFileInput, file: string, report: Report): Jurisdiction | undefined {
  const ocd = parseOcdId(input.id)
  if (!ocd) {
    report(['id'], `"${input.id}" is not a well-formed OCD division ID`)
    return undefined
  }
  const consolidated = input.consolidated ?? false
  const custodyDefault = defaultCustody(input.level, consolidated)
  const enactments = input.enactments.map((e, i) => normalizeEnactment(e, input.id, custodyDefault, { file, path: ['enactments', i] }, report))
  return deepFreeze({
    kind: 'jurisdiction',
    id: input.id,
    name: input.name,
    level: input.level,
    state: ocd.state,
    consolidated,
    jailCounty: input.jailCounty === undefined ? undefined : known(input.jailCounty),
    geoid: known(input.geoid as { code: string; vintage: number; sources: Source[] } | { unknown: string }),
    aliases: input.aliases ?? [],
    confidence: input.confidence,
    confidenceNote: input.confidenceNote,
    enactments,
    detainerForms: (input.detainerForms ?? []).map((f, i) => ({
      form: f.form,
      title: f.title,
      from: date(f.from, ['detainerForms', i, 'from'], report)!,
      to: date(f.to, ['detainerForms', i, 'to'], report),
      requests: f.requests,
      summary: f.summary,
      sources: f.sources,
    })),
    disagreements: input.disagreements ?? [],
    unknowns: input.unknowns ?? [],
    notes: input.notes ?? [],
    searches: (input.searches ?? []).map((r) => ({ on: r.on, actions: r.actions, searched: r.searched, found: r.found, sources: r.sources ?? [] })),
    origin: { file, path: [] },
  } satisfies Jurisdiction)
}

type Source = import('./model.ts').Source

function normalizeEnactment(input: EnactmentInput, jurisdictionId: string, custodyDefault: Custody[], origin: { file: string; path: FieldPath }, report: Report): Enactment {
  const at = (...rest: (string | number)[]) => [...origin.path, ...rest]
  const status: StatusPeriod[] = (input.status ?? []).map((s, i) => ({
    status: s.status,
    from: date(s.from, at('status', i, 'from'), report)!,
    to: date(s.to, at('status', i, 'to'), report),
    by: s.by,
    provisions: s.provisions,
    sources: s.sources,
  }))
  return {
    kind: 'enactment',
    id: input.id,
    jurisdictionId,
    title: input.title,
    enactmentKind: input.kind,
    citation: known(input.citation),
    enacted: date(input.enacted, at('enacted'), report)!,
    effective: date(input.effective, at('effective'), report)!,
    ends: date(input.ends, at('ends'), report),
    inForceBy: input.inForceBy ? { date: date(input.inForceBy.date, at('inForceBy', 'date'), report)!, sources: input.inForceBy.sources } : undefined,
    status,
    amends: input.amends ?? [],
    supersedes: input.supersedes ?? [],
    repeals: input.repeals ?? [],
    confidence: input.confidence,
    sources: input.sources,
    provisions: (input.provisions ?? []).map((p, i) => normalizeProvision(p, input.id, jurisdictionId, custodyDefault, { file: origin.file, path: at('provisions', i) }, report)),
    disagreements: input.disagreements ?? [],
    unknowns: input.unknowns ?? [],
    notes: input.notes ?? [],
    origin,
  }
}

function normalizeProvision(input: ProvisionInput, enactmentId: string, jurisdictionId: string, custodyDefault: Custody[], origin: { file: string; path: FieldPath }, report: Report): Provision {
  const at = (...rest: (string | number)[]) => [...origin.path, ...rest]
  return {
    kind: 'provision',
    id: input.id,
    enactmentId,
    jurisdictionId,
    action: input.action,
    effect: input.effect,
    summary: input.summary,
    from: date(input.from, at('from'), report),
    to: date(input.to, at('to'), report),
    custody: input.custody ?? custodyDefault,
    when: input.when ? normalizeCondition(input.when as ConditionInput) : undefined,
    unless: input.unless ? normalizeCondition(input.unless as ConditionInput) : undefined,
    limits: input.limits ?? {},
    overridesLocal: input.overridesLocal ?? false,
    penalties: input.penalties ?? [],
    interpretation: input.interpretation,
    confidence: input.confidence,
    sources: input.sources,
    disagreements: input.disagreements ?? [],
    unknowns: input.unknowns ?? [],
    origin,
  }
}

/**
 * Turns a condition as written in YAML into the model's tagged form.
 *
 * @example
 * ```ts
 * normalizeCondition({ fact: 'detainer.judicialWarrant', equals: true })
 * // { kind: 'fact', path: 'detainer.judicialWarrant', tests: [{ kind: 'equals', value: true }] }
 * ```
 */
export function normalizeCondition(input: ConditionInput): Condition {
  if ('all' in input) return { kind: 'all', parts: input.all.map(normalizeCondition) }
  if ('any' in input) return { kind: 'any', parts: input.any.map(normalizeCondition) }
  if ('not' in input) return { kind: 'not', part: normalizeCondition(input.not) }
  if ('conviction' in input || 'pendingCharge' in input) {
    const list = 'conviction' in input ? 'convictions' : 'pendingCharges'
    const m = 'conviction' in input ? input.conviction : input.pendingCharge
    return {
      kind: 'offense',
      list,
      match: { categories: m.categories, levels: m.levels, class: m.class, withinYears: m.within?.years },
    }
  }
  const tests: Condition & { kind: 'fact' } = { kind: 'fact', path: input.fact, tests: [] }
  const list = tests.tests as import('./model.ts').FactTest[]
  if (input.equals !== undefined) list.push({ kind: 'equals', value: input.equals })
  if (input.in !== undefined) list.push({ kind: 'in', values: input.in })
  if (input.atLeast !== undefined) list.push({ kind: 'at-least', value: input.atLeast })
  if (input.below !== undefined) list.push({ kind: 'below', value: input.below })
  return tests
}

function normalizeOffenseClass(input: OffenseClassInput, origin: { file: string; path: FieldPath }): OffenseClass {
  return deepFreeze({
    kind: 'offense-class',
    id: input.id,
    name: input.name,
    jurisdictionId: input.jurisdiction,
    definedBy: input.definedBy,
    categories: input.categories,
    levels: input.levels,
    statutes: input.statutes ?? [],
    approximate: input.approximate,
    note: input.note,
    sources: input.sources,
    origin,
  })
}

type Locate = (file: string, path: FieldPath, message: string, severity?: 'error' | 'warning') => void

function indexRegistry(jurisdictions: Jurisdiction[], classes: OffenseClass[], version: string, locate: Locate): Registry {
  const byId = new Map<string, Jurisdiction>()
  const enactments = new Map<string, Enactment>()
  const provisions = new Map<string, Provision>()
  const offenseClasses = new Map<string, OffenseClass>()
  const seen = new Map<string, string>()
  const claim = (id: string, what: string, origin: { file: string; path: FieldPath }) => {
    const previous = seen.get(id)
    if (previous) locate(origin.file, [...origin.path, 'id'], `duplicate id "${id}" (${what}); first used in ${previous}`)
    else seen.set(id, `${origin.file} (${fieldPathText(origin.path) || 'top'})`)
  }
  for (const j of jurisdictions) {
    if (byId.has(j.id)) locate(j.origin.file, ['id'], `duplicate jurisdiction "${j.id}"; also in ${byId.get(j.id)!.origin.file}`)
    byId.set(j.id, j)
    const expected = registryPathFor(j.id)
    const expectedFile = isGeneratedFile(j.origin.file) ? expected.replace(/\.yaml$/, GENERATED_SUFFIX) : expected
    if (expectedFile !== j.origin.file) locate(j.origin.file, ['id'], `file path must mirror the OCD ID: expected ${expectedFile}`)
    for (const e of j.enactments) {
      claim(e.id, 'enactment', e.origin)
      enactments.set(e.id, e)
      for (const p of e.provisions) {
        claim(p.id, 'provision', p.origin)
        provisions.set(p.id, p)
      }
    }
  }
  for (const c of classes) {
    if (offenseClasses.has(c.id)) locate(c.origin.file, [...c.origin.path, 'id'], `duplicate offense class "${c.id}"`)
    offenseClasses.set(c.id, c)
  }
  return deepFreeze({ kind: 'registry', version, jurisdictions: byId, enactments, provisions, offenseClasses })
}

/**
 * Generated files add their enactments (and notes) to the hand-written file of the same ID; a
 * generated file with no hand-written counterpart is the jurisdiction's only file. The
 * hand-written file's name, GEOID, confidence and the rest win.
 */
function mergeGenerated(handWritten: Jurisdiction[], generated: Jurisdiction[]): Jurisdiction[] {
  if (generated.length === 0) return handWritten
  const byId = new Map(handWritten.map((j) => [j.id, j]))
  const extra: Jurisdiction[] = []
  for (const g of generated) {
    const hand = byId.get(g.id)
    if (!hand) {
      extra.push(g)
      continue
    }
    byId.set(g.id, deepFreeze({ ...hand, enactments: [...hand.enactments, ...g.enactments], notes: [...hand.notes, ...g.notes] }))
  }
  return [...byId.values(), ...extra]
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    if (value instanceof Map) for (const v of value.values()) deepFreeze(v)
    else for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}
