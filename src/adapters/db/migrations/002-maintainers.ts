/**
 * Maintainers (who may review corrections and moderate) and their sign-in sessions. A password is
 * kept only as its Argon2id hash; a session only as the SHA-256 of its cookie token, so the table
 * alone signs nobody in.
 */
import { sql, type Kysely, type Migration } from 'kysely'

export const maintainers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('maintainers')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createTable('maintainer_sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('maintainer_id', 'integer', (c) => c.notNull().references('maintainers.id').onDelete('cascade'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('maintainer_sessions_maintainer').on('maintainer_sessions').column('maintainer_id').execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('maintainer_sessions').execute()
    await db.schema.dropTable('maintainers').execute()
  },
}
