// 查重 / Reuse check of one report: /reuse-check?id=<reportId>. The share of its text found in
// its department's earlier years and in other departments, the top sources, and the shared
// passages marked in both texts. Printable on A4; a head opens it before approving.
import { useMemo } from 'react'
import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { Link, useRouter } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { Marked, percent, type MarkRange } from '../archive/Marked'
import { printOnlyCss } from '../lib/print'
import type { ReuseCheck, ReuseSource as Source } from '../../src/keystone/archive'

type Check = ReuseCheck
type SectionText = { id: string; heading: string; plainText: string }

const CHECK = gql`
  query AnnalsReuseCheck($id: ID!) {
    reuseCheck(reportId: $id) {
      reportId
      reportTitle
      departmentName
      year
      totalChars
      reusedShare
      ownDepartmentShare
      otherDepartmentsShare
      sources {
        reportId
        reportTitle
        departmentName
        year
        ownDepartment
        sharedChars
        share
        passages {
          text
          sectionId
          start
          end
          sourceSectionId
          sourceStart
          sourceEnd
        }
      }
    }
  }
`
const SECTIONS = gql`
  query AnnalsReuseSections($ids: [ID!]!) {
    sections(where: { id: { in: $ids } }, take: 1000) {
      id
      heading
      plainText
    }
  }
`

const PRINT_CSS = `${printOnlyCss('annals-reuse-check', '@page { size: A4; margin: 16mm; }')}
@media print {
  .annals-no-print { display: none !important; }
  .annals-pair { break-inside: avoid; }
}`

const box = { border: '1px solid #d0d7de', borderRadius: 8, padding: '10px 14px', minWidth: 150 } as const
const OWN = { background: '#dbeafe' }
const OTHER = { background: '#ffe1c2' }

export default function ReuseCheckPage() {
  const router = useRouter()
  const id = String(router.query.id ?? '')
  const { data, loading, error } = useQuery<{ reuseCheck: Check }>(CHECK, { skip: !id, variables: { id } })
  const check = data?.reuseCheck
  const sectionIds = useMemo(() => [...new Set(check?.sources.flatMap(s => s.passages.flatMap(p => [p.sectionId, p.sourceSectionId])) ?? [])], [check])
  const texts = useQuery<{ sections: SectionText[] }>(SECTIONS, { skip: sectionIds.length === 0, variables: { ids: sectionIds } })
  const byId = new Map((texts.data?.sections ?? []).map(s => [s.id, s]))

  return (
    <PageContainer header={<Heading type="h3">查重 Reuse check</Heading>} title="查重">
      <style>{PRINT_CSS}</style>
      <div id="annals-reuse-check" style={{ maxWidth: 1100, paddingBottom: 48 }}>
        {!id && <p>请从报告页面打开查重。 Open the reuse check from a report.</p>}
        {loading && <p>正在查重… Checking…</p>}
        {error && (
          <p role="alert" style={{ color: '#b42318' }}>
            {error.message}
          </p>
        )}
        {check && (
          <>
            <h2 style={{ fontSize: 20, margin: '12px 0 4px' }}>
              <Link href={`/reports/${check.reportId}`}>{check.reportTitle}</Link>
            </h2>
            <p style={{ color: '#57606a', margin: '0 0 12px' }}>
              {check.departmentName} · {check.year}年 · 正文 {check.totalChars} 字 · 与可查阅的往年及其他部门报告比对（繁简、全半角、标点差异不计，连续 12 字以上相同计为重复）
              <button type="button" className="annals-no-print" onClick={() => window.print()} style={{ marginLeft: 12, padding: '3px 10px', border: '1px solid #c9ced6', borderRadius: 6, background: '#f6f8fa', cursor: 'pointer' }}>
                打印 Print
              </button>
            </p>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }} data-testid="reuse-shares">
              <div style={box}>
                <div style={{ color: '#57606a', fontSize: 13 }}>总重复率</div>
                <div style={{ fontSize: 26, fontWeight: 700 }} data-testid="reused-share">{percent(check.reusedShare)}</div>
              </div>
              <div style={{ ...box, ...OWN }}>
                <div style={{ color: '#57606a', fontSize: 13 }}>本部门往年</div>
                <div style={{ fontSize: 22, fontWeight: 600 }}>{percent(check.ownDepartmentShare)}</div>
              </div>
              <div style={{ ...box, ...OTHER }}>
                <div style={{ color: '#57606a', fontSize: 13 }}>其他部门</div>
                <div style={{ fontSize: 22, fontWeight: 600 }} data-testid="other-share">{percent(check.otherDepartmentsShare)}</div>
              </div>
            </div>
            {check.sources.length === 0 ? (
              <p data-testid="reuse-none">未发现与其他报告重复的段落。 No reused passages found.</p>
            ) : (
              <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 20 }} data-testid="reuse-sources">
                <thead>
                  <tr style={{ textAlign: 'left', borderBottom: '2px solid #d0d7de' }}>
                    <th style={{ padding: 6 }}>来源</th>
                    <th style={{ padding: 6 }}>年份</th>
                    <th style={{ padding: 6 }}>部门</th>
                    <th style={{ padding: 6 }}>相同字数</th>
                    <th style={{ padding: 6 }}>占本报告</th>
                  </tr>
                </thead>
                <tbody>
                  {check.sources.map((s, i) => (
                    <tr key={s.reportId} style={{ borderBottom: '1px solid #eaeef2' }}>
                      <td style={{ padding: 6 }}>
                        <a href={`#source-${i}`}>{s.reportTitle}</a>
                      </td>
                      <td style={{ padding: 6 }}>{s.year}</td>
                      <td style={{ padding: 6 }}>
                        {s.departmentName}（{s.ownDepartment ? '本部门' : '其他部门'}）
                      </td>
                      <td style={{ padding: 6 }}>{s.sharedChars}</td>
                      <td style={{ padding: 6 }}>{percent(s.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {check.sources.map((s, i) => (
              <section key={s.reportId} id={`source-${i}`} style={{ marginBottom: 24 }}>
                <h3 style={{ fontSize: 16, margin: '8px 0' }}>
                  对照 {i + 1}：{s.year}年 {s.departmentName} · <Link href={`/reports/${s.reportId}`}>{s.reportTitle}</Link> · 相同 {s.sharedChars} 字（{percent(s.share)}）
                </h3>
                {pairsOf(s).map(pair => {
                  const mine = byId.get(pair.sectionId)
                  const theirs = byId.get(pair.sourceSectionId)
                  const markStyle = s.ownDepartment ? OWN : OTHER
                  return (
                    <div key={`${pair.sectionId}-${pair.sourceSectionId}`} className="annals-pair" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12, marginBottom: 10 }} data-testid="reuse-pair">
                      <div style={{ border: '1px solid #eaeef2', borderRadius: 6, padding: 8, lineHeight: 1.7, whiteSpace: 'pre-wrap' }}>
                        <div style={{ color: '#57606a', fontSize: 12 }}>本报告 § {mine?.heading}</div>
                        {mine ? <Marked text={mine.plainText} ranges={pair.mine} markStyle={markStyle} /> : '…'}
                      </div>
                      <div style={{ border: '1px solid #eaeef2', borderRadius: 6, padding: 8, lineHeight: 1.7, whiteSpace: 'pre-wrap' }}>
                        <div style={{ color: '#57606a', fontSize: 12 }}>
                          {s.year}年 {s.departmentName} § {theirs?.heading}
                        </div>
                        {theirs ? <Marked text={theirs.plainText} ranges={pair.theirs} markStyle={markStyle} /> : '…'}
                      </div>
                    </div>
                  )
                })}
              </section>
            ))}
          </>
        )}
      </div>
    </PageContainer>
  )
}

/** Passages grouped by (this report's section, source section), ranges on each side. */
function pairsOf(source: Source): { sectionId: string; sourceSectionId: string; mine: MarkRange[]; theirs: MarkRange[] }[] {
  const pairs = new Map<string, { sectionId: string; sourceSectionId: string; mine: MarkRange[]; theirs: MarkRange[] }>()
  for (const p of source.passages) {
    const key = `${p.sectionId}|${p.sourceSectionId}`
    const pair = pairs.get(key) ?? { sectionId: p.sectionId, sourceSectionId: p.sourceSectionId, mine: [], theirs: [] }
    pairs.set(key, pair)
    pair.mine.push({ start: p.start, end: p.end })
    pair.theirs.push({ start: p.sourceStart, end: p.sourceEnd })
  }
  return [...pairs.values()]
}
