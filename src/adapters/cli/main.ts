/**
 * The `sanctuary` command line: a thin shell over the core. Each command lives in `commands/`.
 */
import { Command } from 'commander'
import { registerAgreementCommands } from './commands/agreements.ts'
import { registerDbCommands } from './commands/db.ts'
import { registerDraftCommands } from './commands/draft.ts'
import { registerEngineCommands } from './commands/engine.ts'
import { registerFederalCommands } from './commands/federal.ts'
import { registerMaintainerCommands } from './commands/maintainer.ts'
import { registerImportCommand } from './commands/import.ts'
import { registerOfficialsCommands } from './commands/officials.ts'
import { registerRegistryCommands } from './commands/registry.ts'
import { registerSimulateCommand } from './commands/simulate.ts'
import { registerReportCommand } from './commands/report.ts'
import { registerScriptCommand } from './commands/script.ts'
import { registerSynthCommand } from './commands/synth.ts'

const program = new Command()
  .name('sanctuary')
  .description('Sanctuary Atlas: a cited registry of U.S. laws on local cooperation with ICE, and a rules engine over it.')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(`sanctuary: ${text.replace(/^error: /, '').trim()}\n`) })
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2)
  })

registerRegistryCommands(program)
registerEngineCommands(program)
registerImportCommand(program)
registerAgreementCommands(program)
registerSimulateCommand(program)
registerSynthCommand(program)
registerReportCommand(program)
registerDbCommands(program)
registerOfficialsCommands(program)
registerFederalCommands(program)
registerDraftCommands(program)
registerScriptCommand(program)
registerMaintainerCommands(program)

await program.parseAsync(process.argv)
