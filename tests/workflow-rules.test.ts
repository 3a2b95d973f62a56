// The pure workflow rules: vocabulary, review rounds, revision numbering, mail recipients.
import { describe, expect, test } from 'vitest'
import {
  defaultReportTitle,
  kindLabel,
  nextRevisionNumber,
  REPORT_KINDS,
  reviewedRevision,
  revisionLabel,
  ROLE_OPTIONS,
  roleLabel,
  roundChanges,
  roundStart,
  STATUS_LABELS,
  statusLabel,
  staleVersionProblem,
  statusLabelEn,
} from '../src/workflow'
import { workflowRecipients, type Person } from '../src/mail'
import { REPORT_STATUSES, ROLES } from '../src/access'

describe('vocabulary', () => {
  test('every status and role has its words, Chinese and English', () => {
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...REPORT_STATUSES].sort())
    expect(REPORT_STATUSES.map(statusLabel)).toEqual(['草稿', '审核中', '退回修改', '已批准'])
    expect(statusLabelEn('changes_requested')).toBe('changes requested')
    expect(ROLE_OPTIONS.map(o => o.value).sort()).toEqual([...ROLES].sort())
    expect(ROLE_OPTIONS.find(o => o.value === 'head')?.label).toBe('部门负责人 Head')
    expect(roleLabel('archivist')).toBe('档案员')
  })

  test('unknown values are shown as they are', () => {
    expect(statusLabel('archived')).toBe('archived')
    expect(statusLabel('constructor')).toBe('constructor')
    expect(roleLabel('guest')).toBe('guest')
    expect(kindLabel('other')).toBe('other')
  })

  test('one default title format, for new reports and imports without a title', () => {
    expect(defaultReportTitle('明湖市委组织部', 2025, 'annual')).toBe('明湖市委组织部2025年年度工作总结')
    expect(defaultReportTitle('明湖市委组织部', 2025, 'half_year')).toBe('明湖市委组织部2025年半年工作总结')
    expect(REPORT_KINDS.map(k => k.value)).toEqual(['annual', 'half_year', 'special'])
  })
})

describe('review rounds', () => {
  const rev = (number: number, event: string) => ({ id: `r${number}`, number, event })
  const created = rev(1, 'create')

  test('a first submission has no earlier round', () => {
    expect(roundChanges([created], 'draft')).toEqual({ from: undefined, to: 'current' })
    expect(roundChanges([rev(2, 'submit'), created], 'in_review')).toEqual({ from: undefined, to: rev(2, 'submit') })
  })

  test('in review: from the previous submission to the one under review, in any order given', () => {
    const revisions = [created, rev(2, 'submit'), rev(3, 'requestChanges'), rev(4, 'submit')]
    expect(roundChanges(revisions, 'in_review')).toEqual({ from: rev(2, 'submit'), to: rev(4, 'submit') })
    expect(roundChanges([...revisions].reverse(), 'in_review')).toEqual({ from: rev(2, 'submit'), to: rev(4, 'submit') })
  })

  test('back with the writers: from the last submission to the current text', () => {
    const revisions = [created, rev(2, 'submit'), rev(3, 'requestChanges')]
    expect(roundChanges(revisions, 'changes_requested')).toEqual({ from: rev(2, 'submit'), to: 'current' })
  })

  test('a round starts at the last return to the writers; edits do not start one', () => {
    const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute))
    const events = [
      { action: '起草 / drafted', toStatus: 'draft', createdAt: at(0) },
      { action: 'submit', toStatus: 'in_review', createdAt: at(10) },
      { action: 'requestChanges', toStatus: 'changes_requested', createdAt: at(20) },
      { action: 'edit', toStatus: 'draft', createdAt: at(30) },
    ]
    expect(roundStart(events, at(0))).toEqual(at(20))
    expect(roundStart([], at(5))).toEqual(at(5))
    expect(roundStart([], null)).toEqual(new Date(0))
  })

  test('a decision belongs to the submission when its content is what was decided on', () => {
    const submitted = { id: 's', contentHash: 'aaa' }
    expect(reviewedRevision(submitted, { id: 'd', contentHash: 'aaa' })).toBe(submitted)
    expect(reviewedRevision(submitted, { id: 'd', contentHash: 'bbb' })).toEqual({ id: 'd', contentHash: 'bbb' })
    expect(reviewedRevision(undefined, { id: 'd', contentHash: 'aaa' })).toEqual({ id: 'd', contentHash: 'aaa' })
  })

  test('revisions are numbered on from the highest, whatever wrote them', () => {
    expect(nextRevisionNumber([])).toBe(1)
    expect(nextRevisionNumber([{ number: 1 }, { number: 3 }, { number: 2 }])).toBe(4)
    expect(revisionLabel(4, '提交审核 Submit')).toBe('#4 提交审核 Submit')
  })
})

describe('who is told', () => {
  const writer: Person = { id: 'w', email: 'w@x', role: 'writer' }
  const otherWriter: Person = { id: 'w2', email: 'w2@x', role: 'writer' }
  const head: Person = { id: 'h', email: 'h@x', role: 'head' }
  const facts = { departmentMembers: [writer, otherWriter, head], roundParticipants: [writer, head, writer] }

  test('a submission goes to the heads; a decision to the round’s writers, once each; a reopening to all', () => {
    expect(workflowRecipients('submit', facts)).toEqual([head])
    expect(workflowRecipients('approve', facts)).toEqual([writer])
    expect(workflowRecipients('requestChanges', facts)).toEqual([writer])
    expect(workflowRecipients('reopen', facts)).toEqual([writer, otherWriter, head])
  })
})

describe('conflict messages', () => {
  test('name who saved and when, in China’s time zone', () => {
    const message = staleVersionProblem(3, 4, '李文', new Date(Date.UTC(2025, 2, 1, 6, 5, 9)))
    expect(message).toMatch(/^保存冲突：您编辑的是第 3 版，但 李文 已于 2025-03-01 14:05:09 北京时间 保存了第 4 版/)
    expect(message).toMatch(/Edit conflict: you edited version 3, but 李文 saved version 4 at 2025-03-01 14:05:09/)
  })
})
