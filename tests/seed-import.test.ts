// The demo data and the archive import, through the real API on real databases.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { migratedContext, testProviders } from './helpers/db'
import type { AnnalsContext } from '../src/keystone/context'
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../seeds'
import { parseImportFileName, planImport } from '../src/import'
import { importPlannedReports } from '../src/keystone/report-store'
import { runImport } from '../scripts/import'
import { CORPUS_DIR, warnIfCorpusMissing } from './helpers/corpus'
import { countCharacters } from '../src/text'
import bcrypt from 'bcryptjs'

const providers = await testProviders()

describe.each(providers)('demo data on %s', provider => {
  let annals: AnnalsContext
  beforeAll(async () => {
    annals = await migratedContext(provider, 'seed')
    await seedDemo(annals.context)
  })
  afterAll(() => annals?.disconnect())

  test('the demo department has four consecutive approved years of 3,000+ characters and a draft', async () => {
    const reports = await annals.context.sudo().query.Report.findMany({
      where: { department: { code: { equals: 'minghu' } } },
      orderBy: { year: 'asc' },
      query: 'year status title sections(orderBy: { position: asc }) { heading charCount key } revisions { contentHash }',
    })
    expect(reports.map(r => [r.year, r.status])).toEqual([
      [2021, 'approved'],
      [2022, 'approved'],
      [2023, 'approved'],
      [2024, 'approved'],
      [2025, 'draft'],
    ])
    for (const report of reports) {
      const chars = report.sections.reduce((n: number, s: { heading: string; charCount: number }) => n + countCharacters(s.heading) + s.charCount, 0)
      expect(chars, `${report.year}`).toBeGreaterThanOrEqual(3000)
      expect(report.sections.length).toBe(7) // 引言 + 一…六
      expect(report.title).toBe(`明湖市委组织部${report.year}年工作总结`)
      expect(report.revisions[0].contentHash).toMatch(/^[0-9a-f]{64}$/)
    }
    // the years reuse and reorder each other: 人才 moved from section 4 (2021) to section 3 (2022)
    const talentPosition = (year: number) =>
      reports.find(r => r.year === year)!.sections.findIndex((s: { heading: string }) => s.heading.includes('人才是第一资源'))
    expect(talentPosition(2021)).toBe(4)
    expect(talentPosition(2022)).toBe(3)
    expect(reports[1].sections[3].key).toBe(reports[0].sections[4].key)
  })

  test('demo users exist for every role and can sign in with the demo password', async () => {
    const sudo = annals.context.sudo()
    for (const user of DEMO_USERS) {
      const row = await sudo.query.User.findOne({ where: { email: user.email }, query: 'role password { isSet }' })
      expect(row).toEqual({ role: user.role, password: { isSet: true } })
    }
    // signing in over HTTP is covered by the browser test; here: the stored hash matches
    const stored = await annals.context.prisma.user.findUnique({ where: { email: 'archivist@annals.local' } })
    expect(await bcrypt.compare(DEMO_PASSWORD, stored.password)).toBe(true)
    expect(await bcrypt.compare('wrong-password', stored.password)).toBe(false)
  })

  test('seeding again adds nothing', async () => {
    const count = () => annals.context.sudo().db.Report.count()
    const before = await count()
    const { created } = await seedDemo(annals.context)
    expect(created).toBe(false)
    expect(await count()).toBe(before)
  })
})

describe('import planning', () => {
  test('file names give department and year', () => {
    expect(parseImportFileName('wuhan-etdz-2023.txt')).toEqual({ code: 'wuhan-etdz', year: 2023 })
    expect(parseImportFileName('Leshan-2022.TXT')).toEqual({ code: 'leshan', year: 2022 })
    expect(parseImportFileName('summary.txt')).toBeUndefined()
  })

  test('bad names, bad years, empty files and duplicates are reported, not imported', () => {
    const plan = planImport([
      { name: 'notes.txt', text: '一、甲\n内容。' },
      { name: 'abc-1800.txt', text: '一、甲\n内容。' },
      { name: 'abc-2020.txt', text: '   \n' },
      { name: 'abc-2021.txt', text: '一、甲\n内容。' },
    ])
    expect(plan.reports.map(r => r.file)).toEqual(['abc-2021.txt'])
    expect(plan.problems.map(p => p.file)).toEqual(['abc-1800.txt', 'abc-2020.txt', 'notes.txt'])
    expect(plan.problems[0].message).toMatch(/1949/)
    const forced = planImport([{ name: 'x.txt', text: '正文。' }, { name: 'y.txt', text: '正文。' }], { departmentCode: 'abc', year: 2020 })
    expect(forced.reports).toHaveLength(1)
    expect(forced.problems[0].message).toMatch(/same department and year as x.txt/)
  })
})

describe.each(providers)('importing an archive on %s', provider => {
  let annals: AnnalsContext
  beforeAll(async () => {
    annals = await migratedContext(provider, 'import')
  })
  afterAll(() => annals?.disconnect())

  test.runIf(warnIfCorpusMissing('seed-import'))('the shared corpus imports as approved reports, and a re-run duplicates nothing', async () => {
    const sudo = annals.context.sudo()
    const url = annals.target.url
    const first = await runImport([CORPUS_DIR], url)
    expect(first.outcomes.map(o => o.status)).toEqual(['created', 'created', 'created', 'created', 'created'])
    const reports = await sudo.query.Report.findMany({
      orderBy: { year: 'asc' },
      query: 'year status department { code } sectionsCount',
    })
    expect(reports).toHaveLength(5)
    expect(reports.every(r => r.status === 'approved' && r.sectionsCount >= 4)).toBe(true)
    expect(reports.map(r => r.department.code).sort()).toEqual(['leshan', 'wenzhou', 'wuhan-etdz', 'zhejiang', 'zhoushan'])

    const again = await runImport([CORPUS_DIR], url)
    expect(again.outcomes.map(o => o.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped'])
    expect(await sudo.db.Report.count()).toBe(5)
    expect(await sudo.db.Department.count()).toBe(5)
  })

  test('flags name the department; a failing report leaves nothing half-written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'annals-import-'))
    writeFileSync(path.join(dir, 'summary.txt'), '某局2020年工作总结\n\n一、工作\n内容。\n二、打算\n打算。')
    const result = await runImport([dir, '--department', 'mouju', '--department-name', '某局', '--year', '2020'], annals.target.url)
    expect(result.outcomes[0].status).toBe('created')
    const dept = await annals.context.sudo().query.Department.findOne({ where: { code: 'mouju' }, query: 'name reports { year title sectionsCount }' })
    expect(dept).toEqual({ name: '某局', reports: [{ year: 2020, title: '某局2020年工作总结', sectionsCount: 2 }] })

    // a section over the size limit fails that report whole: no report, no sections left behind
    const sections = () => annals.context.sudo().db.Section.count()
    const before = await sections()
    const [outcome] = await importPlannedReports(annals.context, [
      { file: 'big.txt', departmentCode: 'mouju', year: 2021, kind: 'annual', summary: { title: '超长', discarded: [], sections: [{ heading: '一、正常', level: 1, text: '内容。' }, { heading: '二、超长', level: 1, text: '字'.repeat(200_001) }] } },
    ])
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/超过上限/)
    expect(await sections()).toBe(before)
    expect(await annals.context.sudo().db.Report.count({ where: { year: { equals: 2021 } } })).toBe(0)
  })
})
