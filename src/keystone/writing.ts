// GraphQL for the writing desk: next year's report, outline changes, versioned section saves,
// presence and last year beside each section. Resolvers translate arguments and errors only;
// the work is in writing-store.ts.
import { GraphQLError } from 'graphql'
import { gWithContext } from '@keystone-6/core'
import type { TypedContext } from './types'
import {
  WritingError,
  addSection,
  createNextYearReport,
  deleteSection,
  lastYearFor,
  moveSection,
  reportPresence,
  saveSection,
  type Outline,
  type OutlineSection,
  type PresenceEntry,
  type SaveResult,
  type SectionState,
} from './writing-store'

const g = gWithContext<TypedContext>()

async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof WritingError) throw new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } })
    throw error
  }
}

const NextYearModeEnum = g.enum({
  name: 'NextYearMode',
  description: '下一年报告的起点 / How next year starts: OUTLINE 仅提纲 (headings and keys, empty bodies) or FULL_TEXT 全文 (every body copied)',
  values: g.enumValues(['OUTLINE', 'FULL_TEXT']),
})

const OutlineSectionType = g.object<OutlineSection>()({
  name: 'WritingOutlineSection',
  fields: {
    id: g.field({ type: g.nonNull(g.ID) }),
    position: g.field({ type: g.nonNull(g.Int) }),
    heading: g.field({ type: g.nonNull(g.String) }),
    level: g.field({ type: g.nonNull(g.Int) }),
    key: g.field({ type: g.nonNull(g.String) }),
    version: g.field({ type: g.nonNull(g.Int) }),
  },
})

const OutlineType = g.object<Outline & { sectionId?: string }>()({
  name: 'WritingOutline',
  description: '报告的大纲 / A report outline after a structural change: its new version and sections in order',
  fields: {
    reportId: g.field({ type: g.nonNull(g.ID) }),
    reportVersion: g.field({ type: g.nonNull(g.Int) }),
    sections: g.field({ type: g.nonNull(g.list(g.nonNull(OutlineSectionType))) }),
    sectionId: g.field({ type: g.ID, description: 'the section just added' }),
  },
})

const SectionStateType = g.object<SectionState>()({
  name: 'WritingSectionState',
  fields: {
    id: g.field({ type: g.nonNull(g.ID) }),
    heading: g.field({ type: g.nonNull(g.String) }),
    level: g.field({ type: g.nonNull(g.Int) }),
    version: g.field({ type: g.nonNull(g.Int) }),
    body: g.field({ type: g.JSON }),
    plainText: g.field({ type: g.nonNull(g.String) }),
    savedBy: g.field({ type: g.String }),
    savedAt: g.field({ type: g.String }),
  },
})

const SaveStatus = g.enum({ name: 'WritingSaveStatus', values: g.enumValues(['SAVED', 'CONFLICT']) })

const SaveResultType = g.object<SaveResult>()({
  name: 'WritingSaveResult',
  description: '保存结果 / SAVED, or CONFLICT with the text now stored and who saved it (nothing was overwritten)',
  fields: {
    status: g.field({ type: g.nonNull(SaveStatus) }),
    message: g.field({ type: g.String }),
    section: g.field({ type: g.nonNull(SectionStateType) }),
    diff: g.field({ type: g.JSON, description: 'on CONFLICT: the stored text against the sent text, as comparison-engine ops (src/compare/types.ts DiffOp)', resolve: r => r.diff }),
  },
})

const PresenceType = g.object<PresenceEntry>()({
  name: 'WritingPresence',
  fields: {
    userId: g.field({ type: g.nonNull(g.ID) }),
    name: g.field({ type: g.nonNull(g.String) }),
    sectionId: g.field({ type: g.ID }),
    seenAt: g.field({ type: g.nonNull(g.String) }),
  },
})

/** Every outline change names its report and the report version it was based on (a stale one is refused). */
const outlineChangeArgs = {
  reportId: g.arg({ type: g.nonNull(g.ID) }),
  reportVersion: g.arg({ type: g.nonNull(g.Int) }),
}

export const extendWritingSchema = g.extend(base => ({
  mutation: {
    createNextYearReport: g.field({
      type: base.object('Report'),
      description: '由已批准的报告创建下一年的草稿 / Create next year’s draft from an approved report (outline only or full text)',
      args: { fromReportId: g.arg({ type: g.nonNull(g.ID) }), mode: g.arg({ type: g.nonNull(NextYearModeEnum) }) },
      resolve: (_, args, context) =>
        run(async () => {
          const id = await createNextYearReport(context, args.fromReportId, args.mode)
          return context.db.Report.findOne({ where: { id } })
        }),
    }),
    addReportSection: g.field({
      type: g.nonNull(OutlineType),
      description: '在指定位置新增章节 / Add a section at a 1-based position; reportVersion must be current',
      args: {
        ...outlineChangeArgs,
        position: g.arg({ type: g.nonNull(g.Int) }),
        heading: g.arg({ type: g.nonNull(g.String) }),
        level: g.arg({ type: g.Int }),
      },
      resolve: (_, args, context) => run(() => addSection(context, args)),
    }),
    deleteReportSection: g.field({
      type: g.nonNull(OutlineType),
      description: '删除章节 / Delete a section; both the report’s and the section’s versions must be current',
      args: {
        ...outlineChangeArgs,
        id: g.arg({ type: g.nonNull(g.ID) }),
        version: g.arg({ type: g.nonNull(g.Int) }),
      },
      resolve: (_, args, context) => run(() => deleteSection(context, args)),
    }),
    moveReportSection: g.field({
      type: g.nonNull(OutlineType),
      description: '调整章节顺序 / Move a section to a 1-based position',
      args: {
        ...outlineChangeArgs,
        id: g.arg({ type: g.nonNull(g.ID) }),
        toPosition: g.arg({ type: g.nonNull(g.Int) }),
      },
      resolve: (_, args, context) => run(() => moveSection(context, args)),
    }),
    saveReportSection: g.field({
      type: g.nonNull(SaveResultType),
      description: '保存章节（标题、正文、层级）/ Save a section based on `version`; a stale version answers CONFLICT and writes nothing',
      args: {
        id: g.arg({ type: g.nonNull(g.ID) }),
        version: g.arg({ type: g.nonNull(g.Int) }),
        heading: g.arg({ type: g.String }),
        body: g.arg({ type: g.JSON }),
        level: g.arg({ type: g.Int }),
      },
      resolve: (_, args, context) => run(() => saveSection(context, args)),
    }),
    writingPresence: g.field({
      type: g.nonNull(g.list(g.nonNull(PresenceType))),
      description: '报告在线状态 / Say this user has the report open (in a section) and get who else has; department members only',
      args: { reportId: g.arg({ type: g.nonNull(g.ID) }), sectionId: g.arg({ type: g.ID }), leaving: g.arg({ type: g.Boolean }) },
      resolve: (_, args, context) => run(() => reportPresence(context, args.reportId, args.sectionId ?? null, !!args.leaving)),
    }),
  },
  query: {
    lastYearBeside: g.field({
      type: g.nonNull(g.JSON),
      description: '去年对应章节 / For each section, the matching section of the latest earlier approved report (see src/workflow/last-year.ts)',
      args: { reportId: g.arg({ type: g.nonNull(g.ID) }) },
      resolve: (_, args, context) => run(() => lastYearFor(context, args.reportId)),
    }),
  },
}))
