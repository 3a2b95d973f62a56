// What the report page shows beside the form: the review state, revisions with links to
// compare them, open comments with where their quotes stand, and the audit trail.
// `WorkflowPanel` is the wire type: admin/views/workflow-panel.tsx imports it.
import type { TypedContext } from './types'
import { availableActions, roundChanges, statusLabel, TRANSITIONS } from '../workflow'
import { departmentIdsOf, roleOf } from '../access'
import { anchorOf, type CommentAnchor } from './comments'

const ACTION_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(TRANSITIONS).map(([key, t]) => [key, t.label.split(' ')[0]])),
  edit: '修改',
}

const QUERY = `id status department { id }
  revisions(orderBy: { number: desc }) { id number label event reason createdAt contentHash author { name } }
  comments(orderBy: { createdAt: desc }) { id body quote resolved createdAt prefix suffix section { id } author { name } }
  auditEvents(orderBy: { createdAt: desc }, take: 30) { action fromStatus toStatus comment createdAt actor { name } }`

type Named = { name: string } | null
/** The shape QUERY answers with. */
type PanelSource = {
  id: string
  status: string
  department: { id: string } | null
  revisions: { id: string; number: number; label: string; event: string; reason: string; createdAt: string; contentHash: string; author: Named }[]
  comments: { id: string; body: string; quote: string; resolved: boolean; createdAt: string; prefix: string; suffix: string; section: { id: string } | null; author: Named }[]
  auditEvents: { action: string; fromStatus: string; toStatus: string; comment: string; createdAt: string; actor: Named }[]
}

export type WorkflowPanel = {
  reportId: string
  status: string
  statusLabel: string
  /** labels of the transitions this user may take now */
  actions: string[]
  /** "changes this round" compares this revision … */
  roundBaseRevisionId: string | null
  /** … with this one, or 'current' (the text as it is now) */
  roundToRevisionId: string
  revisions: { id: string; number: number; label: string; reason: string; createdAt: string; author: string; hash: string; previousId: string | null }[]
  comments: { id: string; body: string; quote: string; resolved: boolean; createdAt: string; author: string; anchor: CommentAnchor | null }[]
  audit: { action: string; from: string; to: string; comment: string; at: string; actor: string }[]
}

export async function workflowPanel(context: TypedContext, reportId: string): Promise<WorkflowPanel | null> {
  // context.query answers with the selection in QUERY, which Keystone does not type
  const report = (await context.query.Report.findOne({ where: { id: reportId }, query: QUERY })) as PanelSource | null
  if (!report) return null
  // changes this round; before any earlier submission, everything since the first revision
  const round = roundChanges(report.revisions, report.status)
  const roundBase = round.from ?? report.revisions[report.revisions.length - 1]
  const comments = await Promise.all(
    report.comments.map(async c => ({
      id: c.id,
      body: c.body,
      quote: c.quote,
      resolved: c.resolved,
      createdAt: c.createdAt,
      author: c.author?.name ?? '',
      anchor: await anchorOf(context, { sectionId: c.section?.id, quote: c.quote, prefix: c.prefix, suffix: c.suffix }),
    }))
  )
  return {
    reportId,
    status: report.status,
    statusLabel: statusLabel(report.status),
    actions: availableActions(roleOf(context), report.status, departmentIdsOf(context).includes(report.department?.id ?? '')).map(a => TRANSITIONS[a].label),
    roundBaseRevisionId: roundBase?.id ?? null,
    roundToRevisionId: round.to === 'current' ? 'current' : round.to.id,
    revisions: report.revisions.map((r, index, all) => ({
      id: r.id,
      number: r.number,
      label: r.label,
      reason: r.reason,
      createdAt: r.createdAt,
      author: r.author?.name ?? '',
      hash: r.contentHash.slice(0, 12),
      previousId: all[index + 1]?.id ?? null,
    })),
    comments: comments.sort((a, b) => Number(a.resolved) - Number(b.resolved)),
    audit: report.auditEvents.map(e => ({
      action: ACTION_LABELS[e.action] ?? e.action,
      from: e.fromStatus ? statusLabel(e.fromStatus) : '',
      to: e.toStatus ? statusLabel(e.toStatus) : '',
      comment: e.comment,
      at: e.createdAt,
      actor: e.actor?.name ?? '系统',
    })),
  }
}
