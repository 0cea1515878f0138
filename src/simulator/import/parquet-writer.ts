/**
 * Writing normalized records to one Parquet file with the DuckDB appender: rows go into an
 * in-memory table (DuckDB spills to a folder under the OS temp dir when memory runs short), then `COPY … TO` writes the
 * file once, to a temporary name renamed into place, so a failed import never leaves half a file.
 */
import { existsSync, statSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { DuckDBInstance, DuckDBDateValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api'
import { AppError } from '../../core/errors/index.ts'
import { RECORD_COLUMNS, type DetainerRecord } from './record.ts'

const TABLE = 'detainers'

/**
 * Days since 1970-01-01 of an ISO date.
 *
 * @example
 * ```ts
 * isoToEpochDays('1970-01-02') // 1
 * ```
 */
export function isoToEpochDays(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000)
}

/**
 * An open Parquet output. Append records, then `close()` to write the file (or `abort()`).
 *
 * @example
 * ```ts
 * const writer = await ParquetWriter.open('out/detainers.parquet')
 * writer.append(record)
 * await writer.close() // writes out/detainers.parquet
 * ```
 */
export class ParquetWriter {
  private rows = 0
  private closed = false

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly appender: DuckDBAppender,
  ) {}

  /** Opens a writer. Throws `not-found` when the output folder does not exist. */
  static async open(path: string): Promise<ParquetWriter> {
    const full = resolve(path)
    const dir = dirname(full)
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AppError('not-found', 'output folder does not exist', { file: path })
    if (existsSync(full) && statSync(full).isDirectory()) throw new AppError('invalid-input', 'output is a folder, not a file', { file: path })
    // an explicit spill folder, so a large import never writes DuckDB temp files into the cwd
    const instance = await DuckDBInstance.create(':memory:', { temp_directory: join(tmpdir(), `sanctuary-duckdb-${process.pid}`) })
    const connection = await instance.connect()
    const columns = RECORD_COLUMNS.map((c) => `"${c.name}" ${c.type}`).join(', ')
    await connection.run(`CREATE TABLE ${TABLE} (${columns})`)
    const appender = await connection.createAppender(TABLE)
    return new ParquetWriter(full, instance, connection, appender)
  }

  /** Rows appended so far. */
  get count(): number {
    return this.rows
  }

  /** Appends one record (already validated). */
  append(record: DetainerRecord): void {
    for (const column of RECORD_COLUMNS) {
      const value = record[column.name]
      if (value === null || value === undefined) this.appender.appendNull()
      else if (column.type === 'BIGINT') this.appender.appendBigInt(BigInt(value as number))
      else if (column.type === 'DATE') this.appender.appendDate(new DuckDBDateValue(isoToEpochDays(String(value))))
      else this.appender.appendVarchar(String(value))
    }
    this.appender.endRow()
    this.rows++
  }

  /** Writes the Parquet file (zstd-compressed) and releases DuckDB. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const temp = `${this.path}.tmp-${process.pid}`
    try {
      this.appender.flushSync()
      this.appender.closeSync()
      await this.connection.run(`COPY ${TABLE} TO '${temp.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`)
      await rename(temp, this.path)
    } catch (thrown) {
      await rm(temp, { force: true })
      const message = thrown instanceof Error ? (thrown.message.split('\n')[0] ?? thrown.message) : String(thrown)
      throw new AppError('invalid-input', `cannot write Parquet: ${message}`, { file: this.path }, { cause: thrown })
    } finally {
      this.connection.closeSync()
      this.instance.closeSync()
    }
  }

  /** Discards everything; no file is written. */
  abort(): void {
    if (this.closed) return
    this.closed = true
    try {
      this.appender.closeSync()
    } catch {
      // the appender may already be in an error state; the instance is closed below either way
    }
    this.connection.closeSync()
    this.instance.closeSync()
  }
}
