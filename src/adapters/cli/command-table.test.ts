import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { COMMAND_MODULES, commandModulesFor } from './command-table.ts'

describe('the command table', () => {
  it('names exactly the top-level commands each module registers', async () => {
    for (const module of COMMAND_MODULES) {
      const program = new Command()
      ;(await module.load())(program)
      expect(program.commands.map((c) => c.name()).sort()).toEqual([...module.commands].sort())
    }
  })

  it('loads one module for a known command and all of them otherwise', () => {
    expect(commandModulesFor('check')).toHaveLength(1)
    expect(commandModulesFor('import-287g')).toHaveLength(1)
    expect(commandModulesFor('--help')).toHaveLength(COMMAND_MODULES.length)
    expect(commandModulesFor(undefined)).toHaveLength(COMMAND_MODULES.length)
    expect(commandModulesFor('chek')).toHaveLength(COMMAND_MODULES.length)
  })
})
