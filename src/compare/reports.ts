// compareReports: section alignment across years, then a text diff per aligned group,
// moves across sections, reused passages and figures.
//
// Sections are matched in three passes, each only over what is still unmatched:
//   1. stable key (kept by the editor when a heading is reworded)
//   2. heading text without numbering (renumbered or reordered sections)
//   3. content overlap (renamed sections)
// then an unmatched section whose text mostly lies inside a matched one joins it as a split
// (one before, several after) or a merge (several before, one after).
import { stripNumbering } from '../text/numbering'
import { foldText, optionsKey, type ResolvedNormalizeOptions } from './normalize'
import { derived, prepareText, type PreparedText } from './prepare'
import { compareFigures } from './figures'
import { heaviestChain } from './chain'
import { mappedKey, sharedPhrases, type MappedText } from './reuse'
import { diffPrepared } from './text-diff'
import { forEachGram } from './grams'
import { resolveCompareOptions, type CompareOptions, type ResolvedCompareOptions } from './config'
import { markReused, type ReuseSource } from './reuse-marking'
import { boundedCache, cached } from './lru'
import type { SharedRun } from './reuse'
import type { DiffOp, ReportDiff, ReportInput, ReusedPassage, SectionMatch, SectionPair, TextDiff } from './types'

const GRAM = 4
const LEVEL_PENALTY = 0.05

function headingKey(heading: string, options: ResolvedNormalizeOptions): string {
  return foldText(stripNumbering(heading), options).replace(/[^\p{L}\p{N}]/gu, '')
}

function gramsOf(prepared: PreparedText): Set<number> {
  return derived(prepared, 'grams4', () => {
    const set = new Set<number>()
    for (const s of prepared.sentences) forEachGram(s.key, GRAM, h => set.add(h))
    return set
  })
}

type Overlap = { dice: number; aInB: number; bInA: number }

/**
 * Shared 4-grams of every pair of sections, counted once through an index of the earlier
 * report's grams (not pair by pair: 50 × 50 sections would be 2,500 set intersections).
 */
function gramOverlaps(A: Side[], B: Side[]): (a: number, b: number) => Overlap {
  const shared = cached(overlapCounts, sidesKey(A, B), () => sharedGramCounts(A, B))
  return (a, b) => {
    const sa = A[a].grams.size
    const sb = B[b].grams.size
    if (sa === 0 || sb === 0) return { dice: 0, aInB: 0, bInA: 0 }
    const n = shared[a * B.length + b]
    return { dice: (2 * n) / (sa + sb), aInB: n / sa, bInA: n / sb }
  }
}

// analyses of a pair of reports (gram overlaps, shared passages), kept while their texts are
const overlapCounts = boundedCache<string, Int32Array>({ entries: 1000, maxSize: 4_000_000, sizeOf: counts => counts.length })
const reportRuns = boundedCache<string, SharedRun[]>({ entries: 1000, maxSize: 2_000_000, sizeOf: runs => runs.length + 1 })

function sidesKey(A: Side[], B: Side[]): string {
  return `${A.map(s => s.prepared.id).join(',')}|${B.map(s => s.prepared.id).join(',')}`
}

function sharedGramCounts(A: Side[], B: Side[]): Int32Array {
  const postings = new Map<number, number[]>()
  A.forEach((side, a) => {
    for (const g of side.grams) {
      const list = postings.get(g)
      if (list) list.push(a)
      else postings.set(g, [a])
    }
  })
  const shared = new Int32Array(A.length * B.length)
  B.forEach((side, b) => {
    for (const g of side.grams) for (const a of postings.get(g) ?? []) shared[a * B.length + b]++
  })
  return shared
}

function bigramSet(text: string): Set<string> {
  const set = new Set<string>()
  for (let i = 0; i + 2 <= text.length; i++) set.add(text.slice(i, i + 2))
  return set
}

function headingDice(a: Side, b: Side): number {
  if (!a.headingKey || !b.headingKey) return 0
  if (a.headingKey === b.headingKey) return 1
  const ga = a.headingGrams
  const gb = b.headingGrams
  if (!ga.size || !gb.size) return 0
  let shared = 0
  for (const g of ga) if (gb.has(g)) shared++
  return (2 * shared) / (ga.size + gb.size)
}

type Side = { heading: string; level: number; key?: string; prepared: PreparedText; grams: Set<number>; headingKey: string; headingGrams: Set<string> }

const headingKeys = boundedCache<string, { key: string; grams: Set<string> }>({ entries: 20_000 })

function sidesOf(report: ReportInput, options: ResolvedNormalizeOptions): Side[] {
  return report.sections.map(section => {
    const prepared = prepareText(section.text, options)
    const heading = cached(headingKeys, optionsKey(options) + section.heading, () => {
      const key = headingKey(section.heading, options)
      return { key, grams: bigramSet(key) }
    })
    return { heading: section.heading, level: section.level ?? 1, key: section.key || undefined, prepared, grams: gramsOf(prepared), headingKey: heading.key, headingGrams: heading.grams }
  })
}

type Match = { a: number; b: number; by: SectionMatch }

/** Shared text: Dice, or most of the smaller section found in the larger one (a section that grew). */
function contentScore(a: Side, b: Side, { dice, aInB, bInA }: Overlap): number {
  const smaller = Math.min(a.grams.size, b.grams.size)
  return smaller >= 3 ? Math.max(dice, 0.8 * (a.grams.size <= b.grams.size ? aInB : bInA)) : dice
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

function alignSections(A: Side[], B: Side[], options: ResolvedCompareOptions): Group[] {
  const usedA = new Set<number>()
  const usedB = new Set<number>()
  const overlap = gramOverlaps(A, B)
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

function joinedText(sides: Side[], indexes: number[]): string {
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

/** Deleted and inserted passages in different sections with the same normalised text are moves. */
function crossSectionMoves(pairs: SectionPair[], options: ResolvedCompareOptions, counter: { next: number }) {
  const inserted = new Map<string, { at: number; pair: SectionPair }[]>()
  for (const pair of pairs) {
    pair.diff.ops.forEach((op, at) => {
      if (op.op !== 'insert' || op.moveId) return
      const key = foldText(op.after, options.normalize)
      if (key.length < options.minMoveChars) return
      inserted.set(key, [...(inserted.get(key) ?? []), { at, pair }])
    })
  }
  for (const pair of pairs) {
    pair.diff.ops.forEach((op, at) => {
      if (op.op !== 'delete' || op.moveId) return
      const key = foldText(op.before, options.normalize)
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
const pairDiffs = boundedCache<string, TextDiff>({ entries: 20_000, maxSize: 4_000_000, sizeOf: diff => diff.stats.beforeChars + diff.stats.afterChars })

/** The diff of two prepared texts, computed once per pair and options; move ids named by the row. */
function rowDiff(A: PreparedText, B: PreparedText, options: ResolvedCompareOptions, optionsKey: string, counter: { next: number }): TextDiff {
  const diff = cached(pairDiffs, `${optionsKey}|${A.id}|${B.id}`, () => diffPrepared(A, B, options, { next: 1 }))
  // move ids numbered across the whole report (move-1, move-2 …), whatever the cached pair said
  const ids = new Map<string, string>()
  const rename = (id: string) => {
    let renamed = ids.get(id)
    if (!renamed) ids.set(id, (renamed = `move-${counter.next++}`))
    return renamed
  }
  return {
    ...diff,
    ops: diff.ops.map(op => (op.moveId ? { ...op, moveId: rename(op.moveId) } : op)),
    moves: diff.moves?.map(m => ({ ...m, id: rename(m.id) })),
    stats: { ...diff.stats },
  }
}

function locate(mapped: MappedText, offsets: number[], start: number, length: number) {
  // `offsets` holds where each section starts in the joined normalised text
  let section = 0
  while (section + 1 < offsets.length && offsets[section + 1] <= start) section++
  return { section, start: mapped.start[start], end: mapped.end[start + length - 1] }
}

/** Joined normalised text of all sections with a separator that never matches the other side. */
function joinedMapped(sides: Side[], separator: string) {
  const parts = sides.map(s => mappedKey(s.prepared))
  const length = parts.reduce((n, p) => n + p.key.length + 1, 0)
  const start = new Int32Array(length).fill(-1)
  const end = new Int32Array(length).fill(-1)
  const offsets: number[] = []
  let at = 0
  for (const part of parts) {
    offsets.push(at)
    start.set(part.start, at)
    end.set(part.end, at)
    at += part.key.length + 1
  }
  return { mapped: { key: parts.map(p => p.key + separator).join(''), start, end }, offsets }
}

type Joined = ReturnType<typeof joinedMapped>

/** Every passage of the later report also found in the earlier one (runs over all sections). */
function reusedPassages(A: Side[], B: Side[], a: Joined, b: Joined, runs: SharedRun[]): ReusedPassage[] {
  return runs.map(run => {
    const before = locate(a.mapped, a.offsets, run.aStart, run.length)
    const after = locate(b.mapped, b.offsets, run.bStart, run.length)
    return { text: B[after.section].prepared.text.slice(after.start, after.end), length: run.length, before, after }
  })
}

/** The report-wide runs that fall in a row's after sections, in the row's own normalised positions. */
function rowReuseSource(after: number[], B: Side[], a: Joined, b: Joined, runs: SharedRun[]): ReuseSource {
  const local: SharedRun[] = []
  let shift = 0
  for (const j of after) {
    const from = b.offsets[j]
    const to = from + mappedKey(B[j].prepared).key.length
    for (const run of runs) if (run.bStart >= from && run.bStart < to) local.push({ ...run, bStart: run.bStart - from + shift })
    shift += to - from
  }
  return { runs: local, locate: (start, end) => locate(a.mapped, a.offsets, start, end - start) }
}

export function compareReports(before: ReportInput, after: ReportInput, options: CompareOptions = {}): ReportDiff {
  const resolved = resolveCompareOptions(options)
  const A = sidesOf(before, resolved.normalize)
  const B = sidesOf(after, resolved.normalize)
  const groups = alignSections(A, B, resolved)
  const reordered = reorderedRows(groups)
  const counter = { next: 1 }
  const optionsKey = JSON.stringify(resolved)
  const sections: SectionPair[] = groups.map((group, index) => {
    const aPrepared = group.before.length === 1 ? A[group.before[0]].prepared : prepareText(joinedText(A, group.before), resolved.normalize)
    const bPrepared = group.after.length === 1 ? B[group.after[0]].prepared : prepareText(joinedText(B, group.after), resolved.normalize)
    const diff = rowDiff(aPrepared, bPrepared, resolved, optionsKey, counter)
    return {
      before: group.before,
      after: group.after,
      kind: kindOf(group, diff, A, B, reordered.has(index)),
      matchedBy: group.by,
      reordered: reordered.has(index),
      level: group.after.length ? B[group.after[0]].level : A[group.before[0]].level,
      headingBefore: group.before.length ? group.before.map(i => A[i].heading).join(' / ') : undefined,
      headingAfter: group.after.length ? group.after.map(i => B[i].heading).join(' / ') : undefined,
      similarity: group.before.length && group.after.length ? diff.similarity : 0,
      diff,
    }
  })
  crossSectionMoves(sections, resolved, counter)
  // reuse: runs over the whole reports, so a phrase reused in another section is found too
  const a = joinedMapped(A, '\u0001')
  const b = joinedMapped(B, '\u0002')
  const runs = cached(reportRuns, `${resolved.minMoveChars}|${sidesKey(A, B)}`, () => sharedPhrases(a.mapped.key, b.mapped.key, resolved.minMoveChars))
  for (const pair of sections) {
    if (!pair.after.length) continue
    const bPrepared = pair.after.length === 1 ? B[pair.after[0]].prepared : prepareText(joinedText(B, pair.after), resolved.normalize)
    pair.diff = markReused(pair.diff, bPrepared, rowReuseSource(pair.after, B, a, b, runs))
  }

  const totalBefore = A.reduce((n, s) => n + s.prepared.normLength, 0)
  const totalAfter = B.reduce((n, s) => n + s.prepared.normLength, 0)
  const matched = sections.reduce((n, s) => n + s.diff.stats.equalChars + s.diff.stats.movedChars, 0)
  const reused = reusedPassages(A, B, a, b, runs)
  const titleDiff =
    before.title !== undefined || after.title !== undefined
      ? diffPrepared(prepareText(before.title ?? '', resolved.normalize), prepareText(after.title ?? '', resolved.normalize), resolved, counter)
      : undefined
  return {
    sections,
    similarity: totalBefore + totalAfter === 0 ? 1 : Math.min(1, (2 * matched) / (totalBefore + totalAfter)),
    title: titleDiff,
    reused,
    figures: compareFigures(
      before.sections.map(s => ({ text: s.text, key: s.key })),
      after.sections.map(s => ({ text: s.text, key: s.key })),
      resolved.normalize,
      resolved.figureLabelMatch
    ),
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
