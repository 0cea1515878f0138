/**
 * How the pages' forms turn what was typed into a jurisdiction, through the one name resolver:
 * the state of the page first (the jurisdiction the form was showing, or the other jurisdictions
 * being compared), then population; an ambiguous name is a choice of links, an unknown one a list
 * of suggestions, never a silent pick. An ID from the picker's hidden field must name a real place.
 */
import { AppError, toAppError } from '../../core/errors/index.ts'
import { isZipLike, requireDivisionId, resolveName, withZip, type Candidate, type NameIndex, type ZipShare } from '../../core/names/index.ts'
import type { NameChoiceLink } from '../components/name-choices.tsx'

/** What the forms read: the name index, and the ZIP areas of the five-digit values of this request. */
export interface NamesContext {
  readonly names: NameIndex
  readonly zips?: ReadonlyMap<string, readonly ZipShare[]>
}

/** The outcome of one form field. */
export type PickOutcome =
  | { readonly kind: 'picked'; readonly jurisdiction: string; readonly name: string; readonly state: string | null }
  | { readonly kind: 'empty' }
  | { readonly kind: 'choose'; readonly query: string; readonly message: string; readonly choices: readonly Candidate[] }
  | { readonly kind: 'unknown'; readonly query: string; readonly message: string; readonly suggestions: readonly Candidate[] }

const picked = (c: Candidate): PickOutcome => ({ kind: 'picked', jurisdiction: c.jurisdiction, name: c.name, state: c.state })

/**
 * Resolves one field: `id` (the picker's hidden OCD ID) when the typed text is empty or is that
 * jurisdiction's name, else the typed `text` with `prefer` as the page's state.
 *
 * @example
 * ```ts
 * pickJurisdiction(ctx, '', 'Houston', 'TX') // { kind: 'picked', jurisdiction: '…/state:tx/place:houston', … }
 * ```
 */
export function pickJurisdiction(ctx: NamesContext, id: string | undefined, text: string | undefined, prefer: string | null): PickOutcome {
  const typed = (text ?? '').trim()
  const hidden = (id ?? '').trim()
  if (hidden) {
    let known: Candidate | null = null
    try {
      known = requireDivisionId(ctx.names, hidden, 'jurisdiction')
    } catch (thrown) {
      const e = toAppError(thrown)
      if (!typed) return { kind: 'unknown', query: hidden, message: e.message, suggestions: [] }
    }
    if (known && (!typed || typed === known.name)) return picked(known)
  }
  if (!typed) return { kind: 'empty' }
  let r = resolveName(ctx.names, typed, { prefer })
  const zip = isZipLike(typed) ? ctx.zips?.get(typed) : undefined
  if (zip) r = withZip(ctx.names, r, typed, zip)
  if (r.kind === 'resolved') return picked(r.jurisdiction)
  if (r.kind === 'ambiguous') return { kind: 'choose', query: typed, message: `"${typed}" could mean ${r.candidates.length} places (${r.reason}). Choose one:`, choices: r.candidates.slice(0, 12) }
  return { kind: 'unknown', query: typed, message: `No jurisdiction matches "${typed}": ${r.reason}.${r.suggestions.length ? ' Did you mean one of these?' : ''}`, suggestions: r.suggestions }
}

/** The state of a page's jurisdiction, for `prefer`: the state of a real OCD ID, else null. */
export function stateOfId(ctx: NamesContext, id: string | undefined): string | null {
  if (!id?.trim()) return null
  try {
    return requireDivisionId(ctx.names, id, 'jurisdiction').state
  } catch {
    return null
  }
}

const people = (n: number) => n.toLocaleString('en-US')

/**
 * Links for a choice: each is `base` with the field set to the candidate.
 *
 * @example
 * ```ts
 * choiceLinks(candidates, (c) => `/evaluate?jurisdiction=${encodeURIComponent(c.jurisdiction)}`)
 * ```
 */
export function choiceLinks(candidates: readonly Candidate[], href: (c: Candidate) => string): NameChoiceLink[] {
  return candidates.map((c) => ({
    name: c.name,
    detail: [c.type, c.state && !c.name.endsWith(`, ${c.state}`) ? c.state : null, c.population !== null ? `${people(c.population)} residents` : null, c.inRegistry ? 'in the registry' : null].filter(Boolean).join(', '),
    href: href(c),
  }))
}

/** An outcome that is not a pick, as the AppError the page reports (400 for a choice, 404 for unknown). */
export function pickError(outcome: Extract<PickOutcome, { kind: 'choose' | 'unknown' }>, field: string): AppError {
  return new AppError(outcome.kind === 'choose' ? 'invalid-input' : 'not-found', outcome.message, { field })
}
