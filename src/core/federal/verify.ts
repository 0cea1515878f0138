/**
 * Checking a transcription of a federal list (rows of name, level, state) against the cited list in
 * the registry: every row must equal an entry's printed name exactly ("Chicago" + "IL" is
 * "Chicago, IL"; a state is its name alone). No fuzzy matching: a near miss is reported, not taken.
 */
import type { FederalList } from './model.ts'

export interface TranscribedRow {
  readonly name: string
  readonly level: string
  readonly state: string
  readonly line: number
}

export interface TranscriptionCheck {
  readonly kind: 'transcription-check'
  readonly list: string
  readonly rows: number
  readonly entries: number
  readonly matched: number
  /** Rows that name no entry of the list. */
  readonly notInList: readonly TranscribedRow[]
  /** Entries no row names. */
  readonly notTranscribed: readonly string[]
}

/** The name a row stands for as the list prints it. */
export function printedName(row: TranscribedRow): string {
  return row.level === 'state' ? row.name : `${row.name}, ${row.state.toUpperCase()}`
}

/**
 * @example
 * ```ts
 * verifyTranscription(list, [{ name: 'Chicago', level: 'city', state: 'IL', line: 2 }]).matched // 1
 * ```
 */
export function verifyTranscription(list: FederalList, rows: readonly TranscribedRow[]): TranscriptionCheck {
  const names = new Set(list.entries.map((e) => e.name))
  const seen = new Set<string>()
  const notInList: TranscribedRow[] = []
  for (const r of rows) {
    const n = printedName(r)
    if (names.has(n)) seen.add(n)
    else notInList.push(r)
  }
  return {
    kind: 'transcription-check',
    list: list.id,
    rows: rows.length,
    entries: list.entries.length,
    matched: rows.length - notInList.length,
    notInList,
    notTranscribed: list.entries.map((e) => e.name).filter((n) => !seen.has(n)),
  }
}
