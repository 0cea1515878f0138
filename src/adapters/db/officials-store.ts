/**
 * Storing and reading the officials directory. Imports are idempotent: each dataset's import is a
 * run; every record it yields is upserted with that run's number, and when the run finishes, the
 * dataset's memberships the run did not see are ended on the run's date (never deleted), and its
 * ZIP areas the run did not see are removed. A re-import therefore updates in place and never
 * duplicates.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DirectoryRecord, Membership, Organization, Person, Post, RowProblem, ZipArea } from '../../core/officials/index.ts'
import type { Database } from './database.ts'
import type { Schema } from './schema.ts'
import { COUNTED_TABLES } from './schema.ts'

const json = (value: unknown) => JSON.stringify(value)
/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500

/** An import in progress: feed it records, then finish it. */
export interface ImportRun {
  readonly kind: 'import-run'
  readonly id: number
  readonly dataset: string
  readonly asOf: string
  write(records: readonly (DirectoryRecord | ZipArea)[]): Promise<void>
  finish(problems: readonly RowProblem[], counts: { readonly records: number }): Promise<ImportSummary>
}

export interface ImportSummary {
  readonly kind: 'import-summary'
  readonly dataset: string
  readonly run: number
  readonly records: number
  readonly problems: number
  readonly membershipsEnded: number
  readonly zipAreasRemoved: number
}

/**
 * Starts an import run of one dataset.
 *
 * @example
 * ```ts
 * const run = await startImport(database, 'congress-legislators', '2026-12-05')
 * await run.write(batch.records)
 * await run.finish(batch.problems, { records: batch.records.length })
 * ```
 */
export async function startImport(database: Database, dataset: string, asOf: string): Promise<ImportRun> {
  const { db } = database
  const row = await db
    .insertInto('import_runs')
    .values({ dataset, started_at: new Date().toISOString(), as_of: asOf, records: 0, problems: 0, problem_sample: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const run = row.id
  return Object.freeze({
    kind: 'import-run' as const,
    id: run,
    dataset,
    asOf,
    write: (records: readonly (DirectoryRecord | ZipArea)[]) => db.transaction().execute((trx) => writeRecords(trx, dataset, run, records)),
    finish: (problems: readonly RowProblem[], counts: { readonly records: number }) => finishImport(db, dataset, run, asOf, problems, counts.records),
  })
}

async function writeRecords(trx: Transaction<Schema>, dataset: string, run: number, records: readonly (DirectoryRecord | ZipArea)[]): Promise<void> {
  const persons: Person[] = []
  const organizations: Organization[] = []
  const posts: Post[] = []
  const memberships: Membership[] = []
  const zips: ZipArea[] = []
  for (const r of records) {
    if (r.kind === 'person') persons.push(r)
    else if (r.kind === 'organization') organizations.push(r)
    else if (r.kind === 'post') posts.push(r)
    else if (r.kind === 'membership') memberships.push(r)
    else zips.push(r)
  }
  for (const chunk of chunks(dedupe(persons))) {
    await trx
      .insertInto('persons')
      .values(chunk.map((p) => ({ id: p.id, name: p.name, given_name: p.givenName ?? null, family_name: p.familyName ?? null, party: p.party ?? null, image: p.image ?? null, contacts: json(p.contacts), identifiers: json(p.identifiers), source: json(p.source), dataset, import_run: run })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), given_name: eb.ref('excluded.given_name'), family_name: eb.ref('excluded.family_name'), party: eb.ref('excluded.party'), image: eb.ref('excluded.image'), contacts: eb.ref('excluded.contacts'), identifiers: eb.ref('excluded.identifiers'), source: eb.ref('excluded.source'), dataset: eb.ref('excluded.dataset'), import_run: eb.ref('excluded.import_run') })))
      .execute()
  }
  for (const chunk of chunks(dedupe(organizations))) {
    await trx
      .insertInto('organizations')
      .values(chunk.map((o) => ({ id: o.id, name: o.name, classification: o.classification, division: o.division, contacts: json(o.contacts), identifiers: json(o.identifiers), source: json(o.source), dataset, import_run: run })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), classification: eb.ref('excluded.classification'), division: eb.ref('excluded.division'), contacts: eb.ref('excluded.contacts'), identifiers: eb.ref('excluded.identifiers'), source: eb.ref('excluded.source'), dataset: eb.ref('excluded.dataset'), import_run: eb.ref('excluded.import_run') })))
      .execute()
  }
  for (const chunk of chunks(dedupe(posts))) {
    await trx
      .insertInto('posts')
      .values(chunk.map((p) => ({ id: p.id, organization_id: p.organizationId, role: p.role, label: p.label, division: p.division, district: p.district ?? null, holder_unknown_reason: p.holderUnknownReason ?? null, source: json(p.source), dataset, import_run: run })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ organization_id: eb.ref('excluded.organization_id'), role: eb.ref('excluded.role'), label: eb.ref('excluded.label'), division: eb.ref('excluded.division'), district: eb.ref('excluded.district'), holder_unknown_reason: eb.ref('excluded.holder_unknown_reason'), source: eb.ref('excluded.source'), dataset: eb.ref('excluded.dataset'), import_run: eb.ref('excluded.import_run') })))
      .execute()
  }
  for (const chunk of chunks(dedupe(memberships))) {
    await trx
      .insertInto('memberships')
      .values(chunk.map((m) => ({ id: m.id, person_id: m.personId, post_id: m.postId, organization_id: m.organizationId ?? null, start_date: m.startDate ?? null, end_date: m.endDate ?? null, source: json(m.source), dataset, import_run: run })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ person_id: eb.ref('excluded.person_id'), post_id: eb.ref('excluded.post_id'), organization_id: eb.ref('excluded.organization_id'), start_date: eb.ref('excluded.start_date'), end_date: eb.ref('excluded.end_date'), source: eb.ref('excluded.source'), dataset: eb.ref('excluded.dataset'), import_run: eb.ref('excluded.import_run') })))
      .execute()
  }
  const zipKey = (z: ZipArea) => `${z.zip}|${z.level}|${z.geoid}`
  for (const chunk of chunks([...new Map(zips.map((z) => [zipKey(z), z])).values()])) {
    await trx
      .insertInto('zip_areas')
      .values(chunk.map((z) => ({ zip: z.zip, level: z.level, geoid: z.geoid, name: z.name, division: z.division ?? null, land_area: z.landArea, source: json(z.source), dataset, import_run: run })))
      .onConflict((oc) => oc.columns(['zip', 'level', 'geoid']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), division: eb.ref('excluded.division'), land_area: eb.ref('excluded.land_area'), source: eb.ref('excluded.source'), dataset: eb.ref('excluded.dataset'), import_run: eb.ref('excluded.import_run') })))
      .execute()
  }
}

/** Within one INSERT, PostgreSQL refuses two rows with the same key: the last one wins. */
function dedupe<T extends { readonly id: string }>(rows: readonly T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()]
}

function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK)
}

async function finishImport(db: Kysely<Schema>, dataset: string, run: number, asOf: string, problems: readonly RowProblem[], records: number): Promise<ImportSummary> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('memberships')
      .set({ end_date: asOf })
      .where('dataset', '=', dataset)
      .where('import_run', '<>', run)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', asOf)]))
      .executeTakeFirst()
    const removed = await trx.deleteFrom('zip_areas').where('dataset', '=', dataset).where('import_run', '<>', run).executeTakeFirst()
    const sample = problems.slice(0, 50).map((p) => ({ file: p.file, line: p.line ?? null, message: p.message }))
    await trx
      .updateTable('import_runs')
      .set({ finished_at: new Date().toISOString(), records, problems: problems.length, problem_sample: json(sample) })
      .where('id', '=', run)
      .execute()
    return {
      kind: 'import-summary' as const,
      dataset,
      run,
      records,
      problems: problems.length,
      membershipsEnded: Number(ended.numUpdatedRows ?? 0n),
      zipAreasRemoved: Number(removed.numDeletedRows ?? 0n),
    }
  })
}

/** Row counts of every table, for `sanctuary db status`. */
export async function tableCounts(database: Database): Promise<Readonly<Record<(typeof COUNTED_TABLES)[number], number>>> {
  const counts = {} as Record<(typeof COUNTED_TABLES)[number], number>
  for (const table of COUNTED_TABLES) {
    const row = await database.db.selectFrom(table).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

/** The latest finished run of each dataset. */
export async function latestImports(database: Database) {
  return database.db
    .selectFrom('import_runs')
    .selectAll()
    .where('finished_at', 'is not', null)
    .where('id', 'in', (eb) => eb.selectFrom('import_runs').select((e) => e.fn.max('id').as('id')).where('finished_at', 'is not', null).groupBy('dataset'))
    .orderBy('dataset')
    .execute()
}
