// Every threshold of the archive in one place, each with the reason it exists.
export const ARCHIVE_CONFIG = {
  /** k-gram length for fingerprints: shorter grams match set phrases (推动高质量发展) everywhere. */
  kgram: 10,
  /** winnowing window: any shared run of kgram + window - 1 = 25 characters is always found. */
  window: 16,
  /** shortest shared run reported as a passage (characters of normalised text). */
  minPassage: 12,
  /** passageSources: the selection is folded and at most this long (bounded work per request). */
  maxPassageChars: 2000,
  /** passageSources: sources below this share of the selection are not near copies. */
  minSimilarity: 0.5,
  /** candidates verified exactly per request (the index ranks them by shared fingerprints). */
  maxCandidates: 60,
  /** passageSources and reuseCheck: at most this many hashes looked up, the smallest values of the text's uncommon ones (a bottom-k sketch: copies share their minima). */
  maxQueryHashes: 400,
  /** hashes found in more sections than this are boilerplate (set phrases), not evidence of copying: `npm run reindex` lists them, and a query reads at most this many postings per hash. */
  maxHashSections: 300,
  /** reuseCheck: sources listed. */
  maxSources: 10,
  /** search: query length and page size limits. */
  maxQueryChars: 100,
  maxTerms: 8,
  maxTake: 50,
  /** search: relevance orders the newest this many matches (the index is kept newest year first); further pages follow in index order. Bounded work per query. */
  maxRanked: 500,
  /** search: matches are counted up to this many (reading the index past the ranked window); beyond, `total` is this and `totalExact` false (shown as “超过 1,000 条”): nobody pages through more, and counting all of a common word's 100,000 sections is the slowest part of a search. */
  maxCounted: 1_000,
  /** search: deepest page start. */
  maxSkip: 10_000,
  /** characters of context on each side of a snippet's first match. */
  snippetContext: 40,
} as const
