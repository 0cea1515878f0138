/**
 * The `sanctuary` command line: a thin shell over the core. Each command lives in `commands/`.
 *
 * Only the module of the command being run is loaded (the database, PDF and DuckDB modules cost
 * about a second of start-up each time otherwise); `--help`, no command or an unknown one load all.
 */
import { Command } from 'commander'
import { commandModulesFor } from './command-table.ts'

const program = new Command()
  .name('sanctuary')
  .description('Sanctuary Atlas: a cited registry of U.S. laws on local cooperation with ICE, and a rules engine over it.')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(`sanctuary: ${text.replace(/^error: /, '').trim()}\n`) })
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2)
  })

for (const load of commandModulesFor(process.argv[2])) (await load())(program)

await program.parseAsync(process.argv)
