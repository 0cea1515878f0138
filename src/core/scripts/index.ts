/**
 * Call and email scripts: for an official (a person or a post of the officials directory), a
 * jurisdiction and a question (hold, notify, interview), who the official is and how to reach
 * them, what the law says on the day (the engine's answers with citations), what the post can and
 * cannot change under the layers of law, and the caller's ask left as a placeholder, in neutral
 * words. Pure: the adapter reads who-decides from the directory and passes the date in.
 *
 * @example
 * ```ts
 * import { buildScript, scriptText } from './core/scripts/index.ts'
 * const script = buildScript({ engine, who, target: { kind: 'person', id: 'curated:state-ca-county-fresno/john-zanoni' }, question: 'hold', asOf: '2026-12-07' })
 * console.log(scriptText(script))
 * ```
 */
export { ASK_PLACEHOLDER, SCRIPT_QUESTIONS, type CallScript, type ContactPoint, type PowerBasis, type PowerStatement, type ScriptAnswer, type ScriptLaw, type ScriptOfficial, type ScriptQuestion, type ScriptTarget } from './model.ts'
export { answerWords, buildScript, scriptQuestion, scriptTarget, type ScriptInput } from './build.ts'
export { postPowers, roleLayer, type PowersInput } from './powers.ts'
export { scriptText, sourceWords } from './text.ts'
export { CALL_OUTCOMES, type CallOutcome } from './outcomes.ts'
