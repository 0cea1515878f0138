/** `sanctuary synth`: synthetic detainer records that follow the real files' marginals, or `--measure` them. */
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { AppError } from '../../../core/errors/index.ts'
import { createProgress } from '../../../simulator/import/index.ts'
import { defaultMeasureJobs, formatMarginals, loadMarginals, measureMarginals, synthesize, DEFAULT_MARGINALS } from '../../../simulator/synth/index.ts'
import { guard } from '../output.ts'

interface SynthCliOptions {
  rows?: string
  out?: string
  seed: string
  marginals?: string
  measure?: boolean
  data: string
}

function wholeNumber(value: string | undefined, option: string, min: number, max: number): number {
  const n = Number(value)
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new AppError('invalid-input', `must be a whole number from ${min} to ${max}${value === undefined ? '' : ` (got "${value}")`}`, { field: option })
  }
  return n
}

/**
 * Registers `sanctuary synth --rows N --out FILE.parquet [--seed S] [--marginals FILE]` and
 * `sanctuary synth --measure [--data DIR] [--out marginals.json]`.
 *
 * @example
 * ```ts
 * const program = new Command('sanctuary')
 * registerSynthCommand(program)
 * await program.parseAsync(['node', 'sanctuary', 'synth', '--rows', '1000', '--out', '/tmp/s.parquet'])
 * ```
 */
export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('write synthetic detainer records whose distributions follow the real files (or --measure those distributions)')
    .option('--rows <n>', 'number of records to write')
    .option('--out <file>', 'Parquet file to write (with --measure: the marginals JSON, default the committed one)')
    .option('--seed <s>', 'random seed (same seed, same file)', '1')
    .option('--marginals <file>', 'marginals JSON to follow', DEFAULT_MARGINALS)
    .option('--measure', 'measure the marginals from the real files and write them as JSON')
    .option('--data <dir>', 'shared data folder with the real files and crosswalks (for --measure)', '../shared/data')
    .action(
      guard(async (opts: SynthCliOptions) => {
        if (opts.measure) {
          if (opts.rows !== undefined) throw new AppError('invalid-input', 'not used with --measure', { field: '--rows' })
          const out = opts.out ?? DEFAULT_MARGINALS
          const data = resolve(opts.data)
          const { marginals, imports } = await measureMarginals({
            jobs: defaultMeasureJobs(data),
            crosswalks: data,
            relativeTo: data,
            measuredOn: new Date().toISOString().slice(0, 10),
            progress: createProgress(),
          })
          await writeFile(out, formatMarginals(marginals))
          const imported = imports.reduce((a, s) => a + s.totals.imported, 0)
          process.stdout.write(`measured ${marginals.sources.length} sources (${imported.toLocaleString('en-US')} detainers imported) → ${out}\n`)
          return
        }
        const rows = wholeNumber(opts.rows, '--rows', 1, 1_000_000_000)
        const seed = wholeNumber(opts.seed, '--seed', 0, 2 ** 31 - 1)
        if (!opts.out) throw new AppError('invalid-input', 'is required (the Parquet file to write)', { field: '--out' })
        const marginals = await loadMarginals(opts.marginals)
        const result = await synthesize({ rows, seed, out: opts.out, marginals })
        const seconds = result.elapsedMs / 1000
        process.stdout.write(
          `wrote ${result.rows.toLocaleString('en-US')} synthetic records (seed ${seed}) → ${result.out} ` +
            `(${(result.bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s, ${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s)\n`,
        )
      }),
    )
}
