/**
 * The web pages on the API's server: a Fastify plugin serving the built client (dist/web, from
 * `npm run build:web`) under /assets with immutable caching and precompressed variants, and the
 * server-rendered pages `/`, `/jurisdictions/<ocd-id>`, `/compare`, `/evaluate`, `/search`,
 * `/downloads` and `/simulations` (published simulation reports, read from a folder). Pages render
 * from the same answers service the API routes use; errors render as HTML pages with their status
 * (404 for an unknown jurisdiction or report).
 */
import { atomFeed, changesFor, type Changelog } from '../../core/changelog/index.ts'
import { requireDivisionId } from '../../core/names/index.ts'
import { jurisdictionFeedPath } from '../../web/ssr/site.tsx'
import { readFileSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatDay, todayUtc } from '../../core/dates/index.ts'
import { AppError, toAppError } from '../../core/errors/index.ts'
import { readReportFile } from '../../simulator/report/index.ts'
import {
  assetsFor,
  checkReportName,
  isReportName,
  simulationDocument,
  simulationPage,
  simulationSections,
  simulationsPage,
  scriptPage,
  type PublishedReport,
  comparePage,
  downloadsPage,
  errorPage,
  evaluatePage,
  federalPage,
  jurisdictionPage,
  jurisdictionProps,
  jurisdictionMarkdown,
  jurisdictionPath,
  compareData,
  compareMarkdown,
  mapPage,
  renderDocument,
  searchPage,
  type Manifest,
  type PageResult,
  type Query,
  type SiteContext,
  type WhoDecidesView,
  toolkitCatalogPage,
  toolkitClausePage,
  toolkitComposeExport,
  toolkitComposePage,
  composerCheck,
  SHARE_IMAGE_HEIGHT,
  SHARE_IMAGE_WIDTH,
  shareImageAlt,
  shareImageFor,
  shareImagePath,
  type ShareMeta,
  type ShareTarget,
} from '../../web/index.ts'
import { composerQuery, composerState } from '../../core/toolkit/index.ts'
import { MAX_DRAFT_QUERY } from '../db/index.ts'
import { markdownPdf, type ToolkitService } from '../toolkit/index.ts'
import type { FederalData } from '../../core/federal/index.ts'
import { isZipLike, type ZipShare } from '../../core/names/index.ts'
import type { AnswersService } from './answers-service.ts'
import type { ScriptService } from './scripts-service.ts'
import { acceptsGzip } from './routes-answers.ts'
import { csrfToken } from './forms/index.ts'
import type { PublicCorrection } from '../../core/corrections/index.ts'
import { savedDraftPath, type SavedDrafts } from './routes-saved-drafts.ts'
import { publicOrigin, registerShareImages } from './share-images.ts'

export interface PagesOptions {
  /** The answers service the API routes use (engine, gazetteer, search index, cached answers). */
  readonly service: AnswersService
  /** Federal data for the jurisdiction pages' Federal section and `/federal`. */
  readonly federal?: FederalData
  /** The Vite build output (with `.vite/manifest.json` and `assets/`); default dist/web. */
  readonly webDir?: string
  /** Today as YYYY-MM-DD; default the UTC date at each request. */
  readonly today?: () => string
  /**
   * The folder of published simulation reports (`<name>.json`, as `sanctuary simulate --out`
   * writes them); default `$SIMULATION_REPORTS_DIR`, else `reports/` at the repository root.
   */
  readonly reportsDir?: string
  /** A ZIP code's counties with land shares, from the officials directory; absent when none is connected. */
  readonly zipShares?: (zip: string) => Promise<readonly ZipShare[]>
  /** Who decides in a jurisdiction on a date, from the officials directory; absent when none is connected. */
  readonly whoDecides?: (id: string, date: string) => Promise<WhoDecidesView>
  /** The lawmaker toolkit (catalog, checks, exports); without it the /toolkit pages are absent. */
  readonly toolkit?: ToolkitService
  /** Call scripts and their outcome counts, from the officials directory; without it /scripts says so. */
  readonly scripts?: ScriptService
  /** Saved toolkit drafts (a database); without it the composer offers no saving. */
  readonly drafts?: SavedDrafts
  /**
   * The site's public origin for absolute URLs (canonical links, link previews), e.g.
   * `https://atlas.example.org`; default `$SANCTUARY_PUBLIC_URL`, else the request's Host.
   */
  readonly publicUrl?: string
  /** A jurisdiction's suggested corrections (public views); without it the pages show no correction forms. */
  readonly corrections?: (jurisdiction: string) => Promise<readonly PublicCorrection[]>
  /** Feature modules' pages (sign-in, corrections review…), registered with the same document and error pages. */
  readonly modules?: readonly PageModule[]
  /** The registry's change log (jurisdiction pages' "Changes", `/changes.atom`); without it the feeds answer 404. */
  readonly changelog?: Changelog
}

/** What a feature module gets to register its pages: the app, and the senders that render a {@link PageResult} into the site's document. */
export interface PageKit {
  readonly app: FastifyInstance
  readonly site: SiteContext
  /** Renders a page built synchronously; a thrown error renders as its error page. */
  readonly send: (request: FastifyRequest, reply: FastifyReply, build: () => PageResult) => FastifyReply
  /** Renders a page built asynchronously; a rejection renders as its error page. */
  readonly sendAfter: (request: FastifyRequest, reply: FastifyReply, build: () => Promise<PageResult>) => Promise<FastifyReply>
}

/** A feature module's pages, registered by the pages plugin. */
export type PageModule = (kit: PageKit) => void

/** The default folder of published simulation reports, reports/ at the repository root. */
export function defaultReportsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../reports')
}

/** A report as kept in memory, valid while its file's modification time and size are unchanged. */
interface CachedReport {
  readonly key: string
  readonly published: PublishedReport
  sections?: string
  document?: string
}

/**
 * Reads published simulation reports from a folder, on each request (a report added or replaced is
 * served at once), keeping each parsed report and its rendered charts until its file changes.
 * A name is checked before it is joined to the folder, so no request can read outside it.
 */
function reportStore(dir: string) {
  const cache = new Map<string, CachedReport>()
  const load = async (name: string): Promise<CachedReport> => {
    checkReportName(name)
    const path = join(dir, `${name}.json`)
    let key: string
    try {
      const s = await stat(path)
      if (!s.isFile()) throw new Error('not a file')
      key = `${s.mtimeMs}:${s.size}`
    } catch (cause) {
      throw new AppError('not-found', `no simulation report "${name}"`, { field: 'name' }, { cause })
    }
    const hit = cache.get(name)
    if (hit && hit.key === key) return hit
    let report
    try {
      report = await readReportFile(path)
    } catch (cause) {
      // a published file that is not a report is the server's fault, not the request's
      throw new AppError('internal', `simulation report ${path} cannot be read: ${toAppError(cause).message}`, { file: path }, { cause })
    }
    const entry: CachedReport = { key, published: { name, report } }
    cache.set(name, entry)
    return entry
  }
  const list = async (): Promise<{ reports: PublishedReport[]; unreadable: string[] }> => {
    let files: string[]
    try {
      files = await readdir(dir)
    } catch {
      files = []
    }
    const reports: PublishedReport[] = []
    const unreadable: string[] = []
    for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
      const name = file.slice(0, -'.json'.length)
      if (!isReportName(name)) {
        unreadable.push(file)
        continue
      }
      try {
        reports.push((await load(name)).published)
      } catch {
        unreadable.push(file)
      }
    }
    return { reports, unreadable }
  }
  return { load, list }
}

/** A file name from a place's name: "Travis County" → "travis-county". */
function fileSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'jurisdiction'
  )
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
    federal: options.federal,
    gazetteer: service.gazetteer,
    names: service.names,
    today,
    answers: (date, action, template, assume) => service.answers(date, action, template, assume),
    answersPlacesId: () => service.answersPlaces().id,
    ...(options.changelog ? { changelog: options.changelog } : {}),
  }
  const versions = { registry: service.engine.registry.version, engine: service.engine.version }
  const publicUrl = options.publicUrl ?? (process.env.SANCTUARY_PUBLIC_URL || undefined)
  registerShareImages(app, { site: ctx, registryVersion: versions.registry })
  /** The page's link preview: its image (the nation's map unless the page names its own) and its text alternative. */
  const shareMeta = (page: Extract<PageResult, { kind: 'page' }>, origin: string, url: string): ShareMeta => {
    const target: ShareTarget = page.share ?? { kind: 'nation' }
    const date = page.shareDate
    let alt = 'A map of the United States from Sanctuary Atlas.'
    try {
      alt = shareImageAlt(shareImageFor(ctx, target, date ?? today()))
    } catch {
      // an unknown place or a bad date: the page itself says so; the image route answers 4xx
    }
    return { url: `${origin}${page.canonical ?? url}`, image: `${origin}${shareImagePath(target, date)}`, imageWidth: SHARE_IMAGE_WIDTH, imageHeight: SHARE_IMAGE_HEIGHT, imageAlt: alt }
  }
  const reports = reportStore(options.reportsDir ?? process.env.SIMULATION_REPORTS_DIR ?? defaultReportsDir())

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
    const origin = publicOrigin(request, publicUrl)
    const html = renderDocument({
      title: page.title,
      description: page.description,
      nav: page.nav,
      body: page.body,
      data: page.data,
      assets: { ...assets, fetches: [...assets.fetches, ...(page.fetches ?? [])] },
      versions,
      canonical: page.canonical,
      origin,
      preview: shareMeta(page, origin, request.url),
    })
    // A page that set its own cache policy (the signed-in pages' no-store) keeps it.
    reply.status(page.status).header('content-type', 'text/html; charset=utf-8').header('cache-control', reply.getHeader('cache-control') ?? 'no-cache').header('vary', 'accept-encoding')
    if (html.length > 1024 && acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(gzipSync(html, { level: 6 }))
    return reply.send(html)
  }

  /** Like `send`, for pages that must read files first; a failure renders as its error page. */
  const sendAfter = async (request: FastifyRequest, reply: FastifyReply, build: () => Promise<PageResult>): Promise<FastifyReply> => {
    let page: PageResult | undefined
    let failure: unknown
    try {
      page = await build()
    } catch (thrown) {
      failure = thrown
    }
    return send(request, reply, () => {
      if (page) return page
      throw failure
    })
  }

  // Errors thrown by a page route's hooks (a refused CSRF token, a missing sign-in) render as pages too.
  ;(app as unknown as { setErrorPageRenderer?: (render: (request: FastifyRequest, reply: FastifyReply, error: AppError) => FastifyReply) => void }).setErrorPageRenderer?.((request, reply, error) =>
    send(request, reply, () => {
      throw error
    }),
  )

  const pageRoute = { schema: { hide: true } }
  app.get('/', pageRoute, (request, reply) => send(request, reply, () => mapPage(ctx, queryOf(request))))
  // The forms and the search box take ZIP codes: their areas come from the directory before the page is built.
  const withZips = async (query: Query): Promise<SiteContext> => {
    const zips = new Map<string, readonly ZipShare[]>()
    if (options.zipShares) for (const v of new Set(Object.values(query).map((x) => (x ?? '').trim()).filter(isZipLike)).values()) zips.set(v, await options.zipShares(v))
    return zips.size ? { ...ctx, zips } : ctx
  }
  const formPage = (build: (c: SiteContext, q: Query) => PageResult) => (request: FastifyRequest, reply: FastifyReply) =>
    sendAfter(request, reply, async () => {
      const query = queryOf(request)
      return build(await withZips(query), query)
    })
  app.get('/search', pageRoute, formPage(searchPage))
  const compareHtml = formPage(comparePage)
  app.get('/compare', pageRoute, async (request, reply) => {
    const { format, ...query } = queryOf(request)
    if (format === undefined || format === 'html') return compareHtml(request, reply)
    if (format !== 'pdf') {
      return send(request, reply, () => {
        throw new AppError('invalid-input', `format: "${format}" is not a format of this page (html or pdf)`, { field: 'format' })
      })
    }
    // `?ids=a,b&date=&format=pdf`: the comparison as a PDF (the toolkit's pdfkit renderer).
    let pdf: { body: Buffer; name: string }
    try {
      const date = query.date || today()
      const ids = (query.ids ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
      const data = compareData(ctx, ids, date)
      const url = `${publicOrigin(request, publicUrl)}/compare?${new URLSearchParams({ ids: ids.join(','), date }).toString()}`
      const markdown = compareMarkdown(data, today(), { url, registryVersion: versions.registry, engineVersion: versions.engine })
      const title = `Compare ${data.comparison.jurisdictions.map((j) => j.name).join(', ')}`
      const body = await markdownPdf(markdown, { title: `${title} — Sanctuary Atlas`, creator: 'Sanctuary Atlas', subject: url })
      pdf = { body, name: `compare-${data.comparison.jurisdictions.map((j) => fileSlug(j.name)).join('-')}-${date}.pdf` }
    } catch (thrown) {
      return send(request, reply, () => {
        throw thrown
      })
    }
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${pdf.name}"`).header('cache-control', 'no-cache').send(pdf.body)
  })
  app.get('/evaluate', pageRoute, formPage(evaluatePage))
  app.get('/federal', pageRoute, (request, reply) => send(request, reply, () => federalPage(ctx)))
  if (options.toolkit) {
    const tk = { site: ctx, toolkit: options.toolkit, geometry: () => service.geometry(), canSave: options.drafts !== undefined }
    registerToolkitPages(app, tk, send, sendAfter, pageRoute)
    if (options.drafts) registerSavedDraftPages(app, tk, options.drafts, sendAfter, pageRoute)
  }
  app.get('/downloads', pageRoute, (request, reply) => send(request, reply, () => downloadsPage(ctx)))
  for (const module of options.modules ?? []) module({ app, site: ctx, send, sendAfter })
  /** An Atom feed of change entries, or 404 JSON when the server has no change log. */
  const sendFeed = (request: FastifyRequest, reply: FastifyReply, jurisdiction: string | null): FastifyReply => {
    const log = options.changelog
    if (!log) return reply.status(404).send(new AppError('not-found', 'this server has no change log loaded', { field: 'url' }).toJSON())
    const entries = jurisdiction ? changesFor(log, jurisdiction) : log.entries
    const name = jurisdiction ? (ctx.engine.registry.jurisdictions.get(jurisdiction)?.name ?? describeDivisionName(jurisdiction)) : null
    const xml = atomFeed(entries, {
      origin: publicOrigin(request, publicUrl),
      self: jurisdiction ? jurisdictionFeedPath(jurisdiction) : '/changes.atom',
      alternate: jurisdiction ? `/jurisdictions/${jurisdiction}` : '/',
      title: name ? `Sanctuary Atlas: changes to ${name}` : 'Sanctuary Atlas: changes to the registry',
      key: jurisdiction ? `changes:${jurisdiction}` : 'changes',
      fallbackUpdated: log.throughDate,
      limit: jurisdiction ? undefined : 500,
    })
    reply.status(200).header('content-type', 'application/atom+xml; charset=utf-8').header('cache-control', 'no-cache')
    if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(gzipSync(xml, { level: 6 }))
    return reply.send(xml)
  }
  const describeDivisionName = (id: string): string => {
    const c = ctx.gazetteer.countyByJurisdiction.get(id) ?? ctx.gazetteer.placeByJurisdiction.get(id)
    return c?.label ?? id
  }
  app.get('/changes.atom', pageRoute, (request, reply) => sendFeed(request, reply, null))
  const jurisdictionId = (request: FastifyRequest): string => {
    const raw = (request.params as { '*': string })['*'].replace(/\/+$/, '')
    try {
      return decodeURIComponent(raw)
    } catch (cause) {
      throw new AppError('not-found', `"${raw}" is not a valid OCD division ID`, { field: 'id' }, { cause })
    }
  }
  app.get('/jurisdictions/*', pageRoute, async (request, reply) => {
    if ((request.params as { '*': string })['*'].endsWith('/changes.atom')) return feedFor(request, reply)
    const format = queryOf(request).format
    if (format === 'pdf') return jurisdictionPdf(request, reply)
    if (format !== undefined && format !== 'html') {
      return send(request, reply, () => {
        throw new AppError('invalid-input', `format: "${format}" is not a format of this page (html or pdf)`, { field: 'format' })
      })
    }
    return jurisdictionHtml(request, reply)
  })
  /** `?format=pdf`: the page's answers, provisions, quotes and sources as a PDF (the toolkit's pdfkit renderer). */
  const jurisdictionPdf = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    let pdf: { body: Buffer; name: string }
    try {
      const id = jurisdictionId(request)
      const { format: _format, ...query } = queryOf(request)
      const props = jurisdictionProps(ctx, id, query)
      const origin = publicOrigin(request, publicUrl)
      const url = `${origin}${jurisdictionPath(id, query.date ? props.date : undefined)}`
      const markdown = jurisdictionMarkdown(props, { url, registryVersion: versions.registry, engineVersion: versions.engine })
      const body = await markdownPdf(markdown, { title: `${props.j.name} — Sanctuary Atlas`, creator: 'Sanctuary Atlas', subject: url })
      pdf = { body, name: `${fileSlug(props.j.name)}-${props.date}.pdf` }
    } catch (thrown) {
      return send(request, reply, () => {
        throw thrown
      })
    }
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${pdf.name}"`).header('cache-control', 'no-cache').send(pdf.body)
  }
  const jurisdictionHtml = (request: FastifyRequest, reply: FastifyReply) =>
    sendAfter(request, reply, async () => {
      const id = jurisdictionId(request)
      const query = queryOf(request)
      const who = options.whoDecides ? await options.whoDecides(id, typeof query.date === 'string' && query.date ? query.date : today()).catch((thrown: unknown): WhoDecidesView => {
        // A bad id or date is reported by the page itself; anything else is the directory's failure.
        if (toAppError(thrown).code === 'internal') request.log.error({ err: thrown }, 'officials directory failed')
        return { kind: 'unavailable', reason: 'The officials directory could not be read just now.' }
      }) : undefined
      // Suggested corrections on its provisions, and the token for their forms, when a database is connected.
      const corrections = options.corrections && ctx.engine.registry.jurisdictions.has(id) ? { csrf: csrfToken(reply), items: await options.corrections(id) } : undefined
      return jurisdictionPage(ctx, id, query, who, corrections)
    })
  /** `/jurisdictions/<id>/changes.atom`: 404 JSON naming the id when it is no real division. */
  const feedFor = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const raw = (request.params as { '*': string })['*'].slice(0, -'/changes.atom'.length)
    try {
      const id = decodeURIComponent(raw)
      if (!ctx.engine.registry.jurisdictions.has(id)) requireDivisionId(ctx.names, id, 'id')
      return sendFeed(request, reply, id)
    } catch (thrown) {
      const e = toAppError(thrown)
      return reply.status(e.code === 'internal' ? 500 : 404).send(new AppError('not-found', e.code === 'internal' ? 'feed failed' : e.message, { field: 'id' }).toJSON())
    }
  }

  app.get('/scripts', pageRoute, (request, reply) =>
    sendAfter(request, reply, async () => {
      const { scripts } = options
      if (!scripts) throw new AppError('not-found', 'call scripts need the officials directory, which this server has not connected')
      const query = queryOf(request)
      const day = query.date || today()
      const script = await scripts.script({ jurisdiction: query.jurisdiction ?? '', question: query.question ?? '', ...(query.official !== undefined ? { official: query.official } : {}), ...(query.post !== undefined ? { post: query.post } : {}) }, day)
      const counts = (await scripts.counts(script.jurisdiction.id, script.official.postId)).filter((c) => c.question === script.question.id)
      return scriptPage(script, counts)
    }),
  )

  const sendText = (request: FastifyRequest, reply: FastifyReply, type: string, text: string): FastifyReply => {
    reply.header('content-type', type).header('cache-control', 'no-cache').header('vary', 'accept-encoding')
    if (text.length > 1024 && acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(gzipSync(text, { level: 6 }))
    return reply.send(text)
  }
  app.get('/simulations', pageRoute, (request, reply) =>
    sendAfter(request, reply, async () => {
      const { reports: found, unreadable } = await reports.list()
      if (unreadable.length) request.log.warn({ unreadable }, 'files in the reports folder that are not simulation reports')
      return simulationsPage(found, unreadable)
    }),
  )
  app.get('/simulations/:name', pageRoute, (request, reply) =>
    sendAfter(request, reply, async () => {
      const entry = await reports.load((request.params as { name: string }).name)
      entry.sections ??= simulationSections(entry.published.report)
      return simulationPage(entry.published, versions.registry, entry.sections)
    }),
  )
  // The simulator's own self-contained report, and the published JSON (aggregates only).
  app.get('/simulations/:name/report.html', pageRoute, async (request, reply) => {
    let entry: CachedReport
    try {
      entry = await reports.load((request.params as { name: string }).name)
    } catch (thrown) {
      return send(request, reply, () => {
        throw thrown
      })
    }
    entry.document ??= simulationDocument(entry.published)
    return sendText(request, reply, 'text/html; charset=utf-8', entry.document)
  })
  app.get('/simulations/:name/report.json', pageRoute, async (request, reply) => {
    const name = (request.params as { name: string }).name
    try {
      const entry = await reports.load(name)
      reply.header('content-disposition', `attachment; filename="${entry.published.name}.json"`)
      return sendText(request, reply, 'application/json; charset=utf-8', JSON.stringify(entry.published.report))
    } catch (thrown) {
      const e = toAppError(thrown)
      if (e.code === 'internal') request.log.error({ err: thrown }, 'report failed')
      return reply.status(e.httpStatus).send(e.toJSON())
    }
  })

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

/** A query with repeated keys (checkboxes) joined by commas, for the composer. */
function listQueryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v
    else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string').join(',')
  }
  return out
}

type Send = (request: FastifyRequest, reply: FastifyReply, build: () => PageResult) => FastifyReply
type SendAfter = (request: FastifyRequest, reply: FastifyReply, build: () => Promise<PageResult>) => Promise<FastifyReply>

/** The lawmaker toolkit's pages: `/toolkit`, `/toolkit/clauses/<kind>`, `/toolkit/compose` and its exports. */
function registerToolkitPages(app: FastifyInstance, tk: import('../../web/index.ts').ToolkitContext, send: Send, sendAfter: SendAfter, pageRoute: object): void {
  app.get('/toolkit', pageRoute, (request, reply) => send(request, reply, () => toolkitCatalogPage(tk)))
  app.get('/toolkit/clauses/:kind', pageRoute, (request, reply) => sendAfter(request, reply, () => toolkitClausePage(tk, (request.params as { kind: string }).kind, listQueryOf(request))))
  app.get('/toolkit/compose', pageRoute, (request, reply) => sendAfter(request, reply, () => toolkitComposePage(tk, listQueryOf(request))))
  const formats = { 'draft.md': 'markdown', 'draft.pdf': 'pdf', 'draft.yaml': 'yaml', 'draft.cases.yaml': 'cases' } as const
  for (const [file, format] of Object.entries(formats)) {
    app.get(`/toolkit/compose/${file}`, pageRoute, async (request, reply) => {
      try {
        const out = await toolkitComposeExport(tk, listQueryOf(request), format)
        const name = `${out.name}.${out.extension}`
        return reply.header('content-type', out.type).header('content-disposition', `${format === 'pdf' || format === 'markdown' ? 'inline' : 'attachment'}; filename="${name}"`).send(out.body)
      } catch (thrown) {
        const e = toAppError(thrown)
        if (e.code === 'internal') request.log.error({ err: thrown }, 'toolkit export failed')
        return reply.status(e.httpStatus).send(e.toJSON())
      }
    })
  }
}

/**
 * The saved-draft pages: the composer's "Save with a private link" form posts to `/toolkit/drafts`
 * (the draft is checked first; a bad one comes back as the composer with its error), which stores
 * it and redirects to `/toolkit/drafts/<token>`, the private page that opens it.
 */
function registerSavedDraftPages(app: FastifyInstance, tk: import('../../web/index.ts').ToolkitContext, drafts: SavedDrafts, sendAfter: SendAfter, pageRoute: object): void {
  const formBody = { ...pageRoute, schema: { hide: true, body: { type: 'object', required: ['query'], properties: { query: { type: 'string', maxLength: MAX_DRAFT_QUERY } } } } }
  app.post('/toolkit/drafts', formBody, (request, reply) =>
    sendAfter(request, reply, async () => {
      const query = Object.fromEntries(new URLSearchParams((request.body as { query: string }).query))
      const state = composerState(query)
      const check = await composerCheck(tk, state).catch((thrown: unknown) => {
        const code = toAppError(thrown).code
        if (code === 'invalid-input' || code === 'not-found') return 'invalid' as const
        throw thrown
      })
      if (check === 'invalid') return toolkitComposePage(tk, query)
      if (check === null) throw new AppError('invalid-input', 'query: the draft has no clause yet; choose one before saving', { field: 'query' })
      const token = await drafts.save(composerQuery(state))
      return { kind: 'redirect', status: 303, location: savedDraftPath(token) }
    }),
  )
  app.get('/toolkit/drafts/:token', pageRoute, (request, reply) =>
    sendAfter(request, reply, async () => {
      const { token } = request.params as { token: string }
      const saved = await drafts.load(token)
      if (!saved) throw new AppError('not-found', 'No saved draft has this link. It may have been deleted.', { field: 'token' })
      void reply.header('x-robots-tag', 'noindex')
      return toolkitComposePage(tk, Object.fromEntries(new URLSearchParams(saved.query)), { savedOn: saved.savedOn, path: savedDraftPath(token) })
    }),
  )
}
