// The archive's pure parts: folding, queries, winnowing, snippets, shared passages and shares.
import { describe, expect, test } from 'vitest'
import {
  ArchiveQueryError,
  ARCHIVE_CONFIG,
  bigrams,
  coveredShare,
  fingerprints,
  ftsMatch,
  kgramHashes,
  matchText,
  parseQuery,
  searchColumn,
  sectionSearchColumn,
  headingHighlights,
  HEADING_END,
  searchTokens,
  sharedPassages,
  similarity,
  snippetFor,
  winnow,
} from '../src/archive'

describe('folding', () => {
  test('traditional and simplified, full and half width fold to one form', () => {
    expect(searchColumn('人才引進')).toBe(searchColumn('人才引进'))
    expect(searchColumn('ＡＢＣ１２３')).toBe(searchColumn('abc123'))
    expect(searchColumn('黨建')).toBe('党 建')
  })
  test('punctuation becomes one token, white space none; offsets point into the original', () => {
    const mapped = searchTokens('党建， 工作')
    expect(mapped.tokens).toEqual(['党', '建', 'ǁ', '工', '作'])
    expect(mapped.start).toEqual([0, 1, 2, 4, 5])
  })
  test('a section is searched by its heading, its end mark, then its body; the mark stands nowhere else', () => {
    expect(sectionSearchColumn('（三）人才工作', '引進人才。')).toBe(`ǁ 三 ǁ 人 才 工 作 ${HEADING_END} 引 进 人 才 ǁ`)
    expect(sectionSearchColumn('', '党建')).toBe(`${HEADING_END} 党 建`)
    // the mark typed in a text or a query is punctuation, so nothing matches it or across it
    expect(searchColumn(`党${HEADING_END}建`)).toBe('党 ǁ 建')
    expect(() => parseQuery(HEADING_END)).toThrow(ArchiveQueryError)
  })
  test('heading highlights: every term occurrence in the heading as written, adjacent ones merged', () => {
    const heading = '（三）人才工作與人才引進'
    const ranges = headingHighlights(heading, parseQuery('人才 引进').terms.map(t => t.tokens))
    expect(ranges.map(r => heading.slice(r.start, r.end))).toEqual(['人才', '人才引進'])
  })
})

describe('queries', () => {
  test('words, quoted phrases in straight and Chinese quotes', () => {
    const q = parseQuery('人才 "引进 工作" “党建”')
    expect(q.terms.map(t => t.tokens.join(''))).toEqual(['引进工作', '党建', '人才'])
    expect(ftsMatch(q)).toBe('"引 进 工 作" AND "党 建" AND "人 才"')
  })
  test('one-character words and trailing punctuation', () => {
    expect(parseQuery('党，').terms).toEqual([{ tokens: ['党'], quoted: false }])
  })
  test('empty, punctuation-only and over-long queries are refused with a bilingual message', () => {
    expect(() => parseQuery('  ')).toThrow(ArchiveQueryError)
    expect(() => parseQuery('，。')).toThrow(/请输入检索词/)
    expect(() => parseQuery('字'.repeat(101))).toThrow(/检索词过长.*Query too long/)
  })
  test('bigrams for the PostgreSQL index', () => {
    expect(bigrams(['人'])).toEqual(['人'])
    expect(bigrams(['人', '才', '引'])).toEqual(['人才', '才引'])
  })
})

describe('winnowing', () => {
  test('keeps at least one hash in every window', () => {
    const hashes = kgramHashes([...'全面从严治党向纵深发展，党风廉政建设和反腐败斗争取得新成效，干部队伍建设不断加强'])
    const picked = winnow(hashes)
    for (let s = 0; s + ARCHIVE_CONFIG.window <= hashes.length; s++) {
      expect(picked.some(p => p >= s && p < s + ARCHIVE_CONFIG.window)).toBe(true)
    }
  })
  test('a shared run of 25 characters shares a fingerprint whatever surrounds it', () => {
    const shared = '深入实施人才强市战略全年引进高层次人才一百二十名'
    const a = matchText('今年以来，我们' + shared + '，成效明显。').mapped.tokens
    const b = matchText('另一个部门写道：' + shared + '并且继续推进').mapped.tokens
    const fa = new Set(fingerprints(a))
    expect(fingerprints(b).some(h => fa.has(h))).toBe(true)
  })
})

describe('snippets', () => {
  test('highlights every term near the phrase, offsets relative to the excerpt', () => {
    const text = '一、总体情况\n今年我们大力推进人才引進工作，人才队伍不断壮大。'
    const s = snippetFor(text, [['人', '才'], ['引', '进']], ['人', '才', '引', '进'])
    const marked = s.highlights.map(h => s.text.slice(h.start, h.end))
    expect(marked).toEqual(['人才引進', '人才'])
  })
})

describe('shared passages and shares', () => {
  test('a copied passage is found in both texts with original offsets', () => {
    const source = '第一段不相干。坚持以习近平新时代中国特色社会主义思想为指导，全面加强干部队伍建設。其余不同。'
    const text = '我们的总结：堅持以习近平新时代中国特色社会主义思想为指导，全面加强干部队伍建设！完'
    const passages = sharedPassages(matchText(text), matchText(source))
    expect(passages).toHaveLength(1)
    const [p] = passages
    expect(text.slice(p.start, p.end)).toBe('堅持以习近平新时代中国特色社会主义思想为指导，全面加强干部队伍建设')
    expect(source.slice(p.sourceStart, p.sourceEnd)).toBe('坚持以习近平新时代中国特色社会主义思想为指导，全面加强干部队伍建設')
  })
  test('share counts folded characters covered', () => {
    const t = matchText('甲乙丙丁，戊己庚辛')
    expect(coveredShare(t, [{ start: 0, end: 4 }])).toEqual({ covered: 4, total: 8 })
    expect(similarity(t, [{ start: 0, end: 4, sourceStart: 0, sourceEnd: 4, tokenStart: 0, length: 4 }])).toBe(0.5)
  })
})
