/**
 * A jurisdiction page as a plain document (Markdown) for `?format=pdf`: the answers with the
 * provisions that decided them, the provisions in force with their quotes, every enactment of
 * its own with its dates, provisions and sources, the dated searches, and a list of every source
 * URL; headed by the page's URL, the registry and engine versions and the day it was made.
 * Registry text is flattened to one line and always follows a marker of ours, so no registry
 * string can start a heading or a code block. Server only; no I/O.
 */
import { missingFactWords } from '../components/answer.tsx'
import { ACTION_WORDS, registryDateWords, type SourceJson } from '../components/provision.tsx'
import type { JurisdictionPageProps } from '../pages/jurisdiction-page.tsx'
import { answerSentence, dateWords, LAYER_LABELS, QUESTION_IDS, QUESTION_LABELS, VALUE_LABELS, type AnswerValue, type DecidingLayer } from '../shared/words.ts'

export interface DocumentMeta {
  /** The page's absolute URL. */
  readonly url: string
  readonly registryVersion: string
  readonly engineVersion: string
}

const LEVEL_WORDS: Record<string, string> = { country: 'Country', state: 'State', district: 'District', county: 'County', place: 'City' }
export const EFFECT_WORDS: Record<string, string> = { prohibit: 'prohibits', permit: 'permits', require: 'requires', limit: 'permits only under conditions' }

/** Registry text on one line. */
export const flat = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()
export const layerWord = (layer: string) => LAYER_LABELS[layer as DecidingLayer] ?? layer

/** A quote line: the quote, its reliability and note, and its URL last (the PDF links it). */
export function quoteLine(s: Pick<SourceJson, 'url' | 'quote'> & { reliability?: string; note?: string }): string {
  const extra = [s.reliability, flat(s.note)].filter(Boolean).join('; ')
  return `> “${flat(s.quote)}”${extra ? ` (${extra})` : ''} — ${s.url}`
}

/**
 * The document. Every URL it prints is absolute.
 *
 * @example
 * ```ts
 * jurisdictionMarkdown(jurisdictionProps(ctx, id, {}), { url: 'https://atlas.example.org/jurisdictions/…', registryVersion, engineVersion })
 * ```
 */
export function jurisdictionMarkdown(props: JurisdictionPageProps, meta: DocumentMeta): string {
  const { j, names } = props
  const out: string[] = []
  const sources = new Map<string, string>()
  const cite = (s: { url: string; reliability?: string }) => {
    if (!sources.has(s.url)) sources.set(s.url, s.reliability ?? '')
  }
  out.push(`# ${flat(j.name)}`)
  out.push(`${LEVEL_WORDS[j.level] ?? j.level}${j.state ? ` in ${j.state}` : ''}. What the law says on ${dateWords(props.date)}, with its sources.`)
  out.push('')
  out.push(`- Page: ${meta.url}`)
  out.push(`Registry version ${meta.registryVersion.slice(0, 12)} · engine version ${meta.engineVersion} · made on ${dateWords(props.today)}`)
  out.push('The registry records where each quote was read, not the day it was read; the registry version names the data this document was made from. Sanctuary Atlas describes laws and cites their sources. It is not legal advice.')
  if (!j.inRegistry) out.push(`No file of its own in the registry: ${flat(j.note) || 'the answers come from the law above it.'}`)

  out.push('', `## What the law says on ${dateWords(props.date)}`)
  out.push(`The engine's answers for a person held in ${props.custody === 'city-jail' ? "the city's jail" : 'a county jail'} on an ICE detainer, for four sets of facts.`)
  for (const q of QUESTION_IDS) {
    out.push('', `### ${QUESTION_LABELS[q]}`)
    for (const a of props.answers) {
      const ans = a.answers[q]
      const value = ans.value as AnswerValue
      const words = [
        answerSentence(q, value, ans.maxHours),
        ans.basis === 'default' ? 'No provision in the registry addresses it.' : '',
        ans.missing.length ? `It depends on: ${ans.missing.map((m) => missingFactWords(m, names)).join('; ')}.` : '',
        ans.conditional ? `${flat(ans.conditional.text)}.` : '',
        ans.conflict ? `Provisions conflict: ${ans.conflict.between.map((id) => names[id] ?? 'a provision').join('; ')}.` : '',
      ].filter(Boolean)
      out.push(`- ${a.template.label}${a.assumes ? ` (assumes: ${flat(a.assumes)})` : ''}: **${VALUE_LABELS[value] ?? value}**. ${words.join(' ')}`)
      for (const c of ans.citations) {
        cite(c)
        out.push(`> Decided by ${flat(c.title)}${c.citation ? `, ${flat(c.citation)}` : ''} (${layerWord(c.layer)}): “${flat(c.quote)}” — ${c.url}`)
      }
    }
  }

  out.push('', `## Provisions in force on ${dateWords(props.date)}`)
  if (props.inForce.length === 0) out.push('No provision in the registry is in force here on this date.')
  for (const group of props.inForce) {
    out.push('', `### ${ACTION_WORDS[group.action] ?? group.action}`)
    for (const p of group.provisions) {
      const notes = [p.inForce === 'unknown' ? 'Whether it is in force on this date is not known (a date the sources give only in part).' : '', p.overridesLocal ? 'Overrides contrary local rules.' : ''].filter(Boolean)
      out.push(`- ${layerWord(p.layer)}: ${flat(p.title)}${p.citation ? ` (${flat(p.citation)})` : ''} ${EFFECT_WORDS[p.effect] ?? p.effect}${p.maxHours !== null ? ` (at most ${p.maxHours} hours)` : ''}: ${flat(p.summary)} Confidence ${p.confidence}.${notes.length ? ` ${notes.join(' ')}` : ''}`)
      cite({ url: p.url })
      out.push(quoteLine(p))
    }
  }

  if (props.enactments.length > 0) {
    out.push('', `## Enactments of ${flat(j.name)}`)
    for (const e of props.enactments) {
      out.push('', `### ${flat(e.title)}`)
      const citation = e.citation && typeof e.citation === 'object' && 'unknown' in e.citation ? `unknown (${flat(String(e.citation.unknown))})` : flat(String(e.citation ?? '—'))
      out.push(`- Citation: ${citation}`)
      out.push(`- Kind: ${e.kind.replace(/-/g, ' ')} · enacted ${registryDateWords(e.enacted)} · effective ${registryDateWords(e.effective)} · ends ${registryDateWords(e.ends)} · confidence ${e.confidence}`)
      for (const s of e.status) out.push(`- Status: ${s.status.replace(/-/g, ' ')} from ${registryDateWords(s.from)} to ${registryDateWords(s.to)}`)
      for (const s of e.sources) {
        cite(s)
        out.push(quoteLine(s))
      }
      for (const p of e.provisions) {
        out.push(`- ${ACTION_WORDS[p.action] ?? p.action}, ${EFFECT_WORDS[p.effect] ?? p.effect}: ${flat(p.summary)} Confidence ${p.confidence}.`)
        if (p.interpretation) out.push(`- How the registry reads it: ${flat(p.interpretation)}`)
        for (const s of p.sources) {
          cite(s)
          out.push(quoteLine(s))
        }
        for (const d of p.disagreements) {
          out.push(`- Sources disagree on ${flat(d.about)}:`)
          for (const c of d.claims) {
            out.push(`- ${flat(c.claim)}`)
            for (const s of c.sources) {
              cite(s)
              out.push(quoteLine(s))
            }
          }
        }
        for (const u of p.unknowns) out.push(`- Not known: ${flat(u.field)} (${flat(u.reason)})`)
      }
      for (const n of e.notes) out.push(`- Note: ${flat(n)}`)
    }
  }

  if (j.searches.length > 0) {
    out.push('', '## Searches that found no law')
    for (const s of j.searches) {
      out.push(`- On ${dateWords(s.on)}, for ${s.actions.map((a) => ACTION_WORDS[a] ?? a).join(', ')}: searched ${flat(s.searched)}; found ${flat(s.found)}`)
      for (const src of s.sources) {
        cite(src)
        out.push(quoteLine(src))
      }
    }
  }

  out.push('', '## Layers of law')
  for (const l of props.layers) out.push(`- ${layerWord(l.layer)}: ${flat(l.name) || 'none'}${l.inRegistry ? '' : ' (no file in the registry)'}${l.note ? `. ${flat(l.note)}` : ''}`)

  out.push('', '## Sources')
  for (const [url, reliability] of sources) out.push(`- ${reliability ? `${reliability}: ` : ''}${url}`)
  return `${out.join('\n')}\n`
}
