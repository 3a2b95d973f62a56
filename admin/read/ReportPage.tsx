// 阅读视图 / Reading view: a report as a document — title, department, year, status, the sections
// in order in Chinese typography — with comments beside their passages (select text to add
// one), the workflow actions this user may take, the checks, revisions and audit trail.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useMutation, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { useRouter } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { anchorAt } from '../../src/workflow/anchor'
import { kindLabel } from '../../src/workflow/vocabulary'
import { CREATE_COMMENT, READ_REPORT, REPORT_CHECKS, type Check, type CommentRow, type ReportRow, type SectionRow, type Viewer } from './queries'
import { STATUS_COLORS, statusLabel, userMessage, yearText } from './format'
import { paragraphsOf, selectionInSection, type Mark, type Selected } from './highlight'
import { CommentThread } from './CommentThread'
import { ActionsPanel, AuditPanel, ChecksPanel, ComparisonPanel, RevisionsPanel } from './panels'
import { ui } from './styles'
import { ErrorNote, useAttempt } from './attempt'
import { passageSourcesHref } from '../archive/links'

const LAYOUT_CSS = `
#annals-read .read-layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 24px; align-items: start; }
#annals-read .read-section { display: grid; grid-template-columns: minmax(0, 40em) minmax(200px, 1fr); gap: 20px; align-items: start; }
@media (max-width: 1300px) { #annals-read .read-layout { grid-template-columns: minmax(0, 1fr); } }
@media (max-width: 900px) { #annals-read .read-section { grid-template-columns: minmax(0, 1fr); } }
#annals-read mark[data-comment] { background: #fff1b8; border-bottom: 2px solid #d4a72c; color: inherit; cursor: pointer; }
#annals-read mark[data-active="true"] { background: #ffd33d; }
`

function useReportId(): string {
  const router = useRouter()
  const raw = (router.query as { id?: string | string[] }).id
  return Array.isArray(raw) ? raw[0] : raw ?? ''
}

export default function ReportReadingPage() {
  const id = useReportId()
  const { data, loading, error, refetch } = useQuery<{ authenticatedItem: Viewer | null; report: ReportRow | null }>(READ_REPORT, { variables: { id }, skip: !id, fetchPolicy: 'cache-and-network' })
  const checks = useQuery<{ reportChecks: Check[] }>(REPORT_CHECKS, { variables: { id }, skip: !id, fetchPolicy: 'cache-and-network' })
  const report = data?.report
  const viewer = data?.authenticatedItem
  const title = report ? report.title : '报告 Report'
  return (
    <PageContainer header={<Heading type="h3">阅读 Reading</Heading>} title={title}>
      <style>{LAYOUT_CSS}</style>
      <div id="annals-read" style={ui.page}>
        {loading && !data && <p>加载中… Loading…</p>}
        {error && <p role="alert">{userMessage(error)}</p>}
        {data && !report && <p role="alert" data-testid="not-found">报告不存在或您无权查看 / The report does not exist or you may not read it</p>}
        {report && viewer && (
          <Document
            report={report}
            viewer={viewer}
            checks={checks.data?.reportChecks}
            checksLoading={checks.loading}
            checksError={checks.error ? userMessage(checks.error) : null}
            refresh={() => Promise.all([refetch(), checks.refetch()])}
            rerunChecks={() => checks.refetch()}
          />
        )}
      </div>
    </PageContainer>
  )
}

type DocumentProps = { report: ReportRow; viewer: Viewer; checks: Check[] | undefined; checksLoading: boolean; checksError: string | null; refresh: () => Promise<unknown>; rerunChecks: () => void }

function Document({ report, viewer, checks, checksLoading, checksError, refresh, rerunChecks }: DocumentProps) {
  const member = viewer.departments.some(d => d.id === report.department?.id)
  const canTalk = viewer.role === 'admin' || ((viewer.role === 'writer' || viewer.role === 'head') && member)
  const writable = viewer.role === 'writer' && member && (report.status === 'draft' || report.status === 'changes_requested')
  const [active, setActive] = useState<string | null>(null)
  const [selected, setSelected] = useState<(Selected & { quote: string; top: number; left: number }) | null>(null)
  const headings = useMemo(() => new Map(report.sections.map(s => [s.id, s.heading])), [report.sections])
  const bySection = useMemo(() => {
    const map = new Map<string, CommentRow[]>()
    for (const c of report.comments) {
      const key = c.section?.id && headings.has(c.section.id) ? c.section.id : ''
      map.set(key, [...(map.get(key) ?? []), c])
    }
    for (const list of map.values()) list.sort((a, b) => (a.anchor?.start ?? 1e9) - (b.anchor?.start ?? 1e9))
    return map
  }, [report.comments, headings])

  const onMouseUp = useCallback(() => {
    const found = selectionInSection()
    const section = found && report.sections.find(s => s.id === found.sectionId)
    if (!found || !section) return
    const rect = window.getSelection()?.getRangeAt(0).getBoundingClientRect()
    // the quote is the stored text at the selected offsets, never what the browser copied
    setSelected({ ...found, quote: section.plainText.slice(found.start, found.end), top: Math.min((rect?.bottom ?? 0) + 8, window.innerHeight - 280), left: Math.max(8, Math.min(rect?.left ?? 0, window.innerWidth - 440)) })
  }, [report.sections])

  const goTo = (sectionId: string) => document.getElementById(`section-${sectionId}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' })
  const unplaced = bySection.get('') ?? []
  return (
    <div className="read-layout">
      <article onMouseUp={onMouseUp} data-testid="reading-view">
        <h1 style={ui.title} data-testid="report-title">{report.title}</h1>
        <div style={ui.meta}>
          <span data-testid="report-department">{report.department?.name ?? ''}</span> · <span data-testid="report-year">{yearText(report.year)}年</span> · {kindLabel(report.kind)} ·{' '}
          <span style={{ ...ui.badge, background: STATUS_COLORS[report.status] ?? '#6e7781' }} data-testid="report-status">
            {statusLabel(report.status)}
          </span>
        </div>
        {canTalk && <div style={{ ...ui.small, textAlign: 'center', marginBottom: 12 }}>选中正文中的文字即可批注 / Select text to comment on it</div>}
        {report.sections.length === 0 && <p>本报告还没有章节 / This report has no sections yet</p>}
        {report.sections.map(section => (
          <SectionBlock
            key={section.id}
            section={section}
            comments={bySection.get(section.id) ?? []}
            reportId={report.id}
            canTalk={canTalk}
            active={active}
            onFocus={setActive}
            onChanged={refresh}
          />
        ))}
        {unplaced.length > 0 && (
          <div style={{ marginTop: 24 }}>
            <div style={ui.boxTitle}>其他批注 Other comments</div>
            {unplaced.map(c => (
              <CommentThread key={c.id} comment={c} reportId={report.id} canTalk={canTalk} active={active === c.id} onFocus={setActive} onChanged={refresh} />
            ))}
          </div>
        )}
        {selected && <Composer selected={selected} canTalk={canTalk} reportId={report.id} onClose={() => setSelected(null)} onDone={() => { setSelected(null); refresh() }} text={report.sections.find(s => s.id === selected.sectionId)?.plainText ?? ''} />}
      </article>
      <aside data-testid="workflow-panel">
        <ActionsPanel report={report} viewer={viewer} checks={checks} onDone={refresh} />
        <ChecksPanel checks={checks} loading={checksLoading} error={checksError} headings={headings} onPick={goTo} onRerun={rerunChecks} writeHref={writable ? `/write/${report.id}` : undefined} />
        <ComparisonPanel reportId={report.id} />
        <RevisionsPanel report={report} />
        <AuditPanel report={report} />
      </aside>
    </div>
  )
}

type SectionProps = { section: SectionRow; comments: CommentRow[]; reportId: string; canTalk: boolean; active: string | null; onFocus: (id: string) => void; onChanged: () => void }

function SectionBlock({ section, comments, reportId, canTalk, active, onFocus, onChanged }: SectionProps) {
  const level = Math.min(3, Math.max(1, section.level)) as 1 | 2 | 3
  const marks: Mark[] = comments.flatMap(c => (c.anchor && c.anchor.status !== 'missing' && c.anchor.start !== undefined && c.anchor.end !== undefined && !c.resolved ? [{ start: c.anchor.start, end: c.anchor.end, id: c.id }] : []))
  const paragraphs = paragraphsOf(section.plainText, marks)
  const HeadingTag = (`h${level + 1}` as 'h2' | 'h3' | 'h4')
  return (
    <section className="read-section" id={`section-${section.id}`} data-testid="section">
      <div data-section-id={section.id}>
        <HeadingTag style={ui.heading[level]}>{section.heading}</HeadingTag>
        {paragraphs.map(p =>
          p.pieces.length === 0 || p.pieces.every(x => !x.text.trim()) ? null : (
            <p key={p.start} data-start={p.start} style={ui.paragraph}>
              {p.pieces.map(piece =>
                piece.marks.length ? (
                  <mark key={piece.start} data-comment={piece.marks.join(' ')} data-active={piece.marks.includes(active ?? '') ? 'true' : 'false'} onClick={() => onFocus(piece.marks[0])}>
                    {piece.text}
                  </mark>
                ) : (
                  <span key={piece.start}>{piece.text}</span>
                )
              )}
            </p>
          )
        )}
      </div>
      <div data-testid="section-comments">
        {comments.map(c => (
          <CommentThread key={c.id} comment={c} reportId={reportId} canTalk={canTalk} active={active === c.id} onFocus={onFocus} onChanged={onChanged} />
        ))}
      </div>
    </section>
  )
}

type ComposerProps = { selected: Selected & { quote: string; top: number; left: number }; canTalk: boolean; reportId: string; text: string; onClose: () => void; onDone: () => void }

function Composer({ selected, canTalk, reportId, text, onClose, onDone }: ComposerProps) {
  const [body, setBody] = useState('')
  const { error, setError, attempt } = useAttempt()
  const [createComment, state] = useMutation(CREATE_COMMENT)
  useEffect(() => setError(null), [selected, setError])
  const save = () =>
    attempt(async () => {
      const { quote, prefix, suffix } = anchorAt(text, selected.start, selected.end)
      await createComment({
        variables: { data: { report: { connect: { id: reportId } }, section: { connect: { id: selected.sectionId } }, quote, prefix, suffix, body: body.trim() } },
      })
      onDone()
    })
  return (
    <div
      role="dialog"
      aria-label={canTalk ? '添加批注 Add a comment' : '选中的段落 Selected passage'}
      data-testid="comment-composer"
      onMouseUp={e => e.stopPropagation()}
      style={{ position: 'fixed', top: selected.top, left: selected.left, width: 420, zIndex: 20, ...ui.card, boxShadow: '0 8px 24px rgba(0,0,0,.15)' }}
    >
      <div style={ui.boxTitle}>{canTalk ? '添加批注 Add a comment' : '选中的段落 Selected passage'}</div>
      <div style={ui.quote} data-testid="composer-quote">“{selected.quote}”</div>
      <a href={passageSourcesHref(selected.quote, reportId)} target="_blank" rel="noopener" style={{ ...ui.small, display: 'block', marginBottom: 6 }} data-testid="passage-sources-link">
        这段文字还出现在哪里？ Where else does it appear →
      </a>
      {canTalk && (
        <>
          <textarea aria-label="批注内容 Comment" rows={3} autoFocus value={body} onChange={e => setBody(e.target.value)} style={ui.textarea} />
          <button type="button" style={ui.button} disabled={!body.trim() || state.loading} onClick={save} data-testid="composer-save">
            添加批注 Comment
          </button>{' '}
        </>
      )}
      <button type="button" style={ui.buttonQuiet} onClick={onClose}>
        取消 Cancel
      </button>
      <ErrorNote error={error} />
    </div>
  )
}
