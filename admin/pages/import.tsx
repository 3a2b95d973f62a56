// 导入文档 / Import: a Word, text or Markdown file (or pasted text) into a draft
// (/import?report=<id>, for the report's writers), or many files into the archive (admins and
// archivists). Nothing is written before the user has seen the preview and accepted it; the
// server checks every rule again (src/keystone/document-import.ts).
import { useState, type ChangeEvent } from 'react'
import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { useRouter } from '@keystone-6/core/admin-ui/router'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Heading } from '@keystar/ui/typography'
import type { ImportPreview } from '../../src/import/preview'
import type { ImportOutcome } from '../../src/keystone/report-store'
import { EDITABLE_STATUSES } from '../../src/access'

type Preview = ImportPreview
type Outcome = ImportOutcome
type Source = { file: File } | { text: string }

const WHO = gql`
  query AnnalsImportWho($id: ID!, $withReport: Boolean!) {
    authenticatedItem {
      ... on User {
        role
      }
    }
    report(where: { id: $id }) @include(if: $withReport) {
      id
      title
      status
      version
      sectionsCount
      department {
        name
      }
    }
  }
`

const EDITABLE: readonly string[] = EDITABLE_STATUSES
const ACCEPT = '.docx,.txt,.md'
const FORMAT_LABELS: Record<string, string> = { docx: 'Word 文档', txt: '文本文件', md: 'Markdown', text: '粘贴的文字' }

async function post<T>(url: string, source: Source): Promise<{ ok: boolean; status: number; body: T & { error?: string } }> {
  const headers: Record<string, string> = { 'x-annals-import': '1' }
  if ('file' in source) {
    headers['x-file-name'] = encodeURIComponent(source.file.name)
    headers['content-type'] = 'application/octet-stream'
  } else headers['content-type'] = 'text/plain; charset=utf-8'
  const response = await fetch(url, { method: 'POST', headers, body: 'file' in source ? source.file : source.text, credentials: 'same-origin' })
  const body = await response.json().catch(() => ({ error: `服务器返回 ${response.status} / Server answered ${response.status}` }))
  return { ok: response.ok, status: response.status, body }
}

function PreviewTable({ preview }: { preview: Preview }) {
  return (
    <div className="preview" data-testid="import-preview">
      <p>
        {FORMAT_LABELS[preview.format] ?? preview.format}
        {preview.encoding ? `（编码 ${preview.encoding}）` : ''} · 文档标题：<b>{preview.title || '（未识别）'}</b> · 共 {preview.sections.length} 节，{preview.totalChars} 字
      </p>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>章节标题</th>
            <th>层级</th>
            <th>字数</th>
          </tr>
        </thead>
        <tbody>
          {preview.sections.map((s, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td style={{ paddingLeft: 8 + (s.level - 1) * 24 }}>{s.heading}</td>
              <td>{s.level}</td>
              <td>{s.chars}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(preview.notes.length > 0 || preview.discarded.length > 0) && (
        <div className="left-out">
          <b>未导入的内容 Left out</b>
          <ul>
            {preview.notes.map((n, i) => (
              <li key={`n${i}`}>{n}</li>
            ))}
            {preview.discarded.map((d, i) => (
              <li key={`d${i}`}>页面附属文字 / page furniture：“{d}”</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

function SourcePicker({ onSource, multiple }: { onSource: (sources: Source[]) => void; multiple?: boolean }) {
  const [text, setText] = useState('')
  return (
    <div className="picker">
      <label>
        选择文件（.docx、.txt、.md）Choose {multiple ? 'files' : 'a file'}：
        <input type="file" accept={ACCEPT} multiple={multiple} onChange={(e: ChangeEvent<HTMLInputElement>) => onSource(Array.from(e.target.files ?? []).map(file => ({ file })))} />
      </label>
      {!multiple && (
        <>
          <label htmlFor="annals-paste">或粘贴文字 Or paste text：</label>
          <textarea id="annals-paste" rows={6} value={text} onChange={e => setText(e.target.value)} placeholder="把报告全文粘贴到这里" />
          <button type="button" disabled={!text.trim()} onClick={() => onSource([{ text }])}>
            预览粘贴的文字 Preview pasted text
          </button>
        </>
      )}
    </div>
  )
}

type ReportInfo = { id: string; title: string; status: string; version: number; sectionsCount: number; department: { name: string } | null }

function DraftImport({ report }: { report: ReportInfo }) {
  const [source, setSource] = useState<Source | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [mode, setMode] = useState<'replace' | 'append'>(report.sectionsCount ? 'append' : 'replace')
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  async function choose([first]: Source[]) {
    if (!first) return
    setBusy(true)
    setMessage(null)
    setPreview(null)
    const { ok, body } = await post<Preview>('/api/import/preview', first)
    setBusy(false)
    if (!ok) return setMessage({ kind: 'error', text: body.error ?? '' })
    setSource(first)
    setPreview(body)
  }

  async function accept() {
    if (!source) return
    setBusy(true)
    const { ok, body } = await post<{ sections: number }>(`/api/import/report/${report.id}?mode=${mode}&version=${report.version}`, source)
    setBusy(false)
    if (!ok) return setMessage({ kind: 'error', text: body.error ?? '' })
    setPreview(null)
    setSource(null)
    setMessage({ kind: 'done', text: `已导入 ${body.sections} 节（${mode === 'replace' ? '替换' : '追加'}）/ Imported ${body.sections} sections` })
  }

  if (!EDITABLE.includes(report.status)) {
    return <p role="alert">这份报告当前不是草稿或退回修改状态，不能导入。 Only drafts and reports sent back can take an import.</p>
  }
  return (
    <>
      <p>
        导入到：<b>{report.title}</b>（{report.department?.name}，现有 {report.sectionsCount} 节，第 {report.version} 版）
      </p>
      {!preview && <SourcePicker onSource={choose} />}
      {busy && <p>处理中… Working…</p>}
      {preview && (
        <>
          <PreviewTable preview={preview} />
          <fieldset>
            <legend>导入方式 How</legend>
            <label>
              <input type="radio" name="mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> 替换现有全部章节 Replace all sections
            </label>
            <label>
              <input type="radio" name="mode" checked={mode === 'append'} onChange={() => setMode('append')} /> 追加到现有章节之后 Append after them
            </label>
          </fieldset>
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={accept}>
              确认导入 Import
            </button>
            <button type="button" onClick={() => (setPreview(null), setSource(null))}>
              取消 Cancel
            </button>
          </div>
        </>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>
          {message.text}
        </p>
      )}
      <p>
        <a href={`/reports/${report.id}`}>返回报告 Back to the report</a>
      </p>
    </>
  )
}

type ArchiveRow = { source: { file: File }; preview?: Preview; error?: string; outcome?: Outcome }

function ArchiveImport() {
  const [rows, setRows] = useState<ArchiveRow[]>([])
  const [departmentName, setDepartmentName] = useState('')
  const [progress, setProgress] = useState<{ done: number; total: number; phase: string } | null>(null)

  async function run(phase: 'preview' | 'import', current: ArchiveRow[]) {
    const next = [...current]
    for (const [i, row] of next.entries()) {
      if (phase === 'import' && (row.error || row.outcome)) continue
      setProgress({ done: i, total: next.length, phase })
      if (phase === 'preview') {
        const { ok, body } = await post<Preview>('/api/import/preview', row.source)
        next[i] = ok ? { ...row, preview: body } : { ...row, error: body.error }
      } else {
        const query = departmentName && oneDepartment ? `?departmentName=${encodeURIComponent(departmentName)}` : ''
        const { body } = await post<Outcome>(`/api/import/archive${query}`, row.source)
        next[i] = { ...row, outcome: body.error ? { file: row.source.file.name, status: 'failed', message: body.error } : body }
      }
      setRows([...next])
    }
    setProgress({ done: next.length, total: next.length, phase })
  }

  const ready = rows.length > 0 && rows.every(r => r.preview || r.error) && !rows.some(r => r.outcome)
  // a new department's name fits only when all files are of one department (code-year.ext)
  const codes = new Set(rows.map(r => /^(.+)-\d{4}\.[a-z]+$/i.exec(r.source.file.name)?.[1]?.toLowerCase() ?? r.source.file.name))
  const oneDepartment = codes.size <= 1
  return (
    <>
      <p>文件名请用“部门代码-年份.docx”（如 minghu-2019.docx）；导入后为已批准的档案报告，已存在的跳过。 Name files &lt;code&gt;-&lt;year&gt;.docx; they become approved archive reports.</p>
      <label>
        新部门名称（可选，仅当所选文件都属于同一部门时使用）New department name, for files of one department：
        <input value={departmentName} disabled={!oneDepartment} onChange={e => setDepartmentName(e.target.value)} placeholder="如：明湖市委组织部" />
      </label>
      <SourcePicker
        multiple
        onSource={sources => {
          const fresh = (sources as { file: File }[]).map(source => ({ source }))
          setRows(fresh)
          void run('preview', fresh)
        }}
      />
      {progress && (
        <p role="status" data-testid="import-progress">
          {progress.phase === 'preview' ? '预览' : '导入'}进度 Progress：{progress.done} / {progress.total}
          <progress max={progress.total} value={progress.done} />
        </p>
      )}
      {rows.length > 0 && (
        <table data-testid="archive-results">
          <thead>
            <tr>
              <th>文件</th>
              <th>标题</th>
              <th>章节</th>
              <th>字数</th>
              <th>未导入</th>
              <th>结果</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.source.file.name}</td>
                <td>{r.preview?.title}</td>
                <td>{r.preview?.sections.length}</td>
                <td>{r.preview?.totalChars}</td>
                <td>{r.preview ? [...r.preview.notes, ...r.preview.discarded.map(d => `“${d}”`)].join('；') : ''}</td>
                <td className={r.error || r.outcome?.status === 'failed' ? 'error' : ''}>
                  {r.error ??
                    (r.outcome ? (
                      <>
                        {{ created: '✓ 已导入', skipped: '= 已存在，跳过', failed: '✗ 失败' }[r.outcome.status]} {r.outcome.status === 'failed' ? r.outcome.message : ''}
                        {r.outcome.reportId && <a href={`/reports/${r.outcome.reportId}`}> 查看</a>}
                      </>
                    ) : (
                      '待导入'
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!ready} onClick={() => void run('import', rows)}>
          全部导入 Import all
        </button>
        <button type="button" onClick={() => (setRows([]), setProgress(null))}>
          取消 Cancel
        </button>
      </div>
    </>
  )
}

export default function ImportPage() {
  const router = useRouter()
  const reportId = typeof router.query.report === 'string' ? router.query.report : ''
  const { data, loading, error } = useQuery<{ authenticatedItem: { role: string } | null; report?: ReportInfo | null }>(WHO, {
    variables: { id: reportId || '0', withReport: !!reportId },
  })
  const role = data?.authenticatedItem?.role
  return (
    <PageContainer header={<Heading type="h3">{reportId ? '导入文档到报告 Import into a report' : '导入档案 Import into the archive'}</Heading>} title="导入">
      <div id="annals-import" style={{ maxWidth: 1000 }}>
        <style>{CSS}</style>
        {loading && <p>加载中… Loading…</p>}
        {error && <p role="alert">{error.message}</p>}
        {data && reportId && !data.report && <p role="alert">报告不存在或您无权查看。 The report does not exist or you may not read it.</p>}
        {data && reportId && data.report && (role === 'writer' || role === 'admin' ? <DraftImport report={data.report} /> : <p role="alert">只有本部门撰稿人可以向报告导入。 Only the department’s writers may import into a report.</p>)}
        {data && !reportId && (role === 'admin' || role === 'archivist' ? <ArchiveImport /> : <p role="alert">档案导入供管理员和档案员使用；撰稿人请在报告页面导入。 The archive import is for admins and archivists; writers import from a report’s page.</p>)}
      </div>
    </PageContainer>
  )
}

const CSS = `
#annals-import { font-size: 15px; }
#annals-import label { display: block; margin: 8px 0; }
#annals-import textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 6px; }
#annals-import input:not([type=radio]):not([type=file]) { padding: 4px 6px; font: inherit; }
#annals-import button { padding: 5px 14px; border-radius: 6px; border: 1px solid #d0d7de; background: #fff; cursor: pointer; margin-right: 8px; font: inherit; }
#annals-import button.primary { background: #0969da; border-color: #0969da; color: #fff; }
#annals-import button:disabled { opacity: .5; cursor: default; }
#annals-import table { border-collapse: collapse; width: 100%; margin: 8px 0; }
#annals-import th, #annals-import td { border-bottom: 1px solid #eaeef2; padding: 4px 8px; text-align: left; vertical-align: top; }
#annals-import .left-out { background: #fff8c5; border: 1px solid #eac54f; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
#annals-import fieldset { border: 1px solid #d0d7de; border-radius: 6px; margin: 8px 0; }
#annals-import .actions { margin: 12px 0; }
#annals-import .error { color: #b42318; }
#annals-import .done { color: #1a7f37; font-weight: 600; }
#annals-import progress { margin-left: 8px; vertical-align: middle; }
`
