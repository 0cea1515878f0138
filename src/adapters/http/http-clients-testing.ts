/**
 * Test helpers for tests that talk to a listening server over real HTTP: a client with its own
 * keep-alive connection (so that 50 clients are 50 TCP connections, as 50 browsers would be), a
 * free loopback port, and the tokens read from new messages in an outbox folder.
 */
import http from 'node:http'
import { createServer } from 'node:net'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { mailBody } from '../mail/index.ts'

/** A reply: the status and the parsed JSON body (undefined when the body is not JSON). */
export interface JsonReply {
  readonly status: number
  readonly body: any
}

/** A client of one server over one connection; requests reject on a network error (refused, reset, timeout). */
export interface HttpClient {
  post(path: string, body: unknown): Promise<JsonReply>
  get(path: string): Promise<JsonReply>
  close(): void
}

/**
 * A client with its own connection (an `http.Agent` with one keep-alive socket).
 *
 * @example
 * ```ts
 * const client = httpClient('http://127.0.0.1:3000')
 * const { status } = await client.post('/api/v1/petitions/abc/signatures', { name: 'A', email: 'a@example.org', zip: '77002' })
 * client.close()
 * ```
 */
export function httpClient(base: string, timeoutMs = 20_000): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const request = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    new Promise<JsonReply>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
      const req = http.request(new URL(path, base), { method, agent, timeout: timeoutMs, headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {} }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let parsed: unknown
          try {
            parsed = JSON.parse(text)
          } catch {
            parsed = undefined
          }
          resolve({ status: res.statusCode ?? 0, body: parsed })
        })
      })
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)))
      req.on('error', reject)
      req.end(payload)
    })
  return {
    post: (path, body) => request('POST', path, body),
    get: (path) => request('GET', path),
    close: () => agent.destroy(),
  }
}

/**
 * A loopback port nothing listens on right now.
 *
 * @example
 * ```ts
 * const port = await freePort()
 * ```
 */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A message's recipient and the token of each link in it, by path (`/signatures/confirm` → token). */
export interface MailedTokens {
  readonly to: string
  readonly tokens: Readonly<Record<string, string>>
}

/**
 * The recipients and link tokens of the `.eml` files in `dir` not in `seen` (which this fills), so
 * that a test reading a growing outbox reads each message once.
 *
 * @example
 * ```ts
 * const seen = new Set<string>()
 * for (const m of await newOutboxTokens('./data/outbox', seen)) m.tokens['/signatures/confirm']
 * ```
 */
export async function newOutboxTokens(dir: string, seen: Set<string>): Promise<MailedTokens[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml') && !seen.has(n)).sort()
  const out: MailedTokens[] = []
  for (const name of names) {
    const raw = await readFile(join(dir, name), 'utf8')
    seen.add(name)
    const to = /^To: (.*?)\r?$/im.exec(raw)?.[1]?.trim() ?? ''
    const tokens: Record<string, string> = {}
    for (const link of mailBody(raw).match(/https?:\/\/\S+/g) ?? []) {
      const url = new URL(link)
      const token = url.searchParams.get('token')
      if (token) tokens[url.pathname.replace(/^\/petitions\/[^/]+/, '/petitions/{id}')] = token
    }
    out.push({ to, tokens })
  }
  return out
}
