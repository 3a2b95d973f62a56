// The archive: folding, query parsing, fingerprints, snippets and shared passages (pure).
export { ARCHIVE_CONFIG } from './config'
export { searchTokens, matchTokens, searchColumn, sectionSearchColumn, PUNCTUATION_TOKEN, HEADING_END, type MappedTokens } from './text'
export { parseQuery, ftsMatch, ftsPhrase, bigrams, spaced, ArchiveQueryError, type ParsedQuery, type SearchTerm } from './query'
export { kgramHash, kgramHashes, winnow, fingerprints } from './fingerprint'
export { snippetFor, headingHighlights, headingHolds, occurrences, mergeRanges, excerptAround, type Range, type Snippet } from './snippet'
export { matchText, sharedPassages, coveredShare, similarity, type MatchText, type SharedPassage } from './passages'
export { archiveScope, type ArchiveScope } from './scope'
export { archiveTag, ridOfYear, ridRange, yearOfRid } from './tags'
