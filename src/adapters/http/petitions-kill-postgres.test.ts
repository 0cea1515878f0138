/**
 * Forced kills on PostgreSQL (`TEST_DATABASE_URL`, a schema of its own): the real server
 * (`main.ts`, as `npm start` runs it) SIGKILLed 100 times at random moments while 8 clients sign
 * and confirm, restarted, and checked after each restart through the public counts and, row by
 * row, in the database. Skipped without a server, except under CI where that is an error.
 * See petitions-kill-testing.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, postgresTestSchema, testTargets, type PostgresTestSchema } from '../db/index.ts'
import { killAll, runKillLoop } from './petitions-kill-testing.ts'
import { loadPetitionFixture } from './petitions-testing.ts'

const ROUNDS = Number(process.env.SANCTUARY_KILL_ROUNDS ?? 100)
const url = testTargets().some((t) => t.name === 'postgres') ? process.env.TEST_DATABASE_URL : undefined

describe.skipIf(!url)('forced kills on PostgreSQL', () => {
  const dirs: string[] = []
  let schema: PostgresTestSchema | undefined
  afterAll(async () => {
    killAll()
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
    await schema?.drop()
  })

  it(`loses and duplicates no acknowledged signature over ${ROUNDS} SIGKILLs`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atlas-kill-postgres-'))
    dirs.push(dataDir)
    schema = await postgresTestSchema(url!)
    const databaseUrl = schema.url
    const setup = await openDatabase({ kind: 'postgres', url: databaseUrl })
    await loadPetitionFixture(setup)
    await setup.close()
    const seed = Number(process.env.SANCTUARY_KILL_SEED ?? Date.now() % 1_000_000)
    const figures = await runKillLoop({ backend: 'postgres', dataDir, databaseUrl, openRows: () => openDatabase({ kind: 'postgres', url: databaseUrl }, { migrate: false }), rowsWhileRunning: true, rounds: ROUNDS, clients: 8, killAfterMs: [0, 1200], seed })
    console.info(`forced kills: ${JSON.stringify(figures)}`)
    expect(figures.problems).toEqual([])
    expect({ kills: figures.kills, lost: figures.lost, duplicated: figures.duplicated, confirmationsLost: figures.confirmationsLost }).toEqual({ kills: ROUNDS, lost: 0, duplicated: 0, confirmationsLost: 0 })
    expect(figures.acknowledged).toBeGreaterThan(ROUNDS)
    expect(figures.confirmationsAcknowledged).toBeGreaterThan(0)
  }, 40 * 60_000)
})
