// A comparison as a redline Word document for the archive: the summary (similarity, reused
// passages, changed figures) first, then one section after another with insertions
// underlined and coloured, deletions struck through and moved passages marked. Renders the
// comparison the API produced; never diffs again.
import { AlignmentType, Document, HeadingLevel, LineRuleType, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, UnderlineType, WidthType } from 'docx'
import type { DiffOp, ReportDiff, SectionPair } from '../compare'
import { font, officialStyles, PAGE, pageNumberFooter, SIZE, textHeader, withFontFallbacks } from './layout'

export type RedlineReport = { title: string; year: number; department?: { name: string } | null }
export type RedlineInput = {
  report: RedlineReport
  primary: RedlineReport | null
  swapped: boolean
  diff: ReportDiff | null
  summary: { similarity: number; reusedPassages: number; addedSections: number; droppedSections: number; changedSections: number; moves: number; figuresChanged: number }
}

/** Colours of the marks, named once (the print view uses the same meanings). */
export const REDLINE = { inserted: '0050B3', deleted: 'C00000', moved: '6F42C1', movedShade: 'EDE7FF' }

/** How a section fared, as the comparison's documents (Word and print) name it. */
export const KIND_LABELS: Record<SectionPair['kind'], string> = {
  same: '未变',
  changed: '有修改',
  renamed: '改标题',
  added: '新增',
  dropped: '删除',
  split: '拆分',
  merged: '合并',
}

const SMALL = SIZE.hao4
// 1.25 lines: a working document, denser than the official 28.95 pt
const COMPACT_SPACING = { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 }
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right

function run(text: string, options: Record<string, unknown> = {}): TextRun {
  return new TextRun({ text, font: font('body'), size: SMALL, ...options })
}

/** A diff op as runs; line breaks inside op text become paragraph breaks (handled by the caller). */
function opRun(op: DiffOp, text: string): TextRun {
  const moved = op.moveId !== undefined
  if (op.op === 'equal') return run(text)
  if (op.op === 'insert') {
    return run(text, {
      color: moved ? REDLINE.moved : REDLINE.inserted,
      underline: { type: moved ? UnderlineType.DOUBLE : UnderlineType.SINGLE, color: moved ? REDLINE.moved : REDLINE.inserted },
      ...(moved ? { shading: { type: ShadingType.CLEAR, fill: REDLINE.movedShade, color: 'auto' } } : {}),
    })
  }
  return run(text, {
    color: moved ? REDLINE.moved : REDLINE.deleted,
    ...(moved ? { doubleStrike: true, shading: { type: ShadingType.CLEAR, fill: REDLINE.movedShade, color: 'auto' } } : { strike: true }),
  })
}

/** The ops of one section as paragraphs: `\n` in any op's text starts a new paragraph. */
function diffParagraphs(ops: DiffOp[]): Paragraph[] {
  const paragraphs: TextRun[][] = [[]]
  for (const op of ops) {
    const text = op.op === 'insert' ? op.after : op.before
    text.split('\n').forEach((piece, i) => {
      if (i > 0) paragraphs.push([])
      if (piece) paragraphs[paragraphs.length - 1].push(opRun(op, piece))
    })
  }
  return paragraphs.filter(runs => runs.length).map(children => new Paragraph({ spacing: COMPACT_SPACING, indent: { firstLine: 560 }, children }))
}

function cell(text: string, width: number, bold = false): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ spacing: COMPACT_SPACING, children: [run(text, { bold })] })] })
}

/** A table whose header row repeats on every page; `shares` are the columns' parts of the text width. */
function grid(header: string[], rows: string[][], shares: number[] = header.map(() => 1 / header.length)): Table {
  const widths = shares.map(share => Math.round(TEXT_WIDTH * share))
  const row = (cells: string[], bold = false) => cells.map((c, i) => cell(c, widths[i], bold))
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [new TableRow({ tableHeader: true, children: row(header, true) }), ...rows.map(r => new TableRow({ children: row(r) }))],
  })
}

const percent = (x: number) => `${Math.round(x * 100)}%`
const excerpt = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text)

function legend(): Paragraph {
  return new Paragraph({
    spacing: COMPACT_SPACING,
    children: [
      run('图例：'),
      opRun({ op: 'insert', after: '新增文字' }, '新增文字'),
      run('　'),
      opRun({ op: 'delete', before: '删除文字' }, '删除文字'),
      run('　'),
      opRun({ op: 'insert', after: '移入', moveId: 'm' }, '移入'),
      run('／'),
      opRun({ op: 'delete', before: '移出', moveId: 'm' }, '移出'),
      run('（移动的段落）'),
    ],
  })
}

function summaryBlocks(input: RedlineInput, before: RedlineReport, after: RedlineReport): (Paragraph | Table)[] {
  const { summary, diff } = input
  const blocks: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '比对摘要' }),
    grid(
      ['项目', '数值'],
      [
        ['比对双方', `${before.year}年《${before.title}》→ ${after.year}年《${after.title}》`],
        ['总体相似度', percent(summary.similarity)],
        ['沿用段落', `${summary.reusedPassages} 处`],
        ['章节', `有修改 ${summary.changedSections}，新增 ${summary.addedSections}，删除 ${summary.droppedSections}`],
        ['移动段落', `${summary.moves} 处`],
        ['数字变化', `${summary.figuresChanged} 项`],
      ],
      [0.25, 0.75]
    ),
    legend(),
  ]
  const figures = (diff?.figures ?? []).filter(f => f.status !== 'same')
  if (figures.length) {
    blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: '数字对照' }))
    blocks.push(
      grid(
        ['指标', `${before.year}年`, `${after.year}年`, '变化'],
        figures.map(f => [f.label, f.before?.text ?? '—', f.after?.text ?? '—', f.delta === undefined ? (f.status === 'added' ? '新增' : f.status === 'removed' ? '删除' : '') : `${f.delta > 0 ? '+' : ''}${Number(f.delta.toFixed(2))}${f.unit}`]),
        [0.4, 0.2, 0.2, 0.2]
      )
    )
  }
  const reused = [...(diff?.reused ?? [])].sort((a, b) => b.length - a.length).slice(0, 20)
  if (reused.length) {
    blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: `沿用段落（最长的 ${reused.length} 处）` }))
    const headingOf = (side: 'before' | 'after', index: number) => (diff?.sections.find(p => p[side].includes(index))?.[side === 'before' ? 'headingBefore' : 'headingAfter'] ?? `第 ${index + 1} 节`)
    blocks.push(
      grid(['字数', `${before.year}年所在章节`, `${after.year}年所在章节`, '文字'], reused.map(r => [String(r.length), headingOf('before', r.before.section), headingOf('after', r.after.section), excerpt(r.text ?? '')]), [0.1, 0.22, 0.22, 0.46])
    )
  }
  return blocks
}

function pairBlocks(pair: SectionPair): Paragraph[] {
  const heading = pair.headingAfter ?? pair.headingBefore ?? ''
  const notes = [KIND_LABELS[pair.kind], pair.reordered ? '位置调整' : '', pair.kind === 'renamed' && pair.headingBefore ? `原标题：${pair.headingBefore}` : '', pair.kind !== 'added' && pair.kind !== 'dropped' ? `相似度 ${percent(pair.similarity)}` : '']
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(heading), new TextRun({ text: `　〔${notes.filter(Boolean).join('，')}〕`, size: SMALL, color: '57606A' })] }),
    ...diffParagraphs(pair.diff.ops),
  ]
}

export async function comparisonToDocx(input: RedlineInput): Promise<Buffer> {
  const earlier = input.primary ?? input.report
  const [before, after] = input.swapped ? [input.report, earlier] : [earlier, input.report]
  const department = input.report.department?.name ?? ''
  const headerText = `${department} ${after.year}年与${before.year}年比对`.trim()
  const document = new Document({
    creator: 'Annals 年鉴',
    title: `${after.title}（与${before.year}年比对）`,
    styles: officialStyles(),
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        headers: { default: textHeader(headerText) },
        footers: { default: pageNumberFooter() },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: `${after.title}` }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`与${before.year}年《${before.title}》比对`)] }),
          ...(input.diff ? summaryBlocks(input, before, after) : [new Paragraph({ children: [run('没有可以比对的往年报告。')] })]),
          ...(input.diff ? [new Paragraph({ heading: HeadingLevel.HEADING_1, text: '逐节比对' }), ...input.diff.sections.flatMap(pairBlocks)] : []),
        ],
      },
    ],
  })
  return withFontFallbacks(await Packer.toBuffer(document))
}
