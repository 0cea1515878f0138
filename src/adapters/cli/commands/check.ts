/**
 * `sanctuary check`: validates the whole registry, the federal data and the curated officials folder.
 *
 * This module imports only light modules: the checking code (TypeBox and the registry, federal
 * and officials modules) is imported when the command runs, and `loadRegistryAndFederal` parses
 * the registry files while it loads.
 */
import type { Command } from 'commander'
import type { CoverageCounts, Diagnostic } from '../../../core/registry/index.ts'
import { defaultRegistryDir, loadRegistryAndFederal } from '../../fs/index.ts'
import { guard } from '../output.ts'

/** Registers `check` on the program. */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('validate the whole registry: schema, dates, sources, references, OCD IDs, GEOIDs')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .option('--quiet', 'print errors only, not warnings')
    .option('--officials <dir>', 'curated officials folder (default: the project\'s officials/)')
    .action(
      guard(async (opts: { registry?: string; quiet?: boolean; officials?: string }) => {
        const root = opts.registry ?? defaultRegistryDir()
        const modules = Promise.all([import('../../../core/registry/index.ts'), import('../../../core/federal/index.ts')])
        modules.catch(() => undefined) // awaited below
        const { built, federal: fed } = await loadRegistryAndFederal(root)
        const [{ countRegistry, coverageCounts, formatDiagnostic, formatSourceStats, sourceStats }, { countFederal }] = await modules
        const registry = built.registry && fed.federal ? built.registry : undefined
        const diagnostics = [...built.diagnostics, ...fed.diagnostics]
        const errors = diagnostics.filter((d) => d.severity === 'error')
        const warnings = diagnostics.filter((d) => d.severity === 'warning')
        for (const d of opts.quiet ? errors : diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`)
        if (registry) {
          const c = countRegistry(registry)
          process.stdout.write(
            `registry ok (version ${registry.version}): ${c.jurisdictions} jurisdictions, ${c.enactments} enactments, ${c.provisions} provisions, ${c.sources} sources, ${c.offenseClasses} offense classes; ${warnings.length} warning(s)\n`,
          )
          process.stdout.write(`covers: ${coverageLine(coverageCounts(registry))}\n`)
          const st = sourceStats(registry)
          process.stdout.write(`sourcing, all files: ${formatSourceStats(st.all)}\n`)
          process.stdout.write(`sourcing, hand-written files: ${formatSourceStats(st.handWritten)}\n`)
          const f = countFederal(fed.federal!)
          process.stdout.write(`federal ok: ${f.lists} lists (${f.entries} entries), ${f.conditions} grant conditions, ${f.rulings} rulings, ${f.actions} actions, ${f.funding} funding records\n`)
        } else {
          process.stdout.write(`registry has ${errors.length} error(s) and ${warnings.length} warning(s)\n`)
          process.exitCode = 1
        }
        await checkOfficials(opts.officials, opts.quiet === true, formatDiagnostic)
      }),
    )
}

/**
 * The coverage counts in one line.
 *
 * @example
 * ```ts
 * coverageLine(coverageCounts(registry)) // '51 state-level files, 650 local jurisdictions (…), 814 287(g) agreements in 599 jurisdictions'
 * ```
 */
export function coverageLine(c: CoverageCounts): string {
  return `${c.stateFiles} state-level files, ${c.local} local jurisdictions (${c.counties} counties, ${c.places} places; ${c.localHandWritten} with hand-written law), ${c.agreements287g} 287(g) agreements in ${c.agreementJurisdictions} jurisdictions`
}

/** The curated officials folder's part of `sanctuary check`: its diagnostics and one summary line. */
async function checkOfficials(dir: string | undefined, quiet: boolean, formatDiagnostic: (d: Diagnostic) => string): Promise<void> {
  const { checkCuratedFolder, defaultCuratedDir } = await import('../../officials-import/index.ts')
  const { files, entries, diagnostics } = await checkCuratedFolder(dir ?? defaultCuratedDir())
  const errors = diagnostics.filter((d) => d.severity === 'error')
  for (const d of quiet ? errors : diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`)
  if (errors.length) {
    process.stdout.write(`officials folder has ${errors.length} error(s)\n`)
    process.exitCode = 1
  } else process.stdout.write(`officials ok: ${entries} curated entries in ${files} file(s)\n`)
}
