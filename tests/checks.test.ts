// 体检 / report checks: the pure rules on small texts, then reportChecks through the API with
// each role's access, on SQLite and PostgreSQL.
import { beforeAll, describe, expect, test } from 'vitest'
import { currentVersion, testProviders } from './helpers/db'
import { useSeededDemo } from './helpers/demo'
import { plainTextToDocument } from '../src/text'
import { checkReport, staleYearsIn, type CheckReport } from '../src/workflow/checks'

const report = (year: number, sections: [string, string][], title = `明湖市委组织部${year}年工作总结`): CheckReport => ({
  title,
  year,
  sections: sections.map(([heading, text], i) => ({ id: `s${i + 1}`, heading, text })),
})
const codes = (checks: { code: string }[]) => checks.map(c => c.code)

describe('STALE_YEAR: last year’s number used as this year’s', () => {
  const stale = (text: string) => staleYearsIn(text, 2025).map(h => text.slice(h.start, h.end))
  test('flagged where it stands for the current year', () => {
    expect(stale('2024年全年完成干部培训4050人次。')).toEqual(['2024年'])
    expect(stale('截至2024年底，全市共有党员10.6万名。')).toEqual(['2024年'])
    expect(stale('二〇二四年，市委组织部坚持…')).toEqual(['二〇二四年'])
    expect(stale('２０２４年共培训干部。')).toEqual(['２０２４年'])
  })
  test('fine as a starting point, a comparison, a range, or another year', () => {
    for (const ok of ['2024年以来，我市坚持…', '自2024年起实施', '比2024年增长12%', '较2024年提高', '与2024年相比', '2024—2025年连续两年', '2024年至2025年', '2025年，市委组织部将坚持', '2019年以来', '今年以来，本年度，去年'])
      expect(stale(ok), ok).toEqual([])
  })
  test('in the title it is an error without a section', () => {
    const checks = checkReport(report(2025, [['一、政治建设', '全年开展学习。']], '明湖市委组织部2024年工作总结'))
    expect(checks).toEqual([expect.objectContaining({ code: 'STALE_YEAR', severity: 'error', sectionId: null })])
  })
})

describe('numbering, empty and duplicate sections', () => {
  test('a gap at the top level and at the second level, each once', () => {
    const checks = checkReport(report(2025, [['一、政治建设', '（一）理论学习。\n（三）党纪教育。'], ['二、干部工作', '正文。'], ['四、人才工作', '正文。']]))
    const gaps = checks.filter(c => c.code === 'NUMBERING_GAP')
    expect(gaps.map(g => g.sectionId)).toEqual(['s1', 's3'])
    expect(gaps[0].message).toMatch(/^编号不连续.*缺少“（二）” \/ Numbering gap/)
    expect(gaps[1].message).toContain('缺少“三、”')
  })
  test('sub-numbering restarts under each heading; a heading with sub-sections is not empty', () => {
    const checks = checkReport(report(2025, [['一、政治建设', ''], ['（一）理论学习', '正文。'], ['（二）党纪教育', '正文。'], ['二、干部工作', '（一）选人用人。\n（二）年轻干部。'], ['三、人才工作', '']]))
    expect(codes(checks)).toEqual(['EMPTY_SECTION'])
    expect(checks[0]).toMatchObject({ sectionId: 's5', message: expect.stringMatching(/^“三、人才工作”还没有正文 \/ /) })
  })
  test('the same heading twice, whatever its number', () => {
    const checks = checkReport(report(2025, [['一、政治建设', '正文。'], ['二、政治建设', '正文。']]))
    expect(checks).toEqual([expect.objectContaining({ code: 'DUPLICATE_HEADING', sectionId: 's2' })])
  })
})

describe('against last year', () => {
  const lastYear = report(2024, [
    ['一、政治建设', '全年部务会议传达学习78次，推动学习成果转化。组织市管干部专题轮训班8期，培训1260人次，推动全会精神落地见效。'],
    ['二、干部工作', '全年考录公务员236名，遴选市直机关公务员43名。开展公务员平时考核，评定优秀等次1120人次。'],
    ['三、人才工作', '新建省级以上创新平台12家。'],
  ])
  const draft = report(2025, [
    ['一、政治建设', '全年部务会议传达学习78次，推动学习成果转化。组织市管干部专题轮训班8期，培训1260人次，推动全会精神落地见效。'],
    ['二、干部工作', '今年围绕中心工作优化干部结构，新一轮考核办法已经出台，全年考录公务员236名，另有选调生单独计算。'],
  ])
  const checks = checkReport(draft, lastYear)
  test('a section copied from last year is flagged once, its unchanged figures counted in it', () => {
    const copied = checks.filter(c => c.code === 'COPIED_FROM_LAST_YEAR')
    expect(copied).toEqual([expect.objectContaining({ sectionId: 's1', message: expect.stringMatching(/^本节 100% 的文字与去年相同，其中 3 个数字未变/) })])
  })
  test('an unchanged figure in a rewritten section is flagged with its place', () => {
    const figures = checks.filter(c => c.code === 'UNCHANGED_FIGURE')
    expect(figures).toEqual([expect.objectContaining({ sectionId: 's2', excerpt: expect.stringContaining('236名') })])
    expect(figures[0].message).toMatch(/^“236名”与去年“二、干部工作”中的数字相同/)
  })
  test('a section of last year with no counterpart', () => {
    expect(checks.filter(c => c.code === 'MISSING_SECTION')).toEqual([expect.objectContaining({ sectionId: null, excerpt: '三、人才工作', severity: 'info' })])
  })
})

const checksOf = (data: unknown) => (data as { reportChecks: unknown[] }).reportChecks

const providers = await testProviders()

describe.each(providers)('reportChecks through the API on %s', provider => {
  const demo = useSeededDemo(provider, 'checks')
  let plantedSectionId: string
  const QUERY = 'query ($id: ID!) { reportChecks(id: $id) { code severity sectionId message excerpt } }'

  beforeAll(async () => {
    const { context, draftId } = demo
    const [section] = await context.sudo().query.Section.findMany({ where: { report: { id: { equals: draftId } }, heading: { startsWith: '二、' } }, query: 'id' })
    plantedSectionId = section.id
    // planted: last year's number, a figure kept from 2024, and （二） skipped
    await demo.as('writer').query.Section.updateOne({
      where: { id: plantedSectionId },
      data: { version: await currentVersion(context, 'Section', plantedSectionId), body: plainTextToDocument('（一）今年围绕中心工作优化干部结构，新一轮考核办法已经出台，全年考录公务员236名，另有选调生单独计算。\n（三）2024年全年完成干部培训任务，培训覆盖各级领导班子。') },
    })
  })

  const run = (email: string | null, id: string) => demo.as(email).graphql.raw({ query: QUERY, variables: { id } })

  test('the writer’s draft: planted stale year, unchanged figure and numbering gap, at their section', async () => {
    const { data, errors } = await run('writer@annals.local', demo.draftId)
    expect(errors).toBeUndefined()
    const planted = (checksOf(data) as { code: string; sectionId: string; excerpt: string }[]).filter(c => c.sectionId === plantedSectionId)
    expect(planted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'STALE_YEAR', excerpt: expect.stringContaining('2024年全年完成') }),
        expect.objectContaining({ code: 'UNCHANGED_FIGURE', excerpt: expect.stringContaining('236名') }),
        expect.objectContaining({ code: 'NUMBERING_GAP', excerpt: expect.stringContaining('（三）') }),
      ])
    )
  })

  test('the head of the department and an admin may check the draft', async () => {
    for (const email of ['head@annals.local', 'admin@annals.local']) {
      const { data, errors } = await run(email, demo.draftId)
      expect(errors, email).toBeUndefined()
      expect((checksOf(data) as unknown[]).length).toBeGreaterThan(0)
    }
  })

  test('a writer of another department, an archivist and anonymous get the same refusal for the draft', async () => {
    for (const email of ['writer.chengxi@annals.local', 'archivist@annals.local', null]) {
      const { data, errors } = await run(email, demo.draftId)
      expect(data, String(email)).toBeNull()
      expect(errors?.[0].message).toBe('报告不存在或您无权查看 / The report does not exist or you may not read it')
    }
    const missing = await run('writer@annals.local', 'no-such-report')
    expect(missing.errors?.[0].message).toBe('报告不存在或您无权查看 / The report does not exist or you may not read it')
  })

  test('an approved report is checked by anyone signed in, against its own previous year', async () => {
    for (const email of ['archivist@annals.local', 'writer.chengxi@annals.local']) {
      const { data, errors } = await run(email, demo.approvedId)
      expect(errors, email).toBeUndefined()
      const found = checksOf(data) as { code: string; message: string }[]
      expect(found.every(c => /^[\u4e00-\u9fff“]/u.test(c.message) && c.message.includes(' / ')), email).toBe(true)
    }
  })
})
