import { beforeAll, describe, expect, it } from 'vitest'
import { answersFor, buildGazetteer, type GazetteerInput } from '../../core/answers/index.ts'
import { buildNameIndex } from '../../core/names/index.ts'
import { createEngine, type Engine } from '../../core/engine/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { buildRegistry, publicTextProblems, type Registry } from '../../core/registry/index.ts'
import { CASE_TEMPLATES, templateFacts } from '../../core/answers/index.ts'
import type { Timeline } from '../components/timeline.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../../adapters/fs/index.ts'
import { loadUsAtlas } from '../../adapters/fs/atlas.ts'
import { fixtureFiles } from '../../testing/fixture-registry.ts'
import { decodeCase, encodeCase } from '../shared/case-url.ts'
import { renderDocument } from './document.tsx'
import { comparePage, downloadsPage, evaluatePage, jurisdictionPage, mapPage, searchPage, type PageResult, type SiteContext } from './site.tsx'

const TODAY = '2025-06-01'
const assets = { script: '/assets/page.js', styles: ['/assets/styles.css'], preloads: [], fetches: [] }

function siteContext(registry: Registry, input: GazetteerInput): SiteContext {
  const engine: Engine = createEngine(registry, { version: 'test' })
  const gazetteer = buildGazetteer(registry, input)
  return {
    engine,
    gazetteer,
    names: buildNameIndex({ registry, gazetteer }),
    today: () => TODAY,
    answers: (date, action, template, assume) => answersFor({ engine, gazetteer, date, action, template, ...(assume ? { assume } : {}) }),
  }
}

function html(page: PageResult): string {
  if (page.kind !== 'page') throw new Error(`expected a page, got a redirect to ${page.location}`)
  return renderDocument({ ...page, assets, versions: { registry: 'r', engine: 'e' } })
}

/** Text of the page without tags, entities decoded: what a reader sees. */
function text(page: PageResult): string {
  return html(page)
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

describe('pages rendered on the server from the shipped registry', () => {
  let ctx: SiteContext
  beforeAll(async () => {
    ctx = siteContext(await loadRegistryOrThrow(defaultRegistryDir()), (await loadUsAtlas()).input)
  })

  it('renders a jurisdiction page with its provisions, citations and sources', () => {
    const id = 'ocd-division/country:us/state:il/county:cook'
    const cook = ctx.engine.registry.jurisdictions.get(id)!
    const page = jurisdictionPage(ctx, id, { date: '2019-06-01' })
    expect(page).toMatchObject({ kind: 'page', status: 200, title: 'Cook County', canonical: `/jurisdictions/${id}` })
    const t = text(page)
    expect(t).toContain('What the law says on 1 June 2019')
    // Every provision of the file, with its summary and every source quote and URL.
    for (const e of cook.enactments) {
      expect(t).toContain(e.title)
      if (e.citation.kind === 'known') expect(t).toContain(e.citation.value)
      for (const p of e.provisions) {
        expect(html(page)).toContain(`id="provision-${p.id}"`)
        expect(t).toContain(p.summary)
        for (const s of p.sources) {
          expect(t).toContain(s.quote)
          expect(t).toContain(s.url)
        }
      }
    }
    // The answer for holds on 2019-06-01 and the state law above that decided it too.
    expect(t).toMatch(/Hold past release on the detainer Case Answer In plain words Decided by No criminal record, administrative detainer \(I-247A\) Assumes: no judicial finding of probable cause; no reimbursement agreement; [^.]+\. Open in the evaluator Prohibited The jail must not hold/)
    expect(t).toContain('Illinois TRUST Act')
    expect(t).toContain('Timeline of enactments')
  })

  it('shows a county without a file the state and federal law that reach it', () => {
    const page = jurisdictionPage(ctx, 'ocd-division/country:us/state:ca/county:kern', { date: '2019-06-01' })
    expect(page).toMatchObject({ kind: 'page', status: 200, title: 'Kern County, CA', entry: 'jurisdiction' })
    const t = text(page)
    expect(t).toContain('The registry has no file for Kern County, CA')
    expect(t).toContain('California Values Act')
    expect(t).not.toContain('ca-sb54-hold')
    expect(t).toMatch(/State law: California/)
  })

  it("names a city with its own law but no recorded jail county on the pages of the counties its entry names", () => {
    // Chicago's entry names Cook (17031) and DuPage (17043); its jail county is not recorded.
    const cook = text(jurisdictionPage(ctx, 'ocd-division/country:us/state:il/county:cook', { date: '2019-06-01' }))
    expect(cook).toMatch(/A city with its own law lies partly in this county, but the registry does not record which county's jail holds its arrestees/)
    expect(cook).toContain('Chicago — The Census place-county crosswalk puts Chicago in two counties')
    const travis = text(jurisdictionPage(ctx, 'ocd-division/country:us/state:tx/county:travis', { date: '2019-06-01' }))
    expect(travis).toMatch(/lies partly in this county[^.]*\. The answers above are for the county's own jail/)
    expect(travis).toContain('Austin —')
    // A county of the state that the entry does not name gets one line, without the claim.
    const lake = text(jurisdictionPage(ctx, 'ocd-division/country:us/state:il/county:lake', { date: '2019-06-01' }))
    expect(lake).not.toContain('lies partly in this county')
    expect(lake).toContain('a city with its own law has no recorded jail county: Chicago')
    // A county of a state with no such city: nothing.
    expect(text(jurisdictionPage(ctx, 'ocd-division/country:us/state:ca/county:fresno', {}))).not.toContain('no recorded jail county')
    // The registry's own jail county is never set by this: Chicago's page still says it is unknown.
    expect(text(jurisdictionPage(ctx, 'ocd-division/country:us/state:il/place:chicago', {}))).toMatch(/Jail: unknown \(The Census place-county crosswalk/)
  })

  it("lists on the timeline every enactment whose provisions the engine applies, the state's included (Travis County and Texas SB 4)", () => {
    const id = 'ocd-division/country:us/state:tx/county:travis'
    const page = jurisdictionPage(ctx, id, {})
    if (page.kind !== 'page') throw new Error('expected a page')
    const timeline = (page.data as { timeline: Timeline }).timeline
    const listed = new Set(timeline.events.map((e) => e.enactment))
    for (const date of ['2017-06-01', '2017-09-10', '2017-10-01', '2019-06-01', '2025-01-01']) {
      for (const t of CASE_TEMPLATES) {
        const ev = ctx.engine.evaluate({ jurisdiction: id, date, ...templateFacts(t.id, date), custody: 'county-jail' })
        for (const entry of ev.trace) expect(listed, `${entry.provision} (${entry.layer}) on ${date}`).toContain(entry.enactment)
      }
    }
    expect(listed).toContain('tx-sb4')
    const t = text(page)
    expect(t).toMatch(/1 September 2017 SB 4 \(85R\)[^|]*? State law \(Texas\) in force/)
    expect(t).toMatch(/25 September 2017 SB 4 \(85R\)[^|]*? State law \(Texas\) no longer enjoined \(some provisions\)/)
  })

  it('dates Arizona SB 1070 on Maricopa County’s page: in force from 29 July 2010', () => {
    const page = jurisdictionPage(ctx, 'ocd-division/country:us/state:az/county:maricopa', { date: '2015-01-01' })
    const t = text(page)
    expect(t).toContain('29 July 2010 Support Our Law Enforcement and Safe Neighborhoods Act (SB 1070) State law (Arizona) in force')
    expect(t).toContain('28 July 2010 Support Our Law Enforcement and Safe Neighborhoods Act (SB 1070) State law (Arizona) enjoined (some provisions)')
    expect(t).not.toMatch(/Not known Support Our Law Enforcement/)
    // In force on the page's date, not "not known".
    expect(t).toMatch(/State law Support Our Law Enforcement and Safe Neighborhoods Act \(SB 1070\) prohibits: No state or local official[^.]*\. Overrides contrary local rules/)
  })

  it('prints no internal tool, file path or registry id on any jurisdiction page or the other pages', () => {
    const registry = ctx.engine.registry
    const ids = new Set([...registry.enactments.keys(), ...registry.provisions.keys(), ...registry.offenseClasses.keys()])
    const pages = [...registry.jurisdictions.keys(), 'ocd-division/country:us/state:az/county:maricopa', 'ocd-division/country:us/state:ca/county:fresno']
    const found: string[] = []
    for (const id of pages) {
      // Links are printed as their addresses; an address is not prose.
      const prose = text(jurisdictionPage(ctx, id, { date: '2018-06-01' })).replace(/https?:\/\/\S+/g, ' ')
      for (const problem of publicTextProblems(prose, ids)) found.push(`${id}: ${problem}`)
    }
    for (const [name, page] of [
      ['map', mapPage(ctx, { date: '2019-06-01' })],
      ['search', searchPage(ctx, { q: 'Travis' })],
      ['downloads', downloadsPage(ctx)],
      ['compare', comparePage(ctx, { ids: 'ocd-division/country:us/state:ca,ocd-division/country:us/state:tx/county:travis', date: '2017-09-10' })],
      ['evaluate', evaluatePage(ctx, { jurisdiction: 'ocd-division/country:us/state:tx/county:travis', date: '2017-09-10' })],
    ] as const) {
      // The site's own public addresses (/openapi.json) are links, not file paths.
      const prose = text(page).replace(/https?:\/\/\S+|\/openapi\.json|openapi\.json/g, ' ')
      for (const problem of publicTextProblems(prose, ids)) found.push(`${name}: ${problem}`)
    }
    expect(found).toEqual([])
  })

  it('refuses an unknown jurisdiction with not-found', () => {
    expect(() => jurisdictionPage(ctx, 'ocd-division/country:us/state:ca/county:atlantis', {})).toThrow(AppError)
    expect(() => jurisdictionPage(ctx, 'not-an-id', {})).toThrow(/not a U.S. OCD division ID/)
  })

  it('renders the map page with the legend counts and table of the answers', () => {
    const page = mapPage(ctx, { date: '2019-06-01', action: 'hold', template: 'no-record', state: 'ca' })
    if (page.kind !== 'page') throw new Error('redirect')
    const answers = answersFor({ engine: ctx.engine, gazetteer: ctx.gazetteer, date: '2019-06-01', action: 'hold', template: 'no-record' })
    const data = page.data as { summary: { byValue: Record<string, number> }; table: { kind: string; rows: { geoid: string }[] } }
    expect(data.summary.byValue).toEqual({ prohibited: answers.counts.prohibited, required: answers.counts.required, permitted: answers.counts.permitted, undetermined: answers.counts.undetermined })
    expect(data.table.kind).toBe('counties')
    expect(data.table.rows).toHaveLength(answers.counties.filter((c) => c.state === 'CA').length)
    expect(page.fetches).toEqual(['/api/v1/answers/places', '/api/v1/answers?date=2019-06-01&action=hold&template=no-record&format=compact'])
    const t = text(page)
    expect(t).toContain('counties of California')
    expect(t).toMatch(/Alpine Prohibited evaluator State law \(California\)/)
    // Illinois: Chicago, whose jail county is not recorded, is said once above the table and beside the counties its entry names.
    const il = text(mapPage(ctx, { date: '2019-06-01', state: 'IL' }))
    expect(il).toContain('A city in Illinois with its own law whose jail county the registry does not record')
    expect(il).toMatch(/Cook own file Prohibited [^|]*? Chicago \(jail county not recorded\)/)
    expect(il).toMatch(/DuPage Prohibited [^|]*? Chicago \(jail county not recorded\)/)
    const unplaced = (page.data as { unplaced: { name: string; counties: string[] }[] }).unplaced
    // Hand-written cities first; the 287(g) importer's cities follow (ICE's list names no jail county either).
    expect(unplaced.filter((c) => ['Chicago', 'New York City', 'Austin'].includes(c.name)).map((c) => [c.name, c.counties])).toEqual([
      ['Chicago', ['17031', '17043']],
      ['New York City', ['36005', '36047', '36061', '36081', '36085']],
      ['Austin', ['48021', '48209', '48453', '48491']],
    ])
    // The states table: singular and plural, and the territories marked as not drawn.
    const all = text(mapPage(ctx, { date: '2019-06-01' }))
    expect(all).toContain('List 1 county of District of Columbia')
    expect(all).toContain('List 58 counties of California')
    expect(all).not.toMatch(/\b1 counties\b/)
    expect(all).toMatch(/American Samoa not on the map/)
    expect(all).toMatch(/Puerto Rico not on the map/)
    expect(all).not.toMatch(/California not on the map/)
    expect(all).toContain('The counts include 89 county-equivalents of the territories, which the map does not draw')
    expect(() => mapPage(ctx, { date: '2019-02-30' })).toThrow(/not a real calendar date/)
    expect(() => mapPage(ctx, { action: 'detain' })).toThrow(/not an action/)
    expect(() => mapPage(ctx, { template: 'x' })).toThrow(/not a case template/)
  })

  it('answers an evaluator URL on the first response and redirects a plain form to it', () => {
    const c = { jurisdiction: 'ocd-division/country:us/state:tx/county:travis', date: '2019-06-01', custody: 'county-jail', detainer: { form: 'I-247A', judicialWarrant: false }, person: { convictions: [] } }
    const page = evaluatePage(ctx, { case: encodeCase(c) })
    expect(page).toMatchObject({ kind: 'page', status: 200 })
    const t = text(page)
    expect(t).toContain('Answer for Travis County, TX on 1 June 2019')
    const evaluation = ctx.engine.evaluate(c)
    expect(t).toContain(evaluation.answers.hold.citations[0]!.title)
    expect(t).toContain(evaluation.answers.hold.citations[0]!.url)

    const bad = evaluatePage(ctx, { case: encodeCase({ ...c, date: '2019-13-01' }) })
    expect(bad).toMatchObject({ kind: 'page', status: 400 })
    expect(text(bad)).toContain('The case could not be evaluated')
    expect(evaluatePage(ctx, { case: '%%' })).toMatchObject({ status: 400 })

    const redirect = evaluatePage(ctx, { run: '1', jurisdictionName: 'Travis County', date: '2019-06-01', custody: 'county-jail', convictionsKnown: 'yes', 'c0.category': 'robbery', 'c0.level': 'felony' })
    if (redirect.kind !== 'redirect') throw new Error('expected a redirect')
    expect(decodeCase(new URL(redirect.location, 'http://x').searchParams.get('case')!)).toEqual({
      kind: 'case',
      value: { jurisdiction: 'ocd-division/country:us/state:tx/county:travis', date: '2019-06-01', custody: 'county-jail', person: { convictions: [{ category: 'robbery', level: 'felony' }] } },
    })
    expect(evaluatePage(ctx, { run: '1', jurisdictionName: 'Nowhere at all', date: '2019-06-01' })).toMatchObject({ status: 404 })
  })

  it('compares jurisdictions side by side and resolves names from the form', () => {
    const ids = ['ocd-division/country:us/state:ca/county:san_francisco', 'ocd-division/country:us/state:il/county:cook']
    const page = comparePage(ctx, { ids: ids.join(','), date: '2019-06-01' })
    const t = text(page)
    expect(t).toContain('San Francisco (City and County), CA · Cook County, IL, as of 1 June 2019')
    expect(t).toContain('Detainer holds')
    expect(t).toContain('California Values Act')
    // The federal baseline reaches both: its provisions are listed once, not in each column.
    expect(t).toContain('Common to all: the federal baseline')
    const federal = ctx.engine.registry.jurisdictions.get('ocd-division/country:us')!
    const summary = federal.enactments.flatMap((e) => e.provisions).find((p) => p.action === 'detainer-hold')!.summary
    expect(t.split(summary).length - 1).toBe(1)
    // Two counties of one state share its law too.
    const ca = text(comparePage(ctx, { ids: 'ocd-division/country:us/state:ca/county:san_francisco,ocd-division/country:us/state:ca/county:kern', date: '2019-06-01' }))
    expect(ca).toContain('Common to all: the federal baseline, state law of California')
    expect(ca).toContain('Where they differ')
    expect(ca).toContain('no file beyond the common layers')
    expect(comparePage(ctx, { j1: '', j1Name: 'SF', j2: '', j2Name: 'Cook County, IL', date: '2019-06-01' })).toEqual({ kind: 'redirect', status: 303, location: `/compare?${new URLSearchParams({ ids: ids.join(','), date: '2019-06-01' })}` })
    expect(comparePage(ctx, { ids: `${ids[0]},ocd-division/country:us/state:ca/county:atlantis` })).toMatchObject({ status: 404 })
  })

  it('finds jurisdictions by alias', () => {
    for (const [q, id] of [
      ['SF', 'ocd-division/country:us/state:ca/county:san_francisco'],
      ['San Francisco County', 'ocd-division/country:us/state:ca/county:san_francisco'],
      ['Cook', 'ocd-division/country:us/state:il/county:cook'],
    ] as const) {
      const page = searchPage(ctx, { q })
      expect(html(page)).toContain(`href="/jurisdictions/${id}"`)
    }
  })

  it('links the downloads to the export endpoints', () => {
    const h = html(downloadsPage(ctx))
    for (const f of ['csv', 'json', 'geojson']) {
      expect(h).toContain(`href="/api/v1/export/registry?format=${f}"`)
      expect(h).toContain(`href="/api/v1/answers?date=${TODAY}&amp;action=hold&amp;template=no-record&amp;format=${f}&amp;download=true"`)
    }
  })
})

describe('registry text is never markup', () => {
  it('escapes a registry string holding a script in the page and in the page data', () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    const files = fixtureFiles().map((f) =>
      f.path === 'us/state-zz/county-alpha.yaml'
        ? { ...f, text: f.text.replace('summary: The county jail does not hold people on detainers.', `summary: '${evil}'`).replace('title: Alpha County jail policy', `title: 'Alpha </script><script>alert(2)</script>'`) }
        : f,
    )
    const { registry } = buildRegistry(files)
    if (!registry) throw new Error('fixture did not build')
    const ctx = siteContext(registry, { states: [{ fips: '97', name: 'Fixture State Z', code: 'ZZ' }], counties: [{ geoid: '97001', name: 'Alpha' }] })
    const page = jurisdictionPage(ctx, 'ocd-division/country:us/state:zz/county:alpha', { date: '2017-01-01' })
    const h = html(page)
    expect(h).not.toContain('<script>alert')
    expect(h).not.toContain('<img src=x')
    expect(h).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>')
    // Exactly the two script elements the document writes: the module and the inert JSON.
    expect(h.match(/<script/g)).toHaveLength(2)
    expect(h).toContain('<script type="application/json" id="page-data">')
    expect(h).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(2)')
    expect(text(page)).toContain(evil)
  })
})
