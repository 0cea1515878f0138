/**
 * Streaming line and record readers for plain or gzipped text files. Nothing here loads a whole
 * file: lines are cut from the stream's chunks as they arrive.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'
import type { Readable } from 'node:stream'
import { AppError } from '../../core/errors/index.ts'
import { splitDelimited } from './delimited.ts'

/** One physical line and its 1-based number in the (decompressed) file. */
export interface Line {
  readonly text: string
  readonly number: number
}

/** One delimited record: its fields and the line it starts on, or why it could not be split. */
export type DelimitedRow =
  | { readonly kind: 'row'; readonly line: number; readonly fields: string[] }
  | { readonly kind: 'error'; readonly line: number; readonly reason: string }

/** How many extra lines one quoted field may span before the record is declared unterminated. */
export const MAX_CONTINUATION_LINES = 20

/**
 * Whether a file starts with the gzip magic bytes. Throws `not-found` when it cannot be opened.
 *
 * @example
 * ```ts
 * await isGzipFile('data.csv.gz') // true
 * ```
 */
export async function isGzipFile(path: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (thrown) {
    throw fileError(path, thrown)
  }
  try {
    const buffer = Buffer.alloc(2)
    const { bytesRead } = await handle.read(buffer, 0, 2, 0)
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b
  } catch (thrown) {
    throw fileError(path, thrown)
  } finally {
    await handle.close()
  }
}

/**
 * Reads a text file line by line, decompressing gzip when the file starts with its magic bytes.
 * Line ends (`\n` or `\r\n`) are removed, and a leading byte-order mark is dropped.
 *
 * @example
 * ```ts
 * for await (const { text, number } of readLines('rows.csv.gz')) console.log(number, text.length)
 * ```
 */
export async function* readLines(path: string): AsyncGenerator<Line> {
  const gzip = await isGzipFile(path)
  const raw = createReadStream(path)
  let stream: Readable = raw
  if (gzip) {
    const gunzip = createGunzip()
    raw.on('error', (error) => gunzip.destroy(error))
    stream = raw.pipe(gunzip)
  }
  const decoder = new StringDecoder('utf8')
  let rest = ''
  let number = 0
  try {
    for await (const chunk of stream) {
      const text = rest + decoder.write(chunk as Buffer)
      let start = 0
      let end = text.indexOf('\n', start)
      while (end >= 0) {
        number++
        yield { text: clean(text.slice(start, end), number), number }
        start = end + 1
        end = text.indexOf('\n', start)
      }
      rest = text.slice(start)
    }
    rest += decoder.end()
    if (rest.length > 0) {
      number++
      yield { text: clean(rest, number), number }
    }
  } catch (thrown) {
    throw fileError(path, thrown)
  } finally {
    raw.destroy()
    stream.destroy()
  }
}

function clean(text: string, number: number): string {
  const noCr = text.endsWith('\r') ? text.slice(0, -1) : text
  return number === 1 && noCr.charCodeAt(0) === 0xfeff ? noCr.slice(1) : noCr
}

/**
 * Reads delimited records, joining lines while a quoted field is open. A quoted field that stays
 * open for more than {@link MAX_CONTINUATION_LINES} lines is reported as an error at its first line,
 * and reading resumes at the line after it.
 *
 * @example
 * ```ts
 * for await (const row of readDelimited('a.csv', ',')) if (row.kind === 'row') console.log(row.fields)
 * ```
 */
export async function* readDelimited(path: string, delimiter: string): AsyncGenerator<DelimitedRow> {
  const pending: Line[] = []
  const flush = function* (final: boolean): Generator<DelimitedRow> {
    while (pending.length > 0) {
      const first = pending[0] as Line
      let text = first.text
      let used = 1
      let result = splitDelimited(text, delimiter)
      while (result.open && used < pending.length && used <= MAX_CONTINUATION_LINES) {
        text += `\n${(pending[used] as Line).text}`
        used++
        result = splitDelimited(text, delimiter)
      }
      if (!result.open) {
        pending.splice(0, used)
        yield { kind: 'row', line: first.number, fields: result.fields }
        continue
      }
      if (used > MAX_CONTINUATION_LINES || final) {
        pending.shift()
        yield { kind: 'error', line: first.number, reason: 'unterminated quoted field' }
        continue
      }
      return
    }
  }
  for await (const line of readLines(path)) {
    pending.push(line)
    yield* flush(false)
  }
  yield* flush(true)
}

/**
 * Turns a file-system or gzip error into an {@link AppError} naming the file.
 *
 * @example
 * ```ts
 * fileError('a.csv', Object.assign(new Error('x'), { code: 'ENOENT' })).oneLine() // 'a.csv: no such file'
 * ```
 */
export function fileError(path: string, thrown: unknown): AppError {
  if (thrown instanceof AppError) return thrown
  const code = (thrown as { code?: string } | undefined)?.code
  if (code === 'ENOENT') return new AppError('not-found', 'no such file', { file: path })
  if (code === 'EISDIR') return new AppError('invalid-input', 'is a folder, not a file', { file: path })
  if (code === 'EACCES') return new AppError('invalid-input', 'permission denied', { file: path })
  if (code?.startsWith('Z_') || code === 'ERR_ZLIB_INITIALIZATION_FAILED') {
    return new AppError('invalid-input', 'corrupt or truncated gzip data', { file: path })
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return new AppError('invalid-input', `cannot read: ${message}`, { file: path }, { cause: thrown })
}
