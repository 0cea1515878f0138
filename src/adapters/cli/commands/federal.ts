/** `sanctuary federal verify-list`: check a transcription of a federal list against the cited list in the registry. */
import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { parse } from 'csv-parse/sync'
import { AppError } from '../../../core/errors/index.ts'
import { verifyTranscription, type TranscribedRow } from '../../../core/federal/index.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow } from '../../fs/index.ts'
import { guard, printJson } from '../output.ts'

/** Parses a transcription CSV with columns `jurisdiction,level,state` (others ignored). */
export function parseTranscription(text: string): TranscribedRow[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[]
  return records.map((r, i) => {
    if (!r.jurisdiction || !r.level || r.state === undefined) throw new AppError('invalid-input', `row ${i + 2}: needs columns jurisdiction, level and state`, { field: 'csv' })
    return { name: r.jurisdiction, level: r.level, state: r.state, line: i + 2 }
  })
}

export function registerFederalCommands(program: Command): void {
  const federal = program.command('federal').description('federal lists, grant conditions and rulings')
  federal
    .command('verify-list')
    .description('check a transcription (CSV: jurisdiction,level,state) against a cited list in registry/federal; read where it lies, never copied')
    .argument('<csv>', 'path of the transcription')
    .option('--list <id>', 'list id', 'doj-2025-08-05')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .option('--json', 'print JSON')
    .action(
      guard(async (path: string, opts: { list: string; registry?: string; json?: boolean }) => {
        const root = opts.registry ?? defaultRegistryDir()
        const data = await loadFederalOrThrow(root, await loadRegistryOrThrow(root))
        const list = data.lists.get(opts.list)
        if (!list) throw new AppError('not-found', `no federal list "${opts.list}"`, { field: '--list' })
        const text = await readFile(path, 'utf8').catch((cause: NodeJS.ErrnoException) => {
          throw new AppError('not-found', `cannot read ${path}: ${cause.code ?? cause.message}`, { file: path }, { cause })
        })
        const check = verifyTranscription(list, parseTranscription(text))
        if (opts.json) return printJson(check)
        process.stdout.write(`${check.list}: ${check.matched} of ${check.rows} rows match an entry exactly; the list has ${check.entries} entries\n`)
        for (const r of check.notInList) process.stdout.write(`  line ${r.line}: "${r.name}" (${r.level}, ${r.state}) names no entry of the list\n`)
        for (const n of check.notTranscribed) process.stdout.write(`  entry "${n}" is not in the transcription\n`)
        if (check.notInList.length || check.notTranscribed.length) process.exitCode = 1
      }),
    )
}
