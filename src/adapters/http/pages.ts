/**
 * The web pages on the API's server: a Fastify plugin serving the built client (dist/web, from
 * `npm run build:web`) under /assets with immutable caching and precompressed variants, and the
 * server-rendered pages `/`, `/jurisdictions/<ocd-id>`, `/compare`, `/evaluate`, `/search` and
 * `/downloads`. Pages render from the same answers service the API routes use; errors render as
 * HTML pages with their status (404 for an unknown jurisdiction).
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatDay, todayUtc } from '../../core/dates/index.ts'
import { AppError, toAppError } from '../../core/errors/index.ts'
import {
  assetsFor,
  comparePage,
  downloadsPage,
  errorPage,
  evaluatePage,
  jurisdictionPage,
  mapPage,
  renderDocument,
  searchPage,
  type Manifest,
  type PageResult,
  type Query,
  type SiteContext,
} from '../../web/index.ts'
import type { AnswersService } from './answers-service.ts'
import { acceptsGzip } from './routes-answers.ts'

export interface PagesOptions {
  /** The answers service the API routes use (engine, gazetteer, search index, cached answers). */
  readonly service: AnswersService
  /** The Vite build output (with `.vite/manifest.json` and `assets/`); default dist/web. */
  readonly webDir?: string
  /** Today as YYYY-MM-DD; default the UTC date at each request. */
  readonly today?: () => string
}

/** The default build output folder, dist/web at the repository root. */
export function defaultWebDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/web')
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
}

/** An asset as it is kept in memory: the file and its precompressed copies when the build made them. */
interface Asset {
  readonly type: string
  readonly raw: Buffer
  readonly gz: Buffer | null
  readonly br: Buffer | null
}

function acceptsBrotli(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '')
  return text.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (name !== 'br') return false
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  })
}

function readManifest(webDir: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(join(webDir, '.vite', 'manifest.json'), 'utf8')) as Manifest
  } catch {
    return null
  }
}

function queryOf(request: FastifyRequest): Query {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0]
  }
  return out
}

/**
 * Registers the pages and assets. Registered with `skip-override`, so its routes share the root's
 * hooks (security headers, ETags) and not-found handler.
 *
 * @example
 * ```ts
 * await app.register(pagesPlugin, { service })
 * ```
 */
export async function pagesPlugin(app: FastifyInstance, options: PagesOptions): Promise<void> {
  const { service } = options
  const webDir = options.webDir ?? defaultWebDir()
  const manifest = readManifest(webDir)
  if (!manifest) app.log.warn(`no web client build in ${webDir} (run: npm run build:web); pages are served without scripts and styles`)
  const today = options.today ?? (() => formatDay(todayUtc()))
  const ctx: SiteContext = {
    engine: service.engine,
    gazetteer: service.gazetteer,
    searchIndex: service.searchIndex,
    today,
    answers: (date, action, template) => service.answers(date, action, template),
  }
  const versions = { registry: service.engine.registry.version, engine: service.engine.version }

  const send = (request: FastifyRequest, reply: FastifyReply, build: () => PageResult): FastifyReply => {
    let page: PageResult
    try {
      page = build()
    } catch (thrown) {
      const e = toAppError(thrown)
      if (e.code === 'internal') request.log.error({ err: thrown }, 'page failed')
      page = errorPage(e)
    }
    if (page.kind === 'redirect') return reply.redirect(page.location, page.status)
    const assets = assetsFor(manifest, page.entry)
    const html = renderDocument({
      title: page.title,
      description: page.description,
      nav: page.nav,
      body: page.body,
      data: page.data,
      assets: { ...assets, fetches: [...assets.fetches, ...(page.fetches ?? [])] },
      versions,
      canonical: page.canonical,
    })
    reply.status(page.status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding')
    if (html.length > 1024 && acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(gzipSync(html, { level: 6 }))
    return reply.send(html)
  }

  const pageRoute = { schema: { hide: true } }
  app.get('/', pageRoute, (request, reply) => send(request, reply, () => mapPage(ctx, queryOf(request))))
  app.get('/search', pageRoute, (request, reply) => send(request, reply, () => searchPage(ctx, queryOf(request))))
  app.get('/compare', pageRoute, (request, reply) => send(request, reply, () => comparePage(ctx, queryOf(request))))
  app.get('/evaluate', pageRoute, (request, reply) => send(request, reply, () => evaluatePage(ctx, queryOf(request))))
  app.get('/downloads', pageRoute, (request, reply) => send(request, reply, () => downloadsPage(ctx)))
  app.get('/jurisdictions/*', pageRoute, (request, reply) =>
    send(request, reply, () => {
      const raw = (request.params as { '*': string })['*'].replace(/\/+$/, '')
      let id: string
      try {
        id = decodeURIComponent(raw)
      } catch (cause) {
        throw new AppError('not-found', `"${raw}" is not a valid OCD division ID`, { field: 'id' }, { cause })
      }
      return jurisdictionPage(ctx, id, queryOf(request))
    }),
  )

  // Built assets: names carry a content hash, so they never change and may be cached for a year.
  const assets = new Map<string, Promise<Asset | null>>()
  const load = (name: string): Promise<Asset | null> => {
    let p = assets.get(name)
    if (!p) {
      const path = join(webDir, 'assets', name)
      const optional = (file: string) => readFile(file).catch(() => null)
      p = readFile(path).then(
        async (raw) => ({ type: CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream', raw, gz: await optional(`${path}.gz`), br: await optional(`${path}.br`) }),
        () => null,
      )
      assets.set(name, p)
    }
    return p
  }
  app.get('/assets/:name', pageRoute, async (request, reply) => {
    const { name } = request.params as { name: string }
    const asset = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && !name.endsWith('.gz') && !name.endsWith('.br') ? await load(name) : null
    if (!asset) return reply.status(404).send(new AppError('not-found', `no asset "${name}"`, { field: 'name' }).toJSON())
    reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding')
    const encoding = request.headers['accept-encoding']
    if (asset.br && acceptsBrotli(encoding)) return reply.header('content-encoding', 'br').header('etag', `"${name}-br"`).send(asset.br)
    if (asset.gz && acceptsGzip(encoding)) return reply.header('content-encoding', 'gzip').header('etag', `"${name}-gz"`).send(asset.gz)
    return reply.header('etag', `"${name}"`).send(asset.raw)
  })
}

// Register in the parent's scope (as fastify-plugin does), so the root hooks apply to these routes.
;(pagesPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true
