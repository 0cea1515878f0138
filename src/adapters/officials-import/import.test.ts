import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildGazetteer, type Gazetteer } from '../../core/answers/index.ts'
import type { Registry } from '../../core/registry/index.ts'
import { databaseView, latestImports, tableCounts, testTargets, whoDecidesFor, zipAreas } from '../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../fs/index.ts'
import { defaultSharedDataDir, GAZETTEER_VERSION, importOfficials } from './index.ts'

const HARRIS = 'ocd-division/country:us/state:tx/county:harris'

// Small files in each dataset's real layout; the names and numbers are made up.
const FIXTURES: Record<string, string> = {
  'congress-legislators/MANIFEST.tsv': '1\tx\tunitedstates/congress-legislators\tc0ffee\tlegislators-current.yaml\tlegislators-current.yaml\n',
  'congress-legislators/legislators-current.yaml': `- id: { bioguide: T000001 }
  name: { first: Test, last: Senator, official_full: Test Senator }
  terms:
  - { type: sen, start: '2019-01-03', end: '2031-01-03', state: TX, class: 2, party: Independent, phone: 202-224-0001 }
`,
  'openstates-people/openstates_current_people.jsonl': `${JSON.stringify({ id: 'ocd-person/00000000-0000-4000-8000-000000000001', name: 'Test Governor', party: [{ name: 'Independent' }], roles: [{ start_date: '2015-01-20', type: 'governor', jurisdiction: 'ocd-jurisdiction/country:us/state:tx/government' }], offices: [{ classification: 'capitol', voice: '512-555-0100' }], _state: 'tx' })}\nnot json\n`,
  'hifld-law-enforcement/local_law_enforcement_locations.csv': `ID,NAME,ADDRESS,CITY,STATE,ZIP,TELEPHONE,TYPE,STATUS,COUNTY,COUNTYFIPS,WEBSITE
1,HARRIS COUNTY SHERIFFS OFFICE,1 MAIN ST,HOUSTON,TX,77002,(713) 555-0100,SHERIFF'S OFFICE,OPEN,HARRIS,48201,NOT AVAILABLE
2,NOWHERE SHERIFFS OFFICE,1 MAIN ST,NOWHERE,ZZ,00000,(000) 555-0100,SHERIFF'S OFFICE,OPEN,NOWHERE,99999,NOT AVAILABLE
`,
  'us-geo/data/2020_dist/zcta_counties.csv': 'ZCTA5,County GEOID,Land Area,Water Area\n77002,48201,1.97,0.04\n77447,48201,300,1\n77447,48473,100,1\n',
  'us-geo/data/2020_dist/zcta_places.csv': 'ZCTA5,Place GEOID,Land Area,Water Area\n77002,4835000,1.97,0.04\n',
  'us-geo/data/2020_dist/places.csv': 'GEOID,GNIS ID,Name,Short Name,State\n4835000,1,City of Houston,Houston,TX\n',
  'curated/us/state-tx/county-harris.yaml': `division: ${HARRIS}
officials:
  - role: sheriff
    name: Test Sheriff
    since: 2021-01-01
    sources:
      - url: https://example.gov/sheriff
        quote: Test Sheriff took office
        retrieved: 2026-12-06
`,
}

let root: string
let registry: Registry
let gazetteer: Gazetteer

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'officials-import-'))
  for (const [path, text] of Object.entries(FIXTURES)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
  registry = await loadRegistryOrThrow(defaultRegistryDir())
  gazetteer = buildGazetteer(registry, (await loadUsAtlas()).input)
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe.each(testTargets())('importing the directory on $name', (target) => {
  it('imports every dataset, counts the rows it could not use, and answers who decides in Harris County', async () => {
    const database = await target.open()
    try {
      const options = { from: root, curatedDir: join(root, 'curated'), gazetteer, gazetteerVersion: GAZETTEER_VERSION, asOf: '2026-12-06', only: ['congress-legislators', 'openstates-people', 'hifld-law-enforcement', 'us-geo', 'curated'] }
      const outcomes = await importOfficials(database, options)
      expect(outcomes.map((o) => (o.kind === 'imported' ? [o.summary.dataset, o.summary.problems] : [o.dataset, o.reason]))).toEqual([
        ['congress-legislators', 0],
        ['openstates-people', 1],
        ['hifld-law-enforcement', 1],
        ['us-geo', 0],
        ['curated', 0],
      ])
      const { import_runs: runs, ...counts } = await tableCounts(database)
      await importOfficials(database, options)
      expect(await tableCounts(database)).toEqual({ ...counts, import_runs: runs * 2 })
      expect((await latestImports(database)).find((i) => i.dataset === 'openstates-people')?.problem_sample[0]).toMatchObject({ line: 2 })

      const who = await whoDecidesFor(databaseView(database), registry, gazetteer, HARRIS, '2026-12-06')
      const body = (key: string) => who.bodies.find((b) => b.key === key)!
      expect(body('sheriff').offices[0]).toMatchObject({ name: 'Harris County Sheriffs Office', contacts: expect.arrayContaining([{ kind: 'phone', value: '(713) 555-0100' }]) })
      expect(body('sheriff').seats[0]?.holders.map((h) => [h.person.name, h.person.source.url])).toEqual([['Test Sheriff', 'https://example.gov/sheriff']])
      expect(body('congress').seats.flatMap((s) => s.holders.map((h) => h.person.name))).toEqual(['Test Senator'])
      expect(body('state-executive').seats[0]?.holders[0]?.person.name).toBe('Test Governor')
      expect((await zipAreas(database, '77447')).filter((a) => a.level === 'county').map((a) => a.name)).toEqual(['Harris County, TX', 'Waller County, TX'])
    } finally {
      await database.close()
    }
  }, 60_000)
})

const shared = defaultSharedDataDir()
describe.runIf(shared && existsSync(join(shared, 'hifld-law-enforcement')))('importing the real shared datasets', () => {
  it("reaches Harris County's sheriff's office with a phone and Texas's two U.S. senators", async () => {
    const [pglite] = testTargets()
    const database = await pglite!.open()
    try {
      const outcomes = await importOfficials(database, { from: shared, gazetteer, gazetteerVersion: GAZETTEER_VERSION, asOf: '2026-12-06', only: ['congress-legislators', 'openstates-people', 'hifld-law-enforcement'] })
      for (const o of outcomes) expect(o.kind).toBe('imported')
      const who = await whoDecidesFor(databaseView(database), registry, gazetteer, HARRIS, '2026-12-06')
      const body = (key: string) => who.bodies.find((b) => b.key === key)!
      expect(body('sheriff').offices.flatMap((o) => o.contacts.filter((c) => c.kind === 'phone'))).not.toEqual([])
      expect(body('congress').seats.filter((s) => s.post.role === 'us-senator').flatMap((s) => s.holders)).toHaveLength(2)
      expect(body('state-executive').seats.find((s) => s.post.role === 'governor')?.holders).toHaveLength(1)
    } finally {
      await database.close()
    }
  }, 120_000)
})
