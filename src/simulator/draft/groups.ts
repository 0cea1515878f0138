/**
 * Detainer records grouped once, for the toolkit: DuckDB reads each normalized Parquet file
 * (written by `sanctuary import`) once, grouping rows by place, day, fact columns and practice;
 * each group's place is resolved to OCD ids once. A draft check then runs the engine over the
 * groups linked to one jurisdiction (or its state, or a peer) without rescanning any file.
 * Row-level records never leave this module: only counts per group, in memory.
 */
import { existsSync } from 'node:fs'
import { DuckDBInstance } from '@duckdb/node-api'
import { formatDay } from '../../core/dates/index.ts'
import type { CaseFacts } from '../../core/engine/index.ts'
import { AppError } from '../../core/errors/index.ts'
import type { Registry } from '../../core/registry/index.ts'
import { PRACTICE_OUTCOMES, type PracticeOutcome } from '../import/index.ts'
import { caseFacts, FACT_COLUMNS, FACT_VOCABULARY, Places, practiceGroup, sqlString, type CountyName, type RecordFacts } from '../simulate/index.ts'

/** One distinct (source, place, day, facts, practice) with its number of records. */
export interface RecordGroup {
  readonly source: string
  /** The county's OCD id (or the state's when the county has no id), null when unlinked. */
  readonly county: string | null
  /** The registry place the records are in, if any. */
  readonly place: string | null
  /** The state's OCD id, when known. */
  readonly state: string | null
  /** Day number, null when the records have no date. */
  readonly day: number | null
  readonly date: string | null
  readonly facts: CaseFacts
  /** Index of the distinct fact combination (groups with the same facts share it). */
  readonly factsIndex: number
  readonly practice: number
  readonly count: number
}

export interface RecordGroups {
  readonly kind: 'record-groups'
  /** File names only (where they were read is not published). */
  readonly files: readonly string[]
  readonly groups: readonly RecordGroup[]
  /** Records per source and how many are linked to a county (exact; publish through `sourceLinking`). */
  readonly sources: ReadonlyMap<string, { readonly records: number; readonly linked: number; readonly practice: boolean }>
  /** Groups by the county or place OCD id they are linked to. */
  readonly byJurisdiction: ReadonlyMap<string, readonly RecordGroup[]>
  /** Linked groups by state OCD id. */
  readonly byState: ReadonlyMap<string, readonly RecordGroup[]>
  readonly loadMs: number
}

const COLUMNS = ['source', 'state', 'county_geoid', 'place_geoid', ...FACT_COLUMNS, 'practice_outcome'] as const

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v)
}

/**
 * Reads and groups normalized detainer records (Parquet files from `sanctuary import`).
 * `registry` and `counties` name the places (as `sanctuary simulate` does).
 *
 * @example
 * ```ts
 * const groups = await loadRecordGroups(['/tmp/pa.parquet'], registry, await loadCountyNames('../shared/data'))
 * groups.byJurisdiction.get('ocd-division/country:us/state:pa/county:lancaster')?.length
 * ```
 */
export async function loadRecordGroups(files: readonly string[], registry: Registry, counties: readonly CountyName[] = []): Promise<RecordGroups> {
  const started = performance.now()
  if (files.length === 0) throw new AppError('invalid-input', 'no record files given', { field: 'records' })
  for (const f of files) if (!existsSync(f)) throw new AppError('not-found', 'record file not found', { file: f })
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' })
  const c = await instance.connect()
  const places = new Places(registry, counties)
  const groups: RecordGroup[] = []
  const factIndex = new Map<string, number>()
  const factList: CaseFacts[] = []
  const sources = new Map<string, { records: number; linked: number; practice: boolean }>()
  try {
    for (const file of files) {
      const cols = new Set((await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`).catch((cause: unknown) => {
        throw new AppError('invalid-input', `not a readable Parquet file (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)})`, { file }, { cause })
      })).getRowObjectsJson().map((r) => String(r.column_name)))
      for (const col of [...COLUMNS, 'event_date']) if (!cols.has(col)) throw new AppError('invalid-input', 'missing column (is this a file written by sanctuary import?)', { file, field: col })
      const rows = (
        await c.runAndReadAll(`SELECT ${COLUMNS.map((x) => `"${x}"`).join(', ')}, (epoch_ms(event_date) // 86400000)::INTEGER AS day, count(*)::DOUBLE AS n
          FROM read_parquet(${sqlString(file)}) GROUP BY ALL`)
      ).getRowObjects()
      for (const row of rows) {
        const facts = {} as Record<string, string | null>
        for (const col of FACT_COLUMNS) {
          const v = str(row[col])
          if (v !== null && !FACT_VOCABULARY[col].includes(v)) throw new AppError('invalid-input', `"${v}" is not one of ${FACT_VOCABULARY[col].join(', ')}`, { file, field: col })
          facts[col] = v
        }
        const practice = str(row.practice_outcome)
        if (practice !== null && !(PRACTICE_OUTCOMES as readonly string[]).includes(practice)) throw new AppError('invalid-input', `"${practice}" is not a practice outcome`, { file, field: 'practice_outcome' })
        const source = str(row.source) ?? ''
        const loc = places.resolve({ state: str(row.state), county: str(row.county_geoid), place: str(row.place_geoid) })
        const key = FACT_COLUMNS.map((col) => facts[col] ?? '').join('|')
        let fi = factIndex.get(key)
        if (fi === undefined) {
          fi = factList.push(caseFacts(facts as RecordFacts)) - 1
          factIndex.set(key, fi)
        }
        const day = row.day === null || row.day === undefined ? null : Number(row.day)
        const count = Number(row.n)
        groups.push({ source, county: loc.linked ? loc.county : null, place: loc.place, state: loc.state, day, date: day === null ? null : formatDay(day), facts: factList[fi]!, factsIndex: fi, practice: practiceGroup(practice as PracticeOutcome | null), count })
        const s = sources.get(source) ?? { records: 0, linked: 0, practice: false }
        s.records += count
        if (loc.linked) s.linked += count
        if (practice !== null) s.practice = true
        sources.set(source, s)
      }
    }
  } finally {
    c.closeSync()
    instance.closeSync()
  }
  const byJurisdiction = new Map<string, RecordGroup[]>()
  const byState = new Map<string, RecordGroup[]>()
  const push = (m: Map<string, RecordGroup[]>, k: string, g: RecordGroup) => {
    const list = m.get(k)
    if (list) list.push(g)
    else m.set(k, [g])
  }
  for (const g of groups) {
    if (g.county) push(byJurisdiction, g.county, g)
    if (g.place && g.place !== g.county) push(byJurisdiction, g.place, g)
    if (g.county && g.state) push(byState, g.state, g)
  }
  return { kind: 'record-groups', files: files.map((f) => f.split(/[\\/]/).pop()!), groups, sources, byJurisdiction, byState, loadMs: performance.now() - started }
}
