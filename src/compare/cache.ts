// Results of comparisons keyed by the content they were computed from: a repeated view of
// unchanged reports is served from memory, and any edit changes the key.
import { createHash } from 'node:crypto'

export function contentKey(...parts: unknown[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(JSON.stringify(part) ?? 'undefined').update('\u0000')
  return hash.digest('hex')
}

/** A small least-recently-used map. */
export class ResultCache<T> {
  private entries = new Map<string, T>()
  hits = 0
  misses = 0
  constructor(private readonly limit = 200) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key)
    if (value === undefined) {
      this.misses++
      return undefined
    }
    this.hits++
    this.entries.delete(key)
    this.entries.set(key, value)
    return value
  }

  set(key: string, value: T) {
    this.entries.set(key, value)
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string)
  }

  clear() {
    this.entries.clear()
  }
}
