/**
 * The composer's state, which lives in the URL: the jurisdiction, the date, the clauses chosen
 * (or a peer enactment to start from, or the draft's YAML as edited) and their parameters. Pure
 * functions from the query to a draft input and back, so a draft can be shared as a link and
 * nothing is stored.
 */
import { parse as parseYaml } from 'yaml'
import { AppError } from '../errors/index.ts'
import { conditionJson, OFFENSE_CATEGORIES, type OffenseCategory, type OffenseLevel, type Registry } from '../registry/index.ts'
import { CLAUSE_KINDS, isClauseKind, type ClauseKind } from './clauses.ts'
import { clauseTemplate, DEFAULT_PARAMS, draftFromEnactment, type ClauseParams, type DraftInput } from './draft.ts'

export type ComposerQuery = Readonly<Record<string, string | undefined>>

/** The composer's form state. */
export interface ComposerState {
  readonly jurisdiction: string
  readonly date: string
  readonly clauses: readonly ClauseKind[]
  readonly params: Required<Pick<ClauseParams, 'categories' | 'levels' | 'maxHours' | 'penalty'>> & { readonly withinYears: number | null }
  /** A registry enactment to start from (a peer's). */
  readonly from: string
  /** The draft as edited YAML; when given it is the draft. */
  readonly yaml: string
  readonly title: string
  readonly scope: 'auto' | 'jurisdiction' | 'state' | 'peer'
  readonly peer: string
  readonly action: 'hold' | 'notify' | 'interview'
}

const LEVELS: readonly OffenseLevel[] = ['felony', 'misdemeanor', 'infraction']

function list(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)
}

/**
 * Reads the composer's state from a query (bad values are dropped here; the check reports them).
 *
 * @example
 * ```ts
 * composerState({ jurisdiction: 'ocd-division/country:us/state:tx/county:travis', date: '2018-06-01', clauses: 'hold-judicial-warrant' }).clauses
 * // ['hold-judicial-warrant']
 * ```
 */
export function composerState(q: ComposerQuery): ComposerState {
  const categories = list(q.categories).filter((c): c is OffenseCategory => (OFFENSE_CATEGORIES as readonly string[]).includes(c))
  const levels = list(q.levels).filter((l): l is OffenseLevel => (LEVELS as readonly string[]).includes(l))
  const hours = Number(q.hours)
  const within = q.within ? Number(q.within) : NaN
  const scope = q.scope === 'jurisdiction' || q.scope === 'state' || q.scope === 'peer' ? q.scope : 'auto'
  const action = q.action === 'notify' || q.action === 'interview' ? q.action : 'hold'
  return {
    jurisdiction: (q.jurisdiction ?? '').trim(),
    date: (q.date ?? '').trim(),
    clauses: list(q.clauses).filter(isClauseKind),
    params: {
      categories: categories.length ? categories : DEFAULT_PARAMS.categories,
      levels: q.levels === undefined ? DEFAULT_PARAMS.levels : levels,
      maxHours: Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_PARAMS.maxHours,
      withinYears: Number.isFinite(within) && within > 0 ? within : null,
      penalty: q.penalty?.trim() || DEFAULT_PARAMS.penalty,
    },
    from: (q.from ?? '').trim(),
    yaml: q.yaml ?? '',
    title: (q.title ?? '').trim(),
    scope,
    peer: (q.peer ?? '').trim(),
    action,
  }
}

/** The query that reproduces a state (for links and the export URLs). */
export function composerQuery(s: ComposerState): string {
  const p = new URLSearchParams()
  if (s.jurisdiction) p.set('jurisdiction', s.jurisdiction)
  if (s.date) p.set('date', s.date)
  if (s.title) p.set('title', s.title)
  if (s.yaml) p.set('yaml', s.yaml)
  else if (s.from) p.set('from', s.from)
  else if (s.clauses.length) p.set('clauses', s.clauses.join(','))
  if (!s.yaml) {
    p.set('categories', s.params.categories.join(','))
    p.set('levels', s.params.levels.join(','))
    p.set('hours', String(s.params.maxHours))
    if (s.params.withinYears !== null) p.set('within', String(s.params.withinYears))
    if (s.clauses.includes('penalties-on-officials')) p.set('penalty', s.params.penalty)
  }
  if (s.scope !== 'auto') p.set('scope', s.scope)
  if (s.peer) p.set('peer', s.peer)
  if (s.action !== 'hold') p.set('action', s.action)
  return p.toString()
}

/**
 * The draft a state describes: the edited YAML when given, else a peer enactment's provisions,
 * else the chosen clauses with their parameters; null when nothing is chosen yet.
 * Throws `invalid-input` naming the field for unreadable YAML or an unknown enactment.
 *
 * @example
 * ```ts
 * composerDraft(composerState({ clauses: 'no-287g' }), registry)!.provisions[0].effect // 'prohibit'
 * ```
 */
export function composerDraft(s: ComposerState, registry: Registry): DraftInput | null {
  if (s.yaml.trim()) {
    let value: unknown
    try {
      value = parseYaml(s.yaml)
    } catch (cause) {
      throw new AppError('invalid-input', `yaml: not readable YAML (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)})`, { field: 'yaml' }, { cause })
    }
    return value as DraftInput
  }
  if (s.from) {
    const e = registry.enactments.get(s.from)
    if (!e) throw new AppError('invalid-input', `from: no enactment "${s.from}" in the registry`, { field: 'from' })
    const d = draftFromEnactment(e, conditionJson)
    return s.title ? { ...d, title: s.title } : d
  }
  if (!s.clauses.length) return null
  const params: ClauseParams = { categories: s.params.categories, levels: s.params.levels, maxHours: s.params.maxHours, penalty: s.params.penalty, ...(s.params.withinYears !== null ? { withinYears: s.params.withinYears } : {}) }
  const ordered = CLAUSE_KINDS.filter((k) => s.clauses.includes(k))
  return { id: 'draft', title: s.title || 'Draft policy', kind: 'ordinance', provisions: ordered.map((k) => clauseTemplate(k, params)) }
}
