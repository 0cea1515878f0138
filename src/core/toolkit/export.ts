/**
 * Exports of a draft: the draft in the registry's YAML (which `sanctuary draft check` and the API
 * read back), its rule cases as a `*.cases.yaml` file, and a readable Markdown document with each
 * clause's structured form, what higher law does to it (cited), the enacted texts that carry the
 * same clause (quoted, cited), the funding risk and the simulated effect.
 */
import { stringify } from 'yaml'
import { conditionJson } from '../registry/index.ts'
import { CLAUSE_INFO } from './clauses.ts'
import type { Catalog } from './catalog.ts'
import type { ClauseStatus, DraftCheck } from './check.ts'
import type { Draft, DraftProvision } from './draft.ts'

/** A draft clause in its YAML form (the registry's provision fields). */
export function provisionYaml(p: DraftProvision): Record<string, unknown> {
  return {
    id: p.id,
    ...(p.clause ? { clause: p.clause } : {}),
    action: p.action,
    effect: p.effect,
    summary: p.summary,
    ...(p.custody ? { custody: [...p.custody] } : {}),
    ...(p.when ? { when: conditionJson(p.when) } : {}),
    ...(p.unless ? { unless: conditionJson(p.unless) } : {}),
    ...(Object.keys(p.limits).length ? { limits: { ...p.limits } } : {}),
    ...(p.overridesLocal ? { overridesLocal: true } : {}),
    ...(p.penalties.length ? { penalties: p.penalties.map((x) => ({ text: x.text })) } : {}),
  }
}

/**
 * The draft as YAML in the registry's format, with the jurisdiction and date it was checked for.
 *
 * @example
 * ```ts
 * draftYaml(draft, { jurisdiction: 'ocd-division/country:us/state:tx/county:travis', date: '2018-06-01' })
 * ```
 */
export function draftYaml(draft: Draft, target: { readonly jurisdiction: string; readonly date: string }): string {
  const header = [
    '# A draft, not enacted. To file it in the registry as an enactment, add its citation, dates,',
    '# confidence and, for it and each provision, sources (url and a short verbatim quote).',
  ].join('\n')
  const body = {
    jurisdiction: target.jurisdiction,
    date: target.date,
    id: draft.id,
    title: draft.title,
    kind: draft.enactmentKind,
    provisions: draft.provisions.map(provisionYaml),
  }
  return `${header}\n${stringify(body, { lineWidth: 100, aliasDuplicateObjects: false })}`
}

/** The draft's rule cases in the registry's `*.cases.yaml` format. */
export function ruleCasesYaml(check: Pick<DraftCheck, 'ruleCases' | 'jurisdictionName' | 'date'>): string {
  const header = `# Rule cases generated for a draft in ${check.jurisdictionName} from ${check.date}: the engine's answers\n# with the draft layered under the law in force. Keep them beside the enacted text to hold it to them.`
  return `${header}\n${stringify({ cases: check.ruleCases.map((c) => ({ ...c })) }, { lineWidth: 100, aliasDuplicateObjects: false })}`
}

const STATUS_WORDS: Record<ClauseStatus, string> = {
  stands: 'Stands: no higher rule in force displaces it',
  overridden: 'Overridden by higher law',
  'partly-overridden': 'Overridden by higher law in some cases',
  'open-conflict': 'In open conflict with a higher rule (undetermined)',
  'barred-by-preemption': 'Within the reach of a state ban on local limits',
}

/** Words for a clause status. */
export function statusWords(s: ClauseStatus): string {
  return STATUS_WORDS[s]
}

const range = (h: { lower: number | null; upper: number | null } | undefined | null) =>
  !h || h.lower === null || h.upper === null ? 'withheld (small numbers)' : h.lower === h.upper ? `${h.lower.toLocaleString('en-US')}` : `${h.lower.toLocaleString('en-US')} to ${h.upper.toLocaleString('en-US')}`

/** What the Markdown document can say about the simulated effect (a subset of the simulator's result). */
export interface EffectSummary {
  readonly action: string
  readonly scopeNote: string
  readonly records: number | null
  readonly law: { readonly held: { readonly lower: number | null; readonly upper: number | null } } | null
  readonly draft: { readonly held: { readonly lower: number | null; readonly upper: number | null } } | null
  readonly matchRate: readonly { readonly source: string; readonly rate: number | null }[]
  readonly minCell: number
}

/**
 * The draft as a readable Markdown document with citations.
 *
 * @example
 * ```ts
 * draftMarkdown(draft, check, catalog)
 * ```
 */
export function draftMarkdown(draft: Draft, check: DraftCheck, catalog: Catalog, effect?: EffectSummary | null): string {
  const out: string[] = []
  out.push(`# ${draft.title}`, '')
  out.push(`A draft for ${check.jurisdictionName} (${check.jurisdiction}), checked as in force from ${check.date}. Not enacted.`, '')
  const counts = Object.entries(check.summary).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${STATUS_WORDS[s as ClauseStatus].split(':')[0]!.toLowerCase()}`)
  out.push(`Clauses: ${draft.provisions.length} (${counts.join('; ')}).`, '')
  if (check.setAside.length) {
    out.push('The draft stands in for these rules of the jurisdiction on the same actions:', '')
    for (const s of check.setAside) out.push(`- ${s.title}: ${s.summary}`)
    out.push('')
  }
  draft.provisions.forEach((p, i) => {
    const c = check.clauses[i]!
    out.push(`## ${i + 1}. ${p.clause ? CLAUSE_INFO[p.clause].title : p.summary}`, '')
    out.push(p.summary, '')
    out.push('```yaml', stringify(provisionYaml(p), { lineWidth: 100, aliasDuplicateObjects: false }).trimEnd(), '```', '')
    out.push(`**${STATUS_WORDS[c.status]}.** ${c.explanation}`, '')
    for (const cite of c.citations) {
      out.push(`- ${cite.title}${cite.citation ? ` (${cite.citation})` : ''}, ${cite.jurisdictionName}: ${cite.summary}`)
      out.push(`  > "${cite.quote}" — ${cite.url}`)
    }
    if (c.citations.length) out.push('')
    const clause = p.clause ? catalog.clauses.find((x) => x.kind === p.clause) : undefined
    if (clause?.adopters.length) {
      out.push(`Enacted texts with this clause (${clause.adopters.length} in the registry; up to five shown):`, '')
      for (const a of clause.adopters.slice(-5).reverse()) {
        const q = a.quotes[0]!
        out.push(`- ${a.jurisdictionName}, ${a.title}${a.citation ? ` (${a.citation})` : ''}, from ${a.from ?? 'an unknown date'}:`)
        out.push(`  > "${q.quote}" — ${q.url}`)
      }
      out.push('')
    }
  })
  if (check.funding) {
    out.push('## Funding risk', '')
    if (check.funding.circuitName) out.push(`Circuit: ${check.funding.circuitName}.`, '')
    for (const f of check.funding.conditions) {
      const d = f.draft
      out.push(`- ${d.condition.title} (FY${d.condition.fiscalYear}): conflict under the draft: ${d.conflict}; under the law in force: ${f.lawInForce}; enforceable: ${d.enforceable.value}.`)
      out.push(`  > "${d.condition.quote}" — ${d.condition.url}`)
    }
    if (check.funding.lists.length) {
      out.push('', 'Federal lists that named this jurisdiction or its state (their criteria are quoted, not applied to the draft):', '')
      for (const l of check.funding.lists) out.push(`- ${l.title} (${l.published ?? 'date unknown'}${l.withdrawn ? `, withdrawn ${l.withdrawn}` : ''}), as "${l.printedAs}"${l.via === 'state' ? ' (the state)' : ''}${l.criteria ? `; criteria: "${l.criteria}"` : ''}`)
    }
    out.push('')
  }
  if (effect) {
    out.push('## Simulated effect', '')
    out.push(`${effect.scopeNote} Question: ${effect.action}. Numbers are ranges (undetermined answers counted as not held, then as held); any count of 1 to ${effect.minCell - 1} is withheld with what would reveal it.`, '')
    out.push(`- Records: ${effect.records === null ? 'withheld (small numbers)' : effect.records.toLocaleString('en-US')}`)
    out.push(`- May or must ${effect.action === 'hold' ? 'hold' : effect.action === 'notify' ? 'notify' : 'allow the interview'}, law in force: ${range(effect.law?.held)}`)
    out.push(`- Under the draft: ${range(effect.draft?.held)}`)
    for (const m of effect.matchRate) out.push(`- Match rate of the ${m.source} records to a county: ${m.rate === null ? 'withheld' : `${(100 * m.rate).toFixed(2)}%`}`)
    out.push('')
  }
  out.push(`Rule cases generated: ${check.ruleCases.length}. Registry ${check.registryVersion}, engine ${check.engineVersion}.`, '')
  return out.join('\n')
}
