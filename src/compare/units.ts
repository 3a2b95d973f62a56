// Units of measure, in one place: word tokens keep a number whole with its unit, figures are
// read and compared with them, and shared passages never start or end inside a number.

/** Counting and measuring units (pattern sources), longest first so 平方公里 wins over 公里 and 人次 over 人; 部 is no unit in 第3部分. */
export const MEASURE_UNITS = [
  '平方公里', '平方米', '千瓦时', '标准箱', '公里', '千米', '人次', '万元', '亿元',
  '元', '人', '名', '个', '次', '件', '家', '项', '篇', '期', '场', '所', '座', '户', '条', '份',
  '米', '吨', '亩', '岁', '倍', '部(?![分门署长委])', '批', '支', '处', '村', '辆', '套', '台', '间', '张', '册', '起', '宗',
] as const

/** Time units: a number with them is kept whole as a token but is a date or a duration, not a figure. */
export const TIME_UNITS = ['小时', '分钟', '年', '月', '日', '天'] as const

/** Magnitudes written before a unit (3.1万人, 1.5亿元) and their scale. */
export const MAGNITUDES: Record<string, number> = { 十: 10, 百: 100, 千: 1_000, 万: 10_000, 亿: 100_000_000 }

/** Ratios: written after the number; 个百分点 is the unit of a change in percent. */
export const PERCENT_UNITS = ['个百分点', '%', '％', '‰'] as const

const alternation = (units: readonly string[]) => units.join('|')

/** Source of "optional magnitude, then a unit" (the tail after the digits). */
export const UNIT_SOURCE = `(?:${alternation(PERCENT_UNITS)}|[十百千万亿]?(?:${alternation([...MEASURE_UNITS, ...TIME_UNITS])})|[万亿千])`

/** A number with its unit as one token: 10764人, 96.08%, 5000万元, 2.16万名, 12km. */
export const NUMBER_TOKEN = new RegExp(`[0-9０-９]+(?:[.,，．][0-9０-９]+)*\\s?(?:${UNIT_SOURCE}|[a-zA-Z]+)?`, 'gu')

/** A figure: a number not part of a longer number nor an ordinal (第3), with a measuring unit (never a date). */
export const FIGURE = new RegExp(
  `(?<![0-9０-９.．第])([0-9０-９]+(?:[.．][0-9０-９]+)?)\\s?(${alternation(PERCENT_UNITS)}|[十百千万亿]?(?:${alternation(MEASURE_UNITS)})|[万亿](?![0-9０-９]))`,
  'gu'
)

const NUMBER_REST = new RegExp(`[0-9]*(?:\\.[0-9]+)*(?:${UNIT_SOURCE})?`, 'uy')
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9'

/**
 * Trims a shared run of two normalised texts (identical over its length) so that it neither
 * starts inside a number or its unit (“0人次” of 3820人次) nor ends inside a number (“…大学生10”
 * of 10180人): a changed figure then shows whole on both sides.
 */
export function trimToNumbers(a: string, b: string, aStart: number, bStart: number, length: number): { aStart: number; bStart: number; length: number } {
  let cut = 0
  if (isDigit(a[aStart - 1]) || isDigit(b[bStart - 1])) {
    NUMBER_REST.lastIndex = aStart
    cut = Math.min(length, NUMBER_REST.exec(a)?.[0].length ?? 0)
  }
  let end = length
  const continues = (text: string, at: number) => isDigit(text[at]) || (text[at] === '.' && isDigit(text[at + 1]))
  if (end > cut && isDigit(a[aStart + end - 1]) && (continues(a, aStart + end) || continues(b, bStart + end))) {
    while (end > cut && (isDigit(a[aStart + end - 1]) || a[aStart + end - 1] === '.')) end--
  }
  return { aStart: aStart + cut, bStart: bStart + cut, length: end - cut }
}
