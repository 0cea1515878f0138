/**
 * Parsing YAML files people wrote, with line numbers: the value, a locator that finds a field's
 * line and column, and located diagnostics for malformed YAML. Shared by the registry, the federal
 * data, the rule cases and the curated officials folder.
 *
 * This module loads nothing but the `yaml` package, so a command can parse files while the
 * modules that check them are still loading ({@link preparseYaml}).
 *
 * @example
 * ```ts
 * const diagnostics: Diagnostic[] = []
 * const parsed = parseYaml({ path: 'us.yaml', text: 'id: ocd-division/country:us' }, diagnostics)
 * parsed?.locator.locate(['id']) // { line: 1, column: 5 }
 * ```
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import type { Diagnostic, FieldPath } from '../registry/index.ts'

/** A file's path (relative to its folder) and text. */
export interface YamlFileText {
  readonly path: string
  readonly text: string
}

/** A parsed file: its value (plain JSON-like data) and where each field is. */
export interface ParsedYaml {
  readonly value: unknown
  readonly locator: YamlLocator
}

/**
 * A file parsed ahead of time by {@link preparseYaml}: {@link parseYaml} then returns this result
 * (and pushes these diagnostics) instead of parsing the text again. The value is handed over: the
 * one build that reads it may change it (as it does a freshly parsed one).
 */
export interface PreparsedYamlFile extends YamlFileText {
  readonly preparsed: { readonly parsed: ParsedYaml | undefined; readonly diagnostics: readonly Diagnostic[] }
}

/**
 * Parses a YAML file, pushing located diagnostics for malformed YAML; undefined when it is
 * malformed. A file from {@link preparseYaml} is not parsed again.
 *
 * @example
 * ```ts
 * parseYaml({ path: 'x.yaml', text: 'a: [1' }, diagnostics) // undefined, one "malformed YAML" error
 * ```
 */
export function parseYaml(file: YamlFileText | PreparsedYamlFile, diagnostics: Diagnostic[]): ParsedYaml | undefined {
  if ('preparsed' in file) {
    diagnostics.push(...file.preparsed.diagnostics)
    return file.preparsed.parsed
  }
  const json = jsonForm(file.text)
  if (json !== undefined) return { value: json, locator: YamlLocator.lazy(file.text) }
  const lines = new LineCounter()
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = lines.linePos(error.pos[0])
      diagnostics.push({ kind: 'diagnostic', severity: 'error', file: file.path, line: pos.line, column: pos.col, message: `malformed YAML: ${firstLine(error.message)}` })
    }
    return undefined
  }
  return { value: doc.toJS(), locator: new YamlLocator(doc, lines) }
}

/**
 * Parses a file now so that a later {@link parseYaml} of the result costs nothing: the same
 * value, locator and diagnostics, computed earlier (`sanctuary check` parses the registry while
 * the checking modules load).
 *
 * @example
 * ```ts
 * const file = preparseYaml({ path: 'us.yaml', text })
 * parseYaml(file, diagnostics) // the result computed here
 * ```
 */
export function preparseYaml(file: YamlFileText): PreparsedYamlFile {
  const diagnostics: Diagnostic[] = []
  const parsed = parseYaml({ path: file.path, text: file.text }, diagnostics)
  return { path: file.path, text: file.text, preparsed: { parsed, diagnostics } }
}

/**
 * The value of a file written in YAML's JSON form (a generated file: `#` comment lines, then one
 * JSON object), parsed with `JSON.parse`, which is many times faster than a YAML parser; undefined
 * for any other text (which then goes through the YAML parser, and so does a malformed one).
 */
function jsonForm(text: string): unknown {
  let start = 0
  while (text.startsWith('#', start)) {
    const end = text.indexOf('\n', start)
    if (end < 0) return undefined
    start = end + 1
  }
  if (text[start] !== '{') return undefined
  try {
    return JSON.parse(text.slice(start))
  } catch {
    return undefined
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
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
