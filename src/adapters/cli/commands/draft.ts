/**
 * `sanctuary draft check FILE --jurisdiction X --date D`: the toolkit's checks of a draft in the
 * registry's YAML (preemption, funding risk, simulated effect on detainer records given with
 * `--records`, rule cases), printed or as JSON, and its exports (`--export md|pdf|yaml|cases`).
 * A bad draft gets one line naming the file, line and field, and exit code 2.
 */
import { readFile, writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { createEngine } from '../../../core/engine/index.ts'
import { AppError, toAppError } from '../../../core/errors/index.ts'
import { parseYaml, type Diagnostic, type FieldPath } from '../../../core/registry/index.ts'
import { statusWords } from '../../../core/toolkit/index.ts'
import { defaultRegistryDir, loadFederalOrThrow, loadRegistryOrThrow, packageVersion } from '../../fs/index.ts'
import { createToolkitService, type DraftReport } from '../../toolkit/index.ts'
import { badOption, guard, printJson } from '../output.ts'

/** `provisions[0] (my-hold).when.all[1]` → `['provisions', 0, 'when', 'all', 1]`. */
export function fieldPath(field: string): FieldPath {
  const out: (string | number)[] = []
  for (const part of field.replace(/ \([^)]*\)/g, '').split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part)
    if (!m) return out
    if (m[1]) out.push(m[1])
    for (const i of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]))
  }
  return out
}

const EXPORTS = { md: 'markdown', markdown: 'markdown', pdf: 'pdf', yaml: 'yaml', cases: 'cases' } as const

function printReport(r: DraftReport): void {
  const c = r.check
  const w = (s: string) => process.stdout.write(`${s}\n`)
  w(`${c.draft.title} — ${c.jurisdictionName} (${c.jurisdiction}), in force from ${c.date}`)
  if (c.setAside.length) w(`  stands in for: ${c.setAside.map((s) => s.provision).join(', ')}`)
  for (const cl of c.clauses) {
    w(`  ${cl.provision}${cl.clauseTitle ? ` (${cl.clauseTitle})` : ''}: ${statusWords(cl.status)}`)
    for (const x of cl.citations) w(`    ${x.title}${x.citation ? ` — ${x.citation}` : ''}\n      "${x.quote}" ${x.url}`)
  }
  if (c.funding) for (const f of c.funding.conditions) w(`  funding: ${f.draft.condition.id}: conflict under the draft ${f.draft.conflict} (law in force: ${f.lawInForce}); enforceable ${f.draft.enforceable.value}`)
  const s = r.simulation
  if (s.kind === 'draft-effect') {
    const range = (h: { lower: number | null; upper: number | null } | undefined) => (!h || h.lower === null || h.upper === null ? 'withheld' : `${h.lower}–${h.upper}`)
    w(`  simulated (${s.action}, ${s.scope} ${s.scopeId}): records ${s.records ?? 'withheld'}; may or must: law ${range(s.law?.held)}, draft ${range(s.draft?.held)}`)
    for (const m of s.matchRate) w(`    match rate ${m.source}: ${m.rate === null ? 'withheld' : `${(100 * m.rate).toFixed(2)}%`}`)
  } else w(`  simulated effect: ${s.reason}`)
  w(`  rule cases: ${c.ruleCases.length}; check ${r.timings.checkMs.toFixed(0)} ms, simulation ${r.timings.simulationMs.toFixed(0)} ms`)
}

export function registerDraftCommands(program: Command): void {
  const draft = program.command('draft').description('the lawmaker toolkit: check and export a draft policy')
  draft
    .command('check')
    .description('check a draft (the registry YAML the toolkit exports) for a jurisdiction and date: preemption, funding risk, simulated effect, rule cases')
    .argument('<file>', 'the draft YAML')
    .option('--jurisdiction <ocd-id>', 'the state, county or place (default: the file’s `jurisdiction`)')
    .option('--date <YYYY-MM-DD>', 'the day it takes effect (default: the file’s `date`)')
    .option('--records <parquet...>', 'detainer records written by `sanctuary import`, for the simulated effect')
    .option('--crosswalks <dir>', 'shared data folder with county names')
    .option('--scope <scope>', 'whose records: auto, jurisdiction, state or peer', 'auto')
    .option('--peer <ocd-id>', 'with --scope peer')
    .option('--action <q>', 'hold, notify or interview', 'hold')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .option('--export <format>', 'write md, pdf, yaml or cases to --out instead of printing')
    .option('--out <file>', 'where --export writes')
    .option('--json', 'print JSON')
    .action(
      guard(async (file: string, opts: { jurisdiction?: string; date?: string; records?: string[]; crosswalks?: string; scope: string; peer?: string; action: string; registry: string; export?: string; out?: string; json?: boolean }) => {
        const format = opts.export === undefined ? undefined : EXPORTS[opts.export as keyof typeof EXPORTS]
        if (opts.export !== undefined && !format) badOption('--export', 'must be md, pdf, yaml or cases')
        if (format && !opts.out) badOption('--out', '--export needs --out FILE')
        const text = await readFile(file, 'utf8').catch((cause: NodeJS.ErrnoException) => {
          throw new AppError('not-found', `cannot read the draft: ${cause.code ?? cause.message}`, { file }, { cause })
        })
        const diagnostics: Diagnostic[] = []
        const parsed = parseYaml({ path: file, text }, diagnostics)
        if (!parsed) {
          const d = diagnostics[0]!
          throw new AppError('invalid-input', d.message, { file, line: d.line, column: d.column })
        }
        const value = (parsed.value ?? {}) as Record<string, unknown>
        const jurisdiction = opts.jurisdiction ?? (typeof value.jurisdiction === 'string' ? value.jurisdiction : undefined)
        const date = opts.date ?? (typeof value.date === 'string' ? value.date : undefined)
        if (!jurisdiction) badOption('--jurisdiction', 'is required (or a `jurisdiction` field in the file)')
        if (!date) badOption('--date', 'is required (or a `date` field in the file)')
        const registry = await loadRegistryOrThrow(opts.registry)
        const federal = await loadFederalOrThrow(opts.registry, registry)
        const toolkit = createToolkitService({ engine: createEngine(registry, { version: packageVersion() }), federal, records: opts.records, crosswalks: opts.crosswalks })
        let report: Awaited<ReturnType<typeof toolkit.check>>
        try {
          report = await toolkit.check({ draft: value, jurisdiction, date, simulation: { scope: opts.scope, ...(opts.peer ? { peer: opts.peer } : {}), action: opts.action } })
        } catch (thrown) {
          const e = toAppError(thrown)
          const field = e.location.field
          if (e.code !== 'invalid-input' || !field || field === 'jurisdiction' || field === 'date' || field.startsWith('simulation')) {
            if (field?.startsWith('simulation.')) throw new AppError(e.code, e.message.replace(/^simulation\.(\w+): /, ''), { field: `--${field.slice('simulation.'.length)}` })
            throw e
          }
          const pos = parsed.locator.locate(fieldPath(field))
          throw new AppError('invalid-input', e.message.startsWith(`${field}: `) ? e.message.slice(field.length + 2) : e.message, { file, line: pos?.line, column: pos?.column, field })
        }
        if (format) {
          const out = await toolkit.exportDraft(report, format)
          await writeFile(opts.out!, out.body)
          process.stdout.write(`wrote ${opts.out} (${format})\n`)
          return
        }
        const { draftValue: _d, ...shown } = report
        if (opts.json) return printJson(shown)
        printReport(shown)
      }),
    )
}
