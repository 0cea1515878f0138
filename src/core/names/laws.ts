/**
 * Laws by name and number: every enactment of the registry by its title ("California Values
 * Act", "TRUST Act"), its bill number ("SB 54", "SB54"), its citation ("8 U.S.C. § 1373") and the
 * topics of its provisions ("287(g)").
 */
import { parseOcdId } from '../ocd/index.ts'
import type { Action, Registry } from '../registry/index.ts'
import { containsWords, normalizeLawText } from './normalize.ts'
import type { LawResult } from './schemas.ts'

/** One enactment, prepared for matching. */
export interface LawEntry {
  readonly result: Omit<LawResult, 'match'>
  readonly court: boolean
  /** Normalised title and citation. */
  readonly title: string
  readonly citation: string
  /** Topic words of its provisions' actions. */
  readonly topics: string
  /** Whole names and numbers it is known by: its bill numbers, its title without the parentheses, each part in them. */
  readonly keys: readonly string[]
}

const TOPICS: Partial<Record<Action, string>> = {
  'agreement-287g': '287 g agreement',
  'detainer-hold': 'detainer hold',
  'release-notification': 'release notification',
  'interview-access': 'interview access',
  'courthouse-arrest': 'courthouse arrest',
  'status-inquiry': 'status inquiry',
  'information-sharing': 'information sharing',
  'legal-representation': 'legal representation counsel',
}

// A bill number as legislatures write it: SB 54, HB 318, AB 4, SF 481, E2SB 5497 (normalised: "sb 54").
const BILL = /\b(?:sb|hb|ab|sf|hf|sr|hr|lb|ld|s|h|a)\s\d+\b/g

/** Keys of an enactment: bill numbers at the start of its title, in its parentheses or its citation; the title without parentheses; each part in them. */
function keysOf(title: string, citation: string): string[] {
  const keys = new Set<string>()
  const plain = title.replace(/\([^)]*\)/g, ' ')
  keys.add(normalizeLawText(plain))
  keys.add(normalizeLawText(title))
  for (const m of title.matchAll(/\(([^)]*)\)/g)) for (const part of m[1]!.split(/[,;]/)) keys.add(normalizeLawText(part))
  for (const part of citation.split(/[;,]/)) keys.add(normalizeLawText(part))
  const start = /^(?:cs )*(?:[a-z]{0,3} )?(?:sb|hb|ab|sf|hf) \d+/.exec(normalizeLawText(plain))
  if (start) keys.add(start[0].replace(/^(?:cs )*(?:e \d )?/, ''))
  for (const text of [normalizeLawText(citation), ...[...title.matchAll(/\(([^)]*)\)/g)].map((m) => normalizeLawText(m[1]!))]) for (const m of text.matchAll(BILL)) keys.add(m[0])
  keys.delete('')
  return [...keys]
}

/**
 * The law entries of a registry.
 *
 * @example
 * ```ts
 * buildLawEntries(registry, (id) => registry.jurisdictions.get(id)?.name ?? id).length // one per enactment
 * ```
 */
export function buildLawEntries(registry: Registry, nameOf: (id: string) => string): LawEntry[] {
  const out: LawEntry[] = []
  for (const e of registry.enactments.values()) {
    const citation = e.citation.kind === 'known' ? e.citation.value : null
    const state = parseOcdId(e.jurisdictionId)?.state?.toUpperCase() ?? null
    const topics = [...new Set(e.provisions.map((p) => TOPICS[p.action]).filter((t): t is string => Boolean(t)))].join(' | ')
    out.push(
      Object.freeze({
        result: Object.freeze({ enactment: e.id, title: e.title, citation, jurisdiction: e.jurisdictionId, jurisdictionName: nameOf(e.jurisdictionId), state }),
        court: e.enactmentKind === 'court-decision' || e.enactmentKind === 'consent-decree',
        title: normalizeLawText(e.title),
        citation: normalizeLawText(citation ?? ''),
        topics,
        keys: Object.freeze(keysOf(e.title, citation ?? '')),
      }),
    )
  }
  return out.sort((a, b) => a.result.enactment.localeCompare(b.result.enactment))
}

const MATCH_RANK: Readonly<Record<LawResult['match'], number>> = { number: 0, title: 1, citation: 2, topic: 3, fuzzy: 4 }

/** How an entry matches a normalised query, or null. */
export function lawMatch(law: LawEntry, q: string): LawResult['match'] | null {
  if (law.keys.includes(q)) return 'number'
  if (containsWords(law.title, q)) return 'title'
  if (containsWords(law.citation, q)) return 'citation'
  if (law.topics.split(' | ').some((t) => containsWords(t, q))) return 'topic'
  return null
}

/**
 * Orders matched laws: exact name or number first, then title, citation, topic; the state given
 * first; state law before federal and local; then by title.
 */
export function rankLaws(found: readonly { law: LawEntry; match: LawResult['match'] }[], state: string | null): LawResult[] {
  const levelRank = (id: string) => ({ state: 0, district: 0, country: 1, county: 2, place: 3 })[parseOcdId(id)?.level ?? 'country']
  return [...found]
    .sort(
      (a, b) =>
        MATCH_RANK[a.match] - MATCH_RANK[b.match] ||
        Number(b.law.result.state === state) - Number(a.law.result.state === state) ||
        levelRank(a.law.result.jurisdiction) - levelRank(b.law.result.jurisdiction) ||
        a.law.result.title.localeCompare(b.law.result.title),
    )
    .map((f) => ({ ...f.law.result, match: f.match }))
}

/** Words a qualifier may have ("Illinois", "New York", "City of Boston"); a longer lead is a description ("Ordinance exempting the City from the …"). */
const QUALIFIER_WORDS = 3

/** True when `other` is another act of the same name with a qualifier ("Illinois TRUST Act" beside "TRUST Act"). */
export function sameNameWithQualifier(other: LawEntry, q: string): boolean {
  const words = q.split(' ').length
  return !other.court && other.keys.some((k) => k !== q && k.endsWith(` ${q}`) && k.split(' ').length - words <= QUALIFIER_WORDS)
}
