/**
 * Call outcomes a caller may log: counted per official, jurisdiction, question and day, never tied
 * to a person.
 */
export const CALL_OUTCOMES = ['reached', 'voicemail', 'no-answer'] as const
export type CallOutcome = (typeof CALL_OUTCOMES)[number]
