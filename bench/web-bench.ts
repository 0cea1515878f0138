/**
 * Web benchmark. From headless Chromium on this machine: the gzipped bytes of JS and CSS the map page
 * loads (gzipped here from the response bodies, since the server may not compress), time from
 * navigation start to the first county painted with an answer colour, and time to recolour after a
 * date change (median of several). For the API, under a keep-alive load generator on loopback
 * bounded in time: requests/s and p50/p99 latency of POST /api/v1/evaluate and GET /api/v1/answers
 * as the map asks for it (format=compact; dates varied so the server cannot answer from one cached
 * entry; the single-URL figure too) and in its full JSON form, each as a ratio to GET /healthz on
 * the same server in the same run.
 *
 * The server runs in a child process (this file with `--serve`) so the load generator and the
 * server do not share one event loop; on a 2-core machine each gets a core.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request as httpRequest } from 'node:http'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { browserAvailability, ensureClientBuilt, launchChromium, ROOT, startApp } from '../e2e/browser.ts'

// ---------------------------------------------------------------------------------------------
// Load generator

/** One endpoint to load: a fixed request, or one built per request (e.g. to vary a query). */
export interface LoadTarget {
  readonly label: string
  readonly method: 'GET' | 'POST'
  readonly path: (i: number) => string
  /** A JSON body for request number i (POST). */
  readonly body?: (i: number) => string
}

/** Throughput and latency of one target under load. */
export interface LoadResult {
  readonly kind: 'load-result'
  readonly label: string
  readonly connections: number
  readonly seconds: number
  readonly requests: number
  /** Responses with a status other than 2xx/304, plus socket errors; all counted, none timed. */
  readonly errors: number
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly meanBytes: number
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[i]!
}

/** The median of values (not necessarily sorted). */
export function median(values: readonly number[]): number {
  return quantile(Float64Array.from(values).sort(), 0.5)
}

/**
 * Drives `target` with `connections` concurrent keep-alive connections for `warmupSeconds` (not
 * counted) then `seconds` (counted). Each connection sends its next request as soon as the previous
 * response has been read in full.
 *
 * @example
 * ```ts
 * const r = await load('http://127.0.0.1:3000', { label: 'healthz', method: 'GET', path: () => '/healthz' }, { connections: 16, seconds: 3, warmupSeconds: 1 })
 * ```
 */
export async function load(baseUrl: string, target: LoadTarget, options: { connections: number; seconds: number; warmupSeconds: number }): Promise<LoadResult> {
  const url = new URL(baseUrl)
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' && url.hostname !== '::1') throw new Error(`load generator is loopback-only, got ${url.hostname}`)
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections })
  const start = performance.now()
  const measureFrom = start + options.warmupSeconds * 1000
  const end = measureFrom + options.seconds * 1000
  const latencies: number[] = []
  let errors = 0
  let bytes = 0
  let counter = 0

  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const i = counter++
      const body = target.body ? Buffer.from(target.body(i)) : undefined
      // Like a browser: gzip accepted (the server keeps gzipped answers); bytes counted as received.
      const headers: Record<string, string | number> = body ? { 'content-type': 'application/json', 'content-length': body.length, 'accept-encoding': 'gzip' } : { 'accept-encoding': 'gzip' }
      const t0 = performance.now()
      const req = httpRequest({ host: url.hostname, port: url.port, method: target.method, path: target.path(i), agent, headers }, (res) => {
        let n = 0
        res.on('data', (chunk: Buffer) => (n += chunk.length))
        res.on('end', () => {
          const t1 = performance.now()
          if (t0 >= measureFrom && t1 <= end) {
            const ok = (res.statusCode ?? 0) >= 200 && ((res.statusCode ?? 0) < 300 || res.statusCode === 304)
            if (ok) {
              latencies.push(t1 - t0)
              bytes += n
            } else errors++
          }
          resolve()
        })
        res.on('error', () => {
          errors++
          resolve()
        })
      })
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')))
      req.on('error', () => {
        errors++
        resolve()
      })
      req.end(body)
    })

  const connection = async () => {
    while (performance.now() < end) await one()
  }
  await Promise.all(Array.from({ length: options.connections }, connection))
  agent.destroy()
  const sorted = Float64Array.from(latencies).sort()
  return {
    kind: 'load-result',
    label: target.label,
    connections: options.connections,
    seconds: options.seconds,
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / options.seconds,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    meanBytes: latencies.length ? bytes / latencies.length : 0,
  }
}

/** Two targets measured in alternating short slices: their ratio with the machine's other load cancelled. */
export interface InterleavedResult {
  readonly kind: 'interleaved-result'
  readonly baseline: string
  readonly target: string
  readonly slices: number
  readonly sliceSeconds: number
  /** All of the target's requests over all of the baseline's (the slices are of equal length). */
  readonly pooledRatio: number
  /** Each pair of neighbouring slices' ratio, sorted. */
  readonly pairRatios: readonly number[]
  readonly baselineRequestsPerSecond: number
  readonly targetRequestsPerSecond: number
}

/**
 * Loads `baseline` and `target` in turn, `slices` times each for `sliceSeconds` (after a short
 * warm-up per slice), in the order A B B A A B …, so that a burst of other work on the machine
 * (seconds long, on these shared machines) falls on both about equally. Back-to-back runs of
 * several seconds each, as in {@link load}, can put a burst entirely on one side of a ratio.
 *
 * @example
 * ```ts
 * const r = await interleave(base, healthz, answers, { connections: 8, slices: 20, sliceSeconds: 0.25 })
 * r.pooledRatio // e.g. 0.62
 * ```
 */
export async function interleave(
  baseUrl: string,
  baseline: LoadTarget,
  target: LoadTarget,
  options: { connections: number; slices: number; sliceSeconds: number },
): Promise<InterleavedResult> {
  const one = (t: LoadTarget) => load(baseUrl, t, { connections: options.connections, seconds: options.sliceSeconds, warmupSeconds: 0.05 })
  let baselineRequests = 0
  let targetRequests = 0
  const pairRatios: number[] = []
  for (let k = 0; k < options.slices; k++) {
    let a: LoadResult, b: LoadResult
    if (k % 2 === 0) {
      a = await one(baseline)
      b = await one(target)
    } else {
      b = await one(target)
      a = await one(baseline)
    }
    baselineRequests += a.requests
    targetRequests += b.requests
    if (a.requests > 0) pairRatios.push(b.requests / a.requests)
  }
  const seconds = options.slices * options.sliceSeconds
  return {
    kind: 'interleaved-result',
    baseline: baseline.label,
    target: target.label,
    slices: options.slices,
    sliceSeconds: options.sliceSeconds,
    pooledRatio: baselineRequests ? targetRequests / baselineRequests : Number.NaN,
    pairRatios: pairRatios.sort((x, y) => x - y),
    baselineRequestsPerSecond: baselineRequests / seconds,
    targetRequestsPerSecond: targetRequests / seconds,
  }
}

// ---------------------------------------------------------------------------------------------
// The server under test, in a child process

/** A server child: its base URL and how to stop it. */
export interface ServerChild {
  readonly baseUrl: string
  /** Resolves with the server's milliseconds from listening to a full answers cache, when it prints `{"warmedMs": …}` (the web bench's server does). */
  warmed(): Promise<number>
  stop(): Promise<void>
}

const THIS_FILE = fileURLToPath(import.meta.url)

/**
 * Starts a server script (by default this file with `--serve`: the real app, POST rate limit
 * raised) and waits for the first line it prints, `{"baseUrl": …}`.
 */
export async function startServerChild(file = THIS_FILE, env: NodeJS.ProcessEnv = process.env): Promise<ServerChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file, '--serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  const baseUrl = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { baseUrl: string }).baseUrl)
      } catch (e) {
        reject(new Error(`bench server said: ${line}`, { cause: e }))
      }
    })
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before listening`)))
  })
  const warmed = new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      const ms = (JSON.parse(line) as { warmedMs?: number }).warmedMs
      if (typeof ms === 'number') resolve(ms)
    })
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before its answers cache was full`)))
  })
  warmed.catch(() => undefined)
  return {
    baseUrl,
    warmed: () => warmed,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

// ---------------------------------------------------------------------------------------------
// The map page in Chromium

/** Bytes of one kind of resource the map page loaded. */
export interface ResourceBytes {
  readonly count: number
  /** Decoded body bytes. */
  readonly raw: number
  /** The bodies gzipped here (level 9), whatever the server sent. */
  readonly gzip: number
  /** Body bytes on the wire, as the server encoded them for Chromium. */
  readonly wire: number
}

/** The kinds of resource the map page's bytes are counted by. */
export type ByteGroup = 'js' | 'css' | 'html' | 'topojson' | 'answers' | 'places' | 'other'

export interface MapPageResult {
  readonly kind: 'map-page-result'
  readonly js: ResourceBytes
  readonly css: ResourceBytes
  readonly html: ResourceBytes
  readonly topojson: ResourceBytes
  readonly answers: ResourceBytes
  readonly places: ResourceBytes
  readonly other: ResourceBytes
  /** Navigation start to the first county painted with an answer, per cold load (fresh browser context). */
  readonly colouredMs: readonly number[]
  /** The page's own mark for the same moment (one frame later), per cold load. */
  readonly colouredMarkMs: readonly number[]
  /** Navigation start to the first byte of the HTML, per cold load. */
  readonly firstByteMs: readonly number[]
  /** Navigation start to the end of the TopoJSON and of the answers responses, per cold load. */
  readonly topojsonDoneMs: readonly number[]
  readonly answersDoneMs: readonly number[]
  /** Navigation start to the county paths being in the document (shapes built and rendered, not yet coloured). */
  readonly pathsMs: readonly number[]
  /** Date change (slider input event) to the map showing the new date, new dates (fetch + paint). */
  readonly recolourNewMs: readonly number[]
  /** The same to a date already shown (the page's answers cache), so paint only. */
  readonly recolourRevisitMs: readonly number[]
  /** The page's own measure of painting the attributes, per recolour. */
  readonly paintMs: readonly number[]
}

const dayNumberOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000

const addDays = (date: string, n: number) => new Date((dayNumberOf(date) + n) * 86_400_000).toISOString().slice(0, 10)

declare global {
  interface Window {
    __benchColouredAt?: number
    __benchPathsAt?: number
  }
}

async function measureMapPage(baseUrl: string, coldLoads: number, recolours: number): Promise<MapPageResult> {
  const browser = await launchChromium()
  try {
    // 1. Bytes: one cold load, every response body read back, gzipped here.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const seen: Promise<{ group: ByteGroup; raw: number; gzip: number; wire: number }>[] = []
    page.on('response', (response) => {
      seen.push(
        (async () => {
          const url = new URL(response.url())
          const type = response.request().resourceType()
          const contentType = response.headers()['content-type'] ?? ''
          const body = response.status() === 200 ? await response.body() : Buffer.alloc(0)
          const sizes = await response.request().sizes()
          const group: ByteGroup =
            type === 'script' || /javascript/.test(contentType)
              ? 'js'
              : type === 'stylesheet' || /text\/css/.test(contentType)
                ? 'css'
                : type === 'document'
                  ? 'html'
                  : url.pathname === '/api/v1/answers/places'
                    ? 'places'
                    : url.pathname === '/api/v1/answers'
                    ? 'answers'
                    : /json/.test(contentType) && !url.pathname.startsWith('/api/')
                      ? 'topojson'
                      : 'other'
          return { group, raw: body.length, gzip: body.length ? gzipSync(body, { level: 9 }).length : 0, wire: sizes.responseBodySize }
        })(),
      )
    })
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' })
    await page.locator('svg.atlas-map[data-date]').waitFor({ timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    const empty = (): ResourceBytes => ({ count: 0, raw: 0, gzip: 0, wire: 0 })
    const bytes = { js: empty(), css: empty(), html: empty(), topojson: empty(), answers: empty(), places: empty(), other: empty() }
    for (const r of await Promise.all(seen)) {
      const b = bytes[r.group]
      bytes[r.group] = { count: b.count + 1, raw: b.raw + r.raw, gzip: b.gzip + r.gzip, wire: b.wire + r.wire }
    }
    await context.close()

    // 2. Time to a coloured map, cold browser cache each time. The observer sees the first
    //    county path given an answer attribute (the stylesheet colours it by that attribute).
    const colouredMs: number[] = []
    const colouredMarkMs: number[] = []
    const firstByteMs: number[] = []
    const topojsonDoneMs: number[] = []
    const answersDoneMs: number[] = []
    const pathsMs: number[] = []
    for (let i = 0; i < coldLoads; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      const p = await ctx.newPage()
      await p.addInitScript(() => {
        new MutationObserver((mutations, observer) => {
          for (const m of mutations) {
            const el = m.target as Element
            if (m.type === 'childList' && window.__benchPathsAt === undefined && el.querySelector?.('path[data-geoid]')) window.__benchPathsAt = performance.now()
            if (m.type === 'attributes' && el.getAttribute('data-v') && el.hasAttribute('data-geoid')) {
              window.__benchColouredAt = performance.now()
              observer.disconnect()
              return
            }
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-v'] })
      })
      await p.goto(`${baseUrl}/`, { waitUntil: 'load' })
      await p.waitForFunction(() => window.__benchColouredAt !== undefined && performance.getEntriesByName('atlas:map-coloured').length > 0, undefined, { timeout: 60_000 })
      const t = await p.evaluate(() => ({
        coloured: window.__benchColouredAt!,
        paths: window.__benchPathsAt ?? Number.NaN,
        mark: performance.getEntriesByName('atlas:map-coloured')[0]!.startTime,
        firstByte: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStart,
        resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({ url: e.name, end: e.responseEnd })),
      }))
      const end = (test: (path: string) => boolean) => Math.max(...t.resources.filter((e) => test(new URL(e.url).pathname)).map((e) => e.end))
      topojsonDoneMs.push(end((path) => path.endsWith('.json') && !path.startsWith('/api/')))
      answersDoneMs.push(end((path) => path.startsWith('/api/v1/answers')))
      colouredMs.push(t.coloured)
      pathsMs.push(t.paths)
      colouredMarkMs.push(t.mark)
      firstByteMs.push(t.firstByte)
      await ctx.close()
    }

    // 3. Recolour after a date change: set the slider as a user's input would, time until the map
    //    shows the new date. New dates each time (2012 <-> 2019, a day further on each round, so
    //    neither the page's nor the server's cache has them), then dates already shown.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const p = await ctx.newPage()
    await p.goto(`${baseUrl}/?date=2012-06-01`, { waitUntil: 'load' })
    await p.locator('svg.atlas-map[data-date="2012-06-01"]').waitFor({ timeout: 60_000 })
    const change = (date: string) =>
      p.evaluate(
        ({ date, day }) =>
          new Promise<number>((resolve, reject) => {
            const slider = document.querySelector<HTMLInputElement>('#date-slider')!
            const svg = document.querySelector('svg.atlas-map[data-date]')!
            const timer = setTimeout(() => reject(new Error(`map did not show ${date}`)), 30_000)
            const observer = new MutationObserver(() => {
              if (svg.getAttribute('data-date') !== date) return
              observer.disconnect()
              clearTimeout(timer)
              resolve(performance.now() - t0)
            })
            observer.observe(svg, { attributes: true, attributeFilter: ['data-date'] })
            Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(slider, String(day))
            const t0 = performance.now()
            slider.dispatchEvent(new Event('input', { bubbles: true }))
          }),
        { date, day: dayNumberOf(date) },
      )
    const recolourNewMs: number[] = []
    const shown: string[] = []
    for (let i = 0; i < recolours; i++) {
      const date = addDays(i % 2 === 0 ? '2019-06-01' : '2012-06-01', 1 + i)
      recolourNewMs.push(await change(date))
      shown.push(date)
    }
    const recolourRevisitMs: number[] = []
    for (let i = 0; i < recolours; i++) recolourRevisitMs.push(await change(shown[(i + 1) % shown.length]!))
    const paintMs = await p.evaluate(() => performance.getEntriesByName('atlas:paint').map((e) => e.duration))
    await ctx.close()
    return { kind: 'map-page-result', ...bytes, colouredMs, colouredMarkMs, firstByteMs, topojsonDoneMs, answersDoneMs, pathsMs, recolourNewMs, recolourRevisitMs, paintMs: paintMs.slice(1) }
  } finally {
    await browser.close()
  }
}

// ---------------------------------------------------------------------------------------------
// The API under load

/** One endpoint's figures and their ratios to /healthz measured on the same server in the same run. */
export interface ApiRow {
  readonly result: LoadResult
  /** requests/s over /healthz requests/s. */
  readonly throughputRatio: number
  /** p50 and p99 over /healthz's p50 and p99. */
  readonly p50Ratio: number
  readonly p99Ratio: number
}

export interface ApiResult {
  readonly kind: 'api-result'
  readonly healthz: LoadResult
  readonly rows: readonly ApiRow[]
  /** The goal's ratio: the map's request against /healthz, interleaved (see {@link interleave}). */
  readonly goal: InterleavedResult
  /** Milliseconds from the server listening to its answers cache being full (the API is measured after). */
  readonly warmedMs?: number
}

const ACTIONS = ['hold', 'notify', 'interview'] as const
/** The goal's request: what the map asks for on a date change (the compact form; see web/shared/compact-answers.ts). */
const RANDOM_ANSWERS_LABEL = 'GET /api/v1/answers, random date/action/template'
const MAP_REQUEST = "the map's request: format=compact"

const TEMPLATES = ['no-record', 'misdemeanor', 'violent-felony', 'judicial-warrant'] as const

function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Realistic cases for POST /api/v1/evaluate: registry counties and cities and counties without a file, across the years. */
function evaluateCases(): string[] {
  const places = [
    'ocd-division/country:us/state:il/county:cook',
    'ocd-division/country:us/state:ca/county:los_angeles',
    'ocd-division/country:us/state:tx/county:travis',
    'ocd-division/country:us/state:ca/county:fresno',
    'ocd-division/country:us/state:tx/county:harris',
    'ocd-division/country:us/state:il/place:chicago',
  ]
  const dates = ['2012-06-01', '2015-03-15', '2017-09-01', '2019-06-01', '2024-01-10']
  const out: string[] = []
  for (const jurisdiction of places)
    for (const date of dates)
      out.push(
        JSON.stringify({
          jurisdiction,
          date,
          custody: 'county-jail',
          detainer: { form: date < '2017-04-01' ? 'I-247' : 'I-247A', judicialWarrant: false, judicialProbableCause: false, reimbursementAgreement: false },
          person: {
            age: 34,
            convictions: [{ category: 'robbery', level: 'felony', date: '2009-03-02' }],
            pendingCharges: [{ category: 'dui', level: 'misdemeanor' }],
            lawfulStatusProof: false,
          },
        }),
      )
  return out
}

async function measureApi(baseUrl: string, options: { connections: number; seconds: number; warmupSeconds: number }): Promise<ApiResult> {
  const cases = evaluateCases()
  // Check every request once before timing: a 4xx here would make the figures meaningless.
  for (const body of cases) {
    const res = await fetch(`${baseUrl}/api/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    if (res.status !== 200) throw new Error(`POST /api/v1/evaluate returned ${res.status}: ${(await res.text()).slice(0, 300)}`)
  }
  const first = Date.parse('2008-01-01T00:00:00Z') / 86_400_000
  const last = Date.now() / 86_400_000
  const random = seeded(7)
  // the URL the map page builds (answersUrl/compactAnswersUrl in web/pages/map-page.tsx), or the full form
  const variedPath = (format: '&format=compact' | '') => () => {
    const date = new Date(Math.floor(first + random() * (last - first)) * 86_400_000).toISOString().slice(0, 10)
    return `/api/v1/answers?date=${date}&action=${ACTIONS[Math.floor(random() * 3)]}&template=${TEMPLATES[Math.floor(random() * 4)]}${format}`
  }
  const cachedPath = '/api/v1/answers?date=2019-06-01&action=hold&template=no-record&format=compact'
  for (const path of [cachedPath, cachedPath.replace('&format=compact', '')]) {
    const probe = await fetch(baseUrl + path)
    if (probe.status !== 200) throw new Error(`GET ${path} returned ${probe.status}`)
  }

  const healthz = await load(baseUrl, { label: 'GET /healthz', method: 'GET', path: () => '/healthz' }, options)
  const targets: (LoadTarget & { readonly connections?: number })[] = [
    { label: `POST /api/v1/evaluate (${cases.length} cases in turn)`, method: 'POST', path: () => '/api/v1/evaluate', body: (i) => cases[i % cases.length]! },
    { label: `${RANDOM_ANSWERS_LABEL} (${MAP_REQUEST})`, method: 'GET', path: variedPath('&format=compact') },
    { label: 'GET /api/v1/answers, random, compact, 1 connection', method: 'GET', path: variedPath('&format=compact'), connections: 1 },
    { label: 'GET /api/v1/answers, one URL (cached), compact', method: 'GET', path: () => cachedPath },
    { label: 'GET /api/v1/answers, random, full JSON form (not the map)', method: 'GET', path: variedPath('') },
  ]
  const rows: ApiRow[] = []
  for (const t of targets) {
    const result = await load(baseUrl, t, t.connections ? { ...options, connections: t.connections } : options)
    rows.push({ result, throughputRatio: result.requestsPerSecond / healthz.requestsPerSecond, p50Ratio: result.p50Ms / healthz.p50Ms, p99Ratio: result.p99Ms / healthz.p99Ms })
  }
  // the goal's ratio, in alternating quarter-second slices (as many seconds in all as each row above)
  const goal = await interleave(baseUrl, { label: 'GET /healthz', method: 'GET', path: () => '/healthz' }, { label: RANDOM_ANSWERS_LABEL, method: 'GET', path: variedPath('&format=compact') }, {
    connections: options.connections,
    slices: Math.max(4, Math.round(options.seconds / 0.25)),
    sliceSeconds: 0.25,
  })
  return { kind: 'api-result', healthz, rows, goal }
}

// ---------------------------------------------------------------------------------------------
// The whole benchmark

export interface WebBenchOptions {
  /** Cold loads of the map page timed. */
  readonly coldLoads: number
  /** Date changes timed (each of new and revisited dates). */
  readonly recolours: number
  /** Seconds each endpoint is loaded (plus one second of warm-up). */
  readonly seconds: number
  readonly connections: number
}

export interface WebBenchResult {
  readonly kind: 'web-bench-result'
  readonly map: MapPageResult
  readonly api: ApiResult
  readonly options: WebBenchOptions
}

/**
 * Builds the client if needed, serves the app in a child process, measures the map page in
 * Chromium and then the API under load.
 *
 * @example
 * ```ts
 * const r = await runWebBench({ coldLoads: 5, recolours: 9, seconds: 5, connections: 8 })
 * process.stdout.write(formatWebBench(r))
 * ```
 */
export async function runWebBench(options: WebBenchOptions): Promise<WebBenchResult> {
  const availability = browserAvailability()
  if (availability.kind !== 'available') throw new Error(availability.reason)
  await ensureClientBuilt()
  const server = await startServerChild()
  try {
    const map = await measureMapPage(server.baseUrl, options.coldLoads, options.recolours)
    const warmedMs = await server.warmed()
    const api = await measureApi(server.baseUrl, { connections: options.connections, seconds: options.seconds, warmupSeconds: 1 })
    return { kind: 'web-bench-result', map, api: { ...api, warmedMs }, options }
  } finally {
    await server.stop()
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`
const spread = (xs: readonly number[]) => (xs.length ? `median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}, n=${xs.length})` : 'n/a')

/**
 * The report lines, in the style of the other benchmarks.
 *
 * @example
 * ```ts
 * process.stdout.write(formatWebBench(await runWebBench(opts)))
 * ```
 */
/** The interleaved comparison: both rates, the pooled ratio and the spread of the slice pairs' ratios. */
function interleavedLine(g: InterleavedResult): string {
  const q = (f: number) => quantile(g.pairRatios, f).toFixed(2)
  return (
    `  interleaved, ${g.slices} x ${g.sliceSeconds} s slices of each in turn (other load on the machine falls on both): /healthz ${Math.round(g.baselineRequestsPerSecond).toLocaleString('en-US')} req/s, ` +
    `the map's request ${Math.round(g.targetRequestsPerSecond).toLocaleString('en-US')} req/s, ratio ${g.pooledRatio.toFixed(3)} (slice pairs: min ${q(0)}, median ${q(0.5)}, max ${q(1)})`
  )
}

export function formatWebBench(r: WebBenchResult): string {
  const m = r.map
  const bytesLine = (label: string, b: ResourceBytes) => `  ${label.padEnd(30)} ${String(b.count).padStart(2)} file(s)  ${kb(b.raw).padStart(10)} raw  ${kb(b.gzip).padStart(9)} gzip -9  ${kb(b.wire).padStart(9)} on the wire`
  const jsCss = m.js.gzip + m.css.gzip
  const lines = [
    'web: the map page in headless Chromium (this machine, loopback):',
    bytesLine('JS', m.js),
    bytesLine('CSS', m.css),
    `  JS + CSS gzipped:              ${kb(jsCss)}  (goal <= 250 KB besides the TopoJSON) ${jsCss <= 250 * 1024 ? 'ok' : 'OVER'}`,
    bytesLine('TopoJSON (map shapes)', m.topojson),
    bytesLine('answers (compact, per date)', m.answers),
    bytesLine('places list (once, cached)', m.places),
    bytesLine('HTML', m.html),
    ...(m.other.count ? [bytesLine('other', m.other)] : []),
    `  time to a coloured map (cold):  ${spread(m.colouredMs)}`,
    `    the page's own mark, 1 frame later: ${spread(m.colouredMarkMs)}`,
    `    first byte of HTML ${spread(m.firstByteMs)}; TopoJSON received ${spread(m.topojsonDoneMs)}; answers and places list received ${spread(m.answersDoneMs)}`,
    `    county paths in the document (TopoJSON decoded, SVG rendered, not yet coloured): ${spread(m.pathsMs)}`,
    `  recolour after a date change, new date (fetch + paint, incl. the page's slider debounce): ${spread(m.recolourNewMs)}`,
    `    goal: median under 100 ms: ${median(m.recolourNewMs) < 100 ? 'met' : 'NOT MET'}`,
    `  recolour, date already shown (page cache, debounce + paint): ${spread(m.recolourRevisitMs)}`,
    `  painting the attributes alone: ${spread(m.paintMs)}`,
    `web: the API under load (${r.options.connections} keep-alive connections, ${r.options.seconds} s each after 1 s warm-up, loopback; server in a child process;` +
      ` measured after its answers cache filled in the background, ${r.api.warmedMs === undefined ? 'time unknown' : `${(r.api.warmedMs / 1000).toFixed(1)} s after it started`}):`,
    `  ${'endpoint'.padEnd(50)} ${'req/s'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}   ratio to /healthz: req/s, p50, p99`,
    ...[{ result: r.api.healthz, throughputRatio: 1, p50Ratio: 1, p99Ratio: 1 }, ...r.api.rows].map(
      (row) =>
        `  ${row.result.label.padEnd(50)} ${Math.round(row.result.requestsPerSecond).toLocaleString('en-US').padStart(8)} ${ms(row.result.p50Ms).padStart(9)} ${ms(row.result.p99Ms).padStart(9)}   ${row.throughputRatio.toFixed(3)}, ${row.p50Ratio.toFixed(1)}, ${row.p99Ratio.toFixed(1)}` +
        `${row.result.errors ? `  (${row.result.errors} errors)` : ''}  ~${kb(row.result.meanBytes)}/response`,
    ),
    interleavedLine(r.api.goal),
    `  goal: ${RANDOM_ANSWERS_LABEL} >= 0.5 x /healthz req/s (${MAP_REQUEST}; a new date on every request; interleaved): ${r.api.goal.pooledRatio.toFixed(3)} ${r.api.goal.pooledRatio >= 0.5 ? 'met' : 'NOT MET'}`,
    '',
  ]
  return lines.join('\n')
}

// `--serve`: the bench's server child. Logs nothing; prints its base URL as one JSON line.
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv.includes('--serve')) {
  const app = await startApp({ rateLimit: { max: 1_000_000_000 } })
  process.stdout.write(`${JSON.stringify({ baseUrl: app.baseUrl })}\n`)
  // the answers cache fills in the background from now (as after a first answers request); the
  // API is measured once it is full, the steady state a server reaches within a minute of starting
  const t0 = performance.now()
  void app.answersWarmed().then(() => process.stdout.write(`${JSON.stringify({ warmedMs: Math.round(performance.now() - t0) })}\n`))
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
}
