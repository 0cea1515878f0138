/** Reading a marginals file (the committed one by default). */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { AppError } from '../../core/errors/index.ts'
import { fileError } from '../io/index.ts'
import { parseMarginals, type Marginals } from './marginals.ts'

/** The committed marginals, measured from the real files (see their `provenance`). */
export const DEFAULT_MARGINALS = fileURLToPath(new URL('./marginals.json', import.meta.url))

/**
 * Reads and checks a marginals file. Throws `not-found` for a missing file, `invalid-input` with
 * the file (and field, or line for malformed JSON) otherwise.
 *
 * @example
 * ```ts
 * const marginals = await loadMarginals() // the committed file
 * ```
 */
export async function loadMarginals(path: string = DEFAULT_MARGINALS): Promise<Marginals> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (thrown) {
    throw fileError(path, thrown)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (thrown) {
    const at = /position (\d+)/.exec((thrown as Error).message)
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined
    throw new AppError('invalid-input', `malformed JSON: ${(thrown as Error).message.replace(/\s+/g, ' ').slice(0, 160)}`, { file: path, ...(line ? { line } : {}) }, { cause: thrown })
  }
  return parseMarginals(value, path)
}
