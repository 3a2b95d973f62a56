// Search queries: words separated by white space must all appear; "quoted phrases" (straight or
// Chinese quotes) are kept whole. A Chinese run such as 人才引进 is matched as written (one phrase);
// results where the whole query stands as one phrase rank first.
import { ARCHIVE_CONFIG } from './config'
import { PUNCTUATION_TOKEN, searchTokens } from './text'

export type SearchTerm = { tokens: string[]; quoted: boolean }
export type ParsedQuery = { terms: SearchTerm[]; /** all terms in order, as one phrase */ phrase: string[] }

export class ArchiveQueryError extends Error {}

const QUOTED = /"([^"]*)"|“([^”]*)”|「([^」]*)」|'([^']*)'/gu

export function parseQuery(input: string): ParsedQuery {
  const raw = input.trim()
  if ([...raw].length > ARCHIVE_CONFIG.maxQueryChars) {
    throw new ArchiveQueryError(`检索词过长（最多 ${ARCHIVE_CONFIG.maxQueryChars} 个字符）/ Query too long (at most ${ARCHIVE_CONFIG.maxQueryChars} characters)`)
  }
  const terms: SearchTerm[] = []
  let rest = ''
  let last = 0
  for (const m of raw.matchAll(QUOTED)) {
    rest += raw.slice(last, m.index) + ' '
    last = m.index + m[0].length
    addTerm(terms, m[1] ?? m[2] ?? m[3] ?? m[4] ?? '', true)
  }
  rest += raw.slice(last)
  for (const word of rest.split(/\s+/u)) addTerm(terms, word, false)
  if (terms.length === 0) throw new ArchiveQueryError('请输入检索词（文字或数字）/ Enter a word or phrase to search for')
  if (terms.length > ARCHIVE_CONFIG.maxTerms) {
    throw new ArchiveQueryError(`检索词过多（最多 ${ARCHIVE_CONFIG.maxTerms} 个）/ Too many words (at most ${ARCHIVE_CONFIG.maxTerms})`)
  }
  return { terms, phrase: terms.flatMap(t => t.tokens) }
}

function addTerm(terms: SearchTerm[], text: string, quoted: boolean) {
  const tokens = searchTokens(text).tokens
  // leading or trailing punctuation of an unquoted word (人才， or 「党建」) is not part of it
  while (!quoted && tokens[0] === PUNCTUATION_TOKEN) tokens.shift()
  while (!quoted && tokens.at(-1) === PUNCTUATION_TOKEN) tokens.pop()
  if (tokens.length === 0 || tokens.every(t => t === PUNCTUATION_TOKEN)) return
  if (terms.some(t => t.tokens.join('') === tokens.join(''))) return
  terms.push({ tokens, quoted })
}

/** The index's phrase syntax for one term (SQLite FTS5): tokens are single letters or digits, never quotes. */
export function ftsPhrase(tokens: string[]): string {
  return `"${tokens.join(' ')}"`
}

/** FTS5 MATCH expression: every term as a phrase. */
export function ftsMatch(query: ParsedQuery): string {
  return query.terms.map(t => ftsPhrase(t.tokens)).join(' AND ')
}

/** Bigrams of a token list, as the PostgreSQL index stores them (a single token stays itself). */
export function bigrams(tokens: string[]): string[] {
  if (tokens.length === 1) return tokens
  const out: string[] = []
  for (let i = 0; i + 1 < tokens.length; i++) out.push(tokens[i] + tokens[i + 1])
  return out
}

/** The spaced form of a term as it stands in the search column (for exact checks with strpos/instr). */
export function spaced(tokens: string[]): string {
  return tokens.join(' ')
}
