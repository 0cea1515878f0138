/**
 * The curated folder (`officials/`): officials no dataset carries (sheriffs, county board and
 * council members, mayors), one YAML file per division, every entry with a source URL and a short
 * quote. Checked like the registry: a broken file is named with its line, and nothing from it is
 * imported.
 *
 * ```yaml
 * division: ocd-division/country:us/state:tx/county:harris
 * officials:
 *   - role: sheriff
 *     name: Jane Doe
 *     since: 2021-01-01
 *     contacts: [{ kind: phone, value: 713-555-0100 }]
 *     sources: [{ url: https://…, quote: "Sheriff Jane Doe …", retrieved: 2026-12-06 }]
 * ```
 */
import { Compile } from 'typebox/compile'
import { Type, type Static } from 'typebox'
import { DateText, OcdIdText, parseYaml, schemaCheck, SourceSchema, YamlLocator, fieldPathText, type Diagnostic, type FieldPath, type YamlFileText } from '../registry/index.ts'
import type { DirectoryRecord, PostRole, SourceRef } from './model.ts'

export const CURATED_DATASET = 'curated'

/** The roles the curated folder may fill, and the post each one joins (the ids the importers use). */
const CURATED_ROLES = {
  sheriff: 'sheriff',
  'county-board-member': 'county-board-member',
  'county-executive': 'county-executive',
  mayor: 'mayor',
  'council-member': 'council-member',
  'police-chief': 'police-chief',
} as const satisfies Record<string, PostRole>

const strict = { additionalProperties: false } as const
const CuratedSource = Type.Object({ ...SourceSchema.properties, retrieved: DateText }, strict)
const ContactSchema = Type.Object(
  {
    kind: Type.Union(['phone', 'fax', 'email', 'website', 'webform', 'address'].map((k) => Type.Literal(k))),
    value: Type.String({ minLength: 3 }),
    label: Type.Optional(Type.String({ minLength: 1 })),
  },
  strict,
)

export const CuratedFileSchema = Type.Object(
  {
    division: OcdIdText,
    officials: Type.Array(
      Type.Object(
        {
          role: Type.Union(Object.keys(CURATED_ROLES).map((k) => Type.Literal(k))),
          name: Type.String({ minLength: 2 }),
          since: Type.Optional(DateText),
          until: Type.Optional(DateText),
          contacts: Type.Optional(Type.Array(ContactSchema)),
          sources: Type.Array(CuratedSource, { minItems: 1 }),
          maintainerNote: Type.Optional(Type.String()),
        },
        strict,
      ),
      { minItems: 1 },
    ),
  },
  strict,
)
type CuratedFile = Static<typeof CuratedFileSchema>
const checkCuratedFile = Compile(CuratedFileSchema)

/** The post a curated role joins in a division: the same ids the gazetteer and HIFLD importers give. */
export function curatedPostId(role: keyof typeof CURATED_ROLES, division: string): string {
  return `post:${CURATED_ROLES[role]}/${division}`
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/**
 * Checks and converts the curated files. Files with errors yield diagnostics and no records.
 *
 * @example
 * ```ts
 * const { records, diagnostics } = curatedRecords([{ path: 'us/state-tx/county-harris.yaml', text }], 'a1b2c3')
 * ```
 */
export function curatedRecords(files: readonly YamlFileText[], version: string): { readonly records: DirectoryRecord[]; readonly diagnostics: Diagnostic[] } {
  const records: DirectoryRecord[] = []
  const diagnostics: Diagnostic[] = []
  for (const file of files) {
    const parsed = parseYaml(file, diagnostics)
    if (!parsed) continue
    const report = reporter(file.path, parsed.locator, diagnostics)
    if (!schemaCheck(checkCuratedFile, parsed.value, report)) continue
    const value = parsed.value as CuratedFile
    const before = diagnostics.length
    const converted = fileRecords(file.path, value, version, parsed.locator, report)
    if (diagnostics.length === before) records.push(...converted)
  }
  return { records, diagnostics }
}

function reporter(file: string, locator: YamlLocator, diagnostics: Diagnostic[]) {
  return (path: FieldPath, message: string, severity: 'error' | 'warning' = 'error') => {
    const pos = locator.locate(path)
    diagnostics.push({ kind: 'diagnostic', severity, file, line: pos?.line, column: pos?.column, field: path.length ? fieldPathText(path) : undefined, message })
  }
}

function fileRecords(path: string, file: CuratedFile, version: string, locator: YamlLocator, report: (p: FieldPath, m: string) => void): DirectoryRecord[] {
  const records: DirectoryRecord[] = []
  const seen = new Set<string>()
  file.officials.forEach((official, i) => {
    if (official.since && official.until && official.until <= official.since) report(['officials', i, 'until'], `until ${official.until} is not after since ${official.since}`)
    const first = official.sources[0]!
    const source: SourceRef = { dataset: CURATED_DATASET, file: path, version, line: locator.locate(['officials', i])?.line, url: first.url, quote: first.quote, retrieved: first.retrieved }
    const personId = `curated:${slug(file.division.replace(/^ocd-division\/country:us\//, ''))}/${slug(official.name)}`
    const postId = curatedPostId(official.role as keyof typeof CURATED_ROLES, file.division)
    const membershipId = `${personId}@${postId}#${official.since ?? ''}`
    if (seen.has(membershipId)) report(['officials', i], `${official.name} is listed twice as ${official.role}`)
    seen.add(membershipId)
    records.push({ kind: 'person', id: personId, name: official.name, contacts: official.contacts ?? [], identifiers: {}, source })
    records.push({
      kind: 'membership',
      id: membershipId,
      personId,
      postId,
      ...(official.since ? { startDate: official.since } : {}),
      ...(official.until ? { endDate: official.until } : {}),
      source,
    })
  })
  return records
}
