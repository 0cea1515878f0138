/**
 * The one error type of Sanctuary Atlas. Every failure that reaches a user is an {@link AppError}
 * with a code from a closed set; the HTTP status and CLI exit code for each code live in
 * {@link ERROR_TABLE}, and nowhere else.
 *
 * @example
 * ```ts
 * throw new AppError('not-found', 'no jurisdiction with id "x"', { field: 'id' })
 * ```
 */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'registry-invalid'
  | 'conflict'
  | 'rate-limited'
  | 'internal'

/** HTTP status and CLI exit code for each {@link ErrorCode}. */
export const ERROR_TABLE: Readonly<Record<ErrorCode, { readonly http: number; readonly exit: number }>> = {
  'invalid-input': { http: 400, exit: 2 },
  'not-found': { http: 404, exit: 2 },
  'registry-invalid': { http: 500, exit: 1 },
  conflict: { http: 409, exit: 1 },
  'rate-limited': { http: 429, exit: 1 },
  internal: { http: 500, exit: 70 },
}

/** Where an error points: a field path, and when it came from a file, the file and position. */
export interface ErrorLocation {
  readonly field?: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
}

/**
 * An error with a closed-set code and an optional location.
 *
 * @example
 * ```ts
 * const e = new AppError('invalid-input', 'date must be YYYY-MM-DD', { field: 'date' })
 * ERROR_TABLE[e.code].http // 400
 * ```
 */
export class AppError extends Error {
  readonly kind = 'app-error'
  readonly code: ErrorCode
  readonly location: ErrorLocation

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AppError'
    this.code = code
    this.location = location
  }

  /** The HTTP status for this error's code. */
  get httpStatus(): number {
    return ERROR_TABLE[this.code].http
  }

  /** The CLI exit code for this error's code. */
  get exitCode(): number {
    return ERROR_TABLE[this.code].exit
  }

  /** A single line: `file:line:column: field: message`, omitting what is unknown. */
  oneLine(): string {
    return formatLocated(this.location, this.message)
  }

  /** The JSON body an HTTP adapter sends. */
  toJSON(): { error: { code: ErrorCode; message: string; field?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.location.field ? { field: this.location.field } : {}) } }
  }
}

/**
 * Formats a message with its location as one line, the shape compilers use.
 *
 * @example
 * ```ts
 * formatLocated({ file: 'a.yaml', line: 3, column: 5, field: 'enactments[0].effective' }, 'bad date')
 * // 'a.yaml:3:5: enactments[0].effective: bad date'
 * ```
 */
export function formatLocated(location: ErrorLocation, message: string): string {
  const where = location.file
    ? [location.file, location.line, location.column].filter((part) => part !== undefined).join(':')
    : ''
  const field = location.field ? `${location.field}: ` : ''
  return `${where ? `${where}: ` : ''}${field}${message}`
}

/**
 * Normalises anything thrown into an {@link AppError}, keeping the original as `cause`.
 *
 * @example
 * ```ts
 * toAppError(new Error('boom')).code // 'internal'
 * ```
 */
export function toAppError(thrown: unknown): AppError {
  if (thrown instanceof AppError) return thrown
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return new AppError('internal', message, {}, { cause: thrown })
}
