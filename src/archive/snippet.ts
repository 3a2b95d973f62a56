// Snippets: where the terms stand in the original text, and a short excerpt around the best
// match with highlights relative to the excerpt. Works on one section's text at a time.
import { ARCHIVE_CONFIG } from './config'
import { searchTokens, type MappedTokens } from './text'

export type Range = { start: number; end: number }
export type Snippet = { text: string; highlights: Range[]; /** the excerpt's place in the original */ offset: number }

/** Original [start, end) of every occurrence of a token sequence in mapped tokens. */
export function occurrences(mapped: MappedTokens, tokens: readonly string[]): Range[] {
  const out: Range[] = []
  const n = tokens.length
  if (n === 0) return out
  outer: for (let i = 0; i + n <= mapped.tokens.length; i++) {
    for (let j = 0; j < n; j++) if (mapped.tokens[i + j] !== tokens[j]) continue outer
    out.push({ start: mapped.start[i], end: mapped.end[i + n - 1] })
  }
  return out
}

/** Sorted, merged ranges. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end)
  const out: Range[] = []
  for (const r of sorted) {
    const last = out.at(-1)
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end)
    else out.push({ ...r })
  }
  return out
}

/**
 * An excerpt of `text` around the first place the whole phrase stands (else the first term
 * found), with every term occurrence inside it highlighted.
 */
export function snippetFor(text: string, terms: readonly (readonly string[])[], phrase?: readonly string[], context: number = ARCHIVE_CONFIG.snippetContext): Snippet {
  const mapped = searchTokens(text)
  const hits = mergeRanges(terms.flatMap(t => occurrences(mapped, t)))
  const anchor = (phrase && phrase.length > 0 && occurrences(mapped, phrase)[0]) || hits[0]
  if (!anchor) return { text: excerptAround(text, 0, 0, context * 2).text, highlights: [], offset: 0 }
  const { text: excerpt, offset } = excerptAround(text, anchor.start, anchor.end, context)
  const highlights = hits
    .filter(h => h.start >= offset && h.end <= offset + excerpt.length)
    .map(h => ({ start: h.start - offset, end: h.end - offset }))
  return { text: excerpt, highlights, offset }
}

/** Whether a heading holds a token sequence (the whole query: a heading match ranks above body matches). */
export function headingHolds(heading: string, tokens: readonly string[]): boolean {
  return occurrences(searchTokens(heading), tokens).length > 0
}

/** Every term occurrence in a heading (shown whole, so offsets are the heading's own). */
export function headingHighlights(heading: string, terms: readonly (readonly string[])[]): Range[] {
  const mapped = searchTokens(heading)
  return mergeRanges(terms.flatMap(t => occurrences(mapped, t)))
}

/** `context` characters either side of [start, end), not cutting a surrogate pair, on one line's worth. */
export function excerptAround(text: string, start: number, end: number, context: number): { text: string; offset: number } {
  let from = Math.max(0, start - context)
  let to = Math.min(text.length, end + context)
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++
  return { text: text.slice(from, to), offset: from }
}

function isLowSurrogate(code: number) {
  return code >= 0xdc00 && code <= 0xdfff
}
