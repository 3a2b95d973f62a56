// Writing whole reports (report + sections + first revision) in one transaction, used by
// the archive import and the demo seed. Runs with the context it is given: sudo for imports.
import type { KeystoneContext } from '@keystone-6/core/types'
import { plainTextToDocument, sectionKeyFor } from '../text'
import { defaultReportTitle } from '../workflow'
import { saveRevision } from './revisions'
import type { PlannedReport } from '../import'

export type NewReport = {
  /** an existing department, or one to create in the same transaction as the report */
  departmentId?: string
  newDepartment?: { code: string; name?: string }
  year: number
  kind?: string
  title: string
  status?: 'draft' | 'approved'
  sections: { heading: string; text: string; key?: string; level?: number }[]
  reason: string
  authorId?: string
}

export async function ensureDepartment(context: KeystoneContext, code: string, name?: string, parentId?: string): Promise<string> {
  const existing = await context.sudo().db.Department.findOne({ where: { code } })
  if (existing) return String(existing.id)
  const created = await context.sudo().db.Department.createOne({
    data: { code, name: name ?? code, ...(parentId ? { parent: { connect: { id: parentId } } } : {}) },
  })
  return String(created.id)
}

export async function findDepartmentId(context: KeystoneContext, code: string): Promise<string | undefined> {
  const existing = await context.sudo().db.Department.findOne({ where: { code } })
  return existing ? String(existing.id) : undefined
}

export async function findReportId(context: KeystoneContext, departmentId: string, year: number, kind = 'annual') {
  const [found] = await context.sudo().db.Report.findMany({
    where: { department: { id: { equals: departmentId } }, year: { equals: year }, kind: { equals: kind } },
    take: 1,
  })
  return found ? String(found.id) : undefined
}

/** Creates report, sections, an initial revision and an audit event, all or nothing. */
export async function createReport(context: KeystoneContext, report: NewReport): Promise<string> {
  return context.sudo().transaction(async tx => {
    const author = report.authorId ? { connect: { id: report.authorId } } : undefined
    const created = await tx.db.Report.createOne({
      data: {
        department: report.departmentId
          ? { connect: { id: report.departmentId } }
          : { create: { code: report.newDepartment?.code, name: report.newDepartment?.name ?? report.newDepartment?.code } },
        year: report.year,
        kind: report.kind ?? 'annual',
        title: report.title,
        status: report.status ?? 'draft',
        ...(author ? { lastEditedBy: author } : {}),
      },
    })
    const reportId = String(created.id)
    const sections = report.sections.map((s, index) => ({ ...s, key: s.key ?? sectionKeyFor(s.heading), position: index + 1 }))
    for (const section of sections) {
      await tx.db.Section.createOne({
        data: {
          report: { connect: { id: reportId } },
          position: section.position,
          heading: section.heading,
          level: section.level ?? 1,
          key: section.key,
          body: plainTextToDocument(section.text),
        },
      })
    }
    await saveRevision(tx.prisma, {
      reportId,
      title: report.title,
      sections: sections.map(s => ({ key: s.key, heading: s.heading, level: s.level, text: s.text })),
      event: report.status === 'approved' ? 'import' : 'create',
      what: report.reason,
      authorId: report.authorId,
    })
    await tx.db.AuditEvent.createOne({
      data: {
        report: { connect: { id: reportId } },
        action: report.reason,
        toStatus: report.status ?? 'draft',
        ...(author ? { actor: author } : {}),
      },
    })
    return reportId
  })
}

export type ImportOutcome = { file: string; status: 'created' | 'skipped' | 'failed'; message: string; reportId?: string }

/** Imports planned reports as approved archive entries; existing ones are skipped, so re-runs add nothing. */
export async function importPlannedReports(
  context: KeystoneContext,
  reports: PlannedReport[],
  onProgress: (outcome: ImportOutcome, index: number, total: number) => void = () => {},
  /** the user who imports (recorded as author of the first revision and actor of the audit event) */
  importedBy?: string
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = []
  for (const [index, planned] of reports.entries()) {
    let outcome: ImportOutcome
    try {
      // a new department is created with its first report, in one transaction: a failed import leaves nothing
      const departmentId = await findDepartmentId(context, planned.departmentCode)
      const existing = departmentId ? await findReportId(context, departmentId, planned.year, planned.kind) : undefined
      if (existing) {
        outcome = { file: planned.file, status: 'skipped', message: '已存在，跳过 / already imported', reportId: existing }
      } else {
        const title = planned.summary.title || defaultReportTitle(planned.departmentName ?? planned.departmentCode, planned.year, planned.kind)
        const reportId = await createReport(context, {
          departmentId,
          newDepartment: { code: planned.departmentCode, name: planned.departmentName },
          year: planned.year,
          kind: planned.kind,
          title,
          status: 'approved',
          sections: planned.summary.sections,
          reason: '导入 / imported',
          authorId: importedBy,
        })
        outcome = { file: planned.file, status: 'created', message: `${planned.summary.sections.length} 节 / sections`, reportId }
      }
    } catch (error) {
      outcome = { file: planned.file, status: 'failed', message: error instanceof Error ? error.message : String(error) }
    }
    outcomes.push(outcome)
    onProgress(outcome, index, reports.length)
  }
  return outcomes
}
