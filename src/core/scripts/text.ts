/**
 * A call script as plain text: the form the CLI prints, the tests snapshot and an email can paste.
 */
import type { SourceRef } from '../officials/index.ts'
import type { CallScript, ContactPoint, PowerStatement } from './model.ts'

const DATASET_WORDS: Readonly<Record<string, string>> = {
  'congress-legislators': 'congress-legislators (United States project)',
  'openstates-people': 'Open States people',
  'hifld-law-enforcement': 'HIFLD law enforcement locations',
  gazetteer: 'Census list of counties and places',
  curated: 'curated entry',
}

/**
 * A directory source in words: the dataset, its link and, for curated entries, the quote.
 *
 * @example
 * ```ts
 * sourceWords({ dataset: 'curated', file: 'x', version: 'v', url: 'https://example.gov', quote: 'Sheriff Jane Doe' }) // 'curated entry, https://example.gov (“Sheriff Jane Doe”)'
 * ```
 */
export function sourceWords(source: SourceRef): string {
  const name = DATASET_WORDS[source.dataset] ?? source.dataset
  return `${name}${source.url ? `, ${source.url}` : ''}${source.quote ? ` (“${source.quote}”)` : ''}`
}

const contactLine = (c: ContactPoint) => `- ${c.contact.kind}: ${c.contact.value}${c.contact.label ? ` (${c.contact.label})` : ''} — ${c.of}; source: ${sourceWords(c.source)}`
const POWER_HEADINGS: Readonly<Record<PowerStatement['kind'], string>> = { can: 'Can', cannot: 'Cannot', unknown: 'The registry does not say' }

/**
 * The script as text, in sections: the official and how to reach them, the law on the day with
 * citations, what the post can and cannot change, and the script itself.
 *
 * @example
 * ```ts
 * console.log(scriptText(buildScript({ engine, who, target, question: 'hold', asOf: '2026-12-07' })))
 * ```
 */
export function scriptText(s: CallScript): string {
  const o = s.official
  const out: string[] = [`Call script: ${s.question.label}, ${s.jurisdiction.name}, as of ${s.asOf}`, '', `Who: ${o.office}`]
  if (o.holders.length) for (const h of o.holders) out.push(`- ${h.name}; source: ${sourceWords(h.source)}`)
  else out.push(`- No holder listed: ${o.holderUnknown}`)
  out.push(`- ${o.power}`, '', 'How to reach them:')
  out.push(...(o.contacts.length ? o.contacts.map(contactLine) : ['- The directory lists no contact point.']))
  out.push('', `What the law says in ${s.law.name} on ${s.asOf} (${s.law.custody === 'city-jail' ? 'a city jail' : 'a county jail'}, the engine's answers for four sets of facts):`)
  for (const a of s.law.answers) out.push(`- ${a.template.label} (assumes ${a.assumes}): ${a.sentence}${a.conditional ? ` ${a.conditional}.` : ''}`)
  out.push('', 'Citations:')
  out.push(...(s.law.citations.length ? s.law.citations.map((c) => `- ${c.title}${c.citation ? `, ${c.citation}` : ''} (${c.layer}): “${c.quote}” ${c.url}`) : ['- None: no provision in the registry addresses this question here.']))
  out.push('', 'What this post can and cannot change:')
  for (const kind of ['can', 'cannot', 'unknown'] as const) for (const p of s.powers.filter((x) => x.kind === kind)) out.push(`- ${POWER_HEADINGS[kind]}: ${p.text}`)
  out.push('', 'Script:', ...s.lines, '', `Engine ${s.receipt.engineVersion}, registry ${s.receipt.registryVersion}.`)
  return out.join('\n')
}
