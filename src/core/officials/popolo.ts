/**
 * The directory as Popolo JSON (https://www.popoloproject.com/specs/): persons, organizations,
 * posts and memberships with Popolo's field names, each keeping its source. Pure mapping of one
 * record at a time, so that the export can stream the whole directory.
 */
import type { Contact, DirectoryRecord, SourceRef } from './model.ts'

/** Popolo's four collections, in the order the export writes them. */
export const POPOLO_COLLECTIONS = ['persons', 'organizations', 'posts', 'memberships'] as const
export type PopoloCollection = (typeof POPOLO_COLLECTIONS)[number]

const COLLECTION_OF: Readonly<Record<DirectoryRecord['kind'], PopoloCollection>> = { person: 'persons', organization: 'organizations', post: 'posts', membership: 'memberships' }

function contactDetails(contacts: readonly Contact[]) {
  return contacts.map((c) => ({ type: c.kind === 'website' ? 'url' : c.kind, value: c.value, ...(c.label ? { label: c.label } : {}) }))
}

function identifiers(ids: Readonly<Record<string, string>>) {
  return Object.entries(ids).map(([scheme, identifier]) => ({ scheme, identifier }))
}

function sources(s: SourceRef) {
  const note = `${s.dataset}: ${s.file}${s.line ? ` line ${s.line}` : ''} (version ${s.version})${s.quote ? ` — "${s.quote}"` : ''}`
  return [{ ...(s.url ? { url: s.url } : {}), note }]
}

/**
 * One record in Popolo's shape, with the collection it belongs to.
 *
 * @example
 * ```ts
 * toPopolo(person) // { collection: 'persons', item: { id: 'bioguide:C001098', name: 'Ted Cruz', … } }
 * ```
 */
export function toPopolo(record: DirectoryRecord): { readonly collection: PopoloCollection; readonly item: Readonly<Record<string, unknown>> } {
  const collection = COLLECTION_OF[record.kind]
  switch (record.kind) {
    case 'person':
      return { collection, item: { id: record.id, name: record.name, ...(record.givenName ? { given_name: record.givenName } : {}), ...(record.familyName ? { family_name: record.familyName } : {}), ...(record.image ? { image: record.image } : {}), ...(record.party ? { party: record.party } : {}), contact_details: contactDetails(record.contacts), identifiers: identifiers(record.identifiers), sources: sources(record.source) } }
    case 'organization':
      return { collection, item: { id: record.id, name: record.name, classification: record.classification, area_id: record.division, contact_details: contactDetails(record.contacts), identifiers: identifiers(record.identifiers), sources: sources(record.source) } }
    case 'post':
      return { collection, item: { id: record.id, label: record.label, role: record.role, organization_id: record.organizationId, area_id: record.division, ...(record.district ? { district: record.district } : {}), ...(record.holderUnknownReason ? { holder_unknown_reason: record.holderUnknownReason } : {}), sources: sources(record.source) } }
    case 'membership':
      return { collection, item: { id: record.id, person_id: record.personId, post_id: record.postId, ...(record.organizationId ? { organization_id: record.organizationId } : {}), ...(record.startDate ? { start_date: record.startDate } : {}), ...(record.endDate ? { end_date: record.endDate } : {}), sources: sources(record.source) } }
  }
}

/**
 * Streams Popolo JSON text for records given collection by collection (persons, then
 * organizations, posts, memberships), as `directoryRecords` yields them.
 *
 * @example
 * ```ts
 * for await (const chunk of popoloChunks(directoryRecords(database), meta)) res.write(chunk)
 * ```
 */
export async function* popoloChunks(records: AsyncIterable<DirectoryRecord>, meta: Readonly<Record<string, unknown>>): AsyncGenerator<string> {
  yield `{"meta":${JSON.stringify(meta)}`
  let open: PopoloCollection | undefined
  let first = true
  const written = new Set<PopoloCollection>()
  let buffer = ''
  for await (const record of records) {
    const { collection, item } = toPopolo(record)
    if (collection !== open) {
      if (open) buffer += ']'
      buffer += `,"${collection}":[`
      open = collection
      written.add(collection)
      first = true
    }
    buffer += `${first ? '' : ','}${JSON.stringify(item)}`
    first = false
    if (buffer.length > 65536) {
      yield buffer
      buffer = ''
    }
  }
  if (open) buffer += ']'
  for (const c of POPOLO_COLLECTIONS) if (!written.has(c)) buffer += `,"${c}":[]`
  yield `${buffer}}`
}
