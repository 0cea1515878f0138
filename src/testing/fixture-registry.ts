/** Test helper: the fixture registry (fictional states zz and yy) read from disk. */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildRegistry, type Registry, type RegistryFileText } from '../core/registry/index.ts'

export const FIXTURE_DIR = fileURLToPath(new URL('../core/registry/fixtures/registry', import.meta.url))

/** Every fixture file as path + text, optionally with some replaced. */
export function fixtureFiles(): RegistryFileText[] {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]))
  return walk(FIXTURE_DIR)
    .filter((p) => p.endsWith('.yaml') && !p.endsWith('.cases.yaml'))
    .map((p) => ({ path: relative(FIXTURE_DIR, p).split(sep).join('/'), text: readFileSync(p, 'utf8') }))
}

/** The fixture registry, built; throws if it does not check. */
export function fixtureRegistry(): Registry {
  const { registry, diagnostics } = buildRegistry(fixtureFiles())
  if (!registry) throw new Error(`fixture registry invalid: ${JSON.stringify(diagnostics)}`)
  return registry
}
