// Every threshold of the comparison engine, each with the reason it exists (as wikidiff2's
// Config does). Callers may override any of them through `CompareOptions.config`; the two
// reading thresholds a user may want to tune, `minEqualChars` and `minMoveChars`, are also
// top-level options.
import { resolveNormalizeOptions, type NormalizeOptions, type ResolvedNormalizeOptions } from './normalize'

export type CompareConfig = {
  /**
   * Equal stretches shorter than this (normalised characters) between two changes are folded
   * into the change: “的”, “和”, “，” glued between edits make a diff unreadable. (3)
   */
  minEqualChars: number
  /**
   * Shortest passage (normalised characters) reported as moved or reused. Eight characters
   * are a phrase (“坚持以人民为中心”); shorter runs are mostly stock words that every
   * summary shares. Used by moves, shared passages, reuse marking and `reused`. (8)
   */
  minMoveChars: number
  /**
   * A changed stretch between two shared passages is diffed word by word when both sides
   * together have at most this many normalised characters; longer gaps are unrelated text
   * (Myers on it would align scattered 的/和), shown as deleted and inserted. (600)
   */
  gapWordDiffChars: number
  /**
   * Edit budget of one word-level Myers run, in tokens. Myers is O(N·D): the budget bounds
   * the cost of a gap that turns out to be dissimilar. (1500)
   */
  maxWordEdits: number
  /**
   * At most this many shared passages of one changed region take part in keeping passages
   * in order (the heaviest chain is O(n²)); the longest are kept, the rest still count as
   * reused. (400)
   */
  maxChainedRuns: number
  /**
   * Two sentences in different places whose 6-grams overlap at least this much (of the
   * smaller) are one sentence moved with edits, shown as a move with its inner diff. (0.5)
   */
  nearMoveSimilarity: number
  /** A 6-gram found in more than this many sentences says nothing about where a sentence moved. (8) */
  nearMoveFanout: number
  /** Sections whose headings (without numbering) share this much (bigram Dice) are one section. (0.6) */
  headingMatch: number
  /** Sections whose texts share this much (4-gram Dice, or containment × 0.8) are one renamed section. (0.3) */
  contentMatch: number
  /** An unmatched section with this share of its text inside a matched one is split or merged from it. (0.5) */
  partOf: number
  /** Figures whose labels share this much (bigram Dice) within one unit are the same figure. (0.6) */
  figureLabelMatch: number
}

export const DEFAULT_CONFIG: Readonly<CompareConfig> = Object.freeze({
  minEqualChars: 3,
  minMoveChars: 8,
  gapWordDiffChars: 600,
  maxWordEdits: 1500,
  maxChainedRuns: 400,
  nearMoveSimilarity: 0.5,
  nearMoveFanout: 8,
  headingMatch: 0.6,
  contentMatch: 0.3,
  partOf: 0.5,
  figureLabelMatch: 0.6,
})

export type CompareOptions = {
  /** How texts are folded before matching (display always keeps the original). */
  normalize?: NormalizeOptions
  /** See CompareConfig.minEqualChars (default 3). */
  minEqualChars?: number
  /** See CompareConfig.minMoveChars (default 8). */
  minMoveChars?: number
  /** Any other threshold; see CompareConfig. */
  config?: Partial<CompareConfig>
}

export type ResolvedCompareOptions = CompareConfig & { normalize: ResolvedNormalizeOptions }

export function resolveCompareOptions(options: CompareOptions = {}): ResolvedCompareOptions {
  const resolved: ResolvedCompareOptions = { ...DEFAULT_CONFIG, ...options.config, normalize: resolveNormalizeOptions(options.normalize) }
  if (options.minEqualChars !== undefined) resolved.minEqualChars = options.minEqualChars
  if (options.minMoveChars !== undefined) resolved.minMoveChars = options.minMoveChars
  if (!(resolved.minMoveChars >= 1)) throw new RangeError('minMoveChars 必须至少为 1 / minMoveChars must be at least 1')
  return resolved
}
