// /write: a writer's reports to write, and next year's report started from the latest approved one.
import { useState } from 'react'
import { gql, useMutation, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { DESK_CSS } from '../../write/styles'
import { isEditableStatus } from '../../../src/access'
import { statusLabel } from '../../../src/workflow/vocabulary'

type Row = { id: string; title: string; year: number; kind: string; status: string; department: { id: string; name: string } | null }

const REPORTS = gql`
  query AnnalsWriteStart {
    authenticatedItem {
      ... on User {
        role
        departments {
          id
          name
        }
      }
    }
    reports(orderBy: [{ year: desc }], take: 500) {
      id
      title
      year
      kind
      status
      department {
        id
        name
      }
    }
  }
`
const NEXT_YEAR = gql`
  mutation AnnalsNextYear($from: ID!, $mode: NextYearMode!) {
    createNextYearReport(fromReportId: $from, mode: $mode) {
      id
    }
  }
`

/** The newest approved report of each department and kind whose next year does not exist yet. */
function startingPoints(rows: Row[]): Row[] {
  const byGroup = new Map<string, Row[]>()
  for (const row of rows) {
    const group = `${row.department?.id}:${row.kind}`
    byGroup.set(group, [...(byGroup.get(group) ?? []), row])
  }
  const points: Row[] = []
  for (const group of byGroup.values()) {
    const latest = group.filter(r => r.status === 'approved').sort((a, b) => b.year - a.year)[0]
    if (latest && !group.some(r => r.year === latest.year + 1)) points.push(latest)
  }
  return points
}

export default function WriteStartPage() {
  const { data, loading, error } = useQuery<{ authenticatedItem: { role: string; departments: { id: string; name: string }[] } | null; reports: Row[] }>(REPORTS, { fetchPolicy: 'no-cache' })
  const [createNext] = useMutation<{ createNextYearReport: { id: string } }>(NEXT_YEAR)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const me = data?.authenticatedItem
  const mine = new Set(me?.departments.map(d => d.id))
  const own = (data?.reports ?? []).filter(r => r.department && (me?.role === 'admin' || mine.has(r.department.id)))
  const writing = own.filter(r => isEditableStatus(r.status))

  async function start(from: string, mode: 'OUTLINE' | 'FULL_TEXT') {
    setBusy(true)
    setProblem(null)
    try {
      const result = await createNext({ variables: { from, mode } })
      window.location.href = `/write/${result.data!.createNextYearReport.id}`
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <PageContainer header={<Heading type="h3">撰写 Write</Heading>} title="撰写">
      <div className="annals-desk" style={{ maxWidth: 960 }}>
        <style>{DESK_CSS}</style>
        {loading && <p>加载中… Loading…</p>}
        {error && <p role="alert">{error.message}</p>}
        {problem && (
          <p className="annals-notice" role="alert">
            {problem}
          </p>
        )}
        {me && me.role !== 'writer' && me.role !== 'admin' && <p>只有撰稿人撰写报告。 Only writers write reports.</p>}
        {data && (
          <>
            <h2>正在撰写 Drafts</h2>
            {writing.length === 0 && <p>没有正在撰写的报告。 No drafts.</p>}
            <ul>
              {writing.map(r => (
                <li key={r.id} data-testid="draft-row">
                  <a href={`/write/${r.id}`}>{r.title}</a>（{r.department?.name}，{r.year}年，{statusLabel(r.status)}）
                </li>
              ))}
            </ul>
            <h2>从去年开始 Start from last year</h2>
            {startingPoints(own).length === 0 && <p>没有可作起点的已批准报告。 No approved report to start from.</p>}
            <ul>
              {startingPoints(own).map(r => (
                <li key={r.id} data-testid="start-row" style={{ marginBottom: 8 }}>
                  {r.department?.name} {r.year + 1}年：以“{r.title}”为基础{' '}
                  <button type="button" disabled={busy} onClick={() => void start(r.id, 'OUTLINE')}>
                    仅提纲 Outline only
                  </button>{' '}
                  <button type="button" disabled={busy} onClick={() => void start(r.id, 'FULL_TEXT')}>
                    全文 Full text
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </PageContainer>
  )
}
