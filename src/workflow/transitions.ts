// The editorial workflow as data: which action moves a report from which status to which,
// who may take it, and what it needs. `transitionProblem` says why an action is refused.
import type { ReportStatus, Role } from '../access'
import { roleLabel, statusLabel } from './vocabulary'

export type WorkflowAction = 'submit' | 'approve' | 'requestChanges' | 'reopen'

export type Transition = {
  from: readonly ReportStatus[]
  to: ReportStatus
  role: Role
  /** a comment (reason) is required */
  commentRequired: boolean
  label: string
}

export const TRANSITIONS: Record<WorkflowAction, Transition> = {
  submit: { from: ['draft', 'changes_requested'], to: 'in_review', role: 'writer', commentRequired: false, label: '提交审核 Submit' },
  approve: { from: ['in_review'], to: 'approved', role: 'head', commentRequired: false, label: '批准 Approve' },
  requestChanges: { from: ['in_review'], to: 'changes_requested', role: 'head', commentRequired: true, label: '退回修改 Request changes' },
  reopen: { from: ['approved'], to: 'draft', role: 'admin', commentRequired: true, label: '重新打开 Reopen' },
}

export type TransitionFacts = {
  action: WorkflowAction
  role?: Role
  /** the actor belongs to the report's department */
  member: boolean
  status: string
  comment?: string | null
  /** section headings and plain texts, in order */
  sections: { heading: string; text: string }[]
  /** the actor saved changes to this report since the round began */
  editedThisRound: boolean
}

const PAST: Record<WorkflowAction, string> = { submit: 'submitted', approve: 'approved', requestChanges: 'sent back', reopen: 'reopened' }

/** Why `facts.action` may not happen now (Chinese first, English after), or undefined when it may. */
export function transitionProblem(facts: TransitionFacts): string | undefined {
  const t = TRANSITIONS[facts.action]
  if (facts.role !== t.role) {
    return `只有${roleLabel(t.role)}可以执行“${t.label}” / Only a ${t.role} may ${facts.action} a report`
  }
  if (t.role !== 'admin' && !facts.member) {
    return `您不属于该报告所在的部门 / You are not a member of this report's department`
  }
  if (!(t.from as readonly string[]).includes(facts.status)) {
    return `报告当前状态为“${statusLabel(facts.status)}”，不能“${t.label}” / A report that is ${facts.status} cannot be ${PAST[facts.action]}`
  }
  if (t.commentRequired && !facts.comment?.trim()) {
    return facts.action === 'reopen'
      ? '重新打开已批准的报告必须填写原因 / A reason is required to reopen an approved report'
      : '退回修改必须填写意见 / A comment is required when requesting changes'
  }
  if (facts.action === 'submit') {
    if (facts.sections.length === 0) return '报告还没有任何章节，不能提交 / The report has no sections yet and cannot be submitted'
    const empty = facts.sections.filter(s => !s.text.trim()).map(s => s.heading)
    if (empty.length) return `以下章节没有正文，不能提交：${empty.join('、')} / These sections are empty: ${empty.join(', ')}`
  }
  if (facts.action === 'approve' && facts.editedThisRound) {
    return '您在本轮修改过此报告，按“四眼原则”不能由您批准 / You edited this report in this round, so by the four-eyes rule you may not approve it'
  }
}

/** Actions this role may see offered for a report in this status (the UI shows only these). */
export function availableActions(role: Role | undefined, status: string, member: boolean): WorkflowAction[] {
  return (Object.keys(TRANSITIONS) as WorkflowAction[]).filter(action => {
    const t = TRANSITIONS[action]
    return t.role === role && (t.role === 'admin' || member) && (t.from as readonly string[]).includes(status)
  })
}
