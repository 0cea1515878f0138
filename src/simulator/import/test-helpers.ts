/** Helpers shared by the importer tests (not part of the public surface). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { ImportItem } from './record.ts'

/** Absolute path of a file in `fixtures/`. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
}

/** The crosswalk fixture folder. */
export const CROSSWALK_FIXTURE = fileURLToPath(new URL('../link/fixtures/crosswalks', import.meta.url))

/** A gzipped copy of a fixture in a fresh temporary folder. */
export function gzippedFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sanctuary-fixture-'))
  const path = join(dir, `${name}.gz`)
  writeFileSync(path, gzipSync(readFileSync(fixture(name))))
  return path
}

/** Every item an importer yields. */
export async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const out: ImportItem[] = []
  for await (const item of items) out.push(item)
  return out
}

/** Items by kind. */
export function byKind(items: readonly ImportItem[]) {
  return {
    records: items.flatMap((i) => (i.kind === 'record' ? [i] : [])),
    skipped: items.filter((i) => i.kind === 'skipped').map((i) => i.line),
    unparseable: items.flatMap((i) => (i.kind === 'unparseable' ? [{ line: i.line, reason: i.reason }] : [])),
  }
}
