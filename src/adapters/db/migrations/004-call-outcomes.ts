/**
 * Call outcomes, counted: one row per day, post, jurisdiction, question and outcome, with a count.
 * Nothing ties a row to a caller — no IP, no cookie or session id, no time finer than the day.
 */
import { sql, type Kysely, type Migration } from 'kysely'

export const callOutcomes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('call_outcomes')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('post_id', 'text', (c) => c.notNull())
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull().check(sql`count > 0`))
      .addPrimaryKeyConstraint('call_outcomes_pk', ['day', 'post_id', 'jurisdiction', 'question', 'outcome'])
      .execute()
    await db.schema.createIndex('call_outcomes_post').on('call_outcomes').columns(['post_id', 'jurisdiction']).execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('call_outcomes').execute()
  },
}
