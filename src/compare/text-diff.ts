// compareTexts: layered passes, each simple.
//   1. sentences aligned by Myers on their normalised keys
//   2. moved sentences found among the unaligned ones (exact normalised match) and taken out
//   3. each remaining changed region diffed word by word (Myers on word keys), so phrases
//      reused inside rewritten sentences are kept; large regions are first cut at anchor
//      sentence pairs that share rare 6-grams, which keeps the cost bounded by the input
//   4. tiny equal fragments between changes folded into the change, so output reads in words
import { alignTokens, internKeys, type Hunk } from './align'
import { resolveNormalizeOptions } from './normalize'
import { ensureTokens, prepareText, type PreparedText, type Span } from './prepare'
import { mappedKey, sharedRuns } from './reuse'
import { heaviestChain } from './chain'
import type { CompareOptions, DiffOp, DiffStats, TextDiff } from './types'

type MoveDetail = { id: string; similarity: number; ops: DiffOp[]; stats: DiffStats }

/** Internal op: ranges into the original texts, and normalised lengths. */
type Range = [number, number]
type RawOp = { op: 'equal' | 'delete' | 'insert'; a?: Range; b?: Range; na: number; nb: number; moveId?: string }

const TOKEN_MYERS_LIMIT = 6000 // tokens on both sides together
const TOKEN_MAX_EDITS = 1500
const SMALL_REGION = 400
// below this, a word diff is always worth it; above, dissimilar text is matched by shared passages
// (Myers on unrelated text aligns scattered 的/和 and breaks up the long runs that are reused)
const TINY_REGION = 60
const ANCHOR_GRAM = 6
const NEAR_MOVE_SIMILARITY = 0.5
const NEAR_MOVE_FANOUT = 8 // 6-grams found in more sentences than this say nothing

export type ResolvedCompareOptions = {
  normalize: ReturnType<typeof resolveNormalizeOptions>
  minEqualChars: number
  minMoveChars: number
}

export function resolveCompareOptions(options: CompareOptions = {}): ResolvedCompareOptions {
  return {
    normalize: resolveNormalizeOptions(options.normalize),
    minEqualChars: options.minEqualChars ?? 3,
    minMoveChars: options.minMoveChars ?? 8,
  }
}

export function compareTexts(before: string, after: string, options: CompareOptions = {}): TextDiff {
  const resolved = resolveCompareOptions(options)
  const A = prepareText(before, resolved.normalize)
  const B = prepareText(after, resolved.normalize)
  return diffPrepared(A, B, resolved, { next: 1 })
}

/** Diff of two prepared texts; `moveCounter` numbers moves across several calls (sections). */
export function diffPrepared(A: PreparedText, B: PreparedText, options: ResolvedCompareOptions, moveCounter: { next: number }): TextDiff {
  const [sa, sb] = internKeys(A.sentences.map(s => s.key), B.sentences.map(s => s.key))
  const hunks = alignTokens(sa, sb, sa.length + sb.length) as Hunk[]
  const moves = findMovedSentences(A, B, hunks, options.minMoveChars, moveCounter)
  const ops: RawOp[] = []
  for (const hunk of hunks) {
    if (hunk.equal) {
      ops.push(...equalSentences(A, B, hunk.aStart, hunk.aEnd, hunk.bStart))
      continue
    }
    ops.push(...changedRegion(A, B, range(hunk.aStart, hunk.aEnd), range(hunk.bStart, hunk.bEnd), moves, options))
  }
  const diff = finish(A, B, mergeAdjacent(ops))
  const details = nearMoveDetails(A, B, moves, options)
  for (const detail of details) {
    // a sentence moved with edits: only its unchanged words count as moved text
    const { insertedChars, deletedChars } = detail.stats
    diff.stats.movedChars -= insertedChars
    diff.stats.insertedChars += insertedChars
    diff.stats.deletedChars += deletedChars
  }
  const total = A.normLength + B.normLength
  if (details.length) diff.similarity = total === 0 ? 1 : Math.min(1, (2 * (diff.stats.equalChars + diff.stats.movedChars)) / total)
  diff.moves = details.map(({ id, similarity, ops }) => ({ id, similarity, ops }))
  return diff
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i)
}

function equalSentences(A: PreparedText, B: PreparedText, aStart: number, aEnd: number, bStart: number): RawOp[] {
  const ops: RawOp[] = []
  for (let i = aStart, j = bStart; i < aEnd; i++, j++) {
    const sa = A.sentences[i]
    const sb = B.sentences[j]
    ops.push({ op: 'equal', a: [sa.start, sa.end], b: [sb.start, sb.end], na: sa.key.length, nb: sb.key.length })
  }
  return ops
}

// ---------- pass 2: moves ----------
/** Moved sentences by index on each side; `near` pairs moved with changes inside (a → b). */
type Moves = { a: Map<number, string>; b: Map<number, string>; near: Map<number, number> }

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

function findMovedSentences(A: PreparedText, B: PreparedText, hunks: Hunk[], minChars: number, counter: { next: number }): Moves {
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
      else if (list.length <= NEAR_MOVE_FANOUT && list[list.length - 1] !== j) list.push(j)
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
      if (!list || list.length > NEAR_MOVE_FANOUT) return
      for (const j of list) shared.set(j, (shared.get(j) ?? 0) + 1)
    })
    let best: { j: number; score: number } | undefined
    for (const [j, n] of shared) {
      if (!unpairedB.has(j) || regionB[j] === regionA[i]) continue
      const score = n / Math.min(count, gramCount.get(j) ?? count)
      if (score >= NEAR_MOVE_SIMILARITY && (!best || score > best.score)) best = { j, score }
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
    // consecutive sentences that moved together form one block
    if (!previous || previous[0] !== i - 1 || previous[1] !== j - 1) id = `move-${counter.next++}`
    moves.a.set(i, id)
    moves.b.set(j, id)
    previous = [i, j]
  }
  return moves
}

/** The word diff of each moved block that has changes inside (a near-identical sentence in it). */
function nearMoveDetails(A: PreparedText, B: PreparedText, moves: Moves, options: ResolvedCompareOptions): MoveDetail[] {
  const changedBlocks = new Set([...moves.near.keys()].map(i => moves.a.get(i) as string))
  const blocks = new Map<string, { a: number[]; b: number[] }>()
  for (const [i, id] of moves.a) if (changedBlocks.has(id)) listAt(blocks, id).a.push(i)
  for (const [j, id] of moves.b) if (changedBlocks.has(id)) listAt(blocks, id).b.push(j)
  return [...blocks].map(([id, { a, b }]) => {
    a.sort((x, y) => x - y)
    b.sort((x, y) => x - y)
    const ops = foldTinyEqualities(diffSentences(A, B, a, b), options.minEqualChars, options.minMoveChars)
    const lengths: [number, number] = [a.reduce((n, i) => n + A.sentences[i].key.length, 0), b.reduce((n, j) => n + B.sentences[j].key.length, 0)]
    const inner = finish(A, B, mergeAdjacent(ops), lengths)
    return { id, similarity: inner.similarity, ops: inner.ops, stats: inner.stats }
  })
}

function listAt(map: Map<string, { a: number[]; b: number[] }>, id: string) {
  let entry = map.get(id)
  if (!entry) map.set(id, (entry = { a: [], b: [] }))
  return entry
}

// ---------- pass 3: changed regions ----------
function changedRegion(A: PreparedText, B: PreparedText, aIdx: number[], bIdx: number[], moves: Moves, options: ResolvedCompareOptions): RawOp[] {
  const aRest = aIdx.filter(i => !moves.a.has(i))
  const bRest = bIdx.filter(j => !moves.b.has(j))
  const core = foldTinyEqualities(diffSentences(A, B, aRest, bRest), options.minEqualChars, options.minMoveChars)
  // put the moved sentences back at their places on each side
  const withMoves = [...core]
  for (const i of aIdx.filter(i => moves.a.has(i))) {
    const s = A.sentences[i]
    const at = withMoves.findIndex(op => op.a && op.a[0] >= s.start)
    const op: RawOp = { op: 'delete', a: [s.start, s.end], na: s.key.length, nb: 0, moveId: moves.a.get(i) }
    withMoves.splice(at < 0 ? withMoves.length : at, 0, op)
  }
  for (const j of bIdx.filter(j => moves.b.has(j))) {
    const s = B.sentences[j]
    const at = withMoves.findIndex(op => op.b && op.b[0] >= s.start)
    const op: RawOp = { op: 'insert', b: [s.start, s.end], na: 0, nb: s.key.length, moveId: moves.b.get(j) }
    withMoves.splice(at < 0 ? withMoves.length : at, 0, op)
  }
  return withMoves
}

function wholeSentences(P: PreparedText, indexes: number[], op: 'delete' | 'insert'): RawOp[] {
  return indexes.map(i => {
    const s = P.sentences[i]
    return op === 'delete'
      ? { op, a: [s.start, s.end] as Range, na: s.key.length, nb: 0 }
      : { op, b: [s.start, s.end] as Range, na: 0, nb: s.key.length }
  })
}

/** Word-level diff of a changed region; large regions are cut at anchors first. */
function diffSentences(A: PreparedText, B: PreparedText, aList: number[], bList: number[]): RawOp[] {
  if (aList.length === 0 || bList.length === 0) return [...wholeSentences(A, aList, 'delete'), ...wholeSentences(B, bList, 'insert')]
  ensureTokens(A, aList)
  ensureTokens(B, bList)
  const ta = aList.flatMap(i => A.sentences[i].tokens as Span[])
  const tb = bList.flatMap(j => B.sentences[j].tokens as Span[])
  const total = ta.length + tb.length
  // Myers when the region is small, or similar enough that the edit budget will suffice;
  // dissimilar large regions are cut at anchors first (cost stays bounded by the input)
  const similar = total <= TINY_REGION ? 1 : gramSimilarity(A, aList, B, bList)
  if (total <= TOKEN_MYERS_LIMIT && similar >= 0.5) {
    const budget = total <= SMALL_REGION ? total : Math.min(TOKEN_MAX_EDITS, Math.ceil((1 - similar) * total * 1.5) + 32)
    const ops = wordOps(ta, tb, budget)
    if (ops) return ops
  }
  const anchors = anchorPairs(A, B, aList, bList)
  if (anchors.length === 0) return sharedPassageOps(A, B, aList, bList)
  const ops: RawOp[] = []
  let ai = 0
  let bj = 0
  for (const [i, j] of anchors) {
    ops.push(...diffSentences(A, B, aList.slice(ai, i), bList.slice(bj, j)))
    ops.push(...anchoredPair(A, B, aList[i], bList[j]))
    ai = i + 1
    bj = j + 1
  }
  ops.push(...diffSentences(A, B, aList.slice(ai), bList.slice(bj)))
  return ops
}

/** Two sentences that share rare passages: a word diff when they are alike, else their shared passages. */
function anchoredPair(A: PreparedText, B: PreparedText, i: number, j: number): RawOp[] {
  if (gramSimilarity(A, [i], B, [j]) < 0.5) return sharedPassageOps(A, B, [i], [j])
  const ta = A.sentences[i].tokens as Span[]
  const tb = B.sentences[j].tokens as Span[]
  return wordOps(ta, tb, ta.length + tb.length) ?? sharedPassageOps(A, B, [i], [j])
}

/** Myers on word keys within `budget` edits (skipped when the shared words already rule it out). */
function wordOps(ta: Span[], tb: Span[], budget: number): RawOp[] | undefined {
  const [ia, ib] = internKeys(ta.map(t => t.key), tb.map(t => t.key))
  if (ta.length + tb.length - 2 * sharedCount(ia, ib) > budget) return undefined
  const hunks = alignTokens(ia, ib, budget)
  return hunks && tokenOps(ta, tb, hunks)
}

// ---------- dissimilar regions: keep the passages they share ----------
const SHARED_RUN_CHARS = 8
const MAX_CHAINED_RUNS = 400

type RegionKey = { key: string; start: Int32Array; end: Int32Array }

/** Normalised text of some sentences (joined; a separator where they are not adjacent) with original positions. */
function regionKey(P: PreparedText, list: number[], separator: string): RegionKey {
  const mapped = mappedKey(P)
  const keys: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  let previousEnd = -1
  for (const index of list) {
    const s = P.sentences[index]
    if (previousEnd >= 0 && previousEnd !== s.start) {
      keys.push(separator)
      starts.push(-1)
      ends.push(-1)
    }
    const from = lowerBound(mapped.start, s.start)
    const to = lowerBound(mapped.start, s.end)
    keys.push(mapped.key.slice(from, to))
    for (let k = from; k < to; k++) {
      starts.push(mapped.start[k])
      ends.push(mapped.end[k])
    }
    previousEnd = s.end
  }
  return { key: keys.join(''), start: Int32Array.from(starts), end: Int32Array.from(ends) }
}

function lowerBound(values: Int32Array, target: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (values[mid] < target) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Normalised characters of P inside original [start, end). */
function normalisedCount(P: PreparedText, start: number, end: number): number {
  const mapped = mappedKey(P)
  return lowerBound(mapped.start, end) - lowerBound(mapped.start, start)
}

/** Pieces of the listed sentences that fall inside original [from, to). */
function piecesBetween(P: PreparedText, list: number[], from: number, to: number): Range[] {
  const pieces: Range[] = []
  for (const index of list) {
    const s = P.sentences[index]
    const start = Math.max(s.start, from)
    const end = Math.min(s.end, to)
    if (end > start) pieces.push([start, end])
  }
  return pieces
}

/**
 * A region too different for a word diff: every shared run of 8+ normalised characters is
 * found (suffix automaton), the heaviest chain of runs in order on both sides is kept as
 * equal, and the rest is deleted and inserted. Reuse stays visible even in rewritten text.
 */
function sharedPassageOps(A: PreparedText, B: PreparedText, aList: number[], bList: number[]): RawOp[] {
  const ra = regionKey(A, aList, '\u0001')
  const rb = regionKey(B, bList, '\u0002')
  const runs = sharedRuns(ra.key, rb.key, SHARED_RUN_CHARS)
    .sort((x, y) => y.length - x.length)
    .slice(0, MAX_CHAINED_RUNS)
    .sort((x, y) => x.bStart - y.bStart)
  // the heaviest chain of runs, non-overlapping and in order on both sides
  const chain = heaviestChain(
    runs,
    r => r.length,
    (x, y) => x.aStart + x.length <= y.aStart && x.bStart + x.length <= y.bStart
  )

  const ops: RawOp[] = []
  let aAt = -1
  let bAt = -1
  const changes = (aTo: number, bTo: number) => {
    for (const piece of piecesBetween(A, aList, aAt, aTo)) ops.push({ op: 'delete', a: piece, na: normalisedCount(A, piece[0], piece[1]), nb: 0 })
    for (const piece of piecesBetween(B, bList, bAt, bTo)) ops.push({ op: 'insert', b: piece, na: 0, nb: normalisedCount(B, piece[0], piece[1]) })
  }
  for (const run of chain) {
    const a: Range = [ra.start[run.aStart], ra.end[run.aStart + run.length - 1]]
    const b: Range = [rb.start[run.bStart], rb.end[run.bStart + run.length - 1]]
    changes(a[0], b[0])
    ops.push({ op: 'equal', a, b, na: run.length, nb: run.length })
    aAt = a[1]
    bAt = b[1]
  }
  changes(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
  return ops
}

function gramSet(P: PreparedText, list: number[]): Set<number> {
  const set = new Set<number>()
  for (const index of list) forEachGram(P.sentences[index].key, 3, hash => set.add(hash))
  return set
}

/** Calls `visit` with a 32-bit hash of every n-character window of `key`. */
export function forEachGram(key: string, n: number, visit: (hash: number) => void) {
  for (let k = 0; k + n <= key.length; k++) {
    let hash = 0
    for (let c = k; c < k + n; c++) hash = (Math.imul(hash, 0x01000193) ^ key.charCodeAt(c)) >>> 0
    visit(hash)
  }
}

/** Dice coefficient of the character-trigram sets of two groups of sentences (a cheap estimate). */
function gramSimilarity(A: PreparedText, aList: number[], B: PreparedText, bList: number[]): number {
  const ga = gramSet(A, aList)
  const gb = gramSet(B, bList)
  if (ga.size + gb.size === 0) return 1
  let shared = 0
  for (const g of ga) if (gb.has(g)) shared++
  return (2 * shared) / (ga.size + gb.size)
}

/** Size of the multiset intersection of two id sequences. */
function sharedCount(a: Int32Array, b: Int32Array): number {
  const counts = new Map<number, number>()
  for (const id of a) counts.set(id, (counts.get(id) ?? 0) + 1)
  let shared = 0
  for (const id of b) {
    const c = counts.get(id)
    if (c) {
      shared++
      counts.set(id, c - 1)
    }
  }
  return shared
}

function tokenOps(ta: Span[], tb: Span[], hunks: Hunk[]): RawOp[] {
  const ops: RawOp[] = []
  for (const h of hunks) {
    if (h.equal) {
      for (let i = h.aStart, j = h.bStart; i < h.aEnd; i++, j++) {
        ops.push({ op: 'equal', a: [ta[i].start, ta[i].end], b: [tb[j].start, tb[j].end], na: ta[i].key.length, nb: tb[j].key.length })
      }
      continue
    }
    for (let i = h.aStart; i < h.aEnd; i++) ops.push({ op: 'delete', a: [ta[i].start, ta[i].end], na: ta[i].key.length, nb: 0 })
    for (let j = h.bStart; j < h.bEnd; j++) ops.push({ op: 'insert', b: [tb[j].start, tb[j].end], na: 0, nb: tb[j].key.length })
  }
  return ops
}

/** 6-gram hash → position in `list` of the one sentence containing it, or -1 when in several. */
function gramPositions(P: PreparedText, list: number[]): Map<number, number> {
  const seen = new Map<number, number>()
  for (let position = 0; position < list.length; position++) {
    forEachGram(P.sentences[list[position]].key, ANCHOR_GRAM, hash => {
      const at = seen.get(hash)
      seen.set(hash, at === undefined || at === position ? position : -1)
    })
  }
  return seen
}

/**
 * Sentence pairs (positions within aList/bList) sharing 6-grams that occur once on each side,
 * reduced to a strictly increasing chain (longest by votes): a patience-style anchor set.
 */
function anchorPairs(A: PreparedText, B: PreparedText, aList: number[], bList: number[]): [number, number][] {
  const ga = gramPositions(A, aList)
  const gb = gramPositions(B, bList)
  const votes = new Map<number, number>() // i * bList.length + j → shared rare grams
  for (const [gram, i] of ga) {
    const j = gb.get(gram)
    if (i < 0 || j === undefined || j < 0) continue
    const pair = i * bList.length + j
    votes.set(pair, (votes.get(pair) ?? 0) + 1)
  }
  const candidates = [...votes]
    .filter(([, v]) => v >= 2)
    .map(([pair, v]) => ({ i: Math.floor(pair / bList.length), j: pair % bList.length, v }))
    .sort((x, y) => x.i - y.i || x.j - y.j)
  // the heaviest chain increasing in both i and j (candidates are few)
  return heaviestChain(candidates, c => c.v, (x, y) => x.i < y.i && x.j < y.j).map(c => [c.i, c.j] as [number, number])
}

// ---------- pass 4: readability ----------
function runLength(ops: RawOp[], from: number, step: 1 | -1): { na: number; nb: number } {
  let na = 0
  let nb = 0
  for (let k = from; k >= 0 && k < ops.length && ops[k].op !== 'equal'; k += step) {
    na += ops[k].na
    nb += ops[k].nb
  }
  return { na, nb }
}

/**
 * An equal stretch between two changes that is shorter than `minChars`, or no longer than the
 * changes around it (and shorter than a reusable passage), becomes part of the change:
 * “的”, “和”, “，” glued between edits make a diff unreadable.
 */
function foldTinyEqualities(ops: RawOp[], minChars: number, keepChars: number): RawOp[] {
  // group consecutive equal ops into stretches
  const out: RawOp[] = []
  let k = 0
  while (k < ops.length) {
    if (ops[k].op !== 'equal') {
      out.push(ops[k++])
      continue
    }
    let end = k
    let length = 0
    while (end < ops.length && ops[end].op === 'equal') length += ops[end++].na
    const before = runLength(out, out.length - 1, -1)
    const after = runLength(ops, end, 1)
    const between = (before.na || before.nb) && (after.na || after.nb)
    const tiny = length < minChars
    const dwarfed = length < keepChars && length <= Math.max(before.na, before.nb) && length <= Math.max(after.na, after.nb)
    if (between && (tiny || dwarfed)) {
      for (let e = k; e < end; e++) {
        out.push({ op: 'delete', a: ops[e].a, na: ops[e].na, nb: 0 })
        out.push({ op: 'insert', b: ops[e].b, na: 0, nb: ops[e].nb })
      }
    } else for (let e = k; e < end; e++) out.push(ops[e])
    k = end
  }
  return groupChanges(out)
}

/** Within each run of changes: deletions first, then insertions (each kept in its own order). */
function groupChanges(ops: RawOp[]): RawOp[] {
  const out: RawOp[] = []
  let k = 0
  while (k < ops.length) {
    if (ops[k].op === 'equal') {
      out.push(ops[k++])
      continue
    }
    const run: RawOp[] = []
    while (k < ops.length && ops[k].op !== 'equal') run.push(ops[k++])
    out.push(...run.filter(o => o.op === 'delete'), ...run.filter(o => o.op === 'insert'))
  }
  return out
}

function contiguous(x?: Range, y?: Range): boolean {
  return (!x && !y) || (!!x && !!y && x[1] === y[0])
}

/** Adjacent ops of one kind over contiguous text become one op. */
function mergeAdjacent(ops: RawOp[]): RawOp[] {
  const out: RawOp[] = []
  for (const op of ops) {
    const last = out[out.length - 1]
    if (last && last.op === op.op && last.moveId === op.moveId && contiguous(last.a, op.a) && contiguous(last.b, op.b)) {
      if (last.a && op.a) last.a = [last.a[0], op.a[1]]
      if (last.b && op.b) last.b = [last.b[0], op.b[1]]
      last.na += op.na
      last.nb += op.nb
    } else out.push({ ...op })
  }
  return out
}

/** Ops with their text; `lengths` are the normalised sizes compared (default: whole texts). */
function finish(A: PreparedText, B: PreparedText, raw: RawOp[], lengths: [number, number] = [A.normLength, B.normLength]): TextDiff {
  const stats = {
    beforeChars: lengths[0],
    afterChars: lengths[1],
    equalChars: 0,
    deletedChars: 0,
    insertedChars: 0,
    movedChars: 0,
    moves: 0,
    sentencesBefore: A.sentences.length,
    sentencesAfter: B.sentences.length,
  }
  const moveIds = new Set<string>()
  const ops: DiffOp[] = []
  for (const r of raw) {
    const before = r.a ? A.text.slice(r.a[0], r.a[1]) : ''
    const after = r.b ? B.text.slice(r.b[0], r.b[1]) : ''
    if (r.op === 'equal') {
      stats.equalChars += r.nb
      if (before || after) ops.push({ op: 'equal', before, after })
    } else if (r.op === 'delete') {
      if (r.moveId) moveIds.add(r.moveId)
      else stats.deletedChars += r.na
      if (before) ops.push(r.moveId ? { op: 'delete', before, moveId: r.moveId } : { op: 'delete', before })
    } else {
      if (r.moveId) {
        moveIds.add(r.moveId)
        stats.movedChars += r.nb
      } else stats.insertedChars += r.nb
      if (after) ops.push(r.moveId ? { op: 'insert', after, moveId: r.moveId } : { op: 'insert', after })
    }
  }
  stats.moves = moveIds.size
  const total = lengths[0] + lengths[1]
  const similarity = total === 0 ? 1 : (2 * (stats.equalChars + stats.movedChars)) / total
  return { ops, similarity: Math.min(1, similarity), stats }
}
