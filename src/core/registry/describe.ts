/** Plain-text renderings of registry values for the CLI: neutral, complete, one fact per line. */
import { describeSourceDate } from '../dates/index.ts'
import type { Enactment, Jurisdiction, Provision, Source } from './model.ts'
import { conditionJson } from './view.ts'

const EFFECT_WORDS = { prohibit: 'prohibits', permit: 'permits', require: 'requires', limit: 'permits only under conditions' } as const

function sourceLines(sources: readonly Source[], indent: string): string[] {
  return sources.map((s) => `${indent}source: ${s.url}${s.reliability ? ` (${s.reliability})` : ''}\n${indent}  "${s.quote}"`)
}

/** One provision as text lines. */
export function describeProvision(p: Provision, indent = '    '): string {
  const lines = [`${indent}- ${p.id}: ${p.action} — ${EFFECT_WORDS[p.effect]} (${p.confidence} confidence)`, `${indent}  ${p.summary}`]
  if (p.from || p.to) lines.push(`${indent}  in force from ${describeSourceDate(p.from)} until (not including) ${describeSourceDate(p.to)}`)
  if (p.when) lines.push(`${indent}  when: ${JSON.stringify(conditionJson(p.when))}`)
  if (p.unless) lines.push(`${indent}  unless: ${JSON.stringify(conditionJson(p.unless))}`)
  if (p.limits.maxHours !== undefined) lines.push(`${indent}  at most ${p.limits.maxHours} hours${p.limits.hoursExclude?.length ? `, excluding ${p.limits.hoursExclude.join(' and ')}` : ''}`)
  if (p.overridesLocal) lines.push(`${indent}  overrides contrary local rules`)
  if (p.interpretation) lines.push(`${indent}  modelling note: ${p.interpretation}`)
  for (const pen of p.penalties) lines.push(`${indent}  penalty: ${pen.text}`)
  lines.push(...sourceLines(p.sources, `${indent}  `))
  for (const d of p.disagreements) lines.push(`${indent}  sources disagree on ${d.about}: ${d.claims.map((c) => `"${c.claim}"`).join(' vs ')}`)
  return lines.join('\n')
}

/** One enactment as text lines. */
export function describeEnactment(e: Enactment): string {
  const citation = e.citation.kind === 'known' ? e.citation.value : `citation unknown (${e.citation.reason})`
  const lines = [
    `  ${e.id}: ${e.title} [${e.enactmentKind}]`,
    `    ${citation}`,
    `    enacted ${describeSourceDate(e.enacted)}; in force from ${describeSourceDate(e.effective)}${e.ends ? ` until (not including) ${describeSourceDate(e.ends)}` : ''}`,
  ]
  for (const s of e.status) lines.push(`    ${s.status} from ${describeSourceDate(s.from)}${s.to ? ` until ${describeSourceDate(s.to)}` : ''}${s.by ? ` by ${s.by}` : ''}`)
  for (const [word, ids] of [['amends', e.amends], ['supersedes', e.supersedes], ['repeals', e.repeals]] as const) if (ids.length) lines.push(`    ${word} ${ids.join(', ')}`)
  lines.push(...sourceLines(e.sources, '    '))
  for (const d of e.disagreements) lines.push(`    sources disagree on ${d.about}: ${d.claims.map((c) => `"${c.claim}"`).join(' vs ')}`)
  for (const u of e.unknowns) lines.push(`    unknown ${u.field}: ${u.reason}`)
  for (const p of e.provisions) lines.push(describeProvision(p))
  return lines.join('\n')
}

/**
 * A jurisdiction's whole file as readable text.
 *
 * @example
 * ```ts
 * process.stdout.write(describeJurisdiction(registry.jurisdictions.get(id)!))
 * ```
 */
export function describeJurisdiction(j: Jurisdiction): string {
  const lines = [
    `${j.name} — ${j.id}`,
    `level: ${j.level}${j.consolidated ? ' (consolidated city-county)' : ''}; confidence: ${j.confidence}${j.confidenceNote ? ` — ${j.confidenceNote}` : ''}`,
    `GEOID: ${j.geoid.kind === 'known' ? `${j.geoid.value.code} (${j.geoid.value.vintage})` : `unknown (${j.geoid.reason})`}`,
  ]
  if (j.aliases.length) lines.push(`also known as: ${j.aliases.join('; ')}`)
  if (j.jailCounty) lines.push(`jail county: ${j.jailCounty.kind === 'known' ? j.jailCounty.value : `unknown (${j.jailCounty.reason})`}`)
  lines.push('', `enactments (${j.enactments.length}):`)
  for (const e of j.enactments) lines.push(describeEnactment(e), '')
  for (const d of j.disagreements) lines.push(`sources disagree on ${d.about}: ${d.claims.map((c) => `"${c.claim}"`).join(' vs ')}`)
  for (const u of j.unknowns) lines.push(`unknown ${u.field}: ${u.reason}`)
  for (const n of j.notes) lines.push(`note: ${n}`)
  for (const r of j.searches) lines.push(`searched on ${r.on} (${r.actions.join(', ')}): ${r.searched} — found: ${r.found}`)
  return `${lines.join('\n')}\n`
}
