/**
 * The registry's public change log: derived from its history (what changed, when, with which
 * sources), per jurisdiction and overall, as entries for pages and as Atom feeds. Pure: the
 * adapter (`src/adapters/changelog`) reads git and the committed file.
 *
 * @example
 * ```ts
 * import { atomFeed, changelogOf, changesFor } from './core/changelog/index.ts'
 * const log = changelogOf(history)
 * atomFeed(changesFor(log, id), { origin, self: `/jurisdictions/${id}/changes.atom`, alternate: `/jurisdictions/${id}`, title: 'Changes', key: `changes:${id}`, fallbackUpdated: log.throughDate })
 * ```
 */
export { changelogOf, ChangelogSchema, ChangeEntrySchema, changesFor, changeWords, deriveChanges, type ChangeEntry, type Changelog, type FileChange, type HistoryCommit } from './derive.ts'
export { atomFeed, FEED_TAG, jurisdictionPath, type FeedOptions } from './atom.ts'
