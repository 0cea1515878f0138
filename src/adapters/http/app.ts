/**
 * The HTTP API: a thin Fastify shell over the registry and the engine. Everything is under
 * `/api/v1`, described by the OpenAPI 3.1 document at `/openapi.json`. Every response carries the
 * security headers (CSP among them); GET reads carry an ETag and answer If-None-Match with 304;
 * POST routes are rate limited per client IP.
 */
import { existsSync } from 'node:fs'
import type { Changelog } from '../../core/changelog/index.ts'
import { defaultChangelogPath, readChangelog } from '../changelog/index.ts'
import formbody from '@fastify/formbody'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { formatDay, parseDay, todayUtc } from '../../core/dates/index.ts'
import { CaseSchema, type Engine, type Evaluation } from '../../core/engine/index.ts'
import { AppError, toAppError } from '../../core/errors/index.ts'
import { ACTIONS, countRegistry, enactmentView, filterJurisdictions, jurisdictionSummary, type Action } from '../../core/registry/index.ts'
import { ErrorSchema, jurisdictionDetail, LayerRefSchema, UnlistedJurisdictionSchema, ValueSchema } from '../../core/answers/index.ts'
import { atlasWithUsGeo, defaultRegistryDir, sharedUsAtlas, sharedUsGeo } from '../fs/index.ts'
import { requireDivisionId, searchNames } from '../../core/names/index.ts'
import { zipLookup, type ZipArea } from '../../core/officials/index.ts'
import { createAnswersService, type AtlasSource } from './answers-service.ts'
import { addResponseHeaders, SECURITY_HEADERS } from './headers.ts'
import { refuseNul, requestError, validationError } from './client-errors.ts'
import { registerAnswersRoutes } from './routes-answers.ts'
import { registerAtlasRoutes } from './routes-atlas.ts'
import { registerOfficialsRoutes } from './routes-officials.ts'
import { registerScriptsRoutes } from './routes-scripts.ts'
import { createScriptService } from './scripts-service.ts'
import { wildcardId } from './params.ts'
import { deleteDraft, loadDraft, saveDraft, snapshotView, whoDecidesFor, type Database } from '../db/index.ts'
import type { WhoDecidesView } from '../../web/index.ts'
import { registerFederalRoutes } from './routes-federal.ts'
import { withFunding, type FederalData } from '../../core/federal/index.ts'
import { createToolkitService } from '../toolkit/index.ts'
import { registerToolkitRoutes } from './routes-toolkit.ts'
import { registerSavedDraftRoutes, type SavedDrafts } from './routes-saved-drafts.ts'
import { registerForms } from './forms/index.ts'
import { currentMaintainer, maintainerPages, registerMaintainers, type SignInLimit } from './maintainers/index.ts'
import type { PageModule } from './pages.ts'
import { correctionPages, jurisdictionCorrections, registerCorrectionsApi, type CorrectionsOptions } from './corrections/index.ts'
import type { Mailer } from '../mail/index.ts'
import type { RetentionPolicy } from '../../core/petitions/index.ts'
import { createPetitionsService, type PetitionsService } from './petitions-service.ts'
import { registerPetitionRoutes, type PetitionLimits } from './routes-petitions.ts'
import { registerPetitionPages } from './petitions-pages.ts'
import { petitionReportPages } from './petitions-reports.ts'
import { MAP_FIRST_DATE } from '../../web/shared/words.ts'

/** Request logs without secrets: a `token` in a query string (links from mail) is replaced by `…`. */
export function redactedUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/g, '$1…')
}

// Documentation-only schemas (bodies are not serialised through them; see setSerializerCompiler).
const AnswerDoc = Type.Object(
  {
    value: ValueSchema,
    maxHours: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    basis: Type.Enum(['registry', 'default'] as const),
    missing: Type.Array(Type.String(), { description: 'Facts or dates whose absence leaves the answer undetermined' }),
    citations: Type.Array(Type.Object({ provision: Type.String(), enactment: Type.String(), title: Type.String(), citation: Type.Union([Type.String(), Type.Null()]), jurisdiction: Type.String(), layer: Type.String(), url: Type.String(), quote: Type.String() })),
    conflict: Type.Union([Type.Object({ between: Type.Array(Type.String()) }), Type.Null()]),
    branches: Type.Optional(
      Type.Array(
        Type.Object({
          facts: Type.Record(Type.String(), Type.Union([Type.Boolean(), Type.String()]), { description: 'Fact path → the value assumed in this branch' }),
          value: ValueSchema,
          maxHours: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
          missing: Type.Array(Type.String()),
        }),
        { description: 'Only when undetermined for want of facts that can be enumerated: the answer under each combination of them (at most four), by re-evaluating the case' },
      ),
    ),
    conditional: Type.Optional(
      Type.Object(
        {
          facts: Type.Array(Type.String(), { description: 'The facts branched on, the one that matters most first' }),
          unbranched: Type.Array(Type.String(), { description: 'Missing facts or dates not branched on' }),
          effects: Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'Each fact on its own: a plain question and the answer under each of its values' }),
          text: Type.String({ description: 'The branches in words, e.g. "Prohibited, unless a judge found probable cause (then permitted, at most 48 hours)"' }),
        },
        { additionalProperties: true },
      ),
    ),
  },
  { additionalProperties: true },
)
const EvaluationDoc = Type.Unsafe<Evaluation>(
  Type.Object(
    {
      kind: Type.Literal('evaluation'),
      jurisdiction: Type.String(),
      jurisdictionName: Type.String(),
      date: Type.String(),
      custody: Type.Union([Type.String(), Type.Null()]),
      answers: Type.Object({ hold: AnswerDoc, notify: AnswerDoc, interview: AnswerDoc }),
      layers: Type.Array(Type.Object({}, { additionalProperties: true })),
      trace: Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'Every provision considered, with its role' }),
      explanation: Type.String(),
      receipt: Type.Object({ engineVersion: Type.String(), registryVersion: Type.String(), asOf: Type.String(), inputHash: Type.String() }),
      funding: Type.Optional(
        Type.Array(Type.Object({}, { additionalProperties: true }), {
          description: 'With ?funding=true: each federal grant condition announced by the date, whether this case’s answers conflict with it, and whether it was enforceable against the jurisdiction that day (also appended to the explanation)',
        }),
      ),
    },
    { additionalProperties: true, description: 'The answers with citations, the trace, a readable explanation and a receipt' },
  ),
)
const JurisdictionDetailDoc = Type.Unsafe<ReturnType<typeof jurisdictionDetail>>(
  Type.Union([
    Type.Object(
      { id: Type.String(), name: Type.String(), level: Type.String(), inRegistry: Type.Literal(true), enactments: Type.Array(Type.Object({}, { additionalProperties: true })), layers: Type.Array(LayerRefSchema) },
      { additionalProperties: true, description: 'A jurisdiction with a registry file: everything in it, and its chain of layers' },
    ),
    UnlistedJurisdictionSchema,
  ]),
)

/** A ZIP code's counties with their land shares, through the officials directory's ZIP lookup; none when it knows no such ZIP code. */
async function zipSharesOf(zip: string, directory: { zipAreas(zip: string): Promise<ZipArea[]> }) {
  try {
    const found = zipLookup(zip, await directory.zipAreas(zip))
    return found.kind === 'decided' ? [{ jurisdiction: found.jurisdiction }] : found.choices
  } catch {
    return []
  }
}

export interface AppOptions {
  readonly engine: Engine
  /** Federal lists, conditions and rulings (registry/federal); the federal routes and page need them. */
  readonly federal?: FederalData
  readonly logger?: boolean | object
  /** States and counties (and their geometry) for the map; default us-atlas from node_modules, read once per process. */
  readonly atlas?: AtlasSource
  /** POST requests allowed per client IP per window; default 60 per minute. */
  readonly rateLimit?: { readonly max: number; readonly timeWindow?: number | string }
  /** Bytes of serialised answers and downloads kept in memory; default 64 MB. */
  readonly cacheBytes?: number
  /** The officials directory; without it the officials routes are absent and pages say so. */
  readonly database?: Database
  /** Detainer record files (Parquet from `sanctuary import`) for the toolkit's simulated effect, and the shared data folder naming counties. */
  readonly toolkit?: { readonly records?: readonly string[]; readonly crosswalks?: string }
  /** Today (UTC) as YYYY-MM-DD for the call scripts and their counts; tests fix it. Default the clock. */
  readonly today?: () => string
  /** Petitions (with the database): where mail goes, the site's address for links in it, retention and signing limits; `now` is fixed by tests. */
  readonly petitions?: { readonly mailer: Mailer; readonly publicUrl: string; readonly retention?: RetentionPolicy; readonly limits?: PetitionLimits; readonly now?: () => string; readonly sweepEveryMs?: number }
  /** The registry's change log; default the committed file (`changelog/registry-changes.json`) when it is there. */
  readonly changelog?: Changelog | null
  /**
   * Trust X-Forwarded-* from a reverse proxy (`TRUST_PROXY=1` in `npm start`): the client IP for
   * rate limits and https for Secure cookies come from the proxy's headers. Default false.
   */
  readonly trustProxy?: boolean
  /** Sign-in attempts per client IP per window; default 10 per 15 minutes. */
  readonly signInLimit?: SignInLimit
  /** The clock for maintainer sessions and corrections; tests fix it. Default the system clock. */
  readonly now?: () => Date
  /** The registry folder the engine's registry was read from (accepted corrections patch its files); default the repository's `registry/`. */
  readonly registryDir?: string
  /** Correction submissions per client IP per window; default 5 per hour. */
  readonly correctionLimit?: { readonly max: number; readonly timeWindow: number | string }
}

/** A page renderer for errors thrown before a page route's handler (CSRF and sign-in checks); the pages plugin sets it. */
export type ErrorPageRenderer = (request: import('fastify').FastifyRequest, reply: FastifyReply, error: AppError) => FastifyReply | Promise<FastifyReply>

/** Whether a request wants a page rather than JSON: not under /api, and a browser's Accept. */
export function wantsPage(request: import('fastify').FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false
  const accept = String(request.headers.accept ?? '')
  return accept.includes('text/html') || (request.method === 'POST' && String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
}

/**
 * Starts the answers cache's background fill for the map's whole range (as the first answers
 * request does) and resolves when it is full: for benchmarks, which measure the steady state.
 *
 * @example
 * ```ts
 * await answersWarmed(await buildApp({ engine }))
 * ```
 */
export function answersWarmed(app: FastifyInstance): Promise<void> {
  const warmed = (app as unknown as { answersWarmed?: () => Promise<void> }).answersWarmed
  if (!warmed) throw new Error('not an app built by buildApp')
  return warmed()
}

/**
 * Builds the Fastify app (not listening). Tests use `app.inject`.
 *
 * @example
 * ```ts
 * const app = await buildApp({ engine })
 * const res = await app.inject({ url: '/healthz' })
 * ```
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { engine } = options
  const registry = engine.registry
  // The answers, search and downloads; also what the pages plugin renders from.
  // us-atlas, with us-geo's Census places and populations when the shared data folder is there.
  const answers = createAnswersService(engine, options.atlas ?? atlasWithUsGeo(await sharedUsAtlas(), await sharedUsGeo()), { cacheBytes: options.cacheBytes })
  const logger = typeof options.logger === 'object' ? { ...options.logger, serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: redactedUrl(req.url) }) } } : (options.logger ?? false)
  const app = Fastify({
    logger,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: 300 },
    // Malformed URLs and the like: the same JSON error shape and headers (these replies skip onSend hooks).
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).headers(SECURITY_HEADERS).status(400).send(new AppError('invalid-input', error.message, { field: 'url' }).toJSON())
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()
  // a warm-up of the answers cache under way stops with the server
  app.addHook('onClose', async () => answers.close())
  app.decorate('answersWarmed', () => answers.warm(MAP_FIRST_DATE, formatDay(todayUtc())))
  // Text no store can hold (U+0000) is refused on every route, naming the field, before its schema runs.
  app.addHook('preValidation', async (request) => refuseNul(request))

  // Response schemas document the API (OpenAPI); bodies are written with JSON.stringify so that a
  // schema can never drop or coerce a field. Tests check real bodies against the schemas.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data))
  addResponseHeaders(app)
  // Every POST route, whoever registers it, gets the limit unless it sets its own.
  const postLimit = { max: options.rateLimit?.max ?? 60, timeWindow: options.rateLimit?.timeWindow ?? '1 minute' }
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const config = (route.config ?? {}) as Record<string, unknown>
    if (methods.includes('POST') && config.rateLimit === undefined) route.config = { ...config, rateLimit: postLimit } as typeof route.config
  })
  await app.register(rateLimit, { global: false })
  // HTML forms post application/x-www-form-urlencoded.
  await app.register(formbody)
  // Cookies and CSRF tokens for server-rendered forms (sign-in, corrections).
  await registerForms(app)
  let renderErrorPage: ErrorPageRenderer | undefined
  app.decorate('setErrorPageRenderer', (render: ErrorPageRenderer) => {
    renderErrorPage = render
  })

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sanctuary Atlas API',
        version: engine.version,
        description: 'A cited registry of U.S. laws on local cooperation with federal immigration enforcement, and a rules engine that answers hold / notify / interview for a case.',
      },
    },
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return reply.status(400).send(validationError(error).toJSON())
    // A body refused before any route code (not JSON, too large, an unknown content type): the field it is about.
    const refused = requestError(error, request)
    if (refused) {
      if (renderErrorPage && wantsPage(request)) return renderErrorPage(request, reply.status(refused.httpStatus), refused)
      return reply.status(refused.httpStatus).send(refused.toJSON())
    }
    if ((error as { statusCode?: number }).statusCode && (error as { statusCode: number }).statusCode < 500 && !(error instanceof AppError)) {
      const status = (error as { statusCode: number }).statusCode
      const code = status === 404 ? 'not-found' : status === 429 ? 'rate-limited' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'invalid-input'
      if (code === 'rate-limited' && renderErrorPage && wantsPage(request)) return renderErrorPage(request, reply.status(429), new AppError('rate-limited', `Too many requests from your address just now: ${error.message}`))
      // What it is about: the client's address for a rate limit, else the request as a whole.
      return reply.status(status).send({ error: { code, message: error.message, field: code === 'rate-limited' ? 'ip' : 'request' } })
    }
    const appError = toAppError(error)
    // A form refused before its handler ran (CSRF, sign-in, a NUL character): a page for a browser, JSON for the API.
    if ((appError.code === 'forbidden' || appError.code === 'unauthorized' || appError.code === 'invalid-input') && renderErrorPage && wantsPage(request)) return renderErrorPage(request, reply, appError)
    if (appError.code === 'internal') request.log.error({ err: error }, 'internal error')
    // Something unforeseen (a driver's message, a stack's words) is logged, not shown.
    if (!(error instanceof AppError) && appError.code === 'internal') return reply.status(500).send(new AppError('internal', 'something went wrong on the server; it has been logged').toJSON())
    return reply.status(appError.httpStatus).send(appError.toJSON())
  })
  app.setNotFoundHandler((request, reply) => reply.status(404).send(new AppError('not-found', `no route ${request.method} ${request.url.split('?')[0]}`, { field: 'url' }).toJSON()))

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', registryVersion: registry.version, engineVersion: engine.version }))
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  app.get(
    '/api/v1/jurisdictions',
    {
      schema: {
        summary: 'List jurisdictions in the registry',
        querystring: Type.Object(
          {
            state: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'Two-letter state code' })),
            level: Type.Optional(Type.Union(['country', 'state', 'district', 'county', 'place'].map((l) => Type.Literal(l)))),
            action: Type.Optional(Type.Union(ACTIONS.map((a) => Type.Literal(a)), { description: 'Only jurisdictions with a provision on this action in force on asOf' })),
            asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD; default today' })),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Search by name or alias (the name resolver of /api/v1/search, near spellings included), keeping files of the registry' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { state, level, action, asOf, q } = request.query
      const day = asOf === undefined ? todayUtc() : parseDay(asOf)
      if (day === undefined) throw new AppError('invalid-input', `query parameter "asOf": "${asOf}" is not a real calendar date`, { field: 'asOf' })
      let list = filterJurisdictions(registry, { state, level, action: action as Action | undefined, asOf: day })
      if (q) {
        const found = new Set(searchNames(answers.names, q, { limit: 100_000 }).map((c) => c.jurisdiction))
        list = list.filter((j) => found.has(j.id))
      }
      return { registryVersion: registry.version, count: list.length, jurisdictions: list.map(jurisdictionSummary) }
    },
  )

  app.get(
    '/api/v1/jurisdictions/*',
    {
      schema: {
        summary: 'One jurisdiction with its enactments, provisions and sources, by OCD division ID (slashes as-is or URL-encoded)',
        description:
          'A jurisdiction with a registry file: its full view, `inRegistry: true`, and `layers` (its chain: federal, state, county, place). ' +
          'A valid state, county or place with no file: `inRegistry: false`, a note, and the layers whose law reaches it. Anything else: 404.',
        response: { 200: JurisdictionDetailDoc, 404: ErrorSchema },
      },
    },
    async (request) => {
      const id = wildcardId(request, 'OCD ID')
      if (!registry.jurisdictions.has(id)) requireDivisionId(answers.names, id, 'id')
      return jurisdictionDetail(registry, answers.gazetteer, id)
    },
  )

  app.get(
    '/api/v1/enactments/:id',
    { schema: { summary: 'One enactment with its provisions', params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }) }) } },
    async (request) => {
      const e = registry.enactments.get(request.params.id)
      if (!e) throw new AppError('not-found', `no enactment with id "${request.params.id}"`, { field: 'id' })
      return enactmentView(e)
    },
  )

  app.get('/api/v1/registry', { schema: { summary: 'Registry version and counts' } }, async () => ({ version: registry.version, counts: countRegistry(registry) }))

  app.post(
    '/api/v1/evaluate',
    {
      schema: {
        summary: 'Answer hold / notify / interview for a case, with trace, citations and receipt',
        querystring: Type.Object(
          { funding: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true adds the funding consequence: the federal grant conditions this case’s answers conflict with, and the rulings that bind the jurisdiction' })) },
          { additionalProperties: false },
        ),
        body: CaseSchema,
        response: { 200: EvaluationDoc, 400: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request) => {
      // Only real places: the engine would answer any well-formed ID from the layers above it.
      const j = (request.body as { jurisdiction?: unknown }).jurisdiction
      if (typeof j === 'string') requireDivisionId(answers.names, j, 'jurisdiction')
      const evaluation = engine.evaluate(request.body)
      if ((request.query as { funding?: string }).funding !== 'true') return evaluation
      if (!options.federal) throw new AppError('invalid-input', 'funding: this server has no federal data to weigh the case against', { field: 'funding' })
      return withFunding(options.federal, engine, evaluation)
    },
  )

  const { database } = options
  // The server answers from an in-memory snapshot of the directory, reloaded after each import.
  const directory = database ? snapshotView(database) : undefined
  registerAnswersRoutes(app, answers)
  registerAtlasRoutes(app, answers, directory ? { zipShares: (zip) => zipSharesOf(zip, directory) } : {})
  // Load it while the server starts, so that the first visitor does not wait for it.
  if (directory) app.addHook('onReady', async () => void (await directory.isEmpty().catch((err: unknown) => app.log.error({ err }, 'officials directory could not be loaded'))))
  if (database && directory) registerOfficialsRoutes(app, answers, database, directory)
  const scripts = database && directory ? createScriptService(answers, database, directory) : undefined
  if (database && scripts) registerScriptsRoutes(app, answers, database, scripts, options.today ? { today: options.today } : {})
  const whoDecides = directory
    ? async (id: string, date: string): Promise<WhoDecidesView> =>
        (await directory.isEmpty())
          ? { kind: 'unavailable', reason: 'The officials directory on this server has not been loaded yet.' }
          : { kind: 'shown', value: await whoDecidesFor(directory, registry, answers.gazetteer, id, date) }
    : undefined
  if (options.federal) registerFederalRoutes(app, engine, options.federal)
  const toolkit = createToolkitService({ engine, federal: options.federal, ...options.toolkit })
  registerToolkitRoutes(app, toolkit)
  const drafts: SavedDrafts | undefined = database
    ? { save: (query) => saveDraft(database, query, formatDay(todayUtc())), load: (token) => loadDraft(database, token), remove: (token) => deleteDraft(database, token) }
    : undefined
  if (drafts) registerSavedDraftRoutes(app, toolkit, drafts)
  const modules: PageModule[] = []
  if (database) {
    registerMaintainers(app, database, options.now ? { now: options.now } : {})
    const withPetitions = Boolean(directory && options.petitions)
    const links = [{ href: '/maintainers/corrections', label: 'Suggested corrections' }, ...(withPetitions ? [{ href: '/maintainers/reports', label: 'Reports on petitions' }] : [])]
    modules.push(maintainerPages(database, { links, ...(options.signInLimit ? { signInLimit: options.signInLimit } : {}) }))
    const corrections: CorrectionsOptions = {
      database,
      registry,
      registryDir: options.registryDir ?? defaultRegistryDir(),
      ...(options.now ? { now: options.now } : {}),
      ...(options.correctionLimit ? { submitLimit: options.correctionLimit } : {}),
      ...(withPetitions ? { queueLinks: [{ href: '/maintainers/reports', label: 'Reports on petitions' }] } : {}),
    }
    registerCorrectionsApi(app, corrections)
    modules.push(correctionPages(corrections))
  }
  let petitions: PetitionsService | undefined
  if (database && directory && options.petitions) {
    const p = options.petitions
    petitions = createPetitionsService({ database, directory, names: answers.names, mailer: p.mailer, publicUrl: p.publicUrl.replace(/\/+$/, ''), ...(p.retention ? { retention: p.retention } : {}), ...(p.now ? { now: p.now } : {}) })
    registerPetitionRoutes(app, petitions, { ...(p.limits ? { limits: p.limits } : {}), isMaintainer: async (request) => (await currentMaintainer(request)) !== null })
    registerPetitionPages(app, petitions)
    modules.push(petitionReportPages(database, petitions))
    // Expire pending signatures and anonymise old ones at start and then hourly.
    const service = petitions
    let timer: NodeJS.Timeout | undefined
    const sweep = () => void service.sweep().catch((err: unknown) => app.log.error({ err }, 'petition sweep failed'))
    app.addHook('onReady', async () => {
      sweep()
      timer = setInterval(sweep, p.sweepEveryMs ?? 3_600_000)
      timer.unref()
    })
    app.addHook('onClose', async () => clearInterval(timer))
  }
  // group the detainer records while the server starts (when any are configured), not on the first check
  if (options.toolkit?.records?.length) app.addHook('onReady', async () => void toolkit.records().catch((err: unknown) => app.log.error({ err }, 'toolkit records could not be loaded')))
  const changelog = options.changelog === undefined ? (existsSync(defaultChangelogPath()) ? await readChangelog(defaultChangelogPath()) : null) : options.changelog
  await app.register((await import('./pages.ts')).pagesPlugin, { service: answers, ...(changelog ? { changelog } : {}), federal: options.federal, toolkit, ...(drafts ? { drafts } : {}), ...(whoDecides ? { whoDecides } : {}), ...(scripts ? { scripts } : {}), ...(options.today ? { today: options.today } : {}), modules, ...(database ? { corrections: (id: string) => jurisdictionCorrections(database, id) } : {}), ...(directory ? { zipShares: (zip: string) => zipSharesOf(zip, directory) } : {}) })

  return app
}
