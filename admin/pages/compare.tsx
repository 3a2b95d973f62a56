// 年度比对 / Comparison view: a report against earlier years of its department.
// Renders the engine's result (never diffs again); every piece of report text is a React text
// node, so markup in a report shows as characters and never runs.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { useRouter } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { headlineOf, type ComparisonSummary } from '../lib/headline'
import { unpackOps } from '../../src/compare/transport'

// ---------- types of the API result (see src/compare/types.ts) ----------
type Op = { op: 'equal' | 'delete' | 'insert'; before?: string; after?: string; moveId?: string }
type TextDiff = { ops: Op[]; similarity: number; moves?: { id: string; similarity: number; ops: Op[] }[] }
type SectionPair = {
  before: number[]
  after: number[]
  kind: 'same' | 'changed' | 'renamed' | 'added' | 'dropped' | 'split' | 'merged'
  reordered: boolean
  headingBefore?: string
  headingAfter?: string
  similarity: number
  diff: TextDiff
}
type Figure = {
  label: string
  unit: string
  status: 'same' | 'changed' | 'added' | 'removed'
  delta?: number
  before?: { text: string; sentence: string }
  after?: { text: string; sentence: string }
}
type ReportRef = { id: string; year: number; title: string; status: string; kind: string; department: { id: string; name: string } | null }
type Origin = { section: number; start: number; end: number; firstYear?: number; match: 'exact' | 'similar' | 'new' }
type Result = {
  report: ReportRef
  against: ReportRef[]
  primary: ReportRef | null
  swapped: boolean
  diff: { sections: SectionPair[]; similarity: number; figures: Figure[]; reused: unknown[]; stats: Record<string, number> } | null
  history: { sentences: Origin[]; years: { year: number; similarity: number }[] } | null
  summary: Summary
  /** text lengths of the sections on each side of the diff */
  lengths: { before: number[]; after: number[] }
  /** column titles when two revisions are compared */
  revisionLabels?: [string, string]
}
type RevisionResult = {
  report: ReportRef
  from: { id: string; label: string }
  to: { id: string; label: string }
  diff: NonNullable<Result['diff']>
  summary: Summary
}

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

const KIND_LABELS: Record<SectionPair['kind'], string> = {
  same: '未改动',
  changed: '有修改',
  renamed: '标题改动',
  added: '新增一节',
  dropped: '删除一节',
  split: '拆分',
  merged: '合并',
}
const STATUS_LABELS: Record<string, string> = { draft: '草稿', in_review: '审核中', changes_requested: '退回修改', approved: '已批准' }
const AGE_COLOURS = ['#fff7d6', '#e8f4ff', '#eef9ea', '#f6ecff', '#ffeef0', '#eaf7f7', '#f9f1e6', '#edf0ff', '#f2f2f2', '#fdf2fa']

// ---------- URL state ----------
type ViewState = { report: string; from: string; to: string; against: string[]; mode: 'side' | 'inline'; changesOnly: boolean; trad: boolean; punct: boolean; numbering: boolean; swap: boolean }

function readState(query: Record<string, string | string[] | undefined>): ViewState {
  const one = (key: string) => (Array.isArray(query[key]) ? query[key]?.[0] : (query[key] as string | undefined))
  return {
    report: one('report') ?? '',
    from: one('from') ?? '',
    to: one('to') ?? '',
    against: (one('against') ?? '').split(',').filter(Boolean),
    mode: one('mode') === 'inline' ? 'inline' : 'side',
    changesOnly: one('changes') === '1',
    trad: one('trad') !== '0',
    punct: one('punct') !== '0',
    numbering: one('numbering') === '1',
    swap: one('swap') === '1',
  }
}

function writeState(state: ViewState): Record<string, string> {
  const query: Record<string, string> = { report: state.report }
  if (state.from) query.from = state.from
  if (state.to) query.to = state.to
  if (state.against.length) query.against = state.against.join(',')
  if (state.mode === 'inline') query.mode = 'inline'
  if (state.changesOnly) query.changes = '1'
  if (!state.trad) query.trad = '0'
  if (!state.punct) query.punct = '0'
  if (state.numbering) query.numbering = '1'
  if (state.swap) query.swap = '1'
  return query
}

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

function OpText({ op, side, changesOnly, prev, next, ageOf, inner }: { op: Op; side: Side; changesOnly: boolean; prev?: Op; next?: Op; ageOf?: (text: string) => ReactNode; inner?: Op[] }) {
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

function Column({ diff, side, changesOnly, ageOf }: { diff: TextDiff; side: Side; changesOnly: boolean; ageOf?: (offset: number, text: string) => ReactNode }) {
  const shown = opsFor(side, diff.ops)
  const inner = new Map((diff.moves ?? []).map(m => [m.id, m.ops]))
  let offset = 0
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
          />
        )
      })}
      {shown.length === 0 && <span className="empty">（无）</span>}
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
}) {
  if (changesOnly && pair.kind === 'same' && !pair.reordered) {
    return (
      <section className="pair same-folded" id={`section-${index}`}>
        <div className="pair-head">
          <span className="heading">{pair.headingAfter ?? pair.headingBefore}</span>
          <span className="badge same">{KIND_LABELS.same}</span>
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
    <section className={`pair kind-${pair.kind}`} id={`section-${index}`}>
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
        <span className={`badge ${pair.kind}`}>{KIND_LABELS[pair.kind]}</span>
        {pair.reordered && <span className="badge reordered">顺序调整</span>}
        {pair.before.length > 0 && pair.after.length > 0 && <span className="sim">相似度 {Math.round(pair.similarity * 100)}%</span>}
      </div>
      {mode === 'side' ? (
        <div className="cols">
          <div className="col col-before" aria-label={left}>
            {pair.before.length ? <Column diff={pair.diff} side="before" changesOnly={changesOnly} /> : <div className="text empty">（{left}无此节）</div>}
          </div>
          <div className="col col-after" aria-label={right}>
            {pair.after.length ? <Column diff={pair.diff} side="after" changesOnly={changesOnly} ageOf={ageOf} /> : <div className="text empty">（{right}已删除此节）</div>}
          </div>
        </div>
      ) : (
        <div className="col col-inline">
          <Column diff={pair.diff} side="both" changesOnly={changesOnly} />
        </div>
      )}
    </section>
  )
})

function FiguresTable({ figures, left, right }: { figures: Figure[]; left: string; right: string }) {
  const [all, setAll] = useState(false)
  const shown = figures.filter(f => all || f.status !== 'same')
  const arrow = (f: Figure) => (f.delta === undefined ? '' : f.delta > 0 ? `↑ +${f.delta}` : f.delta < 0 ? `↓ ${f.delta}` : '＝')
  const statusText: Record<Figure['status'], string> = { same: '未变', changed: '变化', added: '新增', removed: '删除' }
  return (
    <section className="figures" id="figures">
      <h3>
        数字对照 Figures <span className="muted">（{figures.filter(f => f.status === 'changed').length} 处变化）</span>
        <label className="no-print toggle">
          <input type="checkbox" checked={all} onChange={e => setAll(e.target.checked)} /> 显示未变化的数字
        </label>
      </h3>
      <table>
        <thead>
          <tr>
            <th>事项</th>
            <th>{left}</th>
            <th>{right}</th>
            <th>变化</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f, i) => (
            <tr key={i} className={`figure ${f.status}`}>
              <td>{f.label}</td>
              <td title={f.before?.sentence}>{f.before?.text ?? '—'}</td>
              <td title={f.after?.sentence}>{f.after?.text ?? '—'}</td>
              <td className={f.delta && f.delta > 0 ? 'up' : f.delta && f.delta < 0 ? 'down' : ''}>{arrow(f)}</td>
              <td>{statusText[f.status]}</td>
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={5}>没有数字变化</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  )
}

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
  const candidates = allReports.filter(r => r.department?.id === department && r.id !== result?.report.id)
  const againstIds = state.against.length ? state.against : (result?.against.map(a => a.id) ?? [])
  const baseLabel = result ? `${result.report.year}年` : '本报告'
  const primaryLabel = result?.primary ? `${result.primary.year}年` : '往年'
  const [left, right] = result?.revisionLabels ?? (result?.swapped ? [baseLabel, primaryLabel] : [primaryLabel, baseLabel])
  const years = useMemo(() => (result?.history?.years ?? []).map(y => y.year).sort((a, b) => a - b), [result])

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
                  {r.department?.name} · {r.year} · {r.title}（{STATUS_LABELS[r.status] ?? r.status}）
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
              </label>
            ))}
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
              {!result.swapped &&
                years.map(y => (
                  <span key={y} className="aged" style={{ background: ageColour(y, years) }}>
                    沿用自 {y} 年
                  </span>
                ))}
              <span className="muted no-print">快捷键：j / n 下一处改动，k / p 上一处</span>
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

const CSS = `
#annals-compare { --del: #ffe2e0; --del-text: #86181d; --ins: #dcffe4; --ins-text: #114620; --move: #e8e2ff; font-size: 15px; }
#annals-compare .controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; padding: 12px; border: 1px solid #d0d7de; border-radius: 8px; background: #f6f8fa; margin-bottom: 12px; }
#annals-compare .controls label, #annals-compare .controls legend { font-size: 13px; color: #444; }
#annals-compare .controls select { display: block; max-width: 420px; margin-top: 4px; padding: 4px; }
#annals-compare fieldset { border: 0; margin: 0; padding: 0; }
#annals-compare .chip { display: inline-flex; align-items: center; gap: 4px; margin: 2px 6px 2px 0; padding: 2px 8px; border-radius: 12px; border: 1px solid #d0d7de; background: #fff; font-size: 13px; }
#annals-compare button { padding: 4px 10px; border-radius: 6px; border: 1px solid #d0d7de; background: #fff; cursor: pointer; }
#annals-compare .title { font-size: 20px; margin: 8px 0 4px; }
#annals-compare .headline { font-size: 16px; font-weight: 600; margin: 4px 0 8px; }
#annals-compare .muted { color: #6e7781; font-weight: normal; font-size: 13px; }
#annals-compare .legend { display: flex; flex-wrap: wrap; gap: 10px; font-size: 13px; margin: 8px 0 12px; }
#annals-compare .status.error { color: #b42318; font-weight: 600; }
#annals-compare .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
#annals-compare .col-titles { font-weight: 600; position: sticky; top: 0; background: #fff; z-index: 1; padding: 6px 0; border-bottom: 2px solid #d0d7de; }
#annals-compare .pair { border-bottom: 1px solid #eaeef2; padding: 10px 0; }
#annals-compare .pair-head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; margin-bottom: 6px; }
#annals-compare .heading { font-weight: 700; font-size: 16px; }
#annals-compare .badge { font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #eaeef2; }
#annals-compare .badge.added { background: var(--ins); } #annals-compare .badge.dropped { background: var(--del); }
#annals-compare .badge.reordered, #annals-compare .badge.split, #annals-compare .badge.merged { background: var(--move); }
#annals-compare .sim { font-size: 12px; color: #57606a; }
#annals-compare .text { white-space: pre-wrap; line-height: 1.9; word-break: break-all; font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; }
#annals-compare .col-inline .text { max-width: 60em; }
#annals-compare del.del, #annals-compare .legend del { background: var(--del); color: var(--del-text); text-decoration: line-through; text-decoration-color: #cf222e88; }
#annals-compare ins.ins, #annals-compare .legend ins { background: var(--ins); color: var(--ins-text); text-decoration: none; }
#annals-compare .move { background: var(--move) !important; color: #3b2a7a !important; outline: 1px dashed #8a7fd1; }
#annals-compare .inner-del { text-decoration: line-through; color: #cf222e; }
#annals-compare .inner-ins { font-weight: 700; color: #1a7f37; border-bottom: 2px solid #1a7f37; }
#annals-compare .move-link { font-size: 12px; margin: 0 2px; color: #5b4cc4; text-decoration: none; }
#annals-compare .chg.current { outline: 3px solid #fb8c00; }
#annals-compare .aged { border-radius: 2px; }
#annals-compare .fold { border: 0; background: #eef1f4; color: #57606a; font-size: 12px; border-radius: 4px; margin: 0 2px; padding: 0 6px; }
#annals-compare .empty { color: #8c959f; }
#annals-compare .figures table { border-collapse: collapse; width: 100%; font-size: 14px; }
#annals-compare .figures th, #annals-compare .figures td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }
#annals-compare .figures .up { color: #1a7f37; } #annals-compare .figures .down { color: #cf222e; }
#annals-compare .figures h3 { display: flex; gap: 12px; align-items: baseline; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body * { visibility: hidden; }
  #annals-compare, #annals-compare * { visibility: visible; }
  #annals-compare { position: absolute; left: 0; top: 0; width: 100%; font-size: 10.5pt; }
  #annals-compare .no-print, #annals-compare .fold { display: none !important; }
  #annals-compare .inner-del { text-decoration: line-through; color: #cf222e; }
#annals-compare .inner-ins { font-weight: 700; color: #1a7f37; border-bottom: 2px solid #1a7f37; }
#annals-compare .move-link { display: none; }
  #annals-compare .col-titles { position: static; }
  #annals-compare .pair { break-inside: auto; }
  #annals-compare .pair-head { break-after: avoid; }
  #annals-compare .figures tr { break-inside: avoid; }
  #annals-compare * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`
