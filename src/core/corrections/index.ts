/**
 * Suggested corrections to the registry: checking a reader's suggestion, its public view, and the
 * registry patch an accepted one produces. Pure; the database adapter stores them.
 *
 * @example
 * ```ts
 * import { parseSubmission, publicCorrection, sourcePatch } from './core/corrections/index.ts'
 * const submission = parseSubmission(registry, { provision: 'ca-sb54-hold', what: 'The date is wrong.', source: 'https://example.gov/x' })
 * ```
 */
export {
  CORRECTION_LIMITS,
  CORRECTION_TOPICS,
  HONEYPOT_FIELD,
  parseQuote,
  parseReason,
  parseSourceUrl,
  parseSubmission,
  publicCorrection,
  TOPIC_WORDS,
  type Correction,
  type CorrectionStatus,
  type CorrectionSubmission,
  type CorrectionTopic,
  type PublicCorrection,
} from './model.ts'
export { sourcePatch, type AddedSource, type RegistryPatch } from './patch.ts'
export { lastVerified, type LastVerified } from './verified.ts'
