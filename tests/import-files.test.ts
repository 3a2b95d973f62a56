// Importing real-world files: encodings, Word documents of several shapes, Markdown, and
// refusals that write nothing — through the command line on SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import iconv from 'iconv-lite'
import JSZip from 'jszip'
import { DOCX_LIMITS } from '../src/docx/read'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { decodeTextFile, ImportFileError, outlineFromMarkdown, readImportFile, readPastedText } from '../src/import'
import { importPlannedReports } from '../src/keystone/report-store'
import { runImport } from '../scripts/import'
import type { AnnalsContext } from '../src/keystone/context'
import { migratedContext, testProviders } from './helpers/db'
import { docxWithAutoNumberedHeadings, docxWithBoldNumberedLines, docxWithHeadingStyles, docxWithTable, emptyDocx } from './helpers/docx-fixtures'
import { reportToDocx } from '../src/docx/write'

const SUMMARY = '青山县档案局2019年工作总结\n\n一、档案接收\n全年接收档案12000卷。\n二、利用服务\n接待查档群众2100人次。\n'

function refusal(work: () => unknown): string {
  try {
    work()
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError)
    return (error as Error).message
  }
  throw new Error('expected a refusal')
}

describe('decoding text files', () => {
  test.each([
    ['UTF-8', Buffer.from(SUMMARY), 'UTF-8', false],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SUMMARY)]), 'UTF-8', true],
    ['UTF-16 LE with BOM', iconv.encode(SUMMARY, 'utf-16le', { addBOM: true }), 'UTF-16LE', true],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SUMMARY, 'utf-16be')]), 'UTF-16BE', true],
    ['UTF-16 LE without BOM', iconv.encode(SUMMARY, 'utf-16le'), 'UTF-16LE', false],
    ['UTF-16 BE without BOM', iconv.encode(SUMMARY, 'utf-16be'), 'UTF-16BE', false],
    ['GBK', iconv.encode(SUMMARY, 'gbk'), 'GB18030', false],
    ['GB18030', iconv.encode(SUMMARY + '㐀𠀀', 'gb18030'), 'GB18030', false],
  ])('%s is detected and decoded', (_name, bytes, encoding, bom) => {
    const decoded = decodeTextFile(bytes)
    expect(decoded.encoding).toBe(encoding)
    expect(decoded.bom).toBe(bom)
    expect(decoded.text.startsWith(SUMMARY)).toBe(true)
  })

  test('random bytes, binary files and control characters are refused with a bilingual message', () => {
    for (let i = 0; i < 5; i++) expect(refusal(() => decodeTextFile(randomBytes(64 * 1024)))).toMatch(/^无法导入：.*\/ Cannot import: .*binary or in an unknown encoding/)
    expect(refusal(() => decodeTextFile(Buffer.from('%PDF-1.7\n...')))).toMatch(/PDF 文件.*a PDF file/)
    expect(refusal(() => decodeTextFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])))).toMatch(/旧版 Word.*\.doc/)
    expect(refusal(() => decodeTextFile(Buffer.from('一、正文\u0000\u0001\u0002\u0003' + '字'.repeat(100))))).toMatch(/控制字符/)
  })
})

describe('reading documents', () => {
  test('a .docx with heading styles: title, sections and levels from the styles; the image is noted', async () => {
    const doc = await readImportFile('a.docx', await docxWithHeadingStyles())
    expect(doc.title).toBe('青山县档案局2023年工作总结')
    expect(doc.sections.map(s => [s.heading, s.level])).toEqual([
      ['引言', 1],
      ['一、档案资源建设', 1],
      ['（一）接收进馆', 2],
      ['（二）数字化', 2],
      ['二、档案利用服务', 1],
    ])
    expect(doc.sections[2].text).toBe('全年接收档案12000卷，其中照片档案3000张。')
    expect(doc.notes.join()).toMatch(/1 张图片未导入/)
  })

  test('a .docx with only bold, 黑体 and 楷体 numbered lines: headings by direct formatting, run-in leads split off', async () => {
    const doc = await readImportFile('b.docx', await docxWithBoldNumberedLines())
    expect(doc.title).toBe('白沙镇人民政府2022年工作总结')
    expect(doc.sections.map(s => [s.heading, s.level])).toEqual([
      ['引言', 1],
      ['一、经济发展稳中有进', 1],
      ['（一）农业生产', 2],
      ['（二）工业经济', 2],
      ['二、民生保障持续加强', 1],
      ['三、2023年工作打算', 1],
    ])
    expect(doc.sections[2].text).toBe('粮食播种面积稳定在3.2万亩。')
  })

  test('bold headings numbered by Word itself take their levels from the list levels', async () => {
    const doc = await readImportFile('n.docx', await docxWithAutoNumberedHeadings())
    expect(doc.sections.map(s => [s.heading, s.level, s.text])).toEqual([
      ['党建工作', 1, ''],
      ['理论学习', 2, '开展学习32次。'],
      ['基层组织', 2, '新建党组织5个。'],
      ['业务工作', 1, '完成全年任务。'],
    ])
  })

  test('a .docx table becomes tab-separated lines in place, and is noted', async () => {
    const doc = await readImportFile('c.docx', await docxWithTable())
    expect(doc.sections[0].text.split('\n')).toEqual(['各项指标完成情况如下表。', '指标\t2022年\t2023年', '接收档案（卷）\t9800\t12000', '查档人次\t1900\t2100', '各项指标均超额完成。'])
    expect(doc.notes.join()).toMatch(/1 个表格已转为制表符分隔的行/)
  })

  test('empty, corrupt and mislabelled files get a clear message', async () => {
    const message = async (name: string, bytes: Uint8Array) => readImportFile(name, bytes).then(() => 'imported', (e: Error) => e.message)
    expect(await message('e.docx', await emptyDocx())).toBe('文件中没有正文 / The file has no text')
    expect(await message('c.docx', Buffer.from('this is not a zip'))).toMatch(/^文件已损坏或不是 Word 文档（.docx）/)
    const truncated = (await docxWithTable()).subarray(0, 2000)
    expect(await message('t.docx', truncated)).toMatch(/^文件已损坏/)
    expect(await message('x.txt', Buffer.alloc(0))).toMatch(/^文件是空的/)
    expect(await message('x.pdf', Buffer.from('%PDF'))).toMatch(/^不支持的文件类型/)
    expect(await message('x.txt', await docxWithTable())).toMatch(/ZIP 压缩包/)
  })

  test('a .docx that unpacks to more than the limit (a zip bomb) is refused before it is unpacked', async () => {
    const zip = await JSZip.loadAsync(await docxWithTable())
    const xml = await zip.file('word/document.xml')!.async('string')
    const limit = DOCX_LIMITS.maxUnpackedBytes
    DOCX_LIMITS.maxUnpackedBytes = 2 * 1024 * 1024 // the real limit is 60 MB: the same check, smaller numbers
    try {
      zip.file('word/document.xml', xml.replace('</w:body>', `<!--${' '.repeat(DOCX_LIMITS.maxUnpackedBytes)}--></w:body>`))
      const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
      expect(bomb.length).toBeLessThan(DOCX_LIMITS.maxUnpackedBytes / 100)
      await expect(readImportFile('bomb.docx', bomb)).rejects.toThrow('文档解压后过大，未导入 / The document unpacks to too much data and was not imported')
    } finally {
      DOCX_LIMITS.maxUnpackedBytes = limit
    }
  })

  test('Markdown headings give the title and levels; pasted text goes through the text rules', () => {
    const md = outlineFromMarkdown('# 某局2024年工作总结\n\n## 一、工作\n\n**内容**。\n\n### （一）细项\n\n| 指标 | 数 |\n|---|---|\n| 甲 | 1 |\n\n![图](a.png)\n\n## 二、打算\n\n打算。')
    expect(md.title).toBe('某局2024年工作总结')
    expect(md.sections.map(s => [s.heading, s.level, s.text])).toEqual([
      ['一、工作', 1, '内容。'],
      ['（一）细项', 2, '指标\t数\n甲\t1'],
      ['二、打算', 1, '打算。'],
    ])
    expect(md.notes.join()).toMatch(/图片未导入/)
    const pasted = readPastedText(SUMMARY)
    expect(pasted.sections.map(s => s.heading)).toEqual(['一、档案接收', '二、利用服务'])
  })
})

test('a report with three heading levels and a table round-trips through its .docx export', async () => {
  const sections = [
    { heading: '引言', level: 1, text: '开篇一段。\n第二段。' },
    { heading: '一、总体情况', level: 1, text: '' },
    { heading: '（一）主要指标', level: 2, text: '指标如下。\n指标\t2023年\t2024年\n党员（人）\t100\t120\n均已完成。' },
    { heading: '1.党员发展', level: 3, text: '发展党员20名。' },
    { heading: '二、下一步打算', level: 1, text: '继续努力。' },
  ]
  const docx = await reportToDocx({ title: '某局2024年工作总结', departmentName: '某局', status: 'approved', date: new Date('2025-01-05T02:00:00Z'), sections })
  const back = await readImportFile('r.docx', docx)
  expect(back.title).toBe('某局2024年工作总结')
  expect(back.sections).toEqual(sections)
  expect(back.discarded).toEqual(['某局', '2025年1月5日'])
})

const providers = await testProviders()

describe.each(providers)('command-line import of mixed files on %s', provider => {
  let annals: AnnalsContext
  beforeAll(async () => {
    annals = await migratedContext(provider, 'import_files')
  })
  afterAll(() => annals?.disconnect())

  test('docx, GB18030 and UTF-16 files import with levels; unreadable files are listed and write nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'annals-import-files-'))
    writeFileSync(path.join(dir, 'baisha-2022.docx'), await docxWithBoldNumberedLines())
    writeFileSync(path.join(dir, 'qingshan-2019.txt'), iconv.encode(SUMMARY, 'gb18030'))
    writeFileSync(path.join(dir, 'qingshan-2020.txt'), iconv.encode(SUMMARY.replace('2019', '2020'), 'utf-16le', { addBOM: true }))
    writeFileSync(path.join(dir, 'broken-2021.docx'), Buffer.from('PK\u0003\u0004 damaged'))
    writeFileSync(path.join(dir, 'noise-2021.txt'), randomBytes(64 * 1024))
    const result = await runImport([dir], annals.target.url)
    expect(result.outcomes.map(o => [o.file, o.status])).toEqual([
      ['baisha-2022.docx', 'created'],
      ['qingshan-2019.txt', 'created'],
      ['qingshan-2020.txt', 'created'],
    ])
    expect(result.problems.map(p => p.file).sort()).toEqual(['broken-2021.docx', 'noise-2021.txt'])
    const sudo = annals.context.sudo()
    const baisha = await sudo.query.Report.findOne({ where: { id: result.outcomes[0].reportId! }, query: 'title status sections(orderBy: { position: asc }) { heading level }' })
    expect(baisha.title).toBe('白沙镇人民政府2022年工作总结')
    expect(baisha.sections.map((s: { heading: string; level: number }) => `${s.level}:${s.heading}`)).toEqual(['1:引言', '1:一、经济发展稳中有进', '2:（一）农业生产', '2:（二）工业经济', '1:二、民生保障持续加强', '1:三、2023年工作打算'])
    const gb = await sudo.query.Report.findOne({ where: { id: result.outcomes[1].reportId! }, query: 'title sections { heading }' })
    expect(gb.title).toBe('青山县档案局2019年工作总结')
    expect(gb.sections.map((s: { heading: string }) => s.heading)).toEqual(['一、档案接收', '二、利用服务'])
    expect(await sudo.db.Department.count({ where: { code: { in: ['broken', 'noise'] } } })).toBe(0)
    expect(await sudo.db.Report.count()).toBe(3)
  })

  test('--department-name names a new department; a failing first report leaves no department behind', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'annals-import-name-'))
    const file = path.join(dir, 'anything.docx')
    writeFileSync(file, await docxWithHeadingStyles())
    const result = await runImport([file, '--department', 'qsdaj', '--department-name', '青山县档案局', '--year', '2023'], annals.target.url)
    expect(result.outcomes[0].status).toBe('created')
    const sudo = annals.context.sudo()
    expect(await sudo.query.Department.findOne({ where: { code: 'qsdaj' }, query: 'name' })).toEqual({ name: '青山县档案局' })

    const [failed] = await importPlannedReports(annals.context, [
      { file: 'big.txt', departmentCode: 'newdept', departmentName: '新部门', year: 2021, kind: 'annual', summary: { title: '超长', discarded: [], sections: [{ heading: '一、超长', text: '字'.repeat(200_001) }] } },
    ])
    expect(failed.status).toBe('failed')
    expect(await sudo.db.Department.count({ where: { code: { equals: 'newdept' } } })).toBe(0)
  })
})
