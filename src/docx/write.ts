// A report as a Word document in the official layout (see layout.ts): title, sections under
// real Word headings, tab-separated lines as tables, the department and date as signature,
// 草稿 in the header of anything not approved.
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { INTRO_HEADING } from '../text'
import { font, LINE_SPACING, officialStyles, PAGE, pageNumberFooter, SIZE, textHeader, withFontFallbacks } from './layout'

export type ExportSection = { heading: string; level?: number; text: string }
export type ExportReport = {
  title: string
  departmentName: string
  status: string
  /** the signature date: when the report was approved, else today */
  date: Date
  sections: ExportSection[]
}

export const DRAFT_MARK = '草稿（未批准）'

/** 2025年1月5日 in China's time zone (GB/T 9704 writes the date in Arabic numerals). */
export function chineseDate(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date)
  const part = (type: string) => parts.find(p => p.type === type)?.value
  return `${part('year')}年${part('month')}月${part('day')}日`
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const

function headingLevel(level: number | undefined) {
  return HEADINGS[Math.min(Math.max((level ?? 1) - 1, 0), 2)]
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' }

function table(lines: string[]): Table {
  const rows = lines.map(line => line.split('\t'))
  const columns = Math.max(...rows.map(r => r.length))
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder, insideHorizontal: cellBorder, insideVertical: cellBorder },
    rows: rows.map(
      cells =>
        new TableRow({
          children: Array.from({ length: columns }, (_, i) =>
            new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 360, before: 0, after: 0 }, children: [new TextRun({ text: cells[i] ?? '', font: font('body'), size: SIZE.hao4 })] })] })
          ),
        })
    ),
  })
}

/** Body lines as paragraphs, runs of tab-separated lines as one table. */
export function bodyBlocks(text: string, paragraph: (line: string) => Paragraph = line => new Paragraph({ style: 'BodyText', text: line })): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = []
  let rows: string[] = []
  const flush = () => {
    if (rows.length) blocks.push(table(rows))
    rows = []
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    if (line.includes('\t')) {
      rows.push(line)
      continue
    }
    flush()
    blocks.push(paragraph(line.trim()))
  }
  flush()
  return blocks
}

function sectionBlocks(section: ExportSection, index: number): (Paragraph | Table)[] {
  // text before the first heading was imported as 引言 and goes back without a heading
  const heading = index === 0 && section.heading === INTRO_HEADING ? [] : [new Paragraph({ heading: headingLevel(section.level), text: section.heading })]
  return [...heading, ...bodyBlocks(section.text)]
}

export async function reportToDocx(report: ExportReport): Promise<Buffer> {
  const draft = report.status !== 'approved'
  const document = new Document({
    creator: 'Annals 年鉴',
    title: report.title,
    description: `${report.departmentName} ${draft ? DRAFT_MARK : ''}`.trim(),
    styles: officialStyles(),
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        ...(draft ? { headers: { default: textHeader(DRAFT_MARK, 'C00000') } } : {}),
        footers: { default: pageNumberFooter() },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: report.title }),
          new Paragraph({ spacing: LINE_SPACING, children: [] }),
          ...report.sections.flatMap(sectionBlocks),
          new Paragraph({ spacing: LINE_SPACING, children: [] }),
          new Paragraph({ style: 'Signature', text: report.departmentName }),
          new Paragraph({ style: 'Signature', text: chineseDate(report.date) }),
        ],
      },
    ],
  })
  return withFontFallbacks(await Packer.toBuffer(document))
}
