/**
 * Reading the registry from disk: the only place registry files are read.
 *
 * @example
 * ```ts
 * const { registry, diagnostics } = await loadRegistry(defaultRegistryDir())
 * ```
 */
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError } from '../../core/errors/index.ts'
import { buildFederal, type FederalBuildResult, type FederalData } from '../../core/federal/index.ts'
import { buildRegistry, formatDiagnostic, isFederalFile, type BuildResult, type Registry, type RegistryFileText } from '../../core/registry/index.ts'

/** The registry folder shipped with the project. */
export function defaultRegistryDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../registry')
}

/** True for rule-case files, which sit beside registry files but are not part of the registry. */
export function isCaseFile(path: string): boolean {
  return path.endsWith('.cases.yaml')
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch((cause: NodeJS.ErrnoException) => {
    throw new AppError('not-found', `cannot read registry folder ${dir}: ${cause.code ?? cause.message}`, { file: dir }, { cause })
  })
  return entries.filter((e) => e.isFile() && e.name.endsWith('.yaml')).map((e) => join(e.parentPath, e.name))
}

/** Relative POSIX path of a file under the registry root. */
export function registryRelative(root: string, file: string): string {
  return relative(root, file).split(sep).join('/')
}

/** Reads every registry file (not the rule cases) under `root`. */
export async function readRegistryFiles(root: string): Promise<RegistryFileText[]> {
  const paths = (await walk(root)).filter((p) => !isCaseFile(p)).sort()
  return Promise.all(paths.map(async (p) => ({ path: registryRelative(root, p), text: await readFile(p, 'utf8') })))
}

/** Reads every rule-case file under `root`. */
export async function readCaseFiles(root: string): Promise<RegistryFileText[]> {
  const paths = (await walk(root)).filter(isCaseFile).sort()
  return Promise.all(paths.map(async (p) => ({ path: registryRelative(root, p), text: await readFile(p, 'utf8') })))
}

/** Reads and builds the registry, returning diagnostics as well. */
export async function loadRegistry(root: string): Promise<BuildResult> {
  return buildRegistry(await readRegistryFiles(root))
}

/**
 * Reads and builds the registry, throwing a `registry-invalid` error that lists the first errors
 * when it does not check. For servers and commands that need a usable registry.
 */
export async function loadRegistryOrThrow(root: string): Promise<Registry> {
  const { registry, diagnostics } = await loadRegistry(root)
  if (registry) return registry
  const errors = diagnostics.filter((d) => d.severity === 'error')
  throw new AppError('registry-invalid', `the registry has ${errors.length} error(s); first: ${errors.slice(0, 3).map(formatDiagnostic).join(' | ')} (run: npx sanctuary check)`)
}
/**
 * Reads the files once and builds both the registry and the federal data, as `sanctuary check`
 * needs them.
 *
 * @example
 * ```ts
 * const { built, federal } = await loadRegistryAndFederal(defaultRegistryDir())
 * ```
 */
export async function loadRegistryAndFederal(root: string): Promise<{ readonly built: BuildResult; readonly federal: FederalBuildResult }> {
  const files = await readRegistryFiles(root)
  const built = buildRegistry(files)
  return { built, federal: buildFederal(files.filter((f) => isFederalFile(f.path)), built.registry) }
}

/** Reads and builds the federal data under `root/federal/` (lists, conditions, rulings, funding). */
export async function loadFederal(root: string, registry?: Registry): Promise<FederalBuildResult> {
  const files = (await readRegistryFiles(root)).filter((f) => isFederalFile(f.path))
  return buildFederal(files, registry)
}

/** Reads and builds the federal data, throwing `registry-invalid` when it does not check. */
export async function loadFederalOrThrow(root: string, registry?: Registry): Promise<FederalData> {
  const { federal, diagnostics } = await loadFederal(root, registry)
  if (federal) return federal
  const errors = diagnostics.filter((d) => d.severity === 'error')
  throw new AppError('registry-invalid', `the federal data has ${errors.length} error(s); first: ${errors.slice(0, 3).map(formatDiagnostic).join(' | ')} (run: npx sanctuary check)`)
}

export { packageVersion } from './version.ts'
export { loadUsAtlas, sharedAlbersGeometry, sharedUsAtlas, usAtlasAlbersPath, usAtlasCountiesPath, type UsAtlas } from './atlas.ts'
export { atlasWithUsGeo, defaultUsGeoDir, loadUsGeo, sharedUsGeo, US_GEO_FILES, withUsGeo, type UsGeo } from './us-geo.ts'
export { sharedNames } from './names.ts'
export { fsLawSource } from './law-source.ts'
