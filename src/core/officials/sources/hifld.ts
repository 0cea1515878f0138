/**
 * `hifld-law-enforcement` (HIFLD Local Law Enforcement Locations, public domain): every sheriff's
 * office and local police department, with address, phone and website. A county's sheriff post is
 * attached to its principal office: the one that is an agency in the BJS census of agencies
 * (`CSLLEA08ID`), the largest by sworn officers where there are several. HIFLD lists offices, not
 * people, so the sheriff's name stays unknown unless the curated folder has it.
 */
import type { Contact, DirectoryRecord, Organization, Post, RowProblem, SourceRef } from '../model.ts'

export const HIFLD_DATASET = 'hifld-law-enforcement'
export const HIFLD_FILE = 'local_law_enforcement_locations.csv'
const ABSENT = new Set(['', 'NOT AVAILABLE', '-999'])
const TYPES = { "SHERIFF'S OFFICE": 'sheriff-office', 'LOCAL POLICE DEPARTMENT': 'police-department' } as const

/** One CSV row, by header. */
export type HifldRow = Readonly<Record<string, string | undefined>>

/** The county a GEOID names, as the gazetteer knows it. */
export interface CountyRef {
  readonly division: string
  readonly label: string
}

const value = (row: HifldRow, column: string): string | undefined => {
  const v = row[column]?.trim()
  return v === undefined || ABSENT.has(v) ? undefined : v
}

/** `HARRIS COUNTY SHERIFFS OFFICE` → `Harris County Sheriffs Office` (the source is upper case). */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s/(-])([a-z])/g, (_, pre: string, c: string) => pre + c.toUpperCase())
}

function contactsOf(row: HifldRow): Contact[] {
  const contacts: Contact[] = []
  const phone = value(row, 'TELEPHONE')
  if (phone) contacts.push({ kind: 'phone', value: phone })
  const street = value(row, 'ADDRESS')
  const city = value(row, 'CITY')
  const zip = value(row, 'ZIP')
  if (street || city) contacts.push({ kind: 'address', value: [street && titleCase(street), city && titleCase(city), [value(row, 'STATE'), zip].filter(Boolean).join(' ')].filter(Boolean).join(', ') })
  const website = value(row, 'WEBSITE')
  if (website) contacts.push({ kind: 'website', value: /^https?:\/\//i.test(website) ? website : `http://${website.toLowerCase()}` })
  return contacts
}

interface Candidate {
  readonly organization: Organization
  readonly agency: boolean
  readonly sworn: number
}

/**
 * Collects rows and turns them into offices and one sheriff post per county.
 *
 * @example
 * ```ts
 * const hifld = hifldCollector('48ee1e4', (geoid) => gazetteer.countyByGeoid.get(geoid))
 * hifld.add(row, 2)
 * const { records, problems } = hifld.finish()
 * ```
 */
export function hifldCollector(version: string, countyOf: (geoid: string) => CountyRef | undefined) {
  const records: DirectoryRecord[] = []
  const problems: RowProblem[] = []
  const sheriffs = new Map<string, { county: CountyRef; candidates: Candidate[] }>()
  let skipped = 0
  const problem = (line: number, message: string): void => {
    problems.push({ kind: 'row-problem', dataset: HIFLD_DATASET, file: HIFLD_FILE, line, message })
  }
  return {
    /** Adds one row; rows of other kinds of agency (state, special, constables) are skipped. */
    add(row: HifldRow, line: number): void {
      const type = value(row, 'TYPE')
      const classification = type ? TYPES[type as keyof typeof TYPES] : undefined
      if (!classification) {
        skipped++
        return
      }
      const id = value(row, 'ID')
      const name = value(row, 'NAME')
      const geoid = value(row, 'COUNTYFIPS')
      if (!id || !name) return problem(line, 'no ID or NAME')
      if (!geoid || !/^\d{5}$/.test(geoid)) return problem(line, `${id}: COUNTYFIPS "${row.COUNTYFIPS ?? ''}" is not a five-digit county GEOID`)
      const county = countyOf(geoid)
      if (!county) return problem(line, `${id}: COUNTYFIPS ${geoid} is not a county the gazetteer knows`)
      const source: SourceRef = { dataset: HIFLD_DATASET, file: HIFLD_FILE, version, line }
      const identifiers: Record<string, string> = { hifld: id, county_geoid: geoid }
      const csllea = value(row, 'CSLLEA08ID')
      if (csllea) identifiers.csllea08 = csllea
      const city = value(row, 'CITY')
      if (city) identifiers.city = titleCase(city)
      const organization: Organization = { kind: 'organization', id: `hifld:${id}`, name: titleCase(name), classification, division: county.division, contacts: contactsOf(row), identifiers, source }
      records.push(organization)
      if (classification !== 'sheriff-office' || value(row, 'STATUS') === 'CLOSED') return
      const entry = sheriffs.get(county.division) ?? { county, candidates: [] }
      entry.candidates.push({ organization, agency: Boolean(csllea), sworn: Number(value(row, 'FTSWORN') ?? 0) || 0 })
      sheriffs.set(county.division, entry)
    },
    finish(): { readonly records: DirectoryRecord[]; readonly problems: RowProblem[]; readonly skipped: number } {
      for (const { county, candidates } of sheriffs.values()) records.push(sheriffPost(county, principalOffice(candidates)))
      return { records, problems, skipped }
    },
  }
}

function principalOffice(candidates: readonly Candidate[]): Organization {
  return [...candidates].sort((a, b) => Number(b.agency) - Number(a.agency) || b.sworn - a.sworn || a.organization.id.localeCompare(b.organization.id))[0]!.organization
}

function sheriffPost(county: CountyRef, office: Organization): Post {
  return {
    kind: 'post',
    id: `post:sheriff/${county.division}`,
    organizationId: office.id,
    role: 'sheriff',
    label: `Sheriff of ${county.label}`,
    division: county.division,
    holderUnknownReason: 'HIFLD lists sheriff’s offices, not the people who hold them',
    source: office.source,
  }
}
