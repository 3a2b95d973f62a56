// The reading desk's API: comment replies (one level, same report, never moved, only the
// department's writers and heads), and the 工作台's last visit per user.
import { beforeAll, describe, expect, test } from 'vitest'
import { testProviders } from './helpers/db'
import { useSeededDemo } from './helpers/demo'
import { nextVisit, VISIT_GAP_MS } from '../src/keystone/dashboard'
import { paragraphsOf } from '../admin/read/highlight'
import { userMessage } from '../admin/read/format'

describe('the reading view’s text', () => {
  test('paragraphs keep their offsets into the plain text, cut where comment passages start and end', () => {
    const text = '第一段文字。\n第二段有批注的文字。'
    const at = text.indexOf('批注')
    const [first, second] = paragraphsOf(text, [{ start: at, end: at + 2, id: 'c1' }])
    expect(first).toEqual({ start: 0, pieces: [{ text: '第一段文字。', start: 0, marks: [] }] })
    expect(second.start).toBe(7)
    expect(second.pieces.map(p => [p.text, p.start, p.marks])).toEqual([
      ['第二段有', 7, []],
      ['批注', at, ['c1']],
      ['的文字。', at + 2, []],
    ])
  })
  test('errors are shown in Chinese, never as Keystone’s English internals', () => {
    expect(userMessage(new Error('You provided invalid data for this operation.\n  - Comment: 只能回复同一报告中的批注 / A reply must answer a comment on the same report'))).toBe('只能回复同一报告中的批注 / A reply must answer a comment on the same report')
    expect(userMessage(new Error('Access denied: You cannot create that Comment - it may not exist'))).toMatch(/^您无权执行此操作/)
    expect(userMessage(new Error('TypeError: x is undefined\n    at foo (bar.js:1:2)'))).toBe('操作未能完成，请刷新后重试 / The request failed; reload and try again')
  })
})

describe('a visit to the 工作台', () => {
  const t0 = new Date('2026-03-01T08:00:00Z')
  const later = (ms: number) => new Date(t0.getTime() + ms)
  test('the first visit has nothing before it; a later one shows changes since the last', () => {
    expect(nextVisit(t0, null, null)).toEqual({ lastVisitAt: t0, previousVisitAt: null })
    expect(nextVisit(later(VISIT_GAP_MS + 1), t0, null)).toEqual({ lastVisitAt: later(VISIT_GAP_MS + 1), previousVisitAt: t0 })
  })
  test('reloading within one sitting keeps the same “since”', () => {
    const before = new Date('2026-02-27T08:00:00Z')
    expect(nextVisit(later(60_000), t0, before)).toEqual({ lastVisitAt: later(60_000), previousVisitAt: before })
  })
})

const providers = await testProviders()

describe.each(providers)('comment replies and visits through the API on %s', provider => {
  const demo = useSeededDemo(provider, 'reading_api')
  const { as } = demo
  let sectionId: string
  let commentId: string

  beforeAll(async () => {
    const [section] = await demo.context.sudo().query.Section.findMany({ where: { report: { id: { equals: demo.draftId } }, heading: { startsWith: '二、' } }, query: 'id' })
    sectionId = section.id
    const created = await as('head@annals.local').query.Comment.createOne({
      data: { report: { connect: { id: demo.draftId } }, section: { connect: { id: sectionId } }, quote: '全年调整市管干部176人次', body: '请核对。' },
      query: 'id',
    })
    commentId = created.id
  })

  const reply = (email: string, data: Record<string, unknown> = {}) =>
    as(email).query.Comment.createOne({ data: { report: { connect: { id: demo.draftId } }, replyTo: { connect: { id: commentId } }, body: '已核对。', ...data }, query: 'id replyTo { id } author { name }' })

  test('the department’s writer replies; the thread lists it under the comment', async () => {
    const created = await reply('writer@annals.local')
    expect(created).toMatchObject({ replyTo: { id: commentId }, author: { name: '李文（撰稿人）' } })
    const thread = await as('head@annals.local').query.Comment.findOne({ where: { id: commentId }, query: 'replies { body author { name } }' })
    expect(thread!.replies).toEqual([{ body: '已核对。', author: { name: '李文（撰稿人）' } }])
    // top-level comments of the report are filtered by replyTo: null
    const top = await as('head@annals.local').query.Comment.findMany({ where: { report: { id: { equals: demo.draftId } }, replyTo: null }, query: 'id' })
    expect(top.map(c => c.id)).toEqual([commentId])
  })

  test('a writer of another department, an archivist and anonymous cannot reply or read the thread', async () => {
    for (const email of ['writer.chengxi@annals.local', 'archivist@annals.local']) {
      await expect(reply(email), email).rejects.toThrow(/Access denied|无权/u)
      await expect(as(email).query.Comment.findOne({ where: { id: commentId }, query: 'id' }), email).resolves.toBeNull()
    }
    await expect(demo.context.withSession(undefined).query.Comment.createOne({ data: { report: { connect: { id: demo.draftId } }, replyTo: { connect: { id: commentId } }, body: 'x' } })).rejects.toThrow()
  })

  test('a reply answers a comment of the same report, not a reply, and quotes nothing', async () => {
    await expect(
      as('head@annals.local').query.Comment.createOne({ data: { report: { connect: { id: demo.approvedId } }, replyTo: { connect: { id: commentId } }, body: '错报告' } })
    ).rejects.toThrow('只能回复同一报告中的批注 / A reply must answer a comment on the same report')
    const first = await reply('writer@annals.local', { body: '第一条回复' })
    await expect(
      as('head@annals.local').query.Comment.createOne({ data: { report: { connect: { id: demo.draftId } }, replyTo: { connect: { id: first.id } }, body: '回复的回复' } })
    ).rejects.toThrow('请回复批注本身，不能回复回复 / Reply to the comment itself, not to a reply')
    const count = await demo.context.sudo().query.Comment.count({ where: { body: { in: ['错报告', '回复的回复'] } } })
    expect(count).toBe(0)
  })

  test('a reply is never moved to another comment, neither from the reply nor from the comment’s side', async () => {
    const other = await as('head@annals.local').query.Comment.createOne({ data: { report: { connect: { id: demo.draftId } }, section: { connect: { id: sectionId } }, body: '另一条批注' }, query: 'id' })
    const moved = await reply('writer@annals.local', { body: '不能移动' })
    await expect(as('writer@annals.local').query.Comment.updateOne({ where: { id: moved.id }, data: { replyTo: { connect: { id: other.id } } } })).rejects.toThrow()
    await expect(as('admin@annals.local').query.Comment.updateOne({ where: { id: other.id }, data: { replies: { connect: [{ id: moved.id }] } } })).rejects.toThrow()
    const after = await demo.context.sudo().query.Comment.findOne({ where: { id: moved.id }, query: 'replyTo { id }' })
    expect(after!.replyTo.id).toBe(commentId)
  })

  test('the department resolves the comment; the archivist cannot', async () => {
    await as('writer@annals.local').query.Comment.updateOne({ where: { id: commentId }, data: { resolved: true } })
    await expect(as('archivist@annals.local').query.Comment.updateOne({ where: { id: commentId }, data: { resolved: false } })).rejects.toThrow()
    const now = await demo.context.sudo().query.Comment.findOne({ where: { id: commentId }, query: 'resolved' })
    expect(now!.resolved).toBe(true)
  })

  test('recordVisit returns the previous visit; visit times are the user’s own', async () => {
    const run = (email: string) => as(email).graphql.run({ query: 'mutation { recordVisit }' }) as Promise<{ recordVisit: string | null }>
    await expect(run('writer@annals.local')).resolves.toEqual({ recordVisit: null })
    // a later sitting: pretend the last visit was a day ago
    const writer = demo.sessions.writer
    const dayAgo = new Date(Date.now() - 86400_000)
    await demo.context.prisma.user.update({ where: { id: writer.itemId }, data: { lastVisitAt: dayAgo } })
    const { recordVisit } = await run('writer@annals.local')
    expect(new Date(recordVisit!).toISOString()).toBe(dayAgo.toISOString())
    // the head (same department) cannot read or set the writer's visit times
    const seen = await as('head@annals.local').query.User.findOne({ where: { id: writer.itemId }, query: 'name lastVisitAt' })
    expect(seen).toEqual({ name: '李文（撰稿人）', lastVisitAt: null })
    await expect(as('writer@annals.local').query.User.updateOne({ where: { id: writer.itemId }, data: { lastVisitAt: new Date().toISOString() } })).rejects.toThrow()
    await expect(demo.context.withSession(undefined).graphql.run({ query: 'mutation { recordVisit }' })).resolves.toEqual({ recordVisit: null })
  })
})
