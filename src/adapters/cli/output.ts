/** How the CLI reports: one-line errors on stderr with the code's exit status, never a stack trace. */
import { AppError, toAppError } from '../../core/errors/index.ts'

/**
 * Runs a command action, turning any failure into one line on stderr and the exit code from the
 * error table.
 *
 * @example
 * ```ts
 * program.command('x').action(guard(async () => { ... }))
 * ```
 */
export function guard<A extends unknown[]>(action: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args)
    } catch (thrown) {
      const error = toAppError(thrown)
      process.stderr.write(`sanctuary: ${error.oneLine()}\n`)
      if (error.code === 'internal' && process.env.SANCTUARY_DEBUG) process.stderr.write(`${(error.cause as Error | undefined)?.stack ?? ''}\n`)
      process.exitCode = error.exitCode
    }
  }
}

/** Prints JSON with a trailing newline. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

/** Throws an invalid-input error for a CLI option. */
export function badOption(option: string, message: string): never {
  throw new AppError('invalid-input', message, { field: option })
}
