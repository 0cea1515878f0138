/**
 * A small, seeded fuzz kit for HTTP tests: a deterministic random source, the hostile values
 * (wrong types, huge strings, NUL bytes and odd Unicode, huge numbers), malformed JSON texts and
 * content types, and the mutations of a valid body (a field missing, extra, of the wrong type,
 * huge, or replaced at a random depth). No dependency: the same seed gives the same cases, so a
 * failure names the case and replays.
 *
 * @example
 * ```ts
 * const random = seeded(20261207)
 * for (const m of bodyMutations({ name: 'N', zip: '77002' }, random, 20)) send(m.body)
 * ```
 */

/** A deterministic random source (mulberry32): numbers in [0, 1). */
export interface Random {
  (): number
}

/**
 * @example
 * ```ts
 * const r = seeded(1); r() // the same first number for every run
 * ```
 */
export function seeded(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One element of a list, chosen by `random`. */
export function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!
}

/** Just over Fastify's default body limit (1 MiB) once in a JSON body. */
export const HUGE = 'x'.repeat(1_048_576)

/** Values of the wrong type for a string field (and, most of them, for any field). */
export const WRONG_TYPES: readonly unknown[] = [0, 123, -1, 1e308, -1e308, 12345678901234567890, 0.5, true, false, null, [], ['x'], {}, { $ne: '' }, [[]]]

/** Strings that are well-formed JSON but hostile to a store or a page: NUL bytes, control characters, lone surrogates, huge. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(300),
  '\u0001\u0002\u001b[31m',
  '\ud800',
  'x\udfffy',
  '\ufeff',
  '\u202eevil\u202c',
  '\u200b\u200b\u200b',
  '😀'.repeat(50),
  'Ω≈ç√∫˜µ≤≥÷',
  '<script>alert(1)</script>',
  "'; drop table petitions; --",
  '../../../../etc/passwd',
  '%00%2e%2e',
  '\r\n\r\nX-Injected: 1',
  ' '.repeat(5_000),
  'y'.repeat(100_000),
]

/** Texts sent as a JSON body that are not JSON (or not a JSON object). */
export const MALFORMED_JSON: readonly string[] = [
  '',
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  'nul',
  'undefined',
  'NaN',
  '\ufeff{}',
  '\u0000',
  '{"a":"\\ud800"}x',
  '[' .repeat(5_000),
  '{"__proto__":{"polluted":1}}',
  '"a string"',
  '42',
  'true',
  'null',
  '[]',
  '[{}]',
]

/** Content types that a JSON route must refuse (or parse and then refuse). */
export const WRONG_CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/jsonx',
  'text/json',
  'application/json-patch+json',
  '*/*',
  'garbage',
]

/** One mutation of a valid body: what it does (for the failure message), the body, and the field it breaks. */
export interface Mutation {
  readonly label: string
  readonly body: unknown
  /** The field the error must name (a dotted path), or undefined when any field will do. */
  readonly field?: string
  /** True when the result must be refused (4xx); false when acceptance is allowed too. */
  readonly mustRefuse: boolean
}

const clone = <T>(v: T): T => structuredClone(v)

/** Every dotted path to a leaf of a JSON value, arrays by index. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, prefix ? `${prefix}.${i}` : String(i)))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k))
  return prefix ? [prefix] : []
}

function setPath(root: unknown, path: string, value: unknown): unknown {
  const copy = clone(root) as Record<string, unknown>
  const keys = path.split('.')
  let at = copy as Record<string, unknown>
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>
  at[keys.at(-1)!] = value
  return copy
}

function deletePath(root: unknown, path: string): unknown {
  const copy = clone(root) as Record<string, unknown>
  const keys = path.split('.')
  let at = copy as Record<string, unknown>
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>
  delete at[keys.at(-1)!]
  return copy
}

/**
 * The mutations of a valid body `base`: each required leaf missing, each leaf of each wrong type,
 * each string leaf huge or hostile, an extra field at the top and in each nested object, then
 * `random` extra ones (a random leaf replaced by a random hostile value).
 *
 * `required` lists the leaves whose absence must be refused (dotted paths).
 *
 * @example
 * ```ts
 * bodyMutations({ token: 'A'.repeat(43) }, seeded(1), 10, ['token'])
 * ```
 */
export function bodyMutations(base: Record<string, unknown>, random: Random, extra: number, required: readonly string[]): Mutation[] {
  const out: Mutation[] = []
  const leaves = leafPaths(base)
  for (const path of required) out.push({ label: `without ${path}`, body: deletePath(base, path), field: path, mustRefuse: true })
  const containers = [...new Set(leaves.flatMap((p) => p.split('.').slice(0, -1).map((_, i, all) => all.slice(0, i + 1).join('.'))))]
  for (const path of [...containers, ...leaves]) {
    const original = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], base)
    for (const wrong of WRONG_TYPES) {
      if (typeof wrong === typeof original && typeof wrong !== 'object') continue
      out.push({ label: `${path} = ${JSON.stringify(wrong)}`, body: setPath(base, path, wrong), field: path, mustRefuse: true })
    }
    if (typeof original === 'string') {
      out.push({ label: `${path} huge`, body: setPath(base, path, HUGE), mustRefuse: true })
      for (const s of HOSTILE_STRINGS) out.push({ label: `${path} = ${JSON.stringify(s.slice(0, 20))}${s.length > 20 ? `… (${s.length})` : ''}`, body: setPath(base, path, s), mustRefuse: s.includes('\u0000') || s.length > 20_000 })
    }
  }
  out.push({ label: 'extra top-level field', body: { ...base, zzExtra: 1 }, field: 'zzExtra', mustRefuse: true })
  for (const path of containers) {
    const parent = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], base)
    if (parent && typeof parent === 'object' && !Array.isArray(parent)) out.push({ label: `extra field in ${path}`, body: setPath(base, `${path}.zzExtra`, 'x'), field: `${path}.zzExtra`, mustRefuse: true })
  }
  for (const whole of [[base], 'body', 7, null, true]) out.push({ label: `body is ${JSON.stringify(whole).slice(0, 30)}`, body: whole, mustRefuse: true })
  for (let i = 0; i < extra && leaves.length; i++) {
    const path = pick(random, leaves)
    const value = random() < 0.5 ? pick(random, WRONG_TYPES) : pick(random, HOSTILE_STRINGS)
    out.push({ label: `random ${i}: ${path} = ${JSON.stringify(value).slice(0, 30)}`, body: setPath(base, path, value), mustRefuse: typeof value !== 'string' || value.includes('\u0000') || value.length > 20_000 })
  }
  return out
}
