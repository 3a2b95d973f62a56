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
