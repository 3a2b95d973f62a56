// Pass 2 of compareTexts: sentences that moved. Among the sentences not aligned as equal,
// the same normalised sentence removed in one place and added in another is a move; a long
// sentence whose 6-grams mostly reappear in one sentence elsewhere moved with edits (its
// inner word diff is kept). Consecutive moved sentences form one block.
import type { Hunk } from './align'
import type { ResolvedCompareOptions } from './config'
import { forEachGram } from './grams'
import { finish, foldTinyEqualities, mergeAdjacent } from './ops'
import type { PreparedText } from './prepare'
import { diffSentences } from './regions'
import type { DiffOp, DiffStats } from './types'

const ANCHOR_GRAM = 6

/** Moved sentences by index on each side; `near` pairs moved with changes inside (a → b). */
export type Moves = { a: Map<number, string>; b: Map<number, string>; near: Map<number, number> }
export type MoveDetail = { id: string; similarity: number; ops: DiffOp[]; stats: DiffStats }

export function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i)
}

/** For each sentence, the changed region it lies in (-1 when aligned as equal). */
function regionIndex(hunks: Hunk[], length: number, side: 'a' | 'b'): Int32Array {
  const regions = new Int32Array(length).fill(-1)
  hunks.forEach((h, index) => {
    if (h.equal) return
    const [start, end] = side === 'a' ? [h.aStart, h.aEnd] : [h.bStart, h.bEnd]
    regions.fill(index, start, end)
  })
  return regions
}

export function findMovedSentences(A: PreparedText, B: PreparedText, hunks: Hunk[], options: ResolvedCompareOptions, counter: { next: number }): Moves {
  // a move goes from one changed region to another: with one region there is none to find
  if (hunks.filter(h => !h.equal).length < 2) return { a: new Map(), b: new Map(), near: new Map() }
  const minChars = options.minMoveChars
  const regionA = regionIndex(hunks, A.sentences.length, 'a')
  const regionB = regionIndex(hunks, B.sentences.length, 'b')
  const unpairedA = range(0, A.sentences.length).filter(i => regionA[i] >= 0 && A.sentences[i].key.length >= minChars)
  const unpairedB = new Set(range(0, B.sentences.length).filter(j => regionB[j] >= 0 && B.sentences[j].key.length >= minChars))

  // exact: the same normalised sentence removed in one place and added in another
  const byKey = new Map<string, number[]>()
  for (const j of unpairedB) {
    const list = byKey.get(B.sentences[j].key)
    if (list) list.push(j)
    else byKey.set(B.sentences[j].key, [j])
  }
  const pairs: [number, number][] = []
  const near = new Map<number, number>()
  const rest: number[] = []
  for (const i of unpairedA) {
    const list = byKey.get(A.sentences[i].key)
    const at = list ? list.findIndex(j => regionB[j] !== regionA[i]) : -1
    if (list && at >= 0) {
      const [j] = list.splice(at, 1)
      unpairedB.delete(j)
      pairs.push([i, j])
    } else rest.push(i)
  }

  // near: a long sentence whose 6-grams mostly reappear in one sentence of another region
  const index = new Map<number, number[]>()
  const gramCount = new Map<number, number>()
  for (const j of unpairedB) {
    if (B.sentences[j].key.length < 2 * minChars) continue
    let count = 0
    forEachGram(B.sentences[j].key, ANCHOR_GRAM, hash => {
      count++
      const list = index.get(hash)
      if (!list) index.set(hash, [j])
      else if (list.length <= options.nearMoveFanout && list[list.length - 1] !== j) list.push(j)
    })
    gramCount.set(j, count)
  }
  for (const i of rest) {
    const key = A.sentences[i].key
    if (key.length < 2 * minChars) continue
    const shared = new Map<number, number>()
    let count = 0
    forEachGram(key, ANCHOR_GRAM, hash => {
      count++
      const list = index.get(hash)
      if (!list || list.length > options.nearMoveFanout) return
      for (const j of list) shared.set(j, (shared.get(j) ?? 0) + 1)
    })
    let best: { j: number; score: number } | undefined
    for (const [j, n] of shared) {
      if (!unpairedB.has(j) || regionB[j] === regionA[i]) continue
      const score = n / Math.min(count, gramCount.get(j) ?? count)
      if (score >= options.nearMoveSimilarity && (!best || score > best.score)) best = { j, score }
    }
    if (best) {
      unpairedB.delete(best.j)
      pairs.push([i, best.j])
      near.set(i, best.j)
    }
  }

  const moves: Moves = { a: new Map(), b: new Map(), near }
  let previous: [number, number] | undefined
  let id = ''
  for (const [i, j] of pairs.sort((x, y) => x[0] - y[0])) {
    if (!previous || previous[0] !== i - 1 || previous[1] !== j - 1) id = `move-${counter.next++}`
    moves.a.set(i, id)
    moves.b.set(j, id)
    previous = [i, j]
  }
  return moves
}

/** The word diff of each moved block that has changes inside (a near-identical sentence in it). */
export function nearMoveDetails(A: PreparedText, B: PreparedText, moves: Moves, options: ResolvedCompareOptions): MoveDetail[] {
  const changedBlocks = new Set([...moves.near.keys()].map(i => moves.a.get(i) as string))
  const blocks = new Map<string, { a: number[]; b: number[] }>()
  const at = (id: string) => {
    let entry = blocks.get(id)
    if (!entry) blocks.set(id, (entry = { a: [], b: [] }))
    return entry
  }
  for (const [i, id] of moves.a) if (changedBlocks.has(id)) at(id).a.push(i)
  for (const [j, id] of moves.b) if (changedBlocks.has(id)) at(id).b.push(j)
  return [...blocks].map(([id, { a, b }]) => {
    a.sort((x, y) => x - y)
    b.sort((x, y) => x - y)
    const ops = foldTinyEqualities(diffSentences(A, B, a, b, options), options.minEqualChars, options.minMoveChars)
    const lengths: [number, number] = [a.reduce((n, i) => n + A.sentences[i].key.length, 0), b.reduce((n, j) => n + B.sentences[j].key.length, 0)]
    const inner = finish(A, B, mergeAdjacent(ops), lengths)
    return { id, similarity: inner.similarity, ops: inner.ops, stats: inner.stats }
  })
}
