/** Progress on stderr for long imports, only when stderr is a terminal. */

/** A progress line that rewrites itself. */
export interface Progress {
  update(label: string, rows: number): void
  done(): void
}

/**
 * A progress reporter: on a TTY it rewrites one stderr line at most every 200 ms; otherwise it
 * prints nothing.
 *
 * @example
 * ```ts
 * const progress = createProgress()
 * progress.update('EROEncounters_FY2016.csv.gz', 120_000)
 * progress.done()
 * ```
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined }
  let last = 0
  let shown = false
  return {
    update(label, rows) {
      const now = Date.now()
      if (now - last < 200) return
      last = now
      shown = true
      stream.write(`\r\x1b[K${label}: ${rows.toLocaleString('en-US')} rows read`)
    },
    done() {
      if (shown) stream.write('\r\x1b[K')
      shown = false
    },
  }
}
