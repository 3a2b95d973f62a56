// GraphQL: reportChecks(id) — the 体检 of a report against the department's latest earlier
// approved report. Whoever may read the report may check it; the rules are in
// src/workflow/checks.ts, the loading here goes through the session's own access rules.
import { GraphQLError } from 'graphql'
import { gWithContext } from '@keystone-6/core'
import type { TypedContext } from './types'
import { checkReport, CHECK_CODES, type CheckReport, type ReportCheck } from '../workflow/checks'

const g = gWithContext<TypedContext>()

export const NOT_READABLE = '报告不存在或您无权查看 / The report does not exist or you may not read it'

type ReportRow = { id: string; title: string; year: number; kind: string; departmentId: string | null }

async function sectionsOf(context: TypedContext, reportId: string): Promise<CheckReport['sections']> {
  // the report was read through the session's access rules; its sections follow it
  const rows = await context.prisma.section.findMany({
    where: { reportId },
    select: { id: true, heading: true, plainText: true, key: true },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  })
  return rows.map(s => ({ id: s.id, heading: s.heading, text: s.plainText, key: s.key }))
}

/** The findings for a report the session may read; the same error for missing and forbidden. */
export async function reportChecksFor(context: TypedContext, id: string): Promise<ReportCheck[]> {
  const report: ReportRow | null = await context.db.Report.findOne({ where: { id } })
  if (!report) throw new GraphQLError(NOT_READABLE, { extensions: { code: 'NOT_ACCESSIBLE' } })
  const [lastYear] = report.departmentId
    ? await context.db.Report.findMany({
        where: { department: { id: { equals: report.departmentId } }, kind: { equals: report.kind }, year: { lt: report.year }, status: { equals: 'approved' } },
        orderBy: { year: 'desc' },
        take: 1,
      })
    : []
  const [sections, lastSections] = await Promise.all([sectionsOf(context, report.id), lastYear ? sectionsOf(context, lastYear.id) : Promise.resolve([])])
  return checkReport(
    { title: report.title, year: report.year, sections },
    lastYear ? { title: lastYear.title, year: lastYear.year, sections: lastSections } : null
  )
}

const CheckCodeEnum = g.enum({ name: 'ReportCheckCode', values: g.enumValues([...CHECK_CODES]) })
const SeverityEnum = g.enum({ name: 'ReportCheckSeverity', values: g.enumValues(['error', 'warning', 'info']) })

const ReportCheckType = g.object<ReportCheck>()({
  name: 'ReportCheck',
  description: '体检结果 / One finding of the report checks',
  fields: {
    code: g.field({ type: g.nonNull(CheckCodeEnum) }),
    severity: g.field({ type: g.nonNull(SeverityEnum) }),
    sectionId: g.field({ type: g.ID, description: 'the section concerned; null for the title or a section of last year’s report' }),
    message: g.field({ type: g.nonNull(g.String), description: 'Chinese first, English after' }),
    excerpt: g.field({ type: g.nonNull(g.String) }),
  },
})

export const reportChecksExtension = g.extend(() => ({
  query: {
    reportChecks: g.field({
      type: g.nonNull(g.list(g.nonNull(ReportCheckType))),
      description: '报告体检 / Check a report against the department’s latest earlier approved report',
      args: { id: g.arg({ type: g.nonNull(g.ID) }) },
      resolve: (_, args, context) => reportChecksFor(context, args.id),
    }),
  },
}))
