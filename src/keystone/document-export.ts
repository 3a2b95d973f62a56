// Loading a report or a comparison for export and print, through the user's own access
// rules: what the user cannot read does not exist for them (same answer as missing).
import type { KeystoneContext } from '@keystone-6/core/types'
import { compareReportForSession, ComparisonError, type ReportComparison } from './comparison'
import { reportToDocx, type ExportReport } from '../docx/write'
import { comparisonToDocx } from '../docx/redline'
import type { NormalizeOptions } from '../compare'

export class ExportError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = 'ExportError'
  }
}

export const NOT_FOUND = '报告不存在或您无权查看 / The report does not exist or you may not read it'

export type LoadedReport = ExportReport & { id: string; year: number; kind: string; version: number }

type Row = { id: string; title: string; year: number; kind: string; status: string; version: number; departmentId: string | null }
type SectionRow = { heading: string; level: number | null; plainText: string }

/** The signature date: the last approval for an approved report, else now. */
async function signatureDate(context: KeystoneContext, report: Row): Promise<Date> {
  if (report.status !== 'approved') return new Date()
  const [approval] = await context.db.AuditEvent.findMany({
    where: { report: { id: { equals: report.id } }, toStatus: { equals: 'approved' } },
    orderBy: { createdAt: 'desc' },
    take: 1,
  })
  return approval?.createdAt ? new Date(String(approval.createdAt)) : new Date()
}

export async function loadReportForExport(context: KeystoneContext, id: string): Promise<LoadedReport> {
  if (!context.session) throw new ExportError('请先登录 / Please sign in', 401)
  const report = (await context.db.Report.findOne({ where: { id } }).catch(() => null)) as Row | null
  if (!report) throw new ExportError(NOT_FOUND, 404)
  const [sections, department, date] = await Promise.all([
    context.db.Section.findMany({ where: { report: { id: { equals: id } } }, orderBy: [{ position: 'asc' }] }) as unknown as Promise<SectionRow[]>,
    report.departmentId ? context.db.Department.findOne({ where: { id: report.departmentId } }) : null,
    signatureDate(context, report),
  ])
  return {
    id: report.id,
    year: report.year,
    kind: report.kind,
    version: report.version,
    title: report.title,
    status: report.status,
    departmentName: department ? String(department.name) : '',
    date,
    sections: sections.map(s => ({ heading: s.heading, level: s.level ?? 1, text: s.plainText })),
  }
}

export async function exportReportDocx(context: KeystoneContext, id: string): Promise<{ fileName: string; body: Buffer }> {
  const report = await loadReportForExport(context, id)
  return { fileName: `${report.title}.docx`, body: await reportToDocx(report) }
}

export type ComparisonQuery = { against?: string | null; normalize?: NormalizeOptions; swap?: boolean }

/**
 * Query-string options, named as the comparison view writes them (against, trad, punct,
 * numbering, swap) or in full (traditional, punctuation). `against` is a year, or report ids.
 */
export function comparisonQueryFrom(query: Record<string, unknown>): ComparisonQuery {
  const flag = (...names: string[]) => {
    const value = names.map(n => query[n]).find(v => v !== undefined)
    return value === undefined ? undefined : !['0', 'false', 'off'].includes(String(value))
  }
  const normalize: NormalizeOptions = {}
  const pairs = [['traditional', 'trad'], ['punctuation', 'punct'], ['numbering'], ['pinyin']] as const
  for (const [name, alias] of pairs) {
    const value = flag(name, alias ?? name)
    if (value !== undefined) (normalize as Record<string, boolean>)[name] = value
  }
  return { against: typeof query.against === 'string' ? query.against : null, normalize, swap: flag('swap') ?? false }
}

/** The comparison the API gives this user; `against` is a year of the same department and kind. */
export async function loadComparison(context: KeystoneContext, id: string, query: ComparisonQuery): Promise<ReportComparison> {
  if (!context.session) throw new ExportError('请先登录 / Please sign in', 401)
  let against: string[] | undefined
  if (query.against && !/^\d{4}$/.test(query.against)) {
    against = query.against.split(',').filter(Boolean)
  } else if (query.against) {
    const year = Number(query.against)
    const report = (await context.db.Report.findOne({ where: { id } }).catch(() => null)) as Row | null
    if (!report) throw new ExportError(NOT_FOUND, 404)
    const [earlier] = (await context.db.Report.findMany({
      where: { department: { id: { equals: report.departmentId } }, year: { equals: year }, kind: { equals: report.kind } },
      take: 1,
    })) as unknown as Row[]
    if (!earlier) throw new ExportError(`没有您可以查看的本部门 ${year} 年报告 / There is no ${year} report of this department you may read`, 404)
    against = [earlier.id]
  }
  try {
    return await compareReportForSession(context, { id, against, normalize: query.normalize, swap: query.swap })
  } catch (error) {
    if (error instanceof ComparisonError) throw new ExportError(error.message, error.code === 'NOT_ACCESSIBLE' ? 404 : 400)
    throw error
  }
}

export async function exportComparisonDocx(context: KeystoneContext, id: string, query: ComparisonQuery): Promise<{ fileName: string; body: Buffer }> {
  const comparison = await loadComparison(context, id, query)
  const year = comparison.primary?.year
  return { fileName: `${comparison.report.title}（与${year ?? ''}年比对）.docx`, body: await comparisonToDocx(comparison) }
}
