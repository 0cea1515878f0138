/** `sanctuary simulate`: the engine over normalized detainer records, published as aggregates. */
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { AppError } from '../../../core/errors/index.ts'
import {
  COUNTY_NAMES_FILE,
  formatReport,
  loadCountyNames,
  parseAsOption,
  reportCsv,
  reportJson,
  simulate,
  type CounterfactualInput,
  type CountyName,
  type SimulationAction,
  type SimulationPeriod,
  PERIODS,
} from '../../../simulator/simulate/index.ts'
import { defaultRegistryDir, fsLawSource } from '../../fs/index.ts'
import { guard } from '../output.ts'

interface SimulateCliOptions {
  action: SimulationAction
  period: SimulationPeriod
  as?: string
  policy?: string
  out?: string
  csv?: string
  registry: string
  crosswalks?: string
}

const ACTIONS = ['hold', 'notify', 'interview'] as const
const DEFAULT_CROSSWALKS = '../shared/data'

function action(value: string): SimulationAction {
  if (!(ACTIONS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${ACTIONS.join(', ')}`)
  return value as SimulationAction
}

function period(value: string): SimulationPeriod {
  if (!(PERIODS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${PERIODS.join(', ')}`)
  return value as SimulationPeriod
}

async function writeOut(path: string, text: string, option: string): Promise<void> {
  await writeFile(path, text).catch((cause: NodeJS.ErrnoException) => {
    throw new AppError('invalid-input', `cannot write: ${cause.code ?? cause.message}`, { file: path, field: option }, { cause })
  })
}

/**
 * Registers `sanctuary simulate PARQUET... [--action hold] [--period month|quarter|year|all] [--as jurisdiction=…,date=…|--policy FILE]
 * [--out report.json] [--csv cells.csv]`. Prints match rates per source and the totals as ranges;
 * bad input is one line naming the file or field, with a non-zero exit code.
 *
 * @example
 * ```ts
 * const program = new Command('sanctuary')
 * registerSimulateCommand(program)
 * await program.parseAsync(['node', 'sanctuary', 'simulate', 'pa.parquet', '--as', 'jurisdiction=California,date=2018-01-01'])
 * ```
 */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('run the law (and a counterfactual) over imported detainer records; aggregates only, small cells suppressed')
    .argument('<parquet...>', 'normalized Parquet files written by sanctuary import')
    .option('--action <action>', `question asked of every record: ${ACTIONS.join(', ')}`, action, 'hold')
    .option('--period <period>', `span of each published cell: ${PERIODS.join(', ')} (coarser cells need less suppression)`, period, 'month')
    .option('--as <spec>', 'counterfactual: another jurisdiction\'s law on a date for every record, "jurisdiction=<OCD id or name>,date=YYYY-MM-DD"')
    .option('--policy <file>', 'counterfactual: a policy file in the registry format, added to (or replacing) its jurisdiction')
    .option('--out <file>', 'write the report as JSON')
    .option('--csv <file>', 'write one row per cell and scenario as CSV')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .option('--crosswalks <dir>', `folder with us-geo's county names (default ${DEFAULT_CROSSWALKS} when present)`)
    .action(
      guard(async (paths: string[], opts: SimulateCliOptions) => {
        const started = performance.now()
        if (opts.as && opts.policy) throw new AppError('invalid-input', 'give --as or --policy, not both', { field: '--policy' })
        const counterfactual: CounterfactualInput | undefined = opts.as ? parseAsOption(opts.as) : opts.policy ? { kind: 'policy', file: opts.policy } : undefined
        let counties: CountyName[] = []
        const crosswalks = opts.crosswalks ?? DEFAULT_CROSSWALKS
        if (opts.crosswalks !== undefined || existsSync(`${crosswalks}/${COUNTY_NAMES_FILE}`)) counties = await loadCountyNames(crosswalks)
        else process.stderr.write(`sanctuary: note: no county names (${crosswalks}/${COUNTY_NAMES_FILE}); counties without a registry file are counted under their state\n`)
        const report = await simulate({ inputs: paths, action: opts.action, period: opts.period, law: fsLawSource(opts.registry), counties, ...(counterfactual ? { counterfactual } : {}) })
        if (opts.out) await writeOut(opts.out, reportJson(report), '--out')
        if (opts.csv) await writeOut(opts.csv, reportCsv(report), '--csv')
        process.stdout.write(formatReport(report))
        const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
        process.stdout.write(
          `time: ${seconds(performance.now() - started)} in all; simulation ${seconds(report.stats.elapsedMs)} (${report.stats.distinctCombinations.toLocaleString('en-US')} distinct place, interval and fact combinations evaluated), the rest reading names and protecting small cells\n`,
        )
      }),
    )
}
