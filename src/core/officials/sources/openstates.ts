/**
 * `openstates-people` (openstates/people, CC0), one person per line of
 * `openstates_current_people.jsonl`: governors and lieutenant governors, state legislators, and
 * the mayors it has. Only roles in force on the import date are kept; other offices (attorney
 * general, secretary of state…) are counted as skipped, not imported.
 */
import { divisionOfJurisdiction, legislativeDistrict, stateDivision, stateName } from '../divisions.ts'
import type { Contact, DirectoryRecord, Organization, Post, PostRole, RowProblem, SourceRef } from '../model.ts'

export const OPENSTATES_DATASET = 'openstates-people'
export const OPENSTATES_FILE = 'openstates_current_people.jsonl'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined)

/** One line's outcome. `skippedRoles` counts roles outside the directory's offices or not in force. */
export type OpenStatesLine =
  | { readonly kind: 'records'; readonly records: readonly DirectoryRecord[]; readonly skippedRoles: number }
  | { readonly kind: 'problem'; readonly problem: RowProblem }

function contactsOf(person: Obj): Contact[] {
  const contacts: Contact[] = []
  const email = str(person.email)
  if (email) contacts.push({ kind: 'email', value: email })
  for (const office of Array.isArray(person.offices) ? person.offices.filter(isObj) : []) {
    const label = str(office.name) ?? (office.classification === 'capitol' ? 'Capitol office' : office.classification === 'district' ? 'District office' : undefined)
    const withLabel = label ? { label } : {}
    const voice = str(office.voice)
    if (voice) contacts.push({ kind: 'phone', value: voice, ...withLabel })
    const address = str(office.address)
    if (address) contacts.push({ kind: 'address', value: address.replace(/;\s*;/g, ';').replace(/;\s*/g, ', '), ...withLabel })
  }
  for (const link of Array.isArray(person.links) ? person.links.filter(isObj) : []) {
    const url = str(link.url)
    if (url) contacts.push({ kind: link.note === 'webform' ? 'webform' : 'website', value: url })
  }
  return contacts
}

interface Seat {
  readonly post: Post
  readonly organization: Organization
}

/** The seat a role names, or undefined for an office the directory does not cover. */
function seatOf(role: Obj, state: string, source: SourceRef): Seat | undefined {
  const type = role.type
  const code = state.toUpperCase()
  const stateId = stateDivision(state)
  const district = str(role.district)
  const org = (id: string, name: string, classification: Organization['classification'], division: string): Organization => ({ kind: 'organization', id, name, classification, division, contacts: [], identifiers: {}, source })
  const post = (id: string, organizationId: string, r: PostRole, label: string, division: string, d?: string): Post => ({ kind: 'post', id, organizationId, role: r, label, division, ...(d ? { district: d } : {}), source })
  if (type === 'governor' || type === 'lt_governor') {
    const organization = org(`state-executive:${state}`, `Executive of ${stateName(code)}`, 'state-executive', stateId)
    const role2: PostRole = type === 'governor' ? 'governor' : 'lieutenant-governor'
    const title = type === 'governor' ? 'Governor' : 'Lieutenant Governor'
    return { organization, post: post(`post:${role2}/${state}`, organization.id, role2, `${title} of ${stateName(code)}`, stateId) }
  }
  if ((type === 'upper' || type === 'lower' || type === 'legislature') && district) {
    const chamber = type === 'lower' ? 'lower' : 'upper'
    const classification = type === 'legislature' ? 'state-legislature' : type === 'upper' ? 'state-upper' : 'state-lower'
    const chamberName = type === 'legislature' ? `${stateName(code)} Legislature` : `${stateName(code)} ${type === 'upper' ? 'Senate' : 'House'}`
    const organization = org(`openstates:${state}/${type}`, chamberName, classification, stateId)
    const r: PostRole = type === 'legislature' ? 'state-legislator' : type === 'upper' ? 'state-senator' : 'state-representative'
    const division = legislativeDistrict(state, chamber, district)
    return { organization, post: post(`post:${r}/${state}/${district.toLowerCase()}`, organization.id, r, `${chamberName}, district ${district}`, division, district) }
  }
  if (type === 'mayor') {
    const division = divisionOfJurisdiction(str(role.jurisdiction) ?? '')
    if (!division) return undefined
    const organization = org(`city-executive:${division}`, `Mayor's office`, 'city-executive', division)
    return { organization, post: post(`post:mayor/${division}`, organization.id, 'mayor', 'Mayor', division) }
  }
  return undefined
}

function inForce(role: Obj, asOf: string): boolean {
  const start = str(role.start_date)
  const end = str(role.end_date)
  return (!start || start <= asOf) && (!end || end > asOf)
}

/**
 * One JSON line to records. Unparseable JSON or a person without id or name is a problem.
 *
 * @example
 * ```ts
 * const out = openStatesLine('{"id":"ocd-person/1","name":"A B","roles":[{"type":"governor","jurisdiction":"ocd-jurisdiction/country:us/state:tx/government"}],"_state":"tx"}', 1, 'abc', '2026-12-05')
 * out.kind // 'records'
 * ```
 */
export function openStatesLine(text: string, line: number, version: string, asOf: string): OpenStatesLine {
  const problem = (message: string): OpenStatesLine => ({ kind: 'problem', problem: { kind: 'row-problem', dataset: OPENSTATES_DATASET, file: OPENSTATES_FILE, line, message } })
  let person: unknown
  try {
    person = JSON.parse(text)
  } catch (error) {
    return problem(`not JSON: ${(error as Error).message}`)
  }
  if (!isObj(person)) return problem('not a JSON object')
  const id = str(person.id)
  const name = str(person.name)
  const state = str(person._state)?.toLowerCase()
  if (!id || !/^ocd-person\/[0-9a-f-]{36}$/.test(id)) return problem('no ocd-person id')
  if (!name) return problem(`${id}: no name`)
  if (!state || !/^[a-z]{2}$/.test(state)) return problem(`${id}: no _state`)
  const source: SourceRef = { dataset: OPENSTATES_DATASET, file: OPENSTATES_FILE, version, line, ...(str(person._path) ? { url: `https://github.com/openstates/people/blob/main/${str(person._path)}` } : {}) }
  const roles = Array.isArray(person.roles) ? person.roles.filter(isObj) : []
  const records: DirectoryRecord[] = []
  let skippedRoles = 0
  for (const role of roles) {
    const seat = inForce(role, asOf) ? seatOf(role, state, source) : undefined
    if (!seat) {
      skippedRoles++
      continue
    }
    const start = str(role.start_date)
    const end = str(role.end_date)
    records.push(seat.organization, seat.post, { kind: 'membership', id: `${id}@${seat.post.id}#${start ?? ''}`, personId: id, postId: seat.post.id, organizationId: seat.organization.id, ...(start ? { startDate: start } : {}), ...(end ? { endDate: end } : {}), source })
  }
  if (records.length === 0) return { kind: 'records', records, skippedRoles }
  const party = Array.isArray(person.party) ? person.party.filter(isObj).map((p) => str(p.name)).find(Boolean) : undefined
  const identifiers: Record<string, string> = {}
  if (isObj(person.ids)) for (const [k, v] of Object.entries(person.ids)) if (str(v)) identifiers[k] = str(v)!
  records.unshift({
    kind: 'person',
    id,
    name,
    ...(str(person.given_name) ? { givenName: str(person.given_name) } : {}),
    ...(str(person.family_name) ? { familyName: str(person.family_name) } : {}),
    ...(party ? { party } : {}),
    ...(str(person.image) ? { image: str(person.image) } : {}),
    contacts: contactsOf(person),
    identifiers,
    source,
  })
  return { kind: 'records', records, skippedRoles }
}
