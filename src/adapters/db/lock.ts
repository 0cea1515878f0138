/**
 * The data folder's lock: one server (or command) at a time may open an embedded database. The
 * lock file holds the owner's process id; a lock whose process is gone is stale and is taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../core/errors/index.ts'

export const LOCK_FILE = 'sanctuary.lock'

/** Locks this process holds: a second open in the same process is refused like another process's. */
const heldHere = new Set<string>()

/** A held lock; `release` removes the file (only if it is still ours). */
export interface DataDirLock {
  readonly kind: 'data-dir-lock'
  readonly path: string
  release(): Promise<void>
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx')
    await handle.writeFile(`${process.pid}\n`)
    await handle.sync()
    await handle.close()
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/**
 * Takes the lock of `dataDir`, creating the folder if needed. Throws a `conflict` error naming the
 * folder and the owner's pid when another live process holds it.
 *
 * @example
 * ```ts
 * const lock = await lockDataDir('./data')
 * try { ... } finally { await lock.release() }
 * ```
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true })
  const path = join(dataDir, LOCK_FILE)
  if (heldHere.has(path)) throw new AppError('conflict', `the data folder ${dataDir} is already open in this process (lock file ${path})`, { file: path })
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await tryCreate(path)) return heldLock(path)
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
    if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
      throw new AppError('conflict', `the data folder ${dataDir} is in use by process ${owner} (lock file ${path}); stop it, or set SANCTUARY_DATA_DIR to another folder`, { file: path })
    }
    // Stale (its process is gone) or unreadable: remove it and try again.
    await rm(path, { force: true })
  }
  throw new AppError('conflict', `could not take the lock ${path}`, { file: path })
}

function heldLock(path: string): DataDirLock {
  heldHere.add(path)
  return Object.freeze({
    kind: 'data-dir-lock' as const,
    path,
    async release() {
      heldHere.delete(path)
      const owner = await readFile(path, 'utf8').catch(() => '')
      if (Number.parseInt(owner, 10) === process.pid) await rm(path, { force: true })
    },
  })
}
