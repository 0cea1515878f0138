/**
 * The marginals the synthesizer follows: per source, categorical distributions of the normalized
 * record's fields, measured from the real files and committed as `marginals.json`. Aggregates
 * only: every published count is at least {@link SYNTH_MIN_CELL}; smaller cells are merged (see
 * {@link poolSmallCells}). This module is pure; reading and measuring live in `load.ts` and
 * `measure.ts`.
 */
import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { AppError } from '../../core/errors/index.ts'

/** The smallest count published in the marginals (cells of 1–10 records are merged). */
export const SYNTH_MIN_CELL = 11

/** A value of one field in a cell; `null` is the field's "not given" value and is a cell like any other. */
export type CellValue = string | null

/**
 * One categorical distribution over one or more fields (a joint distribution when several).
 * `cells` hold `[value, value, …, count]` with count ≥ 11. `merged` pools the cells under 11 (and,
 * when needed, the smallest larger ones, so that no single pooled cell can be derived): the
 * generator spreads its count evenly over its members. Its `count` is `null` only when the whole
 * distribution has fewer than 11 records (its weight then comes from the enclosing distribution).
 */
export interface Distribution {
  readonly fields: readonly string[]
  readonly cells: ReadonlyArray<ReadonlyArray<CellValue | number>>
  readonly merged: { readonly count: number | null; readonly members: ReadonlyArray<readonly CellValue[]> } | null
}

/** The distributions of one source; all but `linkMethod` and `custody` are over all its records. */
export interface SourceMarginals {
  readonly source: string
  readonly records: number
  /** `state, county_geoid, place_geoid`; a `null` county is an unlinked record. */
  readonly geography: Distribution
  /** `link_method` over the linked records (unlinked records are always `unlinked`). */
  readonly linkMethod: Distribution | null
  /** `month` (`YYYY-MM`); the day is drawn uniformly within the month. */
  readonly month: Distribution
  readonly detainerForm: Distribution
  /** `custody` given whether the record is linked (custody comes from the linked facility). */
  readonly custody: { readonly linked: Distribution | null; readonly unlinked: Distribution | null }
  /** `conviction_status, conviction_category, conviction_level` jointly. */
  readonly conviction: Distribution
  /** `charge_status, charge_category, charge_level` jointly. */
  readonly charge: Distribution
  readonly practiceOutcome: Distribution
}

/** The whole committed file. */
export interface Marginals {
  readonly kind: 'synth-marginals'
  readonly minCell: number
  readonly provenance: {
    readonly note: string
    /** The command that regenerates the file. */
    readonly command: string
    readonly measuredOn: string
    readonly inputs: ReadonlyArray<{ readonly source: string; readonly format: string; readonly files: readonly string[] }>
  }
  readonly sources: readonly SourceMarginals[]
}

const CellValueSchema = Type.Union([Type.String(), Type.Null()])
const DistributionSchema = Type.Object(
  {
    fields: Type.Array(Type.String(), { minItems: 1 }),
    cells: Type.Array(Type.Array(Type.Union([Type.String(), Type.Null(), Type.Integer({ minimum: 0 })]))),
    merged: Type.Union([
      Type.Null(),
      Type.Object({ count: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]), members: Type.Array(Type.Array(CellValueSchema), { minItems: 1 }) }, { additionalProperties: false }),
    ]),
  },
  { additionalProperties: false },
)
const MaybeDistribution = Type.Union([DistributionSchema, Type.Null()])
const MarginalsSchema = Type.Object(
  {
    kind: Type.Literal('synth-marginals'),
    minCell: Type.Integer({ minimum: 1 }),
    provenance: Type.Object({
      note: Type.String(),
      command: Type.String(),
      measuredOn: Type.String(),
      inputs: Type.Array(Type.Object({ source: Type.String(), format: Type.String(), files: Type.Array(Type.String()) })),
    }),
    sources: Type.Array(
      Type.Object(
        {
          source: Type.String({ minLength: 1 }),
          records: Type.Integer({ minimum: 1 }),
          geography: DistributionSchema,
          linkMethod: MaybeDistribution,
          month: DistributionSchema,
          detainerForm: DistributionSchema,
          custody: Type.Object({ linked: MaybeDistribution, unlinked: MaybeDistribution }, { additionalProperties: false }),
          conviction: DistributionSchema,
          charge: DistributionSchema,
          practiceOutcome: DistributionSchema,
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
)
type MarginalsShape = Static<typeof MarginalsSchema>
const checkMarginals = Compile(MarginalsSchema)

/** The distribution keys of {@link SourceMarginals}, with the fields each must have. */
export const DISTRIBUTION_FIELDS = {
  geography: ['state', 'county_geoid', 'place_geoid'],
  linkMethod: ['link_method'],
  month: ['month'],
  detainerForm: ['detainer_form'],
  custody: ['custody'],
  conviction: ['conviction_status', 'conviction_category', 'conviction_level'],
  charge: ['charge_status', 'charge_category', 'charge_level'],
  practiceOutcome: ['practice_outcome'],
} as const

/**
 * Checks parsed JSON against the marginals format: the shape, each distribution's fields, each
 * cell's arity, and that no published count is under `minCell`. Throws `invalid-input` naming the
 * file and the field path.
 *
 * @example
 * ```ts
 * const marginals = parseMarginals(JSON.parse(text), 'marginals.json')
 * ```
 */
export function parseMarginals(value: unknown, file: string): Marginals {
  if (!checkMarginals.Check(value)) {
    const error = [...checkMarginals.Errors(value)][0]
    const field = error?.instancePath.split('/').filter(Boolean).join('.') ?? ''
    throw new AppError('invalid-input', `not a marginals file: ${error?.message ?? 'invalid'}`, { file, ...(field ? { field } : {}) })
  }
  const m = value as MarginalsShape
  m.sources.forEach((s, i) => {
    for (const key of Object.keys(DISTRIBUTION_FIELDS) as Array<keyof typeof DISTRIBUTION_FIELDS>) {
      const entries: Array<[string, Distribution | null]> =
        key === 'custody' ? [['custody.linked', s.custody.linked], ['custody.unlinked', s.custody.unlinked]] : [[key, s[key] as Distribution | null]]
      for (const [path, d] of entries) if (d) checkDistribution(d, DISTRIBUTION_FIELDS[key], m.minCell, file, `sources.${i}.${path}`)
    }
  })
  return m as Marginals
}

function checkDistribution(d: Distribution, fields: readonly string[], minCell: number, file: string, path: string): void {
  const fail = (message: string, where = path) => {
    throw new AppError('invalid-input', message, { file, field: where })
  }
  if (d.fields.join(',') !== fields.join(',')) fail(`fields must be ${fields.join(', ')}`, `${path}.fields`)
  d.cells.forEach((cell, j) => {
    if (cell.length !== fields.length + 1) fail(`a cell must be ${fields.length} values and a count`, `${path}.cells.${j}`)
    const count = cell[fields.length]
    if (typeof count !== 'number') fail('the last item of a cell must be its count', `${path}.cells.${j}`)
    if ((count as number) < minCell) fail(`count ${count} is under the smallest published cell (${minCell})`, `${path}.cells.${j}`)
    if (cell.slice(0, -1).some((v) => typeof v === 'number')) fail('cell values must be strings or null', `${path}.cells.${j}`)
  })
  if (d.merged) {
    if (d.merged.count !== null && d.merged.count < minCell) fail(`merged count is under ${minCell}`, `${path}.merged.count`)
    d.merged.members.forEach((m, j) => {
      if (m.length !== fields.length) fail(`a member must be ${fields.length} values`, `${path}.merged.members.${j}`)
    })
  }
  if (d.cells.length === 0 && !d.merged) fail('a distribution needs cells or a merged pool', path)
}

/** A measured cell before suppression. */
export interface RawCell {
  readonly values: readonly CellValue[]
  readonly count: number
}

/**
 * Small-cell suppression for one distribution: cells with fewer than `minCell` records go into a
 * merged pool; while the pool has fewer than `minCell` records or only one member (whose count
 * would then be derivable from the total), the smallest remaining cell joins it. Deterministic:
 * ties break on the values. When the whole distribution is under `minCell`, everything is pooled
 * and the pool's count is `null`.
 *
 * @example
 * ```ts
 * poolSmallCells(['a', 'b', 'c'].map((v, i) => ({ values: [v], count: [40, 5, 12][i]! })), ['x'])
 * // { fields: ['x'], cells: [['a', 40]], merged: { count: 17, members: [['b'], ['c']] } }
 * ```
 */
export function poolSmallCells(raw: readonly RawCell[], fields: readonly string[], minCell = SYNTH_MIN_CELL): Distribution {
  const key = (c: RawCell) => JSON.stringify(c.values)
  const sorted = raw.filter((c) => c.count > 0).sort((a, b) => b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  const kept = sorted.filter((c) => c.count >= minCell)
  const pool = sorted.filter((c) => c.count < minCell)
  const poolTotal = () => pool.reduce((a, c) => a + c.count, 0)
  if (pool.length > 0) {
    while ((poolTotal() < minCell || pool.length < 2) && kept.length > 0) pool.push(kept.pop() as RawCell)
  }
  const total = poolTotal()
  return {
    fields: [...fields],
    cells: kept.map((c) => [...c.values, c.count]),
    merged: pool.length === 0 ? null : { count: total >= minCell ? total : null, members: pool.map((c) => [...c.values]) },
  }
}

/**
 * A distribution's categories with their weights: each published cell at its count, each merged
 * member at an equal share of the pool (1 each when the pool's count is not published).
 *
 * @example
 * ```ts
 * weightedCategories({ fields: ['x'], cells: [['a', 40]], merged: { count: 20, members: [['b'], ['c']] } })
 * // [{ values: ['a'], weight: 40 }, { values: ['b'], weight: 10 }, { values: ['c'], weight: 10 }]
 * ```
 */
export function weightedCategories(d: Distribution): Array<{ values: CellValue[]; weight: number }> {
  const out = d.cells.map((cell) => ({ values: cell.slice(0, -1) as CellValue[], weight: cell[cell.length - 1] as number }))
  if (d.merged) {
    const each = d.merged.count === null ? 1 : d.merged.count / d.merged.members.length
    for (const m of d.merged.members) out.push({ values: [...m], weight: each })
  }
  return out
}

/**
 * Geography before suppression: a (state, county, place) cell under `minCell` is folded into its
 * county's cell with no place (the county stays known, the place becomes unknown), so small places
 * do not cost their county. What stays under `minCell` is then pooled by {@link poolSmallCells}.
 *
 * @example
 * ```ts
 * rollUpPlaces([{ values: ['wa', '53053', '5370000'], count: 4 }, { values: ['wa', '53053', null], count: 9 }])
 * // [{ values: ['wa', '53053', null], count: 13 }]
 * ```
 */
export function rollUpPlaces(cells: readonly RawCell[], minCell = SYNTH_MIN_CELL): RawCell[] {
  const out = new Map<string, { values: CellValue[]; count: number }>()
  for (const c of cells) {
    const [state, county, place] = c.values as [CellValue, CellValue, CellValue]
    const values = place !== null && county !== null && c.count < minCell ? [state, county, null] : [state, county, place]
    const k = JSON.stringify(values)
    const cell = out.get(k)
    if (cell) cell.count += c.count
    else out.set(k, { values, count: c.count })
  }
  return [...out.values()]
}
