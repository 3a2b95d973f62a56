// Saving a revision: the one place that writes Revision rows (report creation, imports and
// every workflow transition), so numbering, labels and content hashes never drift apart.
import type { TypedContext } from './types'
import { contentHash, nextRevisionNumber, revisionLabel, snapshotOf, type ReportSnapshot } from '../workflow'

type Prisma = TypedContext['prisma']

export type NewRevision = {
  reportId: string
  title: string
  sections: ReportSnapshot['sections']
  /** what made it: create, import, submit, approve, requestChanges, reopen */
  event: string
  /** what the label says after the number */
  what: string
  /** why (a comment, else `what`) */
  reason?: string | null
  authorId?: string | null
}

export type SavedRevision = { id: string; number: number; contentHash: string; snapshot: ReportSnapshot }

/** Writes the next revision of a report; call it inside the transaction that made the change. */
export async function saveRevision(prisma: Prisma, revision: NewRevision): Promise<SavedRevision> {
  const existing = await prisma.revision.findMany({ where: { reportId: revision.reportId }, select: { number: true } })
  const number = nextRevisionNumber(existing.map(r => ({ number: r.number ?? 0 })))
  const snapshot = snapshotOf(revision.title, revision.sections)
  const hash = contentHash(snapshot)
  const row = await prisma.revision.create({
    data: {
      reportId: revision.reportId,
      number,
      label: revisionLabel(number, revision.what),
      reason: revision.reason || revision.what,
      event: revision.event,
      snapshot,
      contentHash: hash,
      authorId: revision.authorId ?? null,
    },
  })
  return { id: String(row.id), number, contentHash: hash, snapshot }
}
