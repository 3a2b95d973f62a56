// Importing a document into a draft and into the archive, per role: a preview writes nothing;
// accepting replaces or appends through versioned saves that refuse a stale version; only the
// report's department writers (and admins) may import into a draft, only admins and
// archivists into the archive; a bad file writes nothing. On SQLite and PostgreSQL.
import iconv from 'iconv-lite'
import { describe, expect, test } from 'vitest'
import { importIntoArchive, importIntoReport, ImportRequestError, previewUpload } from '../src/keystone/document-import'
import { testProviders } from './helpers/db'
import { useSeededDemo } from './helpers/demo'
import { docxWithBoldNumberedLines, docxWithHeadingStyles } from './helpers/docx-fixtures'

const providers = await testProviders()

async function failure(work: Promise<unknown>): Promise<{ status: number; message: string }> {
  return work.then(
    () => ({ status: 200, message: '' }),
    error => {
      if (error instanceof ImportRequestError) return { status: error.status, message: error.message }
      throw error
    }
  )
}

describe.each(providers)('importing documents on %s', provider => {
  const demo = useSeededDemo(provider, 'import_draft')
  const { as } = demo
  const sectionsOf = async (id: string) =>
    (await demo.context.sudo().query.Section.findMany({ where: { report: { id: { equals: id } } }, orderBy: { position: 'asc' }, query: 'heading level position' })) as { heading: string; level: number; position: number }[]
  const versionOf = async (id: string) => Number((await demo.context.sudo().db.Report.findOne({ where: { id } }))!.version)

  test('a preview lists sections, levels, sizes and what was left out, and writes nothing', async () => {
    const before = await demo.context.sudo().db.Section.count()
    const preview = await previewUpload(as('writer'), { fileName: 'a.docx', bytes: await docxWithHeadingStyles() })
    expect(preview.sections).toEqual([
      { heading: '引言', level: 1, chars: 34 },
      { heading: '一、档案资源建设', level: 1, chars: 0 },
      { heading: '（一）接收进馆', level: 2, chars: 25 },
      { heading: '（二）数字化', level: 2, chars: 14 },
      { heading: '二、档案利用服务', level: 1, chars: 13 },
    ])
    expect(preview.notes).toEqual(['1 张图片未导入 / 1 image(s) left out'])
    expect(preview.format).toBe('docx')
    const pasted = await previewUpload(as('head'), { pastedText: '一、甲\n内容。\n二、乙\n内容。' })
    expect(pasted.sections.map(s => s.heading)).toEqual(['一、甲', '二、乙'])
    expect((await failure(previewUpload(as(null), { pastedText: '一、甲' }))).status).toBe(401)
    expect(await demo.context.sudo().db.Section.count()).toBe(before)
  })

  test('the department writer replaces a draft’s sections, then appends; a stale version is refused and changes nothing', async () => {
    const version = await versionOf(demo.draftId)
    const replaced = await importIntoReport(as('writer'), demo.draftId, { fileName: 'b.docx', bytes: await docxWithBoldNumberedLines() }, { mode: 'replace', expectedVersion: version })
    expect(replaced.version).toBeGreaterThan(version)
    expect((await sectionsOf(demo.draftId)).map(s => `${s.position}:${s.level}:${s.heading}`)).toEqual([
      '1:1:引言',
      '2:1:一、经济发展稳中有进',
      '3:2:（一）农业生产',
      '4:2:（二）工业经济',
      '5:1:二、民生保障持续加强',
      '6:1:三、2023年工作打算',
    ])

    const stale = await failure(importIntoReport(as('writer'), demo.draftId, { pastedText: '一、新增\n内容。' }, { mode: 'append', expectedVersion: version }))
    expect(stale.status).toBe(409)
    expect(stale.message).toMatch(/^保存冲突：您编辑的是第 \d+ 版/)
    expect(await sectionsOf(demo.draftId)).toHaveLength(6)

    const gbk = iconv.encode('四、新增一节\n新增内容。\n五、再增一节\n更多内容。', 'gbk')
    const appended = await importIntoReport(as('writer'), demo.draftId, { fileName: 'extra.txt', bytes: gbk }, { mode: 'append', expectedVersion: replaced.version })
    expect(appended.sections).toBe(2)
    expect((await sectionsOf(demo.draftId)).slice(-2).map(s => `${s.position}:${s.heading}`)).toEqual(['7:四、新增一节', '8:五、再增一节'])
  })

  test('a corrupt file into a draft is refused with a clear message and nothing is written', async () => {
    const before = await sectionsOf(demo.draftId)
    const version = await versionOf(demo.draftId)
    const result = await failure(importIntoReport(as('writer'), demo.draftId, { fileName: 'x.docx', bytes: Buffer.from('PK\u0003\u0004broken') }, { mode: 'replace', expectedVersion: version }))
    expect(result).toEqual({ status: 422, message: '文件已损坏或不是 Word 文档（.docx）/ The file is damaged or not a Word document (.docx)' })
    expect(await sectionsOf(demo.draftId)).toEqual(before)
    expect(await versionOf(demo.draftId)).toBe(version)
  })

  test('who may import into a draft: its writers and admins; not heads, archivists, other departments, anyone into an approved report', async () => {
    const upload = { pastedText: '一、甲\n内容。\n二、乙\n内容。' }
    const attempt = async (role: string, id: string) => (await failure(importIntoReport(as(role), id, upload, { mode: 'append', expectedVersion: await versionOf(id) }))).status
    expect(await attempt('head', demo.draftId)).toBe(403)
    expect(await attempt('archivist', demo.draftId)).toBe(404)
    expect(await attempt('otherWriter', demo.draftId)).toBe(404)
    expect(await attempt('anonymous', demo.draftId)).toBe(401)
    const approvedBefore = await sectionsOf(demo.approvedId)
    expect(await attempt('writer', demo.approvedId)).toBe(403)
    expect(await attempt('admin', demo.approvedId)).toBe(403)
    expect(await sectionsOf(demo.approvedId)).toEqual(approvedBefore)
    expect(await attempt('admin', demo.draftId)).toBe(200)
  })

  test('the archive: admins and archivists import files as approved reports; others are refused; a repeat is skipped', async () => {
    const upload = async () => ({ fileName: 'baisha-2022.docx', bytes: await docxWithBoldNumberedLines() })
    for (const role of ['writer', 'head', 'otherWriter']) expect((await failure(importIntoArchive(as(role), await upload()))).status, role).toBe(403)
    expect((await failure(importIntoArchive(as(null), await upload()))).status).toBe(401)
    const created = await importIntoArchive(as('archivist'), await upload(), { departmentName: '白沙镇人民政府' })
    expect(created.message).toBe('6 节 / sections')
    expect(created.status).toBe('created')
    expect(created.preview?.sections).toHaveLength(6)
    const report = await demo.context.sudo().query.Report.findOne({ where: { id: created.reportId! }, query: 'status year department { code name }' })
    expect(report).toEqual({ status: 'approved', year: 2022, department: { code: 'baisha', name: '白沙镇人民政府' } })
    expect((await importIntoArchive(as('admin'), await upload())).status).toBe('skipped')
    const unnamed = await importIntoArchive(as('admin'), { fileName: 'summary.docx', bytes: (await upload()).bytes })
    expect(unnamed.status).toBe('failed')
    expect(unnamed.message).toMatch(/^文件名应为“部门代码-年份/)
    expect((await failure(importIntoArchive(as('admin'), { fileName: 'noise-2020.txt', bytes: Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]) }))).status).toBe(422)
  })
})
