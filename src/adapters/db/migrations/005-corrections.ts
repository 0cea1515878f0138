/**
 * Suggested corrections to registry provisions. The email (optional, for follow-up) is read only
 * by maintainers' pages; no client IP is stored (rate limits are kept in memory).
 */
import { sql, type Kysely, type Migration } from 'kysely'

export const corrections: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('corrections')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('enactment', 'text', (c) => c.notNull())
      .addColumn('provision', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('what', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'rejected')`))
      .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('decided_at', 'timestamptz')
      .addColumn('decided_by', 'integer')
      .addColumn('reason', 'text')
      .addColumn('quote', 'text')
      .addColumn('patch', 'text')
      .execute()
    await db.schema.createIndex('corrections_jurisdiction').on('corrections').columns(['jurisdiction', 'status']).execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('corrections').execute()
  },
}
