/**
 * The registry's change log from git: `readHistory` lists the commits that touched `registry/`
 * with each changed file's text before and after (one `git log` and one `git cat-file --batch`),
 * `writeChangelog` / `readChangelog` keep the derived log as a committed file
 * (`changelog/registry-changes.json`), which the server reads, so a deployed copy without `.git`
 * still serves it. `sanctuary changelog` refreshes the file; `--check` says whether it is current.
 *
 * @example
 * ```ts
 * const log = changelogOf(await readHistory(repoRoot()))
 * await writeChangelog(defaultChangelogPath(), log)
 * ```
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Compile } from 'typebox/compile'
import { ChangelogSchema, type Changelog, type HistoryCommit } from '../../core/changelog/index.ts'
import { AppError } from '../../core/errors/index.ts'

/** The repository's root (where `registry/` and `.git` are). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
}

/** The committed change-log file. */
export function defaultChangelogPath(): string {
  return join(repoRoot(), 'changelog', 'registry-changes.json')
}

function git(root: string, args: string[]): string {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (cause) {
    throw new AppError('not-found', `cannot read the registry's history with git in ${root} (${(cause as Error).message.split('\n')[0]})`, { file: root }, { cause })
  }
}

/** Reads many blobs in one `git cat-file --batch`; a missing one is null. */
function blobs(root: string, revs: readonly string[]): (string | null)[] {
  if (revs.length === 0) return []
  const run = spawnSync('git', ['-C', root, 'cat-file', '--batch'], { input: `${revs.join('\n')}\n`, maxBuffer: 1 << 31 - 1 })
  if (run.status !== 0) throw new AppError('internal', `git cat-file failed: ${run.stderr.toString().split('\n')[0]}`)
  const out = run.stdout
  const texts: (string | null)[] = []
  let at = 0
  for (let i = 0; i < revs.length; i++) {
    const nl = out.indexOf(10, at)
    const header = out.toString('utf8', at, nl)
    at = nl + 1
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      texts.push(null)
      continue
    }
    const size = Number(header.split(' ')[2])
    texts.push(out.toString('utf8', at, at + size))
    at += size + 1
  }
  return texts
}

/**
 * The commits that touched `registry/` (merges left out: their changes are their commits'),
 * oldest first, each changed file with its text before (first parent) and after. `until` limits
 * the history to what that commit can reach.
 *
 * @example
 * ```ts
 * const history = readHistory(repoRoot())
 * ```
 */
export function readHistory(root: string, options: { readonly until?: string; readonly registry?: string } = {}): HistoryCommit[] {
  const registry = options.registry ?? 'registry'
  const log = git(root, ['log', '--no-merges', '--no-renames', '--reverse', '--format=%x1e%H%x09%cI%x09%P', '--name-status', options.until ?? 'HEAD', '--', `${registry}/`])
  const commits: { commit: string; date: string; parent: string | null; files: { status: string; path: string }[] }[] = []
  for (const record of log.split('\x1e').slice(1)) {
    const [head, ...rest] = record.split('\n')
    const [commit, date, parents] = head!.split('\t')
    const files = rest
      .filter((l) => l.includes('\t'))
      .map((l) => {
        const [status, path] = l.split('\t')
        return { status: status!, path: path! }
      })
      .filter((f) => f.path.startsWith(`${registry}/`) && f.path.endsWith('.yaml'))
    commits.push({ commit: commit!, date: date!, parent: parents?.split(' ')[0] || null, files })
  }
  const requests: string[] = []
  for (const c of commits) for (const f of c.files) requests.push(c.parent ? `${c.parent}:${f.path}` : `${c.commit}:__none__`, `${c.commit}:${f.path}`)
  const texts = blobs(root, requests)
  let k = 0
  return commits.map((c) => ({
    commit: c.commit,
    date: c.date,
    files: c.files.map((f) => {
      const before = texts[k++] ?? null
      const after = texts[k++] ?? null
      return { path: f.path.slice(registry.length + 1), before: f.status === 'A' ? null : before, after: f.status === 'D' ? null : after }
    }),
  }))
}

/** The commit HEAD points at. */
export function headCommit(root: string): string {
  return git(root, ['rev-parse', 'HEAD']).trim()
}

/** True when `root` is a git work tree (a clone; a deployed copy may have no `.git`). */
export function hasHistory(root: string): boolean {
  return existsSync(join(root, '.git'))
}

const checkChangelog = Compile(ChangelogSchema)

/**
 * Writes the log, one entry a line (so a refresh diffs by entry).
 *
 * @example
 * ```ts
 * await writeChangelog('changelog/registry-changes.json', log)
 * ```
 */
export async function writeChangelog(path: string, log: Changelog): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, changelogText(log))
}

/** The file's text for a log. */
export function changelogText(log: Changelog): string {
  const head = JSON.stringify({ kind: log.kind, through: log.through, throughDate: log.throughDate })
  return `${head.slice(0, -1)},"entries":[\n${log.entries.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`
}

/**
 * Reads and checks the committed log. Throws `not-found` or `invalid-input` naming the file.
 *
 * @example
 * ```ts
 * const log = await readChangelog(defaultChangelogPath())
 * ```
 */
export async function readChangelog(path: string): Promise<Changelog> {
  const text = await readFile(path, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    throw new AppError('not-found', `cannot read the change log: ${cause.code ?? cause.message}`, { file: path }, { cause })
  })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new AppError('invalid-input', `the change log is not JSON: ${(cause as Error).message}`, { file: path }, { cause })
  }
  if (!checkChangelog.Check(value)) {
    const first = [...checkChangelog.Errors(value)][0]
    throw new AppError('invalid-input', `the change log does not match its schema at ${first?.instancePath || '/'}: ${first?.message ?? 'invalid'}`, { file: path, field: first?.instancePath })
  }
  return value as Changelog
}
