// 撰写 / The writing desk: a whole report on one page for the department's writers while it is
// 草稿 or 退回修改. Each section's body is edited with the document field's own view and
// controller (the stock form's editor); every save carries its version; a stale save opens
// the conflict panel; unsaved text stays in localStorage until the server confirms it.
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from 'react'
import { useApolloClient, useQuery } from '@keystone-6/core/admin-ui/apollo'
import type { DocumentNode } from 'graphql'
import { useList } from '@keystone-6/core/admin-ui/context'
import {
  ADD_SECTION,
  DELETE_SECTION,
  LAST_YEAR,
  MOVE_SECTION,
  PRESENCE,
  SAVE_SECTION,
  SUBMIT,
  chinaTime,
  deskQuery,
  leaveOnLeave,
  saveOnLeave,
  type DiffOp,
  type LastYearBeside,
  type Outline,
  type Presence,
  type SaveResult,
  type SectionState,
} from './api'
import { clearDraftIfSaved, dropDraft, readDraft, writeDraft } from './local-drafts'
import { ConflictPanel } from './ConflictPanel'
import { LastYear } from './LastYear'
import { DESK_CSS } from './styles'
import type { ReportHead, SignedInUser } from '../lib/fragments'
import { EDITABLE_STATUSES } from '../../src/access'
import { statusLabel } from '../../src/workflow/vocabulary'
import { LEVEL_LABELS, MAX_LEVEL, MIN_LEVEL } from '../../src/workflow/outline'

type Body = unknown[]
type Status = 'saved' | 'saving' | 'unsaved' | 'conflict'
export const STATUS_TEXT: Record<Status, string> = { saved: '已保存', saving: '保存中…', unsaved: '未保存', conflict: '冲突' }

type Model = {
  id: string
  key: string
  level: number
  heading: string
  body: Body
  /** server version this text is based on */
  version: number
  /** what the server holds (to know whether there is anything to save) */
  stored: string
  status: Status
  conflict?: { theirs: SectionState; diff: DiffOp[] }
  /** their text, shown beside while merging by hand */
  reference?: SectionState
  /** bumped to remount the editor when its content is replaced from outside */
  editorKey: number
  error?: string
}

type DocumentController = {
  graphqlSelection: string
  deserialize: (item: Record<string, unknown>) => Body
  serialize: (value: Body) => Record<string, unknown>
  label: string
}
type FieldView = ComponentType<{ field: DocumentController; value: Body; onChange?: (value: Body) => void; autoFocus?: boolean; forceValidation?: boolean; isRequired?: boolean; itemValue?: unknown }>

type DeskData = {
  authenticatedItem: SignedInUser | null
  report: (ReportHead & { sections: ({ id: string; key: string; position: number; heading: string; level: number; version: number } & Record<string, unknown>)[] }) | null
}

const AUTOSAVE_MS = 1200
const RETRY_MS = 5000
const PRESENCE_MS = 15_000
/** last year's marks follow the draft, but a full comparison per keystroke pause would be wasteful */
const LAST_YEAR_REFRESH_MS = 15_000
const EDITABLE: readonly string[] = EDITABLE_STATUSES

const fingerprint = (heading: string, level: number, body: unknown) => JSON.stringify([heading, level, body])

function graphqlError(error: unknown): { message: string; code?: string } {
  // Apollo's error for a GraphQL answer with errors (anything else has none)
  const first = (error as { errors?: { message: string; extensions?: { code?: string } }[] })?.errors?.[0]
  if (first) return { message: first.message, code: first.extensions?.code }
  return { message: error instanceof Error ? error.message : String(error) }
}

export function WritingDesk({ reportId }: { reportId: string }) {
  const sectionList = useList('Section')
  // the admin meta types every field's controller alike; Section.body is a document field
  const bodyField = sectionList.fields.body as unknown as { controller: DocumentController; views: { Field: FieldView } }
  const controller = bodyField.controller
  const query = useMemo(() => deskQuery(controller.graphqlSelection), [controller])
  const { data, loading, error } = useQuery<DeskData>(query, { variables: { id: reportId }, fetchPolicy: 'no-cache' })
  const client = useApolloClient()

  const [order, setOrder] = useState<string[]>([])
  const [models, setModels] = useState<Record<string, Model>>({})
  const [reportVersion, setReportVersion] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)
  const [presence, setPresence] = useState<Presence[]>([])
  const [currentSection, setCurrentSection] = useState<string | null>(null)
  const [lastYear, setLastYear] = useState<LastYearBeside | null>(null)
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null)
  const [adding, setAdding] = useState<{ position: number; heading: string; level: number } | null>(null)
  const [confirmSubmit, setConfirmSubmit] = useState(false)
  const [submitted, setSubmitted] = useState(false)
  const [dragging, setDragging] = useState<string | null>(null)

  const modelsRef = useRef(models)
  modelsRef.current = models
  const timers = useRef<Record<string, ReturnType<typeof setTimeout>>>({})
  const inFlight = useRef<Record<string, boolean>>({})

  const report = data?.report
  const editable = !!report && EDITABLE.includes(report.status) && !submitted

  // ---------- load: server text, then any unsaved text kept in this browser ----------
  // Once per report: later cache updates of the same report (a save's answer normalised into
  // Apollo's cache) must not replace the editors' values, or the caret jumps while typing.
  const loadedFor = useRef<string | null>(null)
  useEffect(() => {
    if (!report || loadedFor.current === report.id) return
    loadedFor.current = report.id
    const next: Record<string, Model> = {}
    for (const s of report.sections) {
      const body = controller.deserialize(s)
      const stored = fingerprint(s.heading, s.level, controller.serialize(body).body)
      const model: Model = { id: s.id, key: s.key, level: s.level, heading: s.heading, body, version: s.version, stored, status: 'saved', editorKey: 0 }
      const local = readDraft(report.id, s.id)
      if (local && fingerprint(local.heading, s.level, local.body) !== stored) {
        model.heading = local.heading
        model.body = controller.deserialize({ body: { document: local.body } })
        model.version = local.baseVersion
        model.status = 'unsaved'
      } else if (local) {
        dropDraft(report.id, s.id)
      }
      next[s.id] = model
    }
    setModels(next)
    setOrder(report.sections.map(s => s.id))
    setReportVersion(report.version)
    for (const model of Object.values(next)) if (model.status === 'unsaved') schedule(model.id, 50)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report])

  const update = useCallback((id: string, change: (m: Model) => Partial<Model>) => {
    setModels(all => {
      const m = all[id]
      if (!m) return all
      const next = { ...all, [id]: { ...m, ...change(m) } }
      modelsRef.current = next
      return next
    })
  }, [])

  // ---------- saving ----------
  const save = useCallback(
    async (id: string) => {
      const m = modelsRef.current[id]
      if (!m || !report || m.status === 'conflict') return
      const body = controller.serialize(m.body).body
      const sent = fingerprint(m.heading, m.level, body)
      if (sent === m.stored) {
        update(id, () => ({ status: 'saved' }))
        return
      }
      if (inFlight.current[id]) return schedule(id, 300)
      inFlight.current[id] = true
      update(id, () => ({ status: 'saving', error: undefined }))
      try {
        const { data: result } = await client.mutate<{ saveReportSection: SaveResult }>({
          mutation: SAVE_SECTION,
          variables: { id, version: m.version, heading: m.heading, body, level: m.level },
        })
        const answer = result!.saveReportSection
        if (answer.status === 'CONFLICT') {
          update(id, () => ({ status: 'conflict', conflict: { theirs: answer.section, diff: answer.diff ?? [] } }))
        } else {
          clearDraftIfSaved(report.id, id, { heading: m.heading, body })
          update(id, now => {
            const changedSince = fingerprint(now.heading, now.level, controller.serialize(now.body).body) !== sent
            return { version: answer.section.version, stored: sent, status: changedSince ? 'unsaved' : 'saved' }
          })
          if (fingerprint(modelsRef.current[id].heading, modelsRef.current[id].level, controller.serialize(modelsRef.current[id].body).body) !== sent) schedule(id)
          refreshLastYear()
        }
      } catch (e) {
        const { message, code } = graphqlError(e)
        if (code === 'NOT_FOUND' || code === 'NOT_EDITABLE' || code === 'FORBIDDEN') {
          // retrying cannot help: say why; the text stays in this browser's copy
          update(id, () => ({ status: 'unsaved', error: `${message}（您的文字仍保留在本机，可复制保存 / your text is kept in this browser）` }))
        } else {
          update(id, () => ({ status: 'unsaved', error: `未能保存，稍后自动重试：${message} / Not saved, retrying` }))
          schedule(id, RETRY_MS)
        }
      } finally {
        inFlight.current[id] = false
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, controller, report, update]
  )
  const saveRef = useRef(save)
  saveRef.current = save

  function schedule(id: string, delay = AUTOSAVE_MS) {
    clearTimeout(timers.current[id])
    timers.current[id] = setTimeout(() => void saveRef.current(id), delay)
  }

  function edit(id: string, change: Partial<Pick<Model, 'heading' | 'body' | 'level'>>) {
    if (!report) return
    update(id, m => {
      const next = { ...m, ...change }
      writeDraft(report.id, id, { heading: next.heading, body: controller.serialize(next.body).body, baseVersion: next.version, changedAt: new Date().toISOString() })
      return { ...change, status: m.status === 'conflict' ? 'conflict' : 'unsaved' }
    })
    schedule(id)
  }

  // leaving the page: send what is unsaved with a request the browser completes anyway
  useEffect(() => {
    if (!report) return
    const flush = () => {
      for (const m of Object.values(modelsRef.current)) {
        if (m.status !== 'unsaved') continue
        saveOnLeave({ id: m.id, version: m.version, heading: m.heading, body: controller.serialize(m.body).body, level: m.level })
      }
      leaveOnLeave(report.id)
    }
    const hidden = () => {
      if (document.visibilityState === 'hidden') for (const m of Object.values(modelsRef.current)) if (m.status === 'unsaved') void saveRef.current(m.id)
    }
    window.addEventListener('pagehide', flush)
    document.addEventListener('visibilitychange', hidden)
    return () => {
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', hidden)
      flush()
    }
  }, [report, controller])

  // ---------- conflicts ----------
  function keepMine(id: string) {
    const theirs = modelsRef.current[id]?.conflict?.theirs
    if (!theirs) return
    update(id, () => ({ status: 'unsaved', conflict: undefined, version: theirs.version, stored: '' }))
    setTimeout(() => void saveRef.current(id), 0)
  }
  function takeTheirs(id: string) {
    const theirs = modelsRef.current[id]?.conflict?.theirs
    if (!theirs || !report) return
    const body = controller.deserialize({ body: { document: theirs.body } })
    dropDraft(report.id, id)
    update(id, m => ({
      status: 'saved',
      conflict: undefined,
      heading: theirs.heading,
      level: theirs.level,
      body,
      version: theirs.version,
      stored: fingerprint(theirs.heading, theirs.level, controller.serialize(body).body),
      editorKey: m.editorKey + 1,
    }))
  }
  function mergeByHand(id: string) {
    const theirs = modelsRef.current[id]?.conflict?.theirs
    if (!theirs) return
    // my text stays in the editor, theirs beside it; the next save is based on their version
    update(id, () => ({ status: 'unsaved', conflict: undefined, version: theirs.version, stored: '', reference: theirs }))
  }

  // ---------- the outline ----------
  function applyOutline(outline: Outline) {
    setReportVersion(outline.reportVersion)
    setOrder(outline.sections.map(s => s.id))
    setModels(all => {
      const next: Record<string, Model> = {}
      for (const s of outline.sections) {
        const body = controller.deserialize({})
        next[s.id] = all[s.id]
          ? { ...all[s.id], key: s.key }
          : { id: s.id, key: s.key, level: s.level, heading: s.heading, body, version: s.version, stored: fingerprint(s.heading, s.level, controller.serialize(body).body), status: 'saved', editorKey: 0 }
      }
      modelsRef.current = next
      return next
    })
  }

  async function outlineChange(mutation: DocumentNode, variables: Record<string, unknown>, field: string): Promise<Outline | null> {
    setNotice(null)
    try {
      const { data: result } = await client.mutate<Record<string, Outline>>({ mutation, variables: { reportId, reportVersion, ...variables } })
      const outline = result![field]
      applyOutline(outline)
      return outline
    } catch (e) {
      const { message, code } = graphqlError(e)
      setNotice(code === 'CONFLICT' ? `${message}（大纲已刷新，请再试一次 / outline reloaded, try again）` : message)
      if (code === 'CONFLICT') await reloadOutline()
      return null
    }
  }

  async function reloadOutline() {
    const { data: fresh } = await client.query<DeskData>({ query, variables: { id: reportId }, fetchPolicy: 'no-cache' })
    if (!fresh?.report) return
    const sections = fresh.report.sections
    setReportVersion(fresh.report.version)
    setOrder(sections.map(s => s.id))
    setModels(all => {
      const next: Record<string, Model> = {}
      for (const s of sections) {
        const body = controller.deserialize(s)
        const mine = all[s.id]
        next[s.id] =
          mine && mine.status !== 'saved'
            ? mine
            : { id: s.id, key: s.key, level: s.level, heading: s.heading, body, version: s.version, stored: fingerprint(s.heading, s.level, controller.serialize(body).body), status: 'saved', editorKey: (mine?.editorKey ?? 0) + 1 }
      }
      modelsRef.current = next
      return next
    })
  }

  const move = (id: string, toPosition: number) => outlineChange(MOVE_SECTION, { id, toPosition }, 'moveReportSection')
  async function remove(id: string) {
    setConfirmDelete(null)
    const m = modelsRef.current[id]
    const outline = await outlineChange(DELETE_SECTION, { id, version: m.version }, 'deleteReportSection')
    if (outline && report) dropDraft(report.id, id)
  }
  async function add() {
    if (!adding) return
    const outline = await outlineChange(ADD_SECTION, { position: adding.position, heading: adding.heading, level: adding.level }, 'addReportSection')
    if (outline) {
      setAdding(null)
      if (outline.sectionId) setTimeout(() => document.getElementById(`section-${outline.sectionId}`)?.scrollIntoView({ block: 'center' }), 50)
    }
  }
  function setLevel(id: string, level: number) {
    if (level < MIN_LEVEL || level > MAX_LEVEL) return
    edit(id, { level })
    schedule(id, 0)
  }

  // ---------- last year, presence, submit ----------
  const lastYearTimer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const refreshLastYear = useCallback(() => {
    clearTimeout(lastYearTimer.current)
    lastYearTimer.current = setTimeout(async () => {
      try {
        const { data: result } = await client.query<{ lastYearBeside: LastYearBeside }>({ query: LAST_YEAR, variables: { reportId }, fetchPolicy: 'network-only' })
        if (result) setLastYear(result.lastYearBeside)
      } catch {
        // last year is a help, not a requirement
      }
    }, LAST_YEAR_REFRESH_MS)
  }, [client, reportId])
  useEffect(() => {
    if (!report) return
    void client
      .query<{ lastYearBeside: LastYearBeside }>({ query: LAST_YEAR, variables: { reportId }, fetchPolicy: 'network-only' })
      .then(r => r.data && setLastYear(r.data.lastYearBeside))
      .catch(() => setLastYear(null))
  }, [client, report, reportId])

  useEffect(() => {
    if (!report || !editable) return
    let stopped = false
    const beat = async () => {
      try {
        const { data: result } = await client.mutate<{ writingPresence: Presence[] }>({ mutation: PRESENCE, variables: { reportId, sectionId: currentSection } })
        if (!stopped && result) setPresence(result.writingPresence)
      } catch {
        // presence is informative only
      }
    }
    void beat()
    const timer = setInterval(beat, PRESENCE_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [client, report, reportId, currentSection, editable])

  function copyParagraph(id: string, paragraph: string) {
    const m = modelsRef.current[id]
    if (!m) return
    // the editor's value: Slate nodes, of which only paragraphs and their text are read here
    const body = [...m.body] as { type?: string; children?: { text?: string }[] }[]
    const last = body[body.length - 1]
    const lastIsEmpty = last?.type === 'paragraph' && (last.children ?? []).every(c => !c.text)
    const paragraphNode = { type: 'paragraph', children: [{ text: paragraph }] }
    const next = lastIsEmpty ? [...body.slice(0, -1), paragraphNode] : [...body, paragraphNode]
    edit(id, { body: next })
    update(id, now => ({ editorKey: now.editorKey + 1 }))
  }

  async function submit() {
    setConfirmSubmit(false)
    const pending = Object.values(modelsRef.current)
    for (const m of pending) if (m.status === 'unsaved') await saveRef.current(m.id)
    const left = Object.values(modelsRef.current).filter(m => m.status !== 'saved')
    if (left.length) {
      setNotice(`还有 ${left.length} 节未保存或有冲突，请先处理 / ${left.length} sections are unsaved or in conflict`)
      return
    }
    try {
      await client.mutate({ mutation: SUBMIT, variables: { id: reportId, expectedVersion: reportVersion } })
      setSubmitted(true)
      setNotice('已提交审核。审核结束前不能再修改。 Submitted for review.')
    } catch (e) {
      setNotice(graphqlError(e).message)
    }
  }

  // ---------- render ----------
  if (loading && !data) return <p>加载中… Loading…</p>
  if (error) return <p role="alert">{error.message}</p>
  if (!report) return <p role="alert">报告不存在或您无权查看 / The report does not exist or you may not read it</p>

  const me = data?.authenticatedItem
  const mayWrite = !!me && (me.role === 'admin' || (me.role === 'writer' && me.departments.some(d => d.id === report.department?.id)))
  const list = order.map(id => models[id]).filter(Boolean)
  const overall: Status = list.some(m => m.status === 'conflict') ? 'conflict' : list.some(m => m.status === 'saving') ? 'saving' : list.some(m => m.status === 'unsaved') ? 'unsaved' : 'saved'
  const others = (sectionId: string) => presence.filter(p => p.sectionId === sectionId)
  const Field = bodyField.views.Field

  if (!mayWrite || !EDITABLE.includes(report.status)) {
    return (
      <div className="annals-desk">
        <style>{DESK_CSS}</style>
        <h1>{report.title}</h1>
        <p role="status">
          {mayWrite
            ? `此报告当前为“${statusLabel(report.status)}”，不能修改（只有草稿和退回修改的报告可以撰写）。 This report cannot be edited now. `
            : '只有本部门的撰稿人可以撰写此报告。 Only the department’s writers write this report. '}
          <a href={`/reports/${report.id}`}>阅读报告 Read the report</a>
        </p>
      </div>
    )
  }

  const addForm = (position: number) =>
    adding?.position === position ? (
      <div className="annals-add-form" data-testid="add-form">
        <input aria-label="新章节标题 New section heading" placeholder="新章节标题，例如：四、基层组织建设" value={adding.heading} autoFocus onChange={e => setAdding({ ...adding, heading: e.target.value })} onKeyDown={e => e.key === 'Enter' && void add()} />
        <select aria-label="层级 Level" value={adding.level} onChange={e => setAdding({ ...adding, level: Number(e.target.value) })}>
          {[1, 2, 3].map(level => (
            <option key={level} value={level}>
              {['一', '二', '三'][level - 1]}级（{LEVEL_LABELS[level]}）
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void add()} disabled={!adding.heading.trim()}>
          确定新增 Add
        </button>
        <button type="button" onClick={() => setAdding(null)}>
          取消 Cancel
        </button>
      </div>
    ) : (
      <button type="button" className="annals-add" disabled={submitted} onClick={() => setAdding({ position, heading: '', level: list[position - 2]?.level ?? 1 })}>
        ＋ 在此处新增章节 Add a section here
      </button>
    )

  return (
    <div className="annals-desk">
      <style>{DESK_CSS}</style>
      <header className="annals-desk-header">
        <div>
          <h1>{report.title}</h1>
          <p className="annals-meta">
            {report.department?.name} · {report.year}年 · {statusLabel(report.status)} · 共 {list.length} 节
          </p>
        </div>
        <div className="annals-desk-actions">
          <span className={`annals-state annals-state-${overall}`} data-testid="save-state" role="status">
            {STATUS_TEXT[overall]}
          </span>
          <a href={`/import?report=${report.id}`}>导入 Word Import Word</a>
          <a href={`/reports/${report.id}`}>阅读视图 Read</a>
          <a href={`/compare?report=${report.id}`}>年度比对 Compare</a>
          {!submitted &&
            (confirmSubmit ? (
              <span className="annals-confirm">
                提交后在审核结束前不能再修改。
                <button type="button" onClick={() => void submit()}>
                  确认提交 Confirm
                </button>
                <button type="button" onClick={() => setConfirmSubmit(false)}>
                  取消 Cancel
                </button>
              </span>
            ) : (
              <button type="button" className="annals-primary" onClick={() => setConfirmSubmit(true)}>
                提交审核 Submit
              </button>
            ))}
        </div>
      </header>
      {notice && (
        <p className="annals-notice" role="alert" data-testid="notice">
          {notice}
        </p>
      )}
      {presence.length > 0 && (
        <p className="annals-presence" data-testid="presence">
          正在查看此报告 Also here：
          {presence.map(p => (
            <span key={p.userId} className="annals-chip">
              {p.name}
              {p.sectionId && models[p.sectionId] ? `（${models[p.sectionId].heading}）` : ''}
            </span>
          ))}
        </p>
      )}
      <div className="annals-desk-body">
        <nav className="annals-toc" aria-label="大纲 Outline">
          <h2>大纲 Outline</h2>
          <ol>
            {list.map(m => (
              <li
                key={m.id}
                className={`annals-toc-level-${m.level}${dragging === m.id ? ' annals-dragging' : ''}`}
                draggable={!submitted}
                onDragStart={() => setDragging(m.id)}
                onDragEnd={() => setDragging(null)}
                onDragOver={e => e.preventDefault()}
                onDrop={e => {
                  e.preventDefault()
                  if (dragging && dragging !== m.id) void move(dragging, order.indexOf(m.id) + 1)
                  setDragging(null)
                }}
              >
                <a href={`#section-${m.id}`}>{m.heading || '（无标题）'}</a>
                {m.status !== 'saved' && <span className={`annals-dot annals-state-${m.status}`} title={STATUS_TEXT[m.status]} />}
                {others(m.id).length > 0 && <span className="annals-toc-who">{others(m.id).map(p => p.name).join('、')}</span>}
              </li>
            ))}
          </ol>
        </nav>
        <main className="annals-sections">
          {list.map((m, index) => (
            <div key={m.id}>
              {addForm(index + 1)}
              <article id={`section-${m.id}`} className={`annals-section annals-level-${m.level}`} data-testid="section" onFocusCapture={() => setCurrentSection(m.id)}>
                <div className="annals-section-bar">
                  <input className="annals-heading" aria-label="章节标题 Heading" value={m.heading} disabled={submitted} onChange={e => edit(m.id, { heading: e.target.value })} />
                  <span className={`annals-state annals-state-${m.status}`} data-testid="section-state">
                    {STATUS_TEXT[m.status]}
                  </span>
                  {others(m.id).length > 0 && <span className="annals-chip">{others(m.id).map(p => p.name).join('、')} 也在此节</span>}
                </div>
                <div className="annals-section-tools" role="toolbar" aria-label="章节操作 Section actions">
                  <button type="button" disabled={submitted || index === 0} onClick={() => void move(m.id, index)} title="上移 Move up">
                    ↑ 上移
                  </button>
                  <button type="button" disabled={submitted || index === list.length - 1} onClick={() => void move(m.id, index + 2)} title="下移 Move down">
                    ↓ 下移
                  </button>
                  <button type="button" disabled={submitted || m.level <= MIN_LEVEL} onClick={() => setLevel(m.id, m.level - 1)} title="升级 Promote">
                    ← 升级
                  </button>
                  <button type="button" disabled={submitted || m.level >= MAX_LEVEL} onClick={() => setLevel(m.id, m.level + 1)} title="降级 Demote">
                    → 降级
                  </button>
                  {confirmDelete === m.id ? (
                    <span className="annals-confirm">
                      删除“{m.heading}”及其正文？
                      <button type="button" onClick={() => void remove(m.id)}>
                        确认删除 Delete
                      </button>
                      <button type="button" onClick={() => setConfirmDelete(null)}>
                        取消 Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" disabled={submitted} onClick={() => setConfirmDelete(m.id)} title="删除 Delete">
                      删除
                    </button>
                  )}
                </div>
                {m.error && <p className="annals-error">{m.error}</p>}
                {m.conflict && <ConflictPanel theirs={m.conflict.theirs} diff={m.conflict.diff} onKeepMine={() => keepMine(m.id)} onTakeTheirs={() => takeTheirs(m.id)} onMerge={() => mergeByHand(m.id)} />}
                <div className={m.reference ? 'annals-merge' : undefined}>
                  <div className="annals-editor" data-testid="editor">
                    <Field key={m.editorKey} field={controller} value={m.body} onChange={submitted ? undefined : value => value !== modelsRef.current[m.id]?.body && edit(m.id, { body: value })} />
                  </div>
                  {m.reference && (
                    <aside className="annals-reference" data-testid="reference">
                      <h4>
                        对方的版本（{m.reference.savedBy}，{chinaTime(m.reference.savedAt)}）Theirs
                      </h4>
                      {m.reference.plainText.split('\n').map((line, i) => (
                        <p key={i}>{line}</p>
                      ))}
                      <button type="button" onClick={() => update(m.id, () => ({ reference: undefined }))}>
                        合并完成，关闭 Done
                      </button>
                    </aside>
                  )}
                </div>
                <LastYear beside={lastYear} sectionId={m.id} onCopy={paragraph => copyParagraph(m.id, paragraph)} />
              </article>
            </div>
          ))}
          {addForm(list.length + 1)}
        </main>
      </div>
    </div>
  )
}

