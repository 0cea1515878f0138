/**
 * Which built files a page links, read from Vite's manifest (`dist/web/.vite/manifest.json`):
 * the shared stylesheet, the page's script, the chunks it imports (preloaded), and data assets it
 * fetches (the map's TopoJSON, preloaded so it downloads while the script parses).
 */
import type { PageAssets, PageEntry } from './document.tsx'

/** One chunk of the Vite manifest. */
export interface ManifestChunk {
  readonly file: string
  readonly src?: string
  readonly isEntry?: boolean
  readonly imports?: readonly string[]
  readonly css?: readonly string[]
  readonly assets?: readonly string[]
}

export type Manifest = Readonly<Record<string, ManifestChunk>>

/** Source path of each page's browser entry, as the manifest keys it. */
export const ENTRY_SOURCES: Readonly<Record<PageEntry, string>> = {
  map: 'src/web/client/map.tsx',
  jurisdiction: 'src/web/client/jurisdiction.tsx',
  compare: 'src/web/client/compare.tsx',
  evaluate: 'src/web/client/evaluate.tsx',
  search: 'src/web/client/search.tsx',
  script: 'src/web/client/script.tsx',
}

export const STYLES_SOURCE = 'src/web/styles/app.css'

/**
 * The assets of one page: no script when `entry` is null or the manifest lacks it.
 *
 * @example
 * ```ts
 * assetsFor(manifest, 'map') // { script: '/assets/map-AbC.js', styles: ['/assets/styles-XyZ.css'], preloads: [...], fetches: ['/assets/counties-albers-10m-QrS.json'] }
 * ```
 */
export function assetsFor(manifest: Manifest | null, entry: PageEntry | null): PageAssets {
  if (!manifest) return { script: null, styles: [], preloads: [], fetches: [] }
  const styles = new Set<string>()
  const stylesChunk = manifest[STYLES_SOURCE]
  if (stylesChunk) styles.add(`/${stylesChunk.file}`)
  const chunk = entry ? manifest[ENTRY_SOURCES[entry]] : undefined
  if (!chunk) return { script: null, styles: [...styles], preloads: [], fetches: [] }
  const preloads = new Set<string>()
  const fetches = new Set<string>()
  const seen = new Set<string>()
  const walk = (c: ManifestChunk, top: boolean) => {
    for (const css of c.css ?? []) styles.add(`/${css}`)
    for (const a of c.assets ?? []) if (a.endsWith('.json')) fetches.add(`/${a}`)
    if (!top) preloads.add(`/${c.file}`)
    for (const key of c.imports ?? []) {
      if (seen.has(key)) continue
      seen.add(key)
      const next = manifest[key]
      if (next) walk(next, false)
    }
  }
  walk(chunk, true)
  return { script: `/${chunk.file}`, styles: [...styles], preloads: [...preloads], fetches: [...fetches] }
}
