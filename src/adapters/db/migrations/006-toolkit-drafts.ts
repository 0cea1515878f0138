/**
 * Saved toolkit drafts: the composer's state (its query string) behind a private link. The link's
 * token is stored only as its SHA-256, so the table alone does not give the links away.
 */
import type { Kysely, Migration } from 'kysely'

export const toolkitDrafts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('toolkit_drafts')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('saved_on', 'text', (c) => c.notNull())
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('toolkit_drafts').execute()
  },
}
