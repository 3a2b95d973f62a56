// Workflow mail, Chinese first with English below. Pure: text in, text out.
import { statusLabel, statusLabelEn, type WorkflowAction } from '../workflow'

export type ChangeCounts = { changed: number; added: number; dropped: number }

export type WorkflowMailInput = {
  action: WorkflowAction
  report: { title: string; year: number; department: string; status: string }
  actor: string
  comment?: string | null
  /** what changed since the last review round (undefined on a first submission) */
  changes?: ChangeCounts
  sections: number
  link: string
}

const SUBJECTS: Record<WorkflowAction, [string, string]> = {
  submit: ['已提交审核，请审阅', 'submitted for your review'],
  approve: ['已批准', 'approved'],
  requestChanges: ['被退回修改', 'sent back for changes'],
  reopen: ['已重新打开', 'reopened'],
}

export function describeChanges(changes: ChangeCounts | undefined, sections: number): [string, string] {
  if (!changes) return [`首次提交，共 ${sections} 节`, `first submission, ${sections} sections`]
  const zh = [`${changes.changed} 节修改`, changes.added ? `新增 ${changes.added} 节` : '', changes.dropped ? `删除 ${changes.dropped} 节` : ''].filter(Boolean).join('，')
  const en = [`${changes.changed} section(s) changed`, changes.added ? `${changes.added} added` : '', changes.dropped ? `${changes.dropped} removed` : ''].filter(Boolean).join(', ')
  return [zh, en]
}

export function composeWorkflowMail(input: WorkflowMailInput): { subject: string; text: string } {
  const [zhEvent, enEvent] = SUBJECTS[input.action]
  const [zhStatus, enStatus] = [statusLabel(input.report.status), statusLabelEn(input.report.status)]
  const [zhChanges, enChanges] = describeChanges(input.changes, input.sections)
  const name = `${input.report.title}（${input.report.year}年）`
  const comment = input.comment?.trim()
  const zh = [
    `${input.report.department}的${name}${zhEvent}。`,
    '',
    `报告：${input.report.title}`,
    `年份：${input.report.year}`,
    `状态：${zhStatus}`,
    `操作人：${input.actor}`,
    `本轮改动：${zhChanges}`,
    ...(comment ? [`意见：${comment}`] : []),
    `查看报告：${input.link}`,
  ]
  const en = [
    `${input.report.title} (${input.report.year}) of ${input.report.department} was ${enEvent}.`,
    '',
    `Status: ${enStatus}`,
    `By: ${input.actor}`,
    `Changes this round: ${enChanges}`,
    ...(comment ? [`Comment: ${comment}`] : []),
    `Open the report: ${input.link}`,
  ]
  return {
    subject: `【年鉴】${name}${zhEvent} / ${input.report.title} ${input.report.year} ${enEvent}`,
    text: [...zh, '', '——', '', ...en, '', '此邮件由年鉴系统自动发送，请勿回复。 This message was sent by Annals; please do not reply.'].join('\n'),
  }
}
