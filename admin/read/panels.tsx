// The reading view's side panels: workflow actions for this user, the checks (体检), the
// revisions with comparison links, and the audit trail.
import { useState } from 'react'
import { gql, useMutation, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { headlineOf, type ComparisonSummary } from '../lib/headline'
import { Link } from '@keystone-6/core/admin-ui/router'
import { availableActions, TRANSITIONS, type WorkflowAction } from '../../src/workflow/transitions'
import { TRANSITION, type Check, type ReportRow, type Viewer } from './queries'
import { AUDIT_LABELS, statusLabel, timeInChina, userMessage } from './format'
import { ui } from './styles'
import { ErrorNote, useAttempt } from './attempt'
import { reuseCheckHref } from '../archive/links'

const compareHref = (reportId: string, from?: string, to?: string) =>
  `/compare?report=${encodeURIComponent(reportId)}${from && to ? `&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : ''}`

const PROMPTS: Record<WorkflowAction, (title: string) => string> = {
  submit: title => `提交“${title}”给部门负责人审核？提交后在审核结束前不能再修改。`,
  approve: title => `批准“${title}”？批准后报告成为定稿，不能再修改。`,
  requestChanges: title => `将“${title}”退回给撰稿人修改。请填写意见。`,
  reopen: title => `重新打开已批准的“${title}”？请填写原因；原批准记录保留。`,
}

export function ActionsPanel({ report, viewer, checks, onDone }: { report: ReportRow; viewer: Viewer; checks: Check[] | undefined; onDone: () => Promise<unknown> }) {
  const member = viewer.departments.some(d => d.id === report.department?.id)
  const actions = availableActions(viewer.role, report.status, member)
  const [open, setOpen] = useState<WorkflowAction | null>(null)
  const [comment, setComment] = useState('')
  const { error, setError, attempt } = useAttempt()
  const [transition, state] = useMutation(TRANSITION)
  const editable = viewer.role === 'writer' && member && (report.status === 'draft' || report.status === 'changes_requested')
  const run = (action: WorkflowAction) =>
    attempt(async () => {
      await transition({ variables: { id: report.id, action, comment: comment.trim() || null, expectedVersion: report.version } })
      // the whole page (status, revisions, audit) changes at once, when the refetch arrives
      await onDone()
      setOpen(null)
      setComment('')
    })
  const serious = (checks ?? []).filter(c => c.severity !== 'info')
  return (
    <div style={ui.box} data-testid="actions-panel">
      <div style={ui.boxTitle}>审核状态：{statusLabel(report.status)}</div>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 6 }}>
        {editable && (
          <a href={`/write/${report.id}`} style={{ ...ui.buttonQuiet, textDecoration: 'none' }} data-testid="edit-link">
            编辑 Edit
          </a>
        )}
        {actions.map(action => (
          <button key={action} type="button" style={ui.button} data-testid={`action-${action}`} onClick={() => { setOpen(action); setError(null) }}>
            {TRANSITIONS[action].label}
          </button>
        ))}
        <Link href={compareHref(report.id)} style={{ ...ui.buttonQuiet, textDecoration: 'none' }}>
          年度比对 Compare
        </Link>
        <Link href={reuseCheckHref(report.id)} style={{ ...ui.buttonQuiet, textDecoration: 'none' }} data-testid="reuse-check-link">
          查重 Reuse check
        </Link>
        <a href={`/print/report/${report.id}`} target="_blank" rel="noopener" style={{ ...ui.buttonQuiet, textDecoration: 'none' }} data-testid="print-link">
          打印 Print
        </a>
        <a href={`/export/report/${report.id}.docx`} style={{ ...ui.buttonQuiet, textDecoration: 'none' }} data-testid="export-docx-link">
          下载 Word
        </a>
        {editable && (
          <a href={`/import?report=${report.id}`} style={{ ...ui.buttonQuiet, textDecoration: 'none' }} data-testid="import-link">
            导入文档 Import
          </a>
        )}
      </div>
      {actions.length === 0 && <div style={ui.small}>当前状态“{statusLabel(report.status)}”下您没有可执行的审核操作 / No workflow action for you now</div>}
      {open && (
        <div role="dialog" aria-label={TRANSITIONS[open].label} style={{ ...ui.card, marginTop: 8 }} data-testid="action-dialog">
          <div style={{ fontWeight: 600, marginBottom: 4 }}>{TRANSITIONS[open].label}</div>
          <div style={{ marginBottom: 6 }}>{PROMPTS[open](report.title)}</div>
          {open === 'submit' && serious.length > 0 && (
            <div style={{ ...ui.small, color: '#9a6700', marginBottom: 6 }} data-testid="submit-checks">
              体检发现 {serious.length} 个问题，请先查看下方“体检”栏 / The checks found {serious.length} issues; see 体检 below
            </div>
          )}
          {open !== 'submit' && (
            <textarea
              aria-label="意见 Comment"
              placeholder={TRANSITIONS[open].commentRequired ? '必填 Required' : '可选 Optional'}
              rows={3}
              value={comment}
              onChange={e => setComment(e.target.value)}
              style={ui.textarea}
            />
          )}
          <button type="button" style={ui.button} disabled={state.loading || (TRANSITIONS[open].commentRequired && !comment.trim())} onClick={() => run(open)} data-testid="action-confirm">
            {TRANSITIONS[open].label.split(' ')[0]}
          </button>{' '}
          <button type="button" style={ui.buttonQuiet} onClick={() => setOpen(null)}>
            取消 Cancel
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  )
}

const SEVERITY: Record<Check['severity'], { label: string; color: string }> = {
  error: { label: '错误', color: '#cf222e' },
  warning: { label: '提醒', color: '#9a6700' },
  info: { label: '提示', color: '#57606a' },
}

type ChecksProps = { checks: Check[] | undefined; loading: boolean; error: string | null; headings: Map<string, string>; onPick: (sectionId: string) => void; onRerun: () => void; writeHref?: string }

export function ChecksPanel({ checks, loading, error, headings, onPick, onRerun, writeHref }: ChecksProps) {
  return (
    <div style={ui.box} data-testid="checks-panel">
      <div style={{ ...ui.boxTitle, display: 'flex', justifyContent: 'space-between' }}>
        <span>体检 Checks{checks ? `（${checks.length}）` : ''}</span>
        <button type="button" style={{ ...ui.buttonQuiet, fontSize: 12, padding: '1px 8px' }} onClick={onRerun} disabled={loading}>
          重新体检 Re-check
        </button>
      </div>
      {loading && <div style={ui.small}>正在与去年的报告比对… Checking against last year…</div>}
      <ErrorNote error={error} />
      {checks && checks.length === 0 && <div style={ui.small}>未发现问题 / Nothing found</div>}
      {checks?.map((c, i) => (
        <div key={i} data-testid="check" data-code={c.code} style={{ borderTop: i ? '1px solid #eaeef2' : undefined, padding: '6px 0' }}>
          <span style={{ color: SEVERITY[c.severity].color, fontWeight: 600 }}>{SEVERITY[c.severity].label}</span> <span>{c.message}</span>
          {c.excerpt && <div style={{ ...ui.small, fontFamily: 'serif' }}>{c.excerpt}</div>}
          {c.sectionId && writeHref && (
            <a href={`${writeHref}#section-${c.sectionId}`} style={{ ...ui.small, display: 'block' }} data-testid="check-write-link">
              → 在撰写视图中修改 Fix in the writing view
            </a>
          )}
          {c.sectionId && (
            <button type="button" style={{ ...ui.small, background: 'none', border: 'none', padding: 0, color: '#0969da', cursor: 'pointer', textAlign: 'left', display: 'block' }} onClick={() => onPick(c.sectionId!)}>
              → {headings.get(c.sectionId) ?? '查看章节'}
            </button>
          )}
        </div>
      ))}
    </div>
  )
}

export function RevisionsPanel({ report }: { report: ReportRow }) {
  return (
    <div style={ui.box} data-testid="revisions-panel">
      <div style={ui.boxTitle}>修订记录 Revisions（{report.revisions.length}）</div>
      {report.revisions.length === 0 && <div style={ui.small}>尚无修订 / No revisions yet</div>}
      <ol style={{ margin: 0, paddingLeft: 18 }}>
        {report.revisions.map((r, i) => {
          const previous = report.revisions[i + 1]
          return (
            <li key={r.id} style={{ marginBottom: 4 }}>
              <div>{r.label}</div>
              <div style={ui.small}>
                {timeInChina(r.createdAt)} · {r.author?.name ?? '系统'}
                {previous && (
                  <>
                    {' · '}
                    <Link href={compareHref(report.id, previous.id, r.id)}>与上一修订比对</Link>
                  </>
                )}
              </div>
            </li>
          )
        })}
      </ol>
      {report.revisions[0] && (
        <div style={{ marginTop: 6 }}>
          <Link href={compareHref(report.id, report.revisions[0].id, 'current')}>最近修订以来的改动 Changes since →</Link>
        </div>
      )}
    </div>
  )
}

export function AuditPanel({ report }: { report: ReportRow }) {
  return (
    <div style={ui.box} data-testid="audit-panel">
      <div style={ui.boxTitle}>操作记录 Audit trail</div>
      {report.auditEvents.map(e => (
        <div key={e.id} style={{ ...ui.small, marginBottom: 3 }} data-testid="audit">
          {timeInChina(e.createdAt)} · {e.actor?.name ?? '系统'} · {AUDIT_LABELS[e.action] ?? e.action}
          {e.fromStatus || e.toStatus ? `（${e.fromStatus ? statusLabel(e.fromStatus) : '—'} → ${e.toStatus ? statusLabel(e.toStatus) : '—'}）` : ''}
          {e.comment ? `：${e.comment}` : ''}
        </div>
      ))}
    </div>
  )
}

const COMPARISON_SUMMARY = gql`
  query AnnalsReadComparison($id: ID!) {
    compareReport(id: $id) {
      summary {
        againstYear
        againstTitle
        similarity
        reusedPassages
        addedSections
        droppedSections
        changedSections
        moves
        figuresChanged
      }
    }
  }
`

export function ComparisonPanel({ reportId }: { reportId: string }) {
  const { data, error } = useQuery<{ compareReport: { summary: ComparisonSummary } }>(COMPARISON_SUMMARY, { variables: { id: reportId } })
  return (
    <div style={ui.box} data-testid="comparison-panel">
      <div style={ui.boxTitle}>年度比对 Comparison</div>
      {!data && !error && <div style={ui.small}>比对中… Comparing…</div>}
      <ErrorNote error={error ? userMessage(error) : null} />
      {data && <div style={{ fontSize: 13 }}>{headlineOf(data.compareReport.summary)}</div>}
      <div style={{ marginTop: 6 }}>
        <Link href={compareHref(reportId)}>打开比对视图 Open comparison →</Link>
      </div>
    </div>
  )
}
