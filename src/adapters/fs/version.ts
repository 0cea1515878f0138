/** The engine version is the package version. */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

/** Reads `version` from package.json once. */
export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../package.json'), 'utf8')) as { version: string }).version
  return cached
}
