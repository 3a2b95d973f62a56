// The access matrix, through Keystone's API with real access control, on a real database:
// every role × Report and Section × create/read/update/delete × every status.
import { beforeAll, describe, expect, test } from 'vitest'
import { as, createUser, testProviders, type TestUser } from './helpers/db'
import { useTestDatabase } from './helpers/demo'
import { REPORT_STATUSES, type ReportStatus } from '../src/access'
import { plainTextToDocument } from '../src/text'

type Actor = 'admin' | 'writer' | 'otherWriter' | 'head' | 'archivist'
const ACTORS: Actor[] = ['admin', 'writer', 'otherWriter', 'head', 'archivist']

// What each actor may do to a report of department A in each status.
const canRead = (actor: Actor, status: ReportStatus) =>
  actor === 'admin' || status === 'approved' || actor === 'writer' || actor === 'head'
const canEdit = (actor: Actor, status: ReportStatus) =>
  (actor === 'admin' && status !== 'approved') || (actor === 'writer' && (status === 'draft' || status === 'changes_requested'))
// only never-submitted drafts are deleted (history is kept): by their writers or an admin
const canDeleteReport = (actor: Actor, status: ReportStatus) => status === 'draft' && (actor === 'admin' || actor === 'writer')

const providers = await testProviders()

describe.each(providers)('access rules on %s', provider => {
  const db = useTestDatabase(provider, 'access')
  let departmentA: string
  let departmentB: string
  const users = {} as Record<Actor, TestUser>
  let nextYear = 2000

  beforeAll(async () => {
    const sudo = db.context.sudo()
    departmentA = String((await sudo.db.Department.createOne({ data: { name: '甲部门', code: 'dept-a' } })).id)
    departmentB = String((await sudo.db.Department.createOne({ data: { name: '乙部门', code: 'dept-b' } })).id)
    users.admin = await createUser(db.context, 'admin@t.test', 'admin', [])
    users.writer = await createUser(db.context, 'writer@t.test', 'writer', [departmentA])
    users.otherWriter = await createUser(db.context, 'other@t.test', 'writer', [departmentB])
    users.head = await createUser(db.context, 'head@t.test', 'head', [departmentA])
    users.archivist = await createUser(db.context, 'archivist@t.test', 'archivist', [])
  })

  /** A report of department A with one section, put into `status` by the server. */
  async function reportIn(status: ReportStatus) {
    const sudo = db.context.sudo()
    const report = await sudo.db.Report.createOne({
      data: { department: { connect: { id: departmentA } }, year: nextYear++, title: `报告 ${status}` },
    })
    const section = await sudo.db.Section.createOne({
      data: { report: { connect: { id: String(report.id) } }, heading: '一、政治建设', body: plainTextToDocument('正文。') },
    })
    // every update says which version it edited
    const updated = await sudo.db.Report.updateOne({ where: { id: String(report.id) }, data: { status, version: report.version as number } })
    return { reportId: String(report.id), sectionId: String(section.id), reportVersion: updated.version as number, sectionVersion: section.version as number }
  }

  for (const status of REPORT_STATUSES) {
    describe(`report in status ${status}`, () => {
      for (const actor of ACTORS) {
        test(`${actor}: read, update, section edits and delete follow the rules`, async () => {
          const { reportId, sectionId, reportVersion, sectionVersion } = await reportIn(status)
          const ctx = as(db.context, users[actor])

          const read = await ctx.query.Report.findOne({ where: { id: reportId }, query: 'id title' })
          expect(read !== null).toBe(canRead(actor, status))
          const sectionRead = await ctx.query.Section.findOne({ where: { id: sectionId }, query: 'id plainText' })
          expect(sectionRead !== null).toBe(canRead(actor, status))

          const update = ctx.query.Report.updateOne({ where: { id: reportId }, data: { title: `改 ${actor}`, version: reportVersion }, query: 'id title' })
          if (canEdit(actor, status)) await expect(update).resolves.toMatchObject({ title: `改 ${actor}` })
          else await expect(update).rejects.toThrow(/Access denied/)

          const sectionUpdate = ctx.query.Section.updateOne({ where: { id: sectionId }, data: { heading: '一、改过的标题', version: sectionVersion }, query: 'id heading' })
          if (canEdit(actor, status)) await expect(sectionUpdate).resolves.toMatchObject({ heading: '一、改过的标题' })
          else await expect(sectionUpdate).rejects.toThrow(/Access denied/)

          const sectionCreate = ctx.query.Section.createOne({
            data: { report: { connect: { id: reportId } }, heading: '二、新增', body: plainTextToDocument('新增内容。') },
            query: 'id',
          })
          if (canEdit(actor, status)) await expect(sectionCreate).resolves.toHaveProperty('id')
          else await expect(sectionCreate).rejects.toThrow(/Access denied|不能修改|不属于/)

          const sectionDelete = ctx.query.Section.deleteOne({ where: { id: sectionId }, query: 'id' })
          if (canEdit(actor, status)) await expect(sectionDelete).resolves.toHaveProperty('id')
          else await expect(sectionDelete).rejects.toThrow(/Access denied/)

          const remove = ctx.query.Report.deleteOne({ where: { id: reportId }, query: 'id' })
          if (canDeleteReport(actor, status)) await expect(remove).resolves.toHaveProperty('id')
          else await expect(remove).rejects.toThrow(/Access denied/)

          // what was refused left the report as it was
          const after = await db.context.sudo().db.Report.findOne({ where: { id: reportId } })
          if (!canDeleteReport(actor, status)) expect(after).not.toBeNull()
          if (!canEdit(actor, status)) expect(after?.title).toBe(`报告 ${status}`)
        })
      }
    })
  }

  describe('creating reports', () => {
    test.each([
      ['admin', true],
      ['writer', true],
      ['otherWriter', false],
      ['head', false],
      ['archivist', false],
    ] as const)('%s creating a report for department A: allowed = %s', async (actor, allowed) => {
      const year = nextYear++
      const attempt = as(db.context, users[actor]).query.Report.createOne({
        data: { department: { connect: { id: departmentA } }, year },
        query: 'id status title',
      })
      if (allowed) {
        await expect(attempt).resolves.toMatchObject({ status: 'draft', title: `甲部门${year}年年度工作总结` })
      } else {
        await expect(attempt).rejects.toThrow(actor === 'otherWriter' ? /不属于部门“甲部门”.*not a member/s : /Access denied/)
        expect(await db.context.sudo().db.Report.count({ where: { year: { equals: year } } })).toBe(0)
      }
    })

    test('nobody sets a status directly, not even an admin', async () => {
      const { reportId, reportVersion } = await reportIn('draft')
      for (const actor of ['admin', 'writer'] as const) {
        await expect(
          as(db.context, users[actor]).query.Report.updateOne({ where: { id: reportId }, data: { status: 'approved', version: reportVersion }, query: 'id' })
        ).rejects.toThrow(/Access denied/)
      }
      expect((await db.context.sudo().db.Report.findOne({ where: { id: reportId } }))?.status).toBe('draft')
    })
  })

  describe('people, history and mail', () => {
    test('only admins and the user see an email; password hashes are never readable', async () => {
      const asWriter = await as(db.context, users.writer).query.User.findOne({ where: { id: users.head.id }, query: 'id name email' })
      expect(asWriter).toMatchObject({ name: 'head', email: null })
      const self = await as(db.context, users.writer).query.User.findOne({ where: { id: users.writer.id }, query: 'email' })
      expect(self?.email).toBe('writer@t.test')
      const asAdmin = await as(db.context, users.admin).query.User.findOne({ where: { id: users.head.id }, query: 'email password { isSet }' })
      expect(asAdmin).toMatchObject({ email: 'head@t.test', password: { isSet: true } })
      // the archivist is in no department: sees only themself
      expect(await as(db.context, users.archivist).query.User.count()).toBe(1)
    })

    test('only admins manage users and departments; nobody changes their own role', async () => {
      await expect(
        as(db.context, users.writer).query.Department.createOne({ data: { name: '丙', code: 'dept-c' }, query: 'id' })
      ).rejects.toThrow(/Access denied/)
      await expect(
        as(db.context, users.writer).query.User.updateOne({ where: { id: users.writer.id }, data: { role: 'admin' }, query: 'id' })
      ).rejects.toThrow(/Access denied/)
      await expect(
        as(db.context, users.admin).query.Department.createOne({ data: { name: '丙部门', code: 'dept-c' }, query: 'code' })
      ).resolves.toMatchObject({ code: 'dept-c' })
    })

    test('revisions, audit events and outbound mail cannot be written through the API', async () => {
      const { reportId } = await reportIn('draft')
      for (const actor of ACTORS) {
        const ctx = as(db.context, users[actor])
        await expect(ctx.query.Revision.createOne({ data: { report: { connect: { id: reportId } }, reason: 'x' } })).rejects.toThrow(/Access denied/)
        await expect(ctx.query.AuditEvent.createOne({ data: { report: { connect: { id: reportId } }, action: 'x' } })).rejects.toThrow(/Access denied/)
        await expect(ctx.query.OutboundEmail.createOne({ data: { to: 'a@b.c', subject: 'x' } })).rejects.toThrow(/Access denied/)
      }
      // a real revision, written by the server as the workflow does
      const revision = await db.context.sudo().db.Revision.createOne({ data: { report: { connect: { id: reportId } }, number: 1, reason: '提交', event: 'submit' } })
      for (const actor of ACTORS) {
        const ctx = as(db.context, users[actor])
        await expect(ctx.query.Revision.updateOne({ where: { id: String(revision.id) }, data: { reason: '改' } })).rejects.toThrow(/Access denied/)
        await expect(ctx.query.Revision.deleteOne({ where: { id: String(revision.id) } })).rejects.toThrow(/Access denied/)
      }
      expect((await db.context.sudo().db.Revision.findOne({ where: { id: String(revision.id) } }))?.reason).toBe('提交')
    })

    test('signed-out requests see nothing', async () => {
      const anonymous = db.context.withSession(undefined)
      expect(await anonymous.query.Report.count()).toBe(0)
      expect(await anonymous.query.Report.findMany({ query: 'id' })).toEqual([])
      expect(await anonymous.query.Section.count()).toBe(0)
      await expect(anonymous.query.Report.createOne({ data: { department: { connect: { id: departmentA } }, year: 1999 } })).rejects.toThrow(/Access denied/)
    })
  })
})
