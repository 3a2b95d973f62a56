// 此段还出现在哪里 / Where else does this passage appear: /passage-sources?text=…&exclude=<reportId>.
// Other pages link here with a selection (see passageSourcesHref in admin/archive/links.ts).
import { useEffect, useState } from 'react'
import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { Link, useRouter } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { Marked, percent } from '../archive/Marked'
import { passageSourcesHref } from '../archive/links'
import type { PassageSource } from '../../src/keystone/archive'

type Source = PassageSource

const SOURCES = gql`
  query AnnalsPassageSources($text: String!, $excludeReportId: ID) {
    passageSources(text: $text, excludeReportId: $excludeReportId) {
      reportId
      sectionId
      reportTitle
      departmentName
      year
      heading
      start
      end
      similarity
      context
      contextStart
    }
  }
`

export default function PassageSourcesPage() {
  const router = useRouter()
  const text = String(router.query.text ?? '')
  const exclude = router.query.exclude ? String(router.query.exclude) : undefined
  const [draft, setDraft] = useState(text)
  useEffect(() => setDraft(text), [text])
  const { data, loading, error } = useQuery<{ passageSources: Source[] }>(SOURCES, { skip: !text.trim(), variables: { text, excludeReportId: exclude ?? null } })
  return (
    <PageContainer header={<Heading type="h3">此段还出现在哪里 Where else does this passage appear</Heading>} title="段落出处">
      <div id="annals-passage-sources" style={{ maxWidth: 1000, paddingBottom: 48 }}>
        <form
          onSubmit={event => {
            event.preventDefault()
            router.push(passageSourcesHref(draft.trim(), exclude))
          }}
          style={{ margin: '12px 0' }}
        >
          <textarea aria-label="段落" value={draft} onChange={e => setDraft(e.target.value)} rows={4} style={{ width: '100%', padding: 8, border: '1px solid #c9ced6', borderRadius: 6, font: 'inherit', lineHeight: 1.6 }} />
          <button type="submit" style={{ marginTop: 6, padding: '5px 12px', border: '1px solid #0b5cad', borderRadius: 6, background: '#0b5cad', color: 'white', cursor: 'pointer' }}>
            查找出处 Find sources
          </button>
        </form>
        <p style={{ color: '#57606a', fontSize: 13 }}>在您可查看的报告中查找这段文字或其近似改写，按年份从早到晚排列（繁简、全半角、标点差异不计）。</p>
        {loading && <p>查找中… Searching…</p>}
        {error && (
          <p role="alert" style={{ color: '#b42318' }}>
            {error.message}
          </p>
        )}
        {data && data.passageSources.length === 0 && <p data-testid="sources-empty">没有找到这段文字的其他出处。 No other report contains this passage.</p>}
        {data && data.passageSources.length > 0 && (
          <ol style={{ paddingLeft: 20 }} data-testid="passage-sources">
            {data.passageSources.map(s => (
              <li key={s.sectionId} style={{ padding: '8px 0', borderBottom: '1px solid #eaeef2' }} data-testid="passage-source">
                <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'baseline' }}>
                  <strong>{s.year}年</strong>
                  <span>{s.departmentName}</span>
                  <Link href={`/reports/${s.reportId}`}>{s.reportTitle}</Link>
                  <span style={{ color: '#57606a' }}>§ {s.heading}</span>
                  <span style={{ color: s.similarity >= 0.999 ? '#1a7f37' : '#9a6700' }}>{s.similarity >= 0.999 ? '原文相同' : `相似 ${percent(s.similarity)}`}</span>
                </div>
                <div style={{ lineHeight: 1.7, marginTop: 4 }}>
                  …<Marked text={s.context} ranges={[{ start: s.start - s.contextStart, end: s.end - s.contextStart }]} />…
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
    </PageContainer>
  )
}
