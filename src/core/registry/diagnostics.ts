/**
 * Diagnostics: located errors and warnings about registry files, and how to locate a field path
 * in the YAML it came from.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { formatLocated } from '../errors/index.ts'
import type { FieldPath } from './model.ts'

export interface Diagnostic {
  readonly kind: 'diagnostic'
  readonly severity: 'error' | 'warning'
  readonly file: string
  readonly line?: number
  readonly column?: number
  /** Dotted field path, e.g. `enactments[0].provisions[1].when`. */
  readonly field?: string
  readonly message: string
}

/**
 * Formats a diagnostic as one line: `file:line:column: severity: field: message`.
 *
 * @example
 * ```ts
 * formatDiagnostic({ kind: 'diagnostic', severity: 'error', file: 'us/state-ca.yaml', line: 4, column: 3, field: 'geoid', message: 'bad' })
 * // 'us/state-ca.yaml:4:3: error: geoid: bad'
 * ```
 */
export function formatDiagnostic(d: Diagnostic): string {
  return formatLocated({ file: d.file, line: d.line, column: d.column }, `${d.severity}: ${d.field ? `${d.field}: ` : ''}${d.message}`)
}

/**
 * Renders a field path the way people read it.
 *
 * @example
 * ```ts
 * fieldPathText(['enactments', 0, 'provisions', 1, 'when']) // 'enactments[0].provisions[1].when'
 * ```
 */
export function fieldPathText(path: FieldPath): string {
  let out = ''
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part
  return out
}

/** Finds line and column of a field in a parsed YAML file (the deepest node that exists). */
export class YamlLocator {
  private parsed: { readonly doc: Document; readonly lines: LineCounter } | undefined
  private readonly text: string | undefined

  constructor(doc: Document, lines: LineCounter)
  constructor(doc: undefined, lines: undefined, text: string)
  constructor(doc: Document | undefined, lines: LineCounter | undefined, text?: string) {
    this.parsed = doc && lines ? { doc, lines } : undefined
    this.text = text
  }

  /**
   * A locator that parses `text` only when a diagnostic first needs a line (for files read by a
   * faster path, such as the generated JSON-form files).
   *
   * @example
   * ```ts
   * YamlLocator.lazy('{"id": 1}').locate(['id']) // { line: 1, column: 8 }
   * ```
   */
  static lazy(text: string): YamlLocator {
    return new YamlLocator(undefined, undefined, text)
  }

  private get doc(): Document {
    return this.ensure().doc
  }

  private get lines(): LineCounter {
    return this.ensure().lines
  }

  private ensure(): { readonly doc: Document; readonly lines: LineCounter } {
    if (!this.parsed) {
      const lines = new LineCounter()
      this.parsed = { doc: parseDocument(this.text ?? '', { lineCounter: lines, prettyErrors: false }), lines }
    }
    return this.parsed
  }

  locate(path: FieldPath): { line: number; column: number } | undefined {
    let node: unknown = this.doc.contents
    let found: Node | undefined = (node as Node) ?? undefined
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown })?.value === part)
        if (!pair) break
        // Point at the key for a field: it is where a reader looks.
        found = (pair.value as Node) ?? (pair.key as Node)
        node = pair.value
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part] as Node | undefined
        if (!item) break
        found = item
        node = item
      } else break
    }
    const offset = found?.range?.[0]
    if (offset === undefined) return undefined
    const pos = this.lines.linePos(offset)
    return { line: pos.line, column: pos.col }
  }
}
