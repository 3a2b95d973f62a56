// A small world for security tests: two departments, one user per role (and a writer of the
// other department), an approved report of department A with history, A's draft with a
// secret figure, and B's own draft. Everything is written by the server (sudo) or through
// the real workflow, as the app would.
import type { KeystoneContext } from '@keystone-6/core/types'
import { createReport } from '../../src/keystone/report-store'
import { performTransition } from '../../src/keystone/workflow'
import { as, createUser, type TestUser } from './db'

export type Actor = 'admin' | 'writer' | 'otherWriter' | 'head' | 'archivist'
export const ACTORS: Actor[] = ['admin', 'writer', 'otherWriter', 'head', 'archivist']
export const SECRET = '全年新引进大学生11230人'

export type SecurityWorld = {
  users: Record<Actor, TestUser>
  departmentA: string
  departmentB: string
  approvedId: string
  approvedSectionIds: string[]
  draftId: string
  draftSectionId: string
  otherDraftId: string
  otherDraftSectionId: string
  draftCommentId: string
}

export async function buildSecurityWorld(context: KeystoneContext, prefix = 's'): Promise<SecurityWorld> {
  const sudo = context.sudo()
  const departmentA = String((await sudo.db.Department.createOne({ data: { name: '明湖部门', code: `${prefix}-minghu` } })).id)
  const departmentB = String((await sudo.db.Department.createOne({ data: { name: '澄溪部门', code: `${prefix}-chengxi` } })).id)
  const users = {
    admin: await createUser(context, `${prefix}-admin@t.test`, 'admin', []),
    writer: await createUser(context, `${prefix}-writer@t.test`, 'writer', [departmentA]),
    otherWriter: await createUser(context, `${prefix}-other@t.test`, 'writer', [departmentB]),
    head: await createUser(context, `${prefix}-head@t.test`, 'head', [departmentA]),
    archivist: await createUser(context, `${prefix}-archivist@t.test`, 'archivist', []),
  }
  const approvedId = await createReport(context, {
    departmentId: departmentA, year: 2021, title: '明湖2021年工作总结', status: 'approved', reason: 'import',
    sections: [{ heading: '一、政治建设', text: '全年召开会议12次。' }, { heading: '二、组织建设', text: '发展党员30名。' }],
  })
  const draftId = await createReport(context, {
    departmentId: departmentA, year: 2025, title: '明湖2025年工作总结', reason: 'create', authorId: users.writer.id,
    sections: [{ heading: '一、人才工作', text: `${SECRET}，比上年增长8%。` }],
  })
  const otherDraftId = await createReport(context, {
    departmentId: departmentB, year: 2025, title: '澄溪2025年工作总结', reason: 'create', authorId: users.otherWriter.id,
    sections: [{ heading: '一、基层建设', text: '新建党群服务中心5个。' }],
  })
  const sectionsOf = async (id: string) =>
    (await sudo.db.Section.findMany({ where: { report: { id: { equals: id } } }, orderBy: { position: 'asc' } })).map(s => String(s.id))
  const draftSectionId = (await sectionsOf(draftId))[0]
  const comment = await as(context, users.head).db.Comment.createOne({
    data: { report: { connect: { id: draftId } }, section: { connect: { id: draftSectionId } }, quote: SECRET, body: `机密批注：${SECRET}` },
  })
  // a review and its revision on A's draft: submitted by the writer, sent back by the head
  await performTransition(as(context, users.writer), 'submit', draftId)
  await performTransition(as(context, users.head), 'requestChanges', draftId, { comment: `请核实${SECRET}` })
  return {
    users, departmentA, departmentB, approvedId, approvedSectionIds: await sectionsOf(approvedId), draftId, draftSectionId,
    otherDraftId, otherDraftSectionId: (await sectionsOf(otherDraftId))[0], draftCommentId: String(comment.id),
  }
}
