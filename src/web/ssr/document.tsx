/**
 * The HTML document around every page: skip link, header and navigation, the page in `#app`, the
 * footer, the page's hydration data as inert JSON, and the page's client script as an external
 * module (the Content-Security-Policy allows no inline script). Server only.
 */
import { paletteCss } from '../shared/palette.ts'
import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'

/** Which navigation item a page belongs to. */
export type NavKey = 'map' | 'search' | 'compare' | 'evaluate' | 'simulations' | 'toolkit' | 'downloads' | 'none'

/** The client bundle of a page, named as in vite.config.ts. */
export type PageEntry = 'map' | 'jurisdiction' | 'compare' | 'evaluate' | 'search' | 'script'

/** URLs of a page's built assets, from the Vite manifest. */
export interface PageAssets {
  readonly script: string | null
  readonly styles: readonly string[]
  /** Module chunks the script imports. */
  readonly preloads: readonly string[]
  /** Data the script will fetch (same origin), preloaded so it downloads in parallel. */
  readonly fetches: readonly string[]
}

export interface DocumentInput {
  readonly title: string
  readonly description: string
  readonly nav: NavKey
  /** The page component's output; hydrated in the browser from `data` when `assets.script` is set. */
  readonly body: VNode
  readonly data: unknown
  readonly assets: PageAssets
  readonly versions: { readonly registry: string; readonly engine: string }
  /** A canonical path for shareable pages. */
  readonly canonical?: string
  /** The site's origin (`https://host`), which makes the canonical link absolute. */
  readonly origin?: string
  /** Link-preview tags (Open Graph, Twitter card); every URL absolute. */
  readonly preview?: ShareMeta
}

/** What a link preview shows: the page's absolute URL and its image. */
export interface ShareMeta {
  /** The page's absolute URL (canonical when it has one). */
  readonly url: string
  /** The preview image's absolute URL, its size and its text alternative. */
  readonly image: string
  readonly imageWidth: number
  readonly imageHeight: number
  readonly imageAlt: string
}

/**
 * The Open Graph and Twitter card tags of a page, escaped for an attribute.
 *
 * @example
 * ```ts
 * shareTags('Travis County, TX', 'What the law says…', { url: 'https://atlas.example/jurisdictions/…', image: 'https://atlas.example/og/….png', imageWidth: 1200, imageHeight: 630, imageAlt: '…' })
 * ```
 */
export function shareTags(title: string, description: string, share: ShareMeta): string[] {
  const tag = (attr: 'property' | 'name', key: string, value: string) => `<meta ${attr}="${key}" content="${escapeAttr(value)}">`
  return [
    tag('property', 'og:type', 'website'),
    tag('property', 'og:site_name', 'Sanctuary Atlas'),
    tag('property', 'og:title', title),
    tag('property', 'og:description', description),
    tag('property', 'og:url', share.url),
    tag('property', 'og:image', share.image),
    tag('property', 'og:image:type', 'image/png'),
    tag('property', 'og:image:width', String(share.imageWidth)),
    tag('property', 'og:image:height', String(share.imageHeight)),
    tag('property', 'og:image:alt', share.imageAlt),
    tag('name', 'twitter:card', 'summary_large_image'),
    tag('name', 'twitter:title', title),
    tag('name', 'twitter:description', description),
    tag('name', 'twitter:image', share.image),
    tag('name', 'twitter:image:alt', share.imageAlt),
  ]
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const NAV: readonly { key: NavKey; href: string; label: string }[] = [
  { key: 'map', href: '/', label: 'Map' },
  { key: 'search', href: '/search', label: 'Search' },
  { key: 'compare', href: '/compare', label: 'Compare' },
  { key: 'evaluate', href: '/evaluate', label: 'Evaluate a case' },
  { key: 'simulations', href: '/simulations', label: 'Simulations' },
  { key: 'toolkit', href: '/toolkit', label: 'Toolkit' },
  { key: 'downloads', href: '/downloads', label: 'Downloads' },
]

/**
 * Serialises page data for `<script type="application/json">`: `<`, `>`, `&` and the JS line
 * separators are escaped, so no registry text can close the element or be read as markup.
 *
 * @example
 * ```ts
 * jsonForScript({ s: '</script><script>alert(1)</script>' }) // '{"s":"\\u003c/script\\u003e..."}'
 * ```
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

function Shell(props: { input: DocumentInput }) {
  const { input } = props
  return (
    <body>
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="site-header">
        <div class="wrap">
          <a class="brand" href="/">
            Sanctuary Atlas
          </a>
          <nav class="site-nav" aria-label="Main">
            <ul>
              {NAV.map((n) => (
                <li key={n.key}>
                  <a href={n.href} aria-current={n.key === input.nav ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <div class="wrap" id="app">
          {input.body}
        </div>
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>
            Sanctuary Atlas describes laws on local cooperation with federal immigration enforcement and cites their sources. It is not legal advice.
          </p>
          <p>
            Registry version <code>{input.versions.registry.slice(0, 12)}</code> · engine version <code>{input.versions.engine}</code> · data CC0, code MIT ·{' '}
            <a href="/openapi.json">API (OpenAPI 3.1)</a> · <a href="/downloads">Downloads</a>
          </p>
        </div>
      </footer>
    </body>
  )
}

/**
 * Renders a whole HTML document for a page.
 *
 * @example
 * ```ts
 * const html = renderDocument({ title: 'Search', description: '…', nav: 'search', body: <SearchPage {...data} />, data, assets, versions })
 * ```
 */
export function renderDocument(input: DocumentInput): string {
  const esc = escapeAttr
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(input.title)} — Sanctuary Atlas</title>`,
    `<meta name="description" content="${esc(input.description)}">`,
    '<link rel="icon" href="data:,">',
    input.canonical ? `<link rel="canonical" href="${esc(`${input.origin ?? ''}${input.canonical}`)}">` : '',
    ...(input.preview ? shareTags(`${input.title} — Sanctuary Atlas`, input.description, input.preview) : []),
    ...input.assets.styles.map((href) => `<link rel="stylesheet" href="${esc(href)}">`),
    // The one palette (answer colours, patterns, print variant): palette.ts, not the stylesheet.
    `<style id="palette">${paletteCss()}</style>`,
    ...input.assets.preloads.map((href) => `<link rel="modulepreload" href="${esc(href)}">`),
    ...(input.assets.script ? input.assets.fetches : []).map((href) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${esc(href)}">`),
    input.assets.script ? `<script type="module" src="${esc(input.assets.script)}"></script>` : '',
  ].filter(Boolean)
  const body = renderToString(<Shell input={input} />)
  const data = input.assets.script ? `<script type="application/json" id="page-data">${jsonForScript(input.data)}</script>` : ''
  return `<!doctype html>\n<html lang="en">\n<head>\n${head.join('\n')}\n</head>\n${body.replace(/<\/body>$/, `${data}</body>`)}\n</html>\n`
}
