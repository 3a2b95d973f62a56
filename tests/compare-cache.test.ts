// Caching never changes an answer: a comparison computed with every cache empty equals the same
// comparison served from prepared reports, cached pair analyses and cached section diffs,
// whatever was compared in between. And similarity counts reused phrases (ops.ts similarityOf).
import { describe, expect, test } from 'vitest'
import { clearCompareCaches, compareReports, compareTexts, compareWithHistory, type ReportDiff, type TextDiff } from '../src/compare'
import { packHistory, packReportDiff, unpackOps } from '../src/compare/transport'
import { DEMO_TEXTS, realisticYears, reportOf, revise } from '../scripts/bench-inputs'

const years = realisticYears(5, 13_000).map((text, i) => ({ ...reportOf(text), year: 2015 + i }))
const demo = DEMO_TEXTS.map(reportOf)
const json = (value: unknown) => JSON.parse(JSON.stringify(value))

describe('cached and uncached comparisons are equal', () => {
  test('compareReports: cold, then warm in two other orders', () => {
    const pairs: [string, (typeof years)[number] | (typeof demo)[number], (typeof years)[number] | (typeof demo)[number]][] = [
      ...years.slice(0, 4).map((y, i) => [`realistic ${i}→4`, y, years[4]] as [string, typeof y, typeof y]),
      ['realistic 4→1 (reversed)', years[4], years[1]],
      ['demo 2023→2024', demo[2], demo[3]],
    ]
    const cold = pairs.map(([, a, b]) => {
      clearCompareCaches()
      return json(compareReports(a, b))
    })
    // warm: every pair again with all caches full, in another order, twice
    for (const round of [0, 1]) {
      const order = round === 0 ? [...pairs.keys()].reverse() : [...pairs.keys()]
      for (const k of order) expect(json(compareReports(pairs[k][1], pairs[k][2])), `${pairs[k][0]} (round ${round})`).toEqual(cold[k])
    }
  }, 60_000)

  test('the same content in new objects hits the cache and gives the same answer', () => {
    clearCompareCaches()
    const first = json(compareReports(years[3], years[4]))
    const copy = (r: (typeof years)[number]) => ({ ...r, sections: r.sections.map(s => ({ ...s })) })
    expect(json(compareReports(copy(years[3]), copy(years[4])))).toEqual(first)
    // options are part of every key
    const strict = json(compareReports(years[3], years[4], { normalize: { punctuation: false } }))
    clearCompareCaches()
    expect(json(compareReports(years[3], years[4], { normalize: { punctuation: false } }))).toEqual(strict)
  })

  test('a result handed out can be changed by the caller without changing the next one', () => {
    clearCompareCaches()
    const first = compareReports(demo[1], demo[2])
    const expected = json(first)
    first.sections[0].diff.ops.length = 0
    first.sections.length = 0
    first.reused.length = 0
    first.figures.length = 0
    expect(json(compareReports(demo[1], demo[2]))).toEqual(expected)
  })

  test('compareTexts: cold and warm equal', () => {
    const before = DEMO_TEXTS.join('\n')
    const after = revise(before, 0.05, 11)
    clearCompareCaches()
    const cold = json(compareTexts(before, after))
    compareTexts(after, before)
    expect(json(compareTexts(before, after))).toEqual(cold)
  })
})

const matchedShare = (diff: TextDiff) => {
  const { beforeChars, afterChars, equalChars, movedChars, reusedChars } = diff.stats
  return { withReuse: Math.min(1, (2 * (equalChars + movedChars + reusedChars)) / (beforeChars + afterChars)), inPlace: (2 * (equalChars + movedChars)) / (beforeChars + afterChars) }
}

describe('similarity counts reused phrases', () => {
  test('compareTexts: reused phrases in other places make two texts similar, not new', () => {
    const phrases = ['坚持以人民为中心的发展思想', '打造国际化的草原音乐名城', '深入实施乡村振兴战略', '全面从严治党向纵深发展', '营商环境持续优化提升']
    const before = phrases.map((p, i) => `第${i}句话说${p}。`).join('')
    const after = [...phrases].reverse().map((p, i) => `今年我们${i}继续${p}，`).join('') + '。'
    const diff = compareTexts(before, after)
    expect(diff.stats.reusedChars).toBeGreaterThan(0)
    const { withReuse, inPlace } = matchedShare(diff)
    expect(diff.similarity).toBeCloseTo(withReuse, 10)
    expect(diff.similarity).toBeGreaterThan(inPlace)
    expect(diff.similarity).toBeGreaterThan(0.5)
  })

  test('compareReports: rows and the whole report count reused phrases', () => {
    const diff: ReportDiff = compareReports(years[3], years[4])
    const rows = diff.sections.filter(s => s.before.length && s.after.length)
    for (const row of rows) {
      expect(row.similarity).toBeCloseTo(matchedShare(row.diff).withReuse, 10)
      expect(row.diff.similarity).toBe(row.similarity)
    }
    for (const row of diff.sections.filter(s => !s.before.length || !s.after.length)) expect(row.similarity).toBe(0)
    const sum = (rows: typeof diff.sections, pick: (d: TextDiff) => number) => rows.reduce((n, s) => n + pick(s.diff), 0)
    const total = sum(diff.sections.filter(s => s.before.length), d => d.stats.beforeChars) + sum(diff.sections.filter(s => s.after.length), d => d.stats.afterChars)
    const kept = sum(diff.sections, d => d.stats.equalChars + d.stats.movedChars)
    const reused = sum(diff.sections, d => d.stats.reusedChars)
    expect(reused).toBeGreaterThan(500)
    expect(diff.similarity).toBeCloseTo((2 * (kept + reused)) / total, 10)
    // realistic years share 10–20% of their wording, mostly as reused phrases: the similarity says so
    expect(diff.similarity).toBeGreaterThan(0.08)
    expect(diff.similarity).toBeGreaterThan((2 * kept) / total + 0.02)
  })
})

describe('wire form', () => {
  test('packReportDiff then unpackOps restores every op of a real comparison', () => {
    const diff = compareReports(demo[2], demo[3])
    const packed = packReportDiff(diff)
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(diff).length)
    const { diff: restored } = unpackOps({ diff: packed })
    expect(restored?.sections.map(s => s.diff.ops)).toEqual(diff.sections.map(s => s.diff.ops))
    expect(packed.reused.every(r => !('text' in r))).toBe(true)
  })

  test('the wire form keeps what the view reads: unchanged figures by their texts, sentences by place and first year, no section stats', () => {
    const diff = compareReports(years[3], years[4])
    const packed = packReportDiff(diff)
    expect(packed.sections.every(s => !('stats' in s.diff))).toBe(true)
    expect(packed.figures.map(f => [f.label, f.status, f.delta, f.deltaText, f.before?.text, f.after?.text])).toEqual(
      diff.figures.map(f => [f.label, f.status, f.delta, f.deltaText, f.before?.text, f.after?.text])
    )
    expect(packed.figures.filter(f => f.status !== 'same')).toEqual(diff.figures.filter(f => f.status !== 'same'))
    const history = compareWithHistory(years[4], years.slice(0, 4))
    const wire = packHistory(history)
    expect(history.sentences.some(s => s.firstYear !== undefined)).toBe(true)
    expect(wire.sentences).toEqual(history.sentences.map(({ section, start, end, match, firstYear }) => ({ section, start, end, match, ...(firstYear === undefined ? {} : { firstYear }) })))
    expect(wire.years).toEqual(history.years)
  })
})
