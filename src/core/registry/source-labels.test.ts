import { describe, expect, it } from 'vitest'
import { checkSourceLabels, isLowReliabilityHost, isOfficialHost } from './source-labels.ts'

describe('isOfficialHost', () => {
  it.each([
    'https://leginfo.legislature.ca.gov/faces/codes.xhtml',
    'https://www.ecfr.gov/current/title-8/section-287.7',
    'https://www.leg.state.nv.us/NRS/',
    'https://codelibrary.amlegal.com/codes/san_francisco/latest/sf_admin/0-0-0-1',
    'https://github.com/DCCouncil/law-xml/blob/main/dc/council/code/titles/24/sections/24-211.07.xml',
  ])('accepts %s', (url) => expect(isOfficialHost(url)).toBe(true))

  it.each([
    'https://law.justia.com/codes/california/',
    'https://casetext.com/statute/x',
    'https://github.com/someone/mirror-of-dc-code',
    'https://notagov.example/gov',
    'not a url',
  ])('refuses %s', (url) => expect(isOfficialHost(url)).toBe(false))
})

describe('checkSourceLabels', () => {
  const run = (value: unknown) => {
    const problems: string[] = []
    checkSourceLabels(value, (path, message) => problems.push(`${path.join('.')}: ${message}`))
    return problems
  }

  it('refuses "primary" on a third-party copy, naming the field', () => {
    const problems = run({ enactments: [{ sources: [{ url: 'https://law.justia.com/x', quote: 'q', reliability: 'primary' }] }] })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^enactments\.0\.sources\.0\.reliability: "primary" means the official text on an official host, and law\.justia\.com/)
  })

  it('requires hosts no fact may rest on to be labelled low, and a fact to rest on more than low sources', () => {
    expect(isLowReliabilityHost('https://archives.infowars.com/?p=1')).toBe(true)
    expect(run({ sources: [{ url: 'https://instalawyer.io/x', reliability: 'secondary' }] })[0]).toMatch(/label it "low"/)
    expect(run({ sources: [{ url: 'https://instalawyer.io/x', reliability: 'low' }] })).toEqual(['sources: rests only on low-reliability sources; cite a reliable source for this fact or mark it unknown'])
    expect(run({ sources: [{ url: 'https://instalawyer.io/x', reliability: 'low' }, { url: 'https://uscode.house.gov/x', reliability: 'primary' }] })).toEqual([])
  })

  it('lets a disagreement record a claim made only by a low-reliability source', () => {
    const claim = { claim: 'HB 453', sources: [{ url: 'http://news.example/x', reliability: 'low' }] }
    expect(run({ disagreements: [{ about: 'which act', claims: [claim] }] })).toEqual([])
  })
})
