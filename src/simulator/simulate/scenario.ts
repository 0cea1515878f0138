/**
 * Counterfactuals: what the simulator applies besides the law as it was. Either another
 * jurisdiction's law on a fixed date applied to every record, or a policy file in the registry's
 * format added to the registry (or replacing the file it names) and applied on each record's own
 * date and place.
 */
import { readFile } from 'node:fs/promises'
import { parse as parseYaml } from 'yaml'
import { requireJurisdiction, type NameIndex } from '../../core/names/index.ts'
import { parseDay } from '../../core/dates/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { labelFromOcdId, nameWithState, parseOcdId, registryPathFor } from '../../core/ocd/index.ts'
import { buildRegistry, formatDiagnostic, type Registry, type RegistryFileText } from '../../core/registry/index.ts'
import type { CounterfactualSpec } from './report.ts'

/**
 * Where the simulator's law comes from, handed in by its caller (the CLI and the benchmark pass
 * adapters/fs's `fsLawSource`): the registry, its files as text (a policy counterfactual is built
 * on them), the product's name resolver, and the engine version the report records.
 */
export interface LawSource {
  readonly kind: 'law-source'
  readonly engineVersion: string
  registry(): Promise<Registry>
  files(): Promise<readonly RegistryFileText[]>
  names(registry: Registry): Promise<NameIndex>
}

/** A counterfactual as asked for (CLI `--as` / `--policy`, or the library caller). */
export type CounterfactualInput =
  | { readonly kind: 'jurisdiction'; readonly jurisdiction: string; readonly date: string }
  | { readonly kind: 'policy'; readonly file: string }

/** A resolved counterfactual: its spec for the report, and what the engine needs. */
export type ResolvedCounterfactual =
  | { readonly kind: 'jurisdiction'; readonly spec: CounterfactualSpec & { kind: 'jurisdiction' }; readonly day: number }
  | { readonly kind: 'policy'; readonly spec: CounterfactualSpec & { kind: 'policy' }; readonly registry: Registry }

/**
 * Parses the CLI's `--as jurisdiction=<OCD id or name>,date=YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * parseAsOption('jurisdiction=California,date=2018-01-01') // { kind: 'jurisdiction', jurisdiction: 'California', date: '2018-01-01' }
 * parseAsOption('jurisdiction=Harris County, TX,date=2018-01-01').jurisdiction // 'Harris County, TX'
 * ```
 */
export function parseAsOption(text: string): CounterfactualInput {
  const parts = new Map<string, string>()
  let last: string | undefined
  for (const piece of text.split(',')) {
    const eq = piece.indexOf('=')
    // A comma inside a name ("Harris County, TX") continues the value before it.
    if (eq < 0 && last === 'jurisdiction') {
      parts.set(last, `${parts.get(last)},${piece}`)
      continue
    }
    if (eq < 1) throw new AppError('invalid-input', `expected key=value pairs (jurisdiction=…,date=YYYY-MM-DD), got "${piece}"`, { field: '--as' })
    const key = piece.slice(0, eq).trim()
    if (key !== 'jurisdiction' && key !== 'date') throw new AppError('invalid-input', `unknown key "${key}" (expected jurisdiction and date)`, { field: '--as' })
    parts.set(key, piece.slice(eq + 1).trim())
    last = key
  }
  const jurisdiction = parts.get('jurisdiction')
  const date = parts.get('date')
  if (!jurisdiction) throw new AppError('invalid-input', 'missing jurisdiction=<OCD id or name>', { field: '--as' })
  if (!date) throw new AppError('invalid-input', 'missing date=YYYY-MM-DD', { field: '--as' })
  return { kind: 'jurisdiction', jurisdiction, date }
}

/**
 * Resolves a counterfactual against the law's registry. A jurisdiction is an OCD id or a name of a
 * real state, county or place (in the registry or not: a division without a file gets its
 * parents' law), resolved by the product's name resolver; a policy
 * file is validated together with the registry, and its errors name the policy file.
 *
 * @example
 * ```ts
 * await resolveCounterfactual({ kind: 'jurisdiction', jurisdiction: 'California', date: '2018-01-01' }, registry, fsLawSource())
 * ```
 */
export async function resolveCounterfactual(input: CounterfactualInput, registry: Registry, law: LawSource): Promise<ResolvedCounterfactual> {
  if (input.kind === 'jurisdiction') {
    const day = parseDay(input.date)
    if (day === undefined) throw new AppError('invalid-input', `"${input.date}" is not a real date YYYY-MM-DD`, { field: 'counterfactual.date' })
    // An OCD ID with a registry file is a real division (the name index lists every registry
    // file under its own ID) and is named from its file: no need to build the index for it.
    const given = input.jurisdiction.trim()
    const known = given.startsWith('ocd-division/') ? registry.jurisdictions.get(given) : undefined
    if (known) return { kind: 'jurisdiction', spec: { kind: 'jurisdiction', jurisdiction: known.id, jurisdictionName: nameWithState(known.id, known.name), date: input.date }, day }
    // The product's one name resolver: a real division by OCD ID or name (state first, then
    // population); an ambiguous name is a choice, an unknown one gets "did you mean".
    const found = requireJurisdiction(await law.names(registry), input.jurisdiction, { field: 'counterfactual.jurisdiction' })
    const id = found.jurisdiction
    const file = registry.jurisdictions.get(id)
    const name = file ? nameWithState(id, file.name) : found.name
    return { kind: 'jurisdiction', spec: { kind: 'jurisdiction', jurisdiction: id, jurisdictionName: name, date: input.date }, day }
  }
  const text = await readFile(input.file, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    throw new AppError('invalid-input', `cannot read policy file: ${cause.code ?? cause.message}`, { file: input.file }, { cause })
  })
  let parsed: unknown
  try {
    parsed = parseYaml(text)
  } catch (cause) {
    throw new AppError('invalid-input', `not valid YAML: ${(cause as Error).message.split('\n')[0]}`, { file: input.file }, { cause })
  }
  const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined
  if (typeof id !== 'string' || !parseOcdId(id)) throw new AppError('invalid-input', 'a policy file needs an "id" that is an OCD division ID', { file: input.file, field: 'id' })
  const path = registryPathFor(id)
  const files = await law.files()
  const replaced = files.some((f) => f.path === path)
  const built = buildRegistry([...files.filter((f) => f.path !== path), { path, text }])
  const errors = built.diagnostics.filter((d) => d.severity === 'error')
  if (!built.registry || errors.length > 0) {
    const first = errors[0]
    const where = first && first.file === path ? { file: input.file, ...(first.line ? { line: first.line } : {}), ...(first.field ? { field: first.field } : {}) } : { file: input.file }
    const message = first ? (first.file === path ? first.message : `the registry with this policy does not check: ${formatDiagnostic(first)}`) : 'the policy does not build'
    throw new AppError('invalid-input', message, where)
  }
  const file = built.registry.jurisdictions.get(id)
  const name = file ? nameWithState(id, file.name) : labelFromOcdId(id)
  return { kind: 'policy', spec: { kind: 'policy', file: input.file, jurisdiction: id, jurisdictionName: name, replaced }, registry: built.registry }
}

/**
 * The scenario label a report shows for a counterfactual.
 *
 * @example
 * ```ts
 * counterfactualLabel({ kind: 'jurisdiction', jurisdiction: 'ocd-division/country:us/state:ca', jurisdictionName: 'California', date: '2018-01-01' })
 * // "California's law on 2018-01-01, applied to every record"
 * ```
 */
export function counterfactualLabel(spec: CounterfactualSpec): string {
  return spec.kind === 'jurisdiction'
    ? `${spec.jurisdictionName}'s law on ${spec.date}, applied to every record`
    : `${spec.replaced ? 'Replacing' : 'Adding'} ${spec.jurisdictionName} with the policy file ${spec.file}, on each record's own date and place`
}
