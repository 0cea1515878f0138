/**
 * The toolkit's simulated effect of a draft: detainer records grouped once (no rescanning per
 * check), and the law in force against the draft over the records of a jurisdiction, its state
 * or a peer, published as ranges with small cells suppressed.
 *
 * @example
 * ```ts
 * import { loadRecordGroups, simulateDraft } from './simulator/draft/index.ts'
 * const groups = await loadRecordGroups(['/tmp/pa.parquet'], registry, counties)
 * simulateDraft(groups, { law, draft, jurisdiction, jurisdictionName, state, action: 'hold', scope: { kind: 'auto' } })
 * ```
 */
export { loadRecordGroups, type RecordGroup, type RecordGroups } from './groups.ts'
export { simulateDraft, type DraftEffect, type RecordScope } from './effect.ts'
