// GraphQL additions: comparison queries and the transitionReport mutation. Resolvers only
// translate arguments and errors (errors.ts: one translator, stable codes); the work is in
// comparison.ts (loading with access rules), src/compare (the engine) and workflow.ts.
import { GraphQLError, type GraphQLSchema } from 'graphql'
import { gWithContext } from '@keystone-6/core'
import { untypedContext, type TypedContext } from './types'
import { type ComparisonSummary, compactForTransport, compareReportForSession, compareRevisionsForSession } from './comparison'
import { translated } from './errors'
import { performTransition } from './workflow'
import type { WorkflowAction } from '../workflow'
import { reportChecksExtension } from './checks'
import { dashboardExtension } from './dashboard'

const g = gWithContext<TypedContext>()

const NormalizeInput = g.inputObject({
  name: 'CompareNormalizeInput',
  fields: {
    traditional: g.arg({ type: g.Boolean, description: '繁简折叠 / fold Traditional to Simplified (default true)' }),
    punctuation: g.arg({ type: g.Boolean, description: '标点折叠 / fold punctuation styles (default true)' }),
    numbering: g.arg({ type: g.Boolean, description: '忽略编号 / ignore list numbering (default false)' }),
    pinyin: g.arg({ type: g.Boolean, description: '去除拼音注音 / ignore pinyin garbage (default true)' }),
  },
})

const Summary = g.object<ComparisonSummary>()({
  name: 'ComparisonSummary',
  fields: {
    againstYear: g.field({ type: g.Int }),
    againstTitle: g.field({ type: g.String }),
    similarity: g.field({ type: g.nonNull(g.Float) }),
    reusedPassages: g.field({ type: g.nonNull(g.Int) }),
    addedSections: g.field({ type: g.nonNull(g.Int) }),
    droppedSections: g.field({ type: g.nonNull(g.Int) }),
    changedSections: g.field({ type: g.nonNull(g.Int) }),
    moves: g.field({ type: g.nonNull(g.Int) }),
    figuresChanged: g.field({ type: g.nonNull(g.Int) }),
  },
})

type Payload = { summary: ComparisonSummary; cached: boolean; result: import('@keystone-6/core/types').JSONValue }

const Comparison = g.object<Payload>()({
  name: 'ReportComparison',
  fields: {
    summary: g.field({ type: g.nonNull(Summary) }),
    cached: g.field({ type: g.nonNull(g.Boolean), description: 'served from the cache (keyed by the reports’ content versions and statuses)' }),
    result: g.field({ type: g.nonNull(g.JSON), description: 'reports compared, section-aligned diff, reused passages, figures and history (see src/compare/types.ts)' }),
  },
})

const WorkflowActionEnum = g.enum({
  name: 'ReportWorkflowAction',
  values: g.enumValues(['submit', 'approve', 'requestChanges', 'reopen']),
})

const workflowAndComparison = g.extend(base => ({
  mutation: {
    transitionReport: g.field({
      type: base.object('Report'),
      description:
        '工作流操作 / Move a report through the workflow. expectedVersion refuses a stale view; contentHash (approve) refuses when the content is not what the head reviewed.',
      args: {
        id: g.arg({ type: g.nonNull(g.ID) }),
        action: g.arg({ type: g.nonNull(WorkflowActionEnum) }),
        comment: g.arg({ type: g.String }),
        expectedVersion: g.arg({ type: g.Int }),
        contentHash: g.arg({ type: g.String }),
      },
      resolve: (_, args, context) =>
        translated(async () => {
          await performTransition(context, args.action, args.id, {
            comment: args.comment,
            expectedVersion: args.expectedVersion,
            contentHash: args.contentHash,
          })
          return context.db.Report.findOne({ where: { id: args.id } })
        }),
    }),
  },
  query: {
    compareReport: g.field({
      type: g.nonNull(Comparison),
      description: '比对报告与往年报告 / Compare a report with earlier reports (default: the same department’s earlier years, newest first)',
      args: {
        id: g.arg({ type: g.nonNull(g.ID) }),
        against: g.arg({ type: g.list(g.nonNull(g.ID)) }),
        normalize: g.arg({ type: NormalizeInput }),
        swap: g.arg({ type: g.Boolean }),
      },
      resolve: (_, args, context) =>
        translated(async () => {
          const { cached, summary, ...result } = await compareReportForSession(untypedContext(context), {
            id: args.id,
            against: args.against ?? undefined,
            normalize: cleanNormalize(args.normalize),
            swap: args.swap,
          })
          return { summary, cached, result: compactForTransport({ ...result, summary }) }
        }),
    }),
    compareRevisions: g.field({
      type: g.nonNull(Comparison),
      description: '比对同一报告的两个修订 / Compare two revisions of a report (to: a revision id or "current")',
      args: {
        reportId: g.arg({ type: g.nonNull(g.ID) }),
        from: g.arg({ type: g.ID }),
        to: g.arg({ type: g.ID }),
        normalize: g.arg({ type: NormalizeInput }),
      },
      resolve: (_, args, context) =>
        translated(async () => {
          const { cached, summary, ...result } = await compareRevisionsForSession(untypedContext(context), {
            reportId: args.reportId,
            from: args.from,
            to: args.to,
            normalize: cleanNormalize(args.normalize),
          })
          return { summary, cached, result: compactForTransport({ ...result, summary }) }
        }),
    }),
  },
}))

function cleanNormalize(input: Record<string, boolean | null | undefined> | null | undefined) {
  if (!input) return {}
  const chosen: Record<string, boolean> = {}
  for (const [option, value] of Object.entries(input)) if (typeof value === 'boolean') chosen[option] = value
  return chosen
}

/** Every GraphQL extension, applied in turn: add one entry per feature. */
export const extendGraphqlSchema = (schema: GraphQLSchema) => [workflowAndComparison, reportChecksExtension, dashboardExtension].reduce((s, extend) => extend(s), schema)
