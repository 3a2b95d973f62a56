// compareReports: section alignment across years, then a text diff per aligned group,
// moves across sections, reused passages and figures.
//
// Sections are matched in three passes, each only over what is still unmatched:
//   1. stable key (kept by the editor when a heading is reworded)
//   2. heading text without numbering (renumbered or reordered sections)
//   3. content overlap (renamed sections)
// then an unmatched section whose text mostly lies inside a matched one joins it as a split
// (one before, several after) or a merge (several before, one after).
//
// What it costs: each report is prepared once per content (prepared-report.ts); each pair of
// reports is analysed once (alignment, shared passages, figures: PairAnalysis) and each pair
// of sections diffed once, all in lru.ts caches. A draft against ten years prepares eleven
// reports and does ten pair analyses; a repeated call only assembles the rows.
import { foldText } from './normalize'
import { prepareText, type PreparedText } from './prepare'
import { pairFigures } from './figures'
import { heaviestChain } from './chain'
import { sharedPhrases } from './reuse'
import { diffPrepared } from './text-diff'
import { resolveCompareOptions, type CompareOptions, type ResolvedCompareOptions } from './config'
import { markReused, type ReuseSource } from './reuse-marking'
import { similarityOf } from './ops'
import { boundedCache, cached } from './lru'
import { joinedText as joinedReport, locate, prepareReport, reportFigures, sharedGramCounts, type Joined, type PreparedReport, type Side } from './prepared-report'
import type { SharedRun } from './reuse'
import type { FigureChange, ReportDiff, ReportInput, ReusedPassage, SectionMatch, SectionPair, TextDiff } from './types'

const LEVEL_PENALTY = 0.05

type Overlap = { dice: number; aInB: number; bInA: number }

/** Shared 4-grams of every pair of sections, counted once by merging the two reports' gram tables. */
function gramOverlaps(RA: PreparedReport, RB: PreparedReport): (a: number, b: number) => Overlap {
  const A = RA.sides
  const B = RB.sides
  const shared = sharedGramCounts(RA, RB)
  return (a, b) => {
    const sa = A[a].gramCount
    const sb = B[b].gramCount
    if (sa === 0 || sb === 0) return { dice: 0, aInB: 0, bInA: 0 }
    const n = shared[a * B.length + b]
    return { dice: (2 * n) / (sa + sb), aInB: n / sa, bInA: n / sb }
  }
}

function headingDice(a: Side, b: Side): number {
  if (!a.headingKey || !b.headingKey) return 0
  if (a.headingKey === b.headingKey) return 1
  const ga = a.headingGrams
  const gb = b.headingGrams
  if (!ga.length || !gb.length) return 0
  // shared bigrams: one merge of the two ascending lists
  let shared = 0
  for (let i = 0, j = 0; i < ga.length && j < gb.length; ) {
    if (ga[i] < gb[j]) i++
    else if (ga[i] > gb[j]) j++
    else {
      shared++
      i++
      j++
    }
  }
  return (2 * shared) / (ga.length + gb.length)
}

type Match = { a: number; b: number; by: SectionMatch }

/** Shared text: Dice, or most of the smaller section found in the larger one (a section that grew). */
function contentScore(a: Side, b: Side, { dice, aInB, bInA }: Overlap): number {
  const smaller = Math.min(a.gramCount, b.gramCount)
  return smaller >= 3 ? Math.max(dice, 0.8 * (a.gramCount <= b.gramCount ? aInB : bInA)) : dice
}

/** Greedy best-first matching over the still unmatched pairs scoring at least `threshold`. */
function matchPass(
  A: Side[],
  B: Side[],
  usedA: Set<number>,
  usedB: Set<number>,
  by: SectionMatch,
  score: (a: number, b: number) => number,
  threshold: number
): Match[] {
  const candidates: { a: number; b: number; score: number }[] = []
  A.forEach((sa, a) => {
    if (usedA.has(a)) return
    B.forEach((sb, b) => {
      if (usedB.has(b)) return
      const value = score(a, b)
      // ties go to the pair at the same level and the same relative place
      if (value >= threshold) candidates.push({ a, b, score: value - Math.abs(sa.level - sb.level) * LEVEL_PENALTY - Math.abs(a / A.length - b / B.length) * 0.01 })
    })
  })
  candidates.sort((x, y) => y.score - x.score)
  const matches: Match[] = []
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue
    usedA.add(c.a)
    usedB.add(c.b)
    matches.push({ a: c.a, b: c.b, by })
  }
  return matches
}

type Group = { before: number[]; after: number[]; by?: SectionMatch }

function alignSections(RA: PreparedReport, RB: PreparedReport, options: ResolvedCompareOptions): Group[] {
  const A = RA.sides
  const B = RB.sides
  const usedA = new Set<number>()
  const usedB = new Set<number>()
  const overlap = gramOverlaps(RA, RB)
  const matches = [
    ...matchPass(A, B, usedA, usedB, 'key', (a, b) => (A[a].key && A[a].key === B[b].key ? 1 : 0), 1),
    ...matchPass(A, B, usedA, usedB, 'heading', (a, b) => headingDice(A[a], B[b]), options.headingMatch),
    ...matchPass(A, B, usedA, usedB, 'content', (a, b) => contentScore(A[a], B[b], overlap(a, b)), options.contentMatch),
  ]
  const groups: Group[] = matches.map(m => ({ before: [m.a], after: [m.b], by: m.by }))
  const groupOfA = new Map(groups.map(g => [g.before[0], g]))
  const groupOfB = new Map(groups.map(g => [g.after[0], g]))
  // splits: an unmatched after section mostly made of a matched before section's text
  B.forEach((sb, b) => {
    if (usedB.has(b)) return
    let best: { a: number; part: number } | undefined
    for (const [a, group] of groupOfA) {
      if (group.before.length > 1) continue
      const part = overlap(a, b).bInA
      if (part >= options.partOf && (!best || part > best.part)) best = { a, part }
    }
    if (best) {
      groupOfA.get(best.a)?.after.push(b)
      usedB.add(b)
    }
  })
  A.forEach((sa, a) => {
    if (usedA.has(a)) return
    let best: { b: number; part: number } | undefined
    for (const [b, group] of groupOfB) {
      if (group.after.length > 1) continue
      const part = overlap(a, b).aInB
      if (part >= options.partOf && (!best || part > best.part)) best = { b, part }
    }
    if (best) {
      groupOfB.get(best.b)?.before.push(a)
      usedA.add(a)
    }
  })
  for (const group of groups) {
    group.before.sort((x, y) => x - y)
    group.after.sort((x, y) => x - y)
  }
  B.forEach((_, b) => !usedB.has(b) && groups.push({ before: [], after: [b] }))
  A.forEach((_, a) => !usedA.has(a) && groups.push({ before: [a], after: [] }))
  return orderGroups(groups)
}

/** Rows in the order of the later report; a dropped section follows its earlier neighbour. */
function orderGroups(groups: Group[]): Group[] {
  const placed = groups.filter(g => g.after.length).sort((x, y) => x.after[0] - y.after[0])
  for (const dropped of groups.filter(g => !g.after.length).sort((x, y) => x.before[0] - y.before[0])) {
    const a = dropped.before[0]
    // after the row holding the closest earlier before-section
    let at = 0
    placed.forEach((g, index) => {
      if (g.before.some(x => x < a)) at = index + 1
    })
    placed.splice(at, 0, dropped)
  }
  return placed
}

/** Rows whose before-sections are out of order relative to the rest (not in the longest increasing run). */
function reorderedRows(groups: Group[]): Set<number> {
  const rows = groups.map((g, index) => ({ index, a: g.before[0] })).filter(r => r.a !== undefined && groups[r.index].after.length)
  const inOrder = new Set(heaviestChain(rows, () => 1, (x, y) => x.a < y.a).map(r => r.index))
  return new Set(rows.filter(r => !inOrder.has(r.index)).map(r => r.index))
}

function joinedSections(sides: Side[], indexes: number[]): string {
  return indexes.map(i => sides[i].prepared.text).join('\n')
}

function kindOf(group: Group, diff: TextDiff, A: Side[], B: Side[], reordered: boolean): SectionPair['kind'] {
  if (!group.before.length) return 'added'
  if (!group.after.length) return 'dropped'
  if (group.after.length > 1) return 'split'
  if (group.before.length > 1) return 'merged'
  const a = A[group.before[0]]
  const b = B[group.after[0]]
  if (a.headingKey !== b.headingKey) return 'renamed'
  if (!diff.ops.every(op => op.op === 'equal')) return 'changed'
  // the same words: still a change of structure when renumbered, moved up or down a level, or moved
  if (a.heading.trim() !== b.heading.trim()) return 'renumbered'
  if (a.level !== b.level) return 'relevelled'
  return reordered ? 'reordered' : 'same'
}

/**
 * Deleted and inserted passages in different sections with the same normalised text are moves.
 * `keys` holds each row's normalised op texts (of the ops without a move).
 */
function crossSectionMoves(pairs: SectionPair[], keys: Map<SectionPair, (string | undefined)[]>, options: ResolvedCompareOptions, counter: { next: number }) {
  const inserted = new Map<string, { at: number; pair: SectionPair }[]>()
  for (const pair of pairs) {
    const opKeys = keys.get(pair) as (string | undefined)[]
    pair.diff.ops.forEach((op, at) => {
      if (op.op !== 'insert' || op.moveId) return
      const key = opKeys[at] as string
      if (key.length < options.minMoveChars) return
      const list = inserted.get(key)
      if (list) list.push({ at, pair })
      else inserted.set(key, [{ at, pair }])
    })
  }
  for (const pair of pairs) {
    const opKeys = keys.get(pair) as (string | undefined)[]
    pair.diff.ops.forEach((op, at) => {
      if (op.op !== 'delete' || op.moveId) return
      const key = opKeys[at] as string
      const candidates = inserted.get(key)
      const index = candidates?.findIndex(c => c.pair !== pair) ?? -1
      if (!candidates || index < 0) return
      const [match] = candidates.splice(index, 1)
      const id = `move-${counter.next++}`
      // ops may be shared with the pair-diff cache: replaced, never changed
      pair.diff.ops[at] = { ...op, moveId: id }
      const inserted_ = match.pair.diff.ops[match.at]
      if (inserted_.op === 'insert') match.pair.diff.ops[match.at] = { ...inserted_, moveId: id }
      pair.diff.stats.deletedChars -= key.length
      match.pair.diff.stats.insertedChars -= key.length
      match.pair.diff.stats.movedChars += key.length
      pair.diff.stats.moves++
      match.pair.diff.stats.moves++
    })
  }
}

// ---------- pair diffs, cached: ten years against one draft share most section pairs ----------
type CachedRow = { diff: TextDiff; keys: (string | undefined)[] }
const pairDiffs = boundedCache<string, CachedRow>({ entries: 20_000, maxSize: 4_000_000, sizeOf: row => row.diff.stats.beforeChars + row.diff.stats.afterChars })

/**
 * The diff of two prepared texts, computed once per pair and options, with the normalised
 * text of each op that is no move (for moves across sections); move ids named by the row.
 */
function rowDiff(A: PreparedText, B: PreparedText, options: ResolvedCompareOptions, optionsKey: string, counter: { next: number }): CachedRow {
  const row = cached(pairDiffs, `${optionsKey}|${A.id}|${B.id}`, () => {
    const diff = diffPrepared(A, B, options, { next: 1 })
    const keys = diff.ops.map(op => (op.moveId ? undefined : op.op === 'insert' ? foldText(op.after, options.normalize) : op.op === 'delete' ? foldText(op.before, options.normalize) : undefined))
    return { diff, keys }
  })
  const { diff } = row
  if (!diff.stats.moves) return { diff: { ...diff, ops: [...diff.ops], moves: diff.moves && [...diff.moves], stats: { ...diff.stats } }, keys: row.keys }
  // move ids numbered across the whole report (move-1, move-2 …), whatever the cached pair said
  const ids = new Map<string, string>()
  const rename = (id: string) => {
    let renamed = ids.get(id)
    if (!renamed) ids.set(id, (renamed = `move-${counter.next++}`))
    return renamed
  }
  return {
    diff: {
      ...diff,
      ops: diff.ops.map(op => (op.moveId ? { ...op, moveId: rename(op.moveId) } : op)),
      moves: diff.moves?.map(m => ({ ...m, id: rename(m.id) })),
      stats: { ...diff.stats },
    },
    keys: row.keys,
  }
}

/** Every passage of the later report also found in the earlier one (runs over all sections). */
function reusedPassages(B: Side[], a: Joined, b: Joined, runs: SharedRun[]): ReusedPassage[] {
  return runs.map(run => {
    const before = locate(a, run.aStart, run.length)
    const after = locate(b, run.bStart, run.length)
    return { text: B[after.section].prepared.text.slice(after.start, after.end), length: run.length, before, after }
  })
}

/** The report-wide runs that fall in a row's after sections, in the row's own normalised positions. */
function rowReuseSource(after: number[], B: Side[], a: Joined, b: Joined, runs: SharedRun[]): ReuseSource {
  const local: SharedRun[] = []
  let shift = 0
  for (const j of after) {
    const from = b.offsets[j]
    const to = from + B[j].prepared.mapped.key.length
    // runs are sorted by bStart: the first one at or after `from`
    let lo = 0
    let hi = runs.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (runs[mid].bStart < from) lo = mid + 1
      else hi = mid
    }
    for (let r = lo; r < runs.length && runs[r].bStart < to; r++) local.push({ ...runs[r], bStart: runs[r].bStart - from + shift })
    shift += to - from
  }
  return { runs: local, locate: (start, end) => locate(a, start, end - start) }
}

/**
 * What two prepared reports share, computed once per pair and kept while both are cached:
 * the section alignment, passages of minMoveChars+ found in both, and the figures paired.
 * Everything after (rows, moves across sections, reuse marking) is assembled per call.
 */
type PairAnalysis = {
  groups: Group[]
  reordered: Set<number>
  /** shared runs by their place in the later report (a stable sort of the found order) */
  runs: SharedRun[]
  reused: ReusedPassage[]
  figures: FigureChange[]
}
const pairAnalyses = boundedCache<string, PairAnalysis>({ entries: 1000, maxSize: 4_000_000, sizeOf: p => p.runs.length + p.groups.length + p.figures.length + 1 })

function analysePair(RA: PreparedReport, RB: PreparedReport, options: ResolvedCompareOptions, optionsKey: string): PairAnalysis {
  return cached(pairAnalyses, `${optionsKey}|${RA.id}|${RB.id}`, () => {
    const groups = alignSections(RA, RB, options)
    const a = joinedReport(RA, '\u0001')
    const b = joinedReport(RB, '\u0002')
    // runs over the whole reports, so a phrase reused in another section is found too
    const found = sharedPhrases(a.mapped.key, b.mapped.key, options.minMoveChars)
    return {
      groups,
      reordered: reorderedRows(groups),
      runs: [...found].sort((x, y) => x.bStart - y.bStart),
      reused: reusedPassages(RB.sides, a, b, found),
      figures: pairFigures(reportFigures(RA), reportFigures(RB), options.figureLabelMatch),
    }
  })
}

export function compareReports(before: ReportInput, after: ReportInput, options: CompareOptions = {}): ReportDiff {
  const resolved = resolveCompareOptions(options)
  const optionsKey = JSON.stringify(resolved)
  const RA = prepareReport(before, resolved.normalize)
  const RB = prepareReport(after, resolved.normalize)
  const A = RA.sides
  const B = RB.sides
  const { groups, reordered, runs, reused, figures } = analysePair(RA, RB, resolved, optionsKey)
  const counter = { next: 1 }
  const keys = new Map<SectionPair, (string | undefined)[]>()
  const rowTexts = (sides: Side[], indexes: number[]) => (indexes.length === 1 ? sides[indexes[0]].prepared : prepareText(joinedSections(sides, indexes), resolved.normalize))
  const sections: SectionPair[] = groups.map((group, index) => {
    const row = rowDiff(rowTexts(A, group.before), rowTexts(B, group.after), resolved, optionsKey, counter)
    const { diff } = row
    const pair: SectionPair = {
      before: [...group.before],
      after: [...group.after],
      kind: kindOf(group, diff, A, B, reordered.has(index)),
      matchedBy: group.by,
      reordered: reordered.has(index),
      level: group.after.length ? B[group.after[0]].level : A[group.before[0]].level,
      headingBefore: group.before.length ? group.before.map(i => A[i].heading).join(' / ') : undefined,
      headingAfter: group.after.length ? group.after.map(i => B[i].heading).join(' / ') : undefined,
      similarity: group.before.length && group.after.length ? diff.similarity : 0,
      diff,
    }
    keys.set(pair, row.keys)
    return pair
  })
  crossSectionMoves(sections, keys, resolved, counter)
  const a = joinedReport(RA, '\u0001')
  const b = joinedReport(RB, '\u0002')
  for (const pair of sections) {
    if (!pair.after.length) continue
    pair.diff = markReused(pair.diff, rowTexts(B, pair.after), rowReuseSource(pair.after, B, a, b, runs))
    // kept, moved (also to another section) and reused text, as everywhere (similarityOf)
    if (pair.before.length) pair.similarity = pair.diff.similarity = similarityOf(pair.diff.stats)
  }

  const totalBefore = RA.normLength
  const totalAfter = RB.normLength
  const matched = sections.reduce((n, s) => n + s.diff.stats.equalChars + s.diff.stats.movedChars + s.diff.stats.reusedChars, 0)
  const titleDiff =
    before.title !== undefined || after.title !== undefined
      ? diffPrepared(prepareText(before.title ?? '', resolved.normalize), prepareText(after.title ?? '', resolved.normalize), resolved, counter)
      : undefined
  return {
    sections,
    similarity: totalBefore + totalAfter === 0 ? 1 : Math.min(1, (2 * matched) / (totalBefore + totalAfter)),
    title: titleDiff,
    reused: [...reused],
    figures: [...figures],
    stats: {
      sectionsBefore: A.length,
      sectionsAfter: B.length,
      added: sections.filter(s => s.kind === 'added').length,
      dropped: sections.filter(s => s.kind === 'dropped').length,
      changed: sections.filter(s => s.kind !== 'same' && s.kind !== 'added' && s.kind !== 'dropped').length,
      unchanged: sections.filter(s => s.kind === 'same').length,
      reusedChars: reused.reduce((n, r) => n + r.length, 0),
    },
  }
}
