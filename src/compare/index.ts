// The comparison engine: pure functions over plain text and plain report objects.
// No Keystone here; the API and the views call these and render their results.
//
//   compareTexts(before, after)          two-level diff with moves, reuse kept, readable ops
//   compareReports(before, after)        sections aligned across years, per-section diffs,
//                                        reused passages (8+ chars), figures paired
//   compareWithHistory(draft, earlier)   the earliest year each draft sentence appears in
export { compareTexts } from './text-diff'
export { preloadCompareEngine } from './preload'
export { compareReports } from './reports'
export { compareWithHistory, fingerprintReport } from './history'
export { compareFigures } from './figures'
export { sharedRuns } from './reuse'
/** Forget every cached text analysis and result (benchmarks use it to measure cold runs). */
export { clearAllCaches as clearCompareCaches, boundedCache } from './lru'
export { DEFAULT_CONFIG, resolveCompareOptions } from './config'
export { foldText, resolveNormalizeOptions } from './normalize'
export { contentKey } from './cache'
export type * from './types'
