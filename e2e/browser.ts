/**
 * The browser side of the end-to-end tests and the web benchmark (no test framework here): builds the web client when it is missing or older than its
 * sources, serves the real app (the same `buildApp` that `npm start` uses, with the shipped registry)
 * on 127.0.0.1 at a free port, launches Debian's Chromium once per test file through playwright-core,
 * and records everything a page does wrong (console errors, uncaught exceptions, CSP violations,
 * failed or 4xx/5xx requests) so each test can assert there was none.
 *
 * When Chromium is missing: with `CI` set (as `.ci/run` sets it) every browser test fails loudly;
 * without `CI` the browser suites are skipped with a message. `CHROMIUM_PATH` overrides the path.
 *
 * @example
 * ```ts
 * await ensureClientBuilt()
 * const [app, browser] = await Promise.all([startApp(), launchChromium()])
 * ```
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { defaultRegistryDir, loadRegistryOrThrow, packageVersion } from '../src/adapters/fs/index.ts'
import { answersWarmed, buildApp } from '../src/adapters/http/app.ts'
import { addMaintainer, openDatabase } from '../src/adapters/db/index.ts'
import { createEngine } from '../src/core/engine/index.ts'

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** Where screenshots and SVG snapshots go (gitignored). */
export const ARTIFACTS = join(ROOT, 'artifacts')

/** The only flags Chromium is launched with (no sandbox in containers, no GPU, no network chatter). */
export const CHROMIUM_ARGS: readonly string[] = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']

/** Timeouts for browser tests and their hooks (the first hook may build the client). */
export const E2E_TEST_TIMEOUT = 60_000
export const E2E_HOOK_TIMEOUT = 180_000

/** Path of the Chromium binary: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium'
}

/** True when running in CI (`CI` set to anything but empty, `0` or `false`). */
export function inCi(): boolean {
  const v = process.env.CI
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false'
}

/** Whether browser tests can run here, must be skipped, or must fail. */
export type BrowserAvailability =
  | { readonly kind: 'available'; readonly path: string }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'required-missing'; readonly reason: string }

/**
 * Decides the policy: Chromium present -> run; absent outside CI -> skip; absent in CI -> fail.
 *
 * @example
 * ```ts
 * if (browserAvailability().kind === 'skip') console.warn('no chromium')
 * ```
 */
export function browserAvailability(): BrowserAvailability {
  const path = chromiumPath()
  if (existsSync(path)) return { kind: 'available', path }
  const reason = `Chromium not found at ${path} (install Debian's chromium: apt-get install -y chromium, or set CHROMIUM_PATH)`
  return inCi() ? { kind: 'required-missing', reason: `${reason}; CI is set, so browser tests must run` } : { kind: 'skip', reason }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

/** The build output's marker: Vite's manifest, written last. */
function manifestPath(): string | undefined {
  const candidates = [join(ROOT, 'dist/web/.vite/manifest.json'), join(ROOT, 'dist/web/manifest.json')]
  return candidates.find((p) => existsSync(p))
}

function clientIsFresh(): boolean {
  const manifest = manifestPath()
  if (!manifest) return false
  const built = statSync(manifest).mtimeMs
  // The client bundles src/web and whatever it imports from src/core.
  const sources = Math.max(...['src/web', 'src/core', 'vite.config.ts', 'package-lock.json'].map((f) => newestMtime(join(ROOT, f))))
  return sources <= built
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile(cmd, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${error.message}\n${(stdout + stderr).slice(-4000)}`))
      else resolvePromise()
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Runs `npm run build:web` unless dist/web is newer than src/web. Test files run in parallel
 * workers, so a lock directory (mkdir is atomic) lets exactly one of them build while the others wait.
 *
 * @example
 * ```ts
 * await ensureClientBuilt()
 * ```
 */
export async function ensureClientBuilt(): Promise<void> {
  if (clientIsFresh()) return
  mkdirSync(join(ROOT, 'dist'), { recursive: true })
  const lock = join(ROOT, 'dist/.e2e-build-lock')
  const deadline = Date.now() + E2E_HOOK_TIMEOUT
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      // A lock older than the hook timeout belongs to a build that died; take it over.
      const held = statSync(lock, { throwIfNoEntry: false })
      if (held && Date.now() - held.mtimeMs > E2E_HOOK_TIMEOUT) {
        rmSync(lock, { recursive: true, force: true })
        continue
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another worker's client build (${lock})`)
      await sleep(250)
    }
  }
  try {
    if (!clientIsFresh()) await run('npm', ['run', '--silent', 'build:web'])
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
  if (!manifestPath()) throw new Error('npm run build:web finished but dist/web has no Vite manifest')
}

/** A running app: its base URL and how to stop it. */
export interface RunningApp {
  readonly kind: 'running-app'
  readonly baseUrl: string
  /** Starts the answers cache's background fill (if no request has) and resolves when it is full. */
  answersWarmed(): Promise<void>
  close(): Promise<void>
}

/** How {@link startApp} serves the app. */
export interface AppOptions {
  readonly rateLimit?: { readonly max: number }
  /** Connect an empty PGlite database in memory (saved drafts, and what else stores data). */
  readonly database?: boolean
  /** Maintainer accounts to add to that database (email and password), for the sign-in tests. */
  readonly maintainers?: readonly { readonly email: string; readonly password: string }[]
}

/**
 * Serves the real app in this process on 127.0.0.1 at a free port, with the shipped registry
 * (optionally a higher POST rate limit, for load tests, and an empty in-memory database for the
 * features that store things).
 *
 * @example
 * ```ts
 * const app = await startApp()
 * await fetch(`${app.baseUrl}/healthz`)
 * await app.close()
 * ```
 */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const registry = await loadRegistryOrThrow(defaultRegistryDir())
  const database = options.database ? await openDatabase({ kind: 'pglite-memory' }) : undefined
  for (const m of options.maintainers ?? []) if (database) await addMaintainer(database, m.email, m.password)
  const app = await buildApp({ engine: createEngine(registry, { version: packageVersion() }), ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}), ...(database ? { database } : {}) })
  if (database) app.addHook('onClose', () => database.close())
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('server did not report a TCP address')
  return { kind: 'running-app', baseUrl: `http://127.0.0.1:${address.port}`, answersWarmed: () => answersWarmed(app), close: () => app.close() }
}

/**
 * Launches headless Chromium with the project's flags.
 *
 * @example
 * ```ts
 * const browser = await launchChromium()
 * ```
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] })
}

/** Something a page did wrong. */
export type PageProblem =
  | { readonly kind: 'console-error'; readonly text: string; readonly url: string }
  | { readonly kind: 'page-error'; readonly message: string }
  | { readonly kind: 'csp-violation'; readonly directive: string; readonly blockedUri: string; readonly sourceFile: string }
  | { readonly kind: 'request-failed'; readonly url: string; readonly failure: string }
  | { readonly kind: 'http-error'; readonly url: string; readonly status: number }

declare global {
  interface Window {
    __cspViolations?: { directive: string; blockedUri: string; sourceFile: string }[]
  }
}

/**
 * Attaches listeners that collect every problem of `page` into the returned array. CSP violations
 * are caught twice: Chromium logs them as console errors, and an init script (which CDP injects
 * outside the page's CSP) records each `securitypolicyviolation` event; call {@link collectCsp}
 * before asserting to pull the latter in.
 *
 * @example
 * ```ts
 * const problems = await watchPage(page)
 * await page.goto(url)
 * await collectCsp(page, problems)
 * expectClean(problems)
 * ```
 */
export async function watchPage(page: Page): Promise<PageProblem[]> {
  const problems: PageProblem[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push({ kind: 'console-error', text: msg.text(), url: msg.location().url })
  })
  page.on('pageerror', (error) => problems.push({ kind: 'page-error', message: `${error.name}: ${error.message}` }))
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'unknown'
    // Navigating away aborts in-flight fetches; that is not the page's fault.
    if (failure !== 'net::ERR_ABORTED') problems.push({ kind: 'request-failed', url: request.url(), failure })
  })
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push({ kind: 'http-error', url: response.url(), status: response.status() })
  })
  await page.addInitScript(() => {
    window.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push({ directive: e.violatedDirective, blockedUri: e.blockedURI, sourceFile: e.sourceFile })
    })
  })
  return problems
}

/**
 * Copies the CSP violations the page recorded into `problems` (and clears the page's list).
 *
 * @example
 * ```ts
 * await collectCsp(page, problems)
 * ```
 */
export async function collectCsp(page: Page, problems: PageProblem[]): Promise<void> {
  const found = await page.evaluate(() => {
    const list = window.__cspViolations ?? []
    window.__cspViolations = []
    return list
  })
  for (const v of found) problems.push({ kind: 'csp-violation', ...v })
}

/**
 * Saves a full-page screenshot to artifacts/screenshots/<name>.png and returns its path.
 *
 * @example
 * ```ts
 * await screenshot(page, 'map')
 * ```
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, 'screenshots', `${name}.png`)
  mkdirSync(dirname(path), { recursive: true })
  await page.screenshot({ path, fullPage: true })
  return path
}

/**
 * Saves an SVG element's markup (e.g. the map) to artifacts/svg/<name>.svg and returns its path.
 *
 * @example
 * ```ts
 * await saveSvg(page, 'svg.map', 'map-2019')
 * ```
 */
export async function saveSvg(page: Page, selector: string, name: string): Promise<string> {
  const markup = await page.locator(selector).first().evaluate((el) => {
    const clone = el.cloneNode(true) as Element
    if (!clone.getAttribute('xmlns')) clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
    return clone.outerHTML
  })
  const path = join(ARTIFACTS, 'svg', `${name}.svg`)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, markup)
  return path
}

