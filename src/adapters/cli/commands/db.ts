/** `sanctuary db migrate` and `sanctuary db status`: the database's schema and what it holds. */
import type { Command } from 'commander'
import { describeTarget, latestImports, migrateToLatest, openDatabase, schemaVersion, tableCounts, targetFromEnv } from '../../db/index.ts'
import { guard, printJson } from '../output.ts'

/** Registers the database commands on the program. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database: PGlite in SANCTUARY_DATA_DIR (default ./data), or PostgreSQL at DATABASE_URL')
  db.command('migrate')
    .description('apply pending migrations')
    .action(
      guard(async () => {
        const database = await openDatabase(targetFromEnv(), { migrate: false })
        try {
          const result = await migrateToLatest(database)
          const applied = (result.results ?? []).map((r) => r.migrationName)
          process.stdout.write(`${describeTarget(database.target)}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema already up to date'}\n`)
        } finally {
          await database.close()
        }
      }),
    )
  db.command('status')
    .description('print the schema version, row counts and the latest import of each dataset')
    .option('--json', 'print JSON')
    .action(
      guard(async (opts: { json?: boolean }) => {
        const database = await openDatabase(targetFromEnv(), { migrate: false })
        try {
          const version = await schemaVersion(database)
          const ready = version.pending.length === 0
          const counts = ready ? await tableCounts(database) : undefined
          const imports = ready ? await latestImports(database) : []
          if (opts.json) return printJson({ target: describeTarget(database.target), schema: version, counts, imports })
          process.stdout.write(`${describeTarget(database.target)}\n`)
          process.stdout.write(`schema: ${version.applied.at(-1) ?? 'empty'}${version.pending.length ? ` (pending: ${version.pending.join(', ')}; run: sanctuary db migrate)` : ''}\n`)
          if (counts) process.stdout.write(`rows: ${Object.entries(counts).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}\n`)
          for (const run of imports) process.stdout.write(`import ${run.dataset}: ${run.records.toLocaleString('en-US')} records, ${run.problems} problem(s), as of ${run.as_of}, finished ${run.finished_at}\n`)
        } finally {
          await database.close()
        }
      }),
    )
}
