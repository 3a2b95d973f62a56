// Keystone glue for Report and Section hooks: load what a rule needs from the database,
// call the rule, report its message. The rules themselves are in src/workflow and src/access.

import { typedContext, type AnyContext, type TypedContext } from './types'
import { invalidTextIn } from '../workflow/text-validity'
import { mayAuthorForDepartment, oneReport, reportWriteFilter, userIdOf } from '../access'
import {
  defaultReportTitle,
  derivedSectionFields,
  duplicateReportProblem,
  kindLabel,
  notEditableProblem,
  notMemberProblem,
  yearProblem,
} from '../workflow'
import { connectedId, connectSignedInUser, isDisconnect } from './relations'
import { claimVersion } from './versions'

/** A list's input, item or resolved data as the hooks read it: field values not yet trusted. */
type Data = Record<string, unknown>
type ValidateArgs = {
  operation: 'create' | 'update' | 'delete'
  item?: Data
  inputData?: Data
  resolvedData?: Data
  context: TypedContext
  addValidationError: (message: string) => void
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
  const departmentId = connectedId(resolvedData.department) ?? (typeof item?.departmentId === 'string' ? item.departmentId : undefined)
  if (!departmentId || resolvedData.department === null || isDisconnect(resolvedData.department)) {
    return addValidationError('报告必须属于一个部门 / A report must belong to a department')
  }
  const department = await context.sudo().db.Department.findOne({ where: { id: departmentId } })
  if (!department) return addValidationError(`部门不存在（${departmentId}）/ Department ${departmentId} does not exist`)
  const departmentName = String(department.name)
  if (context.session && !mayAuthorForDepartment(context, departmentId)) {
    return addValidationError(notMemberProblem(departmentName))
  }
  const kind = String(resolvedData.kind ?? item?.kind ?? 'annual')
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
}

/**
 * A new report without a title is named after its department, year and kind. Called from the
 * Report list's resolveInput (not from validation, which only judges the input).
 */
export async function withDefaultTitle<R extends Data>(context: TypedContext, operation: 'create' | 'update', resolvedData: R): Promise<R> {
  if (operation !== 'create' || resolvedData.title) return resolvedData
  const departmentId = connectedId(resolvedData.department)
  const department = departmentId ? await context.sudo().db.Department.findOne({ where: { id: departmentId } }) : null
  if (!department || typeof resolvedData.year !== 'number') return resolvedData
  return { ...resolvedData, title: defaultReportTitle(String(department.name), resolvedData.year, String(resolvedData.kind ?? 'annual')) }
}

/**
 * Optimistic locking (src/keystone/versions.ts): a save based on `expected` (else on the
 * version just read) moves the version forward, or is refused with a CONFLICT.
 */
export async function claimReportVersion(context: TypedContext, id: string, current: number, expected?: number) {
  await claimVersion(context.prisma, 'report', id, { expected: expected ?? current })
}

export async function claimSectionVersion(context: TypedContext, id: string, current: number, expected?: number) {
  await claimVersion(context.prisma, 'section', id, { expected: expected ?? current })
}

/** Sections may be added to, changed in or removed from reports the user may edit, and stay in their report. */
export async function checkSectionInput({ operation, item, inputData = {}, resolvedData = {}, context, addValidationError }: ValidateArgs) {
  if (operation === 'update' && 'report' in inputData) {
    return addValidationError('章节不能移动到其他报告 / A section cannot be moved to another report')
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

export async function nextSectionPosition(context: TypedContext, data: Data): Promise<number> {
  const reportId = connectedId(data.report)
  if (!reportId) return 1
  const last = await context.prisma.section.findFirst({ where: { reportId }, orderBy: { position: 'desc' } })
  return (last?.position ?? 0) + 1
}

/** Any change to a report's text or sections moves its content version (comparison cache key). */
export async function touchContent(context: TypedContext, reportId: string | null | undefined) {
  if (!reportId) return
  await context.prisma.report.updateMany({ where: { id: reportId }, data: { contentVersion: { increment: 1 } } })
}

/** What resolveInput receives: Keystone's resolved data for the list (R), and the stored item on update. */
type ResolveArgs<R extends Data> = { operation: 'create' | 'update'; resolvedData: R; item?: { version?: number | null }; context: AnyContext }

/** The next version on update (optimistic locking, src/keystone/versions.ts). */
function nextVersion(operation: 'create' | 'update', item: ResolveArgs<Data>['item']) {
  return operation === 'update' && item ? { version: (item.version ?? 0) + 1 } : {}
}

/** Report.hooks.resolveInput: a default title for new reports, the next version on update, who saved. */
export async function resolveReportInput<R extends Data>({ operation, resolvedData, item, context }: ResolveArgs<R>): Promise<R> {
  const data = await withDefaultTitle(typedContext(context), operation, resolvedData)
  return { ...data, ...nextVersion(operation, item), lastEditedBy: connectSignedInUser(context) }
}

/** Section.hooks.resolveInput: derived fields (src/workflow/section-fields.ts), position, version, who saved. */
export async function resolveSectionInput<R extends Data>({ operation, resolvedData, item, context }: ResolveArgs<R>): Promise<R> {
  const data = { ...resolvedData, ...derivedSectionFields(operation, resolvedData) }
  const position = operation === 'create' && (data.position === undefined || data.position === null) ? { position: await nextSectionPosition(typedContext(context), data) } : {}
  return { ...data, ...position, ...nextVersion(operation, item), lastEditedBy: connectSignedInUser(context) }
}
