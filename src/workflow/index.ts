// Editorial rules: what a report may contain and when it may change.
export * from './validation'
export { contentHash, snapshotOf } from './snapshot'
export type { ReportSnapshot } from './snapshot'
