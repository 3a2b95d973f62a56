// The comparison queries through Keystone's GraphQL API with real access rules.
import { beforeAll, describe, expect, test } from 'vitest'
import { testProviders } from './helpers/db'
import { useSeededDemo } from './helpers/demo'
import { contentHash, snapshotOf } from '../src/workflow'

const COMPARE = `query($id: ID!, $against: [ID!], $normalize: CompareNormalizeInput, $swap: Boolean) {
  compareReport(id: $id, against: $against, normalize: $normalize, swap: $swap) {
    cached
    summary { againstYear similarity reusedPassages addedSections droppedSections changedSections moves figuresChanged }
    result
  }
}`
const REVISIONS = `query($reportId: ID!, $from: ID, $to: ID) {
  compareRevisions(reportId: $reportId, from: $from, to: $to) { cached summary { similarity changedSections } result }
}`

const providers = await testProviders()

describe.each(providers)('comparison API on %s', provider => {
  const demo = useSeededDemo(provider, 'comparison_api')
  let years: Record<number, string>
  let chengxiDraft: string

  beforeAll(async () => {
    years = demo.seed.reportIds
    const [chengxi] = await demo.context.sudo().query.Report.findMany({ where: { department: { code: { equals: 'chengxi' } } }, query: 'id' })
    chengxiDraft = chengxi.id
  })

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Raw = { data?: any; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }
  const run = async (who: 'writer' | 'head' | 'archivist' | 'otherWriter', query: string, variables: Record<string, unknown>): Promise<Raw> =>
    (await demo.as(who).graphql.raw({ query, variables })) as Raw

  test('by default a report is compared with its department’s earlier years, newest first', async () => {
    const { data, errors } = await run('writer', COMPARE, { id: years[2025] })
    expect(errors).toBeUndefined()
    const result = data!.compareReport.result
    expect(result.against.map((r: { year: number }) => r.year)).toEqual([2024, 2023, 2022, 2021])
    expect(result.primary.year).toBe(2024)
    expect(data!.compareReport.summary).toMatchObject({ againstYear: 2024, addedSections: 0, droppedSections: 0 })
    expect(data!.compareReport.summary.similarity).toBeGreaterThan(0.8)
    expect(result.diff.sections.length).toBe(7)
    expect(result.history.years.map((y: { year: number }) => y.year)).toEqual([2021, 2022, 2023, 2024])
    expect(result.diff.figures.some((f: { status: string; after?: { text: string } }) => f.status === 'changed' && f.after?.text === '11230人')).toBe(true)
  })

  test('the archivist compares approved years only; drafts are not among them', async () => {
    const { data, errors } = await run('archivist', COMPARE, { id: years[2024] })
    expect(errors).toBeUndefined()
    expect(data!.compareReport.result.against.map((r: { year: number }) => r.year)).toEqual([2023, 2022, 2021])
    const draft = await run('archivist', COMPARE, { id: years[2025] })
    expect(draft.errors?.[0].message).toMatch(/报告不存在或您无权查看.*cannot be compared/s)
    expect(draft.errors?.[0].extensions?.code).toBe('NOT_ACCESSIBLE')
    expect(draft.data).toBeNull()
  })

  test('a writer of another department cannot compare against or with a draft it may not read, and learns nothing of it', async () => {
    const against = await run('writer', COMPARE, { id: years[2024], against: [chengxiDraft] })
    expect(against.errors?.[0].extensions?.code).toBe('NOT_ACCESSIBLE')
    expect(JSON.stringify(against)).not.toMatch(/澄溪|山水澄溪|4120人/)
    const other = await run('otherWriter', COMPARE, { id: years[2025] })
    expect(other.errors?.[0].extensions?.code).toBe('NOT_ACCESSIBLE')
    expect(JSON.stringify(other)).not.toMatch(/十四五|11230/)
    // but approved years of another department are the archive: readable and comparable
    const archive = await run('otherWriter', COMPARE, { id: years[2024], against: [years[2022]] })
    expect(archive.errors).toBeUndefined()
    expect(archive.data!.compareReport.summary.againstYear).toBe(2022)
  })

  test('explicit years, swap and normalisation switches', async () => {
    const { data } = await run('head', COMPARE, { id: years[2024], against: [years[2021], years[2022]] })
    const result = data!.compareReport.result
    expect(result.against.map((r: { year: number }) => r.year)).toEqual([2022, 2021])
    expect(result.primary.year).toBe(2022)
    const swapped = await run('head', COMPARE, { id: years[2024], against: [years[2023]], swap: true })
    const sections = swapped.data!.compareReport.result.diff.sections
    const before = sections[1].diff.ops.filter((o: { op: string }) => o.op !== 'insert').map((o: { before: string }) => o.before).join('')
    expect(before.startsWith('严格落实“第一议题”制度。')).toBe(true) // the 2024 text is now on the left
    const self = await run('head', COMPARE, { id: years[2024], against: [years[2024]] })
    expect(self.errors?.[0].message).toMatch(/不能与自身比对/)
    const strict = await run('head', COMPARE, { id: years[2024], normalize: { punctuation: false, traditional: false } })
    expect(strict.errors).toBeUndefined()
  })

  test('an unchanged comparison is served from the cache the second time', async () => {
    const first = await run('head', COMPARE, { id: years[2023], against: [years[2021]] })
    const second = await run('head', COMPARE, { id: years[2023], against: [years[2021]] })
    expect(first.data!.compareReport.cached).toBe(false)
    expect(second.data!.compareReport.cached).toBe(true)
    expect(second.data!.compareReport.result).toEqual(first.data!.compareReport.result)
    // an edit moves the report's content version: no stale result
    const [section] = await demo.context.sudo().query.Section.findMany({ where: { report: { id: { equals: years[2025] } } }, orderBy: { position: 'asc' }, take: 1, query: 'id version' })
    await run('writer', COMPARE, { id: years[2025] }) // this test fills the cache itself
    const before = await run('writer', COMPARE, { id: years[2025] })
    await demo.context.sudo().db.Section.updateOne({ where: { id: section.id }, data: { heading: '引言（修改）', version: section.version } })
    const after = await run('writer', COMPARE, { id: years[2025] })
    expect(before.data!.compareReport.cached).toBe(true)
    expect(after.data!.compareReport.cached).toBe(false)
    await demo.context.sudo().db.Section.updateOne({ where: { id: section.id }, data: { heading: '引言', version: section.version + 1 } })
    // a status change is no content change, but the result names the status: not stale either
    const seen = await run('writer', COMPARE, { id: years[2025] })
    await demo.context.prisma.report.update({ where: { id: years[2025] }, data: { status: 'in_review' } })
    const moved = await run('writer', COMPARE, { id: years[2025] })
    expect(moved.data!.compareReport.cached).toBe(false)
    expect(moved.data!.compareReport.result.report.status).toBe('in_review')
    expect(seen.data!.compareReport.result.report.status).toBe('draft')
    await demo.context.prisma.report.update({ where: { id: years[2025] }, data: { status: 'draft' } })
  })

  test('revisions of one report: newest revision against the current text, or two chosen revisions', async () => {
    const sudo = demo.context.sudo()
    const reportId = years[2025]
    const current = await sudo.query.Report.findOne({ where: { id: reportId }, query: 'title sections(orderBy: { position: asc }) { key heading plainText }' })
    const edited = current!.sections.map((s: { key: string; heading: string; plainText: string }, i: number) => ({
      key: s.key,
      heading: s.heading,
      text: i === 2 ? s.plainText.replace('全年调整市管干部176人次', '全年调整市管干部180人次') : s.plainText,
    }))
    const snapshot = snapshotOf(current!.title, edited)
    const second = await sudo.db.Revision.createOne({
      data: { report: { connect: { id: reportId } }, number: 2, reason: 'test', snapshot, contentHash: contentHash(snapshot) },
    })
    const [first] = await sudo.query.Revision.findMany({ where: { report: { id: { equals: reportId } }, number: { equals: 1 } }, query: 'id' })

    const chosen = await run('head', REVISIONS, { reportId, from: first.id, to: second.id })
    expect(chosen.errors).toBeUndefined()
    const changed = chosen.data!.compareRevisions.result.diff.sections.filter((s: { kind: string }) => s.kind !== 'same')
    expect(changed.map((s: { headingAfter: string }) => s.headingAfter)).toEqual([expect.stringMatching(/^二、/)])
    const ops = changed[0].diff.ops.filter((o: { op: string }) => o.op !== 'equal').map((o: { before?: string; after?: string }) => o.before ?? o.after)
    expect(ops).toEqual(['176人次', '180人次'])

    const toCurrent = await run('head', REVISIONS, { reportId, to: 'current' })
    expect(toCurrent.data!.compareRevisions.result.to.id).toBe('current')

    const foreign = await run('head', REVISIONS, { reportId: years[2024], from: first.id })
    expect(foreign.errors?.[0].message).toMatch(/不属于此报告/)
    const hidden = await run('archivist', REVISIONS, { reportId })
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_ACCESSIBLE')
  })

  test('the report item page headline comes through the comparison field', async () => {
    const item = await demo.as('writer').query.Report.findOne({ where: { id: years[2024] }, query: 'comparison' })
    expect(item!.comparison).toMatchObject({ reportId: years[2024], againstYear: 2023 })
    expect(item!.comparison.similarity).toBeGreaterThan(0.5)
  })
})
