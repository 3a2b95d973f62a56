// compareTexts: layered passes, each simple (as wikidiff2 layers its passes).
//   1. sentences aligned by Myers on their normalised keys                       (align.ts)
//   2. moved sentences found among the unaligned ones and taken out              (moves.ts)
//   3. each remaining changed region: shared passages kept in order, the gaps
//      between them word-diffed when small and alike                            (regions.ts)
//   4. tiny equal fragments between changes folded into the change               (ops.ts)
//   5. phrases reused from elsewhere in the earlier text marked on the inserts   (reuse-marking.ts)
import { alignTokens, internKeys, type Hunk } from './align'
import { resolveCompareOptions, type CompareOptions, type ResolvedCompareOptions } from './config'
import { findMovedSentences, nearMoveDetails, range, type Moves } from './moves'
import { finish, foldTinyEqualities, mergeAdjacent, similarityOf, type RawOp } from './ops'
import { prepareText, type PreparedText } from './prepare'
import { diffSentences } from './regions'
import { mappedKey, sharedPhrases } from './reuse'
import { markReused, type ReuseSource } from './reuse-marking'
import type { TextDiff } from './types'

export function compareTexts(before: string, after: string, options: CompareOptions = {}): TextDiff {
  const resolved = resolveCompareOptions(options)
  const A = prepareText(before, resolved.normalize)
  const B = prepareText(after, resolved.normalize)
  return markReused(diffPrepared(A, B, resolved, { next: 1 }), B, textReuseSource(A, B, resolved.minMoveChars))
}

/** Every passage of B also found in A, with places in A's original text. */
export function textReuseSource(A: PreparedText, B: PreparedText, minChars: number): ReuseSource {
  const a = mappedKey(A)
  return {
    runs: sharedPhrases(a.key, mappedKey(B).key, minChars),
    locate: (start, end) => ({ start: a.start[start], end: a.end[end - 1] }),
  }
}

/** Diff of two prepared texts, without reuse marking; `moveCounter` numbers moves across several calls (sections). */
export function diffPrepared(A: PreparedText, B: PreparedText, options: ResolvedCompareOptions, moveCounter: { next: number }): TextDiff {
  const [sa, sb] = internKeys(A.sentences.map(s => s.key), B.sentences.map(s => s.key))
  const hunks = alignTokens(sa, sb, sa.length + sb.length) as Hunk[]
  const moves = findMovedSentences(A, B, hunks, options, moveCounter)
  const ops: RawOp[] = []
  for (const hunk of hunks) {
    if (hunk.equal) ops.push(...equalSentences(A, B, hunk.aStart, hunk.aEnd, hunk.bStart))
    else ops.push(...changedRegion(A, B, range(hunk.aStart, hunk.aEnd), range(hunk.bStart, hunk.bEnd), moves, options))
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
  if (details.length) diff.similarity = similarityOf(diff.stats)
  diff.moves = details.map(({ id, similarity, ops }) => ({ id, similarity, ops }))
  return diff
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

/** A changed region without its moved sentences, diffed; the moved ones put back in place on each side. */
function changedRegion(A: PreparedText, B: PreparedText, aIdx: number[], bIdx: number[], moves: Moves, options: ResolvedCompareOptions): RawOp[] {
  const aRest = aIdx.filter(i => !moves.a.has(i))
  const bRest = bIdx.filter(j => !moves.b.has(j))
  const withMoves = foldTinyEqualities(diffSentences(A, B, aRest, bRest, options), options.minEqualChars, options.minMoveChars)
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

