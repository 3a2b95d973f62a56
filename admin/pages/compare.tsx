// 年度比对 / Comparison view: a report against earlier years of its department.
// Renders the engine's result (never diffs again); every piece of report text is a React text
// node, so markup in a report shows as characters and never runs.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { useRouter } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { headlineOf, type ComparisonSummary } from '../lib/headline'
import { unpackOps, type ReportComparisonResult, type RevisionComparisonResult } from '../../src/compare/transport'
import type { DiffOp, FigureChange, ReusedFrom, SectionPair, TextDiff } from '../../src/compare/types'
import { CSS } from '../compare/styles'
import { readState, writeState, type ViewState } from '../compare/url-state'
import { FiguresTable } from '../compare/figures-table'
import { statusLabel } from '../../src/workflow/vocabulary'
import { SECTION_KIND_LABELS } from '../../src/compare/labels'

// ---------- the API result (wire types from src/compare/transport.ts) ----------
type Op = DiffOp
type Result = Omit<ReportComparisonResult, 'summary'> & {
  summary: Summary
  /** column titles when two revisions are compared */
  revisionLabels?: [string, string]
}
type RevisionResult = RevisionComparisonResult
type ReportRef = ReportComparisonResult['report']
type Origin = NonNullable<ReportComparisonResult['history']>['sentences'][number]

/** Two revisions shown with the same view as two years. */
function fromRevisions(r: RevisionResult): Result {
  return {
    report: r.report,
    against: [],
    primary: null,
    swapped: false,
    diff: r.diff,
    history: null,
    summary: { ...r.summary, againstYear: null },
    lengths: { before: [], after: [] },
    revisionLabels: [r.from.label, r.to.label],
  }
}
type Summary = ComparisonSummary
type Figure = FigureChange

const COMPARE = gql`
  query AnnalsCompare($id: ID!, $against: [ID!], $normalize: CompareNormalizeInput, $swap: Boolean) {
    compareReport(id: $id, against: $against, normalize: $normalize, swap: $swap) {
      cached
      result
    }
  }
`
const REVISIONS = gql`
  query AnnalsCompareRevisions($id: ID!, $from: ID, $to: ID, $normalize: CompareNormalizeInput) {
    compareRevisions(reportId: $id, from: $from, to: $to, normalize: $normalize) {
      cached
      result
    }
  }
`
const REPORTS = gql`
  query AnnalsCompareReports {
    reports(orderBy: [{ year: desc }], take: 500) {
      id
      title
      year
      status
      department {
        id
        name
      }
    }
  }
`

const AGE_COLOURS = ['#fff7d6', '#e8f4ff', '#eef9ea', '#f6ecff', '#ffeef0', '#eaf7f7', '#f9f1e6', '#edf0ff', '#f2f2f2', '#fdf2fa']

// ---------- age colouring ----------
type Piece = { text: string; year?: number }

/** Splits `text` (starting at `offset` of its section text) where the sentence origins change. */
function byAge(text: string, offset: number, origins: Origin[] | undefined, base: number): Piece[] {
  if (!origins?.length) return [{ text }]
  const pieces: Piece[] = []
  let at = 0
  for (const o of origins) {
    const start = Math.max(o.start - offset, at)
    const end = Math.min(o.end - offset, text.length)
    if (end <= start) continue
    if (start > at) pieces.push({ text: text.slice(at, start) })
    pieces.push({ text: text.slice(start, end), year: o.match === 'new' || o.firstYear === undefined ? undefined : o.firstYear })
    at = end
  }
  if (at < text.length) pieces.push({ text: text.slice(at) })
  return pieces.map(p => (p.year !== undefined && p.year >= base ? { text: p.text } : p))
}

function ageColour(year: number, years: number[]): string {
  const index = years.indexOf(year)
  return AGE_COLOURS[(index < 0 ? 0 : index) % AGE_COLOURS.length]
}

// ---------- rendering of one section pair ----------
const FOLD_OVER = 80
const CONTEXT = 24

function Folded({ text, keepStart, keepEnd }: { text: string; keepStart: boolean; keepEnd: boolean }) {
  const [open, setOpen] = useState(false)
  if (open || text.length <= FOLD_OVER) return <>{text}</>
  const head = keepStart ? text.slice(0, CONTEXT) : ''
  const tail = keepEnd ? text.slice(-CONTEXT) : ''
  const hidden = text.length - head.length - tail.length
  return (
    <>
      {head}
      <button type="button" className="fold" onClick={() => setOpen(true)} title="展开未改动的文字 / show unchanged text">
        … 未改动 {hidden} 字 …
      </button>
      {tail}
    </>
  )
}

type Side = 'before' | 'after' | 'both'

/** A moved block with edits inside: its own words, the changed ones marked. */
function movedText(op: Op, inner: Op[] | undefined): ReactNode {
  const text = op.op === 'delete' ? op.before : op.after
  if (!inner) return text
  const own = inner.filter(o => (op.op === 'delete' ? o.op !== 'insert' : o.op !== 'delete'))
  if (own.map(o => (op.op === 'delete' ? o.before : o.after)).join('') !== text) return text
  return own.map((o, k) =>
    o.op === 'equal' ? (
      <span key={k}>{op.op === 'delete' ? o.before : o.after}</span>
    ) : o.op === 'delete' ? (
      <span key={k} className="inner-del">{o.before}</span>
    ) : (
      <span key={k} className="inner-ins">{o.after}</span>
    )
  )
}

/** Where a reused phrase came from: the row that shows its source section, and words for a reader. */
type ReuseSource = (from: ReusedFrom) => { row: number; label: string } | undefined

/** Scrolls to a row (below the sticky column titles) and flashes it. */
function jumpToRow(row: number) {
  const target = document.getElementById(`section-${row}`)
  if (!target) return
  target.scrollIntoView({ block: 'start' })
  target.classList.remove('flash')
  void target.offsetWidth
  target.classList.add('flash')
}

function OpText({ op, side, changesOnly, prev, next, ageOf, inner, reuse }: { op: Op; side: Side; changesOnly: boolean; prev?: Op; next?: Op; ageOf?: (text: string) => ReactNode; inner?: Op[]; reuse?: ReuseSource }) {
  if (op.op === 'insert' && op.reusedFrom && !op.moveId) {
    const source = reuse?.(op.reusedFrom)
    const label = source ? `沿用自${source.label} / reused from ${source.label}` : '沿用自往年 / reused'
    return (
      <ins
        className="chg ins reused"
        data-reused-row={source?.row}
        tabIndex={-1}
        title={label}
        onClick={() => source && jumpToRow(source.row)}
      >
        {op.after}
      </ins>
    )
  }
  if (op.op === 'equal') {
    const text = (side === 'before' ? op.before : op.after) ?? ''
    if (changesOnly) return <span className="eq"><Folded text={text} keepStart={!!prev} keepEnd={!!next} /></span>
    return <span className="eq">{ageOf && side !== 'before' ? ageOf(text) : text}</span>
  }
  if (op.op === 'delete') {
    const body = <del className={`chg del${op.moveId ? ' move' : ''}`} id={op.moveId ? `${op.moveId}-from` : undefined} tabIndex={-1}>{op.moveId ? movedText(op, inner) : op.before}</del>
    if (!op.moveId) return body
    return (
      <>
        {body}
        <a className="move-link no-print-inline" href={`#${op.moveId}-to`} title="移动到的位置 / where it moved">↷ 移至</a>
      </>
    )
  }
  const body = <ins className={`chg ins${op.moveId ? ' move' : ''}`} id={op.moveId ? `${op.moveId}-to` : undefined} tabIndex={-1}>{op.moveId ? movedText(op, inner) : op.after}</ins>
  if (!op.moveId) return body
  return (
    <>
      <a className="move-link" href={`#${op.moveId}-from`} title="原来的位置 / where it came from">↶ 移自</a>
      {body}
    </>
  )
}

function opsFor(side: Side, ops: Op[]): Op[] {
  if (side === 'both') return ops
  return ops.filter(op => (side === 'before' ? op.op !== 'insert' : op.op !== 'delete'))
}

/**
 * Paragraph rows of a side-by-side pair: cut wherever an unchanged stretch holds a line break
 * on both sides, so the two columns stay aligned paragraph by paragraph however long they are.
 * Returns the ops of each row and where the row starts in the after text.
 */
function paragraphRows(ops: Op[]): { ops: Op[]; afterStart: number }[] {
  const rows: { ops: Op[]; afterStart: number }[] = [{ ops: [], afterStart: 0 }]
  let afterAt = 0
  for (const op of ops) {
    const row = rows[rows.length - 1]
    if (op.op !== 'equal' || op.before !== op.after || !op.after.includes('\n')) {
      row.ops.push(op)
      if (op.op !== 'delete') afterAt += op.after.length
      continue
    }
    const parts = op.after.split(/(?<=\n)/u)
    parts.forEach((part, k) => {
      rows[rows.length - 1].ops.push({ op: 'equal', before: part, after: part })
      afterAt += part.length
      if (part.endsWith('\n') && k < parts.length) rows.push({ ops: [], afterStart: afterAt })
    })
  }
  return rows.filter(r => r.ops.length)
}

function Column({ diff, side, changesOnly, ageOf, reuse, ops, startOffset = 0 }: { diff: TextDiff; side: Side; changesOnly: boolean; ageOf?: (offset: number, text: string) => ReactNode; reuse?: ReuseSource; ops?: Op[]; startOffset?: number }) {
  const shown = opsFor(side, ops ?? diff.ops)
  const inner = new Map((diff.moves ?? []).map(m => [m.id, m.ops]))
  let offset = startOffset
  return (
    <div className="text">
      {shown.map((op, i) => {
        const start = offset
        if (side !== 'before' && op.op !== 'delete') offset += (op.after ?? '').length
        const isChange = (o?: Op) => !!o && o.op !== 'equal'
        return (
          <OpText
            key={i}
            op={op}
            side={side}
            changesOnly={changesOnly}
            prev={isChange(shown[i - 1]) ? shown[i - 1] : undefined}
            next={isChange(shown[i + 1]) ? shown[i + 1] : undefined}
            ageOf={ageOf ? t => ageOf(start, t) : undefined}
            inner={op.moveId ? inner.get(op.moveId) : undefined}
            reuse={reuse}
          />
        )
      })}
      {shown.length === 0 && !ops && <span className="empty">（无）</span>}
    </div>
  )
}

const SectionRow = memo(function SectionRow({
  pair,
  index,
  mode,
  changesOnly,
  left,
  right,
  origins,
  years,
  baseYear,
  afterLengths,
  reuse,
}: {
  pair: SectionPair
  index: number
  mode: 'side' | 'inline'
  changesOnly: boolean
  left: string
  right: string
  origins?: Origin[]
  years: number[]
  baseYear: number
  afterLengths: number[]
  reuse?: ReuseSource
}) {
  if (changesOnly && pair.kind === 'same' && !pair.reordered) {
    return (
      <section className="pair same-folded" id={`section-${index}`}>
        <div className="pair-head">
          <span className="heading">{pair.headingAfter ?? pair.headingBefore}</span>
          <span className="badge same">{SECTION_KIND_LABELS.same}</span>
        </div>
      </section>
    )
  }
  // offsets of the after sections inside the joined text of a split
  const sectionAt = (offset: number) => {
    let rest = offset
    for (let k = 0; k < pair.after.length; k++) {
      if (rest <= afterLengths[k]) return { section: pair.after[k], offset: rest }
      rest -= afterLengths[k] + 1
    }
    return { section: pair.after[pair.after.length - 1], offset: rest }
  }
  const ageOf = origins
    ? (offset: number, text: string) => {
        const { section, offset: local } = sectionAt(offset)
        const own = origins.filter(o => o.section === section)
        return byAge(text, local, own, baseYear).map((piece, k) =>
          piece.year === undefined ? (
            <span key={k}>{piece.text}</span>
          ) : (
            <span key={k} className="aged" style={{ background: ageColour(piece.year, years) }} title={`最早见于 ${piece.year} 年 / first seen in ${piece.year}`}>
              {piece.text}
            </span>
          )
        )
      }
    : undefined
  return (
    <section className={`pair kind-${pair.kind} level-${pair.level ?? 1}`} id={`section-${index}`}>
      <div className="pair-head">
        <span className="heading">
          {pair.headingBefore && pair.headingAfter && pair.headingBefore !== pair.headingAfter ? (
            <>
              <del className="chg del heading-del" tabIndex={-1}>{pair.headingBefore}</del> → <ins className="chg ins heading-ins" tabIndex={-1}>{pair.headingAfter}</ins>
            </>
          ) : (
            pair.headingAfter ?? pair.headingBefore
          )}
        </span>
        <span className={`badge ${pair.kind}`}>{SECTION_KIND_LABELS[pair.kind]}</span>
        {pair.reordered && <span className="badge reordered">顺序调整</span>}
        {pair.before.length > 0 && pair.after.length > 0 && <span className="sim">相似度 {Math.round(pair.similarity * 100)}%</span>}
      </div>
      {mode === 'side' && pair.before.length > 0 && pair.after.length > 0 ? (
        <div className="cols para-rows">
          {paragraphRows(pair.diff.ops).map((row, k) => (
            <div className="para-row" key={k}>
              <div className="col col-before" aria-label={left}>
                <Column diff={pair.diff} ops={row.ops} side="before" changesOnly={changesOnly} />
              </div>
              <div className="col col-after" aria-label={right}>
                <Column diff={pair.diff} ops={row.ops} startOffset={row.afterStart} side="after" changesOnly={changesOnly} ageOf={ageOf} reuse={reuse} />
              </div>
            </div>
          ))}
        </div>
      ) : mode === 'side' ? (
        <div className="cols">
          <div className="col col-before" aria-label={left}>
            {pair.before.length ? <Column diff={pair.diff} side="before" changesOnly={changesOnly} /> : <div className="text empty">（{left}无此节）</div>}
          </div>
          <div className="col col-after" aria-label={right}>
            {pair.after.length ? <Column diff={pair.diff} side="after" changesOnly={changesOnly} ageOf={ageOf} reuse={reuse} /> : <div className="text empty">（{right}已删除此节）</div>}
          </div>
        </div>
      ) : (
        <div className="col col-inline">
          <Column diff={pair.diff} side="both" changesOnly={changesOnly} reuse={reuse} />
        </div>
      )}
    </section>
  )
})

/** Equal ops arrive with `before` only when both sides are identical (see compactForTransport). */
function expand(result: Result | undefined): Result | undefined {
  return result && unpackOps(result)
}

// ---------- keyboard navigation between changes ----------
function useChangeNavigation(root: React.RefObject<HTMLDivElement | null>) {
  const current = useRef(-1)
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement
      if (target.closest('input, select, textarea, button') || event.metaKey || event.ctrlKey || event.altKey) return
      const forward = event.key === 'j' || event.key === 'n'
      const backward = event.key === 'k' || event.key === 'p'
      if (!forward && !backward) return
      const changes = Array.from(root.current?.querySelectorAll<HTMLElement>('.chg') ?? [])
      if (!changes.length) return
      changes[current.current]?.classList.remove('current')
      current.current = forward ? Math.min(changes.length - 1, current.current + 1) : Math.max(0, current.current - 1)
      const element = changes[current.current]
      element.classList.add('current')
      element.scrollIntoView({ block: 'center' })
      element.focus({ preventScroll: true })
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [root])
}

function againstIdsOf(state: ViewState, result: Result): string[] {
  return state.against.length ? state.against : result.against.map(a => a.id)
}

/** Row and words for the source of a reused phrase: the earlier side's section, its heading and year. */
function reuseSources(result: Result, beforeLabel: string): ReuseSource {
  const rowOf = new Map<number, number>()
  result.diff?.sections.forEach((pair, row) => pair.before.forEach(section => rowOf.set(section, row)))
  return from => {
    const section = from.section ?? 0
    const row = rowOf.get(section)
    if (row === undefined || !result.diff) return undefined
    const heading = result.diff.sections[row].headingBefore ?? ''
    return { row, label: `${beforeLabel}「${heading}」` }
  }
}

// ---------- page ----------
export default function ComparePage() {
  const router = useRouter()
  const state = readState(router.query as Record<string, string>)
  const update = useCallback(
    (patch: Partial<ViewState>) => {
      router.replace({ pathname: router.pathname, query: writeState({ ...state, ...patch }) }, undefined, { shallow: true })
    },
    [router, state]
  )
  const reports = useQuery<{ reports: ReportRef[] }>(REPORTS)
  // revision mode (from/to in the URL): two revisions of one report, e.g. “changes this round”
  const revisionMode = !!(state.from || state.to)
  const normalize = { traditional: state.trad, punctuation: state.punct, numbering: state.numbering }
  const revisions = useQuery<{ compareRevisions: { cached: boolean; result: RevisionResult } }>(REVISIONS, {
    skip: !state.report || !revisionMode,
    variables: { id: state.report, from: state.from || null, to: state.to || null, normalize },
  })
  const years_ = useQuery<{ compareReport: { cached: boolean; result: Result } }>(COMPARE, {
    skip: !state.report || revisionMode,
    variables: {
      id: state.report,
      against: state.against.length ? state.against : null,
      normalize,
      swap: state.swap,
    },
  })
  const loading = revisionMode ? revisions.loading : years_.loading
  const error = revisionMode ? revisions.error : years_.error
  const data = useMemo(
    () =>
      revisionMode
        ? revisions.data && { compareReport: { cached: revisions.data.compareRevisions.cached, result: fromRevisions(revisions.data.compareRevisions.result) } }
        : years_.data,
    [revisionMode, revisions.data, years_.data]
  )
  const root = useRef<HTMLDivElement>(null)
  useChangeNavigation(root)

  const result = useMemo(() => expand(data?.compareReport?.result), [data])
  const allReports = (reports.data?.reports ?? []) as ReportRef[]
  const department = result?.report.department?.id
  // earlier years are the comparison targets; a later year only when asked (and labelled)
  const candidates = allReports.filter(
    r => r.department?.id === department && r.id !== result?.report.id && (state.later || !result || r.year < result.report.year || againstIdsOf(state, result).includes(r.id))
  )
  const againstIds = state.against.length ? state.against : (result?.against.map(a => a.id) ?? [])
  const baseLabel = result ? `${result.report.year}年` : '本报告'
  const primaryLabel = result?.primary ? `${result.primary.year}年` : '往年'
  const [left, right] = result?.revisionLabels ?? (result?.swapped ? [baseLabel, primaryLabel] : [primaryLabel, baseLabel])
  const years = useMemo(() => (result?.history?.years ?? []).map(y => y.year).sort((a, b) => a - b), [result])
  const reuse = useMemo(() => (result ? reuseSources(result, left) : undefined), [result, left])

  const header = <Heading type="h3">年度比对 Comparison</Heading>
  if (!state.report) {
    return (
      <PageContainer header={header} title="年度比对">
        <p>请从报告页面打开比对，或在下方选择一份报告。 Open the comparison from a report, or pick one:</p>
        <select aria-label="基准报告" onChange={e => update({ report: e.target.value, against: [] })} defaultValue="">
          <option value="">选择报告 / choose a report</option>
          {allReports.map(r => (
            <option key={r.id} value={r.id}>
              {r.department?.name} {r.year} {r.title}
            </option>
          ))}
        </select>
      </PageContainer>
    )
  }

  return (
    <PageContainer header={header} title="年度比对">
      <style>{CSS}</style>
      <div id="annals-compare" ref={root}>
        <div className="controls no-print">
          <label>
            基准报告 Base
            <select aria-label="基准报告" value={state.report} onChange={e => update({ report: e.target.value, against: [] })}>
              {allReports.map(r => (
                <option key={r.id} value={r.id}>
                  {r.department?.name} · {r.year} · {r.title}（{statusLabel(r.status)}）
                </option>
              ))}
            </select>
          </label>
          {revisionMode ? (
            <fieldset>
              <legend>修订比对 Revisions</legend>
              <button type="button" onClick={() => update({ from: '', to: '' })}>改为与往年比对 Compare with earlier years</button>
            </fieldset>
          ) : (
          <fieldset>
            <legend>对比年份 Compare with</legend>
            {candidates.map(r => (
              <label key={r.id} className="chip">
                <input
                  type="checkbox"
                  checked={againstIds.includes(r.id)}
                  onChange={e => {
                    const next = e.target.checked ? [...againstIds, r.id] : againstIds.filter(id => id !== r.id)
                    update({ against: next })
                  }}
                />
                {r.year}
                {result && r.year > result.report.year ? '（较晚 later）' : ''}
              </label>
            ))}
            <label className="chip">
              <input type="checkbox" checked={state.later} onChange={e => update({ later: e.target.checked })} /> 显示较晚年份 Later years
            </label>
          </fieldset>
          )}
          <button type="button" onClick={() => update({ swap: !state.swap })}>⇄ 交换左右 Swap</button>
          <fieldset>
            <legend>显示 View</legend>
            <label className="chip">
              <input type="radio" name="mode" checked={state.mode === 'side'} onChange={() => update({ mode: 'side' })} /> 并排 Side by side
            </label>
            <label className="chip">
              <input type="radio" name="mode" checked={state.mode === 'inline'} onChange={() => update({ mode: 'inline' })} /> 行内 Inline
            </label>
            <label className="chip">
              <input type="checkbox" checked={state.changesOnly} onChange={e => update({ changesOnly: e.target.checked })} /> 仅显示改动 Changes only
            </label>
          </fieldset>
          <fieldset>
            <legend>规范化 Normalise</legend>
            <label className="chip">
              <input type="checkbox" checked={state.trad} onChange={e => update({ trad: e.target.checked })} /> 繁简 Traditional/Simplified
            </label>
            <label className="chip">
              <input type="checkbox" checked={state.punct} onChange={e => update({ punct: e.target.checked })} /> 标点 Punctuation
            </label>
            <label className="chip">
              <input type="checkbox" checked={state.numbering} onChange={e => update({ numbering: e.target.checked })} /> 编号 Numbering
            </label>
          </fieldset>
        </div>

        {loading && <p className="status">正在比对… Comparing…</p>}
        {error && (
          <p className="status error" role="alert">
            {error.message}
          </p>
        )}
        {result && (
          <>
            <h2 className="title">
              {result.report.department?.name} · {result.report.title}
              {result.primary ? ` ⟷ ${result.primary.year}年` : ''}
            </h2>
            <p className="headline" data-testid="headline">
              {result.revisionLabels
                ? `${result.revisionLabels[0]} → ${result.revisionLabels[1]}：相似度 ${Math.round(result.summary.similarity * 100)}%，修改 ${result.summary.changedSections} 节，新增 ${result.summary.addedSections} 节，删除 ${result.summary.droppedSections} 节`
                : headlineOf(result.summary)}
              {data?.compareReport?.cached && <span className="muted">（缓存 cached）</span>}
            </p>
            {result.history && result.history.years.length > 1 && (
              <p className="years">
                与各年份的相似度：
                {result.history.years.map(y => (
                  <span key={y.year} className="chip" style={{ background: ageColour(y.year, years) }}>
                    {y.year}年 {Math.round(y.similarity * 100)}%
                  </span>
                ))}
              </p>
            )}
            <div className="legend" aria-label="图例 legend">
              <span>
                <del className="del">删除</del> 仅在{left}
              </span>
              <span>
                <ins className="ins">新增</ins> 仅在{right}
              </span>
              <span>
                <ins className="ins move">移动</ins> 段落移动（点击 ↶/↷ 跳转）
              </span>
              <span>
                <ins className="ins reused">沿用</ins> 沿用{left}别处的文字（点击跳到出处）
              </span>
              {!result.swapped &&
                years.map(y => (
                  <span key={y} className="aged" style={{ background: ageColour(y, years) }}>
                    沿用自 {y} 年
                  </span>
                ))}
              <span className="muted no-print">快捷键：j / n 下一处改动，k / p 上一处</span>
              <span className="no-print">
                <a href={`/print/compare/${state.report}?${new URLSearchParams(writeState(state))}`} target="_blank" rel="noopener">打印版 Print view</a>
                {' · '}
                <a href={`/export/compare/${state.report}.docx?${new URLSearchParams(writeState(state))}`}>下载修订稿 Redline .docx</a>
              </span>
            </div>
            {result.diff ? (
              <>
                {state.mode === 'side' && (
                  <div className="cols col-titles">
                    <div>{left}</div>
                    <div>{right}</div>
                  </div>
                )}
                {result.diff.sections.map((pair, index) => (
                  <SectionRow
                    key={index}
                    pair={pair}
                    index={index}
                    mode={state.mode}
                    changesOnly={state.changesOnly}
                    left={left}
                    right={right}
                    origins={result.swapped ? undefined : result.history?.sentences}
                    years={years}
                    baseYear={result.report.year}
                    afterLengths={pair.after.map(i => result.lengths.after[i] ?? 0)}
                    reuse={reuse}
                  />
                ))}
                <FiguresTable figures={result.diff.figures} left={left} right={right} />
              </>
            ) : (
              <p>没有可以比对的往年报告。 There is no earlier report of this department to compare with.</p>
            )}
          </>
        )}
      </div>
    </PageContainer>
  )
}
