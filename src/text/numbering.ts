// Heading numbering, in one place: the parser, section keys, section alignment and the
// comparison's "ignore numbering" switch all read numbering through these functions.
//
//   第一部分 / 第二章     chapter      level 1
//   一、 / 二. / 十,      cn           level 1   (a comma after the numeral: converters turn 、 into ,)
//   （一） / (二)         parenCn      level 2
//   1. / 2、              arabic       level 3   never before a digit: “1.5亿元” is a figure
//   （1） / (2)           parenArabic  level 3
//   ① … ⑳               circled      level 3
// Levels are the usual outline of Chinese official writing; a document that starts lower
// (only （一） and 1.) is re-levelled by the parser relative to what it contains.

export type NumberingKind = 'chapter' | 'cn' | 'parenCn' | 'arabic' | 'parenArabic' | 'circled'
export type HeadingLevel = 1 | 2 | 3

const CN = '[一二三四五六七八九十]{1,3}'
const DIGITS = '[1-9１-９][0-9０-９]?'
const NOT_DIGIT = '(?![0-9０-９])'

/** Each kind's pattern source (anchored by the callers), in outline order. */
const KINDS: readonly [NumberingKind, string][] = [
  ['chapter', `第[一二三四五六七八九十百]+(?:部分|章|节|篇)[、，,：:．.]?`],
  ['cn', `${CN}(?:[、，,]|[．.]${NOT_DIGIT})`],
  ['parenCn', `[（(]${CN}[)）]`],
  ['arabic', `${DIGITS}(?:、|[．.]${NOT_DIGIT})`],
  ['parenArabic', `[（(]${DIGITS}[)）]`],
  ['circled', '[①-⑳]'],
]

/** Outline order of the kinds: the parser assigns levels in this order. */
export const NUMBERING_KINDS: readonly NumberingKind[] = KINDS.map(([kind]) => kind)

export const DEFAULT_LEVEL: Record<NumberingKind, HeadingLevel> = {
  chapter: 1,
  cn: 1,
  parenCn: 2,
  arabic: 3,
  parenArabic: 3,
  circled: 3,
}

const AT_START = KINDS.map(([kind, source]) => [kind, new RegExp(`^(?:${source})[ \\t\\u3000]*`, 'u')] as const)
const ANY_SOURCE = KINDS.map(([, source]) => source).join('|')
const ANY_AT_START = new RegExp(`^(?:${ANY_SOURCE})[ \\t\\u3000]*`, 'u')

/** The numbering that opens `text` (after leading white space is trimmed by the caller). */
export function numberingAt(text: string): { kind: NumberingKind; length: number } | undefined {
  for (const [kind, re] of AT_START) {
    const match = re.exec(text)
    if (match) return { kind, length: match[0].length }
  }
  return undefined
}

export function numberingKindOf(text: string): NumberingKind | undefined {
  return numberingAt(text)?.kind
}

/** A heading without its numbering: “（二）干部队伍” → “干部队伍”; “1.5亿元资金” stays whole. */
export function stripNumbering(heading: string): string {
  return heading.trim().replace(ANY_AT_START, '')
}

// numbering at the start of the text, of a line, or of a sentence
const AT_LINE_OR_SENTENCE = new RegExp(`(?<=^|[\\n。！？；!?;][ \\t\\u3000\\u00a0]*)(?:${ANY_SOURCE})`, 'gu')

/** Ranges [start, end) of list numbering at line or sentence starts (ignored when asked). */
export function numberingSpans(text: string): [number, number][] {
  return [...text.matchAll(AT_LINE_OR_SENTENCE)].map(m => [m.index, m.index + m[0].length])
}

// ---------- reading the number itself (for numbering-gap checks) ----------

export type Numbering = { kind: NumberingKind; ordinal: number; marker: string }

/** Outer to inner: how deep each kind sits in the usual nesting (第一部分 outermost). */
export const NUMBERING_DEPTH: Record<NumberingKind, number> = Object.fromEntries(NUMBERING_KINDS.map((kind, i) => [kind, i])) as Record<NumberingKind, number>

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const CIRCLED_ONE = 0x2460

/** 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百 → 100. */
export function chineseOrdinal(text: string): number {
  if (text.includes('百')) {
    const [hundreds, rest] = text.split('百')
    return (hundreds ? CN_DIGITS[hundreds] ?? 1 : 1) * 100 + (rest ? chineseOrdinal(rest.replace(/^零/u, '')) : 0)
  }
  const ten = text.indexOf('十')
  if (ten < 0) return CN_DIGITS[text] ?? 0
  const tens = ten === 0 ? 1 : CN_DIGITS[text.slice(0, ten)] ?? 0
  return tens * 10 + (CN_DIGITS[text.slice(ten + 1)] ?? 0)
}

/** The numbering a heading or paragraph opens with, with its number: “（十二）…” → parenCn 12. */
export function numberingOf(line: string): Numbering | undefined {
  const text = line.trimStart()
  const at = numberingAt(text)
  if (!at) return undefined
  const marker = text.slice(0, at.length).trimEnd()
  const folded = marker.normalize('NFKC')
  const ordinal =
    at.kind === 'circled'
      ? marker.codePointAt(0)! - CIRCLED_ONE + 1
      : at.kind === 'arabic' || at.kind === 'parenArabic'
        ? Number(/\d+/.exec(folded)?.[0] ?? 0)
        : chineseOrdinal(/[一二三四五六七八九十百]+/u.exec(marker)?.[0] ?? '')
  return { kind: at.kind, ordinal, marker }
}

function chineseNumeral(n: number): string {
  const names = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九']
  if (n < 10) return names[n] || '零'
  if (n < 20) return `十${names[n % 10]}`
  if (n < 100) return `${names[Math.floor(n / 10)]}十${names[n % 10]}`
  return String(n)
}

/** The marker of number `n` in a kind: 三、 / （三） / 3. / ③ */
export function markerFor(kind: NumberingKind, n: number): string {
  const cn = chineseNumeral(n)
  const markers: Record<NumberingKind, string> = {
    chapter: `第${cn}部分`,
    cn: `${cn}、`,
    parenCn: `（${cn}）`,
    arabic: `${n}.`,
    parenArabic: `（${n}）`,
    circled: n >= 1 && n <= 20 ? String.fromCodePoint(CIRCLED_ONE + n - 1) : `${n}.`,
  }
  return markers[kind]
}
