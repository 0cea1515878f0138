/**
 * The call script page as a function of a built script and its counts (the adapter reads both).
 * Server only; no I/O.
 */
import type { CallScript } from '../../core/scripts/index.ts'
import { ScriptPage, type ScriptPageProps } from '../pages/script-page.tsx'
import type { PageResult } from './site.tsx'

/**
 * @example
 * ```ts
 * scriptPage(script, []) // { kind: 'page', status: 200, title: 'Call script: …', entry: 'script', … }
 * ```
 */
export function scriptPage(script: CallScript, counts: ScriptPageProps['counts']): PageResult {
  const target = { post: script.official.postId, jurisdiction: script.jurisdiction.id, question: script.question.id }
  const props: ScriptPageProps = { script, counts, target }
  return {
    kind: 'page',
    status: 200,
    title: `Call script: ${script.official.office} — ${script.question.label}`,
    description: `A call script for the ${script.official.office} on ${script.question.label.toLowerCase()}, with the law on ${script.asOf} and its citations.`,
    nav: 'none',
    entry: 'script',
    body: <ScriptPage {...props} />,
    data: null,
  }
}
