// Keys for cached comparison results, from the content they were computed from (the caches
// themselves are lru.ts's boundedCache).
import { createHash } from 'node:crypto'

export function contentKey(...parts: unknown[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(JSON.stringify(part) ?? 'undefined').update('\u0000')
  return hash.digest('hex')
}

