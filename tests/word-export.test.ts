// Word export: the demo reports round-trip export → import with the same headings, levels and
// text; the layout is GB/T 9704's in the document's XML; the redline carries the comparison;
// each role gets exactly what it may read. On SQLite and PostgreSQL.
import JSZip from 'jszip'
import mammoth from 'mammoth'
import { describe, expect, test } from 'vitest'
import { readImportFile } from '../src/import'
import { ExportError, exportComparisonDocx, exportReportDocx, loadReportForExport } from '../src/keystone/document-export'
import { testProviders } from './helpers/db'
import { useSeededDemo } from './helpers/demo'

const providers = await testProviders()
const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

async function partOf(docx: Buffer, part: string): Promise<string> {
  return (await JSZip.loadAsync(docx)).file(part)!.async('string')
}

async function statusOf(work: Promise<unknown>): Promise<number> {
  return work.then(
    () => 200,
    error => {
      if (error instanceof ExportError) return error.status
      throw error
    }
  )
}

describe.each(providers)('Word export on %s', provider => {
  const demo = useSeededDemo(provider, 'word_export')
  const { as } = demo

  test('every demo report round-trips: export → import gives the same title, headings, levels and text', async () => {
    for (const id of [...Object.values(demo.seed.reportIds), demo.draftId]) {
      const report = await loadReportForExport(as('admin'), id)
      const { body } = await exportReportDocx(as('admin'), id)
      const back = await readImportFile('back.docx', body)
      expect(back.title).toBe(report.title)
      expect(back.sections.map(s => [s.heading, s.level])).toEqual(report.sections.map(s => [s.heading, s.level]))
      expect(back.sections.map(s => squash(s.text))).toEqual(report.sections.map(s => squash(s.text)))
      // the signature is page furniture on the way back in
      expect(back.discarded).toEqual(['明湖市委组织部', expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/)])
    }
  })

  test('the layout in the XML: A4, margins, fonts with fallbacks, 28.95 pt lines, Word headings, page numbers, 草稿 header', async () => {
    const approved = (await exportReportDocx(as('admin'), demo.seed.reportIds[2024])).body
    const document = await partOf(approved, 'word/document.xml')
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    // 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (1 mm = 56.69 twips)
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/)
    expect(document).toMatch(/<w:pStyle w:val="Title"\/>/)
    expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>/)
    const styles = await partOf(approved, 'word/styles.xml')
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`).exec(styles)?.[0] ?? ''
    expect(style('Title')).toMatch(/w:eastAsia="方正小标宋简体"/)
    expect(style('Title')).toMatch(/<w:sz w:val="44"\/>/) // 2号 = 22 pt
    expect(style('Heading1')).toMatch(/w:eastAsia="黑体"/)
    expect(style('Heading1')).toMatch(/<w:outlineLvl w:val="0"\/>/)
    expect(style('Heading2')).toMatch(/w:eastAsia="楷体_GB2312"/)
    expect(styles).toMatch(/<w:docDefaults>.*w:eastAsia="仿宋_GB2312".*<w:sz w:val="32"\/>/s) // 3号 = 16 pt
    expect(style('Heading1')).toMatch(/w:line="579" w:lineRule="exact"/) // 28.95 pt
    const fonts = await partOf(approved, 'word/fontTable.xml')
    expect(fonts).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/)
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/)
    expect(fonts).toMatch(/<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"\/>/)
    expect(await partOf(approved, '[Content_Types].xml')).toMatch(/fontTable\+xml/)
    const footer = await partOf(approved, 'word/footer1.xml')
    expect(footer).toMatch(/— <\/w:t>.*PAGE.*<w:t xml:space="preserve"> —/s)
    expect((await JSZip.loadAsync(approved)).file('word/header1.xml')).toBeNull()
    const draft = (await exportReportDocx(as('writer'), demo.draftId)).body
    expect(await partOf(draft, 'word/header1.xml')).toMatch(/草稿（未批准）/)

    const html = (await mammoth.convertToHtml({ buffer: approved })).value
    expect(html).toMatch(/<h1>一、[^<]+<\/h1>/)
    expect(html).toMatch(/明湖市委组织部2024年工作总结/)
  })

  test('the comparison redline: summary first, insertions underlined, deletions struck, one section after another', async () => {
    const { body, fileName } = await exportComparisonDocx(as('archivist'), demo.seed.reportIds[2024], { against: '2023' })
    expect(fileName).toMatch(/与2023年比对/)
    const document = await partOf(body, 'word/document.xml')
    expect(document).toMatch(/<w:u w:val="single" w:color="0050B3"\/>/)
    expect(document).toMatch(/<w:strike\/>/)
    const text = (await mammoth.extractRawText({ buffer: body })).value
    expect(text.indexOf('比对摘要')).toBeLessThan(text.indexOf('逐节比对'))
    expect(text).toMatch(/总体相似度/)
    const sections = await loadReportForExport(as('archivist'), demo.seed.reportIds[2024])
    let at = text.indexOf('逐节比对')
    for (const section of sections.sections.filter(s => s.heading !== '引言')) {
      const next = text.indexOf(section.heading, at)
      expect(next, section.heading).toBeGreaterThan(at)
      at = next
    }
    expect(await partOf(body, 'word/header1.xml')).toMatch(/2024年与2023年比对/)
  })

  test('each role exports what it may read, and nothing else', async () => {
    const approved = demo.seed.reportIds[2024]
    const expectations: [string, string, number][] = [
      ['writer', demo.draftId, 200],
      ['head', demo.draftId, 200],
      ['admin', demo.draftId, 200],
      ['otherWriter', demo.draftId, 404],
      ['archivist', demo.draftId, 404],
      ['anonymous', demo.draftId, 401],
      ['otherWriter', approved, 200],
      ['archivist', approved, 200],
      ['anonymous', approved, 401],
      ['writer', 'no-such-report', 404],
    ]
    for (const [role, id, status] of expectations) expect(await statusOf(exportReportDocx(as(role), id)), `${role} ${id}`).toBe(status)
    // comparisons: against a year the user cannot read is "not found", like a missing one
    expect(await statusOf(exportComparisonDocx(as('archivist'), demo.draftId, { against: '2024' }))).toBe(404)
    expect(await statusOf(exportComparisonDocx(as('otherWriter'), approved, { against: '2023' }))).toBe(200)
    expect(await statusOf(exportComparisonDocx(as('otherWriter'), approved, { against: '1999' }))).toBe(404)
    expect(await statusOf(exportComparisonDocx(as(null), approved, { against: '2023' }))).toBe(401)
  })
})
