/** `sanctuary officials import` and `sanctuary officials <name>`: the officials directory. */
import type { Command } from 'commander'
import { buildGazetteer } from '../../../core/answers/index.ts'
import { formatDay, todayUtc } from '../../../core/dates/index.ts'
import { openDatabase, targetFromEnv } from '../../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas } from '../../fs/index.ts'
import { DATASETS, defaultCuratedDir, defaultSharedDataDir, describeOutcome, importOfficials } from '../../officials-import/index.ts'
import { badOption, guard } from '../output.ts'

interface ImportOpts {
  from?: string
  curated?: string
  asOf?: string
  only?: string
  registry?: string
}

/** Registers the officials commands on the program. */
export function registerOfficialsCommands(program: Command): void {
  const officials = program.command('officials').description('the officials directory: who applies and who can change the law in each place')
  officials
    .command('import')
    .description(`import the directory (${DATASETS.join(', ')}) into the database; re-running updates in place`)
    .option('--from <dir>', 'the shared data folder, one sub-folder per dataset (default ../shared/data)')
    .option('--curated <dir>', 'the curated officials folder', defaultCuratedDir())
    .option('--as-of <date>', 'the day of the import (YYYY-MM-DD; default today)')
    .option('--only <datasets>', 'comma-separated datasets to import')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .action(
      guard(async (opts: ImportOpts) => {
        const asOf = opts.asOf ?? formatDay(todayUtc())
        if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) badOption('--as-of', `--as-of must be YYYY-MM-DD, got "${asOf}"`)
        const only = opts.only?.split(',').map((s) => s.trim())
        const unknown = only?.find((d) => !(DATASETS as readonly string[]).includes(d))
        if (unknown) badOption('--only', `unknown dataset "${unknown}" (known: ${DATASETS.join(', ')})`)
        const from = opts.from ?? defaultSharedDataDir()
        const registry = await loadRegistryOrThrow(opts.registry ?? defaultRegistryDir())
        const atlas = await loadUsAtlas()
        const gazetteer = buildGazetteer(registry, atlas.input)
        const database = await openDatabase(targetFromEnv())
        try {
          const started = performance.now()
          const outcomes = await importOfficials(database, { from, curatedDir: opts.curated, gazetteer, gazetteerVersion: 'us-atlas 3.0.1', asOf, ...(only ? { only } : {}), onProgress: (line) => process.stdout.write(`${line}\n`) })
          const total = outcomes.reduce((n, o) => n + (o.kind === 'imported' ? o.summary.records : 0), 0)
          const seconds = (performance.now() - started) / 1000
          process.stdout.write(`imported ${total.toLocaleString('en-US')} records in ${seconds.toFixed(1)} s${from ? '' : ' (no data folder: pass --from ../shared/data)'}\n`)
          const problems = outcomes.reduce((n, o) => n + (o.kind === 'imported' ? o.summary.problems : 0), 0)
          if (problems) process.stdout.write(`${problems} row(s) could not be used; see: sanctuary db status --json\n`)
        } finally {
          await database.close()
        }
      }),
    )
}
