// Review comments anchored to a quoted passage: found again after nearby edits, flagged when
// the passage is gone, and only for the report's own department.
import { beforeAll, describe, expect, test } from 'vitest'
import { testProviders } from './helpers/db'
import { useSeededDemo } from './helpers/demo'
import { anchorAt, locateAnchor } from '../src/workflow'
import { plainTextToDocument } from '../src/text'

describe('locating a quoted passage', () => {
  const text = '全年培训干部3200人次。全年培训干部3200人次以上，其中年轻干部1200人次。'
  test('the occurrence whose context matches is chosen', () => {
    const second = text.lastIndexOf('培训干部3200人次')
    const anchor = anchorAt(text, second, second + '培训干部3200人次'.length)
    expect(locateAnchor(text, anchor)).toEqual({ status: 'found', start: second, end: second + 10 })
  })

  test('edits before the passage shift it; it is still found', () => {
    const at = text.indexOf('年轻干部')
    const anchor = anchorAt(text, at, at + 4)
    const edited = '新增一句开头。' + text
    expect(locateAnchor(edited, anchor)).toEqual({ status: 'found', start: at + 7, end: at + 11 })
  })

  test('a passage whose surroundings were rewritten is found but flagged as moved', () => {
    const at = text.indexOf('年轻干部1200人次')
    const anchor = anchorAt(text, at, at + 10)
    expect(locateAnchor('完全不同的上下文里提到年轻干部1200人次这件事，后面也不同', anchor).status).toBe('moved')
  })

  test('a removed passage is missing, not pointed at elsewhere', () => {
    const anchor = anchorAt(text, 0, 10)
    expect(locateAnchor('全年培训干部3300人次。', anchor)).toEqual({ status: 'missing' })
    expect(locateAnchor('', { quote: '' })).toEqual({ status: 'missing' })
  })
})

const providers = await testProviders()

describe.each(providers)('comments through the API on %s', provider => {
  const demo = useSeededDemo(provider, 'comments')
  const { as } = demo
  let sectionId: string

  beforeAll(async () => {
    const [section] = await demo.context.sudo().query.Section.findMany({ where: { report: { id: { equals: demo.draftId } }, heading: { startsWith: '二、' } }, query: 'id' })
    sectionId = section.id
  })

  const comment = (email: string, data: Record<string, unknown>) =>
    as(email).query.Comment.createOne({ data: { report: { connect: { id: demo.draftId } }, section: { connect: { id: sectionId } }, ...data }, query: 'id quote prefix suffix anchor author { name }' })

  test('a head comments on a quoted passage; context is stored and it is found', async () => {
    const created = await comment('head@annals.local', { quote: '全年调整市管干部176人次', body: '数字请与人事处核对。' })
    expect(created.prefix.length).toBeGreaterThan(0)
    expect(created.suffix.length).toBeGreaterThan(0)
    expect(created.anchor).toMatchObject({ status: 'found', sectionId, heading: expect.stringMatching(/^二、/) })
    expect(created.author.name).toBe('王明（部门负责人）')
  })

  test('after nearby edits the comment is placed again; when the passage is gone it says so', async () => {
    const created = await comment('head@annals.local', { quote: '选派112名年轻干部', body: '请说明去向。' })
    const section = await demo.context.sudo().query.Section.findOne({ where: { id: sectionId }, query: 'plainText version' })
    const before = section!.plainText.indexOf('选派112名年轻干部')
    await as('writer@annals.local').query.Section.updateOne({ where: { id: sectionId }, data: { body: plainTextToDocument('（新增导语一句。）\n' + section!.plainText), version: section!.version } })
    let now = await as('head@annals.local').query.Comment.findOne({ where: { id: created.id }, query: 'anchor' })
    expect(now!.anchor).toMatchObject({ status: 'found', start: before + '（新增导语一句。）\n'.length })
    await as('writer@annals.local').query.Section.updateOne({
      where: { id: sectionId },
      data: { body: plainTextToDocument(section!.plainText.replace('选派112名年轻干部', '选派120名干部')), version: section!.version + 1 },
    })
    now = await as('head@annals.local').query.Comment.findOne({ where: { id: created.id }, query: 'anchor' })
    expect(now!.anchor).toMatchObject({ status: 'missing', message: expect.stringMatching(/引文已被删除或改写.*removed or rewritten/s) })
  })

  test('a quote that is not in the section is refused', async () => {
    await expect(comment('head@annals.local', { quote: '这句话不存在', body: 'x' })).rejects.toThrow(/引文不在该章节的当前正文中/)
  })

  test('only members of the department comment; the writer resolves, only the author rewrites', async () => {
    await expect(comment('writer.chengxi@annals.local', { quote: '全年调整市管干部', body: '外部门' })).rejects.toThrow(/Access denied/)
    await expect(comment('archivist@annals.local', { quote: '全年调整市管干部', body: '档案员' })).rejects.toThrow(/Access denied/)
    // another department cannot comment on an approved report it may read either
    await expect(
      as('writer.chengxi@annals.local').query.Comment.createOne({ data: { report: { connect: { id: demo.approvedId } }, body: '外部门' } })
    ).rejects.toThrow(/Access denied/)
    const created = await comment('head@annals.local', { quote: '全年调整市管干部', body: '原意见' })
    const resolved = await as('writer@annals.local').query.Comment.updateOne({ where: { id: created.id }, data: { resolved: true }, query: 'resolved' })
    expect(resolved).toEqual({ resolved: true })
    await expect(as('writer@annals.local').query.Comment.updateOne({ where: { id: created.id }, data: { body: '改掉意见' } })).rejects.toThrow(/Access denied/)
    const listed = await as('writer@annals.local').query.Report.findOne({ where: { id: demo.draftId }, query: 'comments { body resolved }' })
    expect(listed!.comments).toContainEqual({ body: '原意见', resolved: true })
  })
})
