/**
 * The client's mistakes that reach the error handler before a route's own code: a body that is
 * not JSON, too large, of a content type no parser takes; a schema validation failure (Ajv's or
 * TypeBox's error objects); and text no store can hold (a NUL character). Each becomes an
 * {@link AppError} naming the field, so that every refusal has the one JSON shape.
 *
 * @example
 * ```ts
 * app.addHook('preValidation', async (request) => refuseNul(request))
 * const appError = requestError(error) ?? toAppError(error)
 * ```
 */
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyRequest, FastifySchemaCompiler } from 'fastify'
import { AppError } from '../../core/errors/index.ts'

/** An Ajv or TypeBox validation error, as Fastify passes them on in `error.validation`. */
interface SchemaError {
  readonly keyword?: string
  readonly instancePath?: string
  readonly message?: string
  readonly params?: Record<string, unknown>
}

const dotted = (pointer: string | undefined) =>
  (pointer ?? '')
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.')

/**
 * The field a schema error is about, as a dotted path: the value's own path; for a missing
 * property the path to it; for an unknown one its name. Empty when the whole part is at fault.
 *
 * @example
 * ```ts
 * schemaErrorField({ instancePath: '/creator', params: { missingProperty: 'email' } }) // 'creator.email'
 * ```
 */
export function schemaErrorField(first: SchemaError | undefined): string {
  const path = dotted(first?.instancePath)
  const params = first?.params ?? {}
  const missing = (params.missingProperty as string | undefined) ?? (params.requiredProperties as string[] | undefined)?.[0]
  const extra = (params.additionalProperty as string | undefined) ?? (params.additionalProperties as string[] | undefined)?.[0]
  const child = missing ?? extra
  return child === undefined ? path : path ? `${path}.${child}` : child
}

/**
 * A schema validation failure as an AppError naming the field (the part — `body`, `querystring` —
 * when the whole of it is wrong, e.g. an array instead of an object).
 *
 * @example
 * ```ts
 * validationError(error).toJSON() // { error: { code: 'invalid-input', message: 'field "zip" must match pattern …', field: 'zip' } }
 * ```
 */
export function validationError(error: FastifyError): AppError {
  const first = error.validation?.[0] as SchemaError | undefined
  const field = schemaErrorField(first) || error.validationContext || 'request'
  const where = error.validationContext === 'querystring' ? 'query parameter' : error.validationContext === 'params' ? 'path parameter' : 'field'
  // TypeBox reports an unknown property as "schema is false"; say what it means.
  const extra = first?.keyword === 'boolean' || first?.keyword === 'additionalProperties'
  const message = extra ? 'is not a field this request takes' : (first?.message ?? 'is invalid')
  return new AppError('invalid-input', `${where} "${field}" ${message}`, { field })
}

/**
 * Fastify's refusals of a body before any route code runs (content-type parsers, body limit), as
 * AppErrors naming `body`, `content-type` or `content-length`; undefined for anything else.
 *
 * @example
 * ```ts
 * requestError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }))?.code // 'too-large'
 * ```
 */
export function requestError(error: FastifyError, request?: FastifyRequest): AppError | undefined {
  const type = String(request?.headers['content-type'] ?? '').split(';')[0]!.trim() || 'none'
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('too-large', `the body is larger than this server takes (${request ? `${request.server.initialConfig.bodyLimit ?? 1_048_576} bytes` : 'its limit'}); shorten the fields`, { field: 'body' })
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError('invalid-input', `a body of type "${type}" is not accepted here; send application/json (or a form from this site's pages)`, { field: 'content-type' })
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid-input', 'the body is empty; send a JSON object', { field: 'body' })
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('invalid-input', 'the body is not valid JSON', { field: 'body' })
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('invalid-input', 'the Content-Length header does not match the body', { field: 'content-length' })
    default:
  }
  // JSON the secure parser refuses (a __proto__ key) or that does not parse.
  if ((error as { statusCode?: number }).statusCode === 400 && (error instanceof SyntaxError || /prototype property|JSON/i.test(error.message))) return new AppError('invalid-input', `the body is not valid JSON: ${error.message}`, { field: 'body' })
  return undefined
}

/**
 * The dotted path of the first string in `value` that holds a NUL character (U+0000), which no
 * text column can store and no person types; undefined when there is none.
 *
 * @example
 * ```ts
 * nulPath({ creator: { name: 'a\u0000b' } }) // 'creator.name'
 * ```
 */
export function nulPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined
  if (value === null || typeof value !== 'object') return undefined
  for (const [key, v] of Object.entries(value)) {
    const found = nulPath(v, path ? `${path}.${key}` : key)
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * Refuses a request whose parsed body (JSON or form) or query string holds a NUL character,
 * naming the field. A `preValidation` hook for every route.
 *
 * @example
 * ```ts
 * app.addHook('preValidation', async (request) => refuseNul(request))
 * ```
 */
export function refuseNul(request: FastifyRequest): void {
  for (const [part, value] of [
    ['query', request.query],
    ['body', request.body],
  ] as const) {
    if (value === null || typeof value !== 'object') continue
    const field = nulPath(value)
    if (field !== undefined) throw new AppError('invalid-input', `${part === 'query' ? 'query parameter' : 'field'} "${field || part}" holds a NUL character (U+0000), which is not text`, { field: field || part })
  }
}

/**
 * Route options that check a JSON body exactly against its TypeBox schema: no coercion, so `5` is
 * not the string "5", `null` not "", `true` not "true", and an object is not a one-item array.
 * Query strings and path parameters are still converted from their text. For routes whose bodies
 * are only ever JSON (the forms' routes take strings anyway).
 *
 * @example
 * ```ts
 * app.post('/api/v1/petitions', { ...STRICT_BODY, schema: { body } }, handler)
 * ```
 */
export const STRICT_BODY = Object.freeze({ validatorCompiler: TypeBoxValidatorCompiler as FastifySchemaCompiler<unknown> })
