/**
 * The record columns the engine reads, packed into one integer (the "fact key") so DuckDB can
 * group ten million rows by them, and unpacked back into the case facts the engine evaluates.
 *
 * Each column's code is 0 for null, 1 + its index in the column's vocabulary for a known value,
 * and `vocabulary.length + 1` for a value outside it (reported as bad input). The same tables
 * build the SQL expression and decode its result, so the two cannot drift apart.
 */
import type { CaseFacts, Offense } from '../../core/engine/index.ts'
import {
  CHARGE_STATUSES,
  CONVICTION_STATUSES,
  CUSTODY_VALUES,
  DETAINER_FORMS,
  OFFENSE_CATEGORIES,
  OFFENSE_LEVELS,
  PRACTICE_OUTCOMES,
  type DetainerRecord,
} from '../import/index.ts'

/** The record columns the case is built from, in packing order. */
export const FACT_COLUMNS = [
  'custody',
  'detainer_form',
  'conviction_status',
  'conviction_category',
  'conviction_level',
  'charge_status',
  'charge_category',
  'charge_level',
] as const satisfies ReadonlyArray<keyof DetainerRecord>
export type FactColumn = (typeof FACT_COLUMNS)[number]

/** Each fact column's vocabulary (the import contract's enums). */
export const FACT_VOCABULARY: Readonly<Record<FactColumn, readonly string[]>> = {
  custody: CUSTODY_VALUES,
  detainer_form: DETAINER_FORMS,
  conviction_status: CONVICTION_STATUSES,
  conviction_category: OFFENSE_CATEGORIES,
  conviction_level: OFFENSE_LEVELS,
  charge_status: CHARGE_STATUSES,
  charge_category: OFFENSE_CATEGORIES,
  charge_level: OFFENSE_LEVELS,
}

/** A record's fact columns (null = the source does not say). */
export type RecordFacts = { readonly [K in FactColumn]: string | null }

const RADIX = FACT_COLUMNS.map((c) => FACT_VOCABULARY[c].length + 2)
const MULTIPLIER: number[] = []
{
  let m = 1
  for (const r of RADIX) {
    MULTIPLIER.push(m)
    m *= r
  }
}

/** Number of distinct fact keys (every key is below this). */
export const FACT_KEY_SPACE = RADIX.reduce((a, b) => a * b, 1)

/** Escapes a string for a single-quoted SQL literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** SQL for a column's code: 0 null, 1 + index, or vocabulary length + 1 when not in the vocabulary. */
export function codeSql(column: string, vocabulary: readonly string[]): string {
  const list = `[${vocabulary.map(sqlString).join(', ')}]::VARCHAR[]`
  return `(CASE WHEN "${column}" IS NULL THEN 0 ELSE coalesce(nullif(list_position(${list}, "${column}"), 0), ${vocabulary.length + 1}) END)`
}

/**
 * The SQL expression packing a row's fact columns into its fact key (an INTEGER).
 *
 * @example
 * ```ts
 * `SELECT ${factKeySql()} AS fact_key, count(*) FROM read_parquet('x.parquet') GROUP BY 1`
 * ```
 */
export function factKeySql(): string {
  return `(${FACT_COLUMNS.map((c, i) => `${codeSql(c, FACT_VOCABULARY[c])} * ${MULTIPLIER[i]}`).join(' + ')})::INTEGER`
}

/**
 * Packs record facts into a fact key (the JavaScript twin of {@link factKeySql}).
 *
 * @example
 * ```ts
 * decodeFactKey(encodeFacts({ ...noFacts, custody: 'county-jail' })).custody // 'county-jail'
 * ```
 */
export function encodeFacts(facts: RecordFacts): number {
  let key = 0
  FACT_COLUMNS.forEach((c, i) => {
    const value = facts[c]
    const vocabulary = FACT_VOCABULARY[c]
    const code = value === null ? 0 : vocabulary.indexOf(value) + 1 || vocabulary.length + 1
    key += code * MULTIPLIER[i]!
  })
  return key
}

/** A decoded fact key, or the first column whose value was outside its vocabulary. */
export type DecodedFacts = { readonly kind: 'facts'; readonly facts: RecordFacts } | { readonly kind: 'invalid'; readonly column: FactColumn }

/**
 * Unpacks a fact key.
 *
 * @example
 * ```ts
 * decodeFactKey(0) // { kind: 'facts', facts: { custody: null, … } }
 * ```
 */
export function decodeFactKey(key: number): DecodedFacts {
  const facts: Record<string, string | null> = {}
  let rest = key
  for (let i = 0; i < FACT_COLUMNS.length; i++) {
    const column = FACT_COLUMNS[i]!
    const code = rest % RADIX[i]!
    rest = Math.floor(rest / RADIX[i]!)
    const vocabulary = FACT_VOCABULARY[column]
    if (code === vocabulary.length + 1) return { kind: 'invalid', column }
    facts[column] = code === 0 ? null : vocabulary[code - 1]!
  }
  return { kind: 'facts', facts: facts as RecordFacts }
}

/** Practice outcome codes: 0 null, 1 + index in {@link PRACTICE_OUTCOMES}, length + 1 invalid. */
export function practiceCodeSql(): string {
  return codeSql('practice_outcome', PRACTICE_OUTCOMES)
}

/** The practice outcome of a code (null when the record does not say); throws on an invalid code. */
export function practiceFromCode(code: number): (typeof PRACTICE_OUTCOMES)[number] | null {
  return code === 0 ? null : (PRACTICE_OUTCOMES[code - 1] ?? null)
}

function offense(category: string | null, level: string | null): Offense | undefined {
  if (category === null) return undefined
  return level === null ? { category: category as Offense['category'] } : { category: category as Offense['category'], level: level as NonNullable<Offense['level']> }
}

/**
 * The offenses a record states, as the engine's list: `[]` when the source says there are none,
 * one offense (the most serious the source gives) when it names its category, `undefined`
 * (unknown) when the source is silent or says there is one without naming its category.
 */
function offenses(status: string | null, category: string | null, level: string | null, none: string): readonly Offense[] | undefined {
  if (status === none) return []
  const o = offense(category, level)
  return o ? [o] : undefined
}

/**
 * The case facts the engine reads, from a record's columns. Facts the record lacks stay absent,
 * so the engine answers undetermined wherever they would matter: no record says whether a
 * judicial warrant came with the detainer, so a rule that turns on one is undetermined.
 *
 * @example
 * ```ts
 * caseFacts({ custody: 'county-jail', detainer_form: 'I-247A', conviction_status: 'none', … })
 * // { custody: 'county-jail', detainer: { form: 'I-247A' }, person: { convictions: [] } }
 * ```
 */
export function caseFacts(f: RecordFacts): CaseFacts {
  const convictions = offenses(f.conviction_status, f.conviction_category, f.conviction_level, 'none')
  const pendingCharges = offenses(f.charge_status, f.charge_category, f.charge_level, 'none')
  const person = {
    ...(convictions !== undefined ? { convictions: [...convictions] } : {}),
    ...(pendingCharges !== undefined ? { pendingCharges: [...pendingCharges] } : {}),
  }
  return {
    ...(f.custody !== null ? { custody: f.custody as NonNullable<CaseFacts['custody']> } : {}),
    ...(f.detainer_form !== null ? { detainer: { form: f.detainer_form } } : {}),
    ...(Object.keys(person).length > 0 ? { person } : {}),
  }
}
