/**
 * The schema's migrations, in order. Each is named by a sortable number and never edited once it
 * has shipped: a change is a new migration.
 */
import type { Migration } from 'kysely'
import { officialsDirectory } from './001-officials-directory.ts'
import { petitions } from './003-petitions.ts'
import { maintainers } from './002-maintainers.ts'
import { callOutcomes } from './004-call-outcomes.ts'
import { toolkitDrafts } from './006-toolkit-drafts.ts'

export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '001-officials-directory': officialsDirectory,
  '003-petitions': petitions,
  '002-maintainers': maintainers,
  '004-call-outcomes': callOutcomes,
  '006-toolkit-drafts': toolkitDrafts,
})
