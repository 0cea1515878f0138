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
  | 'too-large'
  | 'not-found'
  | 'registry-invalid'
  | 'conflict'
  | 'rate-limited'
  | 'unauthorized'
  | 'forbidden'
  | 'internal'

/** HTTP status and CLI exit code for each {@link ErrorCode}. */
export const ERROR_TABLE: Readonly<Record<ErrorCode, { readonly http: number; readonly exit: number }>> = {
  'invalid-input': { http: 400, exit: 2 },
  /** A request body over the server's limit. */
  'too-large': { http: 413, exit: 2 },
  'not-found': { http: 404, exit: 2 },
  'registry-invalid': { http: 500, exit: 1 },
  conflict: { http: 409, exit: 1 },
  'rate-limited': { http: 429, exit: 1 },
  /** Not signed in, or a wrong email or password. */
  unauthorized: { http: 401, exit: 77 },
  /** Signed in or not, this request may not do that (a missing CSRF token among others). */
  forbidden: { http: 403, exit: 77 },
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
 * A choice an error offers: one of the candidates of an ambiguous name, or a "did you mean"
 * suggestion for an unknown one.
 */
export interface ErrorChoice {
  /** OCD division ID (or an enactment id, for a law). */
  readonly id: string
  readonly name: string
  /** `county`, `city`, `state`, `law`… */
  readonly type: string
  /** Upper-case postal code, or null. */
  readonly state: string | null
}

/** The optional parts of an {@link AppError} besides its location. */
export interface AppErrorOptions {
  readonly cause?: unknown
  /** An ambiguous input: the equally good candidates, one of which must be chosen. */
  readonly candidates?: readonly ErrorChoice[]
  /** An unknown input: what it may have meant. */
  readonly suggestions?: readonly ErrorChoice[]
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
  readonly candidates?: readonly ErrorChoice[]
  readonly suggestions?: readonly ErrorChoice[]

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}, options?: AppErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.location = location
    if (options?.candidates) this.candidates = options.candidates
    if (options?.suggestions) this.suggestions = options.suggestions
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

  /** The JSON body an HTTP adapter sends: `candidates` for an ambiguous input, `suggestions` for an unknown one. */
  toJSON(): { error: { code: ErrorCode; message: string; field?: string; candidates?: readonly ErrorChoice[]; suggestions?: readonly ErrorChoice[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.location.field ? { field: this.location.field } : {}),
        ...(this.candidates ? { candidates: this.candidates } : {}),
        ...(this.suggestions ? { suggestions: this.suggestions } : {}),
      },
    }
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
