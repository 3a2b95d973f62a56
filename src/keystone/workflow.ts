// Workflow transitions for a signed-in user. One transaction per transition: the status move
// (guarded by status and version), a revision snapshot, the audit event, the review, and the
// outbox mail all commit together or not at all. The rules are in src/workflow.
import type { KeystoneContext } from '@keystone-6/core/types'
import type { AnnalsSession } from '../access'
import { compareReports } from '../compare'
import { composeWorkflowMail, type ChangeCounts } from '../mail'
import {
  contentHash,
  snapshotOf,
  staleVersionProblem,
  TRANSITIONS,
  transitionProblem,
  type ReportSnapshot,
  type WorkflowAction,
} from '../workflow'
import { NOT_ACCESSIBLE } from './comparison'
import { kickMailWorker } from './mail-worker'

export type TransitionInput = { comment?: string | null; expectedVersion?: number | null; contentHash?: string | null }

/** An error whose message is meant for the user as it is. */
export class WorkflowError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WorkflowError'
  }
}

type Tx = KeystoneContext['prisma']

/** When the current editing round began: creation, or the last return to draft / changes requested. */
async function roundStart(prisma: Tx, report: { id: string; createdAt: Date | null }): Promise<Date> {
  const last = await prisma.auditEvent.findFirst({
    where: { reportId: report.id, toStatus: { in: ['draft', 'changes_requested'] }, action: { not: 'edit' } },
    orderBy: { createdAt: 'desc' },
  })
  return last?.createdAt ?? report.createdAt ?? new Date(0)
}

async function editorsSince(prisma: Tx, reportId: string, since: Date): Promise<string[]> {
  const events = await prisma.auditEvent.findMany({ where: { reportId, action: 'edit', createdAt: { gte: since } }, select: { actorId: true } })
  return [...new Set(events.map((e: { actorId: string | null }) => e.actorId).filter(Boolean) as string[])]
}

async function usersOfDepartment(prisma: Tx, departmentId: string, roles: string[]) {
  return prisma.user.findMany({ where: { role: { in: roles }, departments: { some: { id: departmentId } } }, select: { id: true, email: true, name: true, role: true } })
}

/** Section counts changed between two snapshots (for the mail's “3 节修改，新增 1 节”). */
function changeCounts(before: ReportSnapshot | undefined, after: ReportSnapshot): ChangeCounts | undefined {
  if (!before) return undefined
  const { stats } = compareReports(before, after)
  return { changed: stats.changed, added: stats.added, dropped: stats.dropped }
}

export async function performTransition(context: KeystoneContext, action: WorkflowAction, reportId: string, input: TransitionInput = {}): Promise<string> {
  const session = context.session as AnnalsSession | undefined
  if (!session?.data) throw new WorkflowError('请先登录 / Please sign in')
  // the report must be readable by this user at all; same answer for missing and forbidden
  if (!(await context.db.Report.findOne({ where: { id: reportId } }))) throw new WorkflowError(NOT_ACCESSIBLE)
  const transition = TRANSITIONS[action]
  const actorId = session.itemId
  const appUrl = (process.env.APP_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, '')

  await context.sudo().transaction(async tx => {
    const prisma = tx.prisma
    const report = await prisma.report.findUnique({
      where: { id: reportId },
      include: { department: true, sections: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
    })
    if (!report) throw new WorkflowError(NOT_ACCESSIBLE)
    const sections = report.sections.map((s: { key: string; heading: string; level: number; plainText: string }) => ({ key: s.key, heading: s.heading, level: s.level, text: s.plainText }))
    const since = await roundStart(prisma, report)
    const editors = await editorsSince(prisma, report.id, since)
    const problem = transitionProblem({
      action,
      role: session.data.role,
      member: session.data.departments.some(d => d.id === report.departmentId),
      status: report.status,
      comment: input.comment,
      sections,
      editedThisRound: editors.includes(actorId),
    })
    if (problem) throw new WorkflowError(problem)
    if (input.expectedVersion != null && input.expectedVersion !== report.version) {
      throw new WorkflowError(staleVersionProblem(input.expectedVersion, report.version))
    }
    const snapshot = snapshotOf(report.title, sections)
    const hash = contentHash(snapshot)
    if (input.contentHash && input.contentHash !== hash) {
      throw new WorkflowError('报告内容与您审阅的版本不一致，请刷新后再审 / The report is not the version you reviewed; reload it first')
    }

    // the status moves only from the status and version just read: concurrent transitions lose here
    const moved = await prisma.report.updateMany({
      where: { id: report.id, status: report.status, version: report.version },
      data: { status: transition.to, version: report.version + 1 },
    })
    if (moved.count !== 1) throw new WorkflowError('报告刚被其他人修改或处理，请刷新后重试 / Someone else changed this report just now; reload and try again')

    const revisions = await prisma.revision.findMany({ where: { reportId: report.id }, orderBy: { number: 'desc' } })
    const number = (revisions[0]?.number ?? 0) + 1
    const comment = input.comment?.trim() || null
    const revision = await prisma.revision.create({
      data: { reportId: report.id, number, label: `#${number} ${transition.label}`, reason: comment ?? transition.label, event: action, snapshot, contentHash: hash, authorId: actorId },
    })
    const audit = await prisma.auditEvent.create({
      data: { reportId: report.id, actorId, action, fromStatus: report.status, toStatus: transition.to, comment: comment ?? '' },
    })
    const submissions = revisions.filter((r: { event: string }) => r.event === 'submit')
    if (action === 'approve' || action === 'requestChanges') {
      // the head decided on what was submitted: the revision with the same content, else this one
      const seen = submissions[0] && submissions[0].contentHash === hash ? submissions[0] : revision
      await prisma.review.create({
        data: { reportId: report.id, revisionId: seen.id, reviewerId: actorId, decision: transition.to, comment: comment ?? '' },
      })
    }

    // mail, queued in the same transaction
    const previousRound = (action === 'submit' ? submissions[0] : submissions[1])?.snapshot as ReportSnapshot | undefined
    const changes = action === 'reopen' ? undefined : changeCounts(previousRound, snapshot)
    const recipients =
      action === 'submit'
        ? await usersOfDepartment(prisma, report.departmentId, ['head'])
        : action === 'reopen'
          ? await usersOfDepartment(prisma, report.departmentId, ['writer', 'head'])
          : await prisma.user.findMany({
              where: { id: { in: [...editors, ...(await submitters(prisma, report.id, since))] }, role: 'writer' },
              select: { id: true, email: true, name: true, role: true },
            })
    const { subject, text } = composeWorkflowMail({
      action,
      report: { title: report.title, year: report.year, department: report.department?.name ?? '', status: transition.to },
      actor: session.data.name,
      comment,
      changes,
      sections: sections.length,
      link: `${appUrl}/reports/${report.id}`,
    })
    for (const recipient of recipients) {
      await prisma.outboundEmail.create({
        data: { to: recipient.email, subject, text, reportId: report.id, status: 'queued', attempts: 0, dedupeKey: `${audit.id}:${recipient.email}` },
      })
    }
  })
  kickMailWorker()
  return reportId
}

async function submitters(prisma: Tx, reportId: string, since: Date): Promise<string[]> {
  const events = await prisma.auditEvent.findMany({ where: { reportId, action: 'submit', createdAt: { gte: since } }, select: { actorId: true } })
  return events.map((e: { actorId: string | null }) => e.actorId).filter(Boolean) as string[]
}

/** Records that the signed-in user saved a change to a report (the editors of a round). */
export async function recordEdit(context: KeystoneContext, reportId: string | null | undefined, what: string) {
  const actorId = (context.session as AnnalsSession | undefined)?.itemId
  if (!actorId || !reportId) return
  await context.prisma.auditEvent.create({ data: { reportId, actorId, action: 'edit', comment: what } })
}
