/**
 * Walker's alias method (Vose's construction): sampling a category with given weights from one
 * uniform number in O(1), so the generator can draw each field of each row with two list lookups.
 */

/** An alias table: draw `j = floor(u·n)`, then keep `j` when `frac(u·n) < prob[j]`, else take `alias[j]`. */
export interface AliasTable {
  readonly prob: readonly number[]
  readonly alias: readonly number[]
}

/**
 * Builds the alias table of non-negative weights (at least one positive).
 *
 * @example
 * ```ts
 * const t = aliasTable([3, 1])
 * aliasDraw(t, 0.1) // 0
 * ```
 */
export function aliasTable(weights: readonly number[]): AliasTable {
  const n = weights.length
  const total = weights.reduce((a, w) => a + w, 0)
  if (n === 0 || !(total > 0) || weights.some((w) => !(w >= 0))) throw new RangeError('alias table needs non-negative weights with a positive sum')
  const scaled = weights.map((w) => (w * n) / total)
  const prob = new Array<number>(n).fill(1)
  const alias = Array.from({ length: n }, (_, i) => i)
  const small: number[] = []
  const large: number[] = []
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i))
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number
    const l = large.pop() as number
    prob[s] = scaled[s] as number
    alias[s] = l
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1
    ;((scaled[l] as number) < 1 ? small : large).push(l)
  }
  // What is left is 1 up to rounding: those columns keep themselves.
  for (const i of [...small, ...large]) prob[i] = 1
  return { prob, alias }
}

/**
 * The category an alias table gives for a uniform `u` in [0, 1) (the same rule the SQL applies).
 *
 * @example
 * ```ts
 * aliasDraw(aliasTable([1, 1]), 0.75) // 1
 * ```
 */
export function aliasDraw(table: AliasTable, u: number): number {
  const n = table.prob.length
  const x = u * n
  const j = Math.min(n - 1, Math.floor(x))
  return x - j < (table.prob[j] as number) ? j : (table.alias[j] as number)
}

/**
 * The probability of each category under an alias table (for checking a table against its weights).
 *
 * @example
 * ```ts
 * aliasProbabilities(aliasTable([3, 1])) // [0.75, 0.25]
 * ```
 */
export function aliasProbabilities(table: AliasTable): number[] {
  const n = table.prob.length
  const p = new Array<number>(n).fill(0)
  for (let j = 0; j < n; j++) {
    p[j] = (p[j] as number) + (table.prob[j] as number) / n
    const a = table.alias[j] as number
    p[a] = (p[a] as number) + (1 - (table.prob[j] as number)) / n
  }
  return p
}
