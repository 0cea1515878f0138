/**
 * Privacy for published simulation results: small-cell suppression (< 11 records) with
 * complementary suppression so that no suppressed count can be derived from what is published.
 *
 * @example
 * ```ts
 * import { protect, MIN_CELL } from './simulator/privacy/index.ts'
 * const p = protect({ minCell: MIN_CELL, ...table })
 * ```
 */
export {
  protect,
  atomKey,
  ItemLayout,
  SLOT,
  CELL_SLOTS,
  TOTAL_SLOTS,
  TOTAL_UNLINKED,
  SOURCE_SLOTS,
  LVP_SLOTS,
  ANSWER_COUNT,
  PRACTICE_COUNT,
  PRACTICE_UNKNOWN,
  type ProtectInput,
  type ProtectOptions,
  type Protection,
  type WitnessEntry,
} from './protect.ts'

/** The smallest count published: cells and counts of 1–10 records are suppressed. */
export const MIN_CELL = 11
