// 工作台 / Start page, by role: writers their drafts and reports sent back, heads what waits for
// their review, archivists recent approvals and the comparison; everyone what changed since
// they last came (kept per user by the recordVisit mutation).
import { useEffect, useState } from 'react'
import { gql, useMutation, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { Link } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { AUDIT_LABELS, STATUS_COLORS, statusLabel, timeInChina, userMessage, yearText } from './format'
import { roleLabel } from '../../src/workflow/vocabulary'
import { ui } from './styles'

const RECORD_VISIT = gql`
  mutation AnnalsRecordVisit {
    recordVisit
  }
`

const DASHBOARD = gql`
  query AnnalsDashboard($since: DateTime!, $writer: Boolean!, $head: Boolean!, $archivist: Boolean!) {
    authenticatedItem {
      ... on User {
        id
        name
        role
      }
    }
    drafts: reports(where: { status: { in: ["draft", "changes_requested"] } }, orderBy: [{ updatedAt: desc }], take: 20) @include(if: $writer) {
      ...Row
      sentBack: auditEvents(where: { action: { equals: "requestChanges" } }, orderBy: { createdAt: desc }, take: 1) {
        ...LatestEvent
      }
    }
    waiting: reports(where: { status: { equals: "in_review" } }, orderBy: [{ updatedAt: asc }], take: 20) @include(if: $head) {
      ...Row
      submitted: auditEvents(where: { action: { equals: "submit" } }, orderBy: { createdAt: desc }, take: 1) {
        ...LatestEvent
      }
    }
    approvals: reports(where: { status: { equals: "approved" } }, orderBy: [{ updatedAt: desc }], take: 10) @include(if: $archivist) {
      ...Row
      approved: auditEvents(where: { action: { equals: "approve" } }, orderBy: { createdAt: desc }, take: 1) {
        ...LatestEvent
      }
    }
    changes: auditEvents(where: { createdAt: { gt: $since } }, orderBy: { createdAt: desc }, take: 60) {
      id
      action
      toStatus
      comment
      createdAt
      actor {
        id
        name
      }
      report {
        id
        title
      }
    }
    newComments: comments(where: { createdAt: { gt: $since } }, orderBy: { createdAt: desc }, take: 30) {
      id
      body
      createdAt
      author {
        id
        name
      }
      report {
        id
        title
      }
    }
  }
  fragment Row on Report {
    id
    title
    year
    status
    updatedAt
    department {
      name
    }
  }
  fragment LatestEvent on AuditEvent {
    action
    comment
    createdAt
    actor {
      name
    }
  }
`

type Row = { id: string; title: string; year: number; status: string; updatedAt: string; department: { name: string } | null }
/** The latest event of one kind on a report (sent back, submitted, approved). */
type LatestEvent = { action: string; comment: string; createdAt: string; actor: { name: string } | null }
type Event = { id: string; action: string; toStatus: string; comment: string; createdAt: string; actor: { id: string; name: string } | null; report: { id: string; title: string } | null }
type Data = {
  authenticatedItem: { id: string; name: string; role: string } | null
  drafts?: (Row & { sentBack: LatestEvent[] })[]
  waiting?: (Row & { submitted: LatestEvent[] })[]
  approvals?: (Row & { approved: LatestEvent[] })[]
  changes: Event[]
  newComments: { id: string; body: string; createdAt: string; author: { id: string; name: string } | null; report: { id: string; title: string } | null }[]
}

const WHO = gql`
  query AnnalsDashboardWho {
    authenticatedItem {
      ... on User {
        id
        name
        role
      }
    }
  }
`

const FIRST_VISIT_DAYS = 7

export default function DashboardPage() {
  const who = useQuery<{ authenticatedItem: { id: string; name: string; role: string } | null }>(WHO)
  const [recordVisit] = useMutation<{ recordVisit: string | null }>(RECORD_VISIT)
  const [since, setSince] = useState<{ at: string; first: boolean } | null>(null)
  useEffect(() => {
    recordVisit().then(
      ({ data }) => setSince(data?.recordVisit ? { at: data.recordVisit, first: false } : { at: new Date(Date.now() - FIRST_VISIT_DAYS * 86400_000).toISOString(), first: true }),
      () => setSince({ at: new Date(Date.now() - FIRST_VISIT_DAYS * 86400_000).toISOString(), first: true })
    )
  }, [recordVisit])
  const me = who.data?.authenticatedItem
  const role = me?.role ?? ''
  const { data, error } = useQuery<Data>(DASHBOARD, {
    skip: !since || !me,
    fetchPolicy: 'cache-and-network',
    variables: { since: since?.at, writer: role === 'writer' || role === 'admin', head: role === 'head' || role === 'admin', archivist: role === 'archivist' || role === 'admin' },
  })
  return (
    <PageContainer header={<Heading type="h3">工作台 Dashboard</Heading>} title="工作台">
      <div id="annals-dashboard" style={{ ...ui.page, maxWidth: 1100 }} data-testid="dashboard">
        {me && (
          <p style={{ marginTop: 0 }}>
            {me.name}
            {me.name.includes(roleLabel(me.role)) ? '' : `（${roleLabel(me.role)}）`}，您好。
          </p>
        )}
        {(error || who.error) && <p role="alert">{userMessage(error ?? who.error)}</p>}
        {!data && !error && <p>加载中… Loading…</p>}
        {data && (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 16, alignItems: 'start' }}>
            {data.drafts && <Drafts rows={data.drafts} />}
            {data.waiting && <Waiting rows={data.waiting} />}
            {data.approvals && <Approvals rows={data.approvals} />}
            <Changes data={data} since={since!} />
          </div>
        )}
      </div>
    </PageContainer>
  )
}

function Status({ status }: { status: string }) {
  return <span style={{ ...ui.badge, background: STATUS_COLORS[status] ?? '#6e7781', fontSize: 12 }}>{statusLabel(status)}</span>
}

function ReportLink({ row }: { row: Pick<Row, 'id' | 'title'> }) {
  return <Link href={`/reports/${row.id}`}>{row.title}</Link>
}

function Drafts({ rows }: { rows: NonNullable<Data['drafts']> }) {
  const sentBack = rows.filter(r => r.status === 'changes_requested')
  const drafts = rows.filter(r => r.status === 'draft')
  return (
    <section style={ui.box} data-testid="dashboard-drafts">
      <div style={ui.boxTitle}>退回修改 Sent back（{sentBack.length}）</div>
      {sentBack.length === 0 && <div style={ui.small}>没有被退回的报告 / Nothing sent back</div>}
      {sentBack.map(r => (
        <div key={r.id} style={{ marginBottom: 8 }} data-testid="sent-back-row">
          <ReportLink row={r} /> <Status status={r.status} />
          {r.sentBack[0] && (
            <div style={ui.small}>
              {r.sentBack[0].actor?.name ?? ''} · {timeInChina(r.sentBack[0].createdAt)}：{r.sentBack[0].comment}
            </div>
          )}
        </div>
      ))}
      <div style={{ ...ui.boxTitle, marginTop: 12 }}>草稿 Drafts（{drafts.length}）</div>
      {drafts.length === 0 && <div style={ui.small}>没有草稿 / No drafts</div>}
      {drafts.map(r => (
        <div key={r.id} style={{ marginBottom: 6 }} data-testid="draft-row">
          <ReportLink row={r} /> <span style={ui.small}>{r.department?.name} · {yearText(r.year)}年 · 更新于 {timeInChina(r.updatedAt)}</span>{' '}
          <a href={`/write/${r.id}`}>编辑 Edit</a>
        </div>
      ))}
    </section>
  )
}

function Waiting({ rows }: { rows: NonNullable<Data['waiting']> }) {
  return (
    <section style={ui.box} data-testid="dashboard-waiting">
      <div style={ui.boxTitle}>待我审核 To review（{rows.length}）</div>
      {rows.length === 0 && <div style={ui.small}>没有等待审核的报告 / Nothing waits for your review</div>}
      {rows.map(r => (
        <div key={r.id} style={{ marginBottom: 6 }} data-testid="waiting-row">
          <ReportLink row={r} />
          <div style={ui.small}>
            {r.department?.name} · {yearText(r.year)}年{r.submitted[0] ? ` · ${r.submitted[0].actor?.name ?? ''} 提交于 ${timeInChina(r.submitted[0].createdAt)}` : ''}
          </div>
        </div>
      ))}
    </section>
  )
}

function Approvals({ rows }: { rows: NonNullable<Data['approvals']> }) {
  return (
    <section style={ui.box} data-testid="dashboard-approvals">
      <div style={ui.boxTitle}>最近批准 Recent approvals</div>
      {rows.length === 0 && <div style={ui.small}>暂无 / None yet</div>}
      {rows.map(r => (
        <div key={r.id} style={{ marginBottom: 6 }} data-testid="approval-row">
          <ReportLink row={r} />
          <div style={ui.small}>
            {r.department?.name} · {yearText(r.year)}年
            {r.approved[0] ? ` · ${r.approved[0].actor?.name ?? ''} 批准于 ${timeInChina(r.approved[0].createdAt)}` : ` · 归档于 ${timeInChina(r.updatedAt)}`} ·{' '}
            <Link href={`/compare?report=${r.id}`}>与往年比对</Link>
          </div>
        </div>
      ))}
      <div style={{ marginTop: 8 }}>
        <Link href="/compare">年度比对 Compare →</Link>
      </div>
    </section>
  )
}

function Changes({ data, since }: { data: Data; since: { at: string; first: boolean } }) {
  // edits are many and small: one line per report with their count
  const edits = new Map<string, { title: string; count: number; last: Event }>()
  const events: Event[] = []
  // what others did: one's own events and comments are left out here (filtering by actor or
  // author is an admin-only query, so it is done on the rows one may read anyway)
  const me = data.authenticatedItem?.id
  const newComments = data.newComments.filter(c => c.author?.id !== me)
  for (const e of data.changes.filter(e => e.actor?.id !== me)) {
    if (e.action !== 'edit') {
      events.push(e)
      continue
    }
    if (!e.report) continue
    const entry = edits.get(e.report.id)
    if (entry) entry.count++
    else edits.set(e.report.id, { title: e.report.title, count: 1, last: e })
  }
  const nothing = events.length === 0 && edits.size === 0 && newComments.length === 0
  return (
    <section style={ui.box} data-testid="dashboard-changes">
      <div style={ui.boxTitle}>{since.first ? `最近 ${FIRST_VISIT_DAYS} 天的变化 Changes this week` : `自上次访问（${timeInChina(since.at)}）以来的变化 Since your last visit`}</div>
      {nothing && <div style={ui.small}>没有新的变化 / Nothing new</div>}
      {events.map(e => (
        <div key={e.id} style={{ marginBottom: 4 }} data-testid="change-row">
          <span style={ui.small}>{timeInChina(e.createdAt)}</span> {e.actor?.name ?? '系统'} {AUDIT_LABELS[e.action] ?? e.action} {e.report && <ReportLink row={e.report} />}
          {e.toStatus ? <span style={ui.small}>（→ {statusLabel(e.toStatus)}）</span> : null}
          {e.comment ? <span style={ui.small}>：{e.comment}</span> : null}
        </div>
      ))}
      {[...edits.entries()].map(([id, entry]) => (
        <div key={id} style={{ marginBottom: 4 }} data-testid="change-row">
          <span style={ui.small}>{timeInChina(entry.last.createdAt)}</span> {entry.last.actor?.name ?? ''} 修改了 <ReportLink row={{ id, title: entry.title }} /> <span style={ui.small}>（{entry.count} 次 edits）</span>
        </div>
      ))}
      {newComments.length > 0 && <div style={{ ...ui.boxTitle, marginTop: 10 }}>新批注 New comments（{newComments.length}）</div>}
      {newComments.map(c => (
        <div key={c.id} style={{ marginBottom: 4 }} data-testid="new-comment-row">
          <span style={ui.small}>{timeInChina(c.createdAt)}</span> {c.author?.name ?? ''} 在 {c.report && <ReportLink row={c.report} />}：{c.body.slice(0, 60)}
        </div>
      ))}
    </section>
  )
}
