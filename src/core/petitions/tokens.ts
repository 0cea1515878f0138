/**
 * The tokens behind the links sent by mail (confirm a petition, confirm or withdraw a signature):
 * 24 random bytes, base64url. The store keeps only each token's SHA-256, so that the tables alone
 * give no link away; a signature's tokens are single-use (cleared when used).
 */
import { createHash, randomBytes } from 'node:crypto'

/** The shape of every token: 32 base64url characters. */
export const TOKEN_PATTERN = '^[A-Za-z0-9_-]{32}$'
const TOKEN = new RegExp(TOKEN_PATTERN)

/**
 * A new token and its hash.
 *
 * @example
 * ```ts
 * const { token, hash } = newToken() // mail `token`, store `hash`
 * ```
 */
export function newToken(): { readonly token: string; readonly hash: string } {
  const token = randomBytes(24).toString('base64url')
  return { token, hash: tokenHash(token) }
}

/**
 * The SHA-256 (hex) the store keeps for a token.
 *
 * @example
 * ```ts
 * tokenHash('a'.repeat(32)).length // 64
 * ```
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** True when the text has a token's shape (checked before any lookup). */
export function isTokenShaped(text: string): boolean {
  return TOKEN.test(text)
}
