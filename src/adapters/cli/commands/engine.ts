/** `sanctuary evaluate` and `sanctuary test`: the engine on one case, and on every rule case. */
import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { createEngine, parseCaseFile, runCases, type RuleCase } from '../../../core/engine/index.ts'
import { AppError } from '../../../core/errors/index.ts'
import { parseFederalCaseFile, runFederalCases, withFunding, type FederalRuleCase } from '../../../core/federal/index.ts'
import { formatDiagnostic, isFederalFile } from '../../../core/registry/index.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow, packageVersion, readCaseFiles, sharedNames } from '../../fs/index.ts'
import { requireDivisionId } from '../../../core/names/index.ts'
import { guard, printJson } from '../output.ts'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Parses JSON text from a named source, with a one-line error naming it and the position. */
export function parseJsonInput(text: string, name: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new AppError('invalid-input', `${name}: not valid JSON (${(cause as Error).message})`, { file: name }, { cause })
  }
}

/** Registers `evaluate` and `test`. */
export function registerEngineCommands(program: Command): void {
  program
    .command('evaluate')
    .description('answer hold / notify / interview for a case (JSON from --case FILE or stdin)')
    .option('--case <file>', 'case JSON file (default: stdin)')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .option('--json', 'print the answer as JSON')
    .option('--funding', 'add the funding consequence: the federal grant conditions the answers conflict with, and the rulings that bind the place')
    .action(
      guard(async (opts: { case?: string; registry?: string; json?: boolean; funding?: boolean }) => {
        const text = opts.case
          ? await readFile(opts.case, 'utf8').catch((cause: NodeJS.ErrnoException) => {
              throw new AppError('invalid-input', `cannot read ${opts.case}: ${cause.code ?? cause.message}`, { file: opts.case }, { cause })
            })
          : await readStdin()
        const input = parseJsonInput(text, opts.case ?? 'stdin')
        const engine = createEngine(await loadRegistryOrThrow(opts.registry ?? defaultRegistryDir()), { version: packageVersion() })
        // Only real places: the engine would answer any well-formed ID from the layers above it.
        const j = (input as { jurisdiction?: unknown } | null)?.jurisdiction
        if (typeof j === 'string' && j.startsWith('ocd-division/')) requireDivisionId((await sharedNames(engine.registry)).names, j, 'jurisdiction')
        const answered = engine.evaluate(input)
        const evaluation = opts.funding ? withFunding(await loadFederalOrThrow(opts.registry ?? defaultRegistryDir(), engine.registry), engine, answered) : answered
        if (opts.json) printJson(evaluation)
        else process.stdout.write(evaluation.explanation)
      }),
    )

  program
    .command('test')
    .description('run the rule cases beside the registry files (*.cases.yaml)')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .option('--filter <text>', 'only cases whose file or name contains this')
    .option('--verbose', 'list passing cases too')
    .action(
      guard(async (opts: { registry?: string; filter?: string; verbose?: boolean }) => {
        const root = opts.registry ?? defaultRegistryDir()
        const engine = createEngine(await loadRegistryOrThrow(root), { version: packageVersion() })
        const cases: RuleCase[] = []
        let broken = 0
        const federalCases: FederalRuleCase[] = []
        for (const file of await readCaseFiles(root)) {
          if (isFederalFile(file.path)) {
            const fed = parseFederalCaseFile(file.path, file.text)
            for (const d of fed.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`)
            broken += fed.diagnostics.length
            federalCases.push(...fed.cases)
            continue
          }
          const parsed = parseCaseFile(file.path, file.text)
          for (const d of parsed.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`)
          broken += parsed.diagnostics.length
          cases.push(...parsed.cases)
        }
        const selected = opts.filter ? cases.filter((c) => c.file.includes(opts.filter!) || c.name.includes(opts.filter!)) : cases
        const selectedFederal = opts.filter ? federalCases.filter((c) => c.file.includes(opts.filter!) || c.name.includes(opts.filter!)) : federalCases
        const federal = selectedFederal.length ? await loadFederalOrThrow(root, engine.registry) : undefined
        const results: { ruleCase: { file: string; line?: number; name: string }; passed: boolean; failures: readonly string[] }[] = [
          ...runCases(engine, selected),
          ...(federal ? runFederalCases(federal, engine, selectedFederal) : []),
        ]
        let failed = broken
        for (const r of results) {
          const where = `${r.ruleCase.file}${r.ruleCase.line ? `:${r.ruleCase.line}` : ''}`
          if (r.passed) {
            if (opts.verbose) process.stdout.write(`ok   ${where}: ${r.ruleCase.name}\n`)
            continue
          }
          failed++
          process.stdout.write(`FAIL ${where}: ${r.ruleCase.name}\n${r.failures.map((f) => `       ${f}\n`).join('')}`)
        }
        const passed = results.filter((r) => r.passed).length
        process.stdout.write(`cases: ${passed} passed, ${failed} failed\n`)
        if (failed > 0) process.exitCode = 1
      }),
    )
}
