/** `sanctuary report`: a simulation report (JSON) as a self-contained HTML page. */
import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { AppError } from '../../../core/errors/index.ts'
import { guard } from '../output.ts'

/**
 * Registers `sanctuary report REPORT.json [--out report.html]` (without `--out`, the page goes to stdout).
 *
 * @example
 * ```ts
 * const program = new Command('sanctuary')
 * registerReportCommand(program)
 * await program.parseAsync(['node', 'sanctuary', 'report', 'report.json', '--out', 'report.html'])
 * ```
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('render a simulation report (from sanctuary simulate) as a self-contained HTML page with charts')
    .argument('<report>', 'simulation report JSON')
    .option('--out <file>', 'HTML file to write (default: stdout)')
    .option('--top <n>', 'jurisdictions with a monthly chart', '12')
    .action(
      guard(async (path: string, opts: { out?: string; top: string }) => {
        const top = Number(opts.top)
        if (!/^\d+$/.test(opts.top) || top < 1 || top > 200) throw new AppError('invalid-input', `must be a whole number from 1 to 200 (got "${opts.top}")`, { field: '--top' })
        // loaded on use: jsdom and Plot would slow every other command's start
        const { readReportFile, renderReport } = await import('../../../simulator/report/index.ts')
        const report = await readReportFile(path)
        const html = renderReport(report, { topJurisdictions: top })
        if (!opts.out) {
          process.stdout.write(html)
          return
        }
        try {
          await writeFile(opts.out, html)
        } catch (thrown) {
          const code = (thrown as { code?: string }).code
          throw new AppError(code === 'ENOENT' ? 'not-found' : 'invalid-input', code === 'ENOENT' ? 'output folder does not exist' : `cannot write: ${(thrown as Error).message}`, { file: opts.out }, { cause: thrown })
        }
        process.stdout.write(`wrote ${opts.out} (${(html.length / 1024).toFixed(0)} KB, ${report.cells.length.toLocaleString('en-US')} cells)\n`)
      }),
    )
}
