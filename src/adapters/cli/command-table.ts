/**
 * Which `commands/` module registers which top-level command, so that the CLI loads only the
 * module it needs. `command-table.test.ts` registers every module and checks this table against
 * the commands each really adds.
 */
import type { Command } from 'commander'

/** Registers one module's commands on the program. */
export type RegisterCommands = (program: Command) => void

type Loader = () => Promise<RegisterCommands>

/** Top-level command names per module, with the module's loader, in help order. */
export const COMMAND_MODULES: readonly { readonly commands: readonly string[]; readonly load: Loader }[] = [
  { commands: ['check'], load: async () => (await import('./commands/check.ts')).registerCheckCommand },
  { commands: ['list', 'show', 'schema'], load: async () => (await import('./commands/registry.ts')).registerRegistryCommands },
  { commands: ['evaluate', 'test'], load: async () => (await import('./commands/engine.ts')).registerEngineCommands },
  { commands: ['import'], load: async () => (await import('./commands/import.ts')).registerImportCommand },
  { commands: ['import-287g'], load: async () => (await import('./commands/agreements.ts')).registerAgreementCommands },
  { commands: ['changelog'], load: async () => (await import('./commands/changelog.ts')).registerChangelogCommand },
  { commands: ['simulate'], load: async () => (await import('./commands/simulate.ts')).registerSimulateCommand },
  { commands: ['synth'], load: async () => (await import('./commands/synth.ts')).registerSynthCommand },
  { commands: ['report'], load: async () => (await import('./commands/report.ts')).registerReportCommand },
  { commands: ['db'], load: async () => (await import('./commands/db.ts')).registerDbCommands },
  { commands: ['officials'], load: async () => (await import('./commands/officials.ts')).registerOfficialsCommands },
  { commands: ['federal'], load: async () => (await import('./commands/federal.ts')).registerFederalCommands },
  { commands: ['draft'], load: async () => (await import('./commands/draft.ts')).registerDraftCommands },
  { commands: ['script'], load: async () => (await import('./commands/script.ts')).registerScriptCommand },
  { commands: ['maintainer'], load: async () => (await import('./commands/maintainer.ts')).registerMaintainerCommands },
]

/**
 * The loaders to run for a command line whose first argument is `first`: the one module that
 * registers it, or every module (help, options first, an unknown command) so commander can list
 * them all or suggest one.
 *
 * @example
 * ```ts
 * commandModulesFor('check').length // 1
 * commandModulesFor('--help').length // every module
 * ```
 */
export function commandModulesFor(first: string | undefined): Loader[] {
  const one = COMMAND_MODULES.find((m) => first !== undefined && m.commands.includes(first))
  return one ? [one.load] : COMMAND_MODULES.map((m) => m.load)
}
