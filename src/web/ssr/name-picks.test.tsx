import { describe, expect, it } from 'vitest'
import { answersFor, buildGazetteer, type GazetteerInput } from '../../core/answers/index.ts'
import { createEngine } from '../../core/engine/index.ts'
import { buildNameIndex } from '../../core/names/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow } from '../../adapters/fs/index.ts'
import { decodeCase, encodeCase } from '../shared/case-url.ts'
import { renderDocument } from './document.tsx'
import { comparePage, evaluatePage, jurisdictionPage, searchPage, type PageResult, type SiteContext } from './site.tsx'

const TX = 'ocd-division/country:us/state:tx'
const HARRIS_TX = `${TX}/county:harris`
const HOUSTON_TX = `${TX}/place:houston`

/** Real codes and 2020 Census counts, as us-atlas and us-geo hand them in. */
const GEO: GazetteerInput = {
  states: [
    { fips: '01', name: 'Alabama', population: 5024279 },
    { fips: '13', name: 'Georgia', population: 10711908 },
    { fips: '48', name: 'Texas', population: 29145505 },
  ],
  counties: [
    { geoid: '01069', name: 'Houston', population: 107202 },
    { geoid: '13145', name: 'Harris', population: 34668 },
    { geoid: '13153', name: 'Houston', population: 163633 },
    { geoid: '13215', name: 'Muscogee', population: 206922 },
    { geoid: '48201', name: 'Harris', population: 4731145 },
    { geoid: '48225', name: 'Houston', population: 22066 },
    { geoid: '48453', name: 'Travis', population: 1290188 },
  ],
  places: [
    { geoid: '4835000', name: 'Houston', state: 'TX', countyGeoid: '48201', population: 2304580, type: 'city' },
    { geoid: '1319000', name: 'Columbus', state: 'GA', countyGeoid: '13215', population: 206922, type: 'city' },
    { geoid: '4815976', name: 'Columbus', state: 'TX', countyGeoid: '48089', population: 3699, type: 'city' },
    { geoid: '0116264', name: 'Columbia', state: 'AL', countyGeoid: '01069', population: 740, type: 'town' },
    { geoid: '1317328', name: 'Columbia', state: 'GA', countyGeoid: '13215', population: 1200, type: 'city' },
  ],
}

const registry = await loadRegistryOrThrow(defaultRegistryDir())
const engine = createEngine(registry, { version: 'test' })
const gazetteer = buildGazetteer(registry, GEO)
const ctx: SiteContext = { engine, gazetteer, names: buildNameIndex({ registry, gazetteer }), today: () => '2025-06-01', answers: (date, action, template) => answersFor({ engine, gazetteer, date, action, template }) }

const html = (page: PageResult) => {
  if (page.kind !== 'page') throw new Error(`expected a page, got a redirect to ${page.location}`)
  return renderDocument({ ...page, assets: { script: '/a.js', styles: [], preloads: [], fetches: [] }, versions: { registry: 'r', engine: 'e' } })
}
const caseOf = (page: PageResult) => {
  if (page.kind !== 'redirect') throw new Error(`expected a redirect, got ${page.status}`)
  const decoded = decodeCase(new URL(page.location, 'http://x').searchParams.get('case')!)
  return decoded.kind === 'case' ? (decoded.value as { jurisdiction: string }).jurisdiction : null
}
const form = { run: '1', date: '2019-06-01', custody: 'county-jail' }

describe('the forms resolve typed names with the one resolver', () => {
  it('"Harris County" and "Houston" on /evaluate land in Texas', () => {
    expect(caseOf(evaluatePage(ctx, { ...form, jurisdictionName: 'Harris County' }))).toBe(HARRIS_TX)
    expect(caseOf(evaluatePage(ctx, { ...form, jurisdictionName: 'Houston' }))).toBe(HOUSTON_TX)
    // The state of the page: a form that was showing a Georgia county prefers Georgia's Houston County.
    expect(caseOf(evaluatePage(ctx, { ...form, jurisdiction: `ocd-division/country:us/state:ga/county:muscogee`, jurisdictionName: 'Houston' }))).toBe('ocd-division/country:us/state:ga/county:houston')
    expect(caseOf(evaluatePage(ctx, { ...form, jurisdictionName: 'Houston', state: 'AL' }))).toBe('ocd-division/country:us/state:al/county:houston')
  })
  it('an ambiguous name is a choice of links that work without scripts, never a pick', () => {
    // Columbia, MO is among them since it has a registry file of its own
    const page = evaluatePage(ctx, { ...form, jurisdictionName: 'Columbia' })
    expect(page).toMatchObject({ kind: 'page', status: 400 })
    const h = html(page)
    expect(h).toContain('Choose the jurisdiction you mean')
    const links = [...h.matchAll(/<a href="(\/evaluate\?[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1]!.replace(/&amp;/g, '&'), m[2]])
    expect(links.map((l) => l[1])).toEqual(['Columbia, GA', 'Columbia, AL', 'Columbia, MO', 'Columbia County, FL'])
    // Following a choice picks that one.
    const chosen = Object.fromEntries(new URL(links[1]![0]!, 'http://x').searchParams)
    expect(caseOf(evaluatePage(ctx, chosen))).toBe('ocd-division/country:us/state:al/place:columbia')
  })
  it('an unknown name gets "did you mean" links; an unreal ID in a shared case is refused with suggestions', () => {
    const typo = evaluatePage(ctx, { ...form, jurisdictionName: 'Harriss County' })
    expect(typo).toMatchObject({ status: 404 })
    expect(html(typo)).toContain('>Harris County, TX</a>')
    const nowhere = evaluatePage(ctx, { case: encodeCase({ jurisdiction: 'ocd-division/country:us/state:zz/county:nowhere', date: '2019-06-01' }) })
    expect(nowhere).toMatchObject({ status: 404 })
    expect(html(nowhere)).toContain('no state or district')
    expect(html(evaluatePage(ctx, { case: encodeCase({ jurisdiction: `${TX}/county:hariss`, date: '2019-06-01' }) }))).toContain('>Harris County, TX</a>')
  })
  it('/compare resolves "Harris County" and "Houston" to Texas, and a second name prefers the first one\'s state', () => {
    const r = comparePage(ctx, { j1: '', j1Name: 'Harris County', j2: '', j2Name: 'Houston', date: '2019-06-01' })
    expect(r).toEqual({ kind: 'redirect', status: 303, location: `/compare?${new URLSearchParams({ ids: `${HARRIS_TX},${HOUSTON_TX}`, date: '2019-06-01' })}` })
    const pair = comparePage(ctx, { j1: '', j1Name: 'Travis County', j2: '', j2Name: 'Columbus', date: '2019-06-01' })
    expect(pair.kind === 'redirect' && pair.location).toContain(encodeURIComponent(`${TX}/place:columbus`))
    const choice = comparePage(ctx, { j1: '', j1Name: 'Columbia', j2: '', j2Name: 'Travis County', date: '2019-06-01' })
    expect(choice).toMatchObject({ status: 400 })
    expect(html(choice)).toContain('Choose the jurisdiction you mean')
    expect(comparePage(ctx, { ids: `${HARRIS_TX},ocd-division/country:us/state:zz/county:nowhere` })).toMatchObject({ status: 404 })
  })
  it('a jurisdiction page of no real division is a 404 with "did you mean"', () => {
    const page = (() => {
      try {
        return jurisdictionPage(ctx, `${TX}/county:hariss`, {})
      } catch (e) {
        return e as Error
      }
    })()
    expect(page).toMatchObject({ code: 'not-found', message: expect.stringContaining('did you mean Harris County, TX') })
  })
  it('search lists places, the resolution and laws', () => {
    const h = html(searchPage(ctx, { q: 'Houston' }))
    expect(h).toContain('is Houston, TX')
    expect(html(searchPage(ctx, { q: 'SB 54' }))).toContain('California Values Act')
    expect(html(searchPage(ctx, { q: 'Harriss' }))).toContain('Did you mean')
  })
})
