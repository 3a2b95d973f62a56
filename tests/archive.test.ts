// The archive on SQLite and PostgreSQL: search (short words, phrases, folding, ranking, access),
// passage sources, reuse checks, and an index that follows every write transactionally.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { KeystoneContext } from '@keystone-6/core/types'
import { as, currentVersion, testProviders } from './helpers/db'
import { useTestDatabase } from './helpers/demo'
import { addReport, archiveFixture, filler, type ArchiveFixture } from './helpers/archive'
import { passageSources, reuseCheck, searchArchive } from '../src/keystone/archive'
import { ARCHIVE_CONFIG, HEADING_END } from '../src/archive'
import { createReport } from '../src/keystone/report-store'
import { archiveRebuildDue, ensureArchiveIndex, rebuildArchiveIndex } from '../src/keystone/archive-reindex'
import { migrationsDir } from '../src/db/migrations'
import { plainTextToDocument } from '../src/text'

const providers = await testProviders()

const SENTENCE = '坚持把人才作为第一资源，深入实施人才强市战略，全年新引进高层次人才一百二十名，建成人才驿站八个。'

describe.each(providers)('archive on %s', provider => {
  const db = useTestDatabase(provider, 'archive')
  let context: KeystoneContext
  let fx: ArchiveFixture
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    context = db.context
    fx = await archiveFixture(context)
    const d = fx.departments
    ids.plantedA = await addReport(context, d.a, 2020, [
      filler(1, 300) + '鑫' + filler(2, 200),
      filler(3, 200) + '抓党建，促发展。' + filler(4, 200) + '人才引進工作' + filler(5, 100),
      filler(6, 100) + 'ＡＢＣ１２３' + filler(7, 100),
    ])
    // "人才" and "引进" apart and often: ranks below the exact phrase anyway
    ids.apart = await addReport(context, d.a1, 2021, [filler(8, 100) + '人才人才人才' + filler(9, 30) + '引进引进' + filler(10, 50)])
    ids.exact = await addReport(context, d.c, 2019, [filler(11, 600) + '人才引进' + filler(12, 600)])
    ids.draftB = await addReport(context, d.b, 2024, [filler(13, 200) + '鑫鑫 党建 人才引进 机密草稿' + filler(14, 200)], 'draft')
    // the sentence in three departments, years out of order
    ids.sentence2022 = await addReport(context, d.b, 2022, [filler(15, 200) + SENTENCE + filler(16, 200)])
    ids.sentence2015 = await addReport(context, d.c, 2015, [filler(17, 200) + SENTENCE.replace('八个', '九个') + filler(18, 200)])
    ids.sentence2018 = await addReport(context, d.a, 2018, [filler(19, 300) + SENTENCE + filler(20, 50)])
  })

  const search = (user: keyof ArchiveFixture['users'], query: string, extra: Record<string, unknown> = {}) =>
    searchArchive(as(context, fx.users[user]), { query, take: 50, ...extra })

  test('one-, two- and four-character words, quoted phrases, traditional and full-width forms', async () => {
    expect((await search('archivist', '鑫')).hits.map(h => h.reportId)).toEqual([ids.plantedA])
    expect((await search('archivist', '党建')).hits.map(h => h.reportId)).toEqual([ids.plantedA])
    expect((await search('archivist', '黨建')).hits.map(h => h.reportId)).toEqual([ids.plantedA])
    const four = await search('archivist', '人才引进')
    expect(new Set(four.hits.map(h => h.reportId))).toEqual(new Set([ids.plantedA, ids.exact]))
    expect((await search('archivist', '"抓党建，促发展"')).hits.map(h => h.reportId)).toEqual([ids.plantedA])
    // punctuation is part of a phrase (any mark for any mark): 抓党建促发展 is not written anywhere
    expect((await search('archivist', '"抓党建。促发展"')).total).toBe(1)
    expect((await search('archivist', '抓党建促发展')).total).toBe(0)
    expect((await search('archivist', 'abc123')).hits.map(h => h.reportId)).toEqual([ids.plantedA])
    expect((await search('archivist', 'ａｂｃ１２３')).total).toBe(1)
  })

  test('snippets carry the heading, department, year and highlighted original text', async () => {
    const { hits } = await search('archivist', '人才引进', { departmentId: fx.departments.a })
    expect(hits).toHaveLength(1)
    const [hit] = hits
    expect(hit).toMatchObject({ departmentName: '甲市委组织部', year: 2020, heading: '第2部分' })
    expect(hit.highlights.map(h => hit.snippet.slice(h.start, h.end))).toEqual(['人才引進'])
  })

  test('the whole query as one phrase ranks first; ties break stably', async () => {
    const { hits } = await search('archivist', '人才 引进')
    expect(hits.map(h => h.reportId).slice(0, 2).sort()).toEqual([ids.plantedA, ids.exact].sort())
    expect(hits.map(h => h.reportId)).toContain(ids.apart)
    expect(hits.findIndex(h => h.reportId === ids.apart)).toBeGreaterThan(1)
    expect((await search('archivist', '人才 引进')).hits).toEqual(hits)
  })

  test('filters: department with sub-departments, years, status, kind; paging', async () => {
    const tree = await search('archivist', '人才', { departmentId: fx.departments.a })
    expect(new Set(tree.hits.map(h => h.reportId))).toEqual(new Set([ids.plantedA, ids.apart, ids.sentence2018]))
    const years = await search('archivist', '人才', { yearFrom: 2019, yearTo: 2020 })
    expect(new Set(years.hits.map(h => h.year))).toEqual(new Set([2019, 2020]))
    expect((await search('archivist', '人才', { status: 'draft' })).total).toBe(0)
    expect((await search('archivist', '人才', { kind: 'special' })).total).toBe(0)
    const all = await search('archivist', '人才')
    const page = await search('archivist', '人才', { take: 2, skip: 2 })
    expect(page.total).toBe(all.total)
    expect(page.hits.map(h => h.sectionId)).toEqual(all.hits.slice(2, 4).map(h => h.sectionId))
    await expect(search('archivist', '人才', { yearFrom: 3000 })).rejects.toThrow(/起始年份无效/)
    await expect(search('archivist', '人才', { status: 'secret' })).rejects.toThrow(/状态无效/)
  })

  test("another department's draft is never returned, nor counted", async () => {
    for (const user of ['writerA', 'headA', 'archivist'] as const) {
      const r = await search(user, '鑫')
      expect(r.total).toBe(1)
      expect(r.hits.map(h => h.reportId)).not.toContain(ids.draftB)
      expect((await search(user, '机密草稿')).total).toBe(0)
    }
    expect((await search('writerB', '机密草稿')).hits.map(h => h.reportId)).toEqual([ids.draftB])
    expect((await search('admin', '机密草稿')).total).toBe(1)
    await expect(searchArchive(context, { query: '鑫' })).rejects.toThrow(/请先登录/)
    // passage sources and reuse checks follow the same rule
    const draftText = (await context.sudo().db.Section.findMany({ where: { report: { id: { equals: ids.draftB } } } }))[0].plainText as string
    expect((await passageSources(as(context, fx.users.archivist), { text: draftText.slice(150, 260) })).map(s => s.reportId)).not.toContain(ids.draftB)
    await expect(reuseCheck(as(context, fx.users.writerA), { reportId: ids.draftB })).rejects.toThrow(/无权查看/)
  })

  test('a word only in a section heading is found, highlighted in the heading, ranked with body matches, and follows a heading-only save', async () => {
    const sudo = context.sudo()
    const headingOnly = await createReport(context, {
      departmentId: fx.departments.a, year: 2016, title: '标题命中', status: 'approved', reason: 'test',
      sections: [{ heading: '（三）人才工作', text: filler(70, 400) }],
    })
    // the same phrase in a short body: many times denser than the heading's one in 400 characters
    const inBody = await addReport(context, fx.departments.c, 2016, [filler(71, 30) + '人才工作' + filler(72, 30)])
    const draftHeading = await createReport(context, {
      departmentId: fx.departments.b, year: 2016, title: '乙草稿', status: 'draft', reason: 'test',
      sections: [{ heading: '（四）人才工作机密', text: filler(73, 100) }],
    })
    for (const user of ['archivist', 'writerA', 'headA'] as const) {
      const r = await search(user, '人才工作')
      expect(r.total).toBe(2)
      expect(r.hits.map(h => h.reportId)).toEqual([headingOnly, inBody])
    }
    const [hit] = (await search('archivist', '人才工作')).hits
    expect(hit.heading).toBe('（三）人才工作')
    expect(hit.headingHighlights.map(h => hit.heading.slice(h.start, h.end))).toEqual(['人才工作'])
    expect(hit.highlights).toEqual([])
    // the heading's numbering is part of it (full-width brackets as any punctuation)
    expect((await search('archivist', '"(三)人才"')).hits.map(h => h.reportId)).toEqual([headingOnly])
    // another department's draft heading: its own writers only, never in a total
    expect((await search('archivist', '人才工作机密')).total).toBe(0)
    expect((await search('writerA', '人才工作机密')).total).toBe(0)
    expect((await search('writerB', '人才工作机密')).hits.map(h => h.reportId)).toEqual([draftHeading])
    expect((await search('writerB', '人才工作')).total).toBe(3)
    // no phrase across the heading's end: the heading's last words and the body's first
    const bodyStart = filler(70, 400).slice(0, 2)
    expect((await search('archivist', `"工作${bodyStart}"`)).total).toBe(0)

    // a heading-only save re-indexes the section (in the save's transaction)
    const [section] = await sudo.db.Section.findMany({ where: { report: { id: { equals: headingOnly } } } })
    await sudo.db.Section.updateOne({ where: { id: String(section.id) }, data: { heading: '（三）档案工作', version: await currentVersion(context, 'Section', String(section.id)) } })
    expect((await search('archivist', '人才工作')).hits.map(h => h.reportId)).toEqual([inBody])
    expect((await search('archivist', '档案工作')).hits.map(h => h.reportId)).toEqual([headingOnly])
    // …and its body still is the body
    expect((await search('archivist', filler(70, 400).slice(100, 108))).hits.map(h => h.reportId)).toContain(headingOnly)
  })

  test('passageSources finds the sentence in three departments, earliest first', async () => {
    const sources = await passageSources(as(context, fx.users.archivist), { text: SENTENCE })
    expect(sources.map(s => s.year)).toEqual([2015, 2018, 2022])
    expect(sources.map(s => s.departmentName)).toEqual(['丙县委组织部', '甲市委组织部', '乙县委组织部'])
    expect(sources[0].similarity).toBeGreaterThan(0.8)
    expect(sources[0].similarity).toBeLessThan(1)
    expect(sources[1].similarity).toBe(1)
    const section = await context.sudo().db.Section.findOne({ where: { id: sources[1].sectionId } })
    expect((section?.plainText as string).slice(sources[1].start, sources[1].end)).toBe(SENTENCE.slice(0, -1))
    const excluding = await passageSources(as(context, fx.users.archivist), { text: SENTENCE, excludeReportId: ids.sentence2018 })
    expect(excluding.map(s => s.year)).toEqual([2015, 2022])
    await expect(passageSources(as(context, fx.users.archivist), { text: '人才' })).rejects.toThrow(/选段太短/)
  })

  test('reuseCheck reports a 30% copy from another department', async () => {
    const source = filler(30, 1500) + '\n' + filler(31, 1500)
    const sourceId = await addReport(context, fx.departments.c, 2023, source.split('\n'))
    const copied = source.slice(200, 1100) // 900 characters of 3,000
    const draft = [filler(32, 1000), copied + filler(33, 400), filler(34, 700)]
    const draftId = await addReport(context, fx.departments.a, 2024, draft, 'draft')
    const check = await reuseCheck(as(context, fx.users.headA), { reportId: draftId })
    expect(check.reusedShare).toBeGreaterThan(0.27)
    expect(check.reusedShare).toBeLessThan(0.33)
    expect(check.otherDepartmentsShare).toBe(check.reusedShare)
    expect(check.ownDepartmentShare).toBe(0)
    expect(check.sources[0]).toMatchObject({ reportId: sourceId, departmentName: '丙县委组织部', year: 2023, ownDepartment: false })
    const passage = check.sources[0].passages[0]
    const sourceSection = await context.sudo().db.Section.findOne({ where: { id: passage.sourceSectionId } })
    expect((sourceSection?.plainText as string).slice(passage.sourceStart, passage.sourceEnd)).toBe(passage.text)
  })

  test('the index follows edits, deletions and imports; a failed transaction leaves nothing', async () => {
    const writer = as(context, fx.users.writerA)
    const reportId = await addReport(context, fx.departments.a, 2025, [filler(40, 100) + '旧词汇甲乙' + filler(41, 100)], 'draft')
    const [section] = await context.sudo().db.Section.findMany({ where: { report: { id: { equals: reportId } } } })
    expect((await search('writerA', '旧词汇甲乙')).total).toBe(1)
    await writer.db.Section.updateOne({ where: { id: String(section.id) }, data: { version: await currentVersion(context, 'Section', String(section.id)), body: plainTextToDocument(filler(42, 100) + '新词汇丙丁' + filler(43, 100)) } })
    expect((await search('writerA', '旧词汇甲乙')).total).toBe(0)
    expect((await search('writerA', '新词汇丙丁')).total).toBe(1)
    await writer.db.Section.deleteOne({ where: { id: String(section.id) } })
    expect((await search('writerA', '新词汇丙丁')).total).toBe(0)

    const before = await indexCounts(context, provider)
    await expect(
      context.sudo().transaction(async tx => {
        await createReport(tx, { departmentId: fx.departments.b, year: 2010, title: '失败的导入', status: 'approved', reason: '导入', sections: [{ heading: '一', text: '半途而废的导入词' + filler(44, 300) }] })
        throw new Error('导入失败')
      })
    ).rejects.toThrow('导入失败')
    expect((await search('admin', '半途而废的导入词')).total).toBe(0)
    expect(await indexCounts(context, provider)).toEqual(before)

    await createReport(context, { departmentId: fx.departments.b, year: 2011, title: '导入', status: 'approved', reason: '导入', sections: [{ heading: '一', text: '顺利完成的导入词' + filler(45, 300) }] })
    expect((await search('archivist', '顺利完成的导入词')).total).toBe(1)
  })

  test('the index follows the report: approved, moved to another department or year, kind; a failed change leaves it', async () => {
    const sudo = context.sudo()
    const reportId = await addReport(context, fx.departments.b, 2012, [filler(50, 100) + '随报告而动词' + filler(51, 100)], 'draft')
    const update = async (data: Record<string, unknown>) =>
      sudo.db.Report.updateOne({ where: { id: reportId }, data: { ...data, version: await currentVersion(context, 'Report', reportId) } })
    const found = async (user: keyof ArchiveFixture['users'], extra: Record<string, unknown> = {}) => (await search(user, '随报告而动词', extra)).total
    // a draft of B: B's writer only
    expect([await found('writerA'), await found('archivist'), await found('writerB')]).toEqual([0, 0, 1])
    // approved: everyone
    await update({ status: 'approved' })
    expect([await found('writerA'), await found('archivist'), await found('writerB')]).toEqual([1, 1, 1])
    expect(await found('archivist', { status: 'draft' })).toBe(0)
    // back to draft and moved to department A: A's writer now, not B's
    await update({ status: 'draft' })
    await update({ department: { connect: { id: fx.departments.a } } })
    expect([await found('writerA'), await found('archivist'), await found('writerB')]).toEqual([1, 0, 0])
    expect(await found('admin', { departmentId: fx.departments.b })).toBe(0)
    expect(await found('admin', { departmentId: fx.departments.a })).toBe(1)
    // another year and kind: the year range and the kind filter follow
    expect(await found('admin', { yearFrom: 2012, yearTo: 2012 })).toBe(1)
    await update({ year: 2013, kind: 'special' })
    expect(await found('admin', { yearFrom: 2012, yearTo: 2012 })).toBe(0)
    expect(await found('admin', { yearFrom: 2013, yearTo: 2013, kind: 'special' })).toBe(1)
    expect((await search('admin', '随报告而动词')).hits[0]).toMatchObject({ year: 2013, kind: 'special' })
    // a change rolled back: the index as before
    const before = await indexCounts(context, provider)
    await expect(
      sudo.transaction(async tx => {
        await tx.db.Report.updateOne({ where: { id: reportId }, data: { status: 'approved', year: 2014, version: await currentVersion(context, 'Report', reportId) } })
        throw new Error('审批失败')
      })
    ).rejects.toThrow('审批失败')
    expect(await indexCounts(context, provider)).toEqual(before)
    expect([await found('archivist'), await found('admin', { yearFrom: 2013, yearTo: 2013 })]).toEqual([0, 1])
  })

  test('common words: relevance over the newest matches, further pages in index order, every match once', async () => {
    // more matching sections than the ranked window (ARCHIVE_CONFIG.maxRanked)
    const n = ARCHIVE_CONFIG.maxRanked + 40
    const perReport = 60
    for (let r = 0; r * perReport < n; r++) {
      const count = Math.min(perReport, n - r * perReport)
      await addReport(context, fx.departments.c, 1990 + r, Array.from({ length: count }, (_, i) => `${'淼'.repeat(1 + (i % 3))}${filler(60 + i, 20)}`))
    }
    const first = await search('archivist', '淼', { take: 50 })
    expect(first.total).toBe(n)
    expect(first.totalExact).toBe(true)
    // the window ranks by relevance: the densest sections first
    expect(first.hits[0].snippet).toContain('淼淼淼')
    const seen: string[] = []
    for (let skip = 0; skip < n; skip += 50) seen.push(...(await search('archivist', '淼', { take: 50, skip })).hits.map(h => h.sectionId))
    expect(seen).toHaveLength(n)
    expect(new Set(seen).size).toBe(n)
    // past the window: newest year first
    const tail = await search('archivist', '淼', { take: 40, skip: ARCHIVE_CONFIG.maxRanked })
    const years = tail.hits.map(h => h.year)
    expect(years).toEqual([...years].sort((a, b) => b - a))
  })

  test('npm run reindex (and an app start when a migration marked it due) rebuilds the index from the sections, restoring dropped triggers', async () => {
    const before = await search('archivist', '鑫')
    // an archive indexed before headings were: search columns of the body alone (still searched as before)
    const headingFound = (await search('archivist', '档案工作')).hits.map(h => h.reportId)
    expect(headingFound).toHaveLength(1)
    await context.prisma.$executeRawUnsafe(
      provider === 'sqlite'
        ? `UPDATE "Section" SET "searchText" = substr("searchText", instr("searchText", '${HEADING_END}') + 2)`
        : `UPDATE "ArchiveEntry" SET "text" = substr("text", strpos("text", '${HEADING_END}') + 2)`
    )
    expect((await search('archivist', '档案工作')).total).toBe(0)
    expect(await search('archivist', '鑫')).toEqual(before)
    // the migration that brought headings in marks an archive that holds sections for one rebuild
    // (a database migrated while empty, as this one was, has nothing due); the app runs it at start
    expect(await archiveRebuildDue(context.prisma)).toBe(false)
    for (const statement of archiveHeadingsMigration(provider)) await context.prisma.$executeRawUnsafe(statement)
    expect(await archiveRebuildDue(context.prisma)).toBe(true)
    if (provider === 'sqlite') {
      await context.prisma.$executeRawUnsafe('DROP TRIGGER "Section_archive_update"')
      await ensureArchiveIndex(db.target, { clear: true })
      expect((await search('archivist', '鑫')).total).toBe(0)
    }
    const progress: number[] = []
    const result = await rebuildArchiveIndex(context.prisma, db.target, { batch: 7, onProgress: p => progress.push(p.done) })
    expect(await archiveRebuildDue(context.prisma)).toBe(false)
    expect(result.done).toBe(result.total)
    expect(progress.length).toBeGreaterThan(1)
    expect(await search('archivist', '鑫')).toEqual(before)
    expect((await passageSources(as(context, fx.users.archivist), { text: SENTENCE })).map(s => s.year)).toEqual([2015, 2018, 2022])
    expect((await search('archivist', '档案工作')).hits.map(h => h.reportId)).toEqual(headingFound)
  })

  test('the index triggers and the index exist after every migration (on PostgreSQL the search column kept once)', async () => {
    const triggers =
      provider === 'sqlite'
        ? ((await context.prisma.$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)) as { name: string }[])
        : ((await context.prisma.$queryRawUnsafe(`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal`)) as { name: string }[])
    const names = triggers.map(t => t.name).filter(n => /_archive/.test(n)).sort()
    expect(names).toEqual(provider === 'sqlite' ? ['Report_archive_update', 'Section_archive_delete', 'Section_archive_insert', 'Section_archive_update'] : ['Report_archive', 'Section_archive', 'Section_archive_text'])
    if (provider === 'postgresql') {
      const indexes = (await context.prisma.$queryRawUnsafe(`SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('Section', 'ArchiveEntry')`)) as { name: string }[]
      expect(indexes.map(i => i.name)).toEqual(expect.arrayContaining(['ArchiveEntry_vector_idx', 'Section_archive_fingerprints_idx']))
      // the search column is kept once: in each section's entry, not also in "Section"
      const count = async (sql: string) => Number(((await context.prisma.$queryRawUnsafe(sql)) as { n: unknown }[])[0].n)
      expect(await count(`SELECT count(*) AS n FROM "Section"`)).toBeGreaterThan(10)
      expect(await count(`SELECT count(*) AS n FROM "Section" WHERE "searchText" <> ''`)).toBe(0)
      expect(await count(`SELECT count(*) AS n FROM "Section" s LEFT JOIN "ArchiveEntry" e ON e."sectionId" = s."id" WHERE coalesce(e."text", '') = ''`)).toBe(0)
    }
  })
})

/** The statements of the migration that brought section headings into the search column. */
function archiveHeadingsMigration(provider: string): string[] {
  const dir = migrationsDir(provider as 'sqlite' | 'postgresql')
  const folder = readdirSync(dir).find(name => name.endsWith('_archive_headings'))
  if (!folder) throw new Error('no *_archive_headings migration')
  const sql = readFileSync(path.join(dir, folder, 'migration.sql'), 'utf8').replace(/^--.*$/gm, '')
  return sql.split(';').map(statement => statement.trim()).filter(Boolean)
}

/** Rows in the index tables (PostgreSQL's GIN indexes are its own, transactional by nature). */
async function indexCounts(context: KeystoneContext, provider: string) {
  const count = async (table: string) => Number(((await context.prisma.$queryRawUnsafe(`SELECT count(*) AS n FROM "${table}"`)) as { n: unknown }[])[0].n)
  if (provider !== 'sqlite') return { sections: await count('ArchiveEntry') }
  return {
    sections: await count('ArchiveEntry'),
    fingerprints: await count('ArchiveHash'),
    // a contentless FTS5 table counts its rows in its docsize shadow table
    text: await count('ArchiveIndex_docsize'),
  }
}
