/**
 * Builds the federal data from the texts of `registry/federal/*.yaml`: parse with line numbers,
 * check each file against the schema of its `kind`, normalise into the model, then check what a
 * schema cannot (real dates, unique ids, references between files, one circuit per state, entries
 * attached twice). Pure: the caller reads the files.
 */
import { Compile } from 'typebox/compile'
import { checkPublicText, checkSourceLabels, dropMaintainerNotes, knownOf as known, locatedDiagnostic as located, parseYaml, schemaCheck, sourceDateOf as date, type Diagnostic, type FieldPath, type Registry, type YamlLocator } from '../registry/index.ts'
import {
  CONDITION_TESTS,
  type ActionTarget,
  type Circuit,
  type CircuitMap,
  type ConditionKind,
  type CourtCase,
  type EntryFlag,
  type EntryMatch,
  type FederalCounts,
  type FederalData,
  type FederalList,
  type FundingRecord,
  type GrantCondition,
  type GrantProgram,
  type Holding,
  type InjunctionScope,
  type ListKind,
  type OfficialAction,
  type OfficialActionKind,
  type Ruling,
  type AmountKind,
} from './model.ts'
import {
  FEDERAL_FILE_SCHEMAS,
  type ActionsFileInput,
  type CasesFileInput,
  type CircuitsFileInput,
  type ConditionsFileInput,
  type FederalFileKind,
  type FundingFileInput,
  type ListFileInput,
} from './schema.ts'

/** A federal file: its path relative to the registry root (it starts with `federal/`) and its text. */
export interface FederalFileText {
  readonly path: string
  readonly text: string
}

export interface FederalBuildResult {
  readonly federal?: FederalData
  readonly diagnostics: readonly Diagnostic[]
}

const validators = Object.fromEntries(Object.entries(FEDERAL_FILE_SCHEMAS).map(([k, s]) => [k, Compile(s)])) as Record<FederalFileKind, ReturnType<typeof Compile>>

type Report = (path: FieldPath, message: string, severity?: 'error' | 'warning') => void

/**
 * Builds and checks the federal data. Errors leave `federal` undefined; warnings do not. When a
 * registry is given, OCD IDs are checked to be well formed only (any U.S. division may be named).
 * A registry with no federal files gets empty federal data.
 *
 * @example
 * ```ts
 * const { federal, diagnostics } = buildFederal([{ path: 'federal/circuits.yaml', text }])
 * ```
 */
export function buildFederal(files: readonly FederalFileText[], registry?: Registry): FederalBuildResult {
  const diagnostics: Diagnostic[] = []
  // Public text may not name registry ids (the same rule as for jurisdiction files).
  const ids = new Set(registry ? [...registry.enactments.keys(), ...registry.provisions.keys(), ...registry.offenseClasses.keys()] : [])
  const locators = new Map<string, YamlLocator>()
  const state = new Collector()
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const parsed = parseYaml(file, diagnostics)
    if (!parsed) continue
    locators.set(file.path, parsed.locator)
    const report: Report = (path, message, severity = 'error') => diagnostics.push(located(file.path, parsed.locator, path, message, severity))
    const value = parsed.value as { kind?: unknown } | null
    const kind = value && typeof value === 'object' ? value.kind : undefined
    if (typeof kind !== 'string' || !(kind in FEDERAL_FILE_SCHEMAS)) {
      report(kind === undefined ? [] : ['kind'], `a federal file needs a top-level "kind": one of ${Object.keys(FEDERAL_FILE_SCHEMAS).join(', ')}`)
      continue
    }
    if (!schemaCheck(validators[kind as FederalFileKind], value, report)) continue
    checkSourceLabels(value, report)
    // Maintainers' notes are for the people who keep the registry: never built into public data.
    dropMaintainerNotes(value)
    checkPublicText(value, ids, report)
    state.add(kind as FederalFileKind, value, file.path, report)
  }
  const locate = (file: string, path: FieldPath, message: string, severity: 'error' | 'warning' = 'error') => diagnostics.push(located(file, locators.get(file), path, message, severity))
  const federal = state.finish(locate)
  const failed = diagnostics.some((d) => d.severity === 'error')
  return { federal: failed ? undefined : federal, diagnostics: diagnostics.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)) }
}

/** Counts for `sanctuary check`. */
export function countFederal(f: FederalData): FederalCounts {
  let entries = 0
  for (const l of f.lists.values()) entries += l.entries.length
  return { lists: f.lists.size, entries, conditions: f.conditions.size, rulings: f.rulings.size, actions: f.actions.size, funding: f.funding.size }
}

function match(value: string | { unmatched: string }): EntryMatch {
  return typeof value === 'string' ? { kind: 'matched', jurisdictionId: value } : { kind: 'unmatched', reason: value.unmatched }
}

type Locate = (file: string, path: FieldPath, message: string, severity?: 'error' | 'warning') => void

/** Accumulates normalised values across files, then checks references. */
class Collector {
  private circuits: CircuitMap | undefined
  private circuitFiles = 0
  private readonly lists: FederalList[] = []
  private readonly programs: GrantProgram[] = []
  private readonly conditions: GrantCondition[] = []
  private readonly cases: CourtCase[] = []
  private readonly actions: OfficialAction[] = []
  private readonly funding: FundingRecord[] = []
  private readonly refs: { file: string; path: FieldPath; id: string; what: 'condition' | 'program' | 'ruling' }[] = []

  filesSeen = 0

  add(kind: FederalFileKind, value: unknown, file: string, report: Report): void {
    this.filesSeen++
    switch (kind) {
      case 'circuits':
        return this.addCircuits(value as CircuitsFileInput, file, report)
      case 'federal-list':
        return void this.lists.push(normalizeList(value as ListFileInput, file, report))
      case 'grant-conditions':
        return this.addConditions(value as ConditionsFileInput, file, report)
      case 'court-cases':
        return this.addCases(value as CasesFileInput, file, report)
      case 'official-actions':
        return this.addActions(value as ActionsFileInput, file, report)
      case 'funding':
        return this.addFunding(value as FundingFileInput, file)
    }
  }

  private addCircuits(input: CircuitsFileInput, file: string, report: Report): void {
    this.circuitFiles++
    const byState = new Map<string, Circuit>()
    input.circuits.forEach((c, i) =>
      c.states.forEach((s, j) => {
        if (byState.has(s)) report(['circuits', i, 'states', j], `state "${s}" is already in circuit ${byState.get(s)}`)
        byState.set(s, c.circuit as Circuit)
      }),
    )
    this.circuits = { kind: 'circuit-map', byState, sources: input.sources, origin: { file, path: [] } }
  }

  private addConditions(input: ConditionsFileInput, file: string, report: Report): void {
    input.programs.forEach((p, i) => this.programs.push({ kind: 'grant-program', id: p.id, name: p.name, administeredBy: p.administeredBy, summary: p.summary, sources: p.sources, origin: { file, path: ['programs', i] } }))
    input.conditions.forEach((c, i) => {
      const path = ['conditions', i]
      this.refs.push({ file, path: [...path, 'program'], id: c.program, what: 'program' })
      const conditionKind = c.conditionKind as ConditionKind
      this.conditions.push({
        kind: 'grant-condition',
        id: c.id,
        programId: c.program,
        fiscalYear: c.fiscalYear,
        conditionKind,
        test: CONDITION_TESTS[conditionKind],
        title: c.title,
        summary: c.summary,
        announced: date(c.announced, [...path, 'announced'], report)!,
        sources: c.sources,
        notes: c.notes ?? [],
        origin: { file, path },
      })
    })
  }

  private addCases(input: CasesFileInput, file: string, report: Report): void {
    input.cases.forEach((k, i) => {
      const rulings: Ruling[] = k.rulings.map((r, j) => {
        const path = ['cases', i, 'rulings', j]
        const at = (...rest: (string | number)[]) => [...path, ...rest]
        r.holdings.forEach((h, hi) => h.conditions.forEach((c, ci) => this.refs.push({ file, path: at('holdings', hi, 'conditions', ci), id: c, what: 'condition' })))
        r.injunction?.conditions.forEach((c, ci) => this.refs.push({ file, path: at('injunction', 'conditions', ci), id: c, what: 'condition' }))
        if (r.reviews) this.refs.push({ file, path: at('reviews', 'ruling'), id: r.reviews.ruling, what: 'ruling' })
        return {
          kind: 'ruling',
          id: r.id,
          caseId: k.id,
          caseTitle: k.title,
          court: r.court,
          courtLevel: r.level,
          circuit: r.circuit as Circuit,
          enBanc: r.enBanc ?? false,
          stage: r.stage,
          citation: known(r.citation),
          docket: r.docket,
          decided: date(r.decided, at('decided'), report)!,
          parties: r.parties ?? [],
          holdings: r.holdings.map((h) => ({ conditions: h.conditions, holding: h.holding as Holding, summary: h.summary, sources: h.sources })),
          injunction: r.injunction
            ? {
                kind: 'injunction',
                conditions: r.injunction.conditions,
                permanent: r.injunction.permanent,
                periods: r.injunction.periods.map((p, pi) => ({
                  from: date(p.from, at('injunction', 'periods', pi, 'from'), report)!,
                  to: date(p.to, at('injunction', 'periods', pi, 'to'), report),
                  scope: scopeOf(p.scope),
                  note: p.note,
                  sources: p.sources,
                })),
              }
            : undefined,
          precedentEnds: r.precedentEnds ? { date: date(r.precedentEnds.date, at('precedentEnds', 'date'), report)!, reason: r.precedentEnds.reason, sources: r.precedentEnds.sources } : undefined,
          reviews: r.reviews as Ruling['reviews'],
          summary: r.summary,
          sources: r.sources,
          disagreements: r.disagreements ?? [],
          unknowns: r.unknowns ?? [],
          notes: r.notes ?? [],
          origin: { file, path },
        } satisfies Ruling
      })
      this.cases.push({ kind: 'court-case', id: k.id, title: k.title, subject: k.subject, rulings, sources: k.sources, origin: { file, path: ['cases', i] } })
    })
  }

  private addActions(input: ActionsFileInput, file: string, report: Report): void {
    input.actions.forEach((a, i) =>
      this.actions.push({
        kind: 'official-action',
        id: a.id,
        actionKind: a.actionKind as OfficialActionKind,
        date: date(a.date, ['actions', i, 'date'], report)!,
        actor: a.actor,
        targets: a.targets.map((t): ActionTarget => ({ name: t.name, match: match(t.jurisdiction), official: t.official })),
        summary: a.summary,
        outcome: known(a.outcome),
        sources: a.sources,
        notes: a.notes ?? [],
        origin: { file, path: ['actions', i] },
      }),
    )
  }

  private addFunding(input: FundingFileInput, file: string): void {
    input.records.forEach((r, i) => {
      if (r.programId) this.refs.push({ file, path: ['records', i, 'programId'], id: r.programId, what: 'program' })
      this.funding.push({
        kind: 'funding',
        id: r.id,
        jurisdictions: r.jurisdictions,
        programId: r.programId,
        program: r.program,
        fiscalYear: known(r.fiscalYear),
        amount: known(r.amount),
        amountKind: r.amountKind as AmountKind,
        basis: r.basis,
        summary: r.summary,
        sources: r.sources,
        disagreements: r.disagreements ?? [],
        notes: r.notes ?? [],
        origin: { file, path: ['records', i] },
      })
    })
  }

  finish(locate: Locate): FederalData {
    const seen = new Map<string, string>()
    const claim = (id: string, what: string, origin: { file: string; path: FieldPath }) => {
      const previous = seen.get(`${what}:${id}`)
      if (previous) locate(origin.file, [...origin.path, 'id'], `duplicate ${what} id "${id}"; first used in ${previous}`)
      else seen.set(`${what}:${id}`, origin.file)
    }
    const index = <T extends { id: string; origin: { file: string; path: FieldPath } }>(items: readonly T[], what: string): Map<string, T> => {
      const map = new Map<string, T>()
      for (const item of items) {
        claim(item.id, what, item.origin)
        if (!map.has(item.id)) map.set(item.id, item)
      }
      return map
    }
    const lists = index(this.lists, 'list')
    const programs = index(this.programs, 'program')
    const conditions = index(this.conditions, 'condition')
    const cases = index(this.cases, 'case')
    const rulings = index(
      this.cases.flatMap((c) => c.rulings),
      'ruling',
    )
    const actions = index(this.actions, 'action')
    const funding = index(this.funding, 'funding record')
    for (const ref of this.refs) {
      const exists = ref.what === 'condition' ? conditions.has(ref.id) : ref.what === 'program' ? programs.has(ref.id) : rulings.has(ref.id)
      if (!exists) locate(ref.file, ref.path, `unknown ${ref.what} "${ref.id}"`)
    }
    for (const list of lists.values()) checkList(list, locate)
    if (this.circuitFiles !== 1 && this.filesSeen > 0) locate('federal/circuits.yaml', [], this.circuitFiles === 0 ? 'the federal folder needs one file of kind "circuits"' : 'more than one file of kind "circuits"')
    const circuits = this.circuits ?? { kind: 'circuit-map', byState: new Map(), sources: [], origin: { file: 'federal/circuits.yaml', path: [] } }
    return deepFreeze({ kind: 'federal-data', circuits, lists, programs, conditions, cases, rulings, actions, funding })
  }
}

function scopeOf(scope: 'nationwide' | 'stayed' | { parties: string[] } | { stateAndSubdivisions: string }): InjunctionScope {
  if (scope === 'nationwide') return { kind: 'nationwide' }
  if (scope === 'stayed') return { kind: 'stayed' }
  if ('parties' in scope) return { kind: 'parties', jurisdictions: scope.parties }
  return { kind: 'state-and-subdivisions', state: scope.stateAndSubdivisions }
}

function normalizeList(input: ListFileInput, file: string, report: Report): FederalList {
  return {
    kind: 'federal-list',
    id: input.id,
    title: input.title,
    publisher: input.publisher,
    listKind: input.listKind as ListKind,
    published: date(input.published, ['published'], report)!,
    withdrawn: input.withdrawn ? { date: date(input.withdrawn.date, ['withdrawn', 'date'], report)!, sources: input.withdrawn.sources } : undefined,
    authority: input.authority,
    criteria: known(input.criteria),
    statedCount: known(input.statedCount),
    complete: input.complete,
    entries: input.entries.map((e, i) => ({
      kind: 'list-entry',
      listId: input.id,
      name: e.name,
      heading: e.heading,
      match: match(e.jurisdiction),
      flags: (e.flags ?? []).map((f) => ({ flag: f.flag as EntryFlag, note: f.note, sources: f.sources ?? [] })),
      claim: e.claim,
      sources: e.sources ?? input.sources,
      origin: { file, path: ['entries', i] },
    })),
    summary: input.summary,
    sources: input.sources,
    disagreements: input.disagreements ?? [],
    unknowns: input.unknowns ?? [],
    notes: input.notes ?? [],
    origin: { file, path: [] },
  }
}

/** Two entries of one list attached to the same division must say so; a complete list's count is compared. */
function checkList(list: FederalList, locate: Locate): void {
  const byId = new Map<string, number>()
  list.entries.forEach((e, i) => {
    if (e.match.kind !== 'matched') {
      if (!e.flags.some((f) => f.flag === 'no-matching-division' || f.flag === 'names-two-jurisdictions'))
        locate(list.origin.file, ['entries', i, 'jurisdiction'], `an unmatched entry needs a flag "no-matching-division" or "names-two-jurisdictions" saying why`)
      return
    }
    const first = byId.get(e.match.jurisdictionId)
    if (first !== undefined && !e.flags.some((f) => f.flag === 'listed-twice'))
      locate(list.origin.file, ['entries', i, 'jurisdiction'], `"${e.name}" is attached to ${e.match.jurisdictionId}, like entry ${first} ("${list.entries[first]!.name}"); flag it "listed-twice" with a note`)
    if (first === undefined) byId.set(e.match.jurisdictionId, i)
  })
  if (list.complete && list.statedCount.kind === 'known' && list.statedCount.value !== list.entries.length)
    locate(list.origin.file, ['entries'], `the list is marked complete with a stated count of ${list.statedCount.value}, but ${list.entries.length} entries are recorded`, 'warning')
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    if (value instanceof Map) for (const v of value.values()) deepFreeze(v)
    else for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}
