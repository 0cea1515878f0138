/**
 * The rules of a petition's life, as pure functions over its state: when it goes live, when its
 * text is frozen, what a change becomes, whether it takes signatures, and when a signature
 * expires or is anonymised. The store applies them; the routes report them.
 */
import { AppError } from '../errors/index.ts'
import type { Petition, PetitionStatus, SignatureStatus } from './model.ts'

/** How a petition's status may change, and by whom: the creator confirms; a maintainer hides and shows; a live revision closes what it replaces. */
const PETITION_MOVES: Readonly<Record<PetitionStatus, readonly PetitionStatus[]>> = {
  draft: ['live', 'hidden'],
  live: ['closed', 'hidden'],
  closed: ['hidden'],
  hidden: ['live', 'closed'],
}

/**
 * True when a petition may move from one status to another.
 *
 * @example
 * ```ts
 * canMove('draft', 'live')  // true
 * canMove('closed', 'live') // false
 * ```
 */
export function canMove(from: PetitionStatus, to: PetitionStatus): boolean {
  return PETITION_MOVES[from].includes(to)
}

/**
 * The petition after its creator confirmed the email: live from that day. Confirming twice is no change.
 *
 * @example
 * ```ts
 * confirmCreator(draft, '2026-12-07').status // 'live'
 * ```
 */
export function confirmCreator(petition: Petition, day: string): Petition {
  if (petition.status === 'live') return petition
  if (petition.status !== 'draft') throw new AppError('conflict', `token: this petition is ${petition.status} and cannot be confirmed`, { field: 'token' })
  return Object.freeze({ ...petition, status: 'live', liveOn: day })
}

/**
 * Whether a signature is taken now; throws naming `id` when not.
 *
 * @example
 * ```ts
 * assertSignable(live) // passes
 * assertSignable(draft) // throws conflict: not live until its creator confirms
 * ```
 */
export function assertSignable(petition: Petition): void {
  if (petition.status === 'live') return
  const why: Record<Exclude<PetitionStatus, 'live'>, string> = {
    draft: 'is not live yet: its creator has not confirmed the email',
    closed: petition.supersededBy ? `is closed: it was replaced by petition ${petition.supersededBy}` : 'is closed',
    hidden: `was hidden by a maintainer${petition.hiddenReason ? `: ${petition.hiddenReason}` : ''}`,
  }
  throw new AppError('conflict', `id: this petition ${why[petition.status]}`, { field: 'id' })
}

/** A change to a petition's words. */
export interface PetitionChange {
  readonly title?: string
  readonly text?: string
  readonly ask?: string
}

/**
 * What a change to a petition becomes: an edit in place while nobody has signed, else a new
 * petition (a draft its creator confirms) that `supersedes` the old one, whose text stays as signed.
 *
 * @example
 * ```ts
 * reviseDecision({ ...p, frozen: false }) // 'edit-in-place'
 * reviseDecision({ ...p, frozen: true })  // 'new-petition'
 * ```
 */
export function reviseDecision(petition: Petition): 'edit-in-place' | 'new-petition' {
  if (petition.status === 'hidden' || petition.status === 'closed') throw new AppError('conflict', `id: a ${petition.status} petition cannot be changed`, { field: 'id' })
  return petition.frozen ? 'new-petition' : 'edit-in-place'
}

/**
 * The petition with the change applied: the same petition when not frozen; otherwise a new draft
 * with a new id that names the old one in `supersedes`.
 *
 * @example
 * ```ts
 * const next = revise(frozen, { text: 'New text' }, 'p-new', '2026-12-08')
 * next.supersedes // frozen.id
 * ```
 */
export function revise(petition: Petition, change: PetitionChange, newId: string, day: string): Petition {
  const words = { title: change.title ?? petition.title, text: change.text ?? petition.text, ask: change.ask ?? petition.ask }
  if (reviseDecision(petition) === 'edit-in-place') return Object.freeze({ ...petition, ...words })
  const { supersededBy: _by, liveOn: _on, hiddenReason: _r, ...rest } = petition
  return Object.freeze({ ...rest, ...words, id: newId, status: 'draft', frozen: false, createdOn: day, supersedes: petition.id })
}

/** How long things are kept, configurable per server. */
export interface RetentionPolicy {
  readonly kind: 'retention-policy'
  /** Hours a pending signature's link stays valid. */
  readonly pendingHours: number
  /** Days after signing that a signature's name, email and tokens are erased (its county, place and district are kept, so the counts stay). */
  readonly anonymiseAfterDays: number
}

/** 72 hours to confirm; names and emails erased after 365 days. */
export const DEFAULT_RETENTION: RetentionPolicy = Object.freeze({ kind: 'retention-policy', pendingHours: 72, anonymiseAfterDays: 365 })

/**
 * A retention policy from the environment's text values, or throws naming the variable.
 *
 * @example
 * ```ts
 * retentionPolicy({ anonymiseAfterDays: '90' }).anonymiseAfterDays // 90
 * ```
 */
export function retentionPolicy(values: { readonly pendingHours?: string; readonly anonymiseAfterDays?: string }): RetentionPolicy {
  const read = (text: string | undefined, fallback: number, field: string) => {
    if (text === undefined || text === '') return fallback
    const n = Number(text)
    if (!Number.isInteger(n) || n < 1 || n > 36_500) throw new AppError('invalid-input', `${field} must be a whole number from 1 to 36500, got "${text}"`, { field })
    return n
  }
  return Object.freeze({
    kind: 'retention-policy',
    pendingHours: read(values.pendingHours, DEFAULT_RETENTION.pendingHours, 'SANCTUARY_PETITION_PENDING_HOURS'),
    anonymiseAfterDays: read(values.anonymiseAfterDays, DEFAULT_RETENTION.anonymiseAfterDays, 'SANCTUARY_PETITION_RETENTION_DAYS'),
  })
}

/**
 * When a pending signature made at `signedAt` expires (ISO timestamp).
 *
 * @example
 * ```ts
 * pendingExpiry('2026-12-07T10:00:00.000Z', DEFAULT_RETENTION) // '2026-12-10T10:00:00.000Z'
 * ```
 */
export function pendingExpiry(signedAt: string, policy: RetentionPolicy): string {
  return new Date(Date.parse(signedAt) + policy.pendingHours * 3_600_000).toISOString()
}

/**
 * The moment before which signatures are anonymised, for a sweep at `now` (ISO timestamp).
 *
 * @example
 * ```ts
 * anonymiseBefore('2026-12-07T00:00:00.000Z', { ...DEFAULT_RETENTION, anonymiseAfterDays: 30 }) // '2026-11-07T00:00:00.000Z'
 * ```
 */
export function anonymiseBefore(now: string, policy: RetentionPolicy): string {
  return new Date(Date.parse(now) - policy.anonymiseAfterDays * 86_400_000).toISOString()
}

/**
 * What using a signature's link does, from the signature's status: `confirm` a pending one,
 * `withdraw` a pending or confirmed one; anything else is an error naming `token`.
 *
 * @example
 * ```ts
 * signatureMove('pending', 'confirm', false) // 'confirmed'
 * signatureMove('pending', 'confirm', true)  // throws conflict: the link has expired
 * ```
 */
export function signatureMove(status: SignatureStatus, action: 'confirm' | 'withdraw', expired: boolean): SignatureStatus {
  if (action === 'confirm') {
    if (status === 'confirmed') return 'confirmed'
    if (status === 'pending' && !expired) return 'confirmed'
    if (status === 'pending' || status === 'expired') throw new AppError('conflict', 'token: this link has expired; sign again to get a new one', { field: 'token' })
    throw new AppError('conflict', 'token: this signature was withdrawn', { field: 'token' })
  }
  if (status === 'withdrawn') return 'withdrawn'
  if (status === 'expired') throw new AppError('conflict', 'token: this signature expired unconfirmed; there is nothing to withdraw', { field: 'token' })
  return 'withdrawn'
}
