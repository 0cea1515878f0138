/**
 * The lawmaker toolkit: a catalog of clauses derived from the registry's provisions, drafts in
 * the registry's format, and the checks of a draft in place (preemption by the engine layered
 * under the law in force, funding risk from the federal layer, rule cases). Pure: no I/O.
 *
 * @example
 * ```ts
 * import { buildCatalog, checkDraft, parseDraft } from './core/toolkit/index.ts'
 * const draft = parseDraft(yamlValue)
 * const check = checkDraft({ registry, engineVersion: '0.1.0' }, draft, 'ocd-division/country:us/state:tx/county:travis', '2018-06-01')
 * ```
 */
export * from './clauses.ts'
export * from './catalog.ts'
export * from './draft.ts'
export * from './layer.ts'
export * from './probes.ts'
export * from './check.ts'
export * from './export.ts'
export * from './composer.ts'
