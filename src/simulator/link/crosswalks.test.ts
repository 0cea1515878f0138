import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cityFromAddress, loadCrosswalks } from './crosswalks.ts'
import { Linker } from './linker.ts'

const FIXTURE = fileURLToPath(new URL('./fixtures/crosswalks', import.meta.url))

describe('loadCrosswalks', () => {
  it('reads the fixture folder and warns about the optional lists it lacks', async () => {
    const { tables, warnings } = await loadCrosswalks(FIXTURE)
    expect(tables.counties).toHaveLength(14)
    expect(tables.places.length).toBeGreaterThan(5)
    expect(tables.facilities.map((f) => f.code)).toContain('ZZHARTX')
    expect(tables.aorStates).toContainEqual({ aor: 'HOU', state: 'tx' })
    expect(tables.aorCodes).toContainEqual({ name: 'Houston', code: 'HOU' })
    expect(warnings.some((w) => w.includes('facilities_geocoded'))).toBe(true)
    const linker = new Linker(tables)
    expect(linker.link({ facilityCode: 'ZZHARTX' }).countyGeoid).toBe('48201')
  })
  it('refuses a folder without the us-geo tables, naming it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sanctuary-xw-'))
    await expect(loadCrosswalks(empty)).rejects.toMatchObject({ code: 'not-found' })
    await expect(loadCrosswalks(join(empty, 'nope'))).rejects.toMatchObject({ code: 'not-found', location: { file: join(empty, 'nope') } })
  })
})

describe('cityFromAddress', () => {
  it('takes the part before the state and ZIP', () => {
    expect(cityFromAddress('2615 Chester Ave, Bakersfield, CA 93301')).toBe('Bakersfield')
    expect(cityFromAddress('Mobile, AL')).toBe('Mobile')
    expect(cityFromAddress('somewhere')).toBeUndefined()
  })
})
