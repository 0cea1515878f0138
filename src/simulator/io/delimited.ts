/**
 * Splitting delimited text (CSV, pipe- or tab-separated) into fields: pure functions, no I/O.
 * Quoting follows RFC 4180 (a field that starts with `"` runs to the next lone `"`; `""` inside it
 * is one quote). Anything else is taken literally, so a stray quote inside an unquoted field is
 * kept, not an error.
 */

/** The fields of one record, and whether it ended inside a quoted field (it needs the next line). */
export interface SplitResult {
  readonly fields: string[]
  /** True when the text ended inside a quoted field: the record continues on the next line. */
  readonly open: boolean
}

/**
 * Splits one record into fields.
 *
 * @example
 * ```ts
 * splitDelimited('a,"b,c",d') // { fields: ['a', 'b,c', 'd'], open: false }
 * splitDelimited('"x|y', '|') // { fields: ['x|y'], open: true }
 * ```
 */
export function splitDelimited(text: string, delimiter = ','): SplitResult {
  if (!text.includes('"')) return { fields: text.split(delimiter), open: false }
  const fields: string[] = []
  let field = ''
  let inQuotes = false
  let quoted = false
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        inQuotes = false
        i++
        continue
      }
      field += c
      i++
      continue
    }
    if (c === '"' && field === '' && !quoted) {
      inQuotes = true
      quoted = true
      i++
      continue
    }
    if (c === delimiter) {
      fields.push(field)
      field = ''
      quoted = false
      i++
      continue
    }
    field += c
    i++
  }
  fields.push(field)
  return { fields, open: inQuotes }
}

/**
 * Guesses the delimiter of a header line: the most frequent of comma, pipe and tab outside quotes.
 *
 * @example
 * ```ts
 * detectDelimiter('a|b|c') // '|'
 * detectDelimiter('a,b') // ','
 * ```
 */
export function detectDelimiter(headerLine: string): ',' | '|' | '\t' {
  const unquoted = headerLine.replace(/"[^"]*"/g, '')
  const count = (d: string) => unquoted.split(d).length - 1
  const candidates: Array<',' | '|' | '\t'> = [',', '|', '\t']
  let best: ',' | '|' | '\t' = ','
  let bestCount = 0
  for (const d of candidates) {
    const n = count(d)
    if (n > bestCount) {
      best = d
      bestCount = n
    }
  }
  return best
}
