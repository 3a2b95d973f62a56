// The review workflow through the real GraphQL API (Keystone actions), per role, on real
// databases: guards, audit, revisions, reviews, outbox rows, four eyes, concurrency.
import { describe, expect, test } from 'vitest'
import { createUser, testProviders } from './helpers/db'
import { useSeededDemo } from './helpers/demo'
import { plainTextToDocument } from '../src/text'

const providers = await testProviders()
type Who = 'writer' | 'head' | 'secondHead' | 'archivist' | 'admin' | 'otherWriter'
type Raw = { data?: any; errors?: readonly { message: string; extensions?: { code?: unknown } }[] } // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(providers)('review workflow on %s', provider => {
  const demo = useSeededDemo(provider, 'workflow')
  const as = (who: Who) => demo.as(who)
  const gql = async (who: Who, query: string, variables: Record<string, unknown> = {}): Promise<Raw> =>
    (await as(who).graphql.raw({ query, variables })) as Raw
  const act = (who: Who, action: string, id: string, comment?: string) =>
    gql(who, `mutation($id: ID!${comment !== undefined ? ', $comment: String!' : ''}) { ${action}Report(where: { id: $id }${comment !== undefined ? ', comment: $comment' : ''}) { id status } }`, { id, comment })

  async function counts(reportId: string) {
    const sudo = demo.context.sudo()
    const where = { report: { id: { equals: reportId } } }
    const report = await sudo.db.Report.findOne({ where: { id: reportId } })
    return {
      status: report?.status,
      version: report?.version,
      revisions: await sudo.db.Revision.count({ where }),
      audits: await sudo.db.AuditEvent.count({ where: { ...where, action: { not: { equals: 'edit' } } } }),
      reviews: await sudo.db.Review.count({ where }),
      mails: await sudo.db.OutboundEmail.count({ where }),
    }
  }

  async function mailsFor(reportId: string) {
    return demo.context.sudo().query.OutboundEmail.findMany({ where: { report: { id: { equals: reportId } } }, orderBy: { createdAt: 'asc' }, query: 'to subject text status' })
  }

  test('refused transitions say why with a stable code and change nothing', async () => {
    const before = await counts(demo.draftId)
    const wrongRole = (await act('head', 'submit', demo.draftId)).errors?.[0]
    expect(wrongRole?.message).toMatch(/只有撰稿人可以执行“提交审核 Submit”.*Only a writer may submit/s)
    expect(wrongRole?.extensions?.code).toBe('WORKFLOW_REFUSED')
    const foreign = (await act('otherWriter', 'submit', demo.draftId)).errors?.[0]
    expect(foreign?.message).toMatch(/报告不存在或您无权查看/)
    expect(foreign?.extensions?.code).toBe('NOT_ACCESSIBLE')
    expect((await act('writer', 'approve', demo.draftId, '')).errors?.[0].message).toMatch(/只有部门负责人可以执行“批准 Approve”.*Only a head may approve/s)
    expect((await act('head', 'approve', demo.draftId, '')).errors?.[0].message).toMatch(/报告当前状态为“草稿”，不能“批准 Approve”.*cannot be approved/s)
    expect((await act('admin', 'reopen', demo.draftId, '原因')).errors?.[0].message).toMatch(/不能“重新打开/)
    expect(await counts(demo.draftId)).toEqual(before)
  })

  test('a report with an empty section or no sections cannot be submitted', async () => {
    const sudo = demo.context.sudo()
    const [department] = await sudo.query.Department.findMany({ where: { code: { equals: 'minghu' } }, query: 'id' })
    const report = await as('writer').query.Report.createOne({ data: { department: { connect: { id: department.id } }, year: 2030 }, query: 'id' })
    expect((await act('writer', 'submit', report.id)).errors?.[0].message).toMatch(/报告还没有任何章节.*no sections/s)
    await as('writer').query.Section.createOne({ data: { report: { connect: { id: report.id } }, heading: '一、总体情况', body: plainTextToDocument('有内容。') } })
    await as('writer').query.Section.createOne({ data: { report: { connect: { id: report.id } }, heading: '二、待写', body: plainTextToDocument('') } })
    const before = await counts(report.id)
    expect((await act('writer', 'submit', report.id)).errors?.[0].message).toMatch(/以下章节没有正文，不能提交：二、待写/)
    expect(await counts(report.id)).toEqual(before)
  })

  test('submit → request changes → resubmit → approve, with audit, revisions, reviews and mail', async () => {
    const start = await counts(demo.draftId)
    const submitted = await act('writer', 'submit', demo.draftId)
    expect(submitted.errors).toBeUndefined()
    expect(submitted.data.submitReport.status).toBe('in_review')
    let now = await counts(demo.draftId)
    expect(now).toMatchObject({ status: 'in_review', revisions: start.revisions + 1, audits: start.audits + 1, mails: start.mails + 1 })
    const [toHead] = await mailsFor(demo.draftId)
    expect(toHead).toMatchObject({ to: 'head@annals.local', status: 'queued' })
    expect(toHead.subject).toMatch(/明湖市委组织部2025年工作总结（2025年）已提交审核/)
    expect(toHead.text).toMatch(/本轮改动：首次提交，共 7 节/)
    expect(toHead.text).toMatch(/Open the report: http:\/\/localhost:\d+\/reports\//)

    // in review: the writer cannot edit any more
    await expect(as('writer').query.Report.updateOne({ where: { id: demo.draftId }, data: { title: '改', version: 0 } })).rejects.toThrow(/Access denied/)

    // a head must say what to change
    expect((await act('head', 'requestChanges', demo.draftId, '  ')).errors?.[0].message).toMatch(/退回修改必须填写意见.*comment is required/s)
    const back = await act('head', 'requestChanges', demo.draftId, '请补充2025年人才工作的数据。')
    expect(back.errors).toBeUndefined()
    expect(back.data.requestChangesReport.status).toBe('changes_requested')
    const review = await demo.context.sudo().query.Review.findMany({ where: { report: { id: { equals: demo.draftId } } }, query: 'decision comment reviewer { name } revision { contentHash event }' })
    expect(review).toEqual([{ decision: 'changes_requested', comment: '请补充2025年人才工作的数据。', reviewer: { name: '王明（部门负责人）' }, revision: expect.objectContaining({ event: 'submit' }) }])
    const toWriter = (await mailsFor(demo.draftId)).at(-1)!
    expect(toWriter.to).toBe('writer@annals.local')
    expect(toWriter.text).toMatch(/意见：请补充2025年人才工作的数据。/)

    // the writer edits one section and resubmits: the head is told what changed
    const [talent] = await as('writer').query.Section.findMany({ where: { report: { id: { equals: demo.draftId } }, heading: { startsWith: '三、' } }, query: 'id plainText version' })
    await as('writer').query.Section.updateOne({ where: { id: talent.id }, data: { body: plainTextToDocument(talent.plainText + '\n新增：全年引进博士63名。'), version: talent.version } })
    expect((await act('writer', 'submit', demo.draftId)).errors).toBeUndefined()
    expect((await mailsFor(demo.draftId)).at(-1)!.text).toMatch(/本轮改动：1 节修改/)

    const approved = await act('head', 'approve', demo.draftId, '')
    expect(approved.errors).toBeUndefined()
    expect(approved.data.approveReport.status).toBe('approved')
    now = await counts(demo.draftId)
    expect(now).toMatchObject({ status: 'approved', reviews: 2 })
    const [approval] = await demo.context.sudo().query.Review.findMany({
      where: { report: { id: { equals: demo.draftId } }, decision: { equals: 'approved' } },
      query: 'revision { event contentHash } report { revisions(orderBy: { number: desc }, take: 1) { contentHash event } }',
    })
    // the approval points at the submitted revision, whose content is exactly what is approved
    expect(approval.revision.event).toBe('submit')
    expect(approval.revision.contentHash).toBe(approval.report.revisions[0].contentHash)
    expect((await mailsFor(demo.draftId)).at(-1)!.subject).toMatch(/已批准/)

    // approved is final: nobody edits it
    for (const who of ['writer', 'admin'] as const) {
      await expect(as(who).query.Report.updateOne({ where: { id: demo.draftId }, data: { title: '改', version: 0 } })).rejects.toThrow(/Access denied/)
    }
    // ...until an admin reopens it with a reason; the earlier approval stays on record
    expect((await act('admin', 'reopen', demo.draftId, '')).errors?.[0].message).toMatch(/重新打开已批准的报告必须填写原因/)
    const reopened = await act('admin', 'reopen', demo.draftId, '发现统计口径错误，需要更正')
    expect(reopened.data.reopenReport.status).toBe('draft')
    expect(await demo.context.sudo().db.Review.count({ where: { report: { id: { equals: demo.draftId } }, decision: { equals: 'approved' } } })).toBe(1)
    const reopenMails = (await mailsFor(demo.draftId)).slice(-2).map(m => m.to).sort()
    expect(reopenMails).toEqual(['head@annals.local', 'writer@annals.local'])
    const audit = await demo.context.sudo().query.AuditEvent.findMany({
      where: { report: { id: { equals: demo.draftId } }, action: { not: { equals: 'edit' } } },
      orderBy: { createdAt: 'asc' },
      query: 'action fromStatus toStatus actor { name }',
    })
    expect(audit.slice(-5).map(a => `${a.action}:${a.fromStatus}→${a.toStatus}`)).toEqual([
      'submit:draft→in_review',
      'requestChanges:in_review→changes_requested',
      'submit:changes_requested→in_review',
      'approve:in_review→approved',
      'reopen:approved→draft',
    ])
  })

  test('four eyes: a head who edited in this round may not approve', async () => {
    const sudo = demo.context.sudo()
    const [department] = await sudo.query.Department.findMany({ where: { code: { equals: 'minghu' } }, query: 'id' })
    const report = await as('writer').query.Report.createOne({ data: { department: { connect: { id: department.id } }, year: 2031 }, query: 'id' })
    await as('writer').query.Section.createOne({ data: { report: { connect: { id: report.id } }, heading: '一、总体情况', body: plainTextToDocument('内容。') } })
    // the head once edited this report in this round (say, as a writer before a role change)
    await demo.context.prisma.auditEvent.create({ data: { reportId: report.id, actorId: demo.sessions.head.itemId, action: 'edit', comment: 'test' } })
    await act('writer', 'submit', report.id)
    const refused = await act('head', 'approve', report.id, '')
    expect(refused.errors?.[0].message).toMatch(/四眼原则.*four-eyes/s)
    expect((await counts(report.id)).status).toBe('in_review')
  })

  test('two heads of the department deciding at once: exactly one decision is taken, the other is refused', async () => {
    const sudo = demo.context.sudo()
    const [department] = await sudo.query.Department.findMany({ where: { code: { equals: 'minghu' } }, query: 'id' })
    demo.sessions.secondHead = (await createUser(demo.context, 'second.head@annals.local', 'head', [department.id])).session
    const report = await as('writer').query.Report.createOne({ data: { department: { connect: { id: department.id } }, year: 2032 }, query: 'id' })
    await as('writer').query.Section.createOne({ data: { report: { connect: { id: report.id } }, heading: '一、总体情况', body: plainTextToDocument('内容。') } })
    await act('writer', 'submit', report.id)
    const results = await Promise.all([act('head', 'approve', report.id, ''), act('secondHead', 'requestChanges', report.id, '再改改')])
    expect(results.filter(r => !r.errors).length).toBe(1)
    const [lost] = results.flatMap(r => r.errors ?? [])
    // the loser either lost the race for the version or found the report already decided
    expect(['CONFLICT', 'WORKFLOW_REFUSED']).toContain(lost.extensions?.code)
    const final = await counts(report.id)
    expect(final.reviews).toBe(1)
    expect(['approved', 'changes_requested']).toContain(final.status)
  })

  test('the transitionReport mutation refuses a stale version and content the head did not review', async () => {
    const sudo = demo.context.sudo()
    const [department] = await sudo.query.Department.findMany({ where: { code: { equals: 'minghu' } }, query: 'id' })
    const report = await as('writer').query.Report.createOne({ data: { department: { connect: { id: department.id } }, year: 2034 }, query: 'id version' })
    await as('writer').query.Section.createOne({ data: { report: { connect: { id: report.id } }, heading: '一、总体情况', body: plainTextToDocument('内容。') } })
    const transition = (who: Who, variables: Record<string, unknown>) =>
      gql(who, `mutation($id: ID!, $action: ReportWorkflowAction!, $expectedVersion: Int, $contentHash: String, $comment: String) {
        transitionReport(id: $id, action: $action, expectedVersion: $expectedVersion, contentHash: $contentHash, comment: $comment) { status version } }`, { id: report.id, ...variables })
    const stale = await transition('writer', { action: 'submit', expectedVersion: report.version - 1 })
    expect(stale.errors?.[0].message).toMatch(/保存冲突/)
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT')
    const submitted = await transition('writer', { action: 'submit', expectedVersion: report.version })
    expect(submitted.data.transitionReport.status).toBe('in_review')
    const wrongHash = await transition('head', { action: 'approve', contentHash: 'f'.repeat(64) })
    expect(wrongHash.errors?.[0].message).toMatch(/不是您审阅的版本|not the version you reviewed|不一致/)
    expect(wrongHash.errors?.[0].extensions?.code).toBe('CONFLICT')
    const [revision] = await sudo.query.Revision.findMany({ where: { report: { id: { equals: report.id } }, event: { equals: 'submit' } }, query: 'contentHash' })
    const approved = await transition('head', { action: 'approve', contentHash: revision.contentHash, comment: '同意' })
    expect(approved.data.transitionReport.status).toBe('approved')
  })

  test('50 concurrent saves of one draft: one wins per version, the rest are refused whole', async () => {
    const sudo = demo.context.sudo()
    const [department] = await sudo.query.Department.findMany({ where: { code: { equals: 'minghu' } }, query: 'id' })
    const report = await as('writer').query.Report.createOne({ data: { department: { connect: { id: department.id } }, year: 2033 }, query: 'id version' })
    const save = (i: number) =>
      gql('writer', `mutation($id: ID!, $title: String!, $version: Int!) { updateReport(where: { id: $id }, data: { title: $title, version: $version }) { title version } }`, {
        id: report.id,
        title: `并发保存 ${i}`,
        version: report.version,
      })
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => save(i)))
    const winners = results.filter(r => !r.errors)
    expect(winners).toHaveLength(1)
    for (const loser of results.filter(r => r.errors)) expect(loser.errors![0].message).toMatch(/保存冲突|Edit conflict/)
    const stored = await sudo.db.Report.findOne({ where: { id: report.id } })
    expect(stored).toMatchObject({ title: winners[0].data.updateReport.title, version: report.version + 1 })
    // the next round of 50 saves on the new version: again exactly one
    const next = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gql('writer', `mutation($id: ID!, $title: String!, $version: Int!) { updateReport(where: { id: $id }, data: { title: $title, version: $version }) { version } }`, {
          id: report.id,
          title: `第二轮 ${i}`,
          version: report.version + 1,
        })
      )
    )
    expect(next.filter(r => !r.errors)).toHaveLength(1)
    expect((await sudo.db.Report.findOne({ where: { id: report.id } }))?.version).toBe(report.version + 2)
  })
})
