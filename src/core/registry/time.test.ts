import { describe, expect, it } from 'vitest'
import { parseDay, parseSourceDate, type SourceDate } from '../dates/index.ts'
import type { Enactment } from './model.ts'
import { enactmentInForce } from './time.ts'

const date = (text: string): SourceDate => parseSourceDate(text)!
const day = (text: string) => parseDay(text)!

/** Only the fields the in-force test reads. */
const enactment = (enacted: SourceDate, effective: SourceDate) => ({ id: 'x', enacted, effective, status: [] }) as unknown as Enactment

describe('enactmentInForce with a month-precise effective date', () => {
  const resolution = enactment(date('2017-01-17'), date('2017-01'))

  it('is not in force before the enactment day inside the effective month', () => {
    expect(enactmentInForce(resolution, day('2017-01-16')).kind).toBe('no')
    expect(enactmentInForce(resolution, day('2017-01-01')).kind).toBe('no')
  })

  it('is undetermined from the enactment day to the month end, in force after', () => {
    expect(enactmentInForce(resolution, day('2017-01-17')).kind).toBe('unknown')
    expect(enactmentInForce(resolution, day('2017-01-31')).kind).toBe('unknown')
    expect(enactmentInForce(resolution, day('2017-02-01')).kind).toBe('yes')
  })

  it('keeps the whole month undetermined when the enactment day is not inside it', () => {
    const earlier = enactment(date('2016-12-20'), date('2017-01'))
    expect(enactmentInForce(earlier, day('2017-01-02')).kind).toBe('unknown')
    expect(enactmentInForce(earlier, day('2016-12-31')).kind).toBe('no')
  })
})
