// Reuse marking, a pass of its own over a finished diff: every inserted stretch that lies in a
// passage of minMoveChars+ normalised characters also found in the earlier text (anywhere,
// in any order) is cut out as an insert carrying `reusedFrom`, the passage's place in the
// earlier text. The in-order diff keeps what stayed in place as equal; this pass makes the
// phrases reused elsewhere visible too, so "what did we reuse?" has a true answer.
// Reconstruction is unchanged: only insert ops are cut, never re-worded.
import { lowerBound } from './grams'
import type { PreparedText } from './prepare'
import { mappedKey, type SharedRun } from './reuse'
import { similarityOf } from './ops'
import type { DiffOp, ReusedFrom, TextDiff } from './types'

/**
 * Inserted pieces shorter than this (normalised) stay plain inserts. One: even the last
 * character of a reused passage that the in-order diff took from another copy (“优化。” where
 * the kept copy read “优化，”) is reused wording, not new.
 */
const MIN_PIECE = 1

export type ReuseSource = {
  /** runs with `bStart` in normalised positions of the diff's after text, `aStart` in the source's */
  runs: SharedRun[]
  /** original place in the source of normalised [start, end) */
  locate: (start: number, end: number) => ReusedFrom
}

/** Splits the inserts of `diff` (whose after text is B's) where they lie in reused passages. */
export function markReused(diff: TextDiff, B: PreparedText, source: ReuseSource): TextDiff {
  if (!source.runs.length || !diff.ops.some(op => op.op === 'insert' && !op.moveId)) return diff
  const mapped = mappedKey(B)
  const runs = [...source.runs].sort((x, y) => x.bStart - y.bStart)
  const ops: DiffOp[] = []
  let reusedChars = 0
  let offset = 0 // original position in B of the current op
  let first = 0 // runs before this one end before the current op
  for (const op of diff.ops) {
    if (op.op === 'delete') {
      ops.push(op)
      continue
    }
    const start = offset
    offset += op.after.length
    if (op.op === 'equal' || op.moveId) {
      ops.push(op)
      continue
    }
    const ns = lowerBound(mapped.start, start)
    const ne = lowerBound(mapped.start, offset)
    while (first < runs.length && runs[first].bStart + runs[first].length <= ns) first++
    // original cut point of normalised position p inside this op
    const cut = (p: number) => (p <= ns ? start : p >= ne ? offset : mapped.start[p])
    let at = ns
    for (let r = first; r < runs.length && runs[r].bStart < ne; r++) {
      const run = runs[r]
      const from = Math.max(at, run.bStart)
      const to = Math.min(ne, run.bStart + run.length)
      if (to - from < MIN_PIECE) continue
      const text = B.text.slice(cut(from), cut(to))
      if (!text) continue
      if (cut(from) > cut(at)) ops.push({ op: 'insert', after: B.text.slice(cut(at), cut(from)) })
      const a = run.aStart + (from - run.bStart)
      ops.push({ op: 'insert', after: text, reusedFrom: source.locate(a, a + (to - from)) })
      reusedChars += to - from
      at = to
    }
    if (at === ns) ops.push(op)
    else if (cut(at) < offset) ops.push({ op: 'insert', after: B.text.slice(cut(at), offset) })
  }
  const stats = { ...diff.stats, reusedChars: diff.stats.reusedChars + reusedChars }
  return { ...diff, ops, similarity: similarityOf(stats), stats }
}
