import { describe, expect, it } from 'vitest'
import { detectDelimiter, splitDelimited } from './delimited.ts'

describe('splitDelimited', () => {
  it('splits plain fields, keeping empty ones', () => {
    expect(splitDelimited('a||c|', '|')).toEqual({ fields: ['a', '', 'c', ''], open: false })
  })
  it('honors quotes, doubled quotes and delimiters inside quotes', () => {
    expect(splitDelimited('"a,b","say ""hi""",c')).toEqual({ fields: ['a,b', 'say "hi"', 'c'], open: false })
    expect(splitDelimited('"X, WITH | PIPE"|1', '|').fields).toEqual(['X, WITH | PIPE', '1'])
  })
  it('reports a record left inside an open quote', () => {
    expect(splitDelimited('a,"b\nc').open).toBe(true)
    expect(splitDelimited('a,"b\nc",d')).toEqual({ fields: ['a', 'b\nc', 'd'], open: false })
  })
  it('keeps a stray quote inside an unquoted field literally', () => {
    expect(splitDelimited('ab"c,d').fields).toEqual(['ab"c', 'd'])
  })
})

describe('detectDelimiter', () => {
  it('picks the most frequent delimiter outside quotes', () => {
    expect(detectDelimiter('"a,b"|c|d')).toBe('|')
    expect(detectDelimiter('a,b,c')).toBe(',')
    expect(detectDelimiter('a\tb')).toBe('\t')
  })
})
