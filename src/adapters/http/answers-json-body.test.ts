import { crc32, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { answersFor } from '../../core/answers/index.ts'
import { createEngine, QUESTION_NAMES } from '../../core/engine/index.ts'
import { FIXTURE_ATLAS, FIXTURE_ATLAS_INPUT_WITH_PLACES } from '../../testing/fixture-atlas.ts'
import { fixtureRegistry } from '../../testing/fixture-registry.ts'
import { createAnswersService } from './answers-service.ts'
import { crc32Combine, crc32Shift } from './answers-json-body.ts'

describe('JSON answers bodies composed per date', () => {
  const engine = createEngine(fixtureRegistry(), { version: 'test' })
  const service = createAnswersService(engine, { ...FIXTURE_ATLAS, input: FIXTURE_ATLAS_INPUT_WITH_PLACES })
  const dates = ['2009-03-01', '2016-02-29', '2019-06-01', '2019-06-02', '2024-12-31']

  it('gunzips to the plain text, which is the answers as computed without a cache', async () => {
    for (const date of dates) {
      for (const action of QUESTION_NAMES) {
        for (const template of ['no-record', 'violent-felony'] as const) {
          const body = await service.answersBody('json', date, action, template)
          expect(gunzipSync(body.gzipped).toString()).toBe(body.text)
          expect(JSON.parse(body.text)).toEqual(JSON.parse(JSON.stringify(answersFor({ engine, gazetteer: service.gazetteer, date, action, template }))))
        }
      }
    }
  })

  it('a new date in a known interval gets its own date, facts and ETag', async () => {
    const a = await service.answersBody('json', '2019-06-01', 'hold', 'misdemeanor')
    const b = await service.answersBody('json', '2019-06-02', 'hold', 'misdemeanor')
    expect(JSON.parse(b.text)).toMatchObject({ date: '2019-06-02', facts: { person: { convictions: [{ date: '2017-06-02' }] } } })
    expect(a.etag).not.toBe(b.etag)
    expect(a.gzippedEtag).not.toBe(b.gzippedEtag)
    const again = await service.answersBody('json', '2019-06-02', 'hold', 'misdemeanor')
    expect(again.etag).toBe(b.etag)
    expect(again.gzipped.equals(b.gzipped)).toBe(true)
  })

  it('with assumptions changed, the body says so', async () => {
    const body = await service.answersBody('json', '2019-06-01', 'hold', 'no-record', { reimbursementAgreement: 'unknown' })
    const expected = answersFor({ engine, gazetteer: service.gazetteer, date: '2019-06-01', action: 'hold', template: 'no-record', assume: { reimbursementAgreement: 'unknown' } })
    expect(JSON.parse(gunzipSync(body.gzipped).toString())).toEqual(JSON.parse(JSON.stringify(expected)))
  })
})

describe('CRC-32 of a concatenation from its parts', () => {
  it('equals the CRC-32 of the joined bytes, for lengths from 0 to past 64 KiB', () => {
    let s = 7
    const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (const [la, lb] of [[0, 0], [0, 5], [5, 0], [1, 1], [3, 1000], [1000, 3], [70_000, 65_537], [12_345, 131_072]] as const) {
      const a = Buffer.from(Array.from({ length: la }, () => Math.floor(random() * 256)))
      const b = Buffer.from(Array.from({ length: lb }, () => Math.floor(random() * 256)))
      expect(crc32Combine(crc32(a), crc32(b), crc32Shift(b.length)), `${la}+${lb}`).toBe(crc32(Buffer.concat([a, b])))
    }
  })
})
