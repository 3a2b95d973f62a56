// Shared passages between a text and a candidate source, and the shares a reuse check reports.
// Candidates come from the fingerprint index; here they are verified exactly on folded text.
import { sharedRuns } from '../compare'
import { ARCHIVE_CONFIG } from './config'
import { matchTokens, type MappedTokens } from './text'
import { mergeRanges, type Range } from './snippet'

export type MatchText = { mapped: MappedTokens; key: string }

/** Folded key of a text for exact matching (one UTF-16 unit per token where possible). */
export function matchText(text: string): MatchText {
  const mapped = matchTokens(text)
  return { mapped, key: mapped.tokens.join('') }
}

/** A shared passage: original ranges in the text and in the source. */
export type SharedPassage = { start: number; end: number; sourceStart: number; sourceEnd: number; /** first token in the text, and tokens shared */ tokenStart: number; length: number }

/**
 * Runs of at least `minLength` folded characters that stand in both, mapped to original offsets.
 * Keys join tokens, and a token above U+FFFF is two units: runs are trimmed to token boundaries.
 */
export function sharedPassages(text: MatchText, source: MatchText, minLength: number = ARCHIVE_CONFIG.minPassage): SharedPassage[] {
  const aUnits = unitToToken(text.mapped)
  const bUnits = unitToToken(source.mapped)
  // the automaton is built over the text (one per request, cached by the engine) and each source streams through it
  return sharedRuns(text.key, source.key, minLength).flatMap(run => {
    const a0 = aUnits[run.aStart]
    const a1 = aUnits[run.aStart + run.length - 1]
    const b0 = bUnits[run.bStart]
    const b1 = bUnits[run.bStart + run.length - 1]
    if (a0 === undefined || a1 === undefined || b0 === undefined || b1 === undefined) return []
    return [{
      start: text.mapped.start[a0],
      end: text.mapped.end[a1],
      sourceStart: source.mapped.start[b0],
      sourceEnd: source.mapped.end[b1],
      tokenStart: a0,
      length: a1 - a0 + 1,
    }]
  })
}

function unitToToken(mapped: MappedTokens): number[] {
  const out: number[] = []
  mapped.tokens.forEach((t, i) => {
    for (let u = 0; u < t.length; u++) out.push(i)
  })
  return out
}

/** Tokens of `text` covered by the passages (merged), against all its tokens. */
export function coveredShare(text: MatchText, ranges: readonly Range[]): { covered: number; total: number } {
  const merged = mergeRanges(ranges)
  let covered = 0
  let r = 0
  for (let i = 0; i < text.mapped.tokens.length; i++) {
    const at = text.mapped.start[i]
    while (r < merged.length && merged[r].end <= at) r++
    if (r < merged.length && merged[r].start <= at) covered++
  }
  return { covered, total: text.mapped.tokens.length }
}

/** Share of a selection found in a source: the covered part of its folded characters (0–1). */
export function similarity(selection: MatchText, passages: readonly SharedPassage[]): number {
  const { covered, total } = coveredShare(selection, passages)
  return total === 0 ? 0 : covered / total
}
