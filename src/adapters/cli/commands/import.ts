/** `sanctuary import`: real detainer records in, one normalized Parquet file out. */
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { formatSummary, IMPORT_FORMATS, runImport, type ImportFormat } from '../../../simulator/import/index.ts'
import { guard } from '../output.ts'

interface ImportCliOptions {
  format: ImportFormat
  mapping?: string
  crosswalks: string
  out: string
  maxRows?: number
}

function positiveInt(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number')
  return n
}

function importFormat(value: string): ImportFormat {
  if (!(IMPORT_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${IMPORT_FORMATS.join(', ')}`)
  return value as ImportFormat
}

/**
 * Registers `sanctuary import --format <f> [--mapping FILE] [--crosswalks DIR] --out FILE.parquet PATH...`.
 * Prints a summary (rows read, imported, unparseable with the first line numbers, match rate by
 * link method); bad input is one line on stderr with a non-zero exit code.
 *
 * @example
 * ```ts
 * const program = new Command('sanctuary')
 * registerImportCommand(program)
 * await program.parseAsync(['node', 'sanctuary', 'import', '--format', 'pa', '--out', 'pa.parquet', 'pa_detainers.csv'])
 * ```
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import real detainer records into one normalized Parquet file, linked to counties')
    .requiredOption('--format <format>', `input format: ${IMPORT_FORMATS.join(', ')}`, importFormat)
    .option('--mapping <file>', 'mapping YAML for --format mapped (which column is which field)')
    .option('--crosswalks <dir>', 'folder with the linking tables (us-geo, ice-facilities, hifld-law-enforcement, ice-enforce)', '../shared/data')
    .requiredOption('--out <file>', 'Parquet file to write')
    .option('--max-rows <n>', 'read at most this many data rows per file', positiveInt)
    .argument('<paths...>', 'input files (plain or gzipped; Parquet for ddp and mapped)')
    .action(
      guard(async (paths: string[], opts: ImportCliOptions) => {
        if (!/\.parquet$/i.test(opts.out)) process.stderr.write(`sanctuary: note: --out ${opts.out} does not end in .parquet; writing Parquet anyway\n`)
        const summary = await runImport({
          format: opts.format,
          paths,
          out: opts.out,
          crosswalks: opts.crosswalks,
          ...(opts.mapping !== undefined ? { mapping: opts.mapping } : {}),
          ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
        })
        process.stdout.write(formatSummary(summary))
      }),
    )
}
