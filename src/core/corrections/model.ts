/**
 * Suggested corrections, as values: what a reader may submit about a provision (what is wrong, the
 * source that shows it, optionally an email for follow-up), the checks that keep spam out (length
 * limits, a real web address, a honeypot field, a cap on links), and the public view, which never
 * carries the email.
 */
import { AppError } from '../errors/index.ts'
import { parseEmail } from '../maintainers/index.ts'
import type { Registry } from '../registry/index.ts'

/** Which fact of a provision a suggestion is about. */
export const CORRECTION_TOPICS = ['summary', 'dates', 'limits', 'conditions', 'sources', 'other'] as const
export type CorrectionTopic = (typeof CORRECTION_TOPICS)[number]

/** Words for each topic, for forms and pages. */
export const TOPIC_WORDS: Readonly<Record<CorrectionTopic, string>> = {
  summary: 'What the provision does',
  dates: 'When it is in force',
  limits: 'Its limits (hours, reimbursement, who it applies to)',
  conditions: 'Its conditions',
  sources: 'Its sources or quotes',
  other: 'Something else',
}

/** Length limits of a suggestion (characters). */
export const CORRECTION_LIMITS = { whatMin: 10, whatMax: 2000, urlMax: 2000, reasonMin: 5, reasonMax: 1000, quoteMin: 5, quoteMax: 600, linksInText: 3 } as const

/** The honeypot field: hidden from people, filled by form-filling robots; must be empty. */
export const HONEYPOT_FIELD = 'website'

export type CorrectionStatus = 'pending' | 'accepted' | 'rejected'

/** A checked suggestion, ready to store. */
export interface CorrectionSubmission {
  readonly kind: 'correction-submission'
  readonly jurisdiction: string
  readonly enactment: string
  readonly provision: string
  readonly topic: CorrectionTopic
  readonly what: string
  readonly source: string
  /** For follow-up by maintainers only; never public, never logged. */
  readonly email: string | null
}

/** A stored suggestion as maintainers see it (with the email). */
export interface Correction extends Omit<CorrectionSubmission, 'kind'> {
  readonly kind: 'correction'
  readonly id: number
  readonly status: CorrectionStatus
  /** When it was received (ISO 8601). */
  readonly submittedAt: string
  readonly decidedAt: string | null
  /** The public reason for a rejection. */
  readonly reason: string | null
  /** For an accepted one: the quote from the source that the maintainer read, and the registry patch. */
  readonly quote: string | null
  readonly patch: string | null
}

/** What anyone may see of a suggestion: no email, no maintainer, the email-like text masked. */
export interface PublicCorrection {
  readonly kind: 'public-correction'
  readonly id: number
  readonly jurisdiction: string
  readonly enactment: string
  readonly provision: string
  readonly topic: CorrectionTopic
  readonly what: string
  readonly source: string
  readonly status: CorrectionStatus
  /** The day it was received (YYYY-MM-DD). */
  readonly submittedOn: string
  readonly decidedOn: string | null
  readonly reason: string | null
}

const EMAIL_IN_TEXT = /[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}/g

/** Text as received with control characters (other than new lines) removed and outer space trimmed. */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000B-\u001F\u007F\u200B-\u200F\u2028\u2029\u202A-\u202E]/g, '').trim()
}

function textField(value: unknown, field: string, min: number, max: number): string {
  if (typeof value !== 'string') throw new AppError('invalid-input', `${field}: required`, { field })
  const text = cleanText(value)
  const length = [...text].length
  if (length < min) throw new AppError('invalid-input', `${field}: at least ${min} characters, please`, { field })
  if (length > max) throw new AppError('invalid-input', `${field}: at most ${max} characters (this has ${length})`, { field })
  return text
}

/**
 * A web address a reader can open: http or https, a named public host (no IP address, no
 * localhost, no user name or password), at most 2,000 characters. Returns it normalised.
 *
 * @example
 * ```ts
 * parseSourceUrl('https://leginfo.legislature.ca.gov/faces/codes.xhtml', 'source') // the same URL
 * parseSourceUrl('javascript:alert(1)', 'source') // throws invalid-input, field "source"
 * ```
 */
export function parseSourceUrl(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('invalid-input', `${field}: the web address of the source that shows the correction is required`, { field })
  const text = value.trim()
  if (text.length > CORRECTION_LIMITS.urlMax) throw new AppError('invalid-input', `${field}: a web address of at most ${CORRECTION_LIMITS.urlMax} characters`, { field })
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new AppError('invalid-input', `${field}: "${text.slice(0, 80)}" is not a web address (it should start with https://)`, { field })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('invalid-input', `${field}: only http and https addresses, not ${url.protocol}`, { field })
  if (url.username || url.password) throw new AppError('invalid-input', `${field}: a web address with a user name or password is refused`, { field })
  const host = url.hostname.toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || /^\d+(\.\d+){3}$/.test(host) || host.startsWith('[') || !/\.[a-z][a-z0-9-]*[a-z0-9]$/.test(host))
    throw new AppError('invalid-input', `${field}: the address must name a public web site (not "${host}")`, { field })
  return url.toString()
}

/**
 * Checks a suggestion against the registry and the spam limits. Throws `invalid-input` naming the
 * field: an unknown provision, a short or long text, a bad web address or email, more than three
 * links in the text, or a filled honeypot field (`website`).
 *
 * @example
 * ```ts
 * parseSubmission(registry, { provision: 'ca-sb54-hold', topic: 'dates', what: 'The act took effect on 1 January 2018.', source: 'https://leginfo.legislature.ca.gov/…' })
 * ```
 */
export function parseSubmission(registry: Registry, input: Readonly<Record<string, unknown>>): CorrectionSubmission {
  const honeypot = input[HONEYPOT_FIELD]
  if (honeypot !== undefined && honeypot !== '') throw new AppError('invalid-input', `${HONEYPOT_FIELD}: leave this field empty`, { field: HONEYPOT_FIELD })
  const id = input.provision
  const provision = typeof id === 'string' ? registry.provisions.get(id) : undefined
  if (!provision) throw new AppError('not-found', `provision: no provision "${typeof id === 'string' ? id.slice(0, 100) : ''}" in the registry`, { field: 'provision' })
  const topicText = input.topic === undefined || input.topic === '' ? 'other' : input.topic
  if (!CORRECTION_TOPICS.includes(topicText as CorrectionTopic)) throw new AppError('invalid-input', `topic: one of ${CORRECTION_TOPICS.join(', ')}`, { field: 'topic' })
  const what = textField(input.what, 'what', CORRECTION_LIMITS.whatMin, CORRECTION_LIMITS.whatMax)
  if ((what.match(/https?:\/\//gi) ?? []).length > CORRECTION_LIMITS.linksInText) throw new AppError('invalid-input', `what: at most ${CORRECTION_LIMITS.linksInText} links in the text; put the source in its own field`, { field: 'what' })
  const source = parseSourceUrl(input.source, 'source')
  const emailText = typeof input.email === 'string' ? input.email.trim() : ''
  const email = emailText === '' ? null : parseEmail(emailText, 'email')
  return { kind: 'correction-submission', jurisdiction: provision.jurisdictionId, enactment: provision.enactmentId, provision: provision.id, topic: topicText as CorrectionTopic, what, source, email }
}

/**
 * Checks a rejection's public reason (5 to 1,000 characters).
 *
 * @example
 * ```ts
 * parseReason('The cited page says the opposite.') // the same text
 * ```
 */
export function parseReason(value: unknown): string {
  return textField(value, 'reason', CORRECTION_LIMITS.reasonMin, CORRECTION_LIMITS.reasonMax)
}

/**
 * Checks the quote a maintainer copied from the suggested source when accepting (5 to 600 characters).
 *
 * @example
 * ```ts
 * parseQuote('This chapter shall become operative on January 1, 2018.') // the same text
 * ```
 */
export function parseQuote(value: unknown): string {
  return textField(value, 'quote', CORRECTION_LIMITS.quoteMin, CORRECTION_LIMITS.quoteMax).replace(/\s+/g, ' ')
}

/**
 * The public view of a stored suggestion: the email dropped, email-like text in it masked, dates as days.
 *
 * @example
 * ```ts
 * publicCorrection(stored).what // 'Wrong date; write to [email removed]' when the text named an address
 * ```
 */
export function publicCorrection(c: Correction): PublicCorrection {
  return {
    kind: 'public-correction',
    id: c.id,
    jurisdiction: c.jurisdiction,
    enactment: c.enactment,
    provision: c.provision,
    topic: c.topic,
    what: c.what.replace(EMAIL_IN_TEXT, '[email removed]'),
    source: c.source,
    status: c.status,
    submittedOn: c.submittedAt.slice(0, 10),
    decidedOn: c.decidedAt ? c.decidedAt.slice(0, 10) : null,
    reason: c.reason ? c.reason.replace(EMAIL_IN_TEXT, '[email removed]') : null,
  }
}
