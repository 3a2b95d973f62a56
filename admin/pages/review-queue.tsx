// 待我审核 / To review: reports of the head's departments waiting for a decision.
import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { Link } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { roundChanges, type RoundRevision } from '../../src/workflow/round'

type Row = {
  id: string
  title: string
  year: number
  department: { name: string } | null
  auditEvents: { createdAt: string; actor: { name: string } | null }[]
  revisions: RoundRevision[]
  commentsCount: number
}

const QUEUE = gql`
  query AnnalsReviewQueue {
    authenticatedItem {
      ... on User {
        role
      }
    }
    reports(where: { status: { equals: "in_review" } }, orderBy: [{ updatedAt: asc }]) {
      id
      title
      year
      department {
        name
      }
      auditEvents(where: { action: { equals: "submit" } }, orderBy: { createdAt: desc }, take: 1) {
        createdAt
        actor {
          name
        }
      }
      # roundChanges needs only the two newest submissions
      revisions(where: { event: { equals: "submit" } }, orderBy: { number: desc }, take: 2) {
        id
        number
        event
      }
      commentsCount(where: { resolved: { equals: false } })
    }
  }
`

export default function ReviewQueuePage() {
  const { data, loading, error } = useQuery<{ authenticatedItem: { role: string } | null; reports: Row[] }>(QUEUE)
  const role = data?.authenticatedItem?.role
  return (
    <PageContainer header={<Heading type="h3">待我审核 To review</Heading>} title="待我审核">
      <div id="annals-review-queue" style={{ maxWidth: 960 }}>
        {loading && <p>加载中… Loading…</p>}
        {error && <p role="alert">{error.message}</p>}
        {data && role !== 'head' && role !== 'admin' && <p>此页面供部门负责人使用。 This page is for department heads.</p>}
        {data && (role === 'head' || role === 'admin') && data.reports.length === 0 && <p data-testid="queue-empty">没有等待审核的报告。 Nothing is waiting for your review.</p>}
        {data && (role === 'head' || role === 'admin') && data.reports.length > 0 && (
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr style={{ textAlign: 'left', borderBottom: '2px solid #d0d7de' }}>
                <th style={{ padding: 6 }}>报告</th>
                <th style={{ padding: 6 }}>部门</th>
                <th style={{ padding: 6 }}>提交人 / 时间</th>
                <th style={{ padding: 6 }}>未解决批注</th>
                <th style={{ padding: 6 }}>改动</th>
              </tr>
            </thead>
            <tbody>
              {data.reports.map(r => {
                const submitted = r.auditEvents[0]
                const round = roundChanges(r.revisions, 'in_review')
                return (
                  <tr key={r.id} style={{ borderBottom: '1px solid #eaeef2' }} data-testid="queue-row">
                    <td style={{ padding: 6 }}>
                      <Link href={`/reports/${r.id}`}>{r.title}</Link>
                    </td>
                    <td style={{ padding: 6 }}>{r.department?.name}</td>
                    <td style={{ padding: 6 }}>
                      {submitted ? `${submitted.actor?.name ?? ''} · ${new Date(submitted.createdAt).toLocaleString('zh-CN', { hour12: false })}` : ''}
                    </td>
                    <td style={{ padding: 6 }}>{r.commentsCount}</td>
                    <td style={{ padding: 6 }}>
                      {round.from && round.to !== 'current' ? (
                        <Link href={`/compare?report=${r.id}&from=${round.from.id}&to=${round.to.id}`}>本轮改动</Link>
                      ) : (
                        <Link href={`/compare?report=${r.id}`}>与往年比对</Link>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </div>
    </PageContainer>
  )
}
