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
  /** reuseCheck: the smallest this many hash values of a long text stand for it (a bottom-k sketch: copies share their minima). */
  maxQueryHashes: 400,
  /** hashes found in more sections than this are boilerplate (set phrases), not evidence of copying (SQLite). */
  maxHashSections: 300,
  /** reuseCheck: sources listed. */
  maxSources: 10,
  /** search: query length and page size limits. */
  maxQueryChars: 100,
  maxTerms: 8,
  maxTake: 50,
  /** PostgreSQL ranks by term density (reading each candidate's text) up to this many matches, else by the phrase and year. */
  maxRanked: 2000,
  /** characters of context on each side of a snippet's first match. */
  snippetContext: 40,
} as const
