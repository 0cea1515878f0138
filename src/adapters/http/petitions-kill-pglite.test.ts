/**
 * Forced kills on PGlite in a data folder: the real server (`main.ts`, as `npm start` runs it)
 * SIGKILLed 100 times at random moments while 8 clients sign and confirm, restarted each time
 * (taking over the lock the killed process left), and checked after each restart: no acknowledged
 * signature or confirmation lost or duplicated. After the first restart a second server on the
 * same folder must refuse to start, because the lock is live. See petitions-kill-testing.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/index.ts'
import { killAll, runKillLoop } from './petitions-kill-testing.ts'
import { loadPetitionFixture } from './petitions-testing.ts'

const ROUNDS = Number(process.env.SANCTUARY_KILL_ROUNDS ?? 100)

describe('forced kills on PGlite (data folder)', () => {
  const dirs: string[] = []
  afterAll(async () => {
    killAll()
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })

  it(`loses and duplicates no acknowledged signature over ${ROUNDS} SIGKILLs, recovers the stale lock each time, and respects a live one`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atlas-kill-pglite-'))
    dirs.push(dataDir)
    const setup = await openDatabase({ kind: 'pglite', dataDir })
    await loadPetitionFixture(setup)
    await setup.close()
    const seed = Number(process.env.SANCTUARY_KILL_SEED ?? Date.now() % 1_000_000)
    const figures = await runKillLoop({ backend: 'pglite', dataDir, openRows: () => openDatabase({ kind: 'pglite', dataDir }), rowsWhileRunning: false, rounds: ROUNDS, clients: 8, killAfterMs: [0, 1200], seed, checkLiveLock: true })
    console.info(`forced kills: ${JSON.stringify(figures)}`)
    expect(figures.problems).toEqual([])
    expect({ kills: figures.kills, lost: figures.lost, duplicated: figures.duplicated, confirmationsLost: figures.confirmationsLost, liveLockRefused: figures.liveLockRefused }).toEqual({ kills: ROUNDS, lost: 0, duplicated: 0, confirmationsLost: 0, liveLockRefused: true })
    expect(figures.acknowledged).toBeGreaterThan(ROUNDS)
    expect(figures.confirmationsAcknowledged).toBeGreaterThan(0)
  }, 40 * 60_000)
})
