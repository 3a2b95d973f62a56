// Heading numbering of Chinese official documents: 第一部分 / 一、 / （一） / 1. / （1）, outer to
// inner. Read as (level, ordinal) so a check can tell 一、二、四 from a new sub-list.
// (src/text/parse.ts recognises the same shapes to split text; this reads their numbers.)

export type NumberingStyle = 'chapter' | 'cn' | 'parenCn' | 'arabic' | 'parenArabic'

/** Outer to inner: the depth of each style in the usual nesting. */
export const NUMBERING_DEPTH: Record<NumberingStyle, number> = { chapter: 0, cn: 1, parenCn: 2, arabic: 3, parenArabic: 4 }

const SHAPES: [NumberingStyle, RegExp][] = [
  ['chapter', /^第([一二三四五六七八九十百]+)(?:部分|章|节|篇)/u],
  ['cn', /^([一二三四五六七八九十]{1,3})[、．.]/u],
  ['parenCn', /^[（(]([一二三四五六七八九十]{1,3})[)）]/u],
  ['arabic', /^([1-9]\d?)[、．.](?!\d)/u],
  ['parenArabic', /^[（(]([1-9]\d?)[)）]/u],
]

export type Numbering = { style: NumberingStyle; ordinal: number; marker: string }

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百 → 100. */
export function chineseOrdinal(text: string): number {
  if (text.includes('百')) {
    const [h, rest] = text.split('百')
    return (h ? DIGITS[h] ?? 1 : 1) * 100 + (rest ? chineseOrdinal(rest.replace(/^零/u, '')) : 0)
  }
  const ten = text.indexOf('十')
  if (ten < 0) return DIGITS[text] ?? 0
  const tens = ten === 0 ? 1 : DIGITS[text.slice(0, ten)] ?? 0
  return tens * 10 + (DIGITS[text.slice(ten + 1)] ?? 0)
}

/** The numbering a heading or paragraph starts with, if any. */
export function numberingOf(line: string): Numbering | undefined {
  const original = line.trimStart()
  const folded = original.normalize('NFKC') // full-width digits and brackets; same length here
  for (const [style, re] of SHAPES) {
    const m = re.exec(folded)
    if (!m) continue
    const ordinal = style === 'arabic' || style === 'parenArabic' ? Number(m[1]) : chineseOrdinal(m[1])
    return { style, ordinal, marker: original.slice(0, m[0].length) }
  }
  return undefined
}

/** The marker of ordinal `n` in a style: 三、 / （三） / 3. */
export function markerFor(style: NumberingStyle, n: number): string {
  const cn = toChinese(n)
  return { chapter: `第${cn}部分`, cn: `${cn}、`, parenCn: `（${cn}）`, arabic: `${n}.`, parenArabic: `（${n}）` }[style]
}

function toChinese(n: number): string {
  const names = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九']
  if (n < 10) return names[n] || '零'
  if (n < 20) return `十${names[n % 10]}`
  if (n < 100) return `${names[Math.floor(n / 10)]}十${names[n % 10]}`
  return String(n)
}
