/**
 * The compare page as a plain document (Markdown) for `/compare?ids=…&format=pdf`: each
 * jurisdiction's answers for the four case templates, then, by what they govern, the provisions in
 * force in each with their quotes and source URLs, and every source URL; headed by the page's URL,
 * the registry and engine versions and the day it was made. Server only; no I/O.
 */
import { ACTION_WORDS } from '../components/provision.tsx'
import type { ComparePageProps } from '../pages/compare-page.tsx'
import { dateWords, QUESTION_IDS, QUESTION_LABELS, VALUE_LABELS, type AnswerValue } from '../shared/words.ts'
import { EFFECT_WORDS, flat, layerWord, quoteLine, type DocumentMeta } from './jurisdiction-document.ts'

/**
 * The document.
 *
 * @example
 * ```ts
 * compareMarkdown(compareData(ctx, ids, '2019-01-01'), '2026-12-07', { url, registryVersion, engineVersion })
 * ```
 */
export function compareMarkdown(data: { comparison: NonNullable<ComparePageProps['comparison']>; answers: ComparePageProps['answers'] }, today: string, meta: DocumentMeta): string {
  const { comparison, answers } = data
  const names = comparison.jurisdictions.map((j) => flat(j.name))
  const sources = new Set<string>()
  const out: string[] = [`# Compare ${names.join(', ')}`, `What the law says on ${dateWords(comparison.date)} in each, side by side, with sources.`, '']
  out.push(`- Page: ${meta.url}`)
  out.push(`Registry version ${meta.registryVersion.slice(0, 12)} · engine version ${meta.engineVersion} · made on ${dateWords(today)}`)
  out.push('The registry records where each quote was read, not the day it was read; the registry version names the data this document was made from. Sanctuary Atlas describes laws and cites their sources. It is not legal advice.')
  out.push('', `## The answers on ${dateWords(comparison.date)}`)
  for (const q of QUESTION_IDS) {
    out.push('', `### ${QUESTION_LABELS[q]}`)
    for (const a of answers) {
      const cells = a.values.map((v, i) => {
        const value = v[q].value as AnswerValue
        const hours = q === 'hold' && v[q].maxHours !== null && (value === 'permitted' || value === 'required') ? ` (at most ${v[q].maxHours} hours)` : ''
        return `${names[i]}: ${VALUE_LABELS[value] ?? value}${hours}`
      })
      out.push(`- ${a.template.label}: ${cells.join('; ')}`)
    }
  }
  out.push('', `## Provisions in force on ${dateWords(comparison.date)}`)
  for (const row of comparison.actions) {
    if (row.cells.every((c) => c.provisions.length === 0)) continue
    out.push('', `### ${ACTION_WORDS[row.action] ?? row.action}`)
    row.cells.forEach((cell, i) => {
      if (cell.provisions.length === 0) {
        out.push(`- ${names[i]}: no provision in the registry is in force on this date.`)
        return
      }
      for (const p of cell.provisions) {
        out.push(
          `- ${names[i]}, ${layerWord(p.layer)}: ${flat(p.title)}${p.citation ? ` (${flat(p.citation)})` : ''} ${EFFECT_WORDS[p.effect] ?? p.effect}${p.maxHours !== null ? ` (at most ${p.maxHours} hours)` : ''}: ${flat(p.summary)}${p.inForce === 'unknown' ? ' Whether it is in force on this date is not known.' : ''}`,
        )
        if (p.url) {
          sources.add(p.url)
          out.push(quoteLine(p))
        }
      }
    })
  }
  out.push('', '## Sources')
  for (const url of sources) out.push(`- ${url}`)
  return `${out.join('\n')}\n`
}
