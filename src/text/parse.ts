// Plain text (pasted from a web page, Word or an archive .txt) → title + headed sections.
//
// Real summaries mark their sections in several ways, all seen in the wild:
//   numbered      一、… / 第一部分 … / （一）… / 1. … / (1) …   (possibly with run-in text)
//   plain lines   short lines without closing punctuation (“聚焦… 全面…”, “凝心铸魂 厚植信仰之基”),
//                 sometimes broken over two lines (“以政治建设” / “凝聚高质量发展共识”)
//   run-in        no heading lines at all: each part opens with one short sentence
//                 (“錨定“兩個先行”奮斗目標,以組織執行力增強發展續航力。省黨代會…”)
// and come wrapped in page furniture (mastheads, bylines, page-continuation markers, footers).

import { cleanPastedText } from './clean'

export type ParsedSection = { heading: string; text: string }
export type ParsedSummary = {
  title: string
  sections: ParsedSection[]
  /** Lines recognised as web-page or print furniture and left out, so a user can check them. */
  discarded: string[]
}

/** Heading given to text that stands before the first heading. */
export const INTRO_HEADING = '引言'

const MAX_PLAIN_HEADING = 32
const MAX_RUN_IN_HEADING = 40
const MAX_NUMBERED_HEADING = 60

// Closing punctuation that ends a sentence or a paragraph.
const SENTENCE_END = /[。！？!?；;…]$/u
const TRAILING_CLOSERS = /[”’」』》〉)）\]】"'\s]+$/u
const CLAUSE_PUNCT = /[，,、：:]$/u

// ---------- page furniture ----------
const INLINE_FURNITURE: RegExp[] = [
  // print-edition continuation markers: (下转第六版) （上接第一版）
  /[（(]\s*(?:下转|上接|转|接)第?[一二三四五六七八九十\d]{1,3}[版面页][)）]/gu,
  // author or editor notes appended in square brackets: 【作者系…】【责任编辑：…】
  /【\s*(?:作者|编者|责任编辑|编辑|来源|本文)[^】]{0,120}】/gu,
]

const FURNITURE_LINES: RegExp[] = [
  /^(?:稿源|来源|作者|责编|编辑|责任编辑|记者|通讯员|摄影|图片|审核|校对|原标题|本文来源|文字|发布时间|发布日期|更新时间|浏览次数|阅读次数|点击数)\s*[:：]/u,
  /^文\s*[/／|]/u,
  /^■/u,
  /^第?[\d０-９]{1,5}版\s*[:：]/u,
  /^(?:文章导航|评分|打印|关闭|收藏|分享|返回|返回顶部|打印本页|关闭窗口|上一篇|下一篇|相关阅读|相关新闻|扫一扫|点击查看|字号[:：].*)$/u,
  /(?:数字报纸|电子版|版权所有|版权声明|ICP备|公网安备|备案号|技术支持|主办单位|联系我们|广告服务|分享到)/u,
  // date (and time) stamp lines, alone or followed by source/author furniture
  /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s.*)?$/u,
  // e-paper index lines: “浙江日报 要闻 00006 <title> 2025-02-25 … 星期二”
  /^[^。！？!?]*(?:\d{4}-\d{2}-\d{2}|星期[一二三四五六日天])[^。！？!?]*$/u,
]

function isFurniture(line: string): boolean {
  if (line.length > 120) return false
  if ((line.match(/[|｜]/g) ?? []).length >= 2) return true
  return FURNITURE_LINES.some(re => re.test(line))
}

// ---------- line shapes ----------
export type NumberingKind = 'chapter' | 'cn' | 'parenCn' | 'arabic' | 'parenArabic'
const NUMBERING: [NumberingKind, RegExp][] = [
  ['chapter', /^第[一二三四五六七八九十百]+(?:部分|章|节|篇)[、，,：:．.\s]?/u],
  ['cn', /^[一二三四五六七八九十]{1,3}[、．.]/u],
  ['parenCn', /^[（(][一二三四五六七八九十]{1,3}[)）]/u],
  ['arabic', /^(?:[1-9]\d?)[、．.](?!\d)/u],
  ['parenArabic', /^[（(][1-9]\d?[)）]/u],
]

export function numberingOf(line: string): NumberingKind | undefined {
  return NUMBERING.find(([, re]) => re.test(line))?.[0]
}

function withoutClosers(line: string): string {
  return line.replace(TRAILING_CLOSERS, '')
}

function isTerminated(line: string): boolean {
  return SENTENCE_END.test(withoutClosers(line))
}

/** A short line that does not end a sentence: a heading, a title, a column label. */
function isPlainHeadingShape(line: string): boolean {
  if (line.length > MAX_PLAIN_HEADING || line.startsWith('——')) return false
  const bare = withoutClosers(line)
  return bare.length > 0 && !SENTENCE_END.test(bare) && !CLAUSE_PUNCT.test(bare)
}

function firstSentence(text: string): string | undefined {
  const match = /^[^。！？!?]*[。！？!?][”’」』]?/u.exec(text)
  return match?.[0]
}

function stripEndPunct(heading: string): string {
  return heading.replace(/[。！？!?；;，,：:]+$/u, '').trim()
}

/** Split a numbered line with run-in text into heading and body. */
function splitNumberedLine(line: string): ParsedSection {
  if (line.length <= MAX_NUMBERED_HEADING && !/[。！？!?：:]./u.test(line)) {
    return { heading: stripEndPunct(line), text: '' }
  }
  const head = line.slice(0, MAX_NUMBERED_HEADING)
  const stop = head.search(/[。！？!?：:]/u)
  const comma = head.search(/[，,]/u)
  const cut = stop >= 0 ? stop + 1 : comma >= 0 ? comma + 1 : MAX_NUMBERED_HEADING
  return { heading: stripEndPunct(line.slice(0, cut)), text: line.slice(cut).trim() }
}

// ---------- pipeline ----------
type Line = { text: string; blankBefore: boolean }

function tidyLine(raw: string): string {
  return raw.replace(/[\u00A0\u3000\t\f\v]+/gu, ' ').replace(/ {2,}/g, ' ').trim()
}

function readLines(text: string, discarded: string[]): Line[] {
  const lines: Line[] = []
  let blank = true
  for (const raw of cleanPastedText(text).split('\n')) {
    let line = tidyLine(raw)
    for (const re of INLINE_FURNITURE) {
      line = line.replace(re, match => {
        discarded.push(match)
        return ''
      })
    }
    line = line.trim()
    if (!line) {
      blank = true
      continue
    }
    if (isFurniture(line)) {
      discarded.push(line)
      continue
    }
    lines.push({ text: line, blankBefore: blank })
    blank = false
  }
  return lines
}

/** Leading short unpunctuated lines form the preamble: column label, title, subtitle. */
function takeTitle(lines: Line[], discarded: string[]): { title: string; rest: Line[] } {
  let end = 0
  while (end < lines.length && isPlainHeadingShape(lines[end].text) && !numberingOf(lines[end].text)) end++
  // a subtitle line (——…) belongs to the title
  const subtitleAt = end < lines.length && /^——/u.test(lines[end].text) && lines[end].text.length <= 60 ? end : -1
  if (end === 0) return { title: '', rest: lines }
  const candidates = lines.slice(0, end).map(l => l.text)
  const title = candidates.reduce((a, b) => (b.length > a.length ? b : a))
  for (const c of candidates) if (c !== title) discarded.push(c)
  const subtitle = subtitleAt >= 0 ? lines[subtitleAt].text : ''
  return { title: title + subtitle, rest: lines.slice(subtitleAt >= 0 ? subtitleAt + 1 : end) }
}

/**
 * Print layouts break paragraphs across columns and drop photo captions in between.
 * An unterminated long line continues in the next body line; when two short complete
 * sentences follow it, the first is taken as an inserted caption and moved after the
 * mended paragraph (kept, not dropped).
 */
function mendBrokenParagraphs(lines: Line[], isHeading: (l: Line) => boolean): Line[] {
  const out: Line[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const next = lines[i + 1]
    const broken = !isHeading(line) && line.text.length > MAX_RUN_IN_HEADING && !isTerminated(line.text)
    if (!broken || !next || isHeading(next)) {
      out.push(line)
      continue
    }
    const after = lines[i + 2]
    const shortComplete = (l?: Line) => !!l && l.text.length <= 80 && isTerminated(l.text) && !isHeading(l)
    if (shortComplete(next) && shortComplete(after)) {
      out.push({ text: line.text + after.text, blankBefore: line.blankBefore }, { text: next.text, blankBefore: true })
      i += 2
    } else {
      lines[i + 1] = { text: line.text + next.text, blankBefore: line.blankBefore }
    }
  }
  return out
}

type Block = { kind: 'heading'; text: string; runIn?: string } | { kind: 'body'; text: string }

function chooseSectionLevel(lines: Line[]): NumberingKind | 'plain' | 'runIn' {
  const counts = new Map<NumberingKind, number>()
  for (const l of lines) {
    const kind = numberingOf(l.text)
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  for (const [kind] of NUMBERING) if ((counts.get(kind) ?? 0) >= 2) return kind
  const plain = lines.filter(l => isPlainHeadingShape(l.text)).length
  return plain >= 2 ? 'plain' : 'runIn'
}

function blocksFor(lines: Line[], level: NumberingKind | 'plain' | 'runIn'): Block[] {
  const blocks: Block[] = []
  lines.forEach((line, index) => {
    const text = line.text
    if (level === 'plain' && isPlainHeadingShape(text) && !numberingOf(text)) {
      const prev = blocks[blocks.length - 1]
      // a heading broken over two lines: “以政治建设” / “凝聚高质量发展共识”
      if (prev?.kind === 'heading' && !line.blankBefore && !prev.runIn) prev.text += ' ' + text
      else blocks.push({ kind: 'heading', text })
      return
    }
    if (level !== 'plain' && level !== 'runIn' && numberingOf(text) === level) {
      const { heading, text: runIn } = splitNumberedLine(text)
      blocks.push({ kind: 'heading', text: heading, runIn })
      return
    }
    if (level === 'runIn' && index > 0) {
      const lead = firstSentence(text)
      const standalone = text.length <= MAX_RUN_IN_HEADING && isTerminated(text)
      const opensLongParagraph = lead !== undefined && lead.length <= MAX_RUN_IN_HEADING && text.length >= 150
      if (standalone || opensLongParagraph) {
        const heading = standalone ? text : (lead as string)
        blocks.push({ kind: 'heading', text: stripEndPunct(heading), runIn: text.slice(heading.length).trim() })
        return
      }
    }
    blocks.push({ kind: 'body', text })
  })
  return blocks
}

function sectionsFrom(blocks: Block[]): ParsedSection[] {
  const sections: { heading: string; paragraphs: string[] }[] = []
  for (const block of blocks) {
    if (block.kind === 'heading') {
      sections.push({ heading: block.text, paragraphs: block.runIn ? [block.runIn] : [] })
      continue
    }
    if (sections.length === 0) sections.push({ heading: INTRO_HEADING, paragraphs: [] })
    sections[sections.length - 1].paragraphs.push(block.text)
  }
  return sections.map(s => ({ heading: s.heading, text: s.paragraphs.join('\n') }))
}

/** Turn a pasted or imported plain-text summary into a title and headed sections. */
export function parseSummary(text: string): ParsedSummary {
  const discarded: string[] = []
  const { title, rest } = takeTitle(readLines(text, discarded), discarded)
  const level = chooseSectionLevel(rest)
  const isHeadingLine = (l: Line) =>
    level === 'plain' ? isPlainHeadingShape(l.text) : level !== 'runIn' && numberingOf(l.text) === level
  const mended = mendBrokenParagraphs(rest, isHeadingLine)
  return { title, sections: sectionsFrom(blocksFor(mended, level)), discarded }
}
