// Character n-gram hashes and binary search over position tables: small helpers shared by
// moves, section alignment, history fingerprints and the region passes.

/** Calls `visit` with a 32-bit hash of every n-character window of `key`. */
export function forEachGram(key: string, n: number, visit: (hash: number) => void) {
  for (let k = 0; k + n <= key.length; k++) {
    let hash = 0
    for (let c = k; c < k + n; c++) hash = (Math.imul(hash, 0x01000193) ^ key.charCodeAt(c)) >>> 0
    visit(hash)
  }
}

export function gramSet(keys: Iterable<string>, n: number): Set<number> {
  const set = new Set<number>()
  for (const key of keys) forEachGram(key, n, hash => set.add(hash))
  return set
}

/** Dice coefficient of two gram sets. */
export function dice(a: Set<number>, b: Set<number>): number {
  if (a.size + b.size === 0) return 1
  const [small, large] = a.size < b.size ? [a, b] : [b, a]
  let shared = 0
  for (const g of small) if (large.has(g)) shared++
  return (2 * shared) / (a.size + b.size)
}

/** First index whose value is ≥ target (values ascending). */
export function lowerBound(values: Int32Array, target: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (values[mid] < target) lo = mid + 1
    else hi = mid
  }
  return lo
}
