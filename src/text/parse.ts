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
import { NUMBERING_KINDS, numberingKindOf, type HeadingLevel, type NumberingKind } from './numbering'

/** A section: its heading as written (numbering kept), its outline level, its body text. */
export type ParsedSection = { heading: string; level: HeadingLevel; text: string }
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

// Furniture by shape, whatever its words: a short line of navigation separators (breadcrumbs:
// 首页 > 政务公开 > 规划计划), several metadata key–value pairs on one line (索引号：… 发布机构：…),
// a row of share buttons, site footers.
const NAV_SEPARATORS = /\s*[>›»＞→]\s*/gu
const KEY_VALUE = /(?:^|\s)[\p{Script=Han}]{2,6}\s*[:：]\s*\S/gu
const SHARE_BAR = /^(?:分享到?\s*[:：]?\s*)?(?:(?:微信|微博|QQ空间|QQ|朋友圈|复制链接|打印|收藏|关闭|字号|大|中|小|【|】|\[|\]|\s)+)$/u
const FOOTER =
  /(?:网站地图|网站帮助|站点地图|隐私声明|免责声明|您访问的链接即将离开|即将离开本网站|无障碍|适老化|主办\s*[:：]|承办\s*[:：]|主办单位|承办单位|网站标识码|政府网站找错|您当前所在位置|当前位置\s*[:：]|扫一扫在手机)/u

function isFurnitureShape(line: string): boolean {
  const unterminated = !SENTENCE_END.test(withoutClosers(line))
  if (unterminated && line.length <= 80 && (line.match(NAV_SEPARATORS) ?? []).length >= 2) return true
  if (line.length <= 120 && (line.match(KEY_VALUE) ?? []).length >= 2 && unterminated) return true
  if (line.length <= 40 && SHARE_BAR.test(line) && /微信|微博|QQ|分享|打印/u.test(line)) return true
  // a row of bracketed page buttons: 【打印本页】 【关闭窗口】 [收藏]
  if (line.length <= 60 && /^(?:[【\[]\s*[^】\]]{1,8}\s*[】\]]\s*){2,}$/u.test(line)) return true
  return line.length <= 120 && FOOTER.test(line)
}

function isFurniture(line: string): boolean {
  if (line.length > 120) return false
  if ((line.match(/[|｜]/g) ?? []).length >= 2) return true
  return isFurnitureShape(line) || FURNITURE_LINES.some(re => re.test(line))
}

// metadata lines of a government site: 索引号：… / 发布机构：… / 文号：… one per line
const METADATA_KEY = /^(?:索引号|主题分类|发布机构|发文机关|成文日期|发文日期|发布日期|文号|发文字号|主题词|公开方式|公开范围|信息来源|生效日期|有效性|体裁分类|组配分类|服务对象|信息分类|所属机构)\s*[:：]/u

/** Runs of two or more metadata key–value lines (each short) are one furniture block. */
function dropMetadataBlocks(lines: Line[], discarded: string[]): Line[] {
  const keyValue = (l?: Line) => !!l && l.text.length <= 60 && (METADATA_KEY.test(l.text) || /^[\p{Script=Han}]{2,6}\s*[:：]\s*\S{0,40}$/u.test(l.text))
  const out: Line[] = []
  for (let i = 0; i < lines.length; i++) {
    let end = i
    while (keyValue(lines[end])) end++
    const block = end - i >= 2 || (end - i === 1 && METADATA_KEY.test(lines[i].text))
    if (block) {
      for (let k = i; k < end; k++) discarded.push(lines[k].text)
      i = end - 1
    } else out.push(lines[i])
  }
  return out
}

// ---------- line shapes ----------
const numberingOf = numberingKindOf

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
function splitNumberedLine(line: string): { heading: string; text: string } {
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

const DASHES = /^[—―－-]{1,2}/u
// the line under a speech's title: “——2018年3月7日在海拉尔区第十五届人民代表大会第二次会议上”
const SPEECH_OCCASION = /(?:会议|大会|会)上(?:的(?:讲话|报告))?[)）]?$|在.{2,40}(?:会议|大会)/u
// the speaker under it: “区长 张三”, “市人民政府市长　李四”
const SPEAKER = /^[\p{Script=Han}]{0,10}(?:长|书记|主任|主席)\s+[\p{Script=Han}·]{2,5}$/u

/** Leading short unpunctuated lines form the preamble: column label, title, subtitle. */
function takeTitle(lines: Line[], discarded: string[]): { title: string; rest: Line[] } {
  let end = 0
  while (end < lines.length && isPlainHeadingShape(lines[end].text) && !numberingOf(lines[end].text) && !DASHES.test(lines[end].text)) end++
  // a subtitle line (——…) belongs to the title, unless it names a speech's occasion
  const subtitleAt = end < lines.length && DASHES.test(lines[end].text) && lines[end].text.length <= 60 ? end : -1
  const subtitle = subtitleAt >= 0 ? lines[subtitleAt].text : ''
  const speech = SPEECH_OCCASION.test(subtitle)
  let restAt = subtitleAt >= 0 ? subtitleAt + 1 : end
  if (speech) {
    discarded.push(subtitle)
    if (restAt < lines.length && SPEAKER.test(lines[restAt].text)) discarded.push(lines[restAt++].text)
  }
  if (end === 0) return { title: '', rest: lines.slice(speech ? restAt : 0) }
  const candidates = lines.slice(0, end).map(l => l.text)
  const title = candidates.reduce((a, b) => (b.length > a.length ? b : a))
  for (const c of candidates) if (c !== title) discarded.push(c)
  return { title: speech ? title : title + (subtitle.startsWith('——') ? subtitle : subtitle ? '——' + subtitle.replace(DASHES, '') : ''), rest: lines.slice(restAt) }
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

type Block = { kind: 'heading'; text: string; level: HeadingLevel; runIn?: string } | { kind: 'body'; text: string }

/**
 * How this text marks its sections: by numbering (each kind seen at least twice gets a level,
 * in outline order, so 一、/（一）/1. become levels 1/2/3 and a text that starts at （一）
 * has （一） as level 1), by short unpunctuated lines, or by run-in lead sentences.
 */
type Outline = { mode: 'numbered'; levels: Map<NumberingKind, HeadingLevel> } | { mode: 'plain' } | { mode: 'runIn' }

const MAX_LEVEL = 3

function chooseOutline(lines: Line[]): Outline {
  const counts = new Map<NumberingKind, number>()
  for (const l of lines) {
    const kind = numberingOf(l.text)
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  const present = NUMBERING_KINDS.filter(kind => (counts.get(kind) ?? 0) >= 2).slice(0, MAX_LEVEL)
  if (present.length) return { mode: 'numbered', levels: new Map(present.map((kind, index) => [kind, (index + 1) as HeadingLevel])) }
  const plain = lines.filter(l => isPlainHeadingShape(l.text)).length
  return plain >= 2 ? { mode: 'plain' } : { mode: 'runIn' }
}

/** The level of a numbered heading line, or undefined when the line is body text. */
function numberedLevel(line: string, outline: Outline): HeadingLevel | undefined {
  if (outline.mode !== 'numbered') return undefined
  const kind = numberingOf(line)
  const level = kind && outline.levels.get(kind)
  if (!level) return undefined
  // a sub-item heads a paragraph only when its lead clause is short: “1.抓学习。…”, not a
  // numbered list of long sentences
  if (level > 1 && !headsParagraph(line)) return undefined
  return level
}

/** A heading line of its own, or a short lead clause closed by 。：! ? before the rest. */
function headsParagraph(line: string): boolean {
  const stop = line.search(/[。！？!?：:]/u)
  if (stop < 0) return line.length <= MAX_NUMBERED_HEADING && !CLAUSE_PUNCT.test(withoutClosers(line))
  return stop <= MAX_RUN_IN_HEADING
}

function blocksFor(lines: Line[], outline: Outline): Block[] {
  const blocks: Block[] = []
  lines.forEach((line, index) => {
    const text = line.text
    if (outline.mode === 'plain' && isPlainHeadingShape(text) && !numberingOf(text)) {
      const prev = blocks[blocks.length - 1]
      // a heading broken over two lines: “以政治建设” / “凝聚高质量发展共识”
      if (prev?.kind === 'heading' && !line.blankBefore && !prev.runIn) prev.text += ' ' + text
      else blocks.push({ kind: 'heading', text, level: 1 })
      return
    }
    const level = numberedLevel(text, outline)
    if (level) {
      const { heading, text: runIn } = splitNumberedLine(text)
      blocks.push({ kind: 'heading', text: heading, level, runIn })
      return
    }
    if (outline.mode === 'runIn' && index > 0) {
      const lead = firstSentence(text)
      const standalone = text.length <= MAX_RUN_IN_HEADING && isTerminated(text)
      const opensLongParagraph = lead !== undefined && lead.length <= MAX_RUN_IN_HEADING && text.length >= 150
      if (standalone || opensLongParagraph) {
        const heading = standalone ? text : (lead as string)
        blocks.push({ kind: 'heading', text: stripEndPunct(heading), level: 1, runIn: text.slice(heading.length).trim() })
        return
      }
    }
    blocks.push({ kind: 'body', text })
  })
  return blocks
}

function sectionsFrom(blocks: Block[]): ParsedSection[] {
  const sections: { heading: string; level: HeadingLevel; paragraphs: string[] }[] = []
  for (const block of blocks) {
    if (block.kind === 'heading') {
      sections.push({ heading: block.text, level: block.level, paragraphs: block.runIn ? [block.runIn] : [] })
      continue
    }
    if (sections.length === 0) sections.push({ heading: INTRO_HEADING, level: 1, paragraphs: [] })
    sections[sections.length - 1].paragraphs.push(block.text)
  }
  return sections.map(s => ({ heading: s.heading, level: s.level, text: s.paragraphs.join('\n') }))
}

/** Turn a pasted or imported plain-text summary into a title and headed sections. */
export function parseSummary(text: string): ParsedSummary {
  const discarded: string[] = []
  const { title, rest } = takeTitle(dropMetadataBlocks(readLines(text, discarded), discarded), discarded)
  const outline = chooseOutline(rest)
  const isHeadingLine = (l: Line) => (outline.mode === 'plain' ? isPlainHeadingShape(l.text) : numberedLevel(l.text, outline) !== undefined)
  const mended = mendBrokenParagraphs(rest, isHeadingLine)
  return { title, sections: sectionsFrom(blocksFor(mended, outline)), discarded }
}
