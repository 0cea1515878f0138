/**
 * The scan's index of 64-bit hash keys (see `scanFiles` in run.ts).
 */

/** A key's first slot: the halves mixed (golden-ratio multiply) and masked to the table. */
const home = (hi: number, lo: number, mask: number): number => (lo ^ Math.imul(hi, 0x9e3779b1)) & mask

/**
 * Dense indexes of 64-bit keys given as two 32-bit halves (the scan's hashes): open addressing on
 * typed arrays, where a `Map` would box each key as a double.
 *
 * @example
 * ```ts
 * const index = new HashIndex()
 * index.index(7, -1) // 0 (new)
 * index.index(8, -1) // 1 (new)
 * index.index(7, -1) // 0
 * ```
 */
export class HashIndex {
  private mask = 4095
  private hi = new Int32Array(4096)
  private lo = new Int32Array(4096)
  /** index + 1 per slot; 0 for an empty slot */
  private slot = new Int32Array(4096)
  size = 0

  /** The key's index, a new one (the current size) when the key is new. */
  index(hi: number, lo: number): number {
    const mask = this.mask
    let i = home(hi, lo, mask)
    for (;;) {
      const s = this.slot[i]!
      if (s === 0) break
      if (this.lo[i] === lo && this.hi[i] === hi) return s - 1
      i = (i + 1) & mask
    }
    this.hi[i] = hi
    this.lo[i] = lo
    this.slot[i] = ++this.size
    if (this.size * 2 > mask) this.grow()
    return this.size - 1
  }

  private grow(): void {
    const { hi, lo, slot } = this
    const cap = (this.mask + 1) * 2
    this.mask = cap - 1
    this.hi = new Int32Array(cap)
    this.lo = new Int32Array(cap)
    this.slot = new Int32Array(cap)
    for (let j = 0; j < slot.length; j++) {
      if (slot[j] === 0) continue
      let i = home(hi[j]!, lo[j]!, this.mask)
      while (this.slot[i] !== 0) i = (i + 1) & this.mask
      this.hi[i] = hi[j]!
      this.lo[i] = lo[j]!
      this.slot[i] = slot[j]!
    }
  }
}
