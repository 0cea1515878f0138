/**
 * Maintainers, as values: the rules for their emails and passwords, and how long a session lasts.
 * Pure; the database adapter stores them and hashes passwords.
 *
 * @example
 * ```ts
 * parseEmail(' Ana@Example.org ', 'email') // 'ana@example.org'
 * checkPassword('correct horse battery staple', 'password') // passes
 * ```
 */
import { AppError } from '../errors/index.ts'

/** The shortest and longest passwords accepted (characters). */
export const PASSWORD_LENGTH = { min: 12, max: 256 } as const

/** The longest email accepted (characters), RFC 5321's path limit. */
export const MAX_EMAIL = 254

/** How long a sign-in lasts without signing in again: 12 hours. */
export const SESSION_HOURS = 12

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/

/**
 * An email address trimmed and lower-cased; `invalid-input` naming the field when it is not one.
 *
 * @example
 * ```ts
 * parseEmail('Ana@Example.org', 'email') // 'ana@example.org'
 * parseEmail('ana', 'email') // throws invalid-input, field "email"
 * ```
 */
export function parseEmail(text: string, field: string): string {
  const email = text.trim().toLowerCase()
  if (email.length === 0) throw new AppError('invalid-input', `${field}: an email address is required`, { field })
  if (email.length > MAX_EMAIL) throw new AppError('invalid-input', `${field}: an email address has at most ${MAX_EMAIL} characters`, { field })
  if (!EMAIL.test(email)) throw new AppError('invalid-input', `${field}: "${text.trim().slice(0, 80)}" is not an email address`, { field })
  return email
}

/**
 * Throws `invalid-input` naming the field unless the password has 12 to 256 characters.
 *
 * @example
 * ```ts
 * checkPassword('short', 'password') // throws: at least 12 characters
 * ```
 */
export function checkPassword(password: string, field: string): void {
  const length = [...password].length
  if (length < PASSWORD_LENGTH.min) throw new AppError('invalid-input', `${field}: a password has at least ${PASSWORD_LENGTH.min} characters`, { field })
  if (length > PASSWORD_LENGTH.max) throw new AppError('invalid-input', `${field}: a password has at most ${PASSWORD_LENGTH.max} characters`, { field })
}

/** A signed-in maintainer as the server sees one. The email is for the maintainer's own pages only. */
export interface Maintainer {
  readonly kind: 'maintainer'
  readonly id: number
  readonly email: string
}
