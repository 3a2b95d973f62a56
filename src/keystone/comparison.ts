// Comparison for a signed-in user: load the reports through the user's own access rules,
// run the engine, cache the result by content. A report the user cannot read cannot be
// compared against: the error does not say whether it exists.
import type { KeystoneContext } from '@keystone-6/core/types'
import { packHistory, packReportDiff, type ComparisonSummary, type WireHistory, type ReportComparisonResult, type ReportRef, type RevisionComparisonResult, type WireReportDiff } from '../compare/transport'
import { AnnalsError } from './errors'
import { serialisedOnce } from './answer-json'

export type { ComparisonSummary, ReportRef }
import { boundedCache, compareReports, compareWithHistory, contentKey, type HistoryResult, type NormalizeOptions, type ReportDiff } from '../compare'
import { reportReadFilter } from '../access'

export type ComparableReport = {
  id: string
  year: number
  kind: string
  title: string
  status: string
  department: { id: string; name: string } | null
  sections: { key: string; heading: string; level: number; text: string }[]
}

export type ReportComparison = ReportComparisonResult

/** A comparison refused, with the API's stable code (errors.ts): BAD_REQUEST is INVALID_INPUT. */
export class ComparisonError extends AnnalsError {
  constructor(message: string, code: 'NOT_ACCESSIBLE' | 'BAD_REQUEST') {
    super(code === 'BAD_REQUEST' ? 'INVALID_INPUT' : code, message)
    this.name = 'ComparisonError'
  }
}

export const NOT_ACCESSIBLE = '报告不存在或您无权查看，无法比对 / The report does not exist or you may not read it, so it cannot be compared'

const DEFAULT_HISTORY = 10

type ReportRow = { id: string; title: string; year: number; kind: string; status: string; departmentId: string | null; contentVersion: number }

/**
 * Reports the session may read, through Keystone's access rules (no text yet). Sections are
 * read below with Prisma directly: their access follows their report's, checked here.
 */
async function readableRows(context: KeystoneContext, ids: readonly string[]): Promise<ReportRow[]> {
  const rows = (await context.db.Report.findMany({ where: { id: { in: [...ids] } } })) as unknown as ReportRow[]
  if (rows.length !== new Set(ids).size) throw new ComparisonError(NOT_ACCESSIBLE, 'NOT_ACCESSIBLE')
  return ids.map(id => rows.find(r => r.id === id) as ReportRow)
}

/**
 * The report and the same department's earlier reports of its kind that the session may read,
 * newest first — in one query: every readable report of the department that holds it.
 */
async function withEarlierYears(context: KeystoneContext, id: string, take = DEFAULT_HISTORY): Promise<{ reportRow: ReportRow; earlier: ReportRow[] }> {
  // Filtering through Department.reports is closed to clients (it could probe other departments'
  // drafts), so the session's read rule is applied here by hand; nothing is returned unless the
  // report itself is readable.
  const readable = reportReadFilter(context)
  if (readable === false) throw new ComparisonError(NOT_ACCESSIBLE, 'NOT_ACCESSIBLE')
  const sameDepartment = { OR: [{ id: { equals: id } }, { department: { reports: { some: { id: { equals: id } } } } }] }
  const rows = (await context.sudo().db.Report.findMany({
    where: readable === true ? sameDepartment : { AND: [sameDepartment, readable] },
    orderBy: { year: 'desc' },
  })) as unknown as ReportRow[]
  const reportRow = rows.find(r => r.id === id)
  if (!reportRow) throw new ComparisonError(NOT_ACCESSIBLE, 'NOT_ACCESSIBLE')
  const earlier = reportRow.departmentId
    ? rows.filter(r => r.departmentId === reportRow.departmentId && r.kind === reportRow.kind && r.year < reportRow.year).slice(0, take)
    : []
  return { reportRow, earlier }
}

/**
 * Cache key from the reports' content versions (moved by every change to a report or its
 * sections, see touchContent): no text is read or hashed to serve a cached comparison.
 */
function versionKey(kind: string, rows: ReportRow[], ...options: unknown[]): string {
  return `${kind}|${rows.map(r => `${r.id}@${r.contentVersion}.${r.status}`).join(";")}|${JSON.stringify(options)}`
}

async function withTexts(context: KeystoneContext, rows: ReportRow[]): Promise<ComparableReport[]> {
  const [sections, departments] = await Promise.all([
    context.prisma.section.findMany({
      where: { reportId: { in: rows.map(r => r.id) } },
      select: { reportId: true, key: true, heading: true, level: true, plainText: true, position: true, id: true },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    }),
    context.prisma.department.findMany({ where: { id: { in: rows.map(r => r.departmentId).filter(Boolean) as string[] } }, select: { id: true, name: true } }),
  ])
  return rows.map(r => ({
    id: r.id,
    title: r.title,
    year: r.year,
    kind: r.kind,
    status: r.status,
    department: departments.find((d: { id: string }) => d.id === r.departmentId) ?? null,
    sections: sections
      .filter((s: { reportId: string }) => s.reportId === r.id)
      .map((s: { key: string; heading: string; level: number; plainText: string }) => ({ key: s.key, heading: s.heading, level: s.level, text: s.plainText })),
  }))
}

/**
 * Prisma compiles a plan for each shape of query once: these are the reads of a comparison,
 * compiled before the server listens by comparing a report that does not exist as each kind
 * of reader (the read rule gives admins, archivists and department members different shapes).
 */
export async function warmComparisonReads(context: KeystoneContext): Promise<void> {
  const nobody = 'warm-up'
  for (const role of ['admin', 'archivist', 'writer'] as const) {
    const reader = context.withSession({ itemId: nobody, data: { id: nobody, name: '', role, departments: [{ id: nobody }], sessionsValidAfter: null } })
    await withEarlierYears(reader, nobody).catch(error => {
      if (!(error instanceof ComparisonError)) throw error
    })
  }
  await withTexts(context, [{ id: nobody, title: '', year: 0, kind: '', status: '', departmentId: nobody, contentVersion: 0 }])
}

/** A report as the session may see it; throws the same error for "missing" and "forbidden". */
export async function loadReadableReport(context: KeystoneContext, id: string): Promise<ComparableReport> {
  const [row] = await readableRows(context, [id])
  const [report] = await withTexts(context, [row])
  return report
}

function refOf({ sections: _sections, ...ref }: ComparableReport): ReportRef {
  return ref
}

const cache = boundedCache<string, ReportComparison>({ entries: 200 })

function summarize(diff: ReportDiff | null, primary: ComparableReport | null): ComparisonSummary {
  if (!diff || !primary) {
    return { againstYear: null, againstTitle: null, similarity: 0, reusedPassages: 0, addedSections: 0, droppedSections: 0, changedSections: 0, moves: 0, figuresChanged: 0 }
  }
  const moveIds = new Set(diff.sections.flatMap(s => s.diff.ops.filter(op => op.moveId).map(op => op.moveId)))
  return {
    againstYear: primary.year,
    againstTitle: primary.title,
    similarity: diff.similarity,
    reusedPassages: diff.reused.length,
    addedSections: diff.stats.added,
    droppedSections: diff.stats.dropped,
    changedSections: diff.stats.changed,
    moves: moveIds.size,
    figuresChanged: diff.figures.filter(f => f.status === 'changed').length,
  }
}

export type CompareRequest = { id: string; against?: readonly string[] | null; normalize?: NormalizeOptions | null; swap?: boolean | null }

/** Compare a report with earlier reports (default: its department's earlier years, newest first). */
export async function compareReportForSession(
  context: KeystoneContext,
  request: CompareRequest
): Promise<ReportComparison & { cached: boolean }> {
  if (request.against?.includes(request.id)) throw new ComparisonError('不能与自身比对 / A report cannot be compared with itself', 'BAD_REQUEST')
  const { reportRow, earlier } = request.against?.length
    ? { reportRow: (await readableRows(context, [request.id]))[0], earlier: (await readableRows(context, request.against)).sort((a, b) => b.year - a.year) }
    : await withEarlierYears(context, request.id)
  const normalize = request.normalize ?? {}
  const swapped = !!request.swap
  const key = versionKey('report', [reportRow, ...earlier], normalize, swapped)
  const hit = cache.get(key)
  if (hit) return { ...hit, cached: true }

  const [report, ...history] = await withTexts(context, [reportRow, ...earlier])
  const primary = history[0] ?? null
  const options = { normalize }
  const diff = primary ? (swapped ? compareReports(report, primary, options) : compareReports(primary, report, options)) : null
  const result: ReportComparison = {
    report: refOf(report),
    against: history.map(refOf),
    primary: primary ? refOf(primary) : null,
    swapped,
    diff,
    history: history.length ? withoutSentenceTexts(compareWithHistory(report, history, normalize)) : null,
    summary: summarize(diff, primary),
    lengths: {
      before: ((swapped ? report : primary)?.sections ?? []).map(s => s.text.length),
      after: ((swapped ? primary : report)?.sections ?? []).map(s => s.text.length),
    },
  }
  cache.set(key, result)
  return { ...result, cached: false }
}

/** The view places sentences by offsets; their text would only repeat the report. */
function withoutSentenceTexts(history: HistoryResult): HistoryResult {
  return { ...history, sentences: history.sentences.map(({ text: _text, ...rest }) => rest as HistoryResult['sentences'][number]) }
}

/**
 * The result as sent over the API, without text the view can rebuild or fields it does not
 * read: an equal op whose two sides are the same character for character carries `before`
 * only, reused passages carry their places (not their text), unchanged figures their texts
 * only, section diffs no stats, history sentences their place and first year (transport.ts).
 */
export function compactForTransport<T extends { diff: ReportDiff | null; history?: HistoryResult | null }>(
  result: T
): Omit<T, 'diff' | 'history'> & { diff: WireReportDiff | null; history?: WireHistory | null } {
  const diff = result.diff && packedOnce(result.diff, packReportDiff)
  if (!('history' in result)) return { ...result, diff }
  return { ...result, diff, history: result.history && packedOnce(result.history, packHistory) }
}

// a cached comparison is packed once, and serialised once, not on every request that hits the cache
const packed = new WeakMap<object, unknown>()
function packedOnce<T extends object, W extends object>(value: T, pack: (value: T) => W): W {
  let wire = packed.get(value) as W | undefined
  if (wire === undefined) packed.set(value, (wire = serialisedOnce(pack(value))))
  return wire
}

type RevisionRow = { id: string; number: number; label: string; reason: string; createdAt: string; contentHash: string; snapshot: { title: string; sections: { key: string; heading: string; level?: number; text: string }[] } }

export type RevisionComparison = RevisionComparisonResult

/**
 * Compare two revisions of one report; `to` may be 'current' (the text as it is now).
 * Defaults: from the second newest revision to the newest, or from the newest to the current
 * text when there is only one.
 */
export async function compareRevisionsForSession(
  context: KeystoneContext,
  request: { reportId: string; from?: string | null; to?: string | null; normalize?: NormalizeOptions | null }
): Promise<RevisionComparison & { cached: boolean }> {
  const report = await loadReadableReport(context, request.reportId)
  const revisions = (await context.query.Revision.findMany({
    where: { report: { id: { equals: report.id } } },
    orderBy: { number: 'desc' },
    query: 'id number label reason createdAt contentHash snapshot',
  })) as RevisionRow[]
  const byId = (id: string) => {
    const found = revisions.find(r => r.id === id)
    if (!found) throw new ComparisonError('该修订不属于此报告或不存在 / That revision does not belong to this report', 'BAD_REQUEST')
    return found
  }
  const current = { id: 'current' as const, label: '当前内容 / current text', snapshot: { title: report.title, sections: report.sections } }
  const to = request.to === 'current' ? current : request.to ? byId(request.to) : revisions.length > 1 ? revisions[0] : current
  const from = request.from ? byId(request.from) : revisions.length > 1 && to !== current ? revisions[1] : revisions[0]
  if (!from) throw new ComparisonError('此报告还没有修订记录 / This report has no revisions yet', 'BAD_REQUEST')
  const normalize = request.normalize ?? {}
  const key = contentKey('revisions', from.snapshot, to.snapshot, normalize)
  const hit = revisionCache.get(key)
  const diff = hit ?? compareReports(from.snapshot, to.snapshot, { normalize })
  if (!hit) revisionCache.set(key, diff)
  const strip = <T extends { snapshot?: unknown }>({ snapshot: _snapshot, ...rest }: T) => rest
  return {
    report: refOf(report),
    from: strip(from),
    to: strip(to) as RevisionComparison['to'],
    diff,
    summary: summarize(diff, { ...report, title: from.label }),
    cached: !!hit,
  }
}

const revisionCache = boundedCache<string, ReportDiff>({ entries: 200 })
