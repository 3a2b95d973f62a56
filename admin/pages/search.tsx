// 档案检索 / Search the archive: every report the user may read, with filters, highlighted
// snippets and "where else does this passage appear" for a selection. State lives in the URL.
import { useEffect, useState } from 'react'
import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { Link, useRouter } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import { Marked } from '../archive/Marked'
import { passageSourcesHref } from '../archive/links'
import { REPORT_KINDS, STATUS_LABELS, statusLabel } from '../../src/workflow/vocabulary'
import type { SearchHit } from '../../src/keystone/archive'
import { ARCHIVE_CONFIG } from '../../src/archive/config'

const PAGE_SIZE = 20

/** what the results page asks for of a hit (the wire type, less the offset it does not use) */
type Hit = Omit<SearchHit, 'offset'>

const SEARCH = gql`
  query AnnalsSearch($query: String!, $departmentId: ID, $yearFrom: Int, $yearTo: Int, $status: String, $kind: String, $take: Int, $skip: Int) {
    searchArchive(query: $query, departmentId: $departmentId, yearFrom: $yearFrom, yearTo: $yearTo, status: $status, kind: $kind, take: $take, skip: $skip) {
      total
      totalExact
      hits {
        reportId
        sectionId
        reportTitle
        departmentName
        year
        status
        kind
        heading
        headingHighlights {
          start
          end
        }
        snippet
        highlights {
          start
          end
        }
      }
    }
  }
`
const DEPARTMENTS = gql`
  query AnnalsSearchDepartments {
    departments(orderBy: [{ name: asc }], take: 1000) {
      id
      name
      parent {
        id
      }
    }
  }
`

type Filters = { q: string; dept: string; from: string; to: string; status: string; kind: string; page: number }

function readFilters(query: Record<string, string | string[] | undefined>): Filters {
  const one = (key: string) => (Array.isArray(query[key]) ? String(query[key]?.[0] ?? '') : String(query[key] ?? ''))
  return { q: one('q'), dept: one('dept'), from: one('from'), to: one('to'), status: one('status'), kind: one('kind'), page: Math.max(1, Number(one('page')) || 1) }
}

function toQuery(f: Filters): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(f)) if (value !== '' && !(key === 'page' && value === 1)) out[key] = String(value)
  return out
}

const field = { padding: '5px 8px', border: '1px solid #c9ced6', borderRadius: 6, font: 'inherit' } as const

export default function SearchPage() {
  const router = useRouter()
  const filters = readFilters(router.query as Record<string, string>)
  const [draft, setDraft] = useState(filters)
  useEffect(() => setDraft(filters), [router.asPath]) // eslint-disable-line react-hooks/exhaustive-deps
  const [selection, setSelection] = useState('')
  const departments = useQuery<{ departments: { id: string; name: string; parent: { id: string } | null }[] }>(DEPARTMENTS)
  const yearOf = (v: string) => (v && /^\d{4}$/.test(v) ? Number(v) : null)
  const { data, loading, error } = useQuery<{ searchArchive: { total: number; totalExact: boolean; hits: Hit[] } }>(SEARCH, {
    skip: !filters.q.trim(),
    variables: {
      query: filters.q,
      departmentId: filters.dept || null,
      yearFrom: yearOf(filters.from),
      yearTo: yearOf(filters.to),
      status: filters.status || null,
      kind: filters.kind || null,
      take: PAGE_SIZE,
      skip: (filters.page - 1) * PAGE_SIZE,
    },
  })
  const go = (next: Filters) => router.push({ pathname: '/search', query: toQuery(next) })
  const total = data?.searchArchive.total ?? 0
  const pages = Math.ceil(total / PAGE_SIZE)

  return (
    <PageContainer header={<Heading type="h3">档案检索 Search the archive</Heading>} title="档案检索">
      <div id="annals-search" style={{ maxWidth: 1000, paddingBottom: 48 }}>
        <form
          onSubmit={event => {
            event.preventDefault()
            go({ ...draft, page: 1 })
          }}
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', margin: '12px 0' }}
        >
          <input
            type="search"
            aria-label="检索词"
            data-testid="search-query"
            value={draft.q}
            onChange={e => setDraft({ ...draft, q: e.target.value })}
            placeholder="如：人才引进、党建，或 &quot;加强干部队伍建设&quot;"
            style={{ ...field, flex: '1 1 320px', fontSize: 16 }}
          />
          <select aria-label="部门" value={draft.dept} onChange={e => setDraft({ ...draft, dept: e.target.value })} style={field}>
            <option value="">全部部门</option>
            {departments.data?.departments.map(d => (
              <option key={d.id} value={d.id}>
                {d.parent ? '　' : ''}
                {d.name}（含下级）
              </option>
            ))}
          </select>
          <input aria-label="起始年份" inputMode="numeric" placeholder="起始年份" value={draft.from} onChange={e => setDraft({ ...draft, from: e.target.value })} style={{ ...field, width: 90 }} />
          <span>–</span>
          <input aria-label="截止年份" inputMode="numeric" placeholder="截止年份" value={draft.to} onChange={e => setDraft({ ...draft, to: e.target.value })} style={{ ...field, width: 90 }} />
          <select aria-label="状态" value={draft.status} onChange={e => setDraft({ ...draft, status: e.target.value })} style={field}>
            <option value="">全部状态</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <select aria-label="类型" value={draft.kind} onChange={e => setDraft({ ...draft, kind: e.target.value })} style={field}>
            <option value="">全部类型</option>
            {REPORT_KINDS.map(k => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="search-submit" style={{ ...field, background: '#0b5cad', color: 'white', borderColor: '#0b5cad', cursor: 'pointer' }}>
            检索 Search
          </button>
        </form>
        <p style={{ color: '#57606a', fontSize: 13, margin: '0 0 12px' }}>
          空格分隔的词须同时出现；引号中的短语按原样检索；繁简体、全半角视为相同。选中结果中的一段文字，可查找它还出现在哪里。
        </p>

        {!filters.q.trim() && <p>请输入检索词。 Enter words to search for.</p>}
        {loading && <p>检索中… Searching…</p>}
        {error && (
          <p role="alert" style={{ color: '#b42318' }}>
            {error.message}
          </p>
        )}
        {data && (
          <>
            <p data-testid="search-total">
              {/* not exact: more than the counted total (counting stops at ARCHIVE_CONFIG.maxCounted), or about so many (a long phrase checked on the ranked results only) */}
              {data.searchArchive.totalExact ? '共 ' : total >= ARCHIVE_CONFIG.maxCounted ? '超过 ' : '约 '}
              <strong>{total.toLocaleString('zh-CN')}</strong> 条结果{pages > 1 ? `，第 ${filters.page} / ${pages} 页` : ''}
            </p>
            {selection && (
              <div style={{ position: 'sticky', top: 0, background: '#f0f6ff', border: '1px solid #b6d4fe', borderRadius: 6, padding: '6px 10px', marginBottom: 8, zIndex: 1 }}>
                已选 {[...selection].length} 字：
                <Link href={passageSourcesHref(selection)} data-testid="selection-sources">
                  此段还出现在哪里 Where else does this appear?
                </Link>
              </div>
            )}
            <ol
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
              onMouseUp={() => setSelection((window.getSelection()?.toString() ?? '').replace(/^[\s…]+|[\s…]+$/g, ''))}
              data-testid="search-hits"
            >
              {data.searchArchive.hits.map(hit => (
                <li key={hit.sectionId} style={{ borderBottom: '1px solid #eaeef2', padding: '10px 0' }} data-testid="search-hit">
                  <div style={{ display: 'flex', gap: 12, alignItems: 'baseline', flexWrap: 'wrap' }}>
                    <Link href={`/reports/${hit.reportId}`} style={{ fontWeight: 600 }}>
                      {hit.reportTitle}
                    </Link>
                    <span style={{ color: '#57606a' }} data-testid="search-hit-meta">
                      {hit.departmentName} · {hit.year}年 · {statusLabel(hit.status)}
                    </span>
                  </div>
                  <div style={{ color: '#57606a', fontSize: 13, margin: '2px 0' }} data-testid="search-hit-heading">
                    § <Marked text={hit.heading} ranges={hit.headingHighlights} />
                  </div>
                  <div style={{ lineHeight: 1.7 }} data-testid="search-snippet">
                    …<Marked text={hit.snippet} ranges={hit.highlights} />…
                  </div>
                </li>
              ))}
            </ol>
            {pages > 1 && (
              <nav aria-label="翻页" style={{ display: 'flex', gap: 8, marginTop: 12 }}>
                <button type="button" disabled={filters.page <= 1} onClick={() => go({ ...filters, page: filters.page - 1 })} style={field}>
                  上一页
                </button>
                <button type="button" disabled={filters.page >= pages} onClick={() => go({ ...filters, page: filters.page + 1 })} style={field} data-testid="next-page">
                  下一页
                </button>
              </nav>
            )}
          </>
        )}
      </div>
    </PageContainer>
  )
}
