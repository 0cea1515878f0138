/**
 * `npm start`: serves the API on 127.0.0.1:PORT (default 3000) with the registry shipped in the repo.
 */
import { createEngine } from '../../core/engine/index.ts'
import { toAppError } from '../../core/errors/index.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow, loadUsAtlas, packageVersion } from '../fs/index.ts'
import { buildApp } from './app.ts'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'

try {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0-65535, got "${process.env.PORT}"`)
  const root = process.env.REGISTRY_DIR ?? defaultRegistryDir()
  const registry = await loadRegistryOrThrow(root)
  const federal = await loadFederalOrThrow(root, registry)
  // us-atlas (states and counties for the map) is read once, here, so a missing package fails at startup.
  const atlas = await loadUsAtlas()
  const app = await buildApp({ engine: createEngine(registry, { version: packageVersion() }), federal, atlas, logger: { level: process.env.LOG_LEVEL ?? 'info' } })
  await app.listen({ port, host })
} catch (thrown) {
  process.stderr.write(`sanctuary-atlas: ${toAppError(thrown).oneLine()}\n`)
  process.exit(1)
}
