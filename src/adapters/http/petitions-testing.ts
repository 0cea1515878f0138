/**
 * Test helpers for the petitions routes: a small directory fixture (Harris County's sheriff's post
 * as the HIFLD importer makes it, the real curated entry for its holder, and ZIP areas), an app
 * with an outbox in a temporary folder, the links read back from the outbox, and a PDF reader that
 * checks the cross-reference table and pulls the text out of the content streams.
 */
import { readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { curatedRecords, type DirectoryRecord, type SourceRef, type ZipArea } from '../../core/officials/index.ts'
import { startImport, type Database } from '../db/index.ts'
import { mailBody, readOutbox } from '../mail/index.ts'

export const HARRIS = 'ocd-division/country:us/state:tx/county:harris'
export const FORT_BEND = 'ocd-division/country:us/state:tx/county:fort_bend'
export const HARRIS_SHERIFF = `post:sheriff/${HARRIS}`
const hifld: SourceRef = { dataset: 'hifld-law-enforcement', file: 'local_law_enforcement_locations.csv', version: 'fixture', line: 2 }
const zcta = (file: string): SourceRef => ({ dataset: 'us-geo', file, version: 'fixture', line: 2 })
const curated = curatedRecords([{ path: 'us/state-tx/county-harris.yaml', text: readFileSync(new URL('../../../officials/us/state-tx/county-harris.yaml', import.meta.url), 'utf8') }], 'fixture')

/** Harris County's sheriff (a made-up phone), the curated holder, and ZIP areas: 77002 in Houston, 77477 split between Fort Bend and Harris. */
export const PETITION_RECORDS: (DirectoryRecord | ZipArea)[] = [
  { kind: 'organization', id: 'hifld:harris-so', name: 'Harris County Sheriffs Office', classification: 'sheriff-office', division: HARRIS, contacts: [{ kind: 'phone', value: '(713) 555-0100' }], identifiers: {}, source: hifld },
  { kind: 'post', id: HARRIS_SHERIFF, organizationId: 'hifld:harris-so', role: 'sheriff', label: 'Sheriff of Harris County, TX', division: HARRIS, source: hifld },
  ...curated.records,
  { kind: 'zip-area', zip: '77002', level: 'county', geoid: '48201', name: 'Harris County, TX', division: HARRIS, landArea: 4.8, source: zcta('data/2020_dist/zcta_counties.csv') },
  { kind: 'zip-area', zip: '77002', level: 'place', geoid: '4835000', name: 'Houston city, TX', division: 'ocd-division/country:us/state:tx/place:houston', landArea: 4.8, source: zcta('data/2020_dist/zcta_places.csv') },
  { kind: 'zip-area', zip: '77477', level: 'county', geoid: '48157', name: 'Fort Bend County, TX', division: FORT_BEND, landArea: 40, source: zcta('data/2020_dist/zcta_counties.csv') },
  { kind: 'zip-area', zip: '77477', level: 'county', geoid: '48201', name: 'Harris County, TX', division: HARRIS, landArea: 2, source: zcta('data/2020_dist/zcta_counties.csv') },
]

/** Loads the fixture directory. */
export async function loadPetitionFixture(database: Database): Promise<void> {
  if (curated.diagnostics.length) throw new Error(`curated Harris file: ${JSON.stringify(curated.diagnostics)}`)
  const run = await startImport(database, 'fixture', '2026-12-07')
  await run.write(PETITION_RECORDS)
  await run.finish([], { records: PETITION_RECORDS.length })
}

/** The links of every message in the outbox whose recipient is `to`, oldest first. */
export async function outboxLinks(dir: string, to: string): Promise<string[]> {
  const messages = await readOutbox(dir)
  return messages.filter((m) => new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(m.text)).flatMap((m) => mailBody(m.text).match(/https?:\/\/\S+/g) ?? [])
}

/** The token of a link. */
export const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? ''

/**
 * Reads a PDF as a reader would start to: the trailer's `startxref` must point at the `xref`
 * table, every in-use entry at its `n 0 obj`, the trailer must name a /Root; then the text shown
 * by every (Flate-compressed) content stream, from its hex strings. Throws when the file does not parse.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1')
  if (!raw.startsWith('%PDF-')) throw new Error('no %PDF- header')
  if (!/%%EOF\s*$/.test(raw)) throw new Error('no %%EOF at the end')
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw)?.[1])
  if (!Number.isInteger(start) || raw.slice(start, start + 4) !== 'xref') throw new Error('startxref does not point at the xref table')
  const table = /^xref\s+(\d+)\s+(\d+)\s+/.exec(raw.slice(start))
  if (!table) throw new Error('unreadable xref header')
  const [first, count] = [Number(table[1]), Number(table[2])]
  const entries = raw.slice(start + table[0].length).split(/\r?\n/).slice(0, count)
  entries.forEach((line, i) => {
    const m = /^(\d{10}) (\d{5}) ([nf])/.exec(line.trim())
    if (!m) throw new Error(`xref entry ${i} unreadable: ${line}`)
    if (m[3] === 'n' && !raw.startsWith(`${first + i} 0 obj`, Number(m[1]))) throw new Error(`object ${first + i} is not at offset ${Number(m[1])}`)
  })
  if (!/trailer\s*<<[\s\S]*\/Root \d+ 0 R/.test(raw.slice(start))) throw new Error('trailer names no /Root')
  const text: string[] = []
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    let content: string
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1')
    } catch {
      continue
    }
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|-?[\d.]+|\s)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('') : op[2]!
      text.push(Buffer.from(hex, 'hex').toString('latin1'))
    }
  }
  return text.join('\n')
}
