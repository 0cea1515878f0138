import { readFile } from 'node:fs/promises'
import { AppError } from '../../core/errors/index.ts'
import { fileError } from './lines.ts'

/**
 * Reads a JSON file. A missing or unreadable file, or malformed JSON, throws one {@link AppError}
 * naming the file (and the line, for malformed JSON); the caller validates the shape.
 *
 * @example
 * ```ts
 * const value: unknown = await readJsonFile('report.json')
 * ```
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (thrown) {
    throw fileError(path, thrown)
  }
  try {
    return JSON.parse(text)
  } catch (thrown) {
    const at = /position (\d+)/.exec((thrown as Error).message)
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined
    throw new AppError('invalid-input', `malformed JSON: ${(thrown as Error).message.replace(/\s+/g, ' ').slice(0, 160)}`, { file: path, ...(line ? { line } : {}) }, { cause: thrown })
  }
}
