// parseSummary on the five real summaries in ../shared/corpus (expectations written by
// reading them) and on the shapes of text users paste.
import { describe, expect, test } from 'vitest'
import { cleanPastedText, countCharacters, INTRO_HEADING, parseSummary, sectionKeyFor, stripNumbering, numberingKindOf } from '../src/text'
import { corpusText as corpus, warnIfCorpusMissing } from './helpers/corpus'

const hanCount = (text: string) => (text.match(/\p{Script=Han}/gu) ?? []).length
const levels = (text: string) => parseSummary(text).sections.map(s => s.level)

describe.runIf(warnIfCorpusMissing('text-parse'))('the corpus (every file; these summaries have one heading level)', () => {
  test('leshan-2022: two-line headings, byline and author note dropped, page-broken paragraphs mended', () => {
    const { title, sections, discarded } = parseSummary(corpus('leshan-2022.txt'))
    expect(title).toBe('夯实高质量发展的组织根基')
    expect(sections.map(s => s.level)).toEqual([1, 1, 1, 1, 1])
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
    expect(sections.map(s => s.level)).toEqual([1, 1, 1, 1])
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
    expect(sections.map(s => s.level)).toEqual([1, 1, 1, 1, 1, 1])
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
    expect(sections.map(s => s.level)).toEqual([1, 1, 1, 1, 1])
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
    expect(sections.map(s => s.level)).toEqual([1, 1, 1, 1, 1, 1])
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
      { heading: INTRO_HEADING, level: 1, text: '2024年，我局坚持稳中求进。' },
      { heading: '一、加强政治建设', level: 1, text: '全年开展学习36次。\n（一）理论学习。深化理论武装。' },
      { heading: '二、建强干部队伍', level: 1, text: '培训干部1200人次。' },
      { heading: '三、下一步工作打算', level: 1, text: '持续发力，久久为功。' },
    ])
  })

  test('sub-level numbering becomes the sections when there is no higher level', () => {
    const { sections } = parseSummary('（一）政治建设\n学习。\n（二）干部工作\n培训。\n')
    expect(sections.map(s => s.heading)).toEqual(['（一）政治建设', '（二）干部工作'])
    expect(sections.map(s => s.level)).toEqual([1, 1])
  })

  test('three heading levels: 一、 / （一） / 1. (run-in sub-headings keep their lead clause)', () => {
    const text = [
      '某区2023年政府工作报告',
      '一、2022年工作回顾',
      '过去一年，我们攻坚克难。',
      '（一）经济运行稳中有进',
      '地区生产总值增长5.2%。',
      '1.工业提质。规上工业增加值增长8%，新增企业12家。',
      '2.服务业回暖。社会消费品零售总额1.5亿元。',
      '（二）民生保障持续加强',
      '新增就业3.1万人。',
      '二、2023年工作安排',
      '（一）稳增长',
      '全力以赴拼经济。',
      '（二）惠民生',
      '办好十件民生实事。',
    ].join('\n')
    const { sections } = parseSummary(text)
    expect(sections.map(s => [s.level, s.heading, s.text])).toEqual([
      [1, '一、2022年工作回顾', '过去一年，我们攻坚克难。'],
      [2, '（一）经济运行稳中有进', '地区生产总值增长5.2%。'],
      [3, '1.工业提质', '规上工业增加值增长8%，新增企业12家。'],
      [3, '2.服务业回暖', '社会消费品零售总额1.5亿元。'],
      [2, '（二）民生保障持续加强', '新增就业3.1万人。'],
      [1, '二、2023年工作安排', ''],
      [2, '（一）稳增长', '全力以赴拼经济。'],
      [2, '（二）惠民生', '办好十件民生实事。'],
    ])
  })

  test('levels are relative: a text that starts at （一） has it as level 1, and 1. below it as level 2', () => {
    expect(levels('（一）政治建设\n1.学习。内容。\n2.教育。内容。\n（二）干部工作\n培训。')).toEqual([1, 2, 2, 1])
    expect(levels('第一部分 总体情况\n一、成绩\n内容。\n二、问题\n内容。\n第二部分 打算\n一、目标\n内容。')).toEqual([1, 2, 2, 1, 2])
  })

  test('a numbered list of long sentences stays body text', () => {
    const long = '1.全年完成固定资产投资123亿元，同比增长12%，其中工业投资完成45亿元，增长18%，民间投资占比提高到62%，为历年最高。\n2.全年新增市场主体1.2万户，同比增长9%，其中新设企业4300家，增长15%，个体工商户7600户，增长6%。'
    const { sections } = parseSummary('一、经济发展\n' + long + '\n二、社会事业\n内容。')
    expect(sections.map(s => [s.level, s.heading])).toEqual([[1, '一、经济发展'], [1, '二、社会事业']])
    expect(sections[0].text).toBe(long)
  })

  test('empty, whitespace-only and heading-less input', () => {
    expect(parseSummary('')).toEqual({ title: '', sections: [], discarded: [] })
    expect(parseSummary(' \r\n\u3000\n\t')).toEqual({ title: '', sections: [], discarded: [] })
    const single = parseSummary('只有一段正文，没有任何标题。')
    expect(single.sections).toEqual([{ heading: INTRO_HEADING, level: 1, text: '只有一段正文，没有任何标题。' }])
  })

  test('no text is lost: every Han character of a body survives parsing', () => {
    const body = '一、总体情况\n今年完成投资5000万元，增长12.5%。\n二、主要做法\n（1）抓学习；（2）抓落实。\n三、存在问题\n一是学习不够深入。'
    const out = parseSummary(body)
    const joined = out.sections.map(s => s.heading + s.text).join('')
    expect(hanCount(joined)).toBe(hanCount(body))
  })
})

describe('web pages of other sites', () => {
  const article = [
    '过去一年，全区经济运行稳中有进，地区生产总值增长6.2%，打造国际化的草原音乐名城、冰雪运动名城取得新进展。',
    '一、2017年工作回顾',
    '（一）经济发展稳中向好',
    '全年完成固定资产投资120亿元，增长8%。新增市场主体3800户。',
    '（二）民生保障持续加强',
    '新增城镇就业3.1万人，城镇登记失业率控制在3.5%以内。',
    '二、2018年主要任务',
    '（一）推动高质量发展',
    '坚持稳中求进工作总基调，全力以赴抓项目、促投资。',
    '（二）增进民生福祉',
    '办好十件民生实事，让群众有更多获得感。',
  ]
  const page = [
    '您当前所在位置：首页 > 政务公开 > 规划计划 > 政府工作报告',
    '索引号：11150702011545837Q/2018-00012',
    '发布机构：海拉尔区人民政府办公室',
    '文号：无',
    '发布日期：2018-03-20',
    '分享到： 微信 微博 QQ空间',
    '政府工作报告',
    '——2018年3月7日在海拉尔区第十五届人民代表大会第二次会议上',
    '区长 王某某',
    '各位代表：',
    ...article,
    '【打印本页】 【关闭窗口】',
    '网站地图 | 网站帮助 | 隐私声明',
    '主办：海拉尔区人民政府办公室 承办：海拉尔区信息中心',
    '您访问的链接即将离开“海拉尔区人民政府”门户网站 是否继续？',
  ].join('\n')

  test('furniture is removed by its shape, a speech keeps its title, and 90–102% of the article is kept', () => {
    const { title, sections, discarded } = parseSummary(page)
    expect(title).toBe('政府工作报告')
    const kept = countCharacters(sections.map(s => (s.heading === INTRO_HEADING ? '' : s.heading) + s.text).join(''))
    const visible = countCharacters(article.join('') + '各位代表：')
    expect(kept / visible).toBeGreaterThanOrEqual(0.9)
    expect(kept / visible).toBeLessThanOrEqual(1.02)
    expect(discarded).toEqual(
      expect.arrayContaining([
        '您当前所在位置：首页 > 政务公开 > 规划计划 > 政府工作报告',
        '索引号：11150702011545837Q/2018-00012',
        '发布机构：海拉尔区人民政府办公室',
        '——2018年3月7日在海拉尔区第十五届人民代表大会第二次会议上',
        '区长 王某某',
        '网站地图 | 网站帮助 | 隐私声明',
        '主办：海拉尔区人民政府办公室 承办：海拉尔区信息中心',
      ])
    )
    expect(sections.map(s => [s.level, s.heading])).toEqual([
      [1, INTRO_HEADING],
      [1, '一、2017年工作回顾'],
      [2, '（一）经济发展稳中向好'],
      [2, '（二）民生保障持续加强'],
      [1, '二、2018年主要任务'],
      [2, '（一）推动高质量发展'],
      [2, '（二）增进民生福祉'],
    ])
  })

  test('a breadcrumb with other separators and a share bar are furniture; a sentence with > is not', () => {
    const { discarded, sections } = parseSummary('首页 › 新闻中心 › 工作动态\n微信 微博 打印\n正文第一句，收入增长率>5%的企业有12家。')
    expect(discarded).toEqual(['首页 › 新闻中心 › 工作动态', '微信 微博 打印'])
    expect(sections[0].text).toBe('正文第一句，收入增长率>5%的企业有12家。')
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

describe('heading numbering (one module for parser, keys, alignment and normalisation)', () => {
  test('a figure at the start of a heading is not numbering', () => {
    expect(sectionKeyFor('1.5亿元资金投向基层')).toBe('15亿元资金投向基层')
    expect(stripNumbering('1.5亿元资金投向基层')).toBe('1.5亿元资金投向基层')
    expect(numberingKindOf('1.5亿元资金')).toBeUndefined()
    expect(stripNumbering('1. 抓学习')).toBe('抓学习')
  })

  test('a Chinese numeral with a comma is numbering everywhere (converters turn 、 into ,)', () => {
    expect(stripNumbering('十,坚持党的领导')).toBe('坚持党的领导')
    expect(sectionKeyFor('十,坚持党的领导')).toBe(sectionKeyFor('十、坚持党的领导'))
    expect(numberingKindOf('十,坚持党的领导')).toBe('cn')
  })

  test('every kind is recognised', () => {
    expect(['第一部分 总体', '三、成绩', '（二）做法', '(二)做法', '2.学习', '（3）落实', '④其他'].map(numberingKindOf)).toEqual([
      'chapter',
      'cn',
      'parenCn',
      'parenCn',
      'arabic',
      'parenArabic',
      'circled',
    ])
  })
})
