/**
 * Builds the web client: one entry per page (so the map page loads only the map's code), a manifest
 * the server reads to link each page's JS and CSS, and a gzip and brotli copy of every asset that
 * the server sends to browsers that accept them. Output: dist/web (assets under dist/web/assets).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'

const root = import.meta.dirname
const outDir = resolve(root, 'dist/web')

/** One stylesheet for every page, and one script per page that has one (keys: `PageEntry`). */
const entries = {
  styles: 'src/web/styles/app.css',
  map: 'src/web/client/map.tsx',
  jurisdiction: 'src/web/client/jurisdiction.tsx',
  compare: 'src/web/client/compare.tsx',
  evaluate: 'src/web/client/evaluate.tsx',
  search: 'src/web/client/search.tsx',
  script: 'src/web/client/script.tsx',
}

function precompress(): Plugin {
  return {
    name: 'sanctuary-precompress',
    apply: 'build',
    closeBundle() {
      const dir = join(outDir, 'assets')
      for (const name of readdirSync(dir)) {
        if (!/\.(js|css|json|svg)$/.test(name)) continue
        const body = readFileSync(join(dir, name))
        writeFileSync(join(dir, `${name}.gz`), gzipSync(body, { level: 9 }))
        writeFileSync(join(dir, `${name}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
      }
    },
  }
}

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'info',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      input: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, resolve(root, v)])),
    },
  },
})
