/**
 * The name resolver as the command line and the simulator load it: the registry with us-atlas
 * (from node_modules) and, when the shared data folder is there, us-geo's Census places and
 * populations. Read once per process.
 *
 * @example
 * ```ts
 * const { names, gazetteer } = await sharedNames(registry)
 * requireJurisdiction(names, 'Harris County', { field: 'jurisdiction' })
 * ```
 */
import type { Gazetteer } from '../../core/answers/index.ts'
import type { NameIndex } from '../../core/names/index.ts'
import type { Registry } from '../../core/registry/index.ts'
import { sharedUsAtlas } from './atlas.ts'
import { sharedUsGeo, withUsGeo } from './us-geo.ts'

const built = new WeakMap<Registry, Promise<{ readonly gazetteer: Gazetteer; readonly names: NameIndex }>>()

/**
 * The gazetteer and name index over one registry (cached per registry value).
 *
 * @example
 * ```ts
 * const { names } = await sharedNames(registry)
 * ```
 */
export function sharedNames(registry: Registry): Promise<{ readonly gazetteer: Gazetteer; readonly names: NameIndex }> {
  let p = built.get(registry)
  if (!p) {
    p = (async () => {
      // Imported here so that reading the registry (fs/index.ts) does not load the name modules.
      const [atlas, geo, { buildGazetteer }, { buildNameIndex }] = await Promise.all([sharedUsAtlas(), sharedUsGeo(), import('../../core/answers/index.ts'), import('../../core/names/index.ts')])
      const gazetteer = buildGazetteer(registry, withUsGeo(atlas.input, geo))
      return { gazetteer, names: buildNameIndex({ registry, gazetteer }) }
    })()
    built.set(registry, p)
  }
  return p
}
