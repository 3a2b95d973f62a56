// Word segmentation for the word diff: Intl.Segmenter (ICU's dictionary) against jieba
// (@node-rs/jieba, a native dictionary segmenter) on the demo and corpus texts. Prints the
// time to segment everything in 300-character chunks (as prepare.ts feeds it) and how often
// each splits a term of government writing, measured in this process.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { DEMO_TEXTS, realisticYears } from './bench-inputs'
import { loadJieba } from '../src/compare/segment'

const CORPUS_DIR = path.resolve(__dirname, '../../shared/corpus')
const corpus = existsSync(CORPUS_DIR) ? readdirSync(CORPUS_DIR).map(f => readFileSync(path.join(CORPUS_DIR, f), 'utf8')) : []
const texts = [...DEMO_TEXTS, ...corpus, ...realisticYears(2, 16_000)]
const chunks = texts.flatMap(t => t.match(/[^。！？\n]{1,300}[。！？\n]?/gu) ?? [])
const chars = chunks.reduce((n, c) => n + c.length, 0)

// terms that a reader takes as one word; a boundary inside one is a bad cut
const TERMS = ['习近平', '新时代', '党的建设', '组织系统', '高质量发展', '乡村振兴', '营商环境', '基层党组织', '领导干部', '党员干部', '年轻干部', '人才引进', '主题教育', '全面从严治党', '社会主义', '现代化', '组织工作', '干部队伍', '党组织书记', '共同富裕']

type Segment = (text: string) => string[]
const intl = new Intl.Segmenter('zh', { granularity: 'word' })
const intlSegment: Segment = text => [...intl.segment(text)].map(s => s.segment)

function badCuts(segment: Segment): { cuts: number; terms: number } {
  let cuts = 0
  let terms = 0
  for (const chunk of chunks) {
    const boundaries = new Set<number>()
    let at = 0
    for (const piece of segment(chunk)) boundaries.add((at += piece.length))
    for (const term of TERMS) {
      for (let i = chunk.indexOf(term); i >= 0; i = chunk.indexOf(term, i + 1)) {
        terms++
        for (let k = i + 1; k < i + term.length; k++) if (boundaries.has(k)) cuts++
      }
    }
  }
  return { cuts, terms }
}

function median(f: () => void, runs: number): number {
  const samples: number[] = []
  for (let r = 0; r < runs; r++) {
    const start = performance.now()
    f()
    samples.push(performance.now() - start)
  }
  return samples.sort((a, b) => a - b)[runs >> 1]
}

const jieba = loadJieba()
const rows: [string, Segment][] = [['Intl.Segmenter', intlSegment]]
if (jieba) rows.push(['@node-rs/jieba', jieba])
else console.log('@node-rs/jieba did not load here: only Intl.Segmenter measured')
console.log(`Segmenting ${chunks.length} chunks, ${chars} characters (demo, corpus, two realistic years)`)
const base = median(() => chunks.forEach(intlSegment), 7)
for (const [name, segment] of rows) {
  const ms = median(() => chunks.forEach(segment), 7)
  const { cuts, terms } = badCuts(segment)
  console.log(`  ${name.padEnd(16)} ${ms.toFixed(1).padStart(7)} ms  ${(chars / ms).toFixed(0).padStart(6)} chars/ms  ${(base / ms).toFixed(2)}× Intl   cuts inside ${terms} government terms: ${cuts}`)
}
