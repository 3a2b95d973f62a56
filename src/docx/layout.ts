// The layout of Chinese official documents (GB/T 9704-2012) as Word settings, in one place:
// page, margins, fonts (with the fallback Word uses when a font is missing), sizes, spacing.
import JSZip from 'jszip'
import { AlignmentType, Footer, Header, LineRuleType, PageNumber, Paragraph, TextRun, type IStylesOptions } from 'docx'

const TWIPS_PER_MM = 1440 / 25.4
export const mm = (value: number) => Math.round(value * TWIPS_PER_MM)

/** A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (天头 37 mm, 订口 28 mm). */
export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(28) },
}

/** Chinese type sizes in half-points (Word's unit): 2号 22 pt, 3号 16 pt, 4号 14 pt. */
export const SIZE = { hao2: 44, hao3: 32, hao4: 28 }

/** Exact line pitch of 28.95 pt (22 lines on the page), in twips. */
export const LINE_TWIPS = 579
export const LINE_SPACING = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 }
/** Two characters of 3号 text: the first-line indent of body paragraphs. */
export const INDENT_TWO_CHARS = 640

/** Fonts named as Word names them, each with the font Word falls back to where it is not installed. */
export const FONTS = {
  title: { name: '方正小标宋简体', fallback: '宋体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  level1: { name: '黑体', fallback: 'SimHei' },
  level2: { name: '楷体_GB2312', fallback: '楷体' },
  pageNumber: { name: '宋体', fallback: 'SimSun' },
  latin: { name: 'Times New Roman', fallback: 'Times New Roman' },
} as const

type FontKey = keyof typeof FONTS
export const font = (key: FontKey) => ({ eastAsia: FONTS[key].name, ascii: FONTS[key].name, hAnsi: FONTS[key].name, hint: 'eastAsia' as const })

/** Paragraph styles: the title, Word's own Heading 1–3 (so the navigation pane lists sections), body and signature. */
export function officialStyles(): IStylesOptions {
  // Word's built-in Heading 1–3 (the navigation pane and the table of contents use them), restyled
  const heading = (level: number, key: FontKey, bold = false) => ({
    run: { font: font(key), size: SIZE.hao3, bold, color: '000000' },
    paragraph: { outlineLevel: level - 1, spacing: LINE_SPACING, indent: { firstLine: INDENT_TWO_CHARS }, keepNext: true },
  })
  return {
    default: {
      document: { run: { font: font('body'), size: SIZE.hao3 }, paragraph: { spacing: LINE_SPACING } },
      title: { run: { font: font('title'), size: SIZE.hao2, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER, spacing: LINE_SPACING } },
      heading1: heading(1, 'level1'),
      heading2: heading(2, 'level2'),
      heading3: heading(3, 'body', true),
    },
    paragraphStyles: [
      {
        id: 'BodyText',
        name: 'Body Text',
        basedOn: 'Normal',
        quickFormat: true,
        run: { font: font('body'), size: SIZE.hao3 },
        paragraph: { spacing: LINE_SPACING, indent: { firstLine: INDENT_TWO_CHARS }, alignment: AlignmentType.JUSTIFIED },
      },
      {
        // the signature block (department, date): left out again when the file is imported
        id: 'Signature',
        name: 'Signature',
        basedOn: 'Normal',
        run: { font: font('body'), size: SIZE.hao3 },
        paragraph: { spacing: LINE_SPACING, alignment: AlignmentType.RIGHT, indent: { right: INDENT_TWO_CHARS * 2 } },
      },
    ],
  }
}

/** "— 1 —" centred at the foot of every page, 4号 宋体. */
export function pageNumberFooter(): Footer {
  const run = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) => new TextRun({ children, font: font('pageNumber'), size: SIZE.hao4 })
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(['— ', PageNumber.CURRENT, ' —'])] })] })
}

/** A header line (草稿, or the compared reports' names) in 4号 仿宋. */
export function textHeader(text: string, color = '000000'): Header {
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: font('body'), size: SIZE.hao4, color, bold: color !== '000000' })] })] })
}

const FONT_TABLE_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml'
const FONT_TABLE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable'

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * Word's font table with an alternative name for every font: where 方正小标宋简体 or
 * 仿宋_GB2312 is not installed, Word and WPS use 宋体 or 仿宋 instead of a Latin default.
 * The generator writes no font table without embedded fonts, so it is added to the package.
 */
export async function withFontFallbacks(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx)
  const fonts = Object.values(FONTS)
    .map(f => `<w:font w:name="${xmlEscape(f.name)}">${f.fallback !== f.name ? `<w:altName w:val="${xmlEscape(f.fallback)}"/>` : ''}<w:charset w:val="${f.name === 'Times New Roman' ? '00' : '86'}"/><w:family w:val="${f.name === 'Times New Roman' ? 'roman' : 'modern'}"/><w:pitch w:val="variable"/></w:font>`)
    .join('')
  zip.file(
    'word/fontTable.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  )
  const types = await zip.file('[Content_Types].xml')!.async('string')
  if (!types.includes('/word/fontTable.xml')) {
    zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/word/fontTable.xml" ContentType="${FONT_TABLE_TYPE}"/></Types>`))
  }
  const relsPath = 'word/_rels/document.xml.rels'
  const rels = await zip.file(relsPath)!.async('string')
  if (!rels.includes('fontTable.xml')) {
    zip.file(relsPath, rels.replace('</Relationships>', `<Relationship Id="rIdAnnalsFonts" Type="${FONT_TABLE_REL}" Target="fontTable.xml"/></Relationships>`))
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
