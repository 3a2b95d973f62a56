// What an imported document becomes: a title and sections with levels (1–3), plus what was
// left out so the user can check it before anything is saved. Pure: blocks or text in,
// outline out.
import { cleanPastedText, DEFAULT_LEVEL, INTRO_HEADING, numberingKindOf, parseSummary, type HeadingLevel } from '../text'
import type { DocxBlock, DocxParagraph, DocxRun } from '../docx/read'

export type SectionLevel = HeadingLevel
export type ImportedSection = { heading: string; level: SectionLevel; text: string }
export type ImportedDocument = {
  title: string
  sections: ImportedSection[]
  /** lines left out as page furniture (mastheads, bylines, signatures…) */
  discarded: string[]
  /** what else the user should know: images left out, tables turned into lines */
  notes: string[]
}

/** Heading levels by numbering: 一、 above （一） above 1. / (1). */

const MAX_HEADING = 60
const MAX_RUN_IN_LEAD = 40
const SENTENCE_INSIDE = /[。！？!?；;][^”’」』)）]/u
const TERMINATED = /[。！？!?；;…][”’」』)）]*$/u
// Fonts Chinese documents use for headings set by direct formatting (黑体 for level 1, 楷体 for level 2; 小标宋 is the title's).
const LEVEL_ONE_FONT = /黑体|SimHei|Heiti|方正.*黑|微软雅黑/i
const LEVEL_TWO_FONT = /楷体|KaiTi|Kai/i
// Paragraph styles of page furniture: never section text.
const FURNITURE_STYLE = /^(header|footer|页眉|页脚|signature|署名|落款|date|日期|caption|题注)/i
const TITLE_STYLE = /^(title|标题|subtitle|副标题)$/i

export function clampLevel(level: number): SectionLevel {
  return (level <= 1 ? 1 : level >= 3 ? 3 : Math.round(level)) as SectionLevel
}

/** Levels relative to the highest one used: a document whose top headings are （一） gets level 1 for them. */
function normalizeLevels(sections: ImportedSection[]): ImportedSection[] {
  const top = Math.min(...sections.filter(s => s.heading !== INTRO_HEADING).map(s => s.level))
  if (!Number.isFinite(top) || top === 1) return sections
  return sections.map(s => (s.heading === INTRO_HEADING ? s : { ...s, level: clampLevel(s.level - top + 1) }))
}

function headingStyleLevel(styleName: string | null): number | undefined {
  const match = styleName ? /^(?:heading|标题)\s*(\d)$/i.exec(styleName.trim()) : null
  return match ? Number(match[1]) : undefined
}

function tidy(text: string): string {
  return cleanPastedText(text)
    .split('\n')
    .map(line => line.replace(/[\u00A0\u3000 ]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
}

function visibleRuns(runs: DocxRun[]): DocxRun[] {
  return runs.filter(r => r.text.trim())
}

function allBold(runs: DocxRun[]): boolean {
  const visible = visibleRuns(runs)
  return visible.length > 0 && visible.every(r => r.bold)
}

function headingFontLevel(runs: DocxRun[]): SectionLevel | undefined {
  const visible = visibleRuns(runs)
  if (!visible.length) return undefined
  if (visible.every(r => r.font && LEVEL_ONE_FONT.test(r.font))) return 1
  if (visible.every(r => r.font && LEVEL_TWO_FONT.test(r.font))) return 2
  return undefined
}

/** A bold or 楷体 lead sentence with the paragraph's text running on after it: “（一）强化政治引领。全年…” */
function runInLead(runs: DocxRun[]): string | undefined {
  let lead = ''
  for (const run of runs) {
    const emphasised = run.bold || (run.font !== null && (LEVEL_ONE_FONT.test(run.font) || LEVEL_TWO_FONT.test(run.font)))
    if (!emphasised) break
    lead += run.text
  }
  const rest = runs.map(r => r.text).join('').slice(lead.length)
  return lead.trim() && rest.trim() && lead.trim().length <= MAX_RUN_IN_LEAD ? lead : undefined
}

type Heading = { heading: string; level: SectionLevel; runIn: string }

function stripHeadingEnd(text: string): string {
  return text.replace(/[。；;，,：:\s]+$/u, '')
}

/** Decide whether a directly formatted paragraph is a heading, and at which level. */
function formattedHeading(paragraph: DocxParagraph): Heading | undefined {
  const text = tidy(paragraph.text)
  if (!text || text.includes('\n')) return undefined
  const numbering = numberingKindOf(text)
  const fontLevel = headingFontLevel(paragraph.runs)
  // Word's automatic numbering keeps the number out of the text but says the list level
  const listLevel = paragraph.listLevel !== null ? clampLevel(paragraph.listLevel + 1) : undefined
  const levelFor = (fallback: SectionLevel) => (numbering ? DEFAULT_LEVEL[numbering] : fontLevel ?? listLevel ?? fallback)
  if (text.length <= MAX_HEADING && !SENTENCE_INSIDE.test(text)) {
    if (allBold(paragraph.runs) || fontLevel) return { heading: stripHeadingEnd(text), level: levelFor(1), runIn: '' }
    if (numbering && !TERMINATED.test(text)) return { heading: text, level: DEFAULT_LEVEL[numbering], runIn: '' }
  }
  const lead = runInLead(paragraph.runs)
  if (lead && (numbering || TERMINATED.test(lead.trim()))) {
    return { heading: stripHeadingEnd(tidy(lead)), level: levelFor(2), runIn: tidy(paragraph.text.slice(lead.length)) }
  }
  return undefined
}

function tableLines(rows: string[][]): string {
  return rows.map(cells => cells.map(c => c.replace(/\s+/g, ' ').trim()).join('\t')).join('\n')
}

type Item = { kind: 'heading'; heading: Heading } | { kind: 'text'; text: string; short: boolean }

/** The leading short unterminated lines before the first heading: the longest is the title, the rest furniture. */
function takeTitle(items: Item[], discarded: string[], styledTitle: string | undefined): { title: string; rest: Item[] } {
  if (styledTitle !== undefined) return { title: styledTitle, rest: items }
  let end = 0
  while (end < items.length && items[end].kind === 'text' && (items[end] as { short: boolean }).short) end++
  const candidates = items.slice(0, end).map(i => (i as { text: string }).text)
  if (!candidates.length) return { title: '', rest: items }
  const title = candidates.reduce((a, b) => (b.length > a.length ? b : a))
  for (const c of candidates) if (c !== title) discarded.push(c)
  return { title, rest: items.slice(end) }
}

function sectionsOf(items: Item[]): ImportedSection[] {
  const sections: { heading: string; level: SectionLevel; lines: string[] }[] = []
  for (const item of items) {
    if (item.kind === 'heading') {
      sections.push({ heading: item.heading.heading, level: item.heading.level, lines: item.heading.runIn ? [item.heading.runIn] : [] })
      continue
    }
    if (!sections.length) sections.push({ heading: INTRO_HEADING, level: 1, lines: [] })
    sections[sections.length - 1].lines.push(item.text)
  }
  return normalizeLevels(sections.map(s => ({ heading: s.heading, level: s.level, text: s.lines.join('\n') })))
}

/**
 * A Word document's outline: from its heading styles where it uses them (标题 1–3), else from
 * directly formatted headings (bold, 黑体 or 楷体 lines, numbered lines); with neither, the
 * plain-text parser decides. Tables become tab-separated lines; images are counted and noted.
 */
export function outlineFromDocx(blocks: DocxBlock[], images = 0): ImportedDocument {
  const discarded: string[] = []
  const notes: string[] = []
  const tables = blocks.filter(b => b.kind === 'table').length
  if (tables) notes.push(`${tables} 个表格已转为制表符分隔的行 / ${tables} table(s) kept as tab-separated lines`)
  if (images) notes.push(`${images} 张图片未导入 / ${images} image(s) left out`)

  const styled = blocks.some(b => b.kind === 'paragraph' && headingStyleLevel(b.styleName) !== undefined)
  let styledTitle: string | undefined
  const items: Item[] = []
  for (const block of blocks) {
    if (block.kind === 'table') {
      const text = tableLines(block.rows)
      if (text.trim()) items.push({ kind: 'text', text, short: false })
      continue
    }
    const text = tidy(block.text)
    if (!text) continue
    if (block.styleName && FURNITURE_STYLE.test(block.styleName)) {
      discarded.push(text)
      continue
    }
    if (block.styleName && TITLE_STYLE.test(block.styleName.trim()) && !items.some(i => i.kind === 'heading')) {
      styledTitle = styledTitle ? `${styledTitle}${text}` : text
      continue
    }
    const styleLevel = headingStyleLevel(block.styleName)
    const heading = styled
      ? styleLevel !== undefined
        ? { heading: text.replace(/\n/g, ' '), level: clampLevel(styleLevel), runIn: '' }
        : undefined
      : formattedHeading(block)
    if (heading) items.push({ kind: 'heading', heading })
    else items.push({ kind: 'text', text, short: text.length <= 40 && !TERMINATED.test(text) && !numberingKindOf(text) && !text.includes('\n') })
  }
  const headings = items.filter(i => i.kind === 'heading').length
  if (!styled && headings < 2) {
    // no formatting to go by: the plain-text rules decide (numbered lines, short lines, run-in sentences)
    const fromText = outlineFromText(items.map(i => (i.kind === 'heading' ? i.heading.heading + (i.heading.runIn ? '\n' + i.heading.runIn : '') : i.text)).join('\n\n'))
    return { ...fromText, discarded: [...discarded, ...fromText.discarded], notes: [...notes, ...fromText.notes] }
  }
  const { title, rest } = takeTitle(items, discarded, styledTitle)
  return { title, sections: sectionsOf(rest), discarded, notes }
}

/** Level of a section from the plain-text parser (which gives levels once it knows them). */
function parsedLevel(section: { heading: string }): SectionLevel {
  const level = (section as { level?: unknown }).level
  return typeof level === 'number' ? clampLevel(level) : 1
}

/** Pasted text or a .txt file. */
export function outlineFromText(text: string): ImportedDocument {
  const parsed = parseSummary(text)
  return { title: parsed.title, sections: parsed.sections.map(s => ({ heading: s.heading, level: parsedLevel(s), text: s.text })), discarded: parsed.discarded, notes: [] }
}

const MD_HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/
const MD_IMAGE = /!\[[^\]]*\]\([^)]*\)/g
const MD_TABLE_RULE = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/

function markdownInline(line: string): string {
  return line.replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/^\s*(?:[-*+]|>)\s+/, '')
}

/** Markdown: # headings give sections and levels (a single top # is the title); without them, the text rules. */
export function outlineFromMarkdown(markdown: string): ImportedDocument {
  const notes: string[] = []
  const imageCount = (markdown.match(MD_IMAGE) ?? []).length
  if (imageCount) notes.push(`${imageCount} 张图片未导入 / ${imageCount} image(s) left out`)
  const lines = cleanPastedText(markdown).replace(MD_IMAGE, '').split('\n')
  const headings = lines.map(l => MD_HEADING.exec(l)).filter(Boolean) as RegExpExecArray[]
  let tableRows = 0
  const plain = lines
    .filter(l => !MD_TABLE_RULE.test(l.trim()) || !l.includes('-'))
    .map(l => {
      if (/^\s*\|.*\|\s*$/.test(l)) {
        tableRows++
        return l.trim().replace(/^\||\|$/g, '').split('|').map(c => markdownInline(c.trim())).join('\t')
      }
      return l
    })
  if (tableRows) notes.push(`表格已转为制表符分隔的行 / table(s) kept as tab-separated lines`)
  if (!headings.length) {
    const fromText = outlineFromText(plain.map(l => markdownInline(l)).join('\n'))
    return { ...fromText, notes }
  }
  const depths = headings.map(h => h[1].length)
  const top = Math.min(...depths)
  const titleIsTop = depths.filter(d => d === top).length === 1 && MD_HEADING.test(plain.find(l => l.trim()) ?? '') && MD_HEADING.exec(plain.find(l => l.trim()) ?? '')![1].length === top
  const sectionTop = titleIsTop ? Math.min(...depths.filter(d => d !== top), top + 1) : top
  let title = ''
  const sections: { heading: string; level: SectionLevel; lines: string[] }[] = []
  for (const line of plain) {
    const heading = MD_HEADING.exec(line)
    if (heading && titleIsTop && heading[1].length === top && !title) {
      title = markdownInline(heading[2])
      continue
    }
    if (heading) {
      sections.push({ heading: markdownInline(heading[2]), level: clampLevel(heading[1].length - sectionTop + 1), lines: [] })
      continue
    }
    const text = markdownInline(line).trim()
    if (!text) continue
    if (!sections.length) sections.push({ heading: INTRO_HEADING, level: 1, lines: [] })
    sections[sections.length - 1].lines.push(text)
  }
  return { title, sections: sections.map(s => ({ heading: s.heading, level: s.level, text: s.lines.join('\n') })), discarded: [], notes }
}
