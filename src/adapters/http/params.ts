/** Path parameters shared by the routes. */
import type { FastifyRequest } from 'fastify'
import { AppError } from '../../core/errors/index.ts'

/**
 * The wildcard part of a route (`/api/v1/people/*`), URL-decoded; ids keep their slashes and may
 * also come encoded. A malformed escape is a 404 naming `id`, since no id can have it.
 *
 * @example
 * ```ts
 * const id = wildcardId(request, 'OCD division ID') // 'ocd-division/country:us/state:tx'
 * ```
 */
export function wildcardId(request: FastifyRequest, what: string): string {
  const raw = (request.params as { '*': string })['*']
  try {
    return decodeURIComponent(raw)
  } catch (cause) {
    throw new AppError('not-found', `"${raw}" is not a valid URL-encoded ${what}`, { field: 'id' }, { cause })
  }
}
