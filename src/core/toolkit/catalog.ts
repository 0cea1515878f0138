/**
 * The catalog: every clause kind with the registry provisions that carry it (computed from the
 * structured data, see `clauses.ts`), grouped into variants by their structured form, with the
 * enacted texts (quoted, cited) and the adopters in date order.
 */
import type { SourceDate } from '../dates/index.ts'
import { labelFromOcdId, parseOcdId } from '../ocd/index.ts'
import { conditionJson, type Condition, type Enactment, type Jurisdiction, type Provision, type Registry } from '../registry/index.ts'
import { CLAUSE_INFO, CLAUSE_KINDS, clauseKindsOf, type ClauseInfo, type ClauseKind } from './clauses.ts'

/** One enacted text carrying a clause. */
export interface Adopter {
  readonly jurisdiction: string
  readonly jurisdictionName: string
  readonly level: Jurisdiction['level']
  /** Lower-case state code, absent for the federal file. */
  readonly state: string | null
  readonly enactment: string
  readonly title: string
  readonly citation: string | null
  readonly provision: string
  readonly summary: string
  /** The first day in force as the registry gives it (`2018-01-01`, `2019-10`), or null when unknown. */
  readonly from: string | null
  /** The first day no longer in force, or null when open or unknown. */
  readonly to: string | null
  /** Statuses recorded on the enactment (enjoined, struck down, repealed...), with their dates. */
  readonly statuses: readonly string[]
  readonly variant: string
  readonly quotes: readonly { readonly url: string; readonly quote: string; readonly reliability: string | null }[]
  /** The registry records no sponsor or signer field; always null until it does. */
  readonly sponsors: null
}

/** One structured form of a clause, and who adopted it. */
export interface Variant {
  readonly key: string
  readonly label: string
  readonly effect: Provision['effect']
  readonly when: unknown
  readonly unless: unknown
  readonly limits: Provision['limits']
  readonly overridesLocal: boolean
  readonly adopters: readonly string[]
}

export interface CatalogClause extends ClauseInfo {
  readonly adopters: readonly Adopter[]
  readonly variants: readonly Variant[]
}

export interface Catalog {
  readonly kind: 'toolkit-catalog'
  readonly registryVersion: string
  readonly clauses: readonly CatalogClause[]
}

function dateText(d: SourceDate | undefined): string | null {
  return !d || d.kind === 'unknown' ? null : d.text
}

/** The first day of an adopter's text, for sorting (unknown last). */
export function adopterDay(a: Pick<Adopter, 'from'>): number {
  if (!a.from) return Number.MAX_SAFE_INTEGER
  const parts = a.from.split('-').map(Number)
  return Date.UTC(parts[0]!, (parts[1] ?? 1) - 1, parts[2] ?? 1) / 86_400_000
}

/** The parameters a variant differs by, in plain words. */
export function variantLabel(p: Pick<Provision, 'effect' | 'when' | 'unless' | 'limits' | 'overridesLocal'>): string {
  const parts: string[] = [p.effect === 'limit' ? 'only when' : p.effect]
  if (p.when) parts.push(`${p.effect === 'limit' ? '' : 'when '}${conditionWords(p.when)}`.trim())
  if (p.unless) parts.push(`unless ${conditionWords(p.unless)}`)
  if (p.limits.maxHours !== undefined) parts.push(`at most ${p.limits.maxHours} hours${p.limits.hoursExclude?.length ? ` (excluding ${p.limits.hoursExclude.join(' and ')})` : ''}`)
  if (p.limits.reimbursement === 'required') parts.push('reimbursement required')
  if (p.limits.noticeHours !== undefined) parts.push(`notice ${p.limits.noticeHours} hours ahead`)
  if (p.overridesLocal) parts.push('overrides contrary local rules')
  return parts.join('; ')
}

const FACT_WORDS: Record<string, string> = {
  'detainer.judicialWarrant': 'a judicial warrant',
  'detainer.judicialProbableCause': 'a judicial probable-cause finding',
  'detainer.reimbursementAgreement': 'a reimbursement agreement',
  'detainer.writtenConsent': 'written consent',
  'person.lawfulStatusProof': 'proof of lawful status',
  'person.gangDatabase': 'listed in a gang database',
  'detainer.form': 'detainer form',
  'person.age': 'age',
  custody: 'custody',
}

/** A condition in plain words (neutral, compact). */
export function conditionWords(c: Condition): string {
  switch (c.kind) {
    case 'all':
      return c.parts.map(conditionWords).join(' and ')
    case 'any':
      return `(${c.parts.map(conditionWords).join(' or ')})`
    case 'not':
      return `not ${conditionWords(c.part)}`
    case 'fact': {
      const name = FACT_WORDS[c.path] ?? c.path
      return c.tests
        .map((t) => (t.kind === 'equals' ? (t.value === true ? name : t.value === false ? `no ${name}` : `${name} ${String(t.value)}`) : t.kind === 'in' ? `${name} in ${t.values.join(', ')}` : t.kind === 'at-least' ? `${name} at least ${t.value}` : `${name} below ${t.value}`))
        .join(' and ')
    }
    case 'offense': {
      const m = c.match
      const what = [m.levels?.join('/'), m.categories?.join(', '), m.class ? `class ${m.class}` : undefined].filter(Boolean).join(' ')
      return `${c.list === 'convictions' ? 'a conviction' : 'a pending charge'}${what ? ` (${what})` : ''}${m.withinYears !== undefined ? ` within ${m.withinYears} years` : ''}`
    }
  }
}

function variantKey(p: Provision): string {
  return JSON.stringify({ e: p.effect, w: p.when ? conditionJson(p.when) : null, u: p.unless ? conditionJson(p.unless) : null, l: p.limits, o: p.overridesLocal })
}

function adopterOf(p: Provision, e: Enactment, j: Jurisdiction): Adopter {
  const from = p.from && p.from.kind !== 'unknown' ? p.from : e.effective.kind !== 'unknown' ? e.effective : e.enacted
  return {
    jurisdiction: j.id,
    jurisdictionName: j.name,
    level: j.level,
    state: j.state ?? null,
    enactment: e.id,
    title: e.title,
    citation: e.citation.kind === 'known' ? e.citation.value : null,
    provision: p.id,
    summary: p.summary,
    from: dateText(from),
    to: dateText(p.to ?? e.ends),
    statuses: e.status
      .filter((s) => !s.provisions || s.provisions.includes(p.id))
      .map((s) => `${s.status} from ${dateText(s.from) ?? 'an unknown date'}${s.to ? ` to ${dateText(s.to) ?? 'an unknown date'}` : ''}`),
    variant: variantKey(p),
    quotes: p.sources.map((s) => ({ url: s.url, quote: s.quote, reliability: s.reliability ?? null })),
    sponsors: null,
  }
}

/**
 * Derives the catalog from the registry.
 *
 * @example
 * ```ts
 * const c = buildCatalog(registry)
 * c.clauses.find((x) => x.kind === 'hold-judicial-warrant')!.adopters.map((a) => a.jurisdictionName)
 * ```
 */
export function buildCatalog(registry: Registry): Catalog {
  const adopters = new Map<ClauseKind, Adopter[]>(CLAUSE_KINDS.map((k) => [k, []]))
  const variants = new Map<ClauseKind, Map<string, { p: Provision; ids: string[] }>>(CLAUSE_KINDS.map((k) => [k, new Map()]))
  for (const j of registry.jurisdictions.values()) {
    for (const e of j.enactments) {
      for (const p of e.provisions) {
        for (const kind of clauseKindsOf(p, j)) {
          const a = adopterOf(p, e, j)
          adopters.get(kind)!.push(a)
          const vs = variants.get(kind)!
          const v = vs.get(a.variant) ?? { p, ids: [] }
          v.ids.push(p.id)
          vs.set(a.variant, v)
        }
      }
    }
  }
  const clauses = CLAUSE_KINDS.map((kind): CatalogClause => {
    const list = adopters.get(kind)!.sort((a, b) => adopterDay(a) - adopterDay(b) || (a.from ?? '').localeCompare(b.from ?? '') || a.jurisdiction.localeCompare(b.jurisdiction))
    const vs = [...variants.get(kind)!.entries()]
      .map(([key, { p, ids }]): Variant => ({ key, label: variantLabel(p), effect: p.effect, when: p.when ? conditionJson(p.when) : null, unless: p.unless ? conditionJson(p.unless) : null, limits: p.limits, overridesLocal: p.overridesLocal, adopters: ids }))
      .sort((a, b) => b.adopters.length - a.adopters.length || a.key.localeCompare(b.key))
    return { ...CLAUSE_INFO[kind], adopters: list, variants: vs }
  })
  return { kind: 'toolkit-catalog', registryVersion: registry.version, clauses }
}

/** A peer of a jurisdiction that adopted a clause, and why it counts as one. */
export interface Peer {
  readonly adopter: Adopter
  readonly relation: 'same-state-similar-size' | 'same-state' | 'same-level-similar-size' | 'same-level'
  /** The peer's population when known (Census), else null. */
  readonly population: number | null
}

/** Two populations are similar when neither is more than twice the other. */
export const SIMILAR_SIZE_RATIO = 2

/**
 * The jurisdictions near a given one that adopted a clause: the same state first, then the same
 * level elsewhere; within each, those of similar size first (neither population more than twice
 * the other) when `sizeOf` knows both populations. The federal baseline is never a peer.
 *
 * @example
 * ```ts
 * peersOf(catalog, 'ocd-division/country:us/state:ca/county:fresno', 'hold-judicial-warrant', sizeOf)
 * ```
 */
export function peersOf(catalog: Catalog, jurisdictionId: string, kind: ClauseKind, sizeOf: (id: string) => number | undefined = () => undefined): Peer[] {
  const ocd = parseOcdId(jurisdictionId)
  if (!ocd) return []
  const clause = catalog.clauses.find((c) => c.kind === kind)!
  const own = sizeOf(jurisdictionId)
  const similar = (id: string) => {
    const n = sizeOf(id)
    return own !== undefined && n !== undefined && n > 0 && own > 0 && Math.max(n / own, own / n) <= SIMILAR_SIZE_RATIO
  }
  const seen = new Set<string>()
  const out: Peer[] = []
  const relations = ['same-state-similar-size', 'same-state', 'same-level-similar-size', 'same-level'] as const
  for (const relation of relations) {
    for (const a of clause.adopters) {
      if (a.jurisdiction === jurisdictionId || seen.has(a.provision) || a.level === 'country') continue
      const place = relation.startsWith('same-state') ? ocd.state !== undefined && a.state === ocd.state : a.level === ocd.level
      if (!place || (relation.endsWith('similar-size') && !similar(a.jurisdiction))) continue
      seen.add(a.provision)
      out.push({ adopter: a, relation, population: sizeOf(a.jurisdiction) ?? null })
    }
  }
  return out
}

/** A jurisdiction's display name: its registry name, else a label from its OCD ID. */
export function nameOf(registry: Registry, id: string): string {
  return registry.jurisdictions.get(id)?.name ?? labelFromOcdId(id)
}
