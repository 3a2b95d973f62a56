// The writing desk's API: next year's report (with access per role and the duplicate rule),
// outline changes with consecutive positions and versions, versioned section saves that answer
// CONFLICT instead of overwriting, presence for the department only, last year beside the draft.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { KeystoneContext } from '@keystone-6/core/types'
import { as, createUser, migratedContext, testProviders, type TestUser } from './helpers/db'
import type { AnnalsContext } from '../src/keystone/context'
import { createReport } from '../src/keystone/report-store'
import { plainTextToDocument } from '../src/text'
import { nextYearSections, nextYearTitle } from '../src/workflow/next-year'
import { insertAt, moveTo } from '../src/workflow/outline'
import { paragraphsOf } from '../src/workflow/last-year'

describe('pure rules', () => {
  test('the title follows the department’s own pattern', () => {
    expect(nextYearTitle('明湖市委组织部2024年工作总结', 2024, 'x')).toBe('明湖市委组织部2025年工作总结')
    expect(nextYearTitle('中共澄溪市委组织部 2024 年度工作总结', 2024, 'x')).toBe('中共澄溪市委组织部 2025 年度工作总结')
    expect(nextYearTitle('组织工作总结', 2024, '明湖市委组织部2025年年度工作总结')).toBe('明湖市委组织部2025年年度工作总结')
  })

  test('headings move this year and next year on, in one pass; keys and levels stay', () => {
    const sections = nextYearSections(
      [
        { key: 'a', heading: '一、2024年工作回顾', level: 1, body: plainTextToDocument('正文') },
        { key: 'b', heading: '二、2025年工作打算', level: 1, body: plainTextToDocument('正文') },
        { key: 'c', heading: '（一）2021年以来的变化', level: 2, body: plainTextToDocument('正文') },
      ],
      2024,
      'OUTLINE'
    )
    expect(sections.map(s => [s.key, s.heading, s.level, s.position])).toEqual([
      ['a', '一、2025年工作回顾', 1, 1],
      ['b', '二、2026年工作打算', 1, 2],
      ['c', '（一）2021年以来的变化', 2, 3],
    ])
  })

  test('order changes keep every id once', () => {
    expect(insertAt(['a', 'b', 'c'], 'x', 1)).toEqual(['x', 'a', 'b', 'c'])
    expect(insertAt(['a', 'b', 'c'], 'x', 4)).toEqual(['a', 'b', 'c', 'x'])
    expect(moveTo(['a', 'b', 'c'], 'c', 1)).toEqual(['c', 'a', 'b'])
    expect(moveTo(['a', 'b', 'c'], 'a', 2)).toEqual(['b', 'a', 'c'])
  })

  test('last year’s paragraphs mark what the draft no longer has', () => {
    const paragraphs = paragraphsOf([
      { op: 'equal', before: '全年发展党员', after: '全年发展党员' },
      { op: 'delete', before: '120名' },
      { op: 'insert', after: '130名' },
      { op: 'equal', before: '。\n第二段。', after: '。\n第二段。' },
    ])
    expect(paragraphs).toEqual([
      { text: '全年发展党员120名。', segments: [{ text: '全年发展党员', changed: false }, { text: '120名', changed: true }, { text: '。', changed: false }] },
      { text: '第二段。', segments: [{ text: '第二段。', changed: false }] },
    ])
  })
})

const providers = await testProviders()

const NEXT_YEAR = `mutation($from: ID!, $mode: NextYearMode!) { createNextYearReport(fromReportId: $from, mode: $mode) { id title year status sections(orderBy: { position: asc }) { heading key level position plainText } } }`

describe.each(providers)('writing desk API on %s', provider => {
  let annals: AnnalsContext
  let context: KeystoneContext
  let users: Record<'writer' | 'otherWriter' | 'head' | 'archivist' | 'admin', TestUser>
  let departmentId: string
  let source2024: string

  beforeAll(async () => {
    annals = await migratedContext(provider, 'writing')
    context = annals.context
    const sudo = context.sudo()
    departmentId = String((await sudo.db.Department.createOne({ data: { name: '明湖市委组织部', code: 'minghu' } })).id)
    const other = String((await sudo.db.Department.createOne({ data: { name: '澄溪市委组织部', code: 'chengxi' } })).id)
    users = {
      writer: await createUser(context, 'writer@w.test', 'writer', [departmentId]),
      otherWriter: await createUser(context, 'other@w.test', 'writer', [other]),
      head: await createUser(context, 'head@w.test', 'head', [departmentId]),
      archivist: await createUser(context, 'archivist@w.test', 'archivist', []),
      admin: await createUser(context, 'admin@w.test', 'admin', []),
    }
    await createReport(sudo, { departmentId, year: 2023, title: '明湖市委组织部2023年工作总结', status: 'approved', reason: 'test', sections: [{ heading: '一、政治建设', text: '2023年，全年发展党员100名。' }] })
    source2024 = await createReport(sudo, {
      departmentId,
      year: 2024,
      title: '明湖市委组织部2024年工作总结',
      status: 'approved',
      reason: 'test',
      sections: [
        { heading: '一、政治建设', text: '2024年，全年发展党员120名。\n理论学习持续深化。' },
        { heading: '二、干部工作', text: '选拔任用干部35名。' },
        { heading: '三、2025年工作打算', text: '继续推进。' },
      ],
    })
  })
  afterAll(() => annals?.disconnect())

  const gql = (who: keyof typeof users, query: string, variables: Record<string, unknown>) =>
    as(context, users[who]).graphql.raw({ query, variables }) as Promise<{ data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] }>
  const reportCount = () => context.sudo().db.Report.count()

  test.each([
    ['otherWriter', /您不属于部门“明湖市委组织部”.*not a member of 明湖市委组织部/s],
    ['head', /只有本部门的撰稿人可以撰写报告.*Only writers/s],
    ['archivist', /只有本部门的撰稿人可以撰写报告.*Only writers/s],
  ] as const)('%s may not create next year’s report; nothing is written', async (who, message) => {
    const before = await reportCount()
    const result = await gql(who, NEXT_YEAR, { from: source2024, mode: 'OUTLINE' })
    expect(result.errors?.[0].message).toMatch(message)
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN')
    expect(await reportCount()).toBe(before)
  })

  test('anonymous may not', async () => {
    const result = (await context.graphql.raw({ query: NEXT_YEAR, variables: { from: source2024, mode: 'OUTLINE' } })) as { errors?: { message: string }[] }
    expect(result.errors?.[0].message).toMatch(/报告不存在或您无权查看/)
  })

  test('a draft is no source: next year starts from an approved report', async () => {
    const draft = await createReport(context.sudo(), { departmentId, year: 2030, title: '明湖2030', reason: 'test', sections: [] })
    const result = await gql('writer', NEXT_YEAR, { from: draft, mode: 'OUTLINE' })
    expect(result.errors?.[0].message).toMatch(/只能从已批准的报告开始.*starts from an approved report/s)
    await context.sudo().db.Report.deleteOne({ where: { id: draft } })
  })

  test('outline: headings, keys and levels with empty bodies, title in the department’s pattern, a first revision', async () => {
    const result = await gql('writer', NEXT_YEAR, { from: source2024, mode: 'OUTLINE' })
    expect(result.errors).toBeUndefined()
    const report = result.data.createNextYearReport
    expect(report).toMatchObject({ title: '明湖市委组织部2025年工作总结', year: 2025, status: 'draft' })
    const sourceKeys = (await context.sudo().query.Section.findMany({ where: { report: { id: { equals: source2024 } } }, orderBy: { position: 'asc' }, query: 'key' })).map(s => s.key)
    expect(report.sections.map((s: { key: string }) => s.key)).toEqual(sourceKeys)
    expect(report.sections.map((s: { heading: string }) => s.heading)).toEqual(['一、政治建设', '二、干部工作', '三、2026年工作打算'])
    expect(report.sections.map((s: { position: number }) => s.position)).toEqual([1, 2, 3])
    expect(report.sections.every((s: { plainText: string; level: number }) => s.plainText === '' && s.level === 1)).toBe(true)
    const revisions = await context.sudo().query.Revision.findMany({ where: { report: { id: { equals: report.id } } }, query: 'number event' })
    expect(revisions).toEqual([{ number: 1, event: 'create' }])

    // a second call for the same department, year and kind: the clear duplicate error, nothing written
    const before = await reportCount()
    const again = await gql('writer', NEXT_YEAR, { from: source2024, mode: 'FULL_TEXT' })
    expect(again.errors?.[0].message).toMatch(/明湖市委组织部 2025 年的“年度工作总结”已存在.*already exists/s)
    expect(again.errors?.[0].extensions?.code).toBe('DUPLICATE')
    expect(await reportCount()).toBe(before)
  })

  test('full text copies every body; two writers at once make exactly one report', async () => {
    await context.sudo().prisma.revision.deleteMany({ where: { report: { year: 2025 } } })
    await context.sudo().prisma.auditEvent.deleteMany({ where: { report: { year: 2025 } } })
    await context.sudo().prisma.section.deleteMany({ where: { report: { year: 2025 } } })
    await context.sudo().prisma.report.deleteMany({ where: { year: 2025 } })
    const results = await Promise.all([1, 2, 3].map(() => gql('writer', NEXT_YEAR, { from: source2024, mode: 'FULL_TEXT' })))
    const made = results.filter(r => !r.errors)
    expect(made).toHaveLength(1)
    for (const failed of results.filter(r => r.errors)) expect(failed.errors?.[0].message).toMatch(/已存在.*already exists/s)
    const report = made[0].data.createNextYearReport
    expect(report.sections.map((s: { plainText: string }) => s.plainText)).toEqual(['2024年，全年发展党员120名。\n理论学习持续深化。', '选拔任用干部35名。', '继续推进。'])
    expect(await context.sudo().db.Report.count({ where: { year: { equals: 2025 } } })).toBe(1)
  })

  // ---------- outline changes and saves on the 2025 draft ----------
  const OUTLINE = 'reportId reportVersion sectionId sections { id position heading level version }'
  async function draft2025() {
    const [found] = await context.sudo().query.Report.findMany({ where: { year: { equals: 2025 } }, query: 'id version sections(orderBy: { position: asc }) { id version heading level position }' })
    return found as { id: string; version: number; sections: { id: string; version: number; heading: string; level: number; position: number }[] }
  }

  test('add, move and delete keep positions 1..n; each needs the current report version', async () => {
    const report = await draft2025()
    const add = await gql('writer', `mutation($r: ID!, $v: Int!) { addReportSection(reportId: $r, reportVersion: $v, position: 2, heading: "（一）新增的小节", level: 2) { ${OUTLINE} } }`, { r: report.id, v: report.version })
    expect(add.errors).toBeUndefined()
    const outline = add.data.addReportSection
    expect(outline.sections.map((s: { heading: string }) => s.heading)).toEqual(['一、政治建设', '（一）新增的小节', '二、干部工作', '三、2026年工作打算'])
    expect(outline.sections.map((s: { position: number }) => s.position)).toEqual([1, 2, 3, 4])
    expect(outline.sections[1]).toMatchObject({ id: outline.sectionId, level: 2 })
    expect(outline.reportVersion).toBe(report.version + 1)

    // a stale report version: CONFLICT naming who saved in between, nothing changes
    const stale = await gql('writer', `mutation($r: ID!, $v: Int!, $id: ID!) { moveReportSection(reportId: $r, id: $id, reportVersion: $v, toPosition: 1) { ${OUTLINE} } }`, { r: report.id, v: report.version, id: outline.sectionId })
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT')
    expect(stale.errors?.[0].message).toMatch(/保存冲突：您编辑的是第 \d+ 版，但 writer 已于/)
    expect((await draft2025()).sections.map(s => s.position)).toEqual([1, 2, 3, 4])

    const moved = await gql('writer', `mutation($r: ID!, $v: Int!, $id: ID!) { moveReportSection(reportId: $r, id: $id, reportVersion: $v, toPosition: 4) { ${OUTLINE} } }`, { r: report.id, v: outline.reportVersion, id: outline.sectionId })
    expect(moved.data.moveReportSection.sections.map((s: { heading: string; position: number }) => `${s.position}${s.heading}`)).toEqual(['1一、政治建设', '2二、干部工作', '3三、2026年工作打算', '4（一）新增的小节'])

    const target = moved.data.moveReportSection.sections[1]
    const removed = await gql('writer', `mutation($r: ID!, $v: Int!, $id: ID!, $sv: Int!) { deleteReportSection(reportId: $r, id: $id, reportVersion: $v, version: $sv) { ${OUTLINE} } }`, {
      r: report.id,
      v: moved.data.moveReportSection.reportVersion,
      id: target.id,
      sv: target.version,
    })
    expect(removed.errors).toBeUndefined()
    expect(removed.data.deleteReportSection.sections.map((s: { position: number }) => s.position)).toEqual([1, 2, 3])
    expect(removed.data.deleteReportSection.sections.map((s: { heading: string }) => s.heading)).not.toContain('二、干部工作')
  })

  test.each(['otherWriter', 'head', 'archivist'] as const)('%s may not change the outline', async who => {
    const report = await draft2025()
    const result = await gql(who, `mutation($r: ID!, $v: Int!) { addReportSection(reportId: $r, reportVersion: $v, position: 1, heading: "不该出现") { reportVersion } }`, { r: report.id, v: report.version })
    expect(result.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/)
    expect(result.errors?.[0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Z]/s)
    expect((await draft2025()).sections.map(s => s.heading)).not.toContain('不该出现')
  })

  test('bad positions, levels and headings are refused with bilingual messages', async () => {
    const report = await draft2025()
    const add = (position: number, heading: string, level: number) =>
      gql('writer', `mutation($r: ID!, $v: Int!, $p: Int!, $h: String!, $l: Int) { addReportSection(reportId: $r, reportVersion: $v, position: $p, heading: $h, level: $l) { reportVersion } }`, { r: report.id, v: report.version, p: position, h: heading, l: level })
    expect((await add(99, '标题', 1)).errors?.[0].message).toMatch(/位置必须是 1 到 \d+ 之间的整数.*Position must be/s)
    expect((await add(1, '标题', 4)).errors?.[0].message).toMatch(/层级必须是 1 到 3 之间的整数.*Level must be/s)
    expect((await add(1, '  ', 1)).errors?.[0].message).toMatch(/节标题不能为空.*must not be empty/s)
    // a refused change leaves the version where it was
    expect((await draft2025()).version).toBe(report.version)
  })

  const SAVE = `mutation($id: ID!, $v: Int!, $body: JSON, $level: Int) { saveReportSection(id: $id, version: $v, body: $body, level: $level) { status message section { version plainText savedBy level } } }`

  test('a save based on an old version answers CONFLICT with the other text and who saved it; nothing is overwritten', async () => {
    const report = await draft2025()
    const section = report.sections[0]
    const colleague = await createUser(context, 'colleague@w.test', 'writer', [departmentId])
    const first = await as(context, colleague).graphql.raw({ query: SAVE, variables: { id: section.id, v: section.version, body: plainTextToDocument('同事的修改。') } }) as { data: any }
    expect(first.data.saveReportSection).toMatchObject({ status: 'SAVED', section: { version: section.version + 1, plainText: '同事的修改。' } })
    const second = await gql('writer', SAVE, { id: section.id, v: section.version, body: plainTextToDocument('我的修改。') })
    expect(second.data.saveReportSection.status).toBe('CONFLICT')
    expect(second.data.saveReportSection.section).toMatchObject({ plainText: '同事的修改。', savedBy: 'colleague', version: section.version + 1 })
    expect(second.data.saveReportSection.message).toMatch(/保存冲突.*colleague.*Edit conflict/s)
    // ten concurrent saves of one version: exactly one wins
    const now = (await draft2025()).sections[0]
    const saves = await Promise.all(Array.from({ length: 10 }, (_, i) => gql('writer', SAVE, { id: now.id, v: now.version, body: plainTextToDocument(`第${i}版`) })))
    expect(saves.filter(s => s.data?.saveReportSection.status === 'SAVED')).toHaveLength(1)
    expect(saves.filter(s => s.data?.saveReportSection.status === 'CONFLICT')).toHaveLength(9)
    // promote/demote is a versioned save too
    const latest = (await draft2025()).sections[0]
    const demoted = await gql('writer', SAVE, { id: latest.id, v: latest.version, level: 2 })
    expect(demoted.data.saveReportSection).toMatchObject({ status: 'SAVED', section: { level: 2 } })
    expect((await gql('writer', SAVE, { id: latest.id, v: latest.version + 1, level: 5 })).errors?.[0].message).toMatch(/层级必须是/)
  })

  test.each(['otherWriter', 'head', 'archivist'] as const)('%s may not save a section', async who => {
    const section = (await draft2025()).sections[0]
    const result = await gql(who, SAVE, { id: section.id, v: section.version, body: plainTextToDocument('不该保存') })
    expect(result.errors?.[0].message).toMatch(/[\u4e00-\u9fff]/)
    expect((await draft2025()).sections[0].version).toBe(section.version)
  })

  test('presence: department members see each other and the section; others are refused', async () => {
    const report = await draft2025()
    const PRESENCE = `mutation($r: ID!, $s: ID) { writingPresence(reportId: $r, sectionId: $s) { name sectionId } }`
    await gql('head', PRESENCE, { r: report.id, s: report.sections[1].id })
    const seen = await gql('writer', PRESENCE, { r: report.id, s: report.sections[0].id })
    expect(seen.data.writingPresence).toEqual([{ name: 'head', sectionId: report.sections[1].id }])
    for (const who of ['otherWriter', 'archivist'] as const) {
      const refused = await gql(who, PRESENCE, { r: report.id })
      expect(refused.errors?.[0].message).toMatch(/报告不存在或您无权查看/)
    }
    await gql('head', `mutation($r: ID!) { writingPresence(reportId: $r, leaving: true) { name } }`, { r: report.id })
    expect((await gql('writer', PRESENCE, { r: report.id })).data.writingPresence).toEqual([])
  })

  test('last year beside: the 2024 counterpart of each section, with what changed marked; none for new sections', async () => {
    const report = await draft2025()
    const result = await gql('writer', `query($r: ID!) { lastYearBeside(reportId: $r) }`, { r: report.id })
    const beside = result.data.lastYearBeside
    expect(beside).toMatchObject({ year: 2024, reportId: source2024 })
    const politics = beside.sections.find((s: { heading: string }) => s.heading === '一、政治建设')
    expect(politics.paragraphs.map((p: { text: string }) => p.text)).toEqual(['2024年，全年发展党员120名。', '理论学习持续深化。'])
    expect(politics.paragraphs.some((p: { segments: { changed: boolean }[] }) => p.segments.some(s => s.changed))).toBe(true)
    const added = report.sections.find(s => s.heading === '（一）新增的小节')
    expect(beside.sections.some((s: { sectionId: string }) => s.sectionId === added?.id)).toBe(false)
    // an archivist may read the approved 2024 report but not the draft
    expect((await gql('archivist', `query($r: ID!) { lastYearBeside(reportId: $r) }`, { r: report.id })).errors?.[0].message).toMatch(/无权查看/)
  })
})
