/**
 * When a jurisdiction, or one provision, was last verified and by what — derived only from dated
 * records: the registry's dated research (`searches[].on`, what was searched), and maintainers'
 * reviews of suggested corrections (the day one was accepted or rejected after reading its
 * source). Registry sources carry no retrieval dates, so a file with neither says that no
 * verification date is recorded; no date is ever inferred.
 */
import type { Jurisdiction } from '../registry/index.ts'

/** A dated verification, or none recorded. */
export type LastVerified =
  | { readonly kind: 'verified'; readonly on: string; readonly by: 'research' | 'correction-review'; readonly what: string }
  | { readonly kind: 'not-recorded' }

/** A maintainer's decision on a suggestion: the provision and the day. */
export interface Review {
  readonly provision: string
  readonly decidedOn: string
}

/**
 * The latest dated verification of a jurisdiction file (or of one provision of it, with `provision`).
 *
 * @example
 * ```ts
 * lastVerified(file, [{ provision: 'id-x', decidedOn: '2026-12-08' }]) // { kind: 'verified', on: '2026-12-08', by: 'correction-review', … }
 * lastVerified(fileWithNoDates, []) // { kind: 'not-recorded' }
 * ```
 */
export function lastVerified(file: Jurisdiction | undefined, reviews: readonly Review[], provision?: string): LastVerified {
  let best: LastVerified = { kind: 'not-recorded' }
  const consider = (candidate: Extract<LastVerified, { kind: 'verified' }>) => {
    if (best.kind === 'not-recorded' || candidate.on > best.on) best = candidate
  }
  if (file && provision === undefined) for (const s of file.searches) consider({ kind: 'verified', on: s.on, by: 'research', what: `research of ${s.searched}` })
  for (const r of reviews) if (provision === undefined || r.provision === provision) consider({ kind: 'verified', on: r.decidedOn, by: 'correction-review', what: 'a maintainer’s review of a suggested correction against its source' })
  return best
}
