/** `sanctuary list`, `show` and `schema`: reading the registry (`check` is in check.ts). */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import { formatDay, parseDay, todayUtc } from '../../../core/dates/index.ts'
import { AppError } from '../../../core/errors/index.ts'
import {
  ACTIONS,
  coverageCounts,
  JurisdictionFileSchema,
  jurisdictionSummary,
  jurisdictionView,
  OffenseClassesFileSchema,
  type Action,
  type Registry,
} from '../../../core/registry/index.ts'
import { describeEnactment, describeJurisdiction, enactmentView, filterJurisdictions } from '../../../core/registry/index.ts'
import { defaultRegistryDir, loadRegistryOrThrow, sharedNames } from '../../fs/index.ts'
import { jurisdictionDetail } from '../../../core/answers/index.ts'
import { jurisdictionOrThrow, resolveLaw, resolveName, type Candidate } from '../../../core/names/index.ts'
import { coverageLine } from './check.ts'
import { badOption, guard, printJson } from '../output.ts'

interface DirOption {
  registry?: string
}

/** Registers the registry commands on the program. */
export function registerRegistryCommands(program: Command): void {
  program
    .command('list')
    .description('list jurisdictions in the registry')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .option('--state <code>', 'two-letter state code')
    .option('--level <level>', 'state, district, county or place')
    .option('--action <action>', `only those with a provision on this action in force (${ACTIONS.join(', ')})`)
    .option('--as-of <date>', 'date for --action (YYYY-MM-DD; default today)')
    .option('--json', 'print JSON')
    .action(
      guard(async (opts: DirOption & { state?: string; level?: string; action?: string; asOf?: string; json?: boolean }) => {
        const registry = await loadRegistryOrThrow(opts.registry ?? defaultRegistryDir())
        const asOf = opts.asOf === undefined ? todayUtc() : (parseDay(opts.asOf) ?? badOption('--as-of', `"${opts.asOf}" is not a date YYYY-MM-DD`))
        if (opts.action && !(ACTIONS as readonly string[]).includes(opts.action)) badOption('--action', `unknown action "${opts.action}"; one of ${ACTIONS.join(', ')}`)
        if (opts.level && !['country', 'state', 'district', 'county', 'place'].includes(opts.level)) badOption('--level', `unknown level "${opts.level}"`)
        const found = filterJurisdictions(registry, { state: opts.state, level: opts.level, action: opts.action as Action | undefined, asOf })
        if (opts.json) return printJson(found.map(jurisdictionSummary))
        for (const j of found) {
          const s = jurisdictionSummary(j)
          process.stdout.write(`${s.id}\t${s.name}\t${s.level}\t${s.enactments} enactments, ${s.provisions} provisions\t${s.confidence} confidence\n`)
        }
        process.stderr.write(`${found.length} jurisdiction(s)${opts.action ? ` with ${opts.action} provisions in force on ${formatDay(asOf)}` : ''}\n`)
        process.stderr.write(`registry: ${coverageLine(coverageCounts(registry))}\n`)
      }),
    )

  program
    .command('show')
    .description('show one jurisdiction (by OCD ID, name or alias) or enactment (by id)')
    .argument('<id-or-name>')
    .option('--registry <dir>', 'registry folder', defaultRegistryDir())
    .option('--json', 'print JSON')
    .action(
      guard(async (query: string, opts: DirOption & { json?: boolean }) => {
        const registry = await loadRegistryOrThrow(opts.registry ?? defaultRegistryDir())
        const enactment = registry.enactments.get(query) ?? (await lawByName(registry, query))
        if (enactment) return opts.json ? printJson(enactmentView(enactment)) : void process.stdout.write(`${describeEnactment(enactment)}\n`)
        const { names, gazetteer } = await sharedNames(registry)
        const c = jurisdictionOrThrow(resolveName(names, query), 'id-or-name')
        const j = registry.jurisdictions.get(c.jurisdiction)
        if (j) {
          if (opts.json) return printJson(jurisdictionView(j))
          return void process.stdout.write(describeJurisdiction(j))
        }
        // A real state, county or place without a file of its own: what reaches it from above.
        const detail = jurisdictionDetail(registry, gazetteer, c.jurisdiction)
        if (opts.json) return printJson({ ...detail, type: c.type, population: c.population })
        process.stdout.write(describeUnlisted(c, detail))
      }),
    )

  program
    .command('schema')
    .description('write the registry JSON Schema')
    .option('--out <file>', 'output file (default: stdout)')
    .action(
      guard(async (opts: { out?: string }) => {
        const text = `${JSON.stringify(registryJsonSchema(), null, 2)}\n`
        if (!opts.out) return void process.stdout.write(text)
        await mkdir(dirname(opts.out), { recursive: true })
        await writeFile(opts.out, text)
      }),
    )
}

/** The published JSON Schema: the jurisdiction file, with the offense-class file alongside. */
export function registryJsonSchema(): unknown {
  return { ...JSON.parse(JSON.stringify(JurisdictionFileSchema)), $defs: { OffenseClassesFile: JSON.parse(JSON.stringify(OffenseClassesFileSchema)) } }
}

/**
 * The enactment a typed law name or number means ("SB 54", "California Values Act") when the text
 * names no place: one law, or `invalid-input` naming the choices when several go by it.
 */
async function lawByName(registry: Registry, query: string) {
  const { names } = await sharedNames(registry)
  if (resolveName(names, query).kind !== 'unknown') return undefined
  const law = resolveLaw(names, query)
  if (law.kind === 'resolved') return registry.enactments.get(law.law.enactment)
  if (law.kind === 'ambiguous')
    throw new AppError('invalid-input', `"${query}" names ${law.candidates.length} laws; give one by its id: ${law.candidates.slice(0, 8).map((l) => `${l.title} (${l.jurisdictionName}): ${l.enactment}`).join('; ')}`, { field: 'id-or-name' })
  return undefined
}

/** A division without a registry file, as text. */
function describeUnlisted(c: Candidate, detail: ReturnType<typeof jurisdictionDetail>): string {
  const lines = [
    `${c.name}  (${c.jurisdiction})`,
    `${c.type}${c.geoid ? `, Census GEOID ${c.geoid}` : ''}${c.population !== null ? `, ${c.population.toLocaleString('en-US')} residents` : ''}`,
    detail.inRegistry ? '' : detail.note,
    `layers: ${detail.layers.map((l) => `${l.layer} ${l.name ?? 'unknown'}${l.inRegistry ? '' : ' (no file)'}`).join(' → ')}`,
  ]
  return `${lines.filter(Boolean).join('\n')}\n`
}
