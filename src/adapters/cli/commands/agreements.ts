/** `sanctuary import-287g`: ICE's 287(g) agreements into generated registry files. */
import { join } from 'node:path'
import type { Command } from 'commander'
import { default287gDir, import287g } from '../../agreements-287g/index.ts'
import { defaultRegistryDir } from '../../fs/index.ts'
import { guard, printJson } from '../output.ts'

/** The report's default place: beside the generated files, in the registry folder. */
export const DEFAULT_287G_REPORT = '287g-import-report.tsv'

/** Registers `import-287g`. */
export function registerAgreementCommands(program: Command): void {
  program
    .command('import-287g')
    .description("turn ICE's 287(g) agency sheets into generated registry files (<path>.287g.yaml), one enactment per agreement; unmatched rows go to the report")
    .argument('[dir]', 'the 287(g) data folder (participating/pending sheets, results/, sheets/, agreements.csv, MANIFEST.tsv)', default287gDir())
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .option('--report <file>', `the report of unmatched and unlisted rows (TSV; default <registry>/${DEFAULT_287G_REPORT})`)
    .option('--dry-run', 'compute and print the summary; write nothing')
    .option('--json', 'print the summary as JSON')
    .action(
      guard(async (dir: string, opts: { registry?: string; report?: string; dryRun?: boolean; json?: boolean }) => {
        const registry = opts.registry ?? defaultRegistryDir()
        const report = opts.report ?? join(registry, DEFAULT_287G_REPORT)
        const run = await import287g({ from: dir, registry, report, dryRun: opts.dryRun === true })
        const c = run.result.counts
        if (opts.json) return printJson({ ...c, asOf: run.result.asOf, written: run.written, unchanged: run.unchanged, removed: run.removed, report: opts.dryRun ? null : report })
        const w = process.stdout
        w.write(`${c.agreements} agreements from ${c.rows} sheet rows (${c.current} on ICE's list of ${run.result.asOf}); ${c.matched} matched to ${c.jurisdictions} jurisdictions (${Object.entries(c.byLevel).map(([k, v]) => `${k} ${v}`).join(', ')}), ${c.unmatched} unmatched\n`)
        w.write(`models: ${Object.entries(c.byModel).map(([k, v]) => `${k} ${v}`).join(', ')}; ${c.withOri} with an ORI, ${c.withMoa} with an MOA link; ${c.pending} pending rows (${c.pendingUnmatched} unmatched)\n`)
        for (const r of run.result.report.filter((x) => x.status === 'unmatched' || x.status === 'pending-unmatched')) w.write(`  ${r.status}: ${r.sheet}:${r.line ?? '?'} ${r.state} | ${r.agency} | ${r.model}: ${r.detail}\n`)
        w.write(opts.dryRun ? 'dry run: nothing written\n' : `files: ${run.written} written, ${run.unchanged} unchanged, ${run.removed} removed; report: ${report}\n`)
      }),
    )
}
