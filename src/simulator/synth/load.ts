/** Reading a marginals file (the committed one by default). */
import { fileURLToPath } from 'node:url'
import { readJsonFile } from '../io/index.ts'
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
  return parseMarginals(await readJsonFile(path), path)
}
