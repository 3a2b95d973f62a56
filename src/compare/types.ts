// Public types of the comparison engine. Results are plain data; renderers never diff again.
import type { NormalizeOptions } from './normalize'
import type { CompareConfig, CompareOptions } from './config'

export type { NormalizeOptions, CompareConfig, CompareOptions }

/**
 * Where an inserted phrase was reused from: [start, end) of the earlier text (original
 * characters); in report comparisons also the earlier report's section index.
 */
export type ReusedFrom = { section?: number; start: number; end: number }

/**
 * One step of a diff. `before` is text of the earlier version, `after` of the later one; both
 * are original text (never normalised). Equal ops carry both, since normalisation may make
 * `奮進(jìn)` equal `奋进`. A deleted and an inserted op with the same `moveId` are one passage that
 * moved. An insert with `reusedFrom` is a phrase (minMoveChars+) found elsewhere in the earlier
 * text: not new wording. No op has empty text.
 */
export type DiffOp =
  | { op: 'equal'; before: string; after: string; moveId?: undefined; reusedFrom?: undefined }
  | { op: 'delete'; before: string; after?: undefined; moveId?: string; reusedFrom?: undefined }
  | { op: 'insert'; before?: undefined; after: string; moveId?: string; reusedFrom?: ReusedFrom }

export type DiffStats = {
  /** normalised characters on each side (what matching counts) */
  beforeChars: number
  afterChars: number
  equalChars: number
  deletedChars: number
  insertedChars: number
  /** normalised characters that moved (counted once, on the after side) */
  movedChars: number
  /** normalised inserted characters marked as reused from elsewhere in the earlier text (part of insertedChars) */
  reusedChars: number
  moves: number
  sentencesBefore: number
  sentencesAfter: number
}

/** A passage that moved with edits inside it: the word diff between its two places. */
export type MovedWithChanges = { id: string; similarity: number; ops: DiffOp[] }

export type TextDiff = {
  ops: DiffOp[]
  /** moves whose two sides differ (after normalisation), with their inner diff */
  moves?: MovedWithChanges[]
  /**
   * 0..1: share of normalised characters shown as taken from the other side — equal, moved,
   * or reused from elsewhere in the earlier text: 2 × (equal + moved + reused) / (before +
   * after), at most 1 (ops.ts similarityOf; the same meaning for section rows and reports)
   */
  similarity: number
  stats: DiffStats
}

/** Where a passage stands: section index and [start, end) in that section's original text. */
export type TextLocation = { section: number; start: number; end: number }

/** A run of at least `minMoveChars` normalised characters found on both sides. */
export type ReusedPassage = {
  text: string
  length: number
  before: TextLocation
  after: TextLocation
}

export type FigureSide = {
  /** the number with its unit as written: 10764人, 96.08%, 1.5亿元 */
  text: string
  /** the number as written (3.1 of 3.1万人) */
  value: number
  /** the unit without its magnitude (人 of 3.1万人) */
  unit: string
  /** the magnitude written before the unit (10,000 for 万): value × scale is the figure in units */
  scale: number
  section: number
  /** the sentence it stands in (original text) */
  sentence: string
}

/** A figure (number with unit and the words before it) paired across two versions. */
export type FigureChange = {
  /** the phrase before the number as written: 全年新引进大学生 */
  label: string
  /** the unit without magnitude; figures pair only within one unit */
  unit: string
  before?: FigureSide
  after?: FigureSide
  /** after − before in the later side's magnitude (0.3 for 3.1万人 → 3.4万人) */
  delta?: number
  /** the change as a reader says it: “+0.3万人”, “+2,900人”, “+2.12个百分点” ('' when unchanged) */
  deltaText?: string
  status: 'same' | 'changed' | 'added' | 'removed'
}

export type ReportInput = {
  title?: string
  /** `level`: 1 for 一、, 2 for （一）, 3 for 1. (default 1) */
  sections: { key?: string; heading: string; level?: number; text: string }[]
}

export type SectionMatch = 'key' | 'heading' | 'content'

export type SectionKind = 'same' | 'changed' | 'renamed' | 'renumbered' | 'relevelled' | 'reordered' | 'added' | 'dropped' | 'split' | 'merged'

/**
 * One row of a report comparison. `before` and `after` are section indexes; a split has one
 * before and several after sections, a merge the reverse; added or dropped have one side empty.
 */
export type SectionPair = {
  before: number[]
  after: number[]
  /**
   * same: nothing changed; changed: the text; renamed: the heading's words; renumbered: only the
   * heading's numbering; relevelled: only its outline level; reordered: only its place;
   * added, dropped, split, merged: the structure
   */
  kind: SectionKind
  matchedBy?: SectionMatch
  /** whether the section stands elsewhere in the order than its partner */
  reordered: boolean
  /** outline level of the row (the later side's, else the earlier side's) */
  level: number
  headingBefore?: string
  headingAfter?: string
  /** the row's diff similarity (see TextDiff.similarity; reused phrases count); 0 for added or dropped */
  similarity: number
  diff: TextDiff
}

export type ReportDiff = {
  sections: SectionPair[]
  /** over all sections: 2 × (equal + moved + reused) / (before + after) normalised characters (see TextDiff.similarity) */
  similarity: number
  title?: TextDiff
  reused: ReusedPassage[]
  figures: FigureChange[]
  stats: {
    sectionsBefore: number
    sectionsAfter: number
    added: number
    dropped: number
    changed: number
    unchanged: number
    reusedChars: number
  }
}

export type HistoryReport = ReportInput & { year: number; id?: string }

export type SentenceOrigin = {
  section: number
  start: number
  end: number
  text: string
  /** earliest year this sentence (or a near copy) appears in; undefined when new */
  firstYear?: number
  /** latest earlier year it appears in */
  lastYear?: number
  match: 'exact' | 'similar' | 'new'
  /** 0..1 overlap with the closest earlier sentence */
  similarity: number
}

export type HistoryResult = {
  sentences: SentenceOrigin[]
  /** per earlier year: how many of the draft's normalised characters appear in it */
  years: { year: number; reusedChars: number; similarity: number }[]
  newChars: number
  totalChars: number
}
