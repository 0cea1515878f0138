/**
 * The compare page's view of a comparison: the layers of law every compared jurisdiction shares
 * (the federal baseline always; the state's when all are in one state) are shown once, and only
 * the layers that differ go side by side. Pure; provision by provision as of the comparison's date.
 */
import type { Comparison } from '../../core/answers/index.ts'

type Provision = Comparison['actions'][number]['cells'][number]['provisions'][number]
type LayerRef = Comparison['jurisdictions'][number]['layers'][number]

/** One registry file whose law reaches every compared jurisdiction. */
export interface SharedLayer {
  readonly layer: LayerRef['layer']
  readonly jurisdiction: string
  readonly name: string
}

export interface CompareView {
  readonly kind: 'compare-view'
  /** In chain order (federal, then state, …). */
  readonly shared: readonly SharedLayer[]
  /** Per action with a shared provision in force: those provisions, once. */
  readonly common: readonly { readonly action: string; readonly provisions: readonly Provision[] }[]
  /** Per action where some jurisdiction has a provision of its own layers: one cell per jurisdiction, in the order asked. */
  readonly differing: readonly { readonly action: string; readonly cells: readonly { readonly jurisdiction: string; readonly provisions: readonly Provision[] }[] }[]
}

/**
 * Splits a comparison into the shared layers' provisions (once) and each jurisdiction's own.
 *
 * @example
 * ```ts
 * const v = compareView(compareJurisdictions(registry, gazetteer, [sf, oakland], '2019-06-01'))
 * v.shared.map((l) => l.layer) // ['federal', 'state']
 * ```
 */
export function compareView(c: Comparison): CompareView {
  const files = c.jurisdictions.map((j) => new Set(j.layers.filter((l) => l.inRegistry && l.jurisdiction).map((l) => l.jurisdiction!)))
  const first = c.jurisdictions[0]
  const shared: SharedLayer[] = (first?.layers ?? [])
    .filter((l) => l.inRegistry && l.jurisdiction && files.every((f) => f.has(l.jurisdiction!)))
    .map((l) => ({ layer: l.layer, jurisdiction: l.jurisdiction!, name: l.name ?? l.jurisdiction! }))
  const sharedIds = new Set(shared.map((l) => l.jurisdiction))
  const common = c.actions
    .map((a) => ({ action: a.action, provisions: (a.cells[0]?.provisions ?? []).filter((p) => sharedIds.has(p.jurisdiction)) }))
    .filter((a) => a.provisions.length > 0)
  const differing = c.actions
    .map((a) => ({ action: a.action, cells: a.cells.map((cell) => ({ jurisdiction: cell.jurisdiction, provisions: cell.provisions.filter((p) => !sharedIds.has(p.jurisdiction)) })) }))
    .filter((a) => a.cells.some((cell) => cell.provisions.length > 0))
  return { kind: 'compare-view', shared, common, differing }
}
