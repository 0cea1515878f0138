/**
 * The registry patch an accepted correction produces: the provision's `sources` list in its YAML
 * file gains the suggested source (its URL, the quote the maintainer read there, and a maintainer
 * note naming the correction), as a unified diff that `git apply` takes from the repository root,
 * and as the YAML snippet alone. Only lines are inserted; the rest of the file is untouched. The
 * fact itself is the maintainer's to change in the same commit, after reading the source.
 */
import { isMap, isSeq, parseDocument, stringify } from 'yaml'
import { AppError } from '../errors/index.ts'
import type { FieldPath } from '../registry/index.ts'

/** The source an accepted correction adds. */
export interface AddedSource {
  readonly url: string
  readonly quote: string
  readonly reliability?: 'primary' | 'official' | 'secondary' | 'news' | 'advocacy' | 'low'
  /** Kept for maintainers (never published): where the source came from. */
  readonly maintainerNote: string
}

/** A patch: the unified diff, the inserted YAML, and the file it applies to. */
export interface RegistryPatch {
  readonly kind: 'registry-patch'
  /** Path from the repository root, e.g. `registry/us/state-ca.yaml`. */
  readonly file: string
  readonly diff: string
  readonly snippet: string
}

function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd()
}

/**
 * Adds a source to the provision at `path` (its field path in the file, e.g.
 * `['enactments', 0, 'provisions', 1]`) and returns the patch. Throws `invalid-input` when the file
 * has no provision there or its sources are not a block list, `conflict` when the URL is already
 * one of the provision's sources.
 *
 * @example
 * ```ts
 * const patch = sourcePatch(text, 'registry/us/state-ca.yaml', ['enactments', 1, 'provisions', 0], { url, quote, maintainerNote: 'From a suggested correction accepted on 2026-12-07.' })
 * patch.diff // '--- a/registry/us/state-ca.yaml\n+++ b/registry/us/state-ca.yaml\n@@ …'
 * ```
 */
export function sourcePatch(text: string, file: string, path: FieldPath, source: AddedSource): RegistryPatch {
  const doc = parseDocument(text)
  const provision = doc.getIn(path, true)
  if (!isMap(provision)) throw new AppError('invalid-input', `${file}: no provision at ${path.join('.')}`, { file, field: path.join('.') })
  const sources = provision.get('sources', true)
  if (!isSeq(sources) || sources.flow || sources.items.length === 0) throw new AppError('invalid-input', `${file}: ${path.join('.')}.sources is not a block list; add the source by hand`, { file, field: `${path.join('.')}.sources` })
  for (const item of sources.items) if (isMap(item) && item.get('url') === source.url) throw new AppError('conflict', `the provision already cites ${source.url}`, { field: 'source' })
  const first = sources.items[0] as { range?: [number, number, number] }
  const last = sources.items[sources.items.length - 1] as { range?: [number, number, number] }
  if (!first.range || !last.range) throw new AppError('internal', `${file}: the YAML parser gave no positions`)
  const lines = text.split('\n')
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1
  const firstLine = lines[lineOf(first.range[0])]!
  const dash = firstLine.slice(0, first.range[0] - text.lastIndexOf('\n', first.range[0] - 1) - 1).indexOf('-')
  if (dash < 0) throw new AppError('invalid-input', `${file}: ${path.join('.')}.sources is not a block list; add the source by hand`, { file })
  // The last item ends where its value ends; insert after that line.
  let endLine = lineOf(Math.max(last.range[1] - 1, last.range[0]))
  while (endLine + 1 < lines.length && lines[endLine + 1]!.trim() !== '' && lines[endLine + 1]!.search(/\S/) > dash) endLine++
  const pad = ' '.repeat(dash)
  const added = [
    `${pad}- url: ${scalar(source.url)}`,
    `${pad}  quote: ${scalar(source.quote)}`,
    ...(source.reliability ? [`${pad}  reliability: ${source.reliability}`] : []),
    `${pad}  maintainerNote: ${scalar(source.maintainerNote)}`,
  ]
  const after = [...lines.slice(0, endLine + 1), ...added, ...lines.slice(endLine + 1)]
  // The result must still parse, with the source in the provision's list.
  const check = parseDocument(after.join('\n'))
  const again = check.getIn([...path, 'sources'], true)
  if (check.errors.length || !isSeq(again) || again.items.length !== sources.items.length + 1) throw new AppError('internal', `${file}: the patched file does not read back as expected`)

  const context = 3
  const start = Math.max(0, endLine + 1 - context)
  const endContext = Math.min(lines.length, endLine + 1 + context)
  const before = lines.slice(start, endLine + 1)
  const trailing = lines.slice(endLine + 1, endContext)
  const hunk = [...before.map((l) => ` ${l}`), ...added.map((l) => `+${l}`), ...trailing.map((l) => ` ${l}`)]
  const oldCount = before.length + trailing.length
  const diff = [`--- a/${file}`, `+++ b/${file}`, `@@ -${start + 1},${oldCount} +${start + 1},${oldCount + added.length} @@`, ...hunk, ''].join('\n')
  return { kind: 'registry-patch', file, diff, snippet: `${added.map((l) => l.slice(dash)).join('\n')}\n` }
}
