/**
 * The public counts of a petition: confirmed and pending apart, by county and by congressional
 * district, with every count from 1 to 10 suppressed so that no small group of signers stands out.
 */
import type { CountedSignature, IntegrityFigures, PublicCount } from './model.ts'
import { SUPPRESS_UNDER } from './model.ts'

/**
 * A count as published: null when it is from 1 to `SUPPRESS_UNDER - 1`.
 *
 * @example
 * ```ts
 * suppress(0)  // 0
 * suppress(7)  // null
 * suppress(11) // 11
 * ```
 */
export function suppress(count: number, under = SUPPRESS_UNDER): number | null {
  return count > 0 && count < under ? null : count
}

/** The public counts of one petition. */
export interface PetitionCounts {
  readonly kind: 'petition-counts'
  readonly confirmed: number
  readonly pending: number
  /** Confirmed signers by county, largest first; counts under 11 suppressed. */
  readonly byCounty: readonly PublicCount[]
  /** Confirmed signers by congressional district where it is certain from the ZIP code; counts under 11 suppressed. */
  readonly byDistrict: readonly PublicCount[]
  /** Confirmed signers whose district could not be told from their ZIP code. */
  readonly districtUnknown: number
}

const total = (rows: readonly Pick<CountedSignature, 'n'>[]) => rows.reduce((sum, r) => sum + (r.n ?? 1), 0)

function grouped(rows: readonly CountedSignature[], id: (r: CountedSignature) => string | null, name: (r: CountedSignature) => string | null, under: number): PublicCount[] {
  const by = new Map<string, { name: string; count: number }>()
  for (const r of rows) {
    const key = id(r)
    if (!key) continue
    const entry = by.get(key) ?? { name: name(r) ?? key, count: 0 }
    entry.count += r.n ?? 1
    by.set(key, entry)
  }
  return [...by.entries()]
    .sort((a, b) => b[1].count - a[1].count || (a[1].name < b[1].name ? -1 : 1))
    .map(([key, e]) => Object.freeze({ id: key, name: e.name, count: suppress(e.count, under), suppressed: suppress(e.count, under) === null }))
}

/**
 * The public counts from the counted signatures (no names or emails in them). The totals are
 * shown whole: they single nobody out once the places are suppressed.
 *
 * @example
 * ```ts
 * petitionCounts(rows).byCounty // [{ id: '…/county:harris', name: 'Harris County', count: 412, suppressed: false }, …]
 * ```
 */
export function petitionCounts(rows: readonly CountedSignature[], under = SUPPRESS_UNDER): PetitionCounts {
  const confirmed = rows.filter((r) => r.status === 'confirmed')
  return Object.freeze({
    kind: 'petition-counts',
    confirmed: total(confirmed),
    pending: total(rows.filter((r) => r.status === 'pending')),
    byCounty: grouped(confirmed, (r) => r.county, (r) => r.countyName, under),
    byDistrict: grouped(confirmed, (r) => r.district, (r) => r.districtName, under),
    districtUnknown: total(confirmed.filter((r) => !r.district)),
  })
}

/**
 * The integrity figures from the stored counters and the signature rows.
 *
 * @example
 * ```ts
 * integrityFigures({ 'refused-disposable': 2, duplicate: 1 }, rows).duplicates // 1
 * ```
 */
export function integrityFigures(counters: Readonly<Record<string, number>>, rows: readonly Pick<CountedSignature, 'status' | 'n'>[]): IntegrityFigures {
  return Object.freeze({
    kind: 'integrity-figures',
    refusedDisposable: counters['refused-disposable'] ?? 0,
    duplicates: counters.duplicate ?? 0,
    rateLimited: counters['rate-limited'] ?? 0,
    expired: total(rows.filter((r) => r.status === 'expired')),
    withdrawn: total(rows.filter((r) => r.status === 'withdrawn')),
  })
}

/** The constituency counts a delivery packet gives a target: its own division first. */
export interface ConstituencyLine {
  readonly id: string
  readonly name: string
  readonly count: number
}

/**
 * The confirmed signers counted for a target's constituency: the counties and districts that are
 * the target's division or lie within it, largest first (unsuppressed: the packet goes to the
 * official). A state-wide or national target gets every county and district under it.
 *
 * @example
 * ```ts
 * constituencyLines(rows, 'ocd-division/country:us/state:tx/county:harris') // [{ name: 'Harris County', count: 412 }]
 * ```
 */
export function constituencyLines(rows: readonly CountedSignature[], division: string): ConstituencyLine[] {
  const within = (id: string | null) => id !== null && (id === division || id.startsWith(`${division}/`))
  const confirmed = rows.filter((r) => r.status === 'confirmed')
  const lines = [...grouped(confirmed.filter((r) => within(r.county)), (r) => r.county, (r) => r.countyName, 0), ...grouped(confirmed.filter((r) => within(r.district)), (r) => r.district, (r) => r.districtName, 0)]
  return lines.map((l) => ({ id: l.id, name: l.name, count: l.count ?? 0 }))
}
