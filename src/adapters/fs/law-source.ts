/**
 * The simulator's law read from a registry folder: the registry, its files, the product's name
 * resolver and the package version, for `simulate({ law })`.
 */
import type { Registry } from '../../core/registry/index.ts'
import type { LawSource } from '../../simulator/simulate/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, readRegistryFiles } from './index.ts'
import { sharedNames } from './names.ts'
import { packageVersion } from './version.ts'

/**
 * A law source over a registry folder (default: the project's `registry/`).
 *
 * @example
 * ```ts
 * const report = await simulate({ inputs: ['/tmp/pa.parquet'], law: fsLawSource() })
 * ```
 */
export function fsLawSource(dir: string = defaultRegistryDir()): LawSource {
  return Object.freeze({
    kind: 'law-source' as const,
    engineVersion: packageVersion(),
    registry: () => loadRegistryOrThrow(dir),
    files: () => readRegistryFiles(dir),
    names: async (registry: Registry) => (await sharedNames(registry)).names,
  })
}
