// Pass 3 of compareTexts: one changed region (sentences not aligned as equal) diffed.
//   small region                 → word diff (Myers on word keys)
//   larger region                → the passages of minMoveChars+ both sides share (suffix
//                                  automaton), the heaviest chain of them in order kept as
//                                  equal; the gaps between them word-diffed when they are
//                                  small and alike, else deleted and inserted
// The cost is bounded by the input: Myers only ever runs on small gaps or within a budget.
import { alignTokens, internKeys, type Hunk } from './align'
import { heaviestChain } from './chain'
import type { ResolvedCompareOptions } from './config'
import { dice, gramSet, lowerBound } from './grams'
import { ensureTokens, keyOf, type PreparedText, type Span } from './prepare'
import { mappedKey, sharedPhrases } from './reuse'
import type { Range, RawOp } from './ops'

/** Gaps of at most this many normalised characters (both sides) are always word-diffed. */
const TINY_GAP = 40
/** A larger gap is word-diffed only when its character trigrams overlap this much. */
const GAP_SIMILARITY = 0.3

type RegionKey = { key: string; start: Int32Array; end: Int32Array }

/** Normalised text of some sentences (joined; a separator where they are not adjacent) with original positions. */
function regionKey(P: PreparedText, list: number[], separator: string): RegionKey {
  const mapped = mappedKey(P)
  const first = P.sentences[list[0]]
  const last = P.sentences[list[list.length - 1]]
  // the common case: consecutive sentences are one slice of the text's mapped key
  if (last.end - first.start === list.reduce((n, i) => n + P.sentences[i].end - P.sentences[i].start, 0)) {
    const from = lowerBound(mapped.start, first.start)
    const to = lowerBound(mapped.start, last.end)
    return { key: mapped.key.slice(from, to), start: mapped.start.subarray(from, to), end: mapped.end.subarray(from, to) }
  }
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

function wholePieces(P: PreparedText, pieces: Range[], op: 'delete' | 'insert'): RawOp[] {
  return pieces.map(piece => {
    const n = normalisedCount(P, piece[0], piece[1])
    return op === 'delete' ? { op, a: piece, na: n, nb: 0 } : { op, b: piece, na: 0, nb: n }
  })
}

/** Word tokens covering the pieces, cut at the pieces' ends (sentences tokenised once). */
function tokensOf(P: PreparedText, list: number[], pieces: Range[]): Span[] {
  const sentences = list.filter(i => pieces.some(([from, to]) => P.sentences[i].start < to && P.sentences[i].end > from))
  ensureTokens(P, sentences)
  const tokens: Span[] = []
  for (const i of sentences) {
    for (const t of P.sentences[i].tokens as Span[]) {
      for (const [from, to] of pieces) {
        const start = Math.max(t.start, from)
        const end = Math.min(t.end, to)
        if (end <= start) continue
        tokens.push(start === t.start && end === t.end ? t : { start, end, key: keyOf(P.text, start, end, P.options, P.ignorable) })
      }
    }
  }
  return tokens
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

/** Myers on word keys within `budget` edits (skipped when the shared words already rule it out). */
function wordOps(ta: Span[], tb: Span[], budget: number): RawOp[] | undefined {
  const [ia, ib] = internKeys(ta.map(t => t.key), tb.map(t => t.key))
  if (ta.length + tb.length - 2 * sharedCount(ia, ib) > budget) return undefined
  const hunks = alignTokens(ia, ib, budget)
  return hunks && tokenOps(ta, tb, hunks)
}

/** A gap between two kept passages: word-diffed when small and alike, else deleted and inserted. */
function gapOps(A: PreparedText, B: PreparedText, aList: number[], bList: number[], aGap: Range, bGap: Range, ga: string, gb: string, options: ResolvedCompareOptions): RawOp[] {
  const aPieces = piecesBetween(A, aList, aGap[0], aGap[1])
  const bPieces = piecesBetween(B, bList, bGap[0], bGap[1])
  const size = ga.length + gb.length
  // only white space between two kept passages on both sides: it stays in place
  if (size === 0 && aPieces.length === 1 && bPieces.length === 1) return [{ op: 'equal', a: aPieces[0], b: bPieces[0], na: 0, nb: 0 }]
  const alike = ga.length > 0 && gb.length > 0 && size <= options.gapWordDiffChars && (size <= TINY_GAP || dice(gramSet([ga], 3), gramSet([gb], 3)) >= GAP_SIMILARITY)
  if (alike) {
    const ta = tokensOf(A, aList, aPieces)
    const tb = tokensOf(B, bList, bPieces)
    const ops = wordOps(ta, tb, Math.min(options.maxWordEdits, ta.length + tb.length))
    if (ops) return ops
  }
  return [...wholePieces(A, aPieces, 'delete'), ...wholePieces(B, bPieces, 'insert')]
}

/** The changed region's ops: kept passages in order, gaps between them diffed. */
export function diffSentences(A: PreparedText, B: PreparedText, aList: number[], bList: number[], options: ResolvedCompareOptions): RawOp[] {
  if (aList.length === 0 || bList.length === 0) {
    return [...wholePieces(A, aList.map(i => [A.sentences[i].start, A.sentences[i].end]), 'delete'), ...wholePieces(B, bList.map(j => [B.sentences[j].start, B.sentences[j].end]), 'insert')]
  }
  const ra = regionKey(A, aList, '\u0001')
  const rb = regionKey(B, bList, '\u0002')
  // a small region of similar text (the common case between years): one word diff
  const size = ra.key.length + rb.key.length
  if (size <= options.gapWordDiffChars && (size <= TINY_GAP || dice(gramSet([ra.key], 3), gramSet([rb.key], 3)) >= 0.5)) {
    const ops = gapOps(A, B, aList, bList, [-1, Number.MAX_SAFE_INTEGER], [-1, Number.MAX_SAFE_INTEGER], ra.key, rb.key, options)
    if (ops.some(op => op.op === 'equal') || size <= TINY_GAP) return ops
  }
  const runs = size <= TINY_GAP ? [] : sharedPhrases(ra.key, rb.key, options.minMoveChars)
  const chain = heaviestChain(
    runs.length > options.maxChainedRuns ? [...runs].sort((x, y) => y.length - x.length).slice(0, options.maxChainedRuns).sort((x, y) => x.bStart - y.bStart) : runs,
    r => r.length,
    (x, y) => x.aStart + x.length <= y.aStart && x.bStart + x.length <= y.bStart
  )
  const ops: RawOp[] = []
  // normalised positions after the last kept passage, and where it ended in the originals
  let aAt = 0
  let bAt = 0
  let aOriginal = -1
  let bOriginal = -1
  const gap = (aTo: number, bTo: number, aOriginalTo: number, bOriginalTo: number) => {
    ops.push(...gapOps(A, B, aList, bList, [aOriginal, aOriginalTo], [bOriginal, bOriginalTo], ra.key.slice(aAt, aTo), rb.key.slice(bAt, bTo), options))
  }
  for (const run of chain) {
    const a: Range = [ra.start[run.aStart], ra.end[run.aStart + run.length - 1]]
    const b: Range = [rb.start[run.bStart], rb.end[run.bStart + run.length - 1]]
    gap(run.aStart, run.bStart, a[0], b[0])
    ops.push({ op: 'equal', a, b, na: run.length, nb: run.length })
    aAt = run.aStart + run.length
    bAt = run.bStart + run.length
    aOriginal = a[1]
    bOriginal = b[1]
  }
  gap(ra.key.length, rb.key.length, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
  return ops
}
