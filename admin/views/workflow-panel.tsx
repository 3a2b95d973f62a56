// Report page sidebar: review state, revisions (with “compare with previous revision”),
// comments with where their quotes stand now, and the audit trail. Text only, no HTML.
import type { CellComponent, FieldProps } from '@keystone-6/core/types'
import { jsonPanelController } from './json-controller'
import { Link } from '@keystone-6/core/admin-ui/router'
import type { WorkflowPanel } from '../../src/keystone/workflow-panel'

type Panel = WorkflowPanel

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false })
const box = { border: '1px solid #d0d7de', borderRadius: 8, padding: 12, background: '#fff', marginBottom: 12 } as const
const small = { fontSize: 12, color: '#57606a' } as const

export function Field({ value }: FieldProps<typeof controller>) {
  if (!value || typeof value !== 'object') return null
  const panel = value as Panel
  const compare = (from: string, to: string) => `/compare?report=${encodeURIComponent(panel.reportId)}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`
  return (
    <div data-testid="workflow-panel">
      <div style={box}>
        <div style={{ fontWeight: 600 }}>审核状态：{panel.statusLabel}</div>
        <div style={small}>{panel.actions.length ? `您可以：${panel.actions.join('、')}（见页面上方的操作按钮）` : '您在此状态下没有可执行的审核操作'}</div>
        {panel.roundBaseRevisionId && (
          <div style={{ marginTop: 6 }}>
            <Link href={compare(panel.roundBaseRevisionId, panel.roundToRevisionId)}>查看本轮改动 Changes this round →</Link>
          </div>
        )}
      </div>
      <div style={box}>
        <div style={{ fontWeight: 600, marginBottom: 4 }}>修订记录 Revisions（{panel.revisions.length}）</div>
        <ol style={{ margin: 0, paddingLeft: 18 }}>
          {panel.revisions.map(r => (
            <li key={r.id} style={{ marginBottom: 4 }} data-testid="revision">
              <div>{r.label}</div>
              <div style={small}>
                {time(r.createdAt)} · {r.author || '系统'} · {r.hash}
                {r.previousId && (
                  <>
                    {' · '}
                    <Link href={compare(r.previousId, r.id)}>与上一修订比对</Link>
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      </div>
      <div style={box}>
        <div style={{ fontWeight: 600, marginBottom: 4 }}>批注 Comments（未解决 {panel.comments.filter(c => !c.resolved).length}）</div>
        {panel.comments.length === 0 && <div style={small}>暂无批注</div>}
        {panel.comments.map(c => (
          <div key={c.id} style={{ borderTop: '1px solid #eaeef2', padding: '6px 0', opacity: c.resolved ? 0.6 : 1 }} data-testid="comment">
            {c.quote && <div style={{ ...small, fontStyle: 'italic' }}>“{c.quote}”{c.anchor?.heading ? ` — ${c.anchor.heading}` : ''}</div>}
            <div>{c.body}</div>
            <div style={small}>
              {c.author}
              {c.resolved ? ' · 已解决' : ''}
              {c.anchor && c.anchor.status !== 'found' ? ` · ⚠ ${c.anchor.message}` : ''}
            </div>
          </div>
        ))}
      </div>
      <div style={box}>
        <div style={{ fontWeight: 600, marginBottom: 4 }}>操作记录 Audit trail</div>
        {panel.audit.map((e, i) => (
          <div key={i} style={{ ...small, marginBottom: 3 }} data-testid="audit">
            {time(e.at)} · {e.actor} · {e.action}
            {e.from || e.to ? `（${e.from || '—'} → ${e.to || '—'}）` : ''}
            {e.comment ? `：${e.comment}` : ''}
          </div>
        ))}
      </div>
    </div>
  )
}

export const Cell: CellComponent<typeof controller> = ({ value }) =>
  value && typeof value === 'object' ? <span>{(value as Panel).statusLabel}</span> : null

export const controller = jsonPanelController
