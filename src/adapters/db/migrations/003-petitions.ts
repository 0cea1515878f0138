/**
 * Petitions and their signatures. A signer's name and email live only in `signatures` (erased
 * when the signature is withdrawn, expires or reaches the retention age; the county, place and
 * district stay so the counts stay). One signature per petition per normalised email is a unique
 * constraint, so the database refuses a duplicate however many requests race. Tokens are stored
 * as their SHA-256 only. Integrity counters count what was refused; reports are readers' flags.
 */
import { sql, type Kysely, type Migration } from 'kysely'

export const petitions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('petitions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('ask', 'text', (c) => c.notNull())
      .addColumn('targets', 'jsonb', (c) => c.notNull())
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'live', 'closed', 'hidden')`))
      .addColumn('supersedes', 'text', (c) => c.references('petitions.id'))
      .addColumn('superseded_by', 'text', (c) => c.references('petitions.id'))
      .addColumn('frozen', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('created_on', 'text', (c) => c.notNull())
      .addColumn('live_on', 'text')
      .addColumn('hidden_reason', 'text')
      .addColumn('creator_name', 'text')
      .addColumn('creator_email', 'text')
      .addColumn('creator_token_hash', 'text', (c) => c.notNull().unique())
      .execute()
    await db.schema
      .createTable('signatures')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'confirmed', 'expired', 'withdrawn')`))
      .addColumn('email_key', 'text')
      .addColumn('email', 'text')
      .addColumn('name', 'text')
      .addColumn('comment', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('county', 'text', (c) => c.notNull())
      .addColumn('county_name', 'text', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('place_name', 'text')
      .addColumn('district', 'text')
      .addColumn('district_name', 'text')
      .addColumn('confirm_hash', 'text', (c) => c.unique())
      .addColumn('withdraw_hash', 'text', (c) => c.unique())
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text')
      .addColumn('anonymised', 'boolean', (c) => c.notNull().defaultTo(false))
      .addUniqueConstraint('signatures_once_per_email', ['petition_id', 'email_key'])
      .execute()
    await db.schema.createIndex('signatures_petition_status').on('signatures').columns(['petition_id', 'status']).execute()
    await db.schema.createIndex('signatures_signed_at').on('signatures').column('signed_at').execute()
    await db.schema
      .createTable('petition_integrity')
      .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
      .addColumn('counter', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull().check(sql`count > 0`))
      .addPrimaryKeyConstraint('petition_integrity_pk', ['petition_id', 'counter'])
      .execute()
    await db.schema
      .createTable('petition_reports')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('message', 'text')
      .addColumn('reported_on', 'text', (c) => c.notNull())
      .execute()
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['petition_reports', 'petition_integrity', 'signatures', 'petitions']) await db.schema.dropTable(table).execute()
  },
}
