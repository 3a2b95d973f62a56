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
import type { CompareOptions, DiffOp, TextDiff } from './types'

/** Internal op: ranges into the original texts, and normalised lengths. */
type Range = [number, number]
type RawOp = { op: 'equal' | 'delete' | 'insert'; a?: Range; b?: Range; na: number; nb: number; moveId?: string }

const TOKEN_MYERS_LIMIT = 6000 // tokens on both sides together
const TOKEN_MAX_EDITS = 1500
const SMALL_REGION = 400
const ANCHOR_GRAM = 6
const NEAR_MOVE_SIMILARITY = 0.6

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
  return finish(A, B, mergeAdjacent(ops))
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
type Moves = { a: Map<number, string>; b: Map<number, string> }

function findMovedSentences(A: PreparedText, B: PreparedText, hunks: Hunk[], minChars: number, counter: { next: number }): Moves {
  const inserted = new Map<string, number[]>()
  for (const h of hunks) {
    if (h.equal) continue
    for (let j = h.bStart; j < h.bEnd; j++) {
      const key = B.sentences[j].key
      if (key.length < minChars) continue
      const list = inserted.get(key)
      if (list) list.push(j)
      else inserted.set(key, [j])
    }
  }
  const pairs: [number, number][] = []
  for (const h of hunks) {
    if (h.equal) continue
    for (let i = h.aStart; i < h.aEnd; i++) {
      const candidates = inserted.get(A.sentences[i].key)
      const j = candidates?.shift()
      if (j !== undefined) pairs.push([i, j])
    }
  }
  // A moved sentence that stays in its own changed region is no move: the word diff shows it.
  const regionOf = (index: number, side: 'a' | 'b') =>
    hunks.findIndex(h => !h.equal && (side === 'a' ? index >= h.aStart && index < h.aEnd : index >= h.bStart && index < h.bEnd))
  const moves: Moves = { a: new Map(), b: new Map() }
  let previous: [number, number] | undefined
  let id = ''
  for (const [i, j] of pairs.sort((x, y) => x[0] - y[0])) {
    if (regionOf(i, 'a') === regionOf(j, 'b')) continue
    // consecutive sentences that moved together form one block
    if (!previous || previous[0] !== i - 1 || previous[1] !== j - 1) id = `move-${counter.next++}`
    moves.a.set(i, id)
    moves.b.set(j, id)
    previous = [i, j]
  }
  return moves
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
  const similar = total <= SMALL_REGION ? 1 : gramSimilarity(A, aList, B, bList)
  if (total <= TOKEN_MYERS_LIMIT && similar >= 0.5) {
    const [ia, ib] = internKeys(ta.map(t => t.key), tb.map(t => t.key))
    const budget = total <= SMALL_REGION ? total : Math.min(TOKEN_MAX_EDITS, Math.ceil((1 - similar) * total * 1.5) + 32)
    const minimumEdits = total - 2 * sharedCount(ia, ib)
    const hunks = minimumEdits <= budget ? alignTokens(ia, ib, budget) : undefined
    if (hunks) return tokenOps(ta, tb, hunks)
  }
  const anchors = anchorPairs(A, B, aList, bList)
  if (anchors.length === 0) return [...wholeSentences(A, aList, 'delete'), ...wholeSentences(B, bList, 'insert')]
  const ops: RawOp[] = []
  let ai = 0
  let bj = 0
  for (const [i, j] of anchors) {
    ops.push(...diffSentences(A, B, aList.slice(ai, i), bList.slice(bj, j)))
    ops.push(...diffSentences(A, B, [aList[i]], [bList[j]]))
    ai = i + 1
    bj = j + 1
  }
  ops.push(...diffSentences(A, B, aList.slice(ai), bList.slice(bj)))
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
  // heaviest chain increasing in both i and j (O(n²) on candidates, which are few)
  const best = candidates.map(c => c.v)
  const prev = candidates.map(() => -1)
  for (let x = 0; x < candidates.length; x++) {
    for (let y = 0; y < x; y++) {
      if (candidates[y].i < candidates[x].i && candidates[y].j < candidates[x].j && best[y] + candidates[x].v > best[x]) {
        best[x] = best[y] + candidates[x].v
        prev[x] = y
      }
    }
  }
  let end = best.indexOf(Math.max(...best, 0))
  const chain: [number, number][] = []
  while (end >= 0 && candidates[end]) {
    chain.unshift([candidates[end].i, candidates[end].j])
    end = prev[end]
  }
  return chain
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

function finish(A: PreparedText, B: PreparedText, raw: RawOp[]): TextDiff {
  const stats = {
    beforeChars: A.normLength,
    afterChars: B.normLength,
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
  const total = A.normLength + B.normLength
  const similarity = total === 0 ? 1 : (2 * (stats.equalChars + stats.movedChars)) / total
  return { ops, similarity: Math.min(1, similarity), stats }
}
