/**
 * Layering a draft into a copy of the registry: the draft becomes an enactment of the
 * jurisdiction, in force from the chosen date, under the state and federal law already there.
 * The jurisdiction's own provisions on the actions the draft addresses are set aside (the draft
 * stands in for its local law on them), and listed so the reader sees what was replaced.
 */
import { createHash } from 'node:crypto'
import { parseDay, type SourceDate } from '../dates/index.ts'
import { AppError } from '../errors/index.ts'
import { labelFromOcdId, parseOcdId } from '../ocd/index.ts'
import type { Custody, Enactment, Jurisdiction, Provision, Registry, Source } from '../registry/index.ts'
import type { Draft } from './draft.ts'

/** The layered registry, and what the draft set aside. */
export interface LayeredDraft {
  readonly kind: 'layered-draft'
  readonly registry: Registry
  readonly jurisdiction: string
  readonly jurisdictionName: string
  readonly level: Jurisdiction['level']
  readonly date: string
  /** The jurisdiction's own provisions on the draft's actions, set aside in the copy. */
  readonly setAside: readonly { readonly provision: string; readonly enactment: string; readonly title: string; readonly action: string; readonly summary: string }[]
  readonly enactment: Enactment
}

function defaultCustody(level: Jurisdiction['level'], consolidated: boolean): Custody[] {
  if (level === 'county') return consolidated ? ['county-jail', 'city-jail'] : ['county-jail']
  if (level === 'place') return ['city-jail']
  return ['county-jail', 'city-jail', 'state-prison']
}

/** Checks a jurisdiction id and date for a draft, naming the field on a bad one. */
export function checkTarget(jurisdiction: string, date: string): { level: Jurisdiction['level']; day: number } {
  const ocd = parseOcdId(jurisdiction)
  if (!ocd) throw new AppError('invalid-input', `jurisdiction: "${jurisdiction}" is not an OCD division ID`, { field: 'jurisdiction' })
  if (ocd.level === 'country') throw new AppError('invalid-input', 'jurisdiction: a draft is for a state, county or place, not the federal baseline', { field: 'jurisdiction' })
  const day = parseDay(date)
  if (day === undefined) throw new AppError('invalid-input', `date: "${date}" is not a real calendar date (YYYY-MM-DD)`, { field: 'date' })
  return { level: ocd.level, day }
}

/**
 * Layers the draft into a copy of the registry as an enactment of `jurisdiction` in force from
 * `date`. `draftUrl` is where the draft can be read (the composer link); it stands as the draft's
 * source, quoted with each clause's own words.
 *
 * @example
 * ```ts
 * const layered = layerDraft(registry, draft, 'ocd-division/country:us/state:tx/county:travis', '2018-06-01')
 * createEngine(layered.registry, { version }).evaluate(...)
 * ```
 */
export function layerDraft(registry: Registry, draft: Draft, jurisdiction: string, date: string, draftUrl = '/toolkit/compose'): LayeredDraft {
  const { level, day } = checkTarget(jurisdiction, date)
  const existing = registry.jurisdictions.get(jurisdiction)
  const consolidated = existing?.consolidated ?? false
  const custodyDefault = defaultCustody(level, consolidated)
  const effective: SourceDate = { kind: 'exact', text: date, day }
  const source = (quote: string): Source => ({ url: draftUrl, quote, note: 'The draft itself: not enacted.' })
  const provisions: Provision[] = draft.provisions.map((p, i) => ({
    kind: 'provision',
    id: p.id,
    enactmentId: draft.id,
    jurisdictionId: jurisdiction,
    action: p.action,
    effect: p.effect,
    summary: p.summary,
    custody: p.custody ?? custodyDefault,
    when: p.when,
    unless: p.unless,
    limits: p.limits,
    overridesLocal: p.overridesLocal,
    penalties: p.penalties.map((x) => ({ text: x.text, sources: [source(x.text)] })),
    confidence: 'low',
    sources: [source(p.summary)],
    disagreements: [],
    unknowns: [],
    origin: { file: 'draft', path: ['provisions', i] },
  }))
  const enactment: Enactment = {
    kind: 'enactment',
    id: draft.id,
    jurisdictionId: jurisdiction,
    title: draft.title,
    enactmentKind: draft.enactmentKind,
    citation: { kind: 'unknown', reason: 'A draft; not enacted.' },
    enacted: effective,
    effective,
    status: [],
    amends: [],
    supersedes: [],
    repeals: [],
    confidence: 'low',
    sources: [source(draft.title)],
    provisions,
    disagreements: [],
    unknowns: [],
    notes: [],
    origin: { file: 'draft', path: [] },
  }
  const actions = new Set(draft.provisions.map((p) => p.action))
  const setAside: LayeredDraft['setAside'][number][] = []
  const kept = (existing?.enactments ?? []).map((e) => {
    const keep = e.provisions.filter((p) => !actions.has(p.action))
    for (const p of e.provisions) if (actions.has(p.action)) setAside.push({ provision: p.id, enactment: e.id, title: e.title, action: p.action, summary: p.summary })
    return keep.length === e.provisions.length ? e : { ...e, provisions: keep }
  })
  const ocd = parseOcdId(jurisdiction)!
  const layered: Jurisdiction = existing
    ? { ...existing, enactments: [...kept, enactment] }
    : {
        kind: 'jurisdiction',
        id: jurisdiction,
        name: labelFromOcdId(jurisdiction),
        level,
        state: ocd.state,
        consolidated: false,
        geoid: { kind: 'unknown', reason: 'A jurisdiction with no registry file, drafted in the toolkit.' },
        aliases: [],
        confidence: 'low',
        enactments: [enactment],
        detainerForms: [],
        disagreements: [],
        unknowns: [],
        notes: [],
        searches: [],
        origin: { file: 'draft', path: [] },
      }
  const jurisdictions = new Map(registry.jurisdictions)
  jurisdictions.set(jurisdiction, layered)
  const enactments = new Map(registry.enactments)
  const allProvisions = new Map(registry.provisions)
  for (const e of kept) enactments.set(e.id, e)
  for (const s of setAside) allProvisions.delete(s.provision)
  enactments.set(enactment.id, enactment)
  for (const p of provisions) allProvisions.set(p.id, p)
  const hash = createHash('sha256').update(JSON.stringify({ jurisdiction, date, draft })).digest('hex').slice(0, 12)
  return {
    kind: 'layered-draft',
    registry: { kind: 'registry', version: `${registry.version}+draft-${hash}`, jurisdictions, enactments, provisions: allProvisions, offenseClasses: registry.offenseClasses },
    jurisdiction,
    jurisdictionName: layered.name,
    level,
    date,
    setAside,
    enactment,
  }
}
