/**
 * How well the registry is sourced: the share of sources labelled primary, the share on official
 * hosts, and the provisions with no primary text on an official host. `sanctuary check` prints it,
 * for the whole registry and for the hand-written files apart from the generated 287(g) files.
 */
import type { Jurisdiction, Registry, Source } from './model.ts'
import { isOfficialHost } from './source-labels.ts'

/** Counts of sources by label and host, and of provisions lacking a primary official source. */
export interface SourceStats {
  readonly kind: 'source-stats'
  readonly sources: number
  /** Sources labelled `primary`. */
  readonly primary: number
  /** Sources on an official host, whatever their label. */
  readonly officialHost: number
  /** Sources labelled `primary` on an official host (the check allows no other kind of primary). */
  readonly primaryOfficial: number
  readonly provisions: number
  /** Provisions with no source labelled `primary` on an official host. */
  readonly provisionsWithoutPrimary: number
}

const EMPTY: SourceStats = { kind: 'source-stats', sources: 0, primary: 0, officialHost: 0, primaryOfficial: 0, provisions: 0, provisionsWithoutPrimary: 0 }

const isPrimaryOfficial = (s: Source): boolean => s.reliability === 'primary' && isOfficialHost(s.url)

/** Every source cited in a jurisdiction's file, as a list. */
function sourcesOf(j: Jurisdiction): Source[] {
  const out: Source[] = []
  const add = (list: readonly { sources: readonly Source[] }[]) => list.forEach((x) => out.push(...x.sources))
  if (j.geoid.kind === 'known') out.push(...j.geoid.value.sources)
  add(j.detainerForms)
  j.disagreements.forEach((d) => add(d.claims))
  for (const e of j.enactments) {
    out.push(...e.sources, ...(e.inForceBy?.sources ?? []))
    add(e.status)
    e.disagreements.forEach((d) => add(d.claims))
    for (const p of e.provisions) {
      out.push(...p.sources)
      add(p.penalties)
      p.disagreements.forEach((d) => add(d.claims))
    }
  }
  return out
}

function statsOf(jurisdictions: Iterable<Jurisdiction>): SourceStats {
  let { sources, primary, officialHost, primaryOfficial, provisions, provisionsWithoutPrimary } = EMPTY
  for (const j of jurisdictions) {
    for (const s of sourcesOf(j)) {
      sources++
      const official = isOfficialHost(s.url)
      if (s.reliability === 'primary') primary++
      if (official) officialHost++
      if (official && s.reliability === 'primary') primaryOfficial++
    }
    for (const e of j.enactments)
      for (const p of e.provisions) {
        provisions++
        if (!p.sources.some(isPrimaryOfficial)) provisionsWithoutPrimary++
      }
  }
  return { kind: 'source-stats', sources, primary, officialHost, primaryOfficial, provisions, provisionsWithoutPrimary }
}

/**
 * Source statistics for the whole registry and for its hand-written files (generated 287(g)
 * files, `*.287g.yaml`, left out).
 *
 * @example
 * ```ts
 * const { all, handWritten } = sourceStats(registry)
 * formatSourceStats(handWritten) // "812 sources: 25.0 % primary on an official host, ..."
 * ```
 */
export function sourceStats(registry: Registry): { readonly all: SourceStats; readonly handWritten: SourceStats } {
  const js = [...registry.jurisdictions.values()]
  return { all: statsOf(js), handWritten: statsOf(js.filter((j) => !j.origin.file.endsWith('.287g.yaml'))) }
}

const pct = (n: number, d: number): string => `${d === 0 ? '0.0' : ((100 * n) / d).toFixed(1)} %`

/**
 * One line for a report.
 *
 * @example
 * ```ts
 * formatSourceStats({ kind: 'source-stats', sources: 4, primary: 1, officialHost: 2, primaryOfficial: 1, provisions: 2, provisionsWithoutPrimary: 1 })
 * // "4 sources: 25.0 % labelled primary (on official hosts: 25.0 %), 50.0 % on an official host; 1 of 2 provisions without a primary official source"
 * ```
 */
export function formatSourceStats(s: SourceStats): string {
  return `${s.sources} sources: ${pct(s.primary, s.sources)} labelled primary (on official hosts: ${pct(s.primaryOfficial, s.sources)}), ${pct(s.officialHost, s.sources)} on an official host; ${s.provisionsWithoutPrimary} of ${s.provisions} provisions without a primary official source`
}
