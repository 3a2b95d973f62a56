// Gets the engine ready before a server answers its first request: loads what it loads lazily
// (the word segmenter's dictionary, the Traditional → Simplified tables, the folded form of
// every character of Chinese text under the default options) and has its code
// compiled and optimised by comparing made-up years shaped like real ones — eleven reports of
// about 13,000 characters in sections at two levels, each year reusing about 15% of the year
// before's clauses at other places. In a fresh process the first real comparison otherwise
// costs several times what any later one does. The made-up results leave no cache entries.
import { compareWithHistory } from './history'
import { clearAllCaches } from './lru'
import { prefillFoldTable, resolveNormalizeOptions } from './normalize'
import { compareReports } from './reports'

// words of work summaries, a few in Traditional characters so that folding runs its full path
const WORDS = [
  '加强', '干部', '队伍', '建设', '坚持', '以人民为中心', '发展', '思想', '深入', '实施', '乡村振兴', '战略', '營商環境', '持續', '優化',
  '基层', '党组织', '全面', '进步', '新型', '城镇化', '稳步', '推进', '生态环境', '质量', '明显', '改善', '民生', '福祉', '不断',
  '增进', '人才', '引进', '力度', '加大', '文化', '事业', '繁荣', '社会治理', '效能', '显著', '增强', '重大项目', '提速', '增效',
  '从严治党', '纵深', '国际化', '草原', '音乐', '名城', '冰雪运动', '取得', '新进展', '组织', '工作', '制度', '机制', '完善', '落实',
  '责任', '考核', '监督', '培训', '服务', '群众', '企业', '创新', '改革', '开放', '安全', '稳定', '教育', '医疗', '养老', '就业',
]

type MadeUpReport = { title: string; year: number; sections: { heading: string; level: number; text: string }[] }

function randomFrom(seed: number) {
  let state = seed >>> 0 || 1
  return (below: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % below
}

/** Years of made-up reports of about `size` characters, each reusing `share` of the year before's clauses. */
export function madeUpYears(count: number, size: number, share: number, seed: number): MadeUpReport[] {
  const random = randomFrom(seed)
  const clause = () => {
    const words = Array.from({ length: 5 + random(9) }, () => WORDS[random(WORDS.length)]).join('')
    const figure = random(3) === 0 ? `，全年完成${random(2000)}项，比上年增长${random(30)}.${random(10)}%` : ''
    return words + figure + (random(3) === 0 ? '。' : '，')
  }
  const years: MadeUpReport[] = []
  let previous: string[] = []
  for (let y = 0; y < count; y++) {
    const reused = previous.filter(() => random(100) < share * 100)
    const clauses: string[] = []
    for (let length = 0; length < size; ) {
      const next = reused.length && random(100) < share * 160 ? (reused.splice(random(reused.length), 1)[0] as string) : clause()
      clauses.push(next)
      length += next.length
    }
    const sections: MadeUpReport['sections'] = []
    for (let at = 0, take = 0; at < clauses.length; at += take) {
      take = 8 + random(13)
      const level = sections.length % 3 === 2 ? 2 : 1
      const heading = `${level === 1 ? '一、' : '（一）'}${WORDS[random(WORDS.length)]}${WORDS[random(WORDS.length)]}`
      sections.push({ heading, level, text: clauses.slice(at, at + take).join('') })
    }
    years.push({ title: `${2015 + y}年工作总结`, year: 2015 + y, sections })
    previous = clauses
  }
  return years
}

export function preloadCompareEngine() {
  prefillFoldTable(resolveNormalizeOptions())
  const [newest, ...earlier] = madeUpYears(11, 13_000, 0.15, 2025).reverse()
  compareReports(earlier[0], newest)
  compareWithHistory(newest, earlier)
  clearAllCaches()
}
