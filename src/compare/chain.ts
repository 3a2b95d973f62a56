// The heaviest chain: of items in their given order, the subsequence where each item may
// follow the one before it and whose summed weight is largest (O(n²); callers keep n small).
// Used for anchor sentences, shared passages kept in order, and sections still in order.
export function heaviestChain<T>(items: readonly T[], weight: (item: T) => number, follows: (before: T, after: T) => boolean): T[] {
  const weights = items.map(weight)
  const best = [...weights]
  const prev = items.map(() => -1)
  for (let x = 0; x < items.length; x++) {
    for (let y = 0; y < x; y++) {
      if (follows(items[y], items[x]) && best[y] + weights[x] > best[x]) {
        best[x] = best[y] + weights[x]
        prev[x] = y
      }
    }
  }
  const chain: T[] = []
  for (let end = best.indexOf(Math.max(0, ...best)); end >= 0; end = prev[end]) chain.unshift(items[end])
  return chain
}
