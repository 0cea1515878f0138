/**
 * What the petitions API and pages share: creating, confirming, signing, withdrawing, revising,
 * reporting, the public view, and the delivery packet, over the store, the mail adapter, the
 * officials directory (targets, ZIP areas) and the name resolver. Each call validates what the
 * edge's schemas cannot (emails, ZIP codes, targets, tokens) and throws AppError naming the field.
 */
import { randomBytes } from 'node:crypto'
import { AppError } from '../../core/errors/index.ts'
import { requireJurisdiction, type NameIndex } from '../../core/names/index.ts'
import { zipLookup } from '../../core/officials/index.ts'
import {
  anonymiseBefore,
  constituencyLines,
  constituencyOf,
  integrityFigures,
  isTokenShaped,
  newToken,
  normaliseEmail,
  pendingExpiry,
  petitionCounts,
  signerEmail,
  tokenHash,
  type ConstituencyLine,
  type IntegrityFigures,
  type Petition,
  type PetitionChange,
  type PetitionCounts,
  type PetitionTarget,
  type RetentionPolicy,
  DEFAULT_RETENTION,
  isDisposableDomain,
} from '../../core/petitions/index.ts'
import {
  addReport,
  addSignature,
  anonymiseSignatures,
  atLargeDistrict,
  bumpCounter,
  confirmPetition,
  deliverySigners,
  dropUnsentSignature,
  expirePending,
  insertPetition,
  integrityCounters,
  livePetitions,
  loadPetition,
  petitionOfCreator,
  publicComments,
  resolveTarget,
  revisePetition,
  setHidden,
  signatureCounts,
  useSignatureToken,
  type Database,
  type DirectoryView,
} from '../db/index.ts'
import type { Mailer } from '../mail/index.ts'

/** Reasons a reader may give when reporting a petition. */
export const REPORT_REASONS = ['spam', 'harassment', 'private-information', 'impersonation', 'illegal', 'other'] as const

/** The shape of a petition id. */
export const PETITION_ID_PATTERN = '^[A-Za-z0-9_-]{11}$'

/** A petition as anyone may see it: its words and targets, counts (small ones suppressed), integrity figures and public comments. Never a name or an email. */
export interface PetitionView {
  readonly kind: 'petition-view'
  readonly petition: Petition
  readonly counts: PetitionCounts
  readonly integrity: IntegrityFigures
  readonly comments: readonly { readonly comment: string; readonly countyName: string }[]
}

/** A delivery packet for one target: the only output with signers' names. */
export interface DeliveryPacket {
  readonly kind: 'delivery-packet'
  readonly petition: Petition
  readonly target: PetitionTarget
  readonly generatedOn: string
  readonly confirmed: number
  readonly constituency: readonly ConstituencyLine[]
  /** Confirmed signers inside the target's division, by name; then those outside it. */
  readonly signers: readonly { readonly name: string; readonly city: string; readonly county: string; readonly inConstituency: boolean }[]
}

export interface PetitionsOptions {
  readonly database: Database
  readonly directory: DirectoryView
  readonly names: NameIndex
  readonly mailer: Mailer
  /** The site's address for links in mail, e.g. `https://atlas.example.org` (no trailing slash). */
  readonly publicUrl: string
  readonly retention?: RetentionPolicy
  /** Now, as an ISO timestamp; tests fix it. */
  readonly now?: () => string
}

export interface PetitionsService {
  readonly options: PetitionsOptions
  create(input: CreateInput): Promise<{ readonly petition: Petition }>
  confirm(id: string, token: string): Promise<Petition>
  view(id: string): Promise<PetitionView>
  list(): Promise<Petition[]>
  sign(id: string, input: SignInput): Promise<{ readonly petitionId: string; readonly expiresAt: string }>
  useToken(action: 'confirm' | 'withdraw', token: string): Promise<{ readonly petitionId: string; readonly status: string }>
  revise(id: string, token: string, change: PetitionChange): Promise<{ readonly petition: Petition; readonly created: boolean }>
  report(id: string, reason: string, message: string | undefined): Promise<void>
  /** The packet for a target; `token` the creator's, unless `maintainer` is true. */
  delivery(id: string, target: string, access: { readonly token?: string; readonly maintainer?: boolean }): Promise<DeliveryPacket>
  hide(id: string, reason: string | null): Promise<Petition>
  /** Expires pending signatures and anonymises old ones; returns the counts. */
  sweep(): Promise<{ readonly expired: number; readonly anonymised: number }>
  /** Counts a sign-up refused by the per-petition rate limit. */
  countRateLimited(id: string): Promise<void>
}

export interface CreateInput {
  readonly title: string
  readonly text: string
  readonly ask: string
  readonly targets: readonly { readonly post?: string; readonly person?: string }[]
  readonly jurisdiction: string
  readonly creator: { readonly name: string; readonly email: string }
}

export interface SignInput {
  readonly name: string
  readonly email: string
  readonly zip: string
  readonly county?: string
  readonly comment?: string
}

const clean = (text: string) => text.replace(/\r\n/g, '\n').trim()

function required(text: string, field: string): string {
  const t = clean(text)
  if (!t) throw new AppError('invalid-input', `${field}: must not be empty`, { field })
  return t
}

/**
 * @example
 * ```ts
 * const petitions = createPetitionsService({ database, directory: snapshotView(database), names, mailer: mailerFromEnv(), publicUrl: 'http://127.0.0.1:3000' })
 * ```
 */
export function createPetitionsService(options: PetitionsOptions): PetitionsService {
  const { database, directory, names, mailer } = options
  const retention = options.retention ?? DEFAULT_RETENTION
  const now = options.now ?? (() => new Date().toISOString())
  const today = () => now().slice(0, 10)
  const link = (path: string) => `${options.publicUrl}${path}`

  async function petitionOrThrow(id: string): Promise<Petition> {
    const p = await loadPetition(database, id)
    if (!p) throw new AppError('not-found', `id: no petition with id "${id}"`, { field: 'id' })
    return p
  }

  function tokenOrThrow(token: string): string {
    if (!isTokenShaped(token)) throw new AppError('invalid-input', 'token: not a token from a link this site sent', { field: 'token' })
    return tokenHash(token)
  }

  async function targetsOf(refs: CreateInput['targets']): Promise<PetitionTarget[]> {
    const out: PetitionTarget[] = []
    for (const [i, ref] of refs.entries()) {
      const field = `targets.${i}`
      if ((ref.post === undefined) === (ref.person === undefined)) throw new AppError('invalid-input', `${field}: give either post or person`, { field })
      const t = await resolveTarget(database, ref.post !== undefined ? { type: 'post', id: ref.post } : { type: 'person', id: ref.person! }, today(), field)
      if (out.some((o) => o.id === t.id)) throw new AppError('invalid-input', `${field}: ${t.label} is listed twice`, { field })
      out.push(t)
    }
    return out
  }

  async function creatorMail(p: Petition, to: string, name: string, token: string) {
    const lines = [
      `Hello ${name},`,
      '',
      p.supersedes ? `You changed the petition "${p.title}". The change is a new petition that replaces the old one once you confirm it.` : `You started the petition "${p.title}" on Sanctuary Atlas.`,
      'It goes live when you confirm this address. Open this link and press the button:',
      '',
      link(`/petitions/${p.id}/confirm?token=${token}`),
      '',
      'Keep this message: the same key lets you change the petition and download the delivery packet for each target:',
      link(`/petitions/${p.id}/delivery?token=${token}`),
      '',
      'If you did not start this petition, ignore this message; nothing goes live without the button.',
    ]
    await mailer.send({ kind: 'mail', to, subject: `Confirm your petition: ${p.title}`, text: lines.join('\n') })
  }

  return {
    options,
    async create(input) {
      const email = normaliseEmail(input.creator.email, 'creator.email')
      if (isDisposableDomain(email.domain)) throw new AppError('invalid-input', 'creator.email: disposable addresses are not accepted', { field: 'creator.email' })
      const creatorName = required(input.creator.name, 'creator.name')
      const jurisdiction = requireJurisdiction(names, input.jurisdiction, { field: 'jurisdiction' }).jurisdiction
      const targets = await targetsOf(input.targets)
      const petition: Petition = Object.freeze({
        kind: 'petition',
        id: randomBytes(8).toString('base64url'),
        title: required(input.title, 'title'),
        text: required(input.text, 'text'),
        ask: required(input.ask, 'ask'),
        targets,
        jurisdiction,
        status: 'draft',
        frozen: false,
        createdOn: today(),
      })
      const creator = newToken()
      await insertPetition(database, { petition, creatorName, creatorEmail: email.address, creatorTokenHash: creator.hash })
      await creatorMail(petition, email.address, creatorName, creator.token)
      return { petition }
    },
    async confirm(id, token) {
      const hash = tokenOrThrow(token)
      const owned = await petitionOfCreator(database, hash)
      if (!owned || owned.petition.id !== id) throw new AppError('not-found', 'token: this is not the confirmation link of this petition', { field: 'token' })
      return confirmPetition(database, hash, today())
    },
    async view(id) {
      const petition = await petitionOrThrow(id)
      await expirePending(database, now(), id)
      const [rows, counters, comments] = await Promise.all([signatureCounts(database, id), integrityCounters(database, id), petition.status === 'hidden' ? [] : publicComments(database, id)])
      return { kind: 'petition-view', petition, counts: petitionCounts(rows), integrity: integrityFigures(counters, rows), comments }
    },
    list: () => livePetitions(database),
    async sign(id, input) {
      const petition = await petitionOrThrow(id)
      let email
      try {
        email = signerEmail(input.email)
      } catch (error) {
        if (error instanceof AppError && /disposable/.test(error.message)) await bumpCounter(database, petition.id, 'refused-disposable')
        throw error
      }
      const name = required(input.name, 'name')
      let lookup
      try {
        lookup = zipLookup(input.zip.trim(), await directory.zipAreas(input.zip.trim()))
      } catch (error) {
        if (error instanceof AppError && error.code === 'not-found') throw new AppError('invalid-input', `zip: ${error.message}`, { field: 'zip' })
        throw error
      }
      const probe = constituencyOf(lookup, input.county ? { county: input.county } : {})
      const atLarge = await atLargeDistrict(database, probe.state)
      const constituency = atLarge ? constituencyOf(lookup, { ...(input.county ? { county: input.county } : {}), atLarge }) : probe
      const confirm = newToken()
      const withdraw = newToken()
      const signedAt = now()
      const expiresAt = pendingExpiry(signedAt, retention)
      const comment = input.comment ? clean(input.comment) : ''
      const { id: signatureId } = await addSignature(database, { petitionId: id, email, name, ...(comment ? { comment } : {}), constituency, confirmHash: confirm.hash, withdrawHash: withdraw.hash, signedAt, expiresAt })
      const text = [
        `Hello ${name},`,
        '',
        `You signed the petition "${petition.title}" on Sanctuary Atlas. Your signature counts once you confirm it.`,
        `Open this link and press the button (it works once, until ${expiresAt.slice(0, 16).replace('T', ' ')} UTC):`,
        '',
        link(`/signatures/confirm?token=${confirm.token}`),
        '',
        'To withdraw your signature at any time (your name and address are then erased):',
        link(`/signatures/withdraw?token=${withdraw.token}`),
        '',
        'If you did not sign, ignore this message: an unconfirmed signature expires and is erased.',
      ].join('\n')
      try {
        await mailer.send({ kind: 'mail', to: email.address, subject: `Confirm your signature: ${petition.title}`, text })
      } catch (cause) {
        await dropUnsentSignature(database, signatureId)
        throw new AppError('internal', 'the confirmation mail could not be sent; nothing was stored, try again later', {}, { cause })
      }
      return { petitionId: id, expiresAt }
    },
    async useToken(action, token) {
      return useSignatureToken(database, action, tokenOrThrow(token), now())
    },
    async revise(id, token, change) {
      const hash = tokenOrThrow(token)
      const owned = await petitionOfCreator(database, hash)
      if (!owned || owned.petition.id !== id) throw new AppError('not-found', 'token: this is not the creator key of this petition', { field: 'token' })
      const words: PetitionChange = {
        ...(change.title !== undefined ? { title: required(change.title, 'title') } : {}),
        ...(change.text !== undefined ? { text: required(change.text, 'text') } : {}),
        ...(change.ask !== undefined ? { ask: required(change.ask, 'ask') } : {}),
      }
      const next = newToken()
      const result = await revisePetition(database, hash, words, { id: randomBytes(8).toString('base64url'), creatorTokenHash: next.hash }, today())
      if (result.created && owned.creatorEmail) await creatorMail(result.petition, owned.creatorEmail, owned.creatorName ?? '', next.token)
      return result
    },
    async report(id, reason, message) {
      await petitionOrThrow(id)
      if (!(REPORT_REASONS as readonly string[]).includes(reason)) throw new AppError('invalid-input', `reason: "${reason}" is not one of ${REPORT_REASONS.join(', ')}`, { field: 'reason' })
      await addReport(database, id, reason, message ? clean(message) : undefined, today())
    },
    async delivery(id, targetId, access) {
      const petition = await petitionOrThrow(id)
      if (!access.maintainer) {
        if (access.token === undefined) throw new AppError('invalid-input', 'token: the delivery packet needs the creator key from the confirmation mail (or a maintainer sign-in)', { field: 'token' })
        const owned = await petitionOfCreator(database, tokenOrThrow(access.token))
        if (!owned || owned.petition.id !== id) throw new AppError('not-found', 'token: this is not the creator key of this petition', { field: 'token' })
      }
      const target = petition.targets.find((t) => t.id === targetId)
      if (!target) throw new AppError('not-found', `target: "${targetId}" is not a target of this petition (one of: ${petition.targets.map((t) => t.id).join(', ')})`, { field: 'target' })
      await expirePending(database, now(), id)
      const rows = await signatureCounts(database, id)
      const within = (division: string | null) => division !== null && (division === target.division || division.startsWith(`${target.division}/`))
      const signers = (await deliverySigners(database, id)).map((s) => ({ name: s.name, city: s.city, county: s.countyName, inConstituency: within(s.county) || within(s.district) }))
      return {
        kind: 'delivery-packet',
        petition,
        target,
        generatedOn: today(),
        confirmed: petitionCounts(rows, 0).confirmed,
        constituency: constituencyLines(rows, target.division),
        signers: [...signers.filter((s) => s.inConstituency), ...signers.filter((s) => !s.inConstituency)],
      }
    },
    async hide(id, reason) {
      await petitionOrThrow(id)
      return setHidden(database, id, reason === null ? null : required(reason, 'reason'))
    },
    async sweep() {
      const at = now()
      return { expired: await expirePending(database, at), anonymised: await anonymiseSignatures(database, anonymiseBefore(at, retention)) }
    },
    async countRateLimited(id) {
      if (await loadPetition(database, id)) await bumpCounter(database, id, 'rate-limited')
    },
  }
}
