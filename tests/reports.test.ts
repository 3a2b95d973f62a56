// Bad input gets a specific error and leaves the database unchanged; derived section fields
// stay up to date; stale versions are refused.
import { beforeAll, describe, expect, test } from 'vitest'
import { as, createUser, testProviders, type TestUser } from './helpers/db'
import { useTestDatabase } from './helpers/demo'
import { plainTextToDocument } from '../src/text'
import { formatAnnalsError } from '../src/keystone/errors'
import { resolveReportInput } from '../src/keystone/report-hooks'
import type { GraphQLError } from 'graphql'

const providers = await testProviders()

describe.each(providers)('report and section input on %s', provider => {
  const db = useTestDatabase(provider, 'reports')
  let writer: TestUser
  let departmentId: string
  let otherDepartmentId: string

  beforeAll(async () => {
    const { context } = db
    departmentId = String((await context.sudo().db.Department.createOne({ data: { name: '明湖市委组织部', code: 'minghu' } })).id)
    otherDepartmentId = String((await context.sudo().db.Department.createOne({ data: { name: '澄溪市委组织部', code: 'chengxi' } })).id)
    writer = await createUser(context, 'writer@r.test', 'writer', [departmentId])
  })

  const countAll = async () => ({
    reports: await db.context.sudo().db.Report.count(),
    sections: await db.context.sudo().db.Section.count(),
  })

  async function newReport(year: number) {
    return as(db.context, writer).query.Report.createOne({
      data: { department: { connect: { id: departmentId } }, year },
      query: 'id version title',
    })
  }

  test.each([1948, 2101, 0])('year %i is refused with a bilingual message, nothing written', async year => {
    const before = await countAll()
    await expect(newReport(year)).rejects.toThrow(/年份必须是 1949 到 2100 之间的整数.*Year must be a whole number from 1949 to 2100/s)
    expect(await countAll()).toEqual(before)
  })

  test('a new report without a title is named after its department, year and kind (resolveInput)', async () => {
    const resolve = (resolvedData: Record<string, unknown>) => resolveReportInput({ operation: 'create', resolvedData, context: as(db.context, writer) })
    const named = await resolve({ department: { connect: { id: departmentId } }, year: 2014, kind: 'half_year' })
    expect(named).toMatchObject({ title: '明湖市委组织部2014年半年工作总结', lastEditedBy: { connect: { id: writer.id } } })
    expect(await resolve({ department: { connect: { id: departmentId } }, year: 2014, title: '自定标题' })).toMatchObject({ title: '自定标题' })
  })

  test('a second report for the same department, year and kind is refused', async () => {
    await newReport(2020)
    const before = await countAll()
    await expect(newReport(2020)).rejects.toThrow(/明湖市委组织部 2020 年的“年度工作总结”已存在.*already exists/s)
    expect(await countAll()).toEqual(before)
    // another kind in the same year is a different report
    await expect(
      as(db.context, writer).query.Report.createOne({
        data: { department: { connect: { id: departmentId } }, year: 2020, kind: 'half_year' },
        query: 'kind',
      })
    ).resolves.toEqual({ kind: 'half_year' })
  })

  test('the database refuses a duplicate even when the check is bypassed', async () => {
    await newReport(2019)
    await expect(
      db.context.prisma.report.create({ data: { departmentId, year: 2019, kind: 'annual', title: 'x' } })
    ).rejects.toThrow()
  })

  test('a writer cannot write for a department they do not belong to', async () => {
    const before = await countAll()
    await expect(
      as(db.context, writer).query.Report.createOne({ data: { department: { connect: { id: otherDepartmentId } }, year: 2021 } })
    ).rejects.toThrow(/您不属于部门“澄溪市委组织部”.*not a member of 澄溪市委组织部/s)
    expect(await countAll()).toEqual(before)
  })

  test('empty headings and oversized bodies are refused; nothing is written', async () => {
    const report = await newReport(2022)
    const before = await countAll()
    for (const heading of ['', '   ', '\u3000']) {
      await expect(
        as(db.context, writer).query.Section.createOne({
          data: { report: { connect: { id: report.id } }, heading, body: plainTextToDocument('内容') },
        })
      ).rejects.toThrow(/节标题不能为空.*must not be empty/s)
    }
    const huge = '字'.repeat(200_001)
    await expect(
      as(db.context, writer).query.Section.createOne({
        data: { report: { connect: { id: report.id } }, heading: '一、超长', body: plainTextToDocument(huge) },
      })
    ).rejects.toThrow(/200001 个字符，超过上限 200000.*over the limit of 200000/s)
    expect(await countAll()).toEqual(before)

    // exactly at the limit is fine and nothing is truncated
    const atLimit = await as(db.context, writer).query.Section.createOne({
      data: { report: { connect: { id: report.id } }, heading: '一、刚好', body: plainTextToDocument('字'.repeat(200_000)) },
      query: 'charCount plainText',
    })
    expect(atLimit.charCount).toBe(200_000)
    expect(atLimit.plainText.length).toBe(200_000)
  })

  test('an existing section cannot be emptied of its heading', async () => {
    const report = await newReport(2023)
    const section = await as(db.context, writer).query.Section.createOne({
      data: { report: { connect: { id: report.id } }, heading: '一、政治建设', body: plainTextToDocument('甲') },
      query: 'id version',
    })
    await expect(
      as(db.context, writer).query.Section.updateOne({ where: { id: section.id }, data: { heading: '', version: section.version } })
    ).rejects.toThrow(/节标题不能为空/)
    const stored = await db.context.sudo().db.Section.findOne({ where: { id: section.id } })
    expect(stored?.heading).toBe('一、政治建设')
  })

  test('plain text, character count, stable key and position are derived from the body', async () => {
    const report = await newReport(2024)
    const first = await as(db.context, writer).query.Section.createOne({
      data: {
        report: { connect: { id: report.id } },
        heading: '（一）坚持把政治建设摆在首位',
        body: [
          { type: 'paragraph', children: [{ text: '第一段，' }, { text: '加粗', bold: true }, { text: '。' }] },
          { type: 'unordered-list', children: [{ type: 'list-item', children: [{ type: 'list-item-content', children: [{ text: '列表 项' }] }] }] },
        ],
      },
      query: 'plainText charCount key position version',
    })
    expect(first).toEqual({ plainText: '第一段，加粗。\n列表 项', charCount: 10, key: '坚持把政治建设摆在首位', position: 1, version: 1 })
    const second = await as(db.context, writer).query.Section.createOne({
      data: { report: { connect: { id: report.id } }, heading: '二、干部队伍', body: plainTextToDocument('干部。') },
      query: 'id position version',
    })
    expect(second.position).toBe(2)
    // rewording the heading keeps the key that matches the section across years
    const renamed = await as(db.context, writer).query.Section.updateOne({
      where: { id: second.id },
      data: { heading: '二、锻造高素质干部队伍', body: plainTextToDocument('干部队伍。\n第二段。'), version: second.version },
      query: 'key plainText charCount version',
    })
    expect(renamed).toEqual({ key: '干部队伍', plainText: '干部队伍。\n第二段。', charCount: 9, version: 2 })
  })

  test('a stale version is refused, names who saved in between, and changes nothing', async () => {
    const report = await newReport(2018)
    const other = await createUser(db.context, `other${provider}@r.test`, 'writer', [departmentId])
    const saved = await as(db.context, other).query.Report.updateOne({
      where: { id: report.id },
      data: { title: '第二版标题', version: report.version },
      query: 'version title',
    })
    expect(saved).toEqual({ version: report.version + 1, title: '第二版标题' })
    await expect(
      as(db.context, writer).query.Report.updateOne({ where: { id: report.id }, data: { title: '过期的修改', version: report.version } })
    ).rejects.toThrow(new RegExp(`保存冲突：您编辑的是第 ${report.version} 版，但 other${provider} 已于 .* 保存了第 ${report.version + 1} 版.*Edit conflict`, 's'))
    const stored = await db.context.sudo().db.Report.findOne({ where: { id: report.id } })
    expect(stored).toMatchObject({ title: '第二版标题', version: report.version + 1 })
    // over GraphQL the same refusal carries the stable code CONFLICT and the message alone
    const raw = (await as(db.context, writer).graphql.raw({
      query: 'mutation($id: ID!, $version: Int!) { updateReport(where: { id: $id }, data: { title: "又一次过期", version: $version }) { id } }',
      variables: { id: report.id, version: report.version },
    })) as { errors?: readonly GraphQLError[] }
    const formatted = formatAnnalsError(raw.errors![0].toJSON())
    expect(formatted.extensions?.code).toBe('CONFLICT')
    expect(formatted.message).toMatch(/^保存冲突：.*Edit conflict/s)
  })

  test('deleting a section moves the report’s content version and records the edit', async () => {
    const report = await newReport(2015)
    const section = await as(db.context, writer).query.Section.createOne({
      data: { report: { connect: { id: report.id } }, heading: '三、待删除', body: plainTextToDocument('将被删除。') },
      query: 'id',
    })
    const before = await db.context.sudo().db.Report.findOne({ where: { id: report.id } })
    await as(db.context, writer).query.Section.deleteOne({ where: { id: section.id } })
    const after = await db.context.sudo().db.Report.findOne({ where: { id: report.id } })
    expect(after!.contentVersion).toBeGreaterThan(before!.contentVersion as number)
    const edits = await db.context.sudo().query.AuditEvent.findMany({
      where: { report: { id: { equals: report.id } }, action: { equals: 'edit' } },
      query: 'comment actor { id }',
    })
    expect(edits).toContainEqual({ comment: '删除章节：三、待删除', actor: { id: writer.id } })
  })

  test('a stale section version is refused and names who saved the section in between', async () => {
    const report = await newReport(2016)
    const section = await as(db.context, writer).query.Section.createOne({
      data: { report: { connect: { id: report.id } }, heading: '一、政治建设', body: plainTextToDocument('原文。') },
      query: 'id version',
    })
    const colleague = await createUser(db.context, `colleague${provider}@r.test`, 'writer', [departmentId])
    await as(db.context, colleague).query.Section.updateOne({ where: { id: section.id }, data: { body: plainTextToDocument('同事的修改。'), version: section.version } })
    await expect(
      as(db.context, writer).query.Section.updateOne({ where: { id: section.id }, data: { body: plainTextToDocument('我的修改。'), version: section.version } })
    ).rejects.toThrow(new RegExp(`保存冲突：您编辑的是第 ${section.version} 版，但 colleague${provider} 已于`))
    const stored = await db.context.sudo().query.Section.findOne({ where: { id: section.id }, query: 'plainText version lastEditedBy { name }' })
    expect(stored).toEqual({ plainText: '同事的修改。', version: section.version + 1, lastEditedBy: { name: `colleague${provider}` } })
  })

  test('concurrent saves of one version: exactly one wins, the rest are refused whole', async () => {
    const report = await newReport(2017)
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        as(db.context, writer).query.Report.updateOne({
          where: { id: report.id },
          data: { title: `并发 ${i}`, version: report.version },
          query: 'title version',
        })
      )
    )
    const won = attempts.filter(a => a.status === 'fulfilled') as PromiseFulfilledResult<{ title: string; version: number }>[]
    expect(won).toHaveLength(1)
    const stored = await db.context.sudo().db.Report.findOne({ where: { id: report.id } })
    expect(stored).toMatchObject({ title: won[0].value.title, version: report.version + 1 })
  })
})
