import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../core/errors/index.ts'
import { MAX_CONTINUATION_LINES, readDelimited, readLines } from './lines.ts'
import { openTable } from './table.ts'

const dir = mkdtempSync(join(tmpdir(), 'sanctuary-io-'))
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

describe('readLines', () => {
  it('reads plain text with CRLF, a BOM and no final newline', async () => {
    const lines = await collect(readLines(file('a.txt', '\ufeffone\r\ntwo\nthree')))
    expect(lines).toEqual([
      { text: 'one', number: 1 },
      { text: 'two', number: 2 },
      { text: 'three', number: 3 },
    ])
  })
  it('decompresses gzip by its magic bytes, whatever the name', async () => {
    const lines = await collect(readLines(file('b.csv', gzipSync('x\ny\n'))))
    expect(lines.map((l) => l.text)).toEqual(['x', 'y'])
  })
  it('names the file when it is missing or not gzip data', async () => {
    await expect(collect(readLines(join(dir, 'missing.csv')))).rejects.toMatchObject({ code: 'not-found', location: { file: join(dir, 'missing.csv') } })
    const broken = file('c.gz', Buffer.concat([gzipSync('hello world '.repeat(100)).subarray(0, 20)]))
    const error = await collect(readLines(broken)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).oneLine()).toContain(broken)
  })
})

describe('readDelimited', () => {
  it('joins lines of a quoted field and reports where each record starts', async () => {
    const rows = await collect(readDelimited(file('d.csv', 'a,b\n"multi\nline",2\n3,4\n'), ','))
    expect(rows).toEqual([
      { kind: 'row', line: 1, fields: ['a', 'b'] },
      { kind: 'row', line: 2, fields: ['multi\nline', '2'] },
      { kind: 'row', line: 4, fields: ['3', '4'] },
    ])
  })
  it('gives up on a quote left open too long and resumes on the next line', async () => {
    const body = ['a,b', '"open,1', ...Array.from({ length: MAX_CONTINUATION_LINES + 2 }, (_, i) => `${i},x`)].join('\n')
    const rows = await collect(readDelimited(file('e.csv', body), ','))
    expect(rows[1]).toEqual({ kind: 'error', line: 2, reason: 'unterminated quoted field' })
    expect(rows[2]).toEqual({ kind: 'row', line: 3, fields: ['0', 'x'] })
    expect(rows).toHaveLength(2 + MAX_CONTINUATION_LINES + 2)
  })
})

describe('openTable', () => {
  it('reads a header and rows by name, flagging rows of the wrong width', async () => {
    const { header, rows } = await openTable(file('f.psv', 'x|y\n1|2\n3\n'))
    expect(header.columns).toEqual(['x', 'y'])
    const all = await collect(rows)
    expect(all[0]).toMatchObject({ kind: 'row', line: 2 })
    expect(all[0]?.kind === 'row' && all[0].values.get('y')).toBe('2')
    expect(all[1]).toEqual({ kind: 'error', line: 3, reason: 'expected 2 fields, found 1' })
  })
  it('refuses an empty file with its name', async () => {
    await expect(openTable(file('g.csv', ''))).rejects.toMatchObject({ code: 'invalid-input', location: { line: 1 } })
  })
})
