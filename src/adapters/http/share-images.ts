/**
 * Link-preview images: `GET /og/us.png`, `GET /og/jurisdictions/<ocd-id>.png` and
 * `GET /og/compare.png?ids=a,b`, each with an optional `?date=`. The SVG comes from the web app's
 * `shareImageSvg`; @resvg/resvg-js rasterises it to a 1200×630 PNG off the event loop
 * (`renderAsync`). Images are kept in memory keyed by registry version, date and path, so a
 * registry rebuild or a new day draws afresh. Also the origin the pages' absolute URLs use.
 */
import { renderAsync } from '@resvg/resvg-js'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AtlasGeometry } from '../../core/answers/index.ts'
import { parseDay } from '../../core/dates/index.ts'
import { sharedAlbersGeometry } from '../fs/index.ts'
import { AppError, toAppError } from '../../core/errors/index.ts'
import { shareImageFor, shareImageSvg, type ShareTarget, type SiteContext } from '../../web/index.ts'

/** At most this many images are kept; the oldest goes first. */
const MAX_CACHED = 300

export interface ShareImagesOptions {
  readonly site: SiteContext
  /** The map's projected geometry (default: us-atlas' Albers file, read on first use). */
  readonly geometry?: () => Promise<AtlasGeometry>
  readonly registryVersion: string
}

/**
 * Rasterises an SVG document to PNG with the system fonts (DejaVu or Liberation on Debian; without
 * any font the map and swatches are still drawn and the text is left out).
 *
 * @example
 * ```ts
 * const png = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
 * ```
 */
export async function svgToPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'original' } })
  return image.asPng()
}

/**
 * The origin for absolute URLs in pages (canonical links, Open Graph): `SANCTUARY_PUBLIC_URL` (or
 * the option) when set, else the request's protocol and Host header when it is a plain host name.
 *
 * @example
 * ```ts
 * publicOrigin(request, 'https://atlas.example.org/') // 'https://atlas.example.org'
 * ```
 */
export function publicOrigin(request: FastifyRequest, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '')
  const host = request.host
  const safe = typeof host === 'string' && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : '127.0.0.1'
  return `${request.protocol === 'https' ? 'https' : 'http'}://${safe}`
}

/**
 * Registers the preview-image routes.
 *
 * @example
 * ```ts
 * registerShareImages(app, { site: ctx, geometry: () => service.geometry(), registryVersion: registry.version })
 * ```
 */
export function registerShareImages(app: FastifyInstance, options: ShareImagesOptions): void {
  const cache = new Map<string, Promise<Buffer>>()
  const geometry = options.geometry ?? sharedAlbersGeometry
  const image = async (target: ShareTarget, date: string, path: string): Promise<Buffer> => {
    const key = `${options.registryVersion}|${date}|${path}`
    const hit = cache.get(key)
    if (hit) return hit
    // Described first, so an unknown place fails before anything is cached.
    const described = shareImageFor(options.site, target, date)
    const shapes = await geometry()
    const again = cache.get(key)
    if (again) return again
    const png = svgToPng(shareImageSvg(shapes, described))
    cache.set(key, png)
    png.catch(() => cache.delete(key))
    while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!)
    return png
  }
  const dateOf = (request: FastifyRequest): string => {
    const raw = (request.query as Record<string, unknown> | undefined)?.date
    if (raw === undefined || raw === '') return options.site.today()
    if (typeof raw !== 'string' || parseDay(raw) === undefined) throw new AppError('invalid-input', `date: "${String(raw)}" is not a real calendar date (YYYY-MM-DD)`, { field: 'date' })
    return raw
  }
  const route = { schema: { hide: true } }
  const serve = (build: (request: FastifyRequest) => { target: ShareTarget; key: string }) => async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
    try {
      const date = dateOf(request)
      const { target, key } = build(request)
      const png = await image(target, date, key)
      return reply.header('content-type', 'image/png').header('cache-control', 'public, max-age=3600').header('content-length', png.length).send(png)
    } catch (thrown) {
      const e = toAppError(thrown)
      if (e.code === 'internal') request.log.error({ err: thrown }, 'preview image failed')
      return reply.status(e.httpStatus).send(e.toJSON())
    }
  }
  app.get('/og/us.png', route, serve(() => ({ target: { kind: 'nation' }, key: 'us' })))
  app.get(
    '/og/compare.png',
    route,
    serve((request) => {
      const raw = (request.query as Record<string, unknown> | undefined)?.ids
      if (typeof raw !== 'string' || !raw.trim()) throw new AppError('invalid-input', 'ids: give two to four OCD IDs separated by commas', { field: 'ids' })
      const ids = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      return { target: { kind: 'compare', ids }, key: `compare:${ids.join(',')}` }
    }),
  )
  app.get(
    '/og/jurisdictions/*',
    route,
    serve((request) => {
      const raw = (request.params as { '*': string })['*']
      if (!raw.endsWith('.png')) throw new AppError('not-found', `no preview image "${raw}"`, { field: 'id' })
      let id: string
      try {
        id = decodeURIComponent(raw.slice(0, -'.png'.length))
      } catch (cause) {
        throw new AppError('not-found', `"${raw}" is not a valid OCD division ID`, { field: 'id' }, { cause })
      }
      return { target: { kind: 'jurisdiction', id }, key: `j:${id}` }
    }),
  )
}
