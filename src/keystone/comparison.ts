// Comparison for a signed-in user: load the reports through the user's own access rules,
// run the engine, cache the result by content. A report the user cannot read cannot be
// compared against: the error does not say whether it exists.
import type { KeystoneContext } from '@keystone-6/core/types'
import { compareReports, compareWithHistory, contentKey, ResultCache, type HistoryResult, type NormalizeOptions, type ReportDiff } from '../compare'

export type ComparableReport = {
  id: string
  year: number
  kind: string
  title: string
  status: string
  department: { id: string; name: string } | null
  sections: { key: string; heading: string; text: string }[]
}

export type ReportRef = Omit<ComparableReport, 'sections'>

export type ComparisonSummary = {
  againstYear: number | null
  againstTitle: string | null
  similarity: number
  reusedPassages: number
  addedSections: number
  droppedSections: number
  changedSections: number
  moves: number
  figuresChanged: number
}

export type ReportComparison = {
  report: ReportRef
  against: ReportRef[]
  /** the earlier report the full diff is against (the newest of `against`) */
  primary: ReportRef | null
  /** before = primary, after = report (reversed when swapped) */
  swapped: boolean
  diff: ReportDiff | null
  history: HistoryResult | null
  summary: ComparisonSummary
  /** text lengths of the sections on each side of the diff (to place history offsets) */
  lengths: { before: number[]; after: number[] }
}

export class ComparisonError extends Error {
  constructor(
    message: string,
    readonly code: 'NOT_ACCESSIBLE' | 'BAD_REQUEST'
  ) {
    super(message)
    this.name = 'ComparisonError'
  }
}

export const NOT_ACCESSIBLE = '报告不存在或您无权查看，无法比对 / The report does not exist or you may not read it, so it cannot be compared'

const REPORT_FIELDS = 'id title year kind status department { id name } sections(orderBy: { position: asc }) { key heading plainText }'
const DEFAULT_HISTORY = 10

type QueriedReport = Omit<ComparableReport, 'sections'> & { sections: { key: string; heading: string; plainText: string }[] }

function fromQuery(row: QueriedReport): ComparableReport {
  return { ...row, sections: row.sections.map(s => ({ key: s.key, heading: s.heading, text: s.plainText })) }
}

function refOf({ sections: _sections, ...ref }: ComparableReport): ReportRef {
  return ref
}

/** A report as the session may see it; throws the same error for "missing" and "forbidden". */
export async function loadReadableReport(context: KeystoneContext, id: string): Promise<ComparableReport> {
  const row = (await context.query.Report.findOne({ where: { id }, query: REPORT_FIELDS })) as QueriedReport | null
  if (!row) throw new ComparisonError(NOT_ACCESSIBLE, 'NOT_ACCESSIBLE')
  return fromQuery(row)
}

/** The same department's earlier reports of the same kind that the session may read, newest first. */
export async function earlierReports(context: KeystoneContext, report: ComparableReport, take = DEFAULT_HISTORY): Promise<ComparableReport[]> {
  if (!report.department) return []
  const rows = (await context.query.Report.findMany({
    where: { department: { id: { equals: report.department.id } }, kind: { equals: report.kind }, year: { lt: report.year } },
    orderBy: { year: 'desc' },
    take,
    query: REPORT_FIELDS,
  })) as QueriedReport[]
  return rows.map(fromQuery)
}

/** Other reports of the department the session may read (for the pickers of the view). */
export async function departmentReports(context: KeystoneContext, report: ComparableReport): Promise<ReportRef[]> {
  if (!report.department) return []
  return (await context.query.Report.findMany({
    where: { department: { id: { equals: report.department.id } } },
    orderBy: { year: 'desc' },
    query: 'id title year kind status department { id name }',
  })) as ReportRef[]
}

const cache = new ResultCache<ReportComparison>(200)

export function comparisonCacheStats() {
  return { hits: cache.hits, misses: cache.misses }
}

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
  const report = await loadReadableReport(context, request.id)
  if (request.against?.includes(request.id)) throw new ComparisonError('不能与自身比对 / A report cannot be compared with itself', 'BAD_REQUEST')
  const earlier = request.against?.length
    ? (await Promise.all(request.against.map(id => loadReadableReport(context, id)))).sort((a, b) => b.year - a.year)
    : await earlierReports(context, report)
  const normalize = request.normalize ?? {}
  const swapped = !!request.swap
  const key = contentKey('report', report, earlier, normalize, swapped)
  const hit = cache.get(key)
  if (hit) return { ...hit, cached: true }

  const primary = earlier[0] ?? null
  const options = { normalize }
  const diff = primary ? (swapped ? compareReports(report, primary, options) : compareReports(primary, report, options)) : null
  const history = earlier.length ? compareWithHistory(report, earlier.map(e => ({ ...e, year: e.year })), normalize) : null
  const result: ReportComparison = {
    report: refOf(report),
    against: earlier.map(refOf),
    primary: primary ? refOf(primary) : null,
    swapped,
    diff,
    history,
    summary: summarize(diff, primary),
    lengths: {
      before: ((swapped ? report : primary)?.sections ?? []).map(s => s.text.length),
      after: ((swapped ? primary : report)?.sections ?? []).map(s => s.text.length),
    },
  }
  cache.set(key, result)
  return { ...result, cached: false }
}

type RevisionRow = { id: string; number: number; label: string; reason: string; createdAt: string; contentHash: string; snapshot: { title: string; sections: { key: string; heading: string; text: string }[] } }

export type RevisionComparison = {
  report: ReportRef
  from: Omit<RevisionRow, 'snapshot'>
  to: Omit<RevisionRow, 'snapshot'> | { id: 'current'; label: string }
  diff: ReportDiff
  summary: ComparisonSummary
}

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
    summary: summarize(diff, { ...report, year: report.year, title: from.label }),
    cached: !!hit,
  }
}

const revisionCache = new ResultCache<ReportDiff>(200)
