// Winnowing (Schleimer, Wilkerson & Aiken 2003) over folded text: of every window of hashes of
// consecutive k-grams keep the smallest, so any run shared by two texts of at least
// kgram + window - 1 characters shares at least one kept hash, whatever surrounds it.
import { ARCHIVE_CONFIG } from './config'

/** 32-bit FNV-1a of tokens[i, i + k), as a signed integer (fits every database's INTEGER). */
export function kgramHash(tokens: readonly string[], i: number, k: number): number {
  let h = 0x811c9dc5
  for (let j = i; j < i + k; j++) {
    const code = tokens[j].codePointAt(0) as number
    h = Math.imul(h ^ (code & 0xffff), 0x01000193)
    h = Math.imul(h ^ (code >>> 16), 0x01000193)
  }
  return h | 0
}

/** Hashes of every k-gram, in order. */
export function kgramHashes(tokens: readonly string[], k: number = ARCHIVE_CONFIG.kgram): number[] {
  const out: number[] = []
  for (let i = 0; i + k <= tokens.length; i++) out.push(kgramHash(tokens, i, k))
  return out
}

/** Positions of the winnowed k-grams (the rightmost minimum of each window, each position once). */
export function winnow(hashes: readonly number[], window: number = ARCHIVE_CONFIG.window): number[] {
  if (hashes.length === 0) return []
  if (hashes.length <= window) return [argMinRight(hashes, 0, hashes.length)]
  const picked: number[] = []
  let last = -1
  for (let start = 0; start + window <= hashes.length; start++) {
    // the previous minimum still in the window stays the minimum unless the new hash is smaller
    let min = last >= start ? last : argMinRight(hashes, start, start + window)
    const incoming = start + window - 1
    if (last >= start && hashes[incoming] <= hashes[min]) min = incoming
    if (min !== last) picked.push(min)
    last = min
  }
  return picked
}

function argMinRight(hashes: readonly number[], from: number, to: number): number {
  let min = from
  for (let i = from + 1; i < to; i++) if (hashes[i] <= hashes[min]) min = i
  return min
}

/** The distinct winnowed hashes of a token list: what the database stores per section. */
export function fingerprints(tokens: readonly string[]): number[] {
  const hashes = kgramHashes(tokens)
  return [...new Set(winnow(hashes).map(i => hashes[i]))].sort((a, b) => a - b)
}
