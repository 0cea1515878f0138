import { AppError } from '../../core/errors/index.ts'
import { openTable, type TableRow } from '../io/index.ts'
import type { ReadOptions } from './record.ts'

/**
 * Opens a CSV or Parquet table, checks its header, and streams its rows within `options.maxRows`,
 * reporting progress through `options.onRows`. The table is closed on every path. Throws
 * `invalid-input` naming the file and header line when `missingColumns` returns any.
 *
 * @example
 * ```ts
 * for await (const row of readTableRows('pa.csv', 'PA detainers file', (cols) => PA_COLUMNS.filter((c) => !cols.includes(c)))) n++
 * ```
 */
export async function* readTableRows(
  path: string,
  fileLabel: string,
  missingColumns: (columns: readonly string[]) => readonly string[],
  options: ReadOptions = {},
  columnNoun = 'column',
): AsyncGenerator<TableRow> {
  const table = await openTable(path)
  try {
    const { header, rows } = table
    const missing = missingColumns(header.columns)
    if (missing.length > 0) {
      throw new AppError('invalid-input', `${fileLabel} lacks ${columnNoun}${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`, { file: path, line: header.line })
    }
    let read = 0
    for await (const row of rows) {
      if (options.maxRows !== undefined && read >= options.maxRows) break
      read++
      if (read % 10_000 === 0) options.onRows?.(read)
      yield row
    }
    options.onRows?.(read)
  } finally {
    table.close()
  }
}
