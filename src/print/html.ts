// Print views as plain HTML documents: a report in the official layout and a comparison
// (side by side as two columns per page, or inline). No admin chrome, nothing but the page;
// every page prints: nothing here is fixed-height or clipped, headers repeat (table heads,
// @page margin boxes) and page numbers stand at the foot.
import type { DiffOp, ReportDiff, SectionPair } from '../compare'
import { INTRO_HEADING } from '../text'
import { SECTION_KIND_LABELS } from '../compare/labels'
import { DRAFT_MARK } from '../docx/write'
import { REDLINE } from '../docx/redline'

export type PrintReport = { id: string; title: string; departmentName: string; status: string; dateText: string; sections: { heading: string; level?: number; text: string }[] }
export type PrintComparison = {
  report: { id: string; title: string; year: number; department?: { name: string } | null }
  primary: { id: string; title: string; year: number } | null
  swapped: boolean
  diff: ReportDiff | null
  summary: { similarity: number; reusedPassages: number; addedSections: number; droppedSections: number; changedSections: number; moves: number; figuresChanged: number }
}
export type CompareLayout = 'side' | 'inline'


export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** A CSS string literal (for @page margin-box content). */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\n\r<>]/g, ' ')}"`
}

// Font stacks: the official fonts where installed, then what Windows, macOS and Linux have.
const FONT = {
  title: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif',
  body: '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif',
  level1: '"黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif',
  level2: '"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif',
  page: '"宋体", "SimSun", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif',
}

const TOOLBAR_CSS = `
.toolbar { display: flex; gap: 12px; align-items: center; padding: 10px 16px; background: #f6f8fa; border-bottom: 1px solid #d0d7de; font: 14px/1.5 system-ui, sans-serif; }
.toolbar button, .toolbar a { font: inherit; padding: 4px 12px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; color: #1f2328; text-decoration: none; cursor: pointer; }
.toolbar .hint { color: #57606a; }
@media print { .toolbar { display: none !important; } }
`

function page(title: string, css: string, toolbar: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${TOOLBAR_CSS}${css}</style><script src="/print/print.js" defer></script></head>
<body><div class="toolbar">${toolbar}</div>${body}</body></html>`
}

function toolbar(links: { href: string; label: string }[], hint: string): string {
  return `<button type="button" data-print>打印 Print</button>${links.map(l => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`).join('')}<span class="hint">${escapeHtml(hint)}</span>`
}

function paragraphs(text: string): string {
  const lines = text.split('\n').filter(l => l.trim())
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes('\t')) {
      out.push(`<p>${escapeHtml(lines[i].trim())}</p>`)
      continue
    }
    const rows: string[] = []
    while (i < lines.length && lines[i].includes('\t')) rows.push(lines[i++])
    i--
    out.push(`<table class="data">${rows.map(r => `<tr>${r.split('\t').map(c => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</table>`)
  }
  return out.join('\n')
}

/** A report as GB/T 9704 lays it out: A4, 37/35/28/26 mm margins, 28.95 pt lines, "— 1 —" at the foot. */
export function reportPrintHtml(report: PrintReport): string {
  const draft = report.status !== 'approved'
  const css = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: ${FONT.page}; font-size: 14pt; }
  ${draft ? `@top-center { content: ${cssString(DRAFT_MARK)}; font-family: ${FONT.level1}; font-size: 14pt; color: #c00000; }` : ''}
}
html { background: #e9ebee; }
body { margin: 0; }
.sheet { box-sizing: border-box; width: 210mm; margin: 16px auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.2);
  font-family: ${FONT.body}; font-size: 16pt; line-height: 28.95pt; color: #000; text-align: justify; }
.draft-mark { color: #c00000; font-family: ${FONT.level1}; font-size: 14pt; text-align: center; margin: -20mm 0 12mm; }
h1 { font-family: ${FONT.title}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 28.95pt; margin: 0 0 28.95pt; }
h2, h3, h4 { font-size: 16pt; line-height: 28.95pt; margin: 0; text-indent: 2em; break-after: avoid; }
h2 { font-family: ${FONT.level1}; font-weight: normal; }
h3 { font-family: ${FONT.level2}; font-weight: normal; }
h4 { font-family: ${FONT.body}; font-weight: bold; }
p { margin: 0; text-indent: 2em; orphans: 2; widows: 2; }
table.data { border-collapse: collapse; width: 100%; font-size: 14pt; line-height: 1.5; margin: 4pt 0; }
table.data td { border: 1px solid #000; padding: 2pt 6pt; text-align: center; }
.signature { margin-top: 28.95pt; text-align: right; padding-right: 4em; }
.signature p { text-indent: 0; }
@media print {
  html { background: none; }
  .sheet { width: auto; margin: 0; padding: 0; box-shadow: none; }
  .draft-mark { display: none; }
}`
  const sections = report.sections
    .map((s, i) => {
      const level = Math.min(Math.max(s.level ?? 1, 1), 3)
      const heading = i === 0 && s.heading === INTRO_HEADING ? '' : `<h${level + 1}>${escapeHtml(s.heading)}</h${level + 1}>`
      return `<section>${heading}\n${paragraphs(s.text)}</section>`
    })
    .join('\n')
  const body = `<main class="sheet">${draft ? `<div class="draft-mark">${DRAFT_MARK}</div>` : ''}<h1>${escapeHtml(report.title)}</h1>
${sections}
<div class="signature"><p>${escapeHtml(report.departmentName)}</p><p>${escapeHtml(report.dateText)}</p></div></main>`
  return page(report.title, css, toolbar([{ href: `/export/report/${report.id}.docx`, label: '下载 Word' }, { href: `/reports/${report.id}`, label: '返回报告' }], '每页页脚有页码'), body)
}

// ---------- comparison ----------
function opHtml(op: DiffOp, side: 'before' | 'after' | 'both'): string {
  const moved = op.moveId ? ' move' : ''
  if (op.op === 'equal') return escapeHtml(side === 'after' ? op.after : op.before)
  if (op.op === 'insert') return side === 'before' ? '' : `<ins class="ins${moved}">${escapeHtml(op.after)}</ins>`
  return side === 'after' ? '' : `<del class="del${moved}">${escapeHtml(op.before)}</del>`
}

function opsHtml(ops: DiffOp[], side: 'before' | 'after' | 'both'): string {
  return ops.map(op => opHtml(op, side)).join('')
}

const percent = (x: number) => `${Math.round(x * 100)}%`

function pairHead(pair: SectionPair): string {
  const badges = [SECTION_KIND_LABELS[pair.kind], pair.reordered ? '位置调整' : '', pair.kind !== 'added' && pair.kind !== 'dropped' ? `相似度 ${percent(pair.similarity)}` : ''].filter(Boolean)
  return `<span class="badges">${badges.map(b => `<span class="badge">${escapeHtml(b)}</span>`).join('')}</span>`
}

function summaryHtml(c: PrintComparison, before: { year: number; title: string }, after: { year: number; title: string }): string {
  const s = c.summary
  const figures = (c.diff?.figures ?? []).filter(f => f.status !== 'same')
  const figureRows = figures
    .map(f => `<tr><td>${escapeHtml(f.label)}</td><td>${escapeHtml(f.before?.text ?? '—')}</td><td>${escapeHtml(f.after?.text ?? '—')}</td><td>${f.delta === undefined ? '' : `${f.delta > 0 ? '+' : ''}${Number(f.delta.toFixed(2))}${escapeHtml(f.unit)}`}</td></tr>`)
    .join('')
  return `<section class="summary"><p class="headline">总体相似度 <b>${percent(s.similarity)}</b>；沿用段落 ${s.reusedPassages} 处；章节有修改 ${s.changedSections}、新增 ${s.addedSections}、删除 ${s.droppedSections}；移动 ${s.moves} 处；数字变化 ${s.figuresChanged} 项。</p>
<p class="legend">图例：<ins class="ins">新增文字</ins> <del class="del">删除文字</del> <ins class="ins move">移入</ins>／<del class="del move">移出</del>（移动的段落）</p>
${figures.length ? `<table class="figures"><thead><tr><th>指标</th><th>${before.year}年</th><th>${after.year}年</th><th>变化</th></tr></thead><tbody>${figureRows}</tbody></table>` : ''}</section>`
}

/** A comparison for paper: summary first, then every section pair; side by side as two columns on every page. */
export function comparisonPrintHtml(c: PrintComparison, layout: CompareLayout, query: string): string {
  const earlier = c.primary ?? c.report
  const [before, after] = c.swapped ? [c.report, earlier] : [earlier, c.report]
  const department = c.report.department?.name ?? ''
  const running = `${department} ${after.year}年《${after.title}》与 ${before.year}年 比对`
  const css = `
@page { size: A4 ${layout === 'side' ? 'landscape' : 'portrait'}; margin: 16mm 12mm 16mm 12mm;
  @top-center { content: ${cssString(running)}; font-family: ${FONT.body}; font-size: 9pt; color: #444; }
  @bottom-center { content: "— " counter(page) " / " counter(pages) " —"; font-family: ${FONT.page}; font-size: 9pt; }
}
body { margin: 0; font-family: ${FONT.body}; font-size: 11pt; line-height: 1.75; color: #000; }
main { padding: 12px 20px; }
h1 { font-family: ${FONT.title}; font-size: 17pt; font-weight: normal; text-align: center; margin: 4pt 0; }
.subtitle { text-align: center; margin: 0 0 8pt; }
.headline { margin: 4pt 0; } .legend { margin: 4pt 0 8pt; font-size: 10pt; }
ins.ins { color: #${REDLINE.inserted}; text-decoration: underline; text-decoration-color: #${REDLINE.inserted}; background: #e6f0ff; }
del.del { color: #${REDLINE.deleted}; text-decoration: line-through; background: #ffecec; }
.move { color: #${REDLINE.moved} !important; background: #${REDLINE.movedShade} !important; text-decoration-style: double !important; }
table { border-collapse: collapse; width: 100%; }
table.figures { font-size: 10pt; margin-bottom: 8pt; } table.figures th, table.figures td { border: 1px solid #888; padding: 1pt 4pt; text-align: left; }
table.pairs { table-layout: fixed; }
table.pairs thead th { font-family: ${FONT.level1}; font-weight: normal; text-align: left; border-bottom: 1.5pt solid #000; padding: 2pt 6pt; background: #fff; }
table.pairs td { vertical-align: top; padding: 4pt 6pt; border-bottom: 0.5pt solid #bbb; white-space: pre-wrap; word-break: break-all; }
table.pairs td + td, table.pairs th + th { border-left: 0.5pt solid #bbb; }
table.pairs tr { break-inside: auto; }
.section-head { font-family: ${FONT.level1}; font-size: 11.5pt; white-space: normal; }
.pair-row td.section-head { border-bottom: 0; padding-bottom: 0; break-after: avoid; }
.badge { font-family: system-ui, sans-serif; font-size: 8pt; border: 0.5pt solid #999; border-radius: 6pt; padding: 0 4pt; margin-left: 4pt; color: #333; white-space: nowrap; }
.inline .pair { padding: 4pt 0; border-bottom: 0.5pt solid #bbb; }
.inline .text { white-space: pre-wrap; word-break: break-all; }
.empty { color: #888; }
* { print-color-adjust: exact; -webkit-print-color-adjust: exact; }`
  const pairs = c.diff?.sections ?? []
  const body =
    layout === 'side'
      ? `<table class="pairs"><thead><tr><th>${before.year}年 ${escapeHtml(before.title)}</th><th>${after.year}年 ${escapeHtml(after.title)}</th></tr></thead><tbody>${pairs
          .map(
            p => `<tr class="pair-row"><td class="section-head">${escapeHtml(p.headingBefore ?? '')}</td><td class="section-head">${escapeHtml(p.headingAfter ?? '')}${pairHead(p)}</td></tr>
<tr><td>${p.before.length ? opsHtml(p.diff.ops, 'before') : '<span class="empty">（无此节）</span>'}</td><td>${p.after.length ? opsHtml(p.diff.ops, 'after') : '<span class="empty">（无此节）</span>'}</td></tr>`
          )
          .join('\n')}</tbody></table>`
      : `<div class="inline">${pairs
          .map(p => `<section class="pair"><div class="section-head">${escapeHtml(p.headingAfter ?? p.headingBefore ?? '')}${pairHead(p)}</div><div class="text">${opsHtml(p.diff.ops, 'both')}</div></section>`)
          .join('\n')}</div>`
  const other = layout === 'side' ? 'inline' : 'side'
  const otherQuery = new URLSearchParams(query)
  otherQuery.set('layout', other)
  const main = `<main><h1>${escapeHtml(after.title)}</h1><p class="subtitle">与 ${before.year}年《${escapeHtml(before.title)}》比对</p>
${c.diff ? summaryHtml(c, before, after) + body : '<p>没有可以比对的往年报告。</p>'}</main>`
  return page(
    `${after.title}（与${before.year}年比对）`,
    css,
    toolbar(
      [
        { href: `?${otherQuery.toString()}`, label: layout === 'side' ? '改为逐段合并 Inline' : '改为左右对照 Side by side' },
        { href: `/export/compare/${c.report.id}.docx?${new URLSearchParams(query).toString()}`, label: '下载修订版 Word' },
        { href: `/compare?report=${c.report.id}`, label: '返回比对' },
      ],
      layout === 'side' ? '左右对照按 A4 横向打印，每页两栏' : '逐段合并按 A4 纵向打印'
    ),
    main
  )
}

/** The print button's script (served as a file: the Content-Security-Policy allows no inline handlers). */
export const PRINT_SCRIPT = `document.addEventListener('click', function (e) { if (e.target && e.target.closest && e.target.closest('[data-print]')) window.print() })\n`
