// The matching forms of a text, each with a map back to the original: the archive indexes and
// searches folded text (Traditional → Simplified, full/half width, case) and shows the original.
import { foldChar, resolveNormalizeOptions } from '../compare/normalize'

const FOLD = resolveNormalizeOptions({ traditional: true, punctuation: true, numbering: false, pinyin: false })

/** Stands for every punctuation mark in the search index, so that a phrase never matches across one. */
export const PUNCTUATION_TOKEN = 'ǁ'

/**
 * Ends a section's heading in its search column (heading, this token, body): no phrase matches
 * across it, and the heading is the column's text before it. Never a token of a text or query
 * (folding makes the letter itself punctuation), so it marks only this place.
 */
export const HEADING_END = 'ǀ'

const WORD_CHAR = /^[\p{L}\p{N}]$/u

/** Folded tokens (one code point each) and, per token, the original [start, end) in UTF-16 units. */
export type MappedTokens = { tokens: string[]; start: number[]; end: number[] }

/**
 * Search tokens: letters and digits folded one by one, punctuation as PUNCTUATION_TOKEN,
 * white space dropped. The same function tokenises documents and queries.
 */
export function searchTokens(text: string): MappedTokens {
  return mapTokens(text, true)
}

/** Fingerprint tokens: as search tokens, but punctuation dropped too (a re-punctuated copy is still a copy). */
export function matchTokens(text: string): MappedTokens {
  return mapTokens(text, false)
}

function mapTokens(text: string, keepPunctuation: boolean): MappedTokens {
  const out: MappedTokens = { tokens: [], start: [], end: [] }
  let i = 0
  while (i < text.length) {
    const code = text.codePointAt(i) as number
    const width = code > 0xffff ? 2 : 1
    for (const folded of foldChar(String.fromCodePoint(code), FOLD)) {
      const token = WORD_CHAR.test(folded) && folded !== HEADING_END ? folded : keepPunctuation ? PUNCTUATION_TOKEN : ''
      if (!token) continue
      out.tokens.push(token)
      out.start.push(i)
      out.end.push(i + width)
    }
    i += width
  }
  return out
}

/** Search tokens of a text separated by single spaces (the form the database matches phrases in). */
export function searchColumn(text: string): string {
  return searchTokens(text).tokens.join(' ')
}

/**
 * The Section column the database indexes: the heading's search tokens, HEADING_END, then the
 * body's, all separated by single spaces, so that a word only in a heading (（三）人才工作) is found.
 */
export function sectionSearchColumn(heading: string, body: string): string {
  return [searchColumn(heading), HEADING_END, searchColumn(body)].filter(Boolean).join(' ')
}
