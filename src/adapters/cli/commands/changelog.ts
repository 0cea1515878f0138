/** `sanctuary changelog`: the registry's change log from git, written to the file the server reads. */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { changelogOf } from '../../../core/changelog/index.ts'
import { AppError } from '../../../core/errors/index.ts'
import { changelogText, defaultChangelogPath, hasHistory, headCommit, readHistory, repoRoot, writeChangelog } from '../../changelog/index.ts'
import { guard, printJson } from '../output.ts'

/** Registers `changelog`. */
export function registerChangelogCommand(program: Command): void {
  program
    .command('changelog')
    .description("derive the registry's change log from its git history and write it where the server reads it")
    .option('--out <file>', 'the change-log file', defaultChangelogPath())
    .option('--check', 'write nothing; exit 1 when the file is not what the history gives (stale)')
    .option('--json', 'print the summary as JSON')
    .action(
      guard(async (opts: { out?: string; check?: boolean; json?: boolean }) => {
        const root = repoRoot()
        if (!hasHistory(root)) throw new AppError('not-found', `no git history in ${root}: the change log is derived from it (a copy without .git serves the committed file)`, { file: root })
        const out = opts.out ?? defaultChangelogPath()
        const head = headCommit(root)
        const log = changelogOf(readHistory(root, { until: head }), head)
        const text = changelogText(log)
        // Current when it holds the same entries (its `through`, the commit it was derived at, may be older).
        const old = existsSync(out) ? await readFile(out, 'utf8') : null
        const entriesOf = (t: string) => t.slice(t.indexOf('"entries":'))
        const summary = { entries: log.entries.length, jurisdictions: new Set(log.entries.map((e) => e.jurisdiction)).size, through: log.through, throughDate: log.throughDate, file: out, current: old !== null && entriesOf(old) === entriesOf(text) }
        if (opts.check) {
          if (opts.json) printJson(summary)
          else process.stdout.write(summary.current ? `change log current: ${summary.entries} entries through ${log.throughDate}\n` : `change log stale: ${out} differs from the history (${summary.entries} entries through ${log.throughDate}); run: npx sanctuary changelog\n`)
          if (!summary.current) process.exitCode = 1
          return
        }
        if (!summary.current) await writeChangelog(out, log)
        if (opts.json) return printJson(summary)
        process.stdout.write(`${summary.entries} change entries for ${summary.jurisdictions} jurisdictions through ${log.throughDate}; ${summary.current ? 'unchanged' : 'written'}: ${out}\n`)
      }),
    )
}
