/**
 * Signers' email addresses: the normalised form that decides "one signature per address", and the
 * disposable-domain check, through the community list republished as `disposable-email-domains-js`
 * (no list typed by hand here).
 */
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js'
import { AppError } from '../errors/index.ts'

/** The address as given (trimmed) for sending mail, and the key that decides duplicates. */
export interface NormalisedEmail {
  readonly kind: 'normalised-email'
  /** Trimmed, domain lower-cased: where mail is sent. */
  readonly address: string
  /** Lower-cased; for Gmail (gmail.com, googlemail.com) dots and a `+tag` dropped and the domain unified. */
  readonly key: string
  readonly domain: string
}

const GMAIL = new Set(['gmail.com', 'googlemail.com'])
// One @, a local part without spaces, a domain of dot-separated labels ending in letters.
const SHAPE = /^[^\s@"<>(),;:\\[\]]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/
let blocklist: ReadonlySet<string> | undefined

/**
 * Normalises an address or throws `invalid-input` naming `field`.
 *
 * @example
 * ```ts
 * normaliseEmail(' Jane.Doe+petition@GMail.com ').key // 'janedoe@gmail.com'
 * normaliseEmail('a.b@example.org').key              // 'a.b@example.org'
 * ```
 */
export function normaliseEmail(raw: string, field = 'email'): NormalisedEmail {
  const trimmed = raw.trim()
  const at = trimmed.lastIndexOf('@')
  if (trimmed.length > 254 || at < 1) throw new AppError('invalid-input', `${field}: "${clip(trimmed)}" is not an email address`, { field })
  const local = trimmed.slice(0, at)
  const domain = trimmed.slice(at + 1).toLowerCase()
  const address = `${local}@${domain}`
  if (!SHAPE.test(address.toLowerCase())) throw new AppError('invalid-input', `${field}: "${clip(trimmed)}" is not an email address`, { field })
  let keyLocal = local.toLowerCase()
  let keyDomain = domain
  if (GMAIL.has(domain)) {
    keyLocal = keyLocal.split('+')[0]!.replace(/\./g, '')
    keyDomain = 'gmail.com'
  }
  if (!keyLocal) throw new AppError('invalid-input', `${field}: "${clip(trimmed)}" is not an email address`, { field })
  return Object.freeze({ kind: 'normalised-email', address, key: `${keyLocal}@${keyDomain}`, domain })
}

/**
 * True when the domain, or a domain it is under, is on the disposable-mail list.
 *
 * @example
 * ```ts
 * isDisposableDomain('mailinator.com')     // true
 * isDisposableDomain('mx.mailinator.com')  // true
 * isDisposableDomain('example.org')        // false
 * ```
 */
export function isDisposableDomain(domain: string): boolean {
  blocklist ??= disposableEmailBlocklistSet()
  const labels = domain.trim().toLowerCase().split('.')
  for (let i = 0; i < labels.length - 1; i++) if (blocklist.has(labels.slice(i).join('.'))) return true
  return false
}

/**
 * A signer's address: normalised, and refused when disposable.
 *
 * @example
 * ```ts
 * signerEmail('someone@mailinator.com') // throws invalid-input "email: disposable addresses are not accepted"
 * ```
 */
export function signerEmail(raw: string, field = 'email'): NormalisedEmail {
  const email = normaliseEmail(raw, field)
  if (isDisposableDomain(email.domain)) throw new AppError('invalid-input', `${field}: disposable addresses are not accepted`, { field })
  return email
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
