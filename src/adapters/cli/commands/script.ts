/** `sanctuary script`: a call script for an official or post, a jurisdiction and a question. */
import type { Command } from 'commander'
import { formatDay, todayUtc } from '../../../core/dates/index.ts'
import { requireJurisdiction } from '../../../core/names/index.ts'
import { buildScript, scriptQuestion, scriptTarget, scriptText, SCRIPT_QUESTIONS } from '../../../core/scripts/index.ts'
import { databaseView, directoryIsEmpty, openDatabase, targetFromEnv, whoDecidesFor } from '../../db/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, sharedNames } from '../../fs/index.ts'
import { guard, printJson } from '../output.ts'
import { createEngine } from '../../../core/engine/index.ts'
import { packageVersion } from '../../fs/index.ts'

interface ScriptOpts {
  official?: string
  post?: string
  jurisdiction?: string
  question?: string
  date?: string
  json?: boolean
  registry?: string
}

/** Registers `sanctuary script` on the program. */
export function registerScriptCommand(program: Command): void {
  program
    .command('script')
    .description('a call or email script: who the official is, the law on the day with citations, what the office can and cannot change; the ask is left to you')
    .option('--official <id>', 'a person id of the officials directory (e.g. curated:state-ca-county-fresno/john-zanoni)')
    .option('--post <id>', 'a post (seat) id instead (e.g. post:sheriff/ocd-division/country:us/state:ca/county:fresno)')
    .option('--jurisdiction <place>', 'an OCD ID or a name ("Fresno County, CA")')
    .option('--question <q>', `one of: ${SCRIPT_QUESTIONS.join(', ')}`)
    .option('--date <date>', 'the law and office holders of this day (YYYY-MM-DD; default today)')
    .option('--json', 'print the script as JSON')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .action(
      guard(async (opts: ScriptOpts) => {
        const target = scriptTarget({ official: opts.official, post: opts.post })
        const question = scriptQuestion(opts.question ?? '')
        const day = opts.date ?? formatDay(todayUtc())
        const registry = await loadRegistryOrThrow(opts.registry ?? defaultRegistryDir())
        const { gazetteer, names } = await sharedNames(registry)
        const place = requireJurisdiction(names, opts.jurisdiction ?? '', { field: 'jurisdiction' }).jurisdiction
        const engine = createEngine(registry, { version: packageVersion() })
        const database = await openDatabase(targetFromEnv())
        try {
          if (await directoryIsEmpty(database)) process.stderr.write('sanctuary: the officials directory is empty; import it with: sanctuary officials import --from ../shared/data\n')
          const who = await whoDecidesFor(databaseView(database), registry, gazetteer, place, day)
          const script = buildScript({ engine, who, target, question, asOf: day })
          if (opts.json) printJson(script)
          else process.stdout.write(`${scriptText(script)}\n`)
        } finally {
          await database.close()
        }
      }),
    )
}
