// Word documents of the shapes real summaries come in, generated with the `docx` library.
import { AlignmentType, Document, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'

// a 1×1 transparent PNG: enough for Word (and mammoth) to see an image
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

async function pack(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }))
}

const body = (text: string) => new Paragraph({ children: [new TextRun({ text, font: '仿宋_GB2312' })] })

/** Headings set with Word's heading styles (标题 1 / 标题 2), a title in the Title style. */
export function docxWithHeadingStyles(): Promise<Buffer> {
  return pack([
    new Paragraph({ text: '青山县档案局2023年工作总结', heading: HeadingLevel.TITLE }),
    body('2023年，县档案局在县委县政府的坚强领导下，圆满完成各项工作任务。'),
    new Paragraph({ text: '一、档案资源建设', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: '（一）接收进馆', heading: HeadingLevel.HEADING_2 }),
    body('全年接收档案12000卷，其中照片档案3000张。'),
    new Paragraph({ text: '（二）数字化', heading: HeadingLevel.HEADING_2 }),
    body('完成馆藏档案数字化45万页。'),
    new Paragraph({ text: '二、档案利用服务', heading: HeadingLevel.HEADING_1 }),
    body('接待查档群众2100人次。'),
    new Paragraph({ children: [new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 10, height: 10 } })] }),
  ])
}

const bold = (text: string, font = '仿宋_GB2312') => new Paragraph({ children: [new TextRun({ text, bold: true, font })] })

/** No styles at all: bold and 黑体/楷体 numbered lines by direct formatting, as most real files are. */
export function docxWithBoldNumberedLines(): Promise<Buffer> {
  return pack([
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '白沙镇人民政府2022年工作总结', font: '方正小标宋简体', size: 44 })] }),
    body('今年以来，全镇上下团结一心，各项工作取得新进展。'),
    bold('一、经济发展稳中有进', '黑体'),
    body('全年实现地区生产总值18.6亿元，同比增长6.5%。'),
    new Paragraph({
      children: [new TextRun({ text: '（一）农业生产。', bold: true, font: '楷体_GB2312' }), new TextRun({ text: '粮食播种面积稳定在3.2万亩。', font: '仿宋_GB2312' })],
    }),
    new Paragraph({
      children: [new TextRun({ text: '（二）工业经济。', bold: true, font: '楷体_GB2312' }), new TextRun({ text: '规上工业产值增长8%。', font: '仿宋_GB2312' })],
    }),
    bold('二、民生保障持续加强', '黑体'),
    body('新增城镇就业620人，发放各类补贴1200万元。'),
    bold('三、2023年工作打算'),
    body('坚持稳中求进工作总基调。'),
  ])
}

/** Bold headings and a table of figures between paragraphs. */
export function docxWithTable(): Promise<Buffer> {
  const row = (cells: string[]) => new TableRow({ children: cells.map(c => new TableCell({ children: [new Paragraph(c)] })) })
  return pack([
    bold('一、主要指标完成情况'),
    body('各项指标完成情况如下表。'),
    new Table({ rows: [row(['指标', '2022年', '2023年']), row(['接收档案（卷）', '9800', '12000']), row(['查档人次', '1900', '2100'])] }),
    body('各项指标均超额完成。'),
    bold('二、存在的问题'),
    body('库房面积不足。'),
  ])
}

/** A document with only an empty paragraph. */
export function emptyDocx(): Promise<Buffer> {
  return pack([new Paragraph('')])
}

/** Bold headings numbered by Word itself (一、 and （一） live in the numbering definitions, not the text). */
export function docxWithAutoNumberedHeadings(): Promise<Buffer> {
  const numbered = (text: string, level: number) => new Paragraph({ numbering: { reference: 'outline', level }, children: [new TextRun({ text, bold: true })] })
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          {
            reference: 'outline',
            levels: [
              { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、' },
              { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）' },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            numbered('党建工作', 0),
            numbered('理论学习', 1),
            body('开展学习32次。'),
            numbered('基层组织', 1),
            body('新建党组织5个。'),
            numbered('业务工作', 0),
            body('完成全年任务。'),
          ],
        },
      ],
    })
  )
}
