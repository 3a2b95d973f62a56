// Comparison results on the wire: equal ops whose two sides are identical carry `before` only
// (about half the text of a year-over-year diff). Pure and dependency-free, so the Admin UI
// bundles the same code that the API uses to pack. The result types below are the contract
// between the API (src/keystone/comparison.ts) and the comparison view (admin/pages/compare.tsx).
import type { DiffOp, FigureChange, HistoryResult, MovedWithChanges, ReportDiff, ReusedPassage, SectionPair, SentenceOrigin, TextDiff } from './types'

export type ReportRef = { id: string; year: number; kind: string; title: string; status: string; department: { id: string; name: string } | null }

export type ComparisonSummary = {
  againstYear: number | null
  againstTitle: string | null
  similarity: number
  reusedPassages: number
  addedSections: number
  droppedSections: number
  changedSections: number
  moves: number
  figuresChanged: number
}

/** compareReport's `result`: a report against earlier years of its department. */
export type ReportComparisonResult = {
  report: ReportRef
  against: ReportRef[]
  /** the earlier report the full diff is against (the newest of `against`) */
  primary: ReportRef | null
  /** before = primary, after = report (reversed when swapped) */
  swapped: boolean
  diff: ReportDiff | null
  history: HistoryResult | null
  summary: ComparisonSummary
  /** text lengths of the sections on each side of the diff (to place history offsets) */
  lengths: { before: number[]; after: number[] }
}

export type RevisionRef = { id: string; number: number; label: string; reason: string; createdAt: string; contentHash: string }

/** compareRevisions' `result`: two revisions of one report (e.g. the changes of a review round). */
export type RevisionComparisonResult = {
  report: ReportRef
  from: RevisionRef
  to: RevisionRef | { id: 'current'; label: string }
  diff: ReportDiff
  summary: ComparisonSummary
}

type WireOp = { op: string; before?: string; after?: string; moveId?: string }
type WireDiff = { ops: WireOp[]; moves?: { ops: WireOp[] }[] }
type WithSections = { diff: { sections: { diff: WireDiff }[] } | null }

function mapOps<T extends WithSections>(result: T, map: (op: WireOp) => WireOp): T {
  if (!result.diff) return result
  const each = (ops: WireOp[]) => ops.map(map)
  return {
    ...result,
    diff: {
      ...result.diff,
      sections: result.diff.sections.map(pair => ({
        ...pair,
        diff: { ...pair.diff, ops: each(pair.diff.ops), moves: pair.diff.moves?.map(m => ({ ...m, ops: each(m.ops) })) },
      })),
    },
  }
}

export function packOps<T extends WithSections>(result: T): T {
  return mapOps(result, op => (op.op === 'equal' && op.before === op.after ? { op: 'equal', before: op.before } : op))
}

export function unpackOps<T extends WithSections>(result: T): T {
  return mapOps(result, op => (op.op === 'equal' && op.after === undefined ? { ...op, after: op.before } : op))
}

/** An op on the wire: an equal op whose two sides are the same text carries `before` only. */
export type WireDiffOp = DiffOp | { op: 'equal'; before: string; after?: undefined; moveId?: undefined; reusedFrom?: undefined }
/** A section diff on the wire: no `stats` (counts the ops already show; the view does not read them). */
export type WireTextDiff = Omit<TextDiff, 'ops' | 'moves' | 'stats'> & { ops: WireDiffOp[]; moves?: (Omit<MovedWithChanges, 'ops'> & { ops: WireDiffOp[] })[] }
export type WireSectionPair = Omit<SectionPair, 'diff'> & { diff: WireTextDiff }
/** An unchanged figure on the wire: what the table shows of it (label, the two texts, status). */
export type WireSameFigure = Pick<FigureChange, 'label' | 'status' | 'delta' | 'deltaText'> & { before?: { text: string }; after?: { text: string } }
/**
 * A report comparison as the API sends it: equal ops packed, reused passages by their places
 * only (the view reads their text from the sections), unchanged figures by their texts only.
 */
export type WireReportDiff = Omit<ReportDiff, 'sections' | 'reused' | 'figures'> & {
  sections: WireSectionPair[]
  reused: Omit<ReusedPassage, 'text'>[]
  figures: (FigureChange | WireSameFigure)[]
}

function packOp(op: DiffOp): WireDiffOp {
  return op.op === 'equal' && op.before === op.after ? { op: 'equal', before: op.before } : op
}

function packFigure(f: FigureChange): FigureChange | WireSameFigure {
  if (f.status !== 'same') return f
  const side = (s: FigureChange['before']) => s && { text: s.text }
  return { label: f.label, status: f.status, delta: f.delta, deltaText: f.deltaText, before: side(f.before), after: side(f.after) }
}

/** The report comparison in its wire form (see WireReportDiff); unpackOps restores the ops. */
export function packReportDiff(diff: ReportDiff): WireReportDiff {
  return {
    ...diff,
    sections: diff.sections.map(pair => {
      const { stats: _stats, ...rest } = pair.diff
      return { ...pair, diff: { ...rest, ops: rest.ops.map(packOp), moves: rest.moves?.map(m => ({ ...m, ops: m.ops.map(packOp) })) } }
    }),
    reused: diff.reused.map(({ text: _text, ...place }) => place),
    figures: diff.figures.map(packFigure),
  }
}

/** A sentence's origin on the wire: its place and earliest year (the view finds its text by offsets). */
export type WireSentenceOrigin = Pick<SentenceOrigin, 'section' | 'start' | 'end' | 'match' | 'firstYear'>
export type WireHistory = Omit<HistoryResult, 'sentences'> & { sentences: WireSentenceOrigin[] }

/** The history in its wire form: sentences by place, match and first year only. */
export function packHistory(history: HistoryResult): WireHistory {
  return { ...history, sentences: history.sentences.map(({ section, start, end, match, firstYear }) => (firstYear === undefined ? { section, start, end, match } : { section, start, end, match, firstYear })) }
}
