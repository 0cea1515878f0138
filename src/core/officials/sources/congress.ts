/**
 * `congress-legislators` (unitedstates/congress-legislators, CC0): senators and representatives
 * from `legislators-current.yaml`, with the district offices of `legislators-district-offices.yaml`.
 * Each legislator's current term gives the seat, party and Capitol contacts.
 */
import { congressionalDistrict, stateDivision, stateName } from '../divisions.ts'
import type { Contact, DirectoryRecord, Organization, RowProblem, SourceRef } from '../model.ts'

/** What the importer knows about the files: their names, the dataset's version and each entry's line. */
export interface CongressInput {
  /** `legislators-current.yaml`, parsed. */
  readonly legislators: unknown
  /** `legislators-district-offices.yaml`, parsed (absent when the file is missing). */
  readonly offices?: unknown
  readonly version: string
  /** The 1-based line of entry `i` of each file, where the parser kept it. */
  readonly legislatorLine?: (index: number) => number | undefined
  readonly officeLine?: (index: number) => number | undefined
}

export const CONGRESS_DATASET = 'congress-legislators'
const LEGISLATORS_FILE = 'legislators-current.yaml'
const OFFICES_FILE = 'legislators-district-offices.yaml'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined)

const CHAMBERS = {
  sen: { id: 'congress:senate', name: 'United States Senate', classification: 'congress-senate' },
  rep: { id: 'congress:house', name: 'United States House of Representatives', classification: 'congress-house' },
} as const

function chamber(kind: 'sen' | 'rep', source: SourceRef): Organization {
  const c = CHAMBERS[kind]
  return { kind: 'organization', id: c.id, name: c.name, classification: c.classification, division: 'ocd-division/country:us', contacts: [], identifiers: {}, source }
}

function termContacts(term: Obj): Contact[] {
  const contacts: Contact[] = []
  const phone = str(term.phone)
  if (phone) contacts.push({ kind: 'phone', value: phone, label: 'Washington office' })
  const address = str(term.address)
  if (address) contacts.push({ kind: 'address', value: address, label: 'Washington office' })
  const form = str(term.contact_form)
  if (form) contacts.push({ kind: 'webform', value: form })
  const url = str(term.url)
  if (url) contacts.push({ kind: 'website', value: url })
  return contacts
}

function districtOfficeContacts(office: Obj): Contact[] {
  const city = str(office.city)
  const label = city ? `District office (${city})` : 'District office'
  const street = [str(office.building), str(office.address), str(office.suite)].filter(Boolean).join(', ')
  const place = [city, [str(office.state), str(office.zip)].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  const contacts: Contact[] = []
  const phone = str(office.phone)
  if (phone) contacts.push({ kind: 'phone', value: phone, label })
  if (street || place) contacts.push({ kind: 'address', value: [street, place].filter(Boolean).join(', '), label })
  return contacts
}

/** District offices by bioguide id. */
function officesByBioguide(input: CongressInput, problems: RowProblem[]): Map<string, Contact[]> {
  const byId = new Map<string, Contact[]>()
  if (input.offices === undefined) return byId
  if (!Array.isArray(input.offices)) {
    problems.push({ kind: 'row-problem', dataset: CONGRESS_DATASET, file: OFFICES_FILE, message: 'expected a list of legislators' })
    return byId
  }
  input.offices.forEach((entry, i) => {
    const bioguide = isObj(entry) && isObj(entry.id) ? str(entry.id.bioguide) : undefined
    if (!bioguide || !isObj(entry) || !Array.isArray(entry.offices)) {
      problems.push({ kind: 'row-problem', dataset: CONGRESS_DATASET, file: OFFICES_FILE, line: input.officeLine?.(i), message: 'entry without id.bioguide or offices' })
      return
    }
    byId.set(bioguide, entry.offices.filter(isObj).flatMap(districtOfficeContacts))
  })
  return byId
}

/**
 * Turns the parsed files into persons, the two chambers, one post per seat and one membership per
 * current term. An entry without a bioguide id, name or term is a problem, not a record.
 *
 * @example
 * ```ts
 * const batch = congressRecords({ legislators: YAML.parse(text), version: '61c9ce6' })
 * batch.records.filter((r) => r.kind === 'post').map((p) => p.label) // ['U.S. Senator for Washington (class 1)', …]
 * ```
 */
export function congressRecords(input: CongressInput): { readonly records: DirectoryRecord[]; readonly problems: RowProblem[] } {
  const problems: RowProblem[] = []
  const records: DirectoryRecord[] = []
  const fileRef = (line?: number): SourceRef => ({ dataset: CONGRESS_DATASET, file: LEGISLATORS_FILE, version: input.version, ...(line ? { line } : {}) })
  if (!Array.isArray(input.legislators)) {
    return { records, problems: [{ kind: 'row-problem', dataset: CONGRESS_DATASET, file: LEGISLATORS_FILE, message: 'expected a list of legislators' }] }
  }
  const offices = officesByBioguide(input, problems)
  records.push(chamber('sen', fileRef()), chamber('rep', fileRef()))
  input.legislators.forEach((entry, i) => {
    const line = input.legislatorLine?.(i)
    const problem = (message: string) => problems.push({ kind: 'row-problem', dataset: CONGRESS_DATASET, file: LEGISLATORS_FILE, line, message })
    if (!isObj(entry) || !isObj(entry.id) || !isObj(entry.name) || !Array.isArray(entry.terms)) return problem('entry without id, name or terms')
    const bioguide = str(entry.id.bioguide)
    const name = str(entry.name.official_full) ?? [str(entry.name.first), str(entry.name.last)].filter(Boolean).join(' ')
    const term = entry.terms.filter(isObj).at(-1)
    if (!bioguide || !name) return problem('entry without id.bioguide or a name')
    if (!term) return problem(`${bioguide}: no terms`)
    const type = term.type
    const state = str(term.state)
    if ((type !== 'sen' && type !== 'rep') || !state || !/^[A-Z]{2}$/.test(state)) return problem(`${bioguide}: the last term has no type sen/rep or no state`)
    const source = fileRef(line)
    const personId = `bioguide:${bioguide}`
    const identifiers: Record<string, string> = {}
    for (const [scheme, value] of Object.entries(entry.id)) {
      const v = str(value)
      if (v) identifiers[scheme] = v
    }
    records.push({
      kind: 'person',
      id: personId,
      name,
      ...(str(entry.name.first) ? { givenName: str(entry.name.first) } : {}),
      ...(str(entry.name.last) ? { familyName: str(entry.name.last) } : {}),
      ...(str(term.party) ? { party: str(term.party) } : {}),
      contacts: [...termContacts(term), ...(offices.get(bioguide) ?? [])],
      identifiers,
      source: { ...source, url: `https://bioguide.congress.gov/search/bio/${bioguide}` },
    })
    const seat = type === 'sen' ? seatOfSenator(state, term) : seatOfRepresentative(state, term)
    if (!seat) return problem(`${bioguide}: the last term has no ${type === 'sen' ? 'class' : 'district'}`)
    records.push({ kind: 'post', id: seat.id, organizationId: CHAMBERS[type].id, role: type === 'sen' ? 'us-senator' : 'us-representative', label: seat.label, division: seat.division, district: seat.district, source })
    const start = str(term.start)
    const end = str(term.end)
    records.push({ kind: 'membership', id: `${personId}@${seat.id}#${start ?? ''}`, personId, postId: seat.id, organizationId: CHAMBERS[type].id, ...(start ? { startDate: start } : {}), ...(end ? { endDate: end } : {}), source })
  })
  return { records, problems }
}

function seatOfSenator(state: string, term: Obj) {
  const cls = str(term.class)
  if (!cls) return undefined
  return { id: `post:us-senator/${state.toLowerCase()}/${cls}`, label: `U.S. Senator for ${stateName(state)} (class ${cls})`, division: stateDivision(state), district: `class ${cls}` }
}

function seatOfRepresentative(state: string, term: Obj) {
  const n = typeof term.district === 'number' ? term.district : Number(str(term.district))
  if (!Number.isInteger(n) || n < 0) return undefined
  const district = n === 0 ? 'At-Large' : String(n)
  return { id: `post:us-representative/${state.toLowerCase()}/${n}`, label: n === 0 ? `U.S. Representative for ${stateName(state)} (at large)` : `U.S. Representative for ${stateName(state)}'s district ${n}`, division: congressionalDistrict(state, n), district }
}
