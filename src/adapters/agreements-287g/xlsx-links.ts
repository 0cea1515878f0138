/**
 * The hyperlinks of a spreadsheet's first sheet (`.xlsx`), by cell: enough to recover the MOA
 * links that the CSV conversion of ICE's sheets lost. Reads the ZIP container with node:zlib.
 */
import { inflateRawSync } from 'node:zlib'
import { AppError } from '../../core/errors/index.ts'

/** Reads one member of a ZIP archive (stored or deflated), or undefined when absent. */
export function zipEntry(zip: Buffer, name: string): Buffer | undefined {
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new AppError('invalid-input', 'not a ZIP archive (no end of central directory)')
  const count = zip.readUInt16LE(eocd + 10)
  let at = zip.readUInt32LE(eocd + 16)
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new AppError('invalid-input', 'corrupt ZIP central directory')
    const method = zip.readUInt16LE(at + 10)
    const size = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength)
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
      const data = zip.subarray(start, start + size)
      if (method === 0) return Buffer.from(data)
      if (method === 8) return inflateRawSync(data)
      throw new AppError('invalid-input', `ZIP member ${name} uses unsupported compression ${method}`)
    }
    at += 46 + nameLength + extraLength + commentLength
  }
  return undefined
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")

/**
 * The first sheet's hyperlinks in one column, by row number: `{ 651 → 'https://…' }`.
 *
 * @example
 * ```ts
 * sheetLinks(await readFile('participatingAgencies07182025pm.xlsx'), 'G').get(651)
 * ```
 */
export function sheetLinks(xlsx: Buffer, column: string): Map<number, string> {
  const sheet = zipEntry(xlsx, 'xl/worksheets/sheet1.xml')?.toString('utf8')
  const rels = zipEntry(xlsx, 'xl/worksheets/_rels/sheet1.xml.rels')?.toString('utf8')
  const out = new Map<number, string>()
  if (!sheet || !rels) return out
  const targets = new Map<string, string>()
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[1]!)?.[1]
    const target = /\bTarget="([^"]+)"/.exec(m[1]!)?.[1]
    if (id && target) targets.set(id, decode(target))
  }
  for (const m of sheet.matchAll(/<hyperlink\b([^>]*)\/?>/g)) {
    const ref = /\bref="([A-Z]+)(\d+)"/.exec(m[1]!)
    const rid = /\br:id="([^"]+)"/.exec(m[1]!)?.[1]
    if (!ref || !rid || ref[1] !== column) continue
    const url = targets.get(rid)
    if (url && /^https?:\/\//.test(url)) out.set(Number(ref[2]), url)
  }
  return out
}
