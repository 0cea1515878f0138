/**
 * The officials directory's pure core: the Popolo model, and the rules that say who decides in a
 * jurisdiction. No I/O: the database adapter stores the records and the importers make them.
 *
 * @example
 * ```ts
 * import type { Person, Post } from './core/officials/index.ts'
 * ```
 */
export type {
  Contact,
  DirectoryBatch,
  DirectoryRecord,
  Membership,
  Organization,
  OrganizationClass,
  Person,
  Post,
  PostRole,
  RowProblem,
  SourceRef,
  ZipArea,
} from './model.ts'
