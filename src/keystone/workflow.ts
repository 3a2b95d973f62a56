// Workflow transitions for a signed-in user. One transaction per transition: the status move
// (guarded by status and version), a revision snapshot, the audit event, the review, and the
// outbox mail all commit together or not at all. The rules are in src/workflow and src/mail;
// this file loads what they need and writes what they decide.
import { typedContext, type AnyContext, type TypedContext } from './types'
import { departmentIdsOf, roleOf, userIdOf } from '../access'
import { compareReports } from '../compare'
import { composeWorkflowMail, mailSettingsFrom, workflowRecipients, type ChangeCounts, type Person } from '../mail'
import {
  contentHash,
  EDIT_ACTION,
  reviewedRevision,
  roundChanges,
  roundStart,
  snapshotOf,
  TRANSITIONS,
  transitionProblem,
  type ReportSnapshot,
  type WorkflowAction,
} from '../workflow'
import { AnnalsError, NOT_SIGNED_IN, REPORT_NOT_ACCESSIBLE } from './errors'
import { kickMailWorker } from './mail-worker'
import { saveRevision } from './revisions'
import { claimVersion } from './versions'

export type TransitionInput = { comment?: string | null; expectedVersion?: number | null; contentHash?: string | null }

type Tx = TypedContext['prisma']
type RevisionRow = { id: string; number: number; event: string; contentHash: string; snapshot: unknown }

const PERSON = { id: true, email: true, role: true } as const

/** Who acted in the round that began at `since`: editors (four eyes) and mail recipients. */
async function roundActivity(prisma: Tx, reportId: string, since: Date) {
  const events: { actorId: string | null; action: string }[] = await prisma.auditEvent.findMany({
    where: { reportId, action: { in: [EDIT_ACTION, 'submit'] }, createdAt: { gte: since } },
    select: { actorId: true, action: true },
  })
  const ids = (action: string) => [...new Set(events.flatMap(e => (e.action === action && e.actorId ? [e.actorId] : [])))]
  const participants: Person[] = await prisma.user.findMany({ where: { id: { in: [...ids(EDIT_ACTION), ...ids('submit')] } }, select: PERSON })
  return { editors: ids(EDIT_ACTION), participants }
}

/** Section counts changed between two snapshots (for the mail's “3 节修改，新增 1 节”). */
function changeCounts(before: ReportSnapshot | undefined, after: ReportSnapshot): ChangeCounts | undefined {
  if (!before) return undefined
  const { stats } = compareReports(before, after)
  return { changed: stats.changed, added: stats.added, dropped: stats.dropped }
}

export async function performTransition(anyContext: AnyContext, action: WorkflowAction, reportId: string, input: TransitionInput = {}): Promise<string> {
  const context = typedContext(anyContext)
  const actorId = userIdOf(context)
  if (!actorId) throw new AnnalsError('UNAUTHENTICATED', NOT_SIGNED_IN)
  // the report must be readable by this user at all; same answer for missing and forbidden
  if (!(await context.db.Report.findOne({ where: { id: reportId } }))) throw new AnnalsError('NOT_ACCESSIBLE', REPORT_NOT_ACCESSIBLE)
  const transition = TRANSITIONS[action]

  await context.sudo().transaction(async tx => {
    const prisma = tx.prisma
    const report = await prisma.report.findUnique({
      where: { id: reportId },
      include: { department: true, sections: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
    })
    if (!report) throw new AnnalsError('NOT_ACCESSIBLE', REPORT_NOT_ACCESSIBLE)
    const sections = report.sections.map(s => ({ key: s.key, heading: s.heading, level: s.level, text: s.plainText }))
    const events = await prisma.auditEvent.findMany({ where: { reportId, action: { not: EDIT_ACTION } }, select: { action: true, toStatus: true, createdAt: true } })
    // events are always stamped (defaultValue now); one without a time could not open a round
    const openings = events.filter((e): e is typeof e & { createdAt: Date } => e.createdAt !== null)
    const round = await roundActivity(prisma, report.id, roundStart(openings, report.createdAt))
    const problem = transitionProblem({
      action,
      role: roleOf(context),
      member: report.departmentId !== null && departmentIdsOf(context).includes(report.departmentId),
      status: report.status,
      comment: input.comment,
      sections,
      editedThisRound: round.editors.includes(actorId),
    })
    if (problem) throw new AnnalsError('WORKFLOW_REFUSED', problem)
    const snapshot = snapshotOf(report.title, sections)
    if (input.contentHash && input.contentHash !== contentHash(snapshot)) {
      throw new AnnalsError('CONFLICT', '报告内容与您审阅的版本不一致，请刷新后再审 / The report is not the version you reviewed; reload it first')
    }

    // the status moves only from the status and version just read (or the one the client saw):
    // of concurrent transitions exactly one gets through, the others get a CONFLICT
    await claimVersion(prisma, 'report', report.id, {
      expected: input.expectedVersion ?? report.version,
      where: { status: report.status },
      data: { status: transition.to, lastEditedById: actorId },
    })

    const rows = await prisma.revision.findMany({ where: { reportId: report.id }, select: { id: true, number: true, event: true, contentHash: true, snapshot: true } })
    const earlier: RevisionRow[] = rows.map(r => ({ ...r, number: r.number ?? 0 }))
    const comment = input.comment?.trim() || null
    const revision = await saveRevision(prisma, { reportId: report.id, title: report.title, sections, event: action, what: transition.label, reason: comment, authorId: actorId })
    const audit = await prisma.auditEvent.create({
      data: { reportId: report.id, actorId, action, fromStatus: report.status, toStatus: transition.to, comment: comment ?? '' },
    })
    // "changes this round" as the report stood before this step
    const { from: roundBase, to: underReview } = roundChanges(earlier, report.status)
    if (action === 'approve' || action === 'requestChanges') {
      const submitted = underReview === 'current' ? undefined : { id: underReview.id, contentHash: underReview.contentHash }
      const seen = reviewedRevision(submitted, { id: revision.id, contentHash: revision.contentHash })
      await prisma.review.create({
        data: { reportId: report.id, revisionId: seen.id, reviewerId: actorId, decision: transition.to, comment: comment ?? '' },
      })
    }

    // mail, queued in the same transaction
    const departmentMembers: Person[] = report.departmentId
      ? await prisma.user.findMany({ where: { role: { in: ['writer', 'head'] }, departments: { some: { id: report.departmentId } } }, select: PERSON })
      : []
    const actor: { name: string } | null = await prisma.user.findUnique({ where: { id: actorId }, select: { name: true } })
    const { subject, text } = composeWorkflowMail({
      action,
      report: { title: report.title, year: report.year, department: report.department?.name ?? '', status: transition.to },
      actor: actor?.name ?? '',
      comment,
      // a revision's snapshot is the ReportSnapshot saveRevision wrote (a JSON column to Prisma)
      changes: action === 'reopen' ? undefined : changeCounts(roundBase?.snapshot as ReportSnapshot | undefined, snapshot),
      sections: sections.length,
      link: `${mailSettingsFrom().appUrl}/reports/${report.id}`,
    })
    for (const recipient of workflowRecipients(action, { departmentMembers, roundParticipants: round.participants })) {
      await prisma.outboundEmail.create({
        data: { to: recipient.email, subject, text, reportId: report.id, status: 'queued', attempts: 0, dedupeKey: `${audit.id}:${recipient.email}` },
      })
    }
  })
  kickMailWorker()
  return reportId
}

/** Records that the signed-in user saved a change to a report (the editors of a round). */
export async function recordEdit(context: TypedContext, reportId: string | null | undefined, what: string) {
  const actorId = userIdOf(context)
  if (!actorId || !reportId) return
  await context.prisma.auditEvent.create({ data: { reportId, actorId, action: EDIT_ACTION, comment: what } })
}
