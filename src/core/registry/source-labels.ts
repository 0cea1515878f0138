/**
 * What a source's `reliability` label may claim, judged from where the source is published.
 *
 * `primary` means the official text on an official host: a government domain (`.gov`, `.mil`, a
 * state or local `.us` domain), a code publisher that governments use to publish their own codes,
 * or one of a short list of official sites on other domains, each listed with who publishes it. A
 * copy of a statute on a third-party site (a legal-research mirror, a document-sharing site) is
 * `secondary` however faithful it looks. Some hosts are not reliable enough for any fact to rest
 * on: they must be labelled `low`, and no sourced fact may rest on `low` sources alone (a
 * disagreement's claim may: it records what a source says).
 *
 * `sanctuary check` (and so `npm test`) enforces both, naming the file and line.
 */
import type { FieldPath } from './model.ts'

/** Code publishers that governments contract to publish their official codes. */
const CODE_PUBLISHERS = ['codelibrary.amlegal.com', 'library.municode.com', 'ecode360.com', 'codepublishing.com', 'library.qcode.us']

/**
 * Official sites on non-government domains: host (and, where the host serves others too, the path
 * prefix) with the body that publishes there.
 */
const OFFICIAL_SITES: readonly { readonly prefix: string; readonly publisher: string }[] = [
  { prefix: 'github.com/DCCouncil/', publisher: 'Council of the District of Columbia (the official D.C. Code in XML)' },
  { prefix: 'www8.iowa-city.org/', publisher: 'City of Iowa City (its document archive)' },
  { prefix: 'kingcounty.legistar.com/', publisher: 'King County Council (its legislative record, the same system as mkcclegisearch.kingcounty.gov)' },
  { prefix: 'cabq.legistar.com/', publisher: 'City of Albuquerque City Council (its legislative record)' },
  { prefix: 'humboldt.county.codes/', publisher: 'County of Humboldt (the Humboldt County Code, on the site of the code publisher the County uses)' },
  { prefix: 'publicinfo.fresnosheriff.org/', publisher: 'Fresno County Sheriff\'s Office (its public document archive of policies and procedures)' },
  { prefix: 'laserfiche.spokanevalley.org/', publisher: 'City of Spokane Valley (its Laserfiche document archive)' },
  { prefix: 'weblink.sanleandro.org/', publisher: 'City of San Leandro (its Laserfiche document archive)' },
  { prefix: 'www.sonomasheriff.org/', publisher: 'Sonoma County Sheriff\'s Office (its own site, where it publishes its policies)' },
  { prefix: 'publicdocs.santa-ana.org/', publisher: 'City of Santa Ana (the City Clerk\'s Laserfiche document archive, on the City\'s santa-ana.org domain)' },
  { prefix: 'cook-county.legistar.com/', publisher: 'Cook County Board of Commissioners (its legislative records system, hosted on Legistar)' },
  { prefix: 'a2gov.legistar.com/', publisher: 'City of Ann Arbor, Michigan (its City Council legislative records, hosted on Legistar)' },
  { prefix: 'stpaul.legistar.com/', publisher: 'City of Saint Paul, Minnesota (its City Council legislative records, hosted on Legistar)' },
  { prefix: 'louisville.legistar.com/', publisher: 'Louisville/Jefferson County Metro Council (its legislative records, hosted on Legistar)' },
  { prefix: 'doccenter.cityofevanston.org/', publisher: 'City of Evanston, Illinois (its Laserfiche document center of ordinances and resolutions)' },
]

/** Hosts no fact may rest on: unreliable or unidentifiable publishers. Their sources must be labelled `low`. */
export const LOW_RELIABILITY_HOSTS: readonly string[] = [
  'infowars.com',
  'yournewswire.com',
  'libertyunyielding.com',
  'askwikinow.com',
  'instalawyer.io',
]

const matchesHost = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`)

/**
 * Whether a URL is on an official host, where `reliability: primary` may be claimed.
 *
 * @example
 * ```ts
 * isOfficialHost('https://leginfo.legislature.ca.gov/faces/codes.xhtml') // true
 * isOfficialHost('https://law.justia.com/codes/california/') // false: a copy on a research site
 * ```
 */
export function isOfficialHost(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const host = parsed.hostname.toLowerCase()
  if (/\.(gov|mil)$/.test(host) || /(^|\.)[a-z]{2}\.us$/.test(host)) return true
  if (CODE_PUBLISHERS.some((d) => matchesHost(host, d))) return true
  const hostAndPath = `${host}${parsed.pathname}`
  return OFFICIAL_SITES.some((site) => hostAndPath.startsWith(site.prefix))
}

/**
 * Whether a URL is on a host no fact may rest on.
 *
 * @example
 * ```ts
 * isLowReliabilityHost('https://instalawyer.io/laws/us-code/1373') // true
 * ```
 */
export function isLowReliabilityHost(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase()
    return LOW_RELIABILITY_HOSTS.some((d) => matchesHost(host, d))
  } catch {
    return false
  }
}

interface SourceLike {
  readonly url?: unknown
  readonly reliability?: unknown
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function checkSource(source: SourceLike, path: FieldPath, report: (path: FieldPath, message: string) => void): void {
  if (typeof source.url !== 'string') return
  if (source.reliability === 'primary' && !isOfficialHost(source.url)) {
    report([...path, 'reliability'], `"primary" means the official text on an official host, and ${new URL(source.url).hostname} is not one; label this copy "secondary" and cite the official text`)
  }
  if (isLowReliabilityHost(source.url) && source.reliability !== 'low') {
    report([...path, 'reliability'], `${new URL(source.url).hostname} is a host no fact may rest on; label it "low" and cite a reliable source beside it`)
  }
}

/**
 * Walks a parsed registry file and reports every source whose label its host does not support,
 * and every `sources` list made only of `low` sources.
 *
 * @example
 * ```ts
 * checkSourceLabels(parsedYaml, (path, message) => console.log(path, message))
 * ```
 */
export function checkSourceLabels(value: unknown, report: (path: FieldPath, message: string) => void, path: FieldPath = []): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkSourceLabels(item, report, [...path, i]))
    return
  }
  if (!isRecord(value)) return
  const sources = value.sources
  if (Array.isArray(sources) && sources.length > 0) {
    sources.forEach((s, i) => isRecord(s) && checkSource(s, [...path, 'sources', i], report))
    // A disagreement records what each source claims, reliable or not; only facts must rest on more.
    if (path.at(-2) !== 'claims' && sources.every((s) => isRecord(s) && s.reliability === 'low')) {
      report([...path, 'sources'], 'rests only on low-reliability sources; cite a reliable source for this fact or mark it unknown')
    }
  }
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'sources' || !Array.isArray(child)) checkSourceLabels(child, report, [...path, key])
  }
}
