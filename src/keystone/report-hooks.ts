// Keystone glue for Report and Section hooks: load what a rule needs from the database,
// call the rule, report its message. The rules themselves are in src/workflow and src/access.

import type { KeystoneContext } from '@keystone-6/core/types'
import { invalidTextIn } from '../workflow/text-validity'
import { mayAuthorForDepartment, oneReport, reportWriteFilter } from '../access'
import {
  defaultReportTitle,
  duplicateReportProblem,
  kindLabel,
  notEditableProblem,
  notMemberProblem,
  staleVersionProblem,
  yearProblem,
} from '../workflow'

type Data = Record<string, any>
type ValidateArgs = {
  operation: 'create' | 'update' | 'delete'
  item?: Data
  inputData?: Data
  resolvedData?: Data
  context: KeystoneContext
  addValidationError: (message: string) => void
}

/** An error whose message is shown to the user as is. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConflictError'
  }
}

function connectedId(value: unknown): string | undefined {
  const id = (value as { connect?: { id?: string } } | undefined)?.connect?.id
  return id === undefined ? undefined : String(id)
}

export async function checkReportInput({ operation, item, inputData = {}, resolvedData = {}, context, addValidationError }: ValidateArgs) {
  if (operation === 'delete') return
  const invalidText = invalidTextIn(resolvedData)
  if (invalidText) return addValidationError(invalidText)
  const year = resolvedData.year ?? item?.year
  if (operation === 'create' || resolvedData.year !== undefined) {
    const problem = yearProblem(resolvedData.year)
    if (problem) return addValidationError(problem)
  }
  const departmentId = connectedId(resolvedData.department) ?? (item?.departmentId as string | undefined)
  if (!departmentId || resolvedData.department === null || (resolvedData.department && 'disconnect' in resolvedData.department)) {
    return addValidationError('报告必须属于一个部门 / A report must belong to a department')
  }
  const department = await context.sudo().db.Department.findOne({ where: { id: departmentId } })
  if (!department) return addValidationError(`部门不存在（${departmentId}）/ Department ${departmentId} does not exist`)
  const departmentName = String(department.name)
  if (context.session && !mayAuthorForDepartment(context, departmentId)) {
    return addValidationError(notMemberProblem(departmentName))
  }
  const kind = (resolvedData.kind ?? item?.kind ?? 'annual') as string
  const identityChanged = operation === 'create' || 'year' in inputData || 'kind' in inputData || 'department' in inputData
  if (identityChanged && typeof year === 'number') {
    const clash = await context.sudo().db.Report.count({
      where: {
        department: { id: { equals: departmentId } },
        year: { equals: year },
        kind: { equals: kind },
        ...(item ? { NOT: { id: { equals: String(item.id) } } } : {}),
      },
    })
    if (clash > 0) return addValidationError(duplicateReportProblem(departmentName, year, kindLabel(kind)))
  }
  if (operation === 'create' && !resolvedData.title) resolvedData.title = defaultReportTitle(departmentName, year, kind)
  if (operation === 'update' && item && inputData.version !== undefined && inputData.version !== item.version) {
    addValidationError(await staleReportMessage(context, String(item.id), inputData.version))
  }
}

async function staleReportMessage(context: KeystoneContext, id: string, expected: number): Promise<string> {
  const current = await context.prisma.report.findUnique({ where: { id }, include: { lastEditedBy: true } })
  return staleVersionProblem(expected, current?.version ?? -1, current?.lastEditedBy?.name, current?.updatedAt ?? undefined)
}

/**
 * Optimistic locking: move the version forward only if nobody else did since this request
 * read the report. Of concurrent saves of one version exactly one gets through.
 */
export async function claimReportVersion(context: KeystoneContext, id: string, current: number, expected?: number) {
  const from = expected ?? current
  const { count } = await context.prisma.report.updateMany({ where: { id, version: from }, data: { version: from + 1 } })
  if (count !== 1) throw new ConflictError(await staleReportMessage(context, id, from))
}

export async function claimSectionVersion(context: KeystoneContext, id: string, current: number, expected?: number) {
  const from = expected ?? current
  const { count } = await context.prisma.section.updateMany({ where: { id, version: from }, data: { version: from + 1 } })
  if (count !== 1) throw new ConflictError(await staleSectionMessage(context, id, from))
}

async function staleSectionMessage(context: KeystoneContext, id: string, expected: number): Promise<string> {
  const now = await context.prisma.section.findUnique({ where: { id }, include: { lastEditedBy: true } })
  return staleVersionProblem(expected, now?.version ?? -1, now?.lastEditedBy?.name, now?.updatedAt ?? undefined)
}

/** Sections may be added to, changed in or removed from reports the user may edit, and stay in their report. */
export async function checkSectionInput({ operation, item, inputData = {}, resolvedData = {}, context, addValidationError }: ValidateArgs) {
  if (operation === 'update' && 'report' in inputData) {
    return addValidationError('章节不能移动到其他报告 / A section cannot be moved to another report')
  }
  if (operation === 'update' && item && inputData.version !== undefined && inputData.version !== item.version) {
    return addValidationError(await staleSectionMessage(context, String(item.id), inputData.version))
  }
  if (operation !== 'create') return
  const reportId = connectedId(resolvedData.report)
  if (!reportId) return addValidationError('章节必须属于一份报告 / A section must belong to a report')
  const report = await context.prisma.report.findUnique({ where: { id: reportId }, include: { department: true } })
  if (!report) return addValidationError(`报告不存在（${reportId}）/ Report ${reportId} does not exist`)
  if (!context.session) return
  if (report.departmentId && !mayAuthorForDepartment(context, report.departmentId)) {
    return addValidationError(notMemberProblem(report.department?.name ?? ''))
  }
  const where = oneReport(reportId, reportWriteFilter(context))
  const editable = where !== false && (await context.sudo().db.Report.count({ where })) === 1
  if (!editable) addValidationError(notEditableProblem(String(report.status)))
}

export async function nextSectionPosition(context: KeystoneContext, data: Data): Promise<number> {
  const reportId = connectedId(data.report)
  if (!reportId) return 1
  const last = await context.prisma.section.findFirst({ where: { reportId }, orderBy: { position: 'desc' } })
  return (last?.position ?? 0) + 1
}

/** Any change to a report's text or sections moves its content version (comparison cache key). */
export async function touchContent(context: KeystoneContext, reportId: string | null | undefined) {
  if (!reportId) return
  await context.prisma.report.updateMany({ where: { id: reportId }, data: { contentVersion: { increment: 1 } } })
}
