// Review rounds. A round runs from a return to the writers (creation, 退回修改 or 重新打开) to
// the head's decision; "changes this round" are measured from the previous submission.
// Pure: the glue loads revisions and audit events, these decide. The mail, the report's
// workflow panel and the 待我审核 queue all ask `roundChanges`, so they always agree.

export type RoundRevision = { id: string; number: number; event: string }

/**
 * What "changes this round" compares: `from` the submission the head last saw before this
 * round (undefined when there is none: a first submission), `to` the submission under review
 * while the report is in review, else the current text.
 */
export function roundChanges<R extends RoundRevision>(revisions: readonly R[], status: string): { from: R | undefined; to: R | 'current' } {
  const submissions = revisions.filter(r => r.event === 'submit').sort((a, b) => b.number - a.number)
  if (status === 'in_review' && submissions[0]) return { from: submissions[1], to: submissions[0] }
  return { from: submissions[0], to: 'current' }
}

/** Audit-event actions that are not status moves (saves of text). */
export const EDIT_ACTION = 'edit'

/** Statuses that give a report back to its writers and so begin a new round. */
const ROUND_OPENING_STATUSES: readonly string[] = ['draft', 'changes_requested']

export type RoundEvent = { action: string; toStatus?: string | null; createdAt: Date }

/** When the current round began: the last return to the writers, else the report's creation. */
export function roundStart(events: readonly RoundEvent[], createdAt: Date | null | undefined): Date {
  const openings = events.filter(e => e.action !== EDIT_ACTION && ROUND_OPENING_STATUSES.includes(e.toStatus ?? ''))
  const last = openings.reduce<RoundEvent | undefined>((latest, e) => (!latest || e.createdAt > latest.createdAt ? e : latest), undefined)
  return last?.createdAt ?? createdAt ?? new Date(0)
}

/**
 * The revision a head's decision belongs to: the submission they reviewed when its content is
 * what they decide on, else the revision the decision itself writes.
 */
export function reviewedRevision<R extends { contentHash: string }>(lastSubmission: R | undefined, decided: R): R {
  return lastSubmission && lastSubmission.contentHash === decided.contentHash ? lastSubmission : decided
}
