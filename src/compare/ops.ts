// Internal diff ops (ranges into the original texts plus normalised lengths) and the passes
// that make them readable and turn them into the public DiffOp list.
import type { PreparedText } from './prepare'
import type { DiffOp, DiffStats, TextDiff } from './types'

export type Range = [number, number]
export type RawOp = { op: 'equal' | 'delete' | 'insert'; a?: Range; b?: Range; na: number; nb: number; moveId?: string }

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
export function foldTinyEqualities(ops: RawOp[], minChars: number, keepChars: number): RawOp[] {
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
export function mergeAdjacent(ops: RawOp[]): RawOp[] {
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

/**
 * Similarity of a diff, one meaning everywhere (texts, section rows, whole reports): the share
 * of normalised characters shown as taken from the other side — equal, moved, or an insert
 * reused from elsewhere in the earlier text (`reusedFrom`) — as 2 × (equal + moved + reused)
 * / (before + after), at most 1; 1 for two empty texts. Reused phrases count: a year that
 * reuses last year's wording in other places is similar to it, not new.
 */
export function similarityOf(stats: Pick<DiffStats, 'beforeChars' | 'afterChars' | 'equalChars' | 'movedChars' | 'reusedChars'>): number {
  const total = stats.beforeChars + stats.afterChars
  return total === 0 ? 1 : Math.min(1, (2 * (stats.equalChars + stats.movedChars + stats.reusedChars)) / total)
}

/** Ops with their text; `lengths` are the normalised sizes compared (default: whole texts). */
export function finish(A: PreparedText, B: PreparedText, raw: RawOp[], lengths: [number, number] = [A.normLength, B.normLength]): TextDiff {
  const stats = {
    beforeChars: lengths[0],
    afterChars: lengths[1],
    equalChars: 0,
    deletedChars: 0,
    insertedChars: 0,
    movedChars: 0,
    reusedChars: 0,
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
  return { ops, similarity: similarityOf(stats), stats }
}
