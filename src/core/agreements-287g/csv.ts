/**
 * A small RFC 4180 CSV reader for the ICE 287(g) sheets: quoted fields, doubled quotes, line
 * breaks inside quotes, CRLF. Pure; the adapter reads the text.
 */

/** One CSV record with its 1-based line number in the text (the line it starts on). */
export interface CsvRecord {
  readonly line: number
  readonly cells: readonly string[]
}

/**
 * Splits CSV text into records (a leading byte-order mark is dropped).
 *
 * @example
 * ```ts
 * parseCsv('a,"b, c"\n1,2\n') // [{ line: 1, cells: ['a', 'b, c'] }, { line: 2, cells: ['1', '2'] }]
 * ```
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, '')
  const records: CsvRecord[] = []
  let cells: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let start = 1
  let any = false
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else {
        if (ch === '\n') line++
        field += ch
      }
      continue
    }
    if (ch === '"') {
      quoted = true
      any = true
    } else if (ch === ',') {
      cells.push(field)
      field = ''
      any = true
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++
      if (any || field !== '') {
        cells.push(field)
        records.push({ line: start, cells })
      }
      cells = []
      field = ''
      any = false
      line++
      start = line
    } else {
      field += ch
      any = true
    }
  }
  if (any || field !== '') {
    cells.push(field)
    records.push({ line: start, cells })
  }
  return records
}

/**
 * Records as objects keyed by the header row (trimmed names; extra unnamed columns dropped).
 *
 * @example
 * ```ts
 * csvObjects('STATE,AGENCY\nALABAMA,X\n')[0] // { line: 2, row: { STATE: 'ALABAMA', AGENCY: 'X' } }
 * ```
 */
export function csvObjects(text: string): { readonly line: number; readonly row: Readonly<Record<string, string>> }[] {
  const [header, ...rest] = parseCsv(text)
  if (!header) return []
  const names = header.cells.map((c) => c.trim())
  return rest.map((r) => {
    const row: Record<string, string> = {}
    names.forEach((n, i) => {
      if (n) row[n] = r.cells[i] ?? ''
    })
    return { line: r.line, row }
  })
}
