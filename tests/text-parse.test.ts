// parseSummary on the five real summaries in ../shared/corpus (expectations written by
// reading them) and on the shapes of text users paste.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { cleanPastedText, countCharacters, INTRO_HEADING, parseSummary, sectionKeyFor } from '../src/text'

export const CORPUS_DIR = path.resolve(__dirname, '../../shared/corpus')
const corpus = (name: string) => readFileSync(path.join(CORPUS_DIR, name), 'utf8')
const hanCount = (text: string) => (text.match(/\p{Script=Han}/gu) ?? []).length

describe.runIf(existsSync(CORPUS_DIR))('the corpus', () => {
  test('leshan-2022: two-line headings, byline and author note dropped, page-broken paragraphs mended', () => {
    const { title, sections, discarded } = parseSummary(corpus('leshan-2022.txt'))
    expect(title).toBe('夯实高质量发展的组织根基')
    expect(sections.map(s => s.heading)).toEqual([
      INTRO_HEADING,
      '以政治建设 凝聚高质量发展共识',
      '以骨干队伍 强化高质量发展支撑',
      '以坚强堡垒 夯实高质量发展基础',
      '以人才驱动 激发高质量发展活力',
    ])
    expect(discarded).toEqual(expect.arrayContaining(['■ 赖俊', '各地实践']))
    expect(discarded.some(d => d.startsWith('【作者系'))).toBe(true)
    const base = sections[3].text
    // “…锻造一支” + caption + “敢担当…”: the sentence is whole again, the caption kept after it
    expect(base).toContain('面向社会新招聘专职社工,锻造一支敢担当、勇攻坚、善治理的基层带头人队伍。')
    expect(base).toContain('\n四川省乐山市开展我为群众办实事“百日攻坚”专项行动,组织机关干部下沉社区开展便民服务。\n')
    expect(sections[2].text).toContain('实施市县优秀年轻干部“双向互派”')
    expect(sections[4].text).toContain('引才政策体系整体竞争力、吸引力显著提升。')
  })

  test('wenzhou-2022: Traditional text, pinyin garbage removed, run-in headings found', () => {
    const raw = corpus('wenzhou-2022.txt')
    const { title, sections } = parseSummary(raw)
    expect(title).toBe('溫州市委組織部')
    expect(sections.map(s => s.heading)).toEqual([
      INTRO_HEADING,
      '錨定“兩個先行”奮斗目標,以組織執行力增強發展續航力',
      '堅持“五大工作導向”,以組織變革力引領創新制勝力',
      '聚焦“打造新時代黨建高地”,以組織統攬力提升市域治理力',
    ])
    const all = sections.map(s => s.heading + s.text).join('')
    expect(all).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)/)
    expect(sections[0].text.startsWith('這次省黨代會,是一次奮進新征程、描繪新藍圖')).toBe(true)
    // every Han character of the original survives (title and the dropped “溫州” line aside)
    expect(hanCount(all) - hanCount(INTRO_HEADING)).toBe(hanCount(raw) - hanCount('溫州市委組織部溫州'))
  })

  test('wuhan-etdz-2023: no title, “聚焦…” headings, source and editor lines dropped', () => {
    const { title, sections, discarded } = parseSummary(corpus('wuhan-etdz-2023.txt'))
    expect(title).toBe('')
    expect(sections).toHaveLength(6)
    expect(sections[0].heading).toBe(INTRO_HEADING)
    expect(sections.slice(1).every(s => s.heading.startsWith('聚焦') && s.text.length > 300)).toBe(true)
    expect(sections[5].heading).toBe('聚焦自我革命争创一流 全面锻造组工干部“硬实力”')
    expect(discarded).toEqual(['稿源:荆楚网(湖北日报网)', '作者:毛俊(中共武汉经开区工委委员,工委组织部部长、党校校长)', '责编:王舒娴'])
    expect(sections[5].text.endsWith('引导组工干部始终知敬畏、存戒惧、守底线。')).toBe(true)
  })

  test('zhejiang-2024: e-paper furniture dropped, title with subtitle, continuation markers removed', () => {
    const { title, sections, discarded } = parseSummary(corpus('zhejiang-2024.txt'))
    expect(title).toBe('弘扬“六干”作风 展现新担当新作为——2024年我省推进组织工作纪事')
    expect(sections.map(s => s.heading)).toEqual([INTRO_HEADING, '凝心铸魂 厚植信仰之基', '选贤任能 引领担当作为', '强基固本 护航中心大局', '优化生态 打造人才高地'])
    expect(sections[0].text.startsWith('大潮激荡,奋楫争先。')).toBe(true)
    const all = sections.map(s => s.text).join('\n')
    expect(all).not.toMatch(/下转|上接|浙江日报报业集团|ICP备|评分|星期二/)
    expect(discarded).toEqual(expect.arrayContaining(['浙江日报 数字报纸', '00006版:要闻', '文章导航', '(下转第六版)', '(上接第一版)']))
    expect(sections[4].text.endsWith('奋力谱写中国式现代化浙江新篇章中彰显组织新担当新作为!')).toBe(true)
  })

  test('zhoushan-2019: comma headings, date/source line dropped, lead sentences stay body text', () => {
    const { title, sections, discarded } = parseSummary(corpus('zhoushan-2019.txt'))
    expect(title).toBe('以担当彰显初心 用实干践行使命——2019以来我市组织工作综述')
    expect(discarded).toEqual(['2020-03-24 10:52 来源:舟山日报 作者:记者 徐祝君 周祖轩'])
    expect(sections.map(s => s.heading)).toEqual([
      INTRO_HEADING,
      '担当作为,凝聚拼搏奋进的合力',
      '初心使命,点燃创业创新的激情',
      '锻造铁军,激发激情创业的干劲',
      '固本强基,夯实攻坚克难的根基',
      '智汇群岛,打造海洋人才的高地',
    ])
    expect(sections[1].text.startsWith('沧海横流,方显英雄本色。\n')).toBe(true)
    expect(sections[0].text).toContain('全年新引进大学生10764人')
  })
})

describe('pasted text', () => {
  test('numbered headings with CRLF, full-width spaces and run-in text', () => {
    const text = [
      '某某局2024年工作总结',
      '',
      '　　2024年，我局坚持稳中求进。',
      '一、加强政治建设。全年开展学习36次。',
      '　　（一）理论学习。深化理论武装。',
      '二、建强干部队伍',
      '　　培训干部1200人次。',
      '三、下一步工作打算：持续发力，久久为功。',
    ].join('\r\n')
    const { title, sections } = parseSummary(text)
    expect(title).toBe('某某局2024年工作总结')
    expect(sections).toEqual([
      { heading: INTRO_HEADING, text: '2024年，我局坚持稳中求进。' },
      { heading: '一、加强政治建设', text: '全年开展学习36次。\n（一）理论学习。深化理论武装。' },
      { heading: '二、建强干部队伍', text: '培训干部1200人次。' },
      { heading: '三、下一步工作打算', text: '持续发力，久久为功。' },
    ])
  })

  test('sub-level numbering becomes the sections when there is no higher level', () => {
    const { sections } = parseSummary('（一）政治建设\n学习。\n（二）干部工作\n培训。\n')
    expect(sections.map(s => s.heading)).toEqual(['（一）政治建设', '（二）干部工作'])
  })

  test('empty, whitespace-only and heading-less input', () => {
    expect(parseSummary('')).toEqual({ title: '', sections: [], discarded: [] })
    expect(parseSummary(' \r\n\u3000\n\t')).toEqual({ title: '', sections: [], discarded: [] })
    const single = parseSummary('只有一段正文，没有任何标题。')
    expect(single.sections).toEqual([{ heading: INTRO_HEADING, text: '只有一段正文，没有任何标题。' }])
  })

  test('no text is lost: every Han character of a body survives parsing', () => {
    const body = '一、总体情况\n今年完成投资5000万元，增长12.5%。\n二、主要做法\n（1）抓学习；（2）抓落实。\n三、存在问题\n一是学习不够深入。'
    const out = parseSummary(body)
    const joined = out.sections.map(s => s.heading + s.text).join('')
    expect(hanCount(joined)).toBe(hanCount(body))
  })
})

describe('cleaning helpers', () => {
  test('pinyin annotations go, legitimate parentheses stay', () => {
    expect(cleanPastedText('奮進(jìn)新征程，藍（lán）圖')).toBe('奮進新征程，藍圖')
    expect(cleanPastedText('条例(试行)、AI(AI)、第(1)项、部署(zz)')).toBe('条例(试行)、AI(AI)、第(1)项、部署(zz)')
    expect(cleanPastedText('a\r\nb\rc\u2028d\uFEFF')).toBe('a\nb\nc\nd')
  })

  test('character counts ignore white space and count code points', () => {
    expect(countCharacters('全省 组织\n系统𠀋😀')).toBe(8)
  })

  test('section keys survive renumbering and punctuation changes', () => {
    expect(sectionKeyFor('三、坚持人才是第一资源，人才工作取得新突破')).toBe(sectionKeyFor('四、坚持人才是第一资源,人才工作取得新突破'))
    expect(sectionKeyFor('（二）干部队伍')).toBe('干部队伍')
    expect(sectionKeyFor('')).toBe('section')
  })
})
