// 体检 / report checks: mistakes a writer makes when a summary starts from last year's. Pure:
// a report and (optionally) the department's latest earlier approved report in, findings out.
// Alignment of sections and pairing of figures come from the comparison engine.
//
// STALE_YEAR rules, read off real summaries (work/shared/corpus, seeds/demo):
// - A summary names its own year plainly ("2024年，全省组织系统…"), and the coming year in its
//   plans ("2025年，市委组织部将坚持…"); neither is stale. Older years in history ("2019年以来")
//   are not either. What goes stale when last year's text is copied is *last year's* number
//   used as if it were the current year: "2024年全年完成…", "截至2024年底", "2024年共培训…".
// - Last year's number is fine where it is a starting point or a comparison:
//   "2024年以来 / 2024年起 / 自2024年 / 从2024年开始" (since), "比2024年 / 较2024年 /
//   与2024年相比 / 2024年同期" (against), and ranges "2024—2025年", "2024年至2025年".
//   Relative words (今年, 本年度, 去年) carry no number and are never flagged.
// - Written as Arabic (full- or half-width) or Chinese digits (二〇二四年). In the title it is an
//   error (the title names the year of the report), in the body a warning.
import { compareReports, type ReportDiff } from '../compare'
import { sectionKeyFor } from '../text'
import { NUMBERING_DEPTH, markerFor, numberingOf, type NumberingKind } from '../text/numbering'

export type CheckCode = 'STALE_YEAR' | 'UNCHANGED_FIGURE' | 'MISSING_SECTION' | 'EMPTY_SECTION' | 'NUMBERING_GAP' | 'DUPLICATE_HEADING' | 'COPIED_FROM_LAST_YEAR'
export type CheckSeverity = 'error' | 'warning' | 'info'
export const CHECK_CODES: readonly CheckCode[] = ['STALE_YEAR', 'UNCHANGED_FIGURE', 'MISSING_SECTION', 'EMPTY_SECTION', 'NUMBERING_GAP', 'DUPLICATE_HEADING', 'COPIED_FROM_LAST_YEAR']

export type ReportCheck = {
  code: CheckCode
  severity: CheckSeverity
  /** the section of the checked report it concerns; null for the title or last year's sections */
  sectionId: string | null
  /** Chinese first, English after */
  message: string
  /** the words it is about, as written */
  excerpt: string
}

export type CheckSection = { id: string; heading: string; text: string; key?: string | null }
export type CheckReport = { title: string; year: number; sections: CheckSection[] }

/** Why each threshold is what it is. */
export const CHECK_CONFIG = {
  /** a section whose text is more than this share of last year's wording is flagged */
  copiedShare: 0.8,
  /** sections shorter than this (normalised characters) are too short to call copied */
  copiedMinChars: 30,
  /** characters of context either side of a finding in its excerpt */
  excerptChars: 16,
} as const

export function checkReport(report: CheckReport, lastYear?: CheckReport | null): ReportCheck[] {
  const found = [
    ...staleYears(report),
    ...emptySections(report),
    ...numberingGaps(report),
    ...duplicateHeadings(report),
  ]
  if (lastYear && lastYear.sections.length) {
    const diff = compareReports(asInput(lastYear), asInput(report))
    const figures = unchangedFigures(report, lastYear, diff)
    const copied = copiedSections(report, diff, figures)
    // in a section flagged as copied, its unchanged figures are counted in that one finding
    const copiedIds = new Set(copied.map(c => c.sectionId))
    found.push(...missingSections(diff), ...copied, ...figures.filter(f => !copiedIds.has(f.sectionId)))
  }
  const order = new Map(report.sections.map((s, i) => [s.id, i]))
  // in reading order: the title first, then by section, then last year's missing sections
  return found
    .map((check, i) => ({ check, i }))
    .sort((a, b) => rank(a.check, order) - rank(b.check, order) || a.i - b.i)
    .map(x => x.check)
}

function rank(check: ReportCheck, order: Map<string, number>): number {
  if (check.sectionId === null) return check.code === 'MISSING_SECTION' ? 1e9 : -1
  return order.get(check.sectionId) ?? 1e8
}

function asInput(report: CheckReport) {
  return { title: report.title, sections: report.sections.map(s => ({ key: s.key ?? undefined, heading: s.heading, text: s.text })) }
}

function excerptAt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CHECK_CONFIG.excerptChars)
  const to = Math.min(text.length, end + CHECK_CONFIG.excerptChars)
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/gu, ' ')}${to < text.length ? '…' : ''}`
}

// ---------- STALE_YEAR ----------
const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' }
const YEAR = /(?<![0-9０-９〇零一二三四五六七八九])([0-9０-９]{4}|[〇零一二三四五六七八九]{4})(?=年)/gu
const SINCE_AFTER = /^年(?:以来|来|起|开始|至今|同期|相比|对比)/u
const SINCE_BEFORE = /(?:自|从|于|比|较|同比|与|和|对比|相比|超过|高于|低于|多于|少于)\s*$/u
const RANGE_AFTER = /^年?\s*(?:[—–\-~～至到]+)\s*(?:[0-9０-９]{4}|[〇零一二三四五六七八九]{4})/u
const RANGE_BEFORE = /(?:[0-9０-９]{4}|[〇零一二三四五六七八九]{4})年?\s*[—–\-~～至到]+\s*$/u

function yearValue(digits: string): number {
  return Number([...digits.normalize('NFKC')].map(c => CN_DIGIT[c] ?? c).join(''))
}

/** Positions where last year's number is used as if it were this year's. */
export function staleYearsIn(text: string, reportYear: number): { start: number; end: number }[] {
  const hits: { start: number; end: number }[] = []
  for (const m of text.matchAll(YEAR)) {
    if (yearValue(m[1]) !== reportYear - 1) continue
    const start = m.index
    const end = start + m[1].length
    const after = text.slice(end, end + 8)
    const before = text.slice(Math.max(0, start - 6), start)
    if (SINCE_AFTER.test(after) || SINCE_BEFORE.test(before) || RANGE_AFTER.test(after) || RANGE_BEFORE.test(before)) continue
    hits.push({ start, end: end + 1 })
  }
  return hits
}

function staleYears(report: CheckReport): ReportCheck[] {
  const last = report.year - 1
  const out: ReportCheck[] = staleYearsIn(report.title, report.year).map(hit => ({
    code: 'STALE_YEAR',
    severity: 'error',
    sectionId: null,
    message: `标题写的是${last}年，本报告是${report.year}年的 / The title names ${last}, but this is the ${report.year} report`,
    excerpt: report.title,
  }))
  for (const section of report.sections) {
    for (const where of [section.heading, section.text]) {
      for (const hit of staleYearsIn(where, report.year)) {
        out.push({
          code: 'STALE_YEAR',
          severity: 'warning',
          sectionId: section.id,
          message: `“${where.slice(hit.start, hit.end)}”可能是去年的年份，请确认是否应为${report.year}年 / “${where.slice(hit.start, hit.end)}” may be last year’s number; should it be ${report.year}?`,
          excerpt: excerptAt(where, hit.start, hit.end),
        })
      }
    }
  }
  return out
}

// ---------- EMPTY_SECTION ----------
function emptySections(report: CheckReport): ReportCheck[] {
  return report.sections.flatMap((section, i) => {
    if (/[\p{L}\p{N}]/u.test(section.text)) return []
    // a heading whose content is its sub-sections (一、 followed by （一）) is not empty
    const own = numberingOf(section.heading)
    const next = report.sections[i + 1] && numberingOf(report.sections[i + 1].heading)
    if (own && next && NUMBERING_DEPTH[next.kind] > NUMBERING_DEPTH[own.kind]) return []
    return [{ code: 'EMPTY_SECTION', severity: 'warning', sectionId: section.id, message: `“${section.heading}”还没有正文 / This section has no text yet`, excerpt: section.heading } satisfies ReportCheck]
  })
}

// ---------- NUMBERING_GAP ----------
/**
 * Headings and numbered paragraphs in reading order, each numbering style counted under its
 * nearest outer item: 一、二、四 is a gap, and so is （一）（三） under one 一、.
 */
function numberingGaps(report: CheckReport): ReportCheck[] {
  const out: ReportCheck[] = []
  const last = new Map<NumberingKind, { ordinal: number; marker: string }>()
  const visit = (line: string, sectionId: string, text: string, at: number) => {
    const n = numberingOf(line)
    if (!n) return
    // an outer item starts the count of every inner style again
    for (const style of [...last.keys()]) if (NUMBERING_DEPTH[style] > NUMBERING_DEPTH[n.kind]) last.delete(style)
    const previous = last.get(n.kind)
    const expected = (previous?.ordinal ?? 0) + 1
    if (n.ordinal !== expected) {
      const want = markerFor(n.kind, expected)
      const message =
        n.ordinal > expected
          ? `编号不连续：${previous ? `“${previous.marker}”之后是` : '第一项是'}“${n.marker}”，缺少“${want}” / Numbering gap: ${want} is missing before ${n.marker}`
          : `编号重复或倒序：“${previous?.marker}”之后又是“${n.marker}” / Numbering repeats or goes back: ${n.marker} after ${previous?.marker}`
      out.push({ code: 'NUMBERING_GAP', severity: 'error', sectionId, message, excerpt: excerptAt(text, at, at + line.length).slice(0, 60) })
    }
    last.set(n.kind, { ordinal: n.ordinal, marker: n.marker })
  }
  for (const section of report.sections) {
    visit(section.heading, section.id, section.heading, 0)
    let at = 0
    for (const paragraph of section.text.split('\n')) {
      visit(paragraph, section.id, section.text, at)
      at += paragraph.length + 1
    }
  }
  return out
}

// ---------- DUPLICATE_HEADING ----------
function duplicateHeadings(report: CheckReport): ReportCheck[] {
  const seen = new Map<string, CheckSection>()
  const out: ReportCheck[] = []
  for (const section of report.sections) {
    const key = sectionKeyFor(section.heading)
    if (key === 'section') continue
    const first = seen.get(key)
    if (first) {
      out.push({ code: 'DUPLICATE_HEADING', severity: 'error', sectionId: section.id, message: `标题与“${first.heading}”重复 / Same heading as “${first.heading}”`, excerpt: section.heading })
    } else seen.set(key, section)
  }
  return out
}

// ---------- against last year ----------
function missingSections(diff: ReportDiff): ReportCheck[] {
  return diff.sections
    .filter(pair => pair.kind === 'dropped')
    .map(pair => ({
      code: 'MISSING_SECTION',
      severity: 'info',
      sectionId: null,
      message: `去年的“${pair.headingBefore}”在今年的报告中没有对应章节 / Last year’s section “${pair.headingBefore}” has no counterpart`,
      excerpt: pair.headingBefore ?? '',
    }))
}

function copiedSections(report: CheckReport, diff: ReportDiff, figures: ReportCheck[]): ReportCheck[] {
  return diff.sections.flatMap(pair => {
    if (pair.after.length !== 1 || pair.before.length === 0) return []
    const { equalChars, movedChars, afterChars } = pair.diff.stats
    if (afterChars < CHECK_CONFIG.copiedMinChars) return []
    const share = (equalChars + movedChars) / afterChars
    if (share <= CHECK_CONFIG.copiedShare) return []
    const section = report.sections[pair.after[0]]
    const percent = Math.round(share * 100)
    const same = figures.filter(f => f.sectionId === section.id).length
    return [{
      code: 'COPIED_FROM_LAST_YEAR',
      severity: 'warning',
      sectionId: section.id,
      message: same
        ? `本节 ${percent}% 的文字与去年相同，其中 ${same} 个数字未变，请更新 / ${percent}% of this section is last year’s wording, ${same} figures unchanged`
        : `本节 ${percent}% 的文字与去年相同，请更新 / ${percent}% of this section is last year’s wording`,
      excerpt: excerptAt(section.text, 0, 0),
    } satisfies ReportCheck]
  })
}

function unchangedFigures(report: CheckReport, lastYear: CheckReport, diff: ReportDiff): ReportCheck[] {
  return diff.figures.flatMap(figure => {
    if (figure.status !== 'same' || !figure.after || !figure.before) return []
    // a number that opens its clause has a weak label (“…联系”): too loose to call unchanged
    if (figure.label.replace('…', '').length < 2) return []
    const section = report.sections[figure.after.section]
    const was = lastYear.sections[figure.before.section]
    const sentenceAt = section.text.indexOf(figure.after.sentence)
    const at = sentenceAt >= 0 ? section.text.indexOf(figure.after.text, sentenceAt) : -1
    return [{
      code: 'UNCHANGED_FIGURE',
      severity: 'warning',
      sectionId: section.id,
      message: `“${figure.after.text}”与去年${was ? `“${was.heading}”中` : ''}的数字相同，是否已更新？ / “${figure.after.text}” is the same as last year’s; was it updated?`,
      excerpt: at >= 0 ? excerptAt(section.text, at, at + figure.after.text.length) : figure.after.sentence,
    } satisfies ReportCheck]
  })
}
