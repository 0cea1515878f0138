/**
 * The record columns the engine reads, their vocabularies, and the case facts built from them.
 */
import type { CaseFacts, Offense } from '../../core/engine/index.ts'
import {
  CHARGE_STATUSES,
  CONVICTION_STATUSES,
  CUSTODY_VALUES,
  DETAINER_FORMS,
  OFFENSE_CATEGORIES,
  OFFENSE_LEVELS,
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

/**
 * Escapes a string for a single-quoted SQL literal.
 *
 * @example
 * ```ts
 * sqlString("o'brien.parquet") // "'o''brien.parquet'"
 * ```
 */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
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
