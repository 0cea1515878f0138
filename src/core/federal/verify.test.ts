import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseTranscription } from '../../adapters/cli/commands/federal.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow } from '../../adapters/fs/index.ts'
import { verifyTranscription } from './index.ts'

const root = defaultRegistryDir()
const federal = await loadFederalOrThrow(root, await loadRegistryOrThrow(root))
const doj = federal.lists.get('doj-2025-08-05')!

describe('verifyTranscription', () => {
  it('matches exact printed names and reports near misses instead of taking them', () => {
    const rows = parseTranscription('jurisdiction,level,state,county_fips,note\nChicago,city,IL,17031,\nIllinois,state,IL,,\nChicgo,city,IL,,\n')
    const check = verifyTranscription(doj, rows)
    expect(check.matched).toBe(2)
    expect(check.notInList.map((r) => `${r.line}:${r.name}`)).toEqual(['4:Chicgo'])
    expect(check.notTranscribed).toHaveLength(33)
  })

  const shared = resolve(root, '../../shared/data/sanctuary-lists/doj_2025-08-05_list_transcribed.csv')
  it.runIf(existsSync(shared))('the shared transcription of the DOJ list matches the cited list entry for entry', () => {
    const check = verifyTranscription(doj, parseTranscription(readFileSync(shared, 'utf8')))
    expect(check).toMatchObject({ rows: 35, matched: 35, notInList: [], notTranscribed: [] })
  })
})
