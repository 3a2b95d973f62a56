// The one cache policy of the comparison engine: least recently used, bounded by entries and,
// where entries differ much in size, by their total size (lru-cache). Prepared texts and
// reports, pair analyses, suffix automata, fingerprints, folded characters and finished
// comparisons all use it, and `clearCompareCaches` empties every one of them (benchmarks
// measure cold runs with it).
import { LRUCache } from 'lru-cache'

export type CacheBounds<K, V> = {
  /** most entries kept */
  entries: number
  /** most total size kept, measured by `sizeOf` (e.g. characters of text) */
  maxSize?: number
  sizeOf?: (value: V, key: K) => number
  /**
   * false for a table of a pure function of small inputs (folded characters): it is not text
   * analysis, and benchmarks' cold runs keep it as every running server does. (default true)
   */
  clearWithOthers?: boolean
}

const registry = new Set<{ clear(): void }>()

export function boundedCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(bounds: CacheBounds<K, V>): LRUCache<K, V> {
  const { sizeOf, maxSize } = bounds
  const cache = new LRUCache<K, V>(
    maxSize && sizeOf ? { max: bounds.entries, maxSize, sizeCalculation: (value, key) => Math.max(1, sizeOf(value, key)) } : { max: bounds.entries }
  )
  if (bounds.clearWithOthers !== false) registry.add(cache)
  return cache
}

/** Empties every cache made by `boundedCache`. */
export function clearAllCaches() {
  for (const cache of registry) cache.clear()
}

/** The value for `key`, computed once while it stays in the cache. */
export function cached<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(cache: LRUCache<K, V>, key: K, compute: () => V): V {
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  const value = compute()
  cache.set(key, value)
  return value
}
