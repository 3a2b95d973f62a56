// Editorial rules: what a report may contain and when it may change.
export * from './validation'
export * from './vocabulary'
export { contentHash, snapshotOf } from './snapshot'
export type { ReportSnapshot } from './snapshot'
export { TRANSITIONS, availableActions, transitionProblem } from './transitions'
export type { Transition, TransitionFacts, WorkflowAction } from './transitions'
export { anchorAt, locateAnchor, CONTEXT_CHARS } from './anchor'
export type { Anchor, Located } from './anchor'
