/**
 * The database adapter: Kysely over PGlite (an embedded data folder) or PostgreSQL (`DATABASE_URL`),
 * one schema and one set of queries for both, migrations with Kysely's migrator.
 *
 * @example
 * ```ts
 * import { openDatabase, targetFromEnv } from './adapters/db/index.ts'
 * const database = await openDatabase(targetFromEnv())
 * await database.close()
 * ```
 */
export { describeTarget, migrateToLatest, openDatabase, schemaVersion, targetFromEnv, type Database, type DatabaseTarget } from './database.ts'
export { LOCK_FILE, lockDataDir, type DataDirLock } from './lock.ts'
export { latestImports, startImport, tableCounts, type ImportRun, type ImportSummary } from './officials-store.ts'
export { postgresTestSchema, testTargets, type PostgresTestSchema, type TestTarget } from './testing.ts'
export { directoryIsEmpty, directoryRecords, organizationsInDivision, personWithPosts, postsInDivisions, zipAreas } from './officials-read.ts'
export { whoDecidesFor } from './who-decides-query.ts'
export { deleteDraft, loadDraft, MAX_DRAFT_QUERY, saveDraft } from './drafts-store.ts'
export { databaseView, snapshotView, type DirectoryView } from './directory-view.ts'
export { callOutcomeCounts, recordCallOutcome, type CallOutcomeCount, type CallOutcomeEntry } from './call-outcomes.ts'
export {
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
  reportCounts,
  reportedPetitions,
  reportsOf,
  resolveTarget,
  revisePetition,
  setHidden,
  signatureCounts,
  useSignatureToken,
  type IntegrityCounter,
  type NewPetition,
  type NewSignature,
  type PetitionReport,
} from './petitions-store.ts'
export { addMaintainer, checkMaintainer, endSession, maintainerCount, sessionMaintainer, startSession } from './maintainers-store.ts'
export { decideCorrection, getCorrection, listCorrections, submitCorrection } from './corrections-store.ts'
