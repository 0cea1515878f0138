/**
 * Calendar days as integers, and the partial dates legal sources give ("2019-10", "2012").
 *
 * Days are counted from 1970-01-01 (day 0) in UTC, so intervals are plain integer comparisons.
 * Intervals are half-open: `[from, to)`. A law "in force through 2017-12-31" has `to` = 2018-01-01.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const ISO_MONTH = /^(\d{4})-(\d{2})$/
const ISO_YEAR = /^(\d{4})$/
const MS_PER_DAY = 86_400_000

/** A day number: days since 1970-01-01 (UTC). */
export type Day = number

/**
 * Parses `YYYY-MM-DD` into a day number, or returns undefined when it is not a real calendar day.
 *
 * @example
 * ```ts
 * parseDay('1970-01-02') // 1
 * parseDay('2019-02-30') // undefined
 * ```
 */
export function parseDay(text: string): Day | undefined {
  const m = ISO_DAY.exec(text)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined
  return ms / MS_PER_DAY
}

/**
 * Formats a day number as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * formatDay(0) // '1970-01-01'
 * ```
 */
export function formatDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/**
 * A date as a source gives it: an exact day, a month or year only (the day lies somewhere in
 * `[earliest, latest)`), or unknown with the reason.
 */
export type SourceDate =
  | { readonly kind: 'exact'; readonly text: string; readonly day: Day }
  | { readonly kind: 'partial'; readonly text: string; readonly earliest: Day; readonly latest: Day }
  | { readonly kind: 'unknown'; readonly reason: string }

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; undefined when the text is none of these.
 *
 * @example
 * ```ts
 * parseSourceDate('2019-10') // { kind: 'partial', text: '2019-10', earliest: <2019-10-01>, latest: <2019-11-01> }
 * ```
 */
export function parseSourceDate(text: string): SourceDate | undefined {
  const day = parseDay(text)
  if (day !== undefined) return Object.freeze({ kind: 'exact', text, day })
  let m = ISO_MONTH.exec(text)
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])]
    if (mo < 1 || mo > 12) return undefined
    return Object.freeze({
      kind: 'partial',
      text,
      earliest: Date.UTC(y, mo - 1, 1) / MS_PER_DAY,
      latest: Date.UTC(y, mo, 1) / MS_PER_DAY,
    })
  }
  m = ISO_YEAR.exec(text)
  if (m) {
    const y = Number(m[1])
    return Object.freeze({ kind: 'partial', text, earliest: Date.UTC(y, 0, 1) / MS_PER_DAY, latest: Date.UTC(y + 1, 0, 1) / MS_PER_DAY })
  }
  return undefined
}

/** Earliest day a source date could be, or undefined when unknown. */
export function earliestDay(date: SourceDate): Day | undefined {
  return date.kind === 'exact' ? date.day : date.kind === 'partial' ? date.earliest : undefined
}

/** Exclusive upper bound of the day a source date could be (`day + 1` for an exact day). */
export function latestDayExclusive(date: SourceDate): Day | undefined {
  return date.kind === 'exact' ? date.day + 1 : date.kind === 'partial' ? date.latest : undefined
}

/** Human form of a source date: the text, or "unknown". */
export function describeSourceDate(date: SourceDate | undefined): string {
  if (!date) return 'open'
  return date.kind === 'unknown' ? 'unknown' : date.text
}

/**
 * Today's day number in UTC. Adapters pass it into the core; the core never reads the clock.
 *
 * @example
 * ```ts
 * formatDay(todayUtc())
 * ```
 */
export function todayUtc(now: Date = new Date()): Day {
  return Math.floor(now.getTime() / MS_PER_DAY)
}
