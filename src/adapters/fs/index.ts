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
import { setImmediate as nextTurn } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { AppError } from '../../core/errors/index.ts'
import type { FederalBuildResult, FederalData } from '../../core/federal/index.ts'
import type { BuildResult, Registry, RegistryFileText } from '../../core/registry/index.ts'
import { preparseYaml, type PreparsedYamlFile } from '../../core/yaml/index.ts'

// The registry and federal modules (with TypeBox, some 700 modules) are imported when a loader
// first runs, not with this module: `sanctuary check` parses the files while they load.
const registryCore = () => import('../../core/registry/index.ts')
const federalCore = () => import('../../core/federal/index.ts')

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
  const files = await readRegistryFiles(root)
  return (await registryCore()).buildRegistry(files)
}

/**
 * Reads and builds the registry, throwing a `registry-invalid` error that lists the first errors
 * when it does not check. For servers and commands that need a usable registry.
 */
export async function loadRegistryOrThrow(root: string): Promise<Registry> {
  const { registry, diagnostics } = await loadRegistry(root)
  if (registry) return registry
  const { formatDiagnostic } = await registryCore()
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
  const core = Promise.all([registryCore(), federalCore()])
  core.catch(() => undefined) // awaited below; this only keeps a failed read from leaving it unhandled
  const files = await readPreparsedRegistryFiles(root)
  const [{ buildRegistry, isFederalFile }, { buildFederal }] = await core
  const built = buildRegistry(files)
  return { built, federal: buildFederal(files.filter((f) => isFederalFile(f.path)), built.registry) }
}

/**
 * Reads every registry file and parses it, yielding to the event loop between files so that the
 * modules being imported meanwhile keep loading (module loading mostly waits on the loader
 * thread; parsing fills that wait). The builders then take the parsed values as they are.
 */
async function readPreparsedRegistryFiles(root: string): Promise<PreparsedYamlFile[]> {
  const files = await readRegistryFiles(root)
  const out: PreparsedYamlFile[] = []
  for (const file of files) {
    out.push(preparseYaml(file))
    await nextTurn()
  }
  return out
}

/** Reads and builds the federal data under `root/federal/` (lists, conditions, rulings, funding). */
export async function loadFederal(root: string, registry?: Registry): Promise<FederalBuildResult> {
  const [all, { isFederalFile }, { buildFederal }] = await Promise.all([readRegistryFiles(root), registryCore(), federalCore()])
  return buildFederal(all.filter((f) => isFederalFile(f.path)), registry)
}

/** Reads and builds the federal data, throwing `registry-invalid` when it does not check. */
export async function loadFederalOrThrow(root: string, registry?: Registry): Promise<FederalData> {
  const { federal, diagnostics } = await loadFederal(root, registry)
  if (federal) return federal
  const { formatDiagnostic } = await registryCore()
  const errors = diagnostics.filter((d) => d.severity === 'error')
  throw new AppError('registry-invalid', `the federal data has ${errors.length} error(s); first: ${errors.slice(0, 3).map(formatDiagnostic).join(' | ')} (run: npx sanctuary check)`)
}

export { packageVersion } from './version.ts'
export { loadUsAtlas, sharedAlbersGeometry, sharedUsAtlas, usAtlasAlbersPath, usAtlasCountiesPath, type UsAtlas } from './atlas.ts'
export { atlasWithUsGeo, defaultUsGeoDir, loadUsGeo, sharedUsGeo, US_GEO_FILES, withUsGeo, type UsGeo } from './us-geo.ts'
export { sharedNames } from './names.ts'
export { fsLawSource } from './law-source.ts'
