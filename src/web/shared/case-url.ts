/**
 * The evaluator's case in a URL: `/evaluate?case=<base64url of the case JSON>`, so an answer can be
 * shared and replayed. Runs the same in the browser and in Node (TextEncoder, btoa and atob are
 * globals in both). Decoding only parses; the engine's `parseCase` validates at the edge.
 */

/**
 * Encodes any JSON value as base64url (RFC 4648 §5, no padding) of its UTF-8 JSON text.
 *
 * @example
 * ```ts
 * encodeCase({ jurisdiction: 'ocd-division/country:us/state:ca', date: '2018-01-01' })
 * // 'eyJqdXJpc2RpY3Rpb24iOi...'
 * ```
 */
export function encodeCase(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value))
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The result of decoding a `case` parameter: the JSON value, or why it could not be read. */
export type DecodedCase = { readonly kind: 'case'; readonly value: unknown } | { readonly kind: 'bad-case'; readonly reason: string }

/**
 * Decodes a `case` URL parameter back into the JSON value {@link encodeCase} encoded.
 *
 * @example
 * ```ts
 * decodeCase(encodeCase({ a: 'é' })) // { kind: 'case', value: { a: 'é' } }
 * decodeCase('%%%') // { kind: 'bad-case', reason: 'the case parameter is not base64url' }
 * ```
 */
export function decodeCase(text: string): DecodedCase {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return { kind: 'bad-case', reason: 'the case parameter is not base64url' }
  let binary: string
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4))
  } catch {
    return { kind: 'bad-case', reason: 'the case parameter is not base64url' }
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  let json: string
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { kind: 'bad-case', reason: 'the case parameter is not UTF-8 text' }
  }
  try {
    return { kind: 'case', value: JSON.parse(json) as unknown }
  } catch {
    return { kind: 'bad-case', reason: 'the case parameter is not JSON' }
  }
}
