/**
 * Every county's (and every registry place's) own governing body, from the gazetteer, as an
 * organization with a post even where no dataset names the people: the post says the holders are
 * unknown and why. The curated folder fills them in where someone has sourced them.
 */
import type { DirectoryRecord, SourceRef } from '../model.ts'

export const GAZETTEER_DATASET = 'gazetteer'

export interface GoverningArea {
  readonly division: string
  readonly label: string
  readonly level: 'county' | 'place'
}

/**
 * @example
 * ```ts
 * governingBodies([{ division: 'ocd-division/country:us/state:tx/county:harris', label: 'Harris County, TX', level: 'county' }], 'us-atlas 3.0.1')
 * ```
 */
export function governingBodies(areas: readonly GoverningArea[], version: string): DirectoryRecord[] {
  const source: SourceRef = { dataset: GAZETTEER_DATASET, file: 'us-atlas counties-10m.json', version }
  return areas.flatMap((area): DirectoryRecord[] => {
    const county = area.level === 'county'
    const orgId = `${county ? 'county-board' : 'city-council'}:${area.division}`
    return [
      { kind: 'organization', id: orgId, name: `${area.label}: ${county ? 'county governing body' : 'city council'}`, classification: county ? 'county-board' : 'city-council', division: area.division, contacts: [], identifiers: {}, source },
      {
        kind: 'post',
        id: `post:${county ? 'county-board-member' : 'council-member'}/${area.division}`,
        organizationId: orgId,
        role: county ? 'county-board-member' : 'council-member',
        label: county ? `Member of the ${area.label} governing body` : `Member of the ${area.label} city council`,
        division: area.division,
        holderUnknownReason: county ? 'no public dataset lists the members of county governing bodies, and none has been added for this county' : 'no public dataset lists city council members, and none has been added for this city',
        source,
      },
    ]
  })
}
