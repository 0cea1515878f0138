/** `sanctuary officials import` and `sanctuary officials <name>`: the officials directory. */
import type { Command } from 'commander'
import { buildGazetteer } from '../../../core/answers/index.ts'
import { resolveName } from '../../../core/names/index.ts'
import { formatDay, todayUtc } from '../../../core/dates/index.ts'
import { describeWhoDecides, nameLookup, zipLookup, type PlaceLookup } from '../../../core/officials/index.ts'
import { databaseView, directoryIsEmpty, openDatabase, targetFromEnv, whoDecidesFor, zipAreas } from '../../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, loadUsAtlas, sharedNames } from '../../fs/index.ts'
import { DATASETS, GAZETTEER_VERSION, defaultCuratedDir, defaultSharedDataDir, describeOutcome, importOfficials } from '../../officials-import/index.ts'
import { badOption, guard, printJson } from '../output.ts'

interface ImportOpts {
  from?: string
  curated?: string
  asOf?: string
  only?: string
  registry?: string
}

/** Registers the officials commands on the program. */
export function registerOfficialsCommands(program: Command): void {
  const officials = program
    .command('officials')
    .description('the officials directory: who applies and who can change the law in each place')
    .argument('[place]', 'a county, city or state name, an OCD ID, or a five-digit ZIP code')
    .option('--date <date>', 'who holds office on this day (YYYY-MM-DD; default today)')
    .option('--json', 'print the answer as JSON')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .action(guard(showOfficials))
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
          const outcomes = await importOfficials(database, { from, curatedDir: opts.curated, gazetteer, gazetteerVersion: GAZETTEER_VERSION, asOf, ...(only ? { only } : {}), onProgress: (line) => process.stdout.write(`${line}\n`) })
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

interface ShowOpts {
  date?: string
  json?: boolean
  registry?: string
}

/** `sanctuary officials <place>`: who decides there; a ZIP code spanning counties lists them (exit 2). */
async function showOfficials(place: string | undefined, opts: ShowOpts): Promise<void> {
  if (!place) badOption('place', 'name a place: sanctuary officials "Harris County, TX" (or a ZIP code; import first with: sanctuary officials import)')
  const asOf = opts.date ?? formatDay(todayUtc())
  const registry = await loadRegistryOrThrow(opts.registry ?? defaultRegistryDir())
  const { gazetteer, names } = await sharedNames(registry)
  const database = await openDatabase(targetFromEnv())
  try {
    if (await directoryIsEmpty(database)) process.stderr.write('sanctuary: the officials directory is empty; import it with: sanctuary officials import --from ../shared/data\n')
    const trimmed = place.trim()
    const found: PlaceLookup = /^\d+$/.test(trimmed) ? zipLookup(trimmed, await zipAreas(database, trimmed)) : nameLookup(resolveName(names, trimmed), 'place')
    if (found.kind === 'choose') {
      process.stderr.write(`sanctuary: place: ${found.reason}: ${found.choices.map((c) => `${c.name} (${Math.round((c.landShare ?? 0) * 100)}%)`).join('; ')}\n`)
      process.exitCode = 2
      return
    }
    const who = await whoDecidesFor(databaseView(database), registry, gazetteer, found.jurisdiction, asOf)
    if (opts.json) printJson(who)
    else process.stdout.write(describeWhoDecides(who))
  } finally {
    await database.close()
  }
}
