// Loads what the engine loads lazily — the word segmenter's dictionary, the Traditional →
// Simplified tables — and gets its code compiled and optimised, by comparing two made-up
// reports of a few thousand characters (phrases shuffled, as real years reuse wording): a
// server calls it once it has started, so that the first comparison a reader asks for runs
// as fast as any later one (in a fresh process it otherwise costs several times more).
import { compareWithHistory } from './history'
import { compareReports } from './reports'

const PHRASES = [
  '进一步加强干部队伍建设', '坚持以人民为中心的发展思想', '深入实施乡村振兴战略', '營商環境持續優化', '基层党组织建设全面进步',
  '新型城镇化稳步推进', '生态环境质量明显改善', '民生福祉不断增进', '人才引进力度不断加大', '文化事业繁荣发展',
  '社会治理效能显著增强', '重大项目建设提速增效', '全面从严治党向纵深发展', '打造国际化的草原音乐名城', '冰雪运动名城建设取得新进展',
]

/** A report of `sections` sections whose sentences join shuffled phrases and figures (deterministic). */
function madeUpReport(seed: number, sections: number) {
  let s = seed
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 1000
  return {
    title: `${2015 + seed}年工作总结`,
    sections: Array.from({ length: sections }, (_, i) => ({
      heading: `${i % 3 === 2 ? '（一）' : '一、'}${PHRASES[(i + seed) % PHRASES.length].slice(0, 8)}`,
      level: i % 3 === 2 ? 2 : 1,
      text: Array.from({ length: 12 }, () => `${PHRASES[next() % PHRASES.length]}，全年完成${next()}项，比上年增长${next() % 100}.${next() % 10}%，${PHRASES[next() % PHRASES.length]}。`).join(''),
    })),
  }
}

export function preloadCompareEngine() {
  const years = [1, 2, 3].map(seed => madeUpReport(seed, 8))
  compareReports(years[0], years[2])
  compareReports(years[1], years[2])
  compareWithHistory(years[2], years.slice(0, 2).map((r, i) => ({ ...r, year: 2016 + i })))
}
