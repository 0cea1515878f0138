/**
 * Petitions aimed at real officials, in the pure core: the values (petition, signature counts,
 * integrity figures, constituency), the life of a petition (draft → live on the creator's
 * confirmation; text frozen at the first signature; a change after that is a new petition that
 * supersedes the old), email normalisation and the disposable-domain check, the token contract
 * (only a token's SHA-256 is stored), the retention rule (names and emails erased after N days,
 * counts kept), and the public counts with those under 11 suppressed. No I/O: the database
 * adapter stores, the mail adapter sends, the routes call.
 *
 * @example
 * ```ts
 * import { signerEmail, petitionCounts, suppress } from './core/petitions/index.ts'
 * signerEmail('Jane.Doe+x@gmail.com').key // 'janedoe@gmail.com'
 * suppress(4) // null
 * ```
 */
export * from './model.ts'
export { isDisposableDomain, normaliseEmail, signerEmail, type NormalisedEmail } from './email.ts'
export { isTokenShaped, newToken, tokenHash, TOKEN_PATTERN } from './tokens.ts'
export {
  anonymiseBefore,
  assertSignable,
  canMove,
  confirmCreator,
  DEFAULT_RETENTION,
  pendingExpiry,
  retentionPolicy,
  revise,
  reviseDecision,
  signatureMove,
  type PetitionChange,
  type RetentionPolicy,
} from './lifecycle.ts'
export { constituencyLines, integrityFigures, petitionCounts, suppress, type ConstituencyLine, type PetitionCounts } from './counts.ts'
export { constituencyOf, PLACE_SHARE } from './constituency.ts'
