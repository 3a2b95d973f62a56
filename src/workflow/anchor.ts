// Comments quote a passage of a section: the exact text plus some text before and after it.
// After edits the passage is found again by its quote and context; when it is gone, the
// comment says so instead of pointing at the wrong text.

export const CONTEXT_CHARS = 32

export type Anchor = { quote: string; prefix?: string | null; suffix?: string | null }
export type Located =
  | { status: 'found'; start: number; end: number }
  | { status: 'moved'; start: number; end: number } // found, but its surroundings changed
  | { status: 'missing' }

/** Context to store with a new quote taken at [start, end) of `text`. */
export function anchorAt(text: string, start: number, end: number): Required<Anchor> {
  return { quote: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start), suffix: text.slice(end, end + CONTEXT_CHARS) }
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

/** Where the quoted passage stands in `text` now: the occurrence whose context matches best. */
export function locateAnchor(text: string, anchor: Anchor): Located {
  const { quote } = anchor
  if (!quote) return { status: 'missing' }
  const prefix = anchor.prefix ?? ''
  const suffix = anchor.suffix ?? ''
  let best: { start: number; score: number } | undefined
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const before = text.slice(Math.max(0, at - prefix.length), at)
    const after = text.slice(at + quote.length, at + quote.length + suffix.length)
    const score = commonSuffixLength(before, prefix) + commonPrefixLength(after, suffix)
    if (!best || score > best.score) best = { start: at, score }
  }
  if (!best) return { status: 'missing' }
  const intact = best.score >= Math.min(prefix.length, 8) + Math.min(suffix.length, 8) || best.score === prefix.length + suffix.length
  return { status: intact ? 'found' : 'moved', start: best.start, end: best.start + quote.length }
}
