// The comparison engine on real summaries, demo years and random edits.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { diffArrays } from 'diff'
import { compareReports, compareTexts, compareWithHistory, foldText, resolveNormalizeOptions, sharedRuns, type DiffOp, type TextDiff } from '../src/compare'
import { alignTokens } from '../src/compare/align'
import { packOps, unpackOps } from '../src/compare/transport'
import { HashSet32 } from '../src/compare/history'
import { CHINESE_TEXT_BLOCKS, fold, foldChar, prefillFoldTable } from '../src/compare/normalize'
import { parseSummary, sectionKeyFor } from '../src/text'
import { corpusFiles, warnIfCorpusMissing } from './helpers/corpus'
import { realisticYears, reportOf } from '../scripts/bench-inputs'

const DEMO_DIR = path.resolve(__dirname, '../seeds/demo')
const demoText = (year: number) => readFileSync(path.join(DEMO_DIR, `minghu-${year}.txt`), 'utf8')
const demoReport = (year: number) => {
  const parsed = parseSummary(demoText(year))
  return { year, title: parsed.title, sections: parsed.sections.map(s => ({ ...s, key: sectionKeyFor(s.heading) })) }
}
const corpus = warnIfCorpusMissing('compare') ? corpusFiles() : []
const norm = (text: string) => foldText(text, resolveNormalizeOptions())

function rebuilt(diff: TextDiff) {
  return {
    before: diff.ops.filter(o => o.op !== 'insert').map(o => o.before).join(''),
    after: diff.ops.filter(o => o.op !== 'delete').map(o => o.after).join(''),
  }
}

function expectWellFormed(diff: TextDiff, before: string, after: string) {
  expect(rebuilt(diff)).toEqual({ before, after })
  for (const op of diff.ops) {
    if (op.op === 'equal') expect(op.before.length > 0 || op.after.length > 0).toBe(true)
    if (op.op === 'delete') expect(op.before.length).toBeGreaterThan(0)
    if (op.op === 'insert') expect(op.after.length).toBeGreaterThan(0)
  }
  expect(diff.similarity).toBeGreaterThanOrEqual(0)
  expect(diff.similarity).toBeLessThanOrEqual(1)
}

describe.runIf(corpus.length > 1)('reconstruction on every corpus pair', () => {
  const pairs = corpus.flatMap((a, i) => corpus.slice(i + 1).map(b => [a, b] as const))
  test.each(pairs.map(([a, b]) => [a.name, b.name, a.text, b.text]))('%s ↔ %s', (_a, _b, before, after) => {
    expectWellFormed(compareTexts(before, after), before, after)
    expectWellFormed(compareTexts(after, before), after, before)
  })
})

describe('compareTexts', () => {
  test('identical texts are one equal stretch with similarity 1', () => {
    const text = demoText(2023)
    const diff = compareTexts(text, text)
    expect(diff.ops).toEqual([{ op: 'equal', before: text, after: text }])
    expect(diff.similarity).toBe(1)
  })

  test('year over year: figures change as whole numbers with units, unchanged words stay equal', () => {
    const diff = compareTexts(demoText(2023), demoText(2024))
    expectWellFormed(diff, demoText(2023), demoText(2024))
    const changedPairs = diff.ops
      .map((op, i) => [op, diff.ops[i + 1]] as const)
      .filter(([a, b]) => a.op === 'delete' && b?.op === 'insert')
      .map(([a, b]) => `${a.before}→${b!.after}`)
    expect(changedPairs).toContain('10180人→10764人')
    expect(changedPairs).toContain('75次→78次')
    expect(diff.similarity).toBeGreaterThan(0.8)
  })

  test('no equal fragment shorter than three characters sits between two edits (moves are blocks of their own)', () => {
    for (const [a, b] of [[2021, 2022], [2022, 2023], [2023, 2024]]) {
      const { ops } = compareTexts(demoText(a), demoText(b))
      ops.forEach((op, i) => {
        if (op.op !== 'equal' || i === 0 || i === ops.length - 1) return
        const edit = (o: DiffOp) => o.op !== 'equal' && !o.moveId
        if (edit(ops[i - 1]) && edit(ops[i + 1])) expect(norm(op.after).length, JSON.stringify(op)).toBeGreaterThanOrEqual(3)
      })
    }
  })

  test('a paragraph moved elsewhere is reported as one move, not a delete plus an insert', () => {
    const before = demoText(2023)
    const paragraph = before.split('\n').find(line => line.startsWith('加强干部教育培训。')) as string
    const without = before.replace(paragraph + '\n', '')
    const after = without.replace('五、坚持打铁必须自身硬', paragraph + '\n五、坚持打铁必须自身硬')
    const diff = compareTexts(before, after)
    expectWellFormed(diff, before, after)
    const moved = diff.ops.filter(o => o.moveId)
    const ids = new Set(moved.map(o => o.moveId))
    expect(ids.size).toBe(1)
    expect(moved.filter(o => o.op === 'delete').map(o => o.before).join('')).toBe(paragraph + '\n')
    expect(moved.filter(o => o.op === 'insert').map(o => o.after).join('')).toBe(paragraph + '\n')
    expect(diff.stats.moves).toBe(1)
    expect(diff.stats.deletedChars + diff.stats.insertedChars).toBe(0)
  })

  test('a paragraph moved and edited is a move, with the word diff between its two places', () => {
    const before = demoText(2023)
    const paragraph = before.split('\n').find(line => line.startsWith('加强干部教育培训。')) as string
    const edited = paragraph.replace('66期', '72期').replace('3820人次', '4100人次')
    const after = before.replace(paragraph + '\n', '').replace('五、坚持打铁必须自身硬', edited + '\n五、坚持打铁必须自身硬')
    const diff = compareTexts(before, after)
    expectWellFormed(diff, before, after)
    expect(diff.moves).toHaveLength(1)
    const [move] = diff.moves!
    expect(diff.ops.filter(o => o.moveId === move.id).map(o => o.op).sort()).toEqual(['delete', 'insert'])
    const changes = move.ops.filter(o => o.op !== 'equal').map(o => o.before ?? o.after)
    expect(changes).toEqual(['66期', '72期', '3820人次', '4100人次'])
    expect(move.similarity).toBeGreaterThan(0.8)
    expect(diff.stats.insertedChars).toBe(9) // 72期 + 4100人次
  })

  test('a phrase reused inside a rewritten sentence stays visible as equal', () => {
    const before = '全市组织系统坚持以习近平新时代中国特色社会主义思想为指导，扎实推进各项工作。'
    const after = '今年以来，我们在市委领导下，始终坚持以习近平新时代中国特色社会主义思想为指导，全力以赴抓落实。'
    const diff = compareTexts(before, after)
    expectWellFormed(diff, before, after)
    const equal = diff.ops.filter(o => o.op === 'equal').map(o => o.after).join('|')
    expect(equal).toContain('坚持以习近平新时代中国特色社会主义思想为指导，')
  })

  test.runIf(corpus.length > 1)('reports of different departments still show the passages they share', () => {
    const leshan = corpus.find(c => c.name.startsWith('leshan'))!.text
    const zhoushan = corpus.find(c => c.name.startsWith('zhoushan'))!.text
    const diff = compareTexts(leshan, zhoushan)
    expectWellFormed(diff, leshan, zhoushan)
    const equal = diff.ops.filter(o => o.op === 'equal').map(o => norm(o.after))
    expect(equal).toEqual(expect.arrayContaining([expect.stringContaining('新时代党的组织路线'), expect.stringContaining('组织工作高质量发展')]))
    expect(diff.similarity).toBeLessThan(0.05)
  })

  test('Traditional with pinyin garbage equals Simplified when normalising, not otherwise', () => {
    const traditional = '錨定“兩個先行”奮斗目標，以組織執(zhí)行力增強(qiáng)發(fā)展續(xù)航力。'
    const simplified = '锚定“两个先行”奋斗目标,以组织执行力增强发展续航力。'
    const folded = compareTexts(traditional, simplified)
    expect(folded.ops).toEqual([{ op: 'equal', before: traditional, after: simplified }])
    expect(folded.similarity).toBe(1)
    const strict = compareTexts(traditional, simplified, { normalize: { traditional: false } })
    expect(strict.similarity).toBeLessThan(0.7)
    expectWellFormed(strict, traditional, simplified)
  })

  test('full-width, punctuation, white space and line endings fold; numbering folds on request', () => {
    const a = '一、加强党的建设，提高ＡＢＣ水平。\r\n　　全年培训１２００人次。'
    const b = '二、加强党的建设,提高ABC水平.\n全年培训1200人次。'
    const plain = compareTexts(a, b)
    expect(plain.ops.filter(o => o.op !== 'equal').map(o => o.before ?? o.after)).toEqual(['一', '二'])
    const ignoring = compareTexts(a, b, { normalize: { numbering: true } })
    expect(ignoring.ops.every(o => o.op === 'equal')).toBe(true)
  })

  test('the folding table filled in one pass (server start) equals folding each character on its own', () => {
    for (const traditional of [true, false]) {
      for (const punctuation of [true, false]) {
        const options = resolveNormalizeOptions({ traditional, punctuation })
        prefillFoldTable(options)
        const differing: string[] = []
        for (const [from, to] of CHINESE_TEXT_BLOCKS) {
          for (let code = from; code < to; code++) {
            const ch = String.fromCharCode(code)
            if (foldChar(ch, options) !== fold(ch, options)) differing.push(ch)
          }
        }
        expect(differing).toEqual([])
      }
    }
    // a filled table folds Traditional text as before
    expect(foldText('營商環境持續優化，（二）ＡＢＣ', resolveNormalizeOptions())).toBe('营商环境持续优化,(二)abc')
  })

  test('empty, white-space-only, emoji and CJK extension input', () => {
    expect(compareTexts('', '')).toMatchObject({ ops: [], similarity: 1 })
    expect(compareTexts('', '新增内容。').ops).toEqual([{ op: 'insert', after: '新增内容。' }])
    expect(compareTexts('删掉。', '').ops).toEqual([{ op: 'delete', before: '删掉。' }])
    const ws = compareTexts(' \n\u3000', '\t\r\n')
    expectWellFormed(ws, ' \n\u3000', '\t\r\n')
    const a = '𠀋𠀌字在扩展区😀，保持不变。表情👍🏽会变。'
    const b = '𠀋𠀌字在扩展区😀，保持不变。表情👎🏽会变。'
    const diff = compareTexts(a, b)
    expectWellFormed(diff, a, b)
    expect(diff.ops).toEqual([
      { op: 'equal', before: '𠀋𠀌字在扩展区😀，保持不变。表情', after: '𠀋𠀌字在扩展区😀，保持不变。表情' },
      { op: 'delete', before: '👍🏽' },
      { op: 'insert', after: '👎🏽' },
      { op: 'equal', before: '会变。', after: '会变。' },
    ])
    for (const op of diff.ops) for (const t of [op.before, op.after]) if (t) expect(t.isWellFormed()).toBe(true)
  })

  test('200,000 characters on each side', () => {
    const base = demoText(2021) + demoText(2022) + demoText(2023) + demoText(2024)
    const before = base.repeat(Math.ceil(200_000 / base.length)).slice(0, 200_000)
    const after = before.replace(/(\d+)人次/g, (_, n) => `${Number(n) + 1}人次`).slice(0, 200_000)
    const diff = compareTexts(before, after)
    expectWellFormed(diff, before, after)
    expect(diff.similarity).toBeGreaterThan(0.95)
  })

  test('random edits keep the invariant (property test)', () => {
    const source = demoText(2022)
    const edit = fc.record({
      start: fc.nat({ max: source.length }),
      length: fc.nat({ max: 200 }),
      insert: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('新增一句话。', '\n', '，', '12.5%', '𠀋😀', '(jìn)', '')),
    })
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), edits => {
        let after = source
        for (const e of edits) after = after.slice(0, e.start) + e.insert + after.slice(e.start + e.length)
        const diff = compareTexts(source, after)
        expectWellFormed(diff, source, after)
      }),
      { numRuns: 60 }
    )
  })
})

/** Share of the after text's normalised characters lying in an 8+ passage of before that the ops mark (equal, moved, reused). */
function reuseMarking(before: string, after: string, ops: DiffOp[], k = 8) {
  const a = norm(before)
  const b = norm(after)
  const grams = new Set<string>()
  for (let i = 0; i + k <= a.length; i++) grams.add(a.slice(i, i + k))
  const truth = new Uint8Array(b.length)
  for (let i = 0; i + k <= b.length; i++) if (grams.has(b.slice(i, i + k))) truth.fill(1, i, i + k)
  const marked = new Uint8Array(b.length)
  let at = 0
  for (const op of ops) {
    if (op.op === 'delete') continue
    const length = norm(op.after).length
    if (op.op === 'equal' || op.moveId || op.reusedFrom) marked.fill(1, at, at + length)
    at += length
  }
  let total = 0
  let found = 0
  for (let i = 0; i < b.length; i++) if (truth[i]) (total++, marked[i] && found++)
  const oneCharEquals = ops.filter(op => op.op === 'equal' && norm(op.after).length <= 1).length
  return { recall: total ? found / total : 1, total, oneCharEquals: ops.length ? oneCharEquals / ops.length : 0 }
}

function expectSourcesRight(ops: DiffOp[], source: (from: { section?: number; start: number; end: number }) => string) {
  for (const op of ops) if (op.op === 'insert' && op.reusedFrom) expect(norm(source(op.reusedFrom)), JSON.stringify(op)).toBe(norm(op.after))
}

describe('every reused passage is marked', () => {
  const phrases = [
    '坚持以人民为中心的发展思想', '打造国际化的草原音乐名城', '冰雪运动名城建设取得新进展', '深入实施乡村振兴战略', '全面从严治党向纵深发展',
    '营商环境持续优化', '基层党组织建设全面进步', '新型城镇化稳步推进', '生态环境质量明显改善', '民生福祉不断增进',
    '干部队伍素质持续提升', '人才引进力度不断加大', '文化事业繁荣发展', '社会治理效能显著增强', '重大项目建设提速增效',
  ]
  const fresh = ['今年我们', '同时', '此外还', '在此基础上', '进一步', '全年', '各级各部门', '扎实']

  test('shuffled phrases: reconstruction exact, reused phrases marked with their true source (property test)', () => {
    const sentence = fc.array(fc.oneof(fc.constantFrom(...phrases), fc.constantFrom(...fresh)), { minLength: 1, maxLength: 5 }).map(parts => parts.join('，') + '。')
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 12 }), fc.array(sentence, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), (beforeSentences, extra, order) => {
        const before = beforeSentences.join('')
        // after: the same sentences shuffled, some dropped, new ones mixed in
        const kept = beforeSentences.filter((_, i) => (order[i] ?? 0) % 3 !== 0)
        const mixed = [...kept, ...extra].map((text, i) => ({ text, rank: order[i % Math.max(1, order.length)] ?? i })).sort((x, y) => x.rank - y.rank)
        const after = mixed.map(m => m.text).join('')
        const diff = compareTexts(before, after)
        expectWellFormed(diff, before, after)
        expectSourcesRight(diff.ops, from => before.slice(from.start, from.end))
        const { recall, total } = reuseMarking(before, after, diff.ops)
        if (total >= 40) expect(recall).toBeGreaterThanOrEqual(0.95)
      }),
      { numRuns: 100 }
    )
  }, 60_000)

  test('realistic year pairs (10–20% shared wording, reordered phrases, 13–20k characters): ≥ 95% marked, ≤ 5% one-character equal ops', () => {
    const years = realisticYears(4, 16_000)
    for (let y = 1; y < years.length; y++) {
      const [before, after] = [years[y - 1], years[y]]
      const diff = compareTexts(before, after)
      expectWellFormed(diff, before, after)
      expectSourcesRight(diff.ops, from => before.slice(from.start, from.end))
      const { recall, total, oneCharEquals } = reuseMarking(before, after, diff.ops)
      const share = total / norm(after).length
      expect(share).toBeGreaterThan(0.08)
      expect(share).toBeLessThan(0.25)
      expect(recall).toBeGreaterThanOrEqual(0.95)
      expect(oneCharEquals).toBeLessThanOrEqual(0.05)
    }
  }, 60_000)

  test('report comparison: a phrase reused in another section is marked with that section and its place', () => {
    const years = realisticYears(3, 13_000)
    const before = reportOf(years[1])
    const after = reportOf(years[2])
    const diff = compareReports(before, after)
    let truth = 0
    let found = 0
    const beforeAll = before.sections.map(s => s.text).join('\n')
    for (const pair of diff.sections) {
      if (!pair.after.length) continue
      const afterText = pair.after.map(j => after.sections[j].text).join('\n')
      expectSourcesRight(pair.diff.ops, from => before.sections[from.section as number].text.slice(from.start, from.end))
      const { recall, total } = reuseMarking(beforeAll, afterText, pair.diff.ops)
      truth += total
      found += recall * total
    }
    expect(truth).toBeGreaterThan(500)
    expect(found / truth).toBeGreaterThanOrEqual(0.95)
    expect(diff.sections.some(p => p.diff.ops.some(op => op.op === 'insert' && op.reusedFrom && op.reusedFrom.section !== p.before[0]))).toBe(true)
  })

  test('minMoveChars is honoured by shared passages, moves and reuse marking', () => {
    const before = '全市坚持以人民为中心。另起一段新的文字内容。'
    const after = '另起一段新的。我们坚持以人民为中心的思想。'
    const strict = compareTexts(before, after, { minMoveChars: 20 })
    expect(strict.ops.some(op => op.reusedFrom || op.moveId)).toBe(false)
    const loose = compareTexts(before, after, { minMoveChars: 4 })
    expect(loose.ops.some(op => op.op === 'insert' && op.reusedFrom && norm(op.after) === norm('另起一段新的'))).toBe(true)
  })
})

describe('alignment core', () => {
  test('typed-array Myers finds edit scripts as short as jsdiff’s (property test)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }), (a, b) => {
        const hunks = alignTokens(Int32Array.from(a), Int32Array.from(b), a.length + b.length)!
        const ours = hunks.filter(h => !h.equal).reduce((n, h) => n + (h.aEnd - h.aStart) + (h.bEnd - h.bStart), 0)
        const theirs = diffArrays(a, b).filter(c => c.added || c.removed).reduce((n, c) => n + c.count, 0)
        expect(ours).toBe(theirs)
        // and the hunks really align a with b
        for (const h of hunks.filter(h => h.equal)) expect(a.slice(h.aStart, h.aEnd)).toEqual(b.slice(h.bStart, h.bEnd))
      }),
      { numRuns: 300 }
    )
  })

  test('shared runs: every run of 8+ characters present in both, and nothing else (vs brute force)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('甲', '乙', '丙', '丁'), maxLength: 60 }), fc.string({ unit: fc.constantFrom('甲', '乙', '丙', '丁'), maxLength: 60 }), (a, b) => {
        const runs = sharedRuns(a, b, 8)
        for (const r of runs) expect(a.slice(r.aStart, r.aStart + r.length)).toBe(b.slice(r.bStart, r.bStart + r.length))
        // every position of b covered by some shared 8-gram is covered by a reported run
        for (let i = 0; i + 8 <= b.length; i++) {
          if (!a.includes(b.slice(i, i + 8))) continue
          expect(runs.some(r => r.bStart <= i && i + 8 <= r.bStart + r.length)).toBe(true)
        }
      }),
      { numRuns: 200 }
    )
  })
})

describe('compareReports', () => {
  test('2021 → 2022: renamed heading matched, reordered section flagged, every section aligned', () => {
    const diff = compareReports(demoReport(2021), demoReport(2022))
    expect(diff.sections).toHaveLength(7)
    const cadres = diff.sections.find(s => s.headingAfter?.startsWith('二、'))!
    expect(cadres).toMatchObject({ kind: 'renamed', matchedBy: 'heading', before: [2], after: [2] })
    const talent = diff.sections.find(s => s.headingAfter?.includes('人才是第一资源'))!
    const base = diff.sections.find(s => s.headingAfter?.includes('大抓基层'))!
    expect(talent.before).toEqual([4])
    expect(base.before).toEqual([3])
    expect(talent.reordered || base.reordered).toBe(true)
    expect(diff.stats).toMatchObject({ added: 0, dropped: 0, sectionsBefore: 7, sectionsAfter: 7 })
    for (const s of diff.sections) {
      const before = s.before.map(i => demoReport(2021).sections[i].text).join('\n')
      const after = s.after.map(i => demoReport(2022).sections[i].text).join('\n')
      expect(rebuilt(s.diff)).toEqual({ before, after })
    }
  })

  test('structure changes of a review round: renumbered, reordered, relevelled, renamed sections are not 未改动', () => {
    const text = (n: number) => `第${n}节的正文内容，讲述一件具体的工作，全年完成${n}项任务。`
    const before = {
      sections: [
        { heading: '一、政治建设', level: 1, text: text(1) },
        { heading: '二、干部工作', level: 1, text: text(2) },
        { heading: '三、人才工作', level: 1, text: text(3) },
        { heading: '（一）引进人才', level: 2, text: text(4) },
        { heading: '四、基层组织', level: 1, text: text(5) },
      ],
    }
    const after = {
      sections: [
        { heading: '一、政治建设', level: 1, text: text(1) },
        { heading: '二、人才工作', level: 1, text: text(3) },
        { heading: '引进人才', level: 1, text: text(4) },
        { heading: '三、干部工作', level: 1, text: text(2) },
        { heading: '四、基层组织建设', level: 1, text: text(5) },
      ],
    }
    const kinds = compareReports(before, after).sections.map(s => [s.headingAfter, s.kind])
    expect(kinds).toEqual([
      ['一、政治建设', 'same'],
      ['二、人才工作', 'renumbered'],
      ['引进人才', 'renumbered'],
      ['三、干部工作', 'renumbered'],
      ['四、基层组织建设', 'renamed'],
    ])
    const moved = compareReports(before, { sections: [before.sections[0], before.sections[2], before.sections[1], before.sections[3], before.sections[4]] })
    expect(moved.sections.map(s => s.kind)).toEqual(['same', 'same', 'reordered', 'same', 'same'].map((k, i) => (i === 1 || i === 2 ? (moved.sections[i].reordered ? 'reordered' : 'same') : k)))
    expect(moved.sections.some(s => s.kind === 'reordered')).toBe(true)
    const relevelled = compareReports(before, { sections: before.sections.map((s, i) => (i === 3 ? { ...s, level: 1 } : s)) })
    expect(relevelled.sections[3].kind).toBe('relevelled')
  })

  test('added, dropped, split and merged sections', () => {
    const before = {
      sections: [
        { heading: '一、政治建设', text: '坚持以习近平新时代中国特色社会主义思想为指导。全年开展专题学习研讨496场次。' },
        { heading: '二、干部和人才工作', text: '全年调整市管干部171人次，选派104名年轻干部到一线锻炼。全年新引进大学生10180人，引进高层次人才163名。' },
        { heading: '三、信息化建设', text: '建成全市党员干部管理信息系统，录入党员信息10.3万条。' },
        { heading: '四、存在的问题', text: '一是学习不够深入；二是人才总量不足，结构不优。' },
      ],
    }
    const after = {
      sections: [
        { heading: '一、政治建设', text: '坚持以习近平新时代中国特色社会主义思想为指导。全年开展专题学习研讨512场次。' },
        { heading: '二、干部工作', text: '全年调整市管干部188人次，选派112名年轻干部到一线锻炼。' },
        { heading: '三、人才工作', text: '全年新引进大学生10764人，引进高层次人才171名。' },
        { heading: '四、基层减负', text: '整治形式主义为基层减负，精简考核指标到40项。' },
      ],
    }
    const diff = compareReports(before, after)
    const kinds = diff.sections.map(s => [s.kind, s.before, s.after])
    expect(kinds).toEqual([
      ['same', [0], [0]].map((x, i) => (i === 0 ? 'changed' : x)),
      ['split', [1], [1, 2]],
      ['dropped', [2], []],
      ['dropped', [3], []],
      ['added', [], [3]],
    ])

    const merged = compareReports(after, before)
    expect(merged.sections.map(s => [s.kind, s.before, s.after])).toContainEqual(['merged', [1, 2], [1]])
    expect(merged.stats).toMatchObject({ added: 2, dropped: 1 })
  })

  test('figures are paired with their context and change', () => {
    const diff = compareReports(demoReport(2023), demoReport(2024))
    const find = (label: string) => diff.figures.find(f => f.label.endsWith(label))
    expect(find('新引进大学生')).toMatchObject({ status: 'changed', delta: 584, before: { text: '10180人' }, after: { text: '10764人' } })
    expect(find('部务会议传达学习')).toMatchObject({ status: 'changed', delta: 3, unit: '次' })
    expect(find('群众满意率达到')).toMatchObject({ status: 'changed', delta: 0.3, unit: '%' })
    expect(diff.figures.some(f => f.status === 'added' && f.after?.text === '186场')).toBe(true)
    // the demo texts are full of years (2023年, 2024年): none of them is read as a figure
    expect(demoText(2024).match(/\d{4}年/g)?.length).toBeGreaterThanOrEqual(3)
    expect(diff.figures.length).toBeGreaterThan(20)
    expect(diff.figures.filter(f => /年$/.test(f.after?.text ?? f.before?.text ?? ''))).toEqual([])
  })

  test('figures read: units in one scale, percent points, one 变化 row for a changed magnitude, readable labels', () => {
    const before = { sections: [{ heading: '一、民生', text: '全年新增就业3.1万人。群众满意率达到96.08%。人才发展专项资金保持每年1.5亿元。其中35岁以下的占42%。常住人口86000人。' }] }
    const after = { sections: [{ heading: '一、民生', text: '全年新增就业3.4万人。群众满意率达到98.2%。人才发展专项资金提高到每年1.8亿元。其中35岁以下的占45%。常住人口8.9万人。' }] }
    const figures = compareReports(before, after).figures
    const row = (label: string) => figures.filter(f => f.label.includes(label))
    expect(row('新增就业')).toMatchObject([{ status: 'changed', unit: '人', delta: 0.3, deltaText: '+0.3万人' }])
    expect(row('满意率')).toMatchObject([{ status: 'changed', unit: '%', deltaText: '+2.12个百分点' }])
    expect(row('专项资金')).toMatchObject([{ status: 'changed', unit: '元', before: { text: '1.5亿元' }, after: { text: '1.8亿元' }, deltaText: '+0.3亿元' }])
    expect(row('常住人口')).toMatchObject([{ status: 'changed', unit: '人', deltaText: '+3,000人' }])
    expect(row('35岁以下的占')).toHaveLength(1)
    expect(figures.filter(f => f.status === 'added' || f.status === 'removed')).toEqual([])
  })

  test('reused passages are 8+ normalised characters and point at the same text on both sides', () => {
    const before = demoReport(2023)
    const after = demoReport(2024)
    const diff = compareReports(before, after)
    expect(diff.reused.length).toBeGreaterThan(20)
    for (const r of diff.reused) {
      expect(r.length).toBeGreaterThanOrEqual(8)
      const a = before.sections[r.before.section].text.slice(r.before.start, r.before.end)
      const b = after.sections[r.after.section].text.slice(r.after.start, r.after.end)
      expect(norm(a)).toBe(norm(b))
      expect(b).toBe(r.text)
    }
  })

  test('a passage moved to another section is a move across sections', () => {
    const before = demoReport(2023)
    const after = structuredClone(demoReport(2023))
    const moved = '严守组工纪律。'
    const source = after.sections.findIndex(s => s.text.includes(moved))
    const line = after.sections[source].text.split('\n').find(l => l.startsWith(moved))!
    after.sections[source].text = after.sections[source].text.replace(line + '\n', '')
    after.sections[1].text += '\n' + line
    const diff = compareReports(before, after)
    const ids = diff.sections.flatMap(s => s.diff.ops.filter(o => o.moveId).map(o => `${o.op}:${o.moveId}`))
    const deletes = ids.filter(i => i.startsWith('delete')).map(i => i.split(':')[1])
    const inserts = ids.filter(i => i.startsWith('insert')).map(i => i.split(':')[1])
    expect(deletes.length).toBeGreaterThan(0)
    expect(deletes.every(id => inserts.includes(id))).toBe(true)
    expect(diff.similarity).toBeGreaterThan(0.99)
  })
})

describe('compareWithHistory', () => {
  test('each sentence of 2024 is dated to the year it first appeared', () => {
    const result = compareWithHistory(demoReport(2024), [demoReport(2023), demoReport(2021), demoReport(2022)])
    const origin = (start: string) => result.sentences.find(s => s.text.startsWith(start))!
    expect(origin('严格落实“第一议题”制度。')).toMatchObject({ match: 'exact', firstYear: 2021, lastYear: 2023 })
    expect(origin('推进小区党建全覆盖。')).toMatchObject({ match: 'exact', firstYear: 2022 })
    expect(origin('加强新就业群体党建。')).toMatchObject({ firstYear: 2023 })
    expect(origin('扎实开展党纪学习教育。')).toMatchObject({ match: 'new' })
    const figures = origin('加大人才引进力度。全年新引进大学生') ?? result.sentences.find(s => s.text.includes('全年新引进大学生10764人'))!
    expect(figures.match).not.toBe('exact')
    expect(result.years.map(y => y.year)).toEqual([2021, 2022, 2023])
    expect(result.years[2].similarity).toBeGreaterThan(result.years[0].similarity)
    expect(result.newChars).toBeGreaterThan(0)
    expect(result.newChars).toBeLessThan(result.totalChars / 2)
  })

  test('a draft compared with no history is all new', () => {
    const result = compareWithHistory({ sections: [{ heading: '一', text: '全新的一句话。' }] }, [])
    expect(result.sentences).toMatchObject([{ match: 'new', text: '全新的一句话。' }])
    expect(result.years).toEqual([])
  })
})

// keep DiffOp in the public surface used by the view
export type { DiffOp }

describe('section alignment by content', () => {
  test('a section whose heading changed beyond recognition but whose text grew is matched', () => {
    const before = { sections: [{ heading: '一、概况', text: '去年正常的一句话，全年培训干部3200人次。' }] }
    const after = { sections: [{ heading: '一、总体情况与主要做法（调整）', text: '去年正常的一句话，全年培训干部3560人次。今年新增的一段很长的文字，说明新的做法和成效。' }] }
    const diff = compareReports(before, after)
    expect(diff.sections.map(s => [s.kind, s.matchedBy, s.before, s.after])).toEqual([['renamed', 'content', [0], [0]]])
  })
})

describe('wire format', () => {
  test('unpackOps(packOps(x)) equals x (property test)', () => {
    const op = fc.oneof(
      fc.string({ minLength: 1, maxLength: 6 }).chain(t => fc.constantFrom<DiffOp>({ op: 'equal', before: t, after: t }, { op: 'equal', before: t, after: t + '，' })),
      fc.record({ op: fc.constant('delete' as const), before: fc.string({ minLength: 1, maxLength: 6 }) }),
      fc.record({ op: fc.constant('insert' as const), after: fc.string({ minLength: 1, maxLength: 6 }) }, { requiredKeys: ['op', 'after'] }),
      fc.record({ op: fc.constant('insert' as const), after: fc.string({ minLength: 1, maxLength: 6 }), reusedFrom: fc.record({ section: fc.nat(9), start: fc.nat(99), end: fc.nat(99) }) })
    )
    const diff = fc.record({ ops: fc.array(op, { maxLength: 8 }), moves: fc.option(fc.array(fc.record({ id: fc.string(), similarity: fc.double({ min: 0, max: 1, noNaN: true }), ops: fc.array(op, { maxLength: 4 }) }), { maxLength: 2 }), { nil: undefined }) })
    fc.assert(
      fc.property(fc.array(diff, { maxLength: 4 }), fc.boolean(), (diffs, empty) => {
        const result = { id: 'r', diff: empty ? null : { sections: diffs.map(d => ({ kind: 'changed', diff: d })) } }
        expect(unpackOps(packOps(result))).toEqual(result)
      }),
      { numRuns: 200 }
    )
  })
})

describe('HashSet32 (history fingerprints)', () => {
  test('holds exactly the hashes added, like a Set<number> (property test, zero and collisions included)', () => {
    const hash = fc.oneof(fc.constantFrom(0, 1, 0xffffffff, 0x80000000), fc.integer({ min: 0, max: 0xffffffff }))
    fc.assert(
      fc.property(fc.array(hash, { maxLength: 300 }), fc.array(hash, { maxLength: 100 }), (added, probed) => {
        const set = new HashSet32(added.length)
        for (const h of added) set.add(h)
        const expected = new Set(added)
        expect(set.size).toBe(expected.size)
        for (const h of [...added, ...probed]) expect(set.has(h)).toBe(expected.has(h))
      })
    )
  })
})
