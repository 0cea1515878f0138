/**
 * Coarser cells: the exact table's jurisdiction × month cells merged into jurisdiction × quarter,
 * year or all time. Counts are summed atom by atom, so every total is unchanged; only the cells
 * (and so what small-cell suppression has to withhold) change.
 */
import { AppError } from '../../core/errors/index.ts'
import type { SimulationPeriod } from './report.ts'
import type { SimulationTable, TableCell } from './table.ts'

/** Every {@link SimulationPeriod}, finest first. */
export const PERIODS: readonly SimulationPeriod[] = ['month', 'quarter', 'year', 'all']

/**
 * The label of the period a month label falls in: `YYYY-MM` (month), `YYYY-Qn` (quarter), `YYYY`
 * (year) or `all`. A record without a date (`unknown`) stays `unknown` except under `all`, where
 * every record of a jurisdiction is in its one cell.
 *
 * @example
 * ```ts
 * periodLabel('2016-05', 'quarter') // '2016-Q2'
 * periodLabel('unknown', 'year') // 'unknown'
 * ```
 */
export function periodLabel(month: string, period: SimulationPeriod): string {
  if (period === 'all') return 'all'
  if (period === 'month' || month === 'unknown') return month
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m) throw new AppError('internal', `"${month}" is not a month label`, { field: 'month' })
  return period === 'year' ? m[1]! : `${m[1]}-Q${Math.floor((Number(m[2]) - 1) / 3) + 1}`
}

/**
 * Merges a month table's cells into `period` cells, summing atoms. The input's cells are ordered
 * by jurisdiction then month (as `runSimulation` returns them); period labels keep that order, so
 * the output's are ordered the same way.
 *
 * @example
 * ```ts
 * const yearly = aggregatePeriod(await runSimulation({ inputs: ['pa.parquet'], law: fsLawSource() }), 'year')
 * yearly.cells[0]?.month // e.g. '2007'
 * ```
 */
export function aggregatePeriod(table: SimulationTable, period: SimulationPeriod): SimulationTable {
  if (period === 'month') return table
  const index = new Map<string, number>()
  const cells: TableCell[] = []
  const map = new Int32Array(table.cells.length)
  table.cells.forEach((cell, c) => {
    const label = periodLabel(cell.month, period)
    const key = `${cell.jurisdiction}\u0000${label}`
    let n = index.get(key)
    if (n === undefined) {
      n = cells.push({ jurisdiction: cell.jurisdiction, month: label }) - 1
      index.set(key, n)
    }
    map[c] = n
  })
  // atoms: (new cell, key) summed; keys are small integers, so a map keyed by cell · space + key
  let space = 1
  for (let i = 0; i < table.atoms.length; i++) space = Math.max(space, table.atoms.key[i]! + 1)
  const sums = new Map<number, number>()
  for (let i = 0; i < table.atoms.length; i++) {
    const k = map[table.atoms.cell[i]!]! * space + table.atoms.key[i]!
    sums.set(k, (sums.get(k) ?? 0) + table.atoms.count[i]!)
  }
  const keys = [...sums.keys()].sort((a, b) => a - b)
  const cell = new Int32Array(keys.length)
  const key = new Int32Array(keys.length)
  const count = new Float64Array(keys.length)
  keys.forEach((k, i) => {
    const atom = k % space
    cell[i] = (k - atom) / space
    key[i] = atom
    count[i] = sums.get(k)!
  })
  return { ...table, period, cells, atoms: { length: keys.length, cell, key, count } }
}
