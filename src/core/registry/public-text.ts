/**
 * Public text is for the public. Every string of a registry file except its identifiers, links,
 * structured values and `maintainerNote`s can reach a page, an export or the API, so none may name
 * the tools the registry was built with, a file path, or a registry id. `sanctuary check` (and so
 * `npm test`) fails on such text, naming the file and line; maintainers' notes go in
 * `maintainerNote`, which the build drops.
 */
import type { FieldPath } from './model.ts'

/** One kind of text that must not be public. */
export interface PublicTextRule {
  readonly what: string
  readonly pattern: RegExp
}

/**
 * Internal tools and documents, and file paths. Each pattern finds the offending words so the
 * message can quote them.
 */
export const PUBLIC_TEXT_RULES: readonly PublicTextRule[] = [
  {
    what: 'names an internal tool or document',
    pattern:
      /\bsearch[- ]tools?\b|\bfetch(?:ed|es|ing)?\b|\bsub-?agents?\b|\bproject brief\b|\bresearch (?:file|brief|notes?|summary|draft|id)\b|\b(?:the|per the|in the|by the) research\b|\bresearch enactment id\b/i,
  },
  {
    what: 'names a file path',
    pattern: /(?:^|[\s("'`[])(?:\/tmp\/|\.\.?\/|(?:src|registry|shared|e2e|docs|reports|dist)\/)|\b[\w-]+(?:\.[\w-]+)*\.(?:ya?ml|json|tsx?|jsx?|md|csv|parquet)\b/i,
  },
]

/** Registry ids look like `tcso-2017`: lowercase words joined by hyphens. */
const ID_TOKEN = /[a-z0-9]+(?:-[a-z0-9]+)+/g

/**
 * What is wrong with one piece of public text, if anything: each rule it breaks, quoting the
 * words, and each registry id it names (`ids`: enactment, provision and offense-class ids).
 *
 * @example
 * ```ts
 * publicTextProblems('Found with the search tool.', new Set()) // ['names an internal tool or document ("search tool")']
 * publicTextProblems('so tcso-2017 governed holds', new Set(['tcso-2017'])) // ['names the registry id "tcso-2017"']
 * ```
 */
export function publicTextProblems(text: string, ids: ReadonlySet<string>): string[] {
  const problems: string[] = []
  for (const rule of PUBLIC_TEXT_RULES) {
    const m = rule.pattern.exec(text)
    if (m) problems.push(`${rule.what} ("${m[0].trim()}")`)
  }
  for (const token of new Set(text.match(ID_TOKEN) ?? [])) {
    if (ids.has(token)) problems.push(`names the registry id "${token}"`)
  }
  return problems
}

/** Fields never public prose: the maintainers' own notes, ids, links, conditions and limits. */
const NEVER_PUBLIC_TEXT = new Set(['maintainerNote', 'id', 'url', 'when', 'unless', 'limits'])

/**
 * Fields whose string values are identifiers, references (checked by the registry's own checks) or
 * enumerated values. An object under one of these names (a status history, `{ unknown: reason }`)
 * is still read.
 */
const NOT_PUBLIC_TEXT = new Set([
  'by',
  'amends',
  'supersedes',
  'repeals',
  'provisions',
  'class',
  'jurisdiction',
  'jailCounty',
  'reliability',
  'status',
  'kind',
  'level',
  'action',
  'effect',
  'confidence',
  'custody',
  'requests',
  'categories',
  'levels',
  'statutes',
  'hoursExclude',
  'field',
])

const isStrings = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))

/**
 * Walks a parsed registry file and reports every public string that breaks a rule, at its field
 * path (`provisions` holds provisions in an enactment, and ids in a status period).
 *
 * @example
 * ```ts
 * checkPublicText(parsedYaml, ids, (path, message) => console.log(path, message))
 * ```
 */
export function checkPublicText(value: unknown, ids: ReadonlySet<string>, report: (path: FieldPath, message: string) => void, path: FieldPath = []): void {
  if (typeof value === 'string') {
    for (const problem of publicTextProblems(value, ids)) {
      report(path, `public text ${problem}; put notes for maintainers in maintainerNote`)
    }
    return
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkPublicText(item, ids, report, [...path, i]))
    return
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (NEVER_PUBLIC_TEXT.has(key) || (NOT_PUBLIC_TEXT.has(key) && isStrings(child))) continue
      checkPublicText(child, ids, report, [...path, key])
    }
  }
}

/**
 * Removes every `maintainerNote` from a parsed file, in place, so the model built from it (and so
 * every page, export and API view) never carries one.
 */
export function dropMaintainerNotes(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) dropMaintainerNotes(item)
    return
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    delete record.maintainerNote
    for (const child of Object.values(record)) dropMaintainerNotes(child)
  }
}
