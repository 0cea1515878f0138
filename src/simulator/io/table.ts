/**
 * Reading a table with a header row, one row at a time: delimited text (plain or gzipped; comma,
 * pipe or tab, detected from the header) or Parquet (through DuckDB, every column cast to text).
 */
import { DuckDBInstance } from '@duckdb/node-api'
import { AppError } from '../../core/errors/index.ts'
import { detectDelimiter, splitDelimited } from './delimited.ts'
import { fileError, readDelimited, readLines } from './lines.ts'

/** One table row by column name, with the line it starts on (the row number for Parquet). */
export type TableRow =
  | { readonly kind: 'row'; readonly line: number; readonly values: ReadonlyMap<string, string> }
  | { readonly kind: 'error'; readonly line: number; readonly reason: string }

/** What a table reader yields first: its column names. */
export interface TableHeader {
  readonly columns: readonly string[]
  /** The 1-based line of the header (0 for Parquet, which has no header line). */
  readonly line: number
}

/** A table being read: the header, then the rows. */
export interface TableReader {
  readonly header: TableHeader
  readonly rows: AsyncGenerator<TableRow>
  /** Releases the file (safe to call more than once, and after the rows are read). */
  close(): void
}

/**
 * Whether a path names a Parquet file (by its extension).
 *
 * @example
 * ```ts
 * isParquetPath('detainers-latest.parquet') // true
 * ```
 */
export function isParquetPath(path: string): boolean {
  return /\.parquet$/i.test(path)
}

/**
 * Opens a table for row-by-row reading. Text tables must have a header on their first line.
 *
 * @example
 * ```ts
 * const { header, rows } = await openTable('detainers.csv')
 * for await (const row of rows) if (row.kind === 'row') row.values.get(header.columns[0]!)
 * ```
 */
export async function openTable(path: string): Promise<TableReader> {
  return isParquetPath(path) ? openParquet(path) : openDelimited(path)
}

async function openDelimited(path: string): Promise<TableReader> {
  let headerText: string | undefined
  for await (const line of readLines(path)) {
    headerText = line.text
    break
  }
  if (headerText === undefined || headerText.trim() === '') {
    throw new AppError('invalid-input', 'empty file: expected a header row on line 1', { file: path, line: 1 })
  }
  const delimiter = detectDelimiter(headerText)
  const columns = splitDelimited(headerText, delimiter).fields.map((c) => c.trim())
  const header: TableHeader = { columns, line: 1 }
  async function* rows(): AsyncGenerator<TableRow> {
    for await (const row of readDelimited(path, delimiter)) {
      if (row.line === 1) continue
      if (row.kind === 'error') {
        yield row
        continue
      }
      if (row.fields.length === 1 && (row.fields[0] ?? '').trim() === '') continue
      if (row.fields.length !== columns.length) {
        yield { kind: 'error', line: row.line, reason: `expected ${columns.length} fields, found ${row.fields.length}` }
        continue
      }
      const values = new Map<string, string>()
      columns.forEach((name, i) => values.set(name, row.fields[i] ?? ''))
      yield { kind: 'row', line: row.line, values }
    }
  }
  const generator = rows()
  return { header, rows: generator, close: () => void generator.return(undefined) }
}

async function openParquet(path: string): Promise<TableReader> {
  let instance: DuckDBInstance
  try {
    instance = await DuckDBInstance.create(':memory:')
  } catch (thrown) {
    throw fileError(path, thrown)
  }
  const connection = await instance.connect()
  const literal = `'${path.replace(/'/g, "''")}'`
  let columns: string[]
  try {
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${literal})`)
    columns = described.getRowObjectsJson().map((r) => String(r.column_name))
  } catch (thrown) {
    connection.closeSync()
    instance.closeSync()
    const message = thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown)
    if (/No files found|does not exist/i.test(message ?? '')) throw new AppError('not-found', 'no such file', { file: path })
    throw new AppError('invalid-input', `not a readable Parquet file: ${message}`, { file: path })
  }
  let open = true
  const close = () => {
    if (!open) return
    open = false
    connection.closeSync()
    instance.closeSync()
  }
  const selectList = columns.map((c) => `CAST("${c.replace(/"/g, '""')}" AS VARCHAR)`).join(', ')
  async function* rows(): AsyncGenerator<TableRow> {
    try {
      const result = await connection.stream(`SELECT ${selectList} FROM read_parquet(${literal})`)
      let line = 0
      for await (const batch of result.yieldRowsJson()) {
        for (const row of batch) {
          line++
          const values = new Map<string, string>()
          columns.forEach((name, i) => {
            const v = row[i]
            values.set(name, v === null || v === undefined ? '' : String(v))
          })
          yield { kind: 'row', line, values }
        }
      }
    } finally {
      close()
    }
  }
  return { header: { columns, line: 0 }, rows: rows(), close }
}
