// Issue 9: integrity and security, through Keystone's API with real access control on SQLite
// and PostgreSQL. One test per broken probe (numbered as in the issue) and per probe that held.
// HTTP-level items (request bounds, body limit, headers, throttling, sessions) are in
// tests/security-http.test.ts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { KeystoneContext } from '@keystone-6/core/types'
import { as, currentVersion, migratedContext, testProviders } from './helpers/db'
import { ACTORS, SECRET, buildSecurityWorld, type Actor, type SecurityWorld } from './helpers/security-fixture'
import { createAnnalsContext, type AnnalsContext } from '../src/keystone/context'
import { performTransition } from '../src/keystone/workflow'
import { plainTextToDocument } from '../src/text'

const providers = await testProviders()
const DENIED = /Access denied|不能|not allowed|cannot/i

describe.each(providers)('integrity and security on %s', provider => {
  let annals: AnnalsContext
  let context: KeystoneContext
  let w: SecurityWorld
  const ctx = (actor: Actor) => as(context, w.users[actor])
  const approvedState = async () => {
    const report = await context.sudo().db.Report.findOne({ where: { id: w.approvedId } })
    const count = (list: 'Section' | 'Revision' | 'AuditEvent') =>
      context.sudo().db[list].count({ where: { report: { id: { equals: w.approvedId } } } })
    return { contentVersion: report?.contentVersion, version: report?.version, sections: await count('Section'), revisions: await count('Revision'), audit: await count('AuditEvent') }
  }

  beforeAll(async () => {
    annals = await migratedContext(provider, 'security')
    context = annals.context
    w = await buildSecurityWorld(context)
  })
  afterAll(() => annals?.disconnect())

  describe('1, 2. history and ownership cannot change through nested writes', () => {
    test("1. a writer cannot connect an approved report's section to their draft (update or create)", async () => {
      const before = await approvedState()
      const [sectionId] = w.approvedSectionIds
      await expect(ctx('writer').query.Report.updateOne({ where: { id: w.draftId }, data: { version: await currentVersion(context, 'Report', w.draftId), sections: { connect: [{ id: sectionId }] } } })).rejects.toThrow(DENIED)
      await expect(
        ctx('otherWriter').query.Report.createOne({ data: { department: { connect: { id: w.departmentB } }, year: 2030, sections: { connect: [{ id: sectionId }] } } })
      ).rejects.toThrow(DENIED)
      expect(await context.sudo().db.Report.count({ where: { year: { equals: 2030 } } })).toBe(0)
      expect(await approvedState()).toEqual(before)
    })

    test('1. sections cannot be disconnected, created or set from the report side, by anyone', async () => {
      const before = await approvedState()
      for (const actor of ['writer', 'admin'] as const) {
        await expect(ctx(actor).query.Report.updateOne({ where: { id: w.draftId }, data: { version: await currentVersion(context, 'Report', w.draftId), sections: { disconnect: [{ id: w.draftSectionId }] } } })).rejects.toThrow(DENIED)
        await expect(ctx(actor).query.Report.updateOne({ where: { id: w.draftId }, data: { version: await currentVersion(context, 'Report', w.draftId), sections: { set: [] } } })).rejects.toThrow(DENIED)
        await expect(ctx(actor).query.Report.updateOne({ where: { id: w.draftId }, data: { version: await currentVersion(context, 'Report', w.draftId), sections: { create: [{ heading: '三、新' }] } } })).rejects.toThrow(DENIED)
      }
      expect((await context.sudo().db.Section.findOne({ where: { id: w.draftSectionId } }))?.reportId).toBe(w.draftId)
      expect(await approvedState()).toEqual(before)
    })

    test('1. revisions, reviews, comments and audit events cannot be moved off or onto a report', async () => {
      const before = await approvedState()
      const [revision] = await context.sudo().db.Revision.findMany({ where: { report: { id: { equals: w.approvedId } } } })
      const [audit] = await context.sudo().db.AuditEvent.findMany({ where: { report: { id: { equals: w.approvedId } } } })
      for (const actor of ['writer', 'admin'] as const) {
        for (const [field, id] of [['revisions', revision.id], ['auditEvents', audit.id]] as const) {
          await expect(ctx(actor).query.Report.updateOne({ where: { id: w.draftId }, data: { version: await currentVersion(context, 'Report', w.draftId), [field]: { connect: [{ id: String(id) }] } } })).rejects.toThrow(DENIED)
          await expect(ctx(actor).query.Report.updateOne({ where: { id: w.draftId }, data: { version: await currentVersion(context, 'Report', w.draftId), [field]: { disconnect: [{ id: String(id) }] } } })).rejects.toThrow(DENIED)
        }
        await expect(ctx(actor).query.Report.updateOne({ where: { id: w.draftId }, data: { version: await currentVersion(context, 'Report', w.draftId), comments: { disconnect: [{ id: w.draftCommentId }] } } })).rejects.toThrow(DENIED)
        await expect(ctx(actor).query.Report.updateOne({ where: { id: w.draftId }, data: { version: await currentVersion(context, 'Report', w.draftId), reviews: { set: [] } } })).rejects.toThrow(DENIED)
      }
      // nor from the department side, not even by an admin
      await expect(ctx('admin').query.Department.updateOne({ where: { id: w.departmentB }, data: { reports: { connect: [{ id: w.approvedId }] } } })).rejects.toThrow(DENIED)
      expect((await context.sudo().db.Report.findOne({ where: { id: w.approvedId } }))?.departmentId).toBe(w.departmentA)
      expect(await approvedState()).toEqual(before)
    })

    test('1. a section cannot be moved to another report; creating one checks its report', async () => {
      await expect(ctx('writer').query.Section.updateOne({ where: { id: w.draftSectionId }, data: { version: await currentVersion(context, 'Section', w.draftSectionId), report: { connect: { id: w.approvedId } } } })).rejects.toThrow(DENIED)
      await expect(ctx('writer').query.Section.createOne({ data: { report: { connect: { id: w.approvedId } }, heading: '三、偷加' } })).rejects.toThrow(/不能修改|cannot be changed/)
      await expect(ctx('otherWriter').query.Section.createOne({ data: { report: { connect: { id: w.draftId } }, heading: '三、偷加' } })).rejects.toThrow(DENIED)
      await expect(ctx('writer').query.Section.deleteOne({ where: { id: w.approvedSectionIds[0] } })).rejects.toThrow(DENIED)
    })

    test('2. four eyes: one\'s own edit events cannot be moved to another report', async () => {
      const sudo = context.sudo()
      const draft = await sudo.db.Report.createOne({ data: { department: { connect: { id: w.departmentA } }, year: 2031, title: '四眼' } })
      const id = String(draft.id)
      await ctx('writer').query.Section.createOne({ data: { report: { connect: { id } }, heading: '一、内容', body: plainTextToDocument('正文。') } })
      await ctx('admin').query.Report.updateOne({ where: { id }, data: { version: await currentVersion(context, 'Report', id), title: '四眼（管理员改）' } })
      const editsBy = (actor: Actor) =>
        sudo.db.AuditEvent.findMany({ where: { report: { id: { equals: id } }, action: { equals: 'edit' }, actor: { id: { equals: w.users[actor].id } } } })
      const edits = [...(await editsBy('admin')), ...(await editsBy('writer'))]
      expect(edits.length).toBeGreaterThanOrEqual(2)
      for (const actor of ['admin', 'writer'] as const) {
        await expect(
          ctx(actor).query.Report.updateOne({ where: { id: w.otherDraftId }, data: { version: await currentVersion(context, 'Report', w.otherDraftId), auditEvents: { connect: edits.map(e => ({ id: String(e.id) })) } } })
        ).rejects.toThrow(DENIED)
        await expect(ctx(actor).query.Report.updateOne({ where: { id }, data: { version: await currentVersion(context, 'Report', id), auditEvents: { set: [] } } })).rejects.toThrow(DENIED)
      }
      // the edits stay on the report, so the round's editors are still known to the approval rule
      expect((await editsBy('admin')).length + (await editsBy('writer')).length).toBe(edits.length)
    })
  })

  describe('3. relationship filters never reveal what cannot be read', () => {
    test("3. the issue's probe: another department's draft text cannot be tested through departments", async () => {
      const probe = (text: string) =>
        ctx('otherWriter').query.Department.count({
          where: { code: { equals: 's-minghu' }, reports: { some: { status: { equals: 'draft' }, sections: { some: { plainText: { contains: text } } } } } },
        })
      await expect(probe(SECRET.slice(0, 9))).rejects.toThrow(DENIED)
      await expect(probe('不存在的文字')).rejects.toThrow(DENIED)
    })

    test('3. comment bodies and review comments of unreadable reports cannot be probed', async () => {
      await expect(ctx('otherWriter').query.Department.count({ where: { reports: { some: { comments: { some: { body: { contains: SECRET } } } } } } })).rejects.toThrow(DENIED)
      await expect(ctx('archivist').query.Department.count({ where: { reports: { some: { reviews: { some: { comment: { contains: SECRET } } } } } } })).rejects.toThrow(DENIED)
      await expect(ctx('otherWriter').query.Report.count({ where: { department: { reports: { some: { status: { equals: 'draft' } } } } } })).rejects.toThrow(DENIED)
      await expect(ctx('otherWriter').query.User.count({ where: { email: { contains: 's-writer' } } })).rejects.toThrow(DENIED)
    })

    test('3. every relationship path (up to three steps) from every list finds nothing unreadable', async () => {
      // items the writer of department B must not see, one per list
      const secretOf: Record<string, string> = {
        Report: w.draftId,
        Section: w.draftSectionId,
        Comment: w.draftCommentId,
        User: w.users.writer.id,
        Revision: String((await context.sudo().db.Revision.findMany({ where: { report: { id: { equals: w.draftId } } }, take: 1 }))[0].id),
        Review: String((await context.sudo().db.Review.findMany({ where: { report: { id: { equals: w.draftId } } }, take: 1 }))[0].id),
        AuditEvent: String((await context.sudo().db.AuditEvent.findMany({ where: { report: { id: { equals: w.draftId } } }, take: 1 }))[0].id),
        OutboundEmail: String((await context.sudo().db.OutboundEmail.findMany({ take: 1 }))[0].id),
      }
      const schema = context.graphql.schema
      type InputType = { name: string; getFields?: () => Record<string, { type: unknown }> }
      const named = (type: unknown): InputType => ((type as { ofType?: unknown }).ofType ? named((type as { ofType: unknown }).ofType) : (type as InputType))
      const whereOf = (list: string) => schema.getType(`${list}WhereInput`) as unknown as Required<InputType>
      /** Filters reaching a secret item in ≤ depth relationship steps from `list`. */
      function* paths(list: string, depth: number, trail: string[]): Generator<{ trail: string[]; where: Record<string, unknown> }> {
        if (secretOf[list] && trail.length > 0) yield { trail, where: { id: { equals: secretOf[list] } } }
        if (depth === 0) return
        for (const [name, field] of Object.entries(whereOf(list).getFields())) {
          if (['AND', 'OR', 'NOT'].includes(name)) continue
          const type = named(field.type)
          if (!type.getFields) continue
          const many = type.name.endsWith('ManyRelationFilter')
          const target = many ? type.name.replace(/ManyRelationFilter$/, '') : type.name.endsWith('WhereInput') ? type.name.replace(/WhereInput$/, '') : undefined
          if (!target || !schema.getType(`${target}WhereInput`)) continue
          for (const inner of paths(target, depth - 1, [...trail, name])) {
            yield { trail: inner.trail, where: { [name]: many ? { some: inner.where } : inner.where } }
          }
        }
      }
      const lists = ['Department', 'User', 'Report', 'Section', 'Revision', 'Review', 'Comment', 'AuditEvent', 'OutboundEmail']
      const leaks: string[] = []
      let tried = 0
      for (const actor of ['otherWriter', 'archivist'] as const) {
        for (const list of lists) {
          for (const { trail, where } of paths(list, 3, [])) {
            tried++
            const found = await ctx(actor).query[list].count({ where }).catch((error: Error) => (DENIED.test(error.message) ? 0 : Promise.reject(error)))
            if (found > 0) leaks.push(`${actor}: ${list}.${trail.join('.')}`)
          }
        }
      }
      expect(tried).toBeGreaterThan(200)
      expect(leaks).toEqual([])
    })

    test('3 (held). readable paths still filter: a writer filters their own reports by section text', async () => {
      expect(await ctx('writer').query.Report.count({ where: { sections: { some: { plainText: { contains: SECRET } } } } })).toBe(1)
      expect(await ctx('otherWriter').query.Report.count({ where: { sections: { some: { plainText: { contains: SECRET } } } } })).toBe(0)
    })
  })

  describe('4. comments stay where they were made', () => {
    test('4. neither the author nor anyone else moves a comment to another report or section', async () => {
      for (const actor of ['head', 'writer', 'admin'] as const) {
        await expect(ctx(actor).query.Comment.updateOne({ where: { id: w.draftCommentId }, data: { report: { connect: { id: w.approvedId } } } })).rejects.toThrow(DENIED)
        await expect(ctx(actor).query.Comment.updateOne({ where: { id: w.draftCommentId }, data: { section: { connect: { id: w.approvedSectionIds[0] } } } })).rejects.toThrow(DENIED)
      }
      const comment = await context.sudo().db.Comment.findOne({ where: { id: w.draftCommentId } })
      expect(comment).toMatchObject({ reportId: w.draftId, sectionId: w.draftSectionId })
    })

    test('4 (held). only the author edits the body; members resolve', async () => {
      await expect(ctx('writer').query.Comment.updateOne({ where: { id: w.draftCommentId }, data: { body: '改写' } })).rejects.toThrow(DENIED)
      await expect(ctx('writer').query.Comment.updateOne({ where: { id: w.draftCommentId }, data: { resolved: true }, query: 'resolved' })).resolves.toMatchObject({ resolved: true })
      await expect(ctx('otherWriter').query.Comment.createOne({ data: { report: { connect: { id: w.draftId } }, body: 'x' } })).rejects.toThrow(DENIED)
    })
  })

  describe('5. server-owned fields are never taken from clients', () => {
    test('5. version on createReport, version and key on createSection, key on update', async () => {
      await expect(ctx('writer').query.Report.createOne({ data: { department: { connect: { id: w.departmentA } }, year: 2032, version: -7 } })).rejects.toThrow(DENIED)
      const draft = await ctx('writer').query.Report.createOne({ data: { department: { connect: { id: w.departmentA } }, year: 2033 }, query: 'id version contentVersion' })
      expect(draft).toMatchObject({ version: 1, contentVersion: 0 })
      await expect(ctx('writer').query.Section.createOne({ data: { report: { connect: { id: draft.id } }, heading: '一、甲', version: 999 } })).rejects.toThrow(DENIED)
      await expect(ctx('writer').query.Section.createOne({ data: { report: { connect: { id: draft.id } }, heading: '一、甲', key: 'forged-key' } })).rejects.toThrow(DENIED)
      const section = await ctx('writer').query.Section.createOne({ data: { report: { connect: { id: draft.id } }, heading: '一、甲', body: plainTextToDocument('正文。') }, query: 'id key version plainText charCount' })
      expect(section).toMatchObject({ key: '甲', version: 1, plainText: '正文。', charCount: 3 })
      for (const data of [{ key: 'x' }, { plainText: 'x' }, { charCount: 1 }, { lastEditedBy: { connect: { id: w.users.head.id } } }]) {
        await expect(ctx('writer').query.Section.updateOne({ where: { id: section.id }, data: { ...data, version: await currentVersion(context, 'Section', section.id) } })).rejects.toThrow(DENIED)
      }
      await expect(ctx('writer').query.Report.updateOne({ where: { id: draft.id }, data: { version: await currentVersion(context, 'Report', draft.id), contentVersion: 5 } })).rejects.toThrow(DENIED)
    })
  })

  describe('11. text is valid Unicode', () => {
    const BAD = ['A\ud800B', 'A\udc00B', 'A\u0000B', 'A\u0007B', 'A\u007fB', 'A\u202eB', 'A\u2066B']
    test('11. lone surrogates, NUL, control and bidi characters are refused in headings, bodies, titles and comments, and nothing is written', async () => {
      const before = await context.sudo().db.Section.count()
      for (const bad of BAD) {
        await expect(ctx('writer').query.Section.createOne({ data: { report: { connect: { id: w.draftId } }, heading: `一、${bad}` } })).rejects.toThrow(/U\+[0-9A-F]{4}/)
        await expect(ctx('writer').query.Section.createOne({ data: { report: { connect: { id: w.draftId } }, heading: '一、正常', body: plainTextToDocument(`正文${bad}`) } })).rejects.toThrow(/U\+[0-9A-F]{4}/)
        await expect(ctx('writer').query.Section.updateOne({ where: { id: w.draftSectionId }, data: { version: await currentVersion(context, 'Section', w.draftSectionId), body: plainTextToDocument(bad) } })).rejects.toThrow(/U\+[0-9A-F]{4}/)
        await expect(ctx('writer').query.Report.updateOne({ where: { id: w.draftId }, data: { version: await currentVersion(context, 'Report', w.draftId), title: bad } })).rejects.toThrow(/U\+[0-9A-F]{4}/)
        await expect(ctx('head').query.Comment.createOne({ data: { report: { connect: { id: w.draftId } }, body: bad } })).rejects.toThrow(/U\+[0-9A-F]{4}/)
        await expect(ctx('head').query.Comment.updateOne({ where: { id: w.draftCommentId }, data: { body: bad } })).rejects.toThrow(/U\+[0-9A-F]{4}/)
      }
      expect(await context.sudo().db.Section.count()).toBe(before)
      const section = await context.sudo().db.Section.findOne({ where: { id: w.draftSectionId } })
      expect(section?.plainText).toContain(SECRET)
    })

    test('11 (held). tab, newline, CJK beyond the BMP and emoji are kept as they are', async () => {
      const text = '第一段\t表格\n第二段𠀀𪚥😀'
      const section = await ctx('writer').query.Section.createOne({
        data: { report: { connect: { id: w.draftId } }, heading: '九、𠀀字', body: plainTextToDocument(text) },
        query: 'id heading plainText',
      })
      expect(section).toMatchObject({ heading: '九、𠀀字', plainText: text })
      await ctx('writer').query.Section.deleteOne({ where: { id: section.id } })
    })
  })

  describe('13. history is never deleted', () => {
    test('13. a reopened, formerly approved report cannot be deleted, by the writer or an admin', async () => {
      const sudo = context.sudo()
      const id = String((await sudo.db.Report.createOne({ data: { department: { connect: { id: w.departmentA } }, year: 2034, title: '重开' } })).id)
      await ctx('writer').query.Section.createOne({ data: { report: { connect: { id } }, heading: '一、内容', body: plainTextToDocument('正文。') } })
      await performTransition(ctx('writer'), 'submit', id)
      await performTransition(ctx('head'), 'approve', id)
      await performTransition(ctx('admin'), 'reopen', id, { comment: '补充数据' })
      const status = (await sudo.db.Report.findOne({ where: { id } }))?.status
      expect(status).not.toBe('approved')
      for (const actor of ACTORS) await expect(ctx(actor).query.Report.deleteOne({ where: { id } })).rejects.toThrow(DENIED)
      expect(await sudo.db.Report.count({ where: { id: { equals: id } } })).toBe(1)
      // its history stays readable to those who read the report
      expect(await ctx('writer').query.Revision.count({ where: { report: { id: { equals: id } } } })).toBeGreaterThanOrEqual(3)
      expect(await ctx('head').query.AuditEvent.count({ where: { report: { id: { equals: id } } } })).toBeGreaterThanOrEqual(3)
    })

    test('13 (held). a draft that was never submitted may still be deleted by its writer', async () => {
      const draft = await ctx('writer').query.Report.createOne({ data: { department: { connect: { id: w.departmentA } }, year: 2035 }, query: 'id' })
      await expect(ctx('otherWriter').query.Report.deleteOne({ where: { id: draft.id } })).rejects.toThrow(DENIED)
      await expect(ctx('writer').query.Report.deleteOne({ where: { id: draft.id }, query: 'id' })).resolves.toEqual({ id: draft.id })
    })
  })

  describe('7, 8. sign-in throttling and revocable sessions', () => {
    const fakeRes = () => ({ setHeader: () => undefined })
    const SIGN_IN = `mutation($e: String!, $p: String!) { authenticateUserWithPassword(email: $e, password: $p) {
      __typename ... on UserAuthenticationWithPasswordSuccess { sessionToken } } }`
    async function signIn(email: string, password: string, address: string, on: KeystoneContext = context) {
      const request = await on.withRequest({ headers: {}, socket: { remoteAddress: address } } as never, fakeRes() as never)
      const result = await request.graphql.raw({ query: SIGN_IN, variables: { e: email, p: password } })
      const error = result.errors?.[0]
      if (error) return { error: error.message, code: error.extensions?.code }
      return (result.data as { authenticateUserWithPassword: { __typename: string; sessionToken?: string } }).authenticateUserWithPassword
    }
    const sessionOfToken = async (token: string) =>
      (await context.withRequest({ headers: { authorization: `Bearer ${token}` }, socket: {} } as never, fakeRes() as never)).session

    test('7. ten wrong passwords block the account (the right one too), on every worker, with a bilingual time to retry', async () => {
      const email = w.users.head.session.data.name + '@t.test'
      expect(email).toBe('s-head@t.test')
      for (let i = 0; i < 10; i++) expect(await signIn(email, `wrong-${i}`, `10.0.1.${i}`)).toMatchObject({ __typename: 'UserAuthenticationWithPasswordFailure' })
      const blocked = await signIn(email, 'test-password-1', '10.0.1.99')
      expect(blocked).toMatchObject({ code: 'RATE_LIMITED' })
      expect((blocked as { error: string }).error).toMatch(/登录失败次数过多，请于 \d\d:\d\d（北京时间.*try again after \d\d:\d\d China time/s)
      // a second app instance (its own database connection) shares the counters
      const other = await createAnnalsContext(annals.target.url)
      try {
        expect(await signIn(email, 'test-password-1', '10.0.1.98', other.context)).toMatchObject({ code: 'RATE_LIMITED' })
      } finally {
        await other.disconnect()
      }
    })

    test('7. thirty failures from one address block it for every account; a success clears an account', async () => {
      expect(await signIn('s-archivist@t.test', 'wrong', '10.0.2.1')).toMatchObject({ __typename: 'UserAuthenticationWithPasswordFailure' })
      expect(await signIn('s-archivist@t.test', 'test-password-1', '10.0.2.1')).toMatchObject({ __typename: 'UserAuthenticationWithPasswordSuccess' })
      for (let i = 0; i < 30; i++) await signIn(`nobody-${i % 5}@t.test`, 'wrong', '10.0.2.2')
      expect(await signIn('s-archivist@t.test', 'test-password-1', '10.0.2.2')).toMatchObject({ code: 'RATE_LIMITED' })
      expect(await signIn('s-archivist@t.test', 'test-password-1', '10.0.2.3')).toMatchObject({ __typename: 'UserAuthenticationWithPasswordSuccess' })
    })

    test('8. signing out ends the session; a password or role change by an admin ends the user\'s sessions', async () => {
      const start = async () => {
        const result = await signIn('s-writer@t.test', 'test-password-1', '10.0.3.1')
        const token = (result as { sessionToken?: string }).sessionToken
        expect(token).toBeTruthy()
        expect((await sessionOfToken(token!))?.itemId).toBe(w.users.writer.id)
        return token!
      }
      let token = await start()
      const signedIn = await context.withRequest({ headers: { authorization: `Bearer ${token}` }, socket: {} } as never, fakeRes() as never)
      await signedIn.graphql.raw({ query: 'mutation { endSession }' })
      expect(await sessionOfToken(token)).toBeUndefined()

      token = await start()
      await ctx('admin').query.User.updateOne({ where: { id: w.users.writer.id }, data: { password: 'another-password-2' } })
      expect(await sessionOfToken(token)).toBeUndefined()
      await ctx('admin').query.User.updateOne({ where: { id: w.users.writer.id }, data: { password: 'test-password-1' } })

      token = await start()
      await ctx('admin').query.User.updateOne({ where: { id: w.users.writer.id }, data: { role: 'head' } })
      expect(await sessionOfToken(token)).toBeUndefined()
      await ctx('admin').query.User.updateOne({ where: { id: w.users.writer.id }, data: { role: 'writer' } })

      // other edits (a name) keep sessions; nobody reads or sets the revocation time but the server
      token = await start()
      await ctx('admin').query.User.updateOne({ where: { id: w.users.writer.id }, data: { name: 's-writer' } })
      expect((await sessionOfToken(token))?.itemId).toBe(w.users.writer.id)
      await expect(ctx('writer').query.User.updateOne({ where: { id: w.users.writer.id }, data: { sessionsValidAfter: new Date(0).toISOString() } })).rejects.toThrow(DENIED)
    })
  })

  describe('probes that held', () => {
    test('reads per role and status: drafts private to their department', async () => {
      const readable: Record<Actor, boolean> = { admin: true, writer: true, head: true, otherWriter: false, archivist: false }
      for (const actor of ACTORS) {
        expect(await ctx(actor).query.Report.findOne({ where: { id: w.draftId }, query: 'id' }) !== null).toBe(readable[actor])
        expect(await ctx(actor).query.Section.count({ where: { plainText: { contains: SECRET } } }) > 0).toBe(readable[actor])
        expect(await ctx(actor).query.Comment.count({ where: { body: { contains: SECRET } } }) > 0).toBe(readable[actor])
        expect(await ctx(actor).query.Report.findOne({ where: { id: w.approvedId }, query: 'id' })).not.toBeNull()
      }
    })

    test('writes per role: only the writers of the department edit, and only editable reports', async () => {
      for (const actor of ['otherWriter', 'head', 'archivist'] as const) {
        await expect(ctx(actor).query.Section.updateOne({ where: { id: w.draftSectionId }, data: { version: await currentVersion(context, 'Section', w.draftSectionId), heading: '一、改' } })).rejects.toThrow(DENIED)
      }
      for (const actor of ACTORS) {
        await expect(ctx(actor).query.Section.updateOne({ where: { id: w.approvedSectionIds[0] }, data: { version: await currentVersion(context, 'Section', w.approvedSectionIds[0]), heading: '一、改' } })).rejects.toThrow(DENIED)
        await expect(ctx(actor).query.Report.updateOne({ where: { id: w.approvedId }, data: { version: await currentVersion(context, 'Report', w.approvedId), title: '改' } })).rejects.toThrow(DENIED)
      }
    })

    test('the status field cannot be written by anyone', async () => {
      for (const actor of ACTORS) {
        await expect(ctx(actor).query.Report.updateOne({ where: { id: w.otherDraftId }, data: { version: await currentVersion(context, 'Report', w.otherDraftId), status: 'approved' } })).rejects.toThrow(DENIED)
      }
      expect((await context.sudo().db.Report.findOne({ where: { id: w.otherDraftId } }))?.status).toBe('draft')
    })

    test('workflow by the wrong role is refused', async () => {
      await expect(performTransition(ctx('writer'), 'approve', w.draftId)).rejects.toThrow()
      await expect(performTransition(ctx('archivist'), 'submit', w.otherDraftId)).rejects.toThrow()
      await expect(performTransition(ctx('otherWriter'), 'submit', w.draftId)).rejects.toThrow()
      await expect(performTransition(ctx('head'), 'reopen', w.approvedId, { comment: 'x' })).rejects.toThrow()
      expect((await context.sudo().db.Report.findOne({ where: { id: w.approvedId } }))?.status).toBe('approved')
    })
  })
})
