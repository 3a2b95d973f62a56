// GraphQL for the archive: searchArchive, passageSources, reuseCheck. Resolvers translate
// arguments and errors only; the work is in archive.ts (database) and src/archive (pure).
import { GraphQLError } from 'graphql'
import { gWithContext } from '@keystone-6/core'
import type { KeystoneContext } from '@keystone-6/core/types'
import { ArchiveQueryError } from '../archive'
import {
  ArchiveError,
  passageSources,
  reuseCheck,
  searchArchive,
  type PassageSource,
  type ReuseCheck,
  type ReusePassage,
  type ReuseSource,
  type SearchHit,
  type SearchResult,
} from './archive'

const g = gWithContext<KeystoneContext>()

/** Where a text stands: its report, department and year (hits, passage sources, reuse sources and checks alike). */
const reportFields = () => ({
  reportId: g.field({ type: g.nonNull(g.ID) }),
  reportTitle: g.field({ type: g.nonNull(g.String) }),
  departmentName: g.field({ type: g.nonNull(g.String) }),
  year: g.field({ type: g.nonNull(g.Int) }),
})

/** A range [start, end) of a section's text (UTF-16 offsets). */
const rangeFields = () => ({
  sectionId: g.field({ type: g.nonNull(g.ID) }),
  start: g.field({ type: g.nonNull(g.Int) }),
  end: g.field({ type: g.nonNull(g.Int) }),
})

const Highlight = g.object<{ start: number; end: number }>()({
  name: 'ArchiveHighlight',
  fields: { start: g.field({ type: g.nonNull(g.Int) }), end: g.field({ type: g.nonNull(g.Int) }) },
})

const Hit = g.object<SearchHit>()({
  name: 'ArchiveSearchHit',
  fields: {
    ...reportFields(),
    sectionId: g.field({ type: g.nonNull(g.ID) }),
    status: g.field({ type: g.nonNull(g.String) }),
    kind: g.field({ type: g.nonNull(g.String) }),
    heading: g.field({ type: g.nonNull(g.String) }),
    headingHighlights: g.field({ type: g.nonNull(g.list(g.nonNull(Highlight))), description: 'ranges in heading where a term stands (UTF-16 offsets)' }),
    snippet: g.field({ type: g.nonNull(g.String) }),
    highlights: g.field({ type: g.nonNull(g.list(g.nonNull(Highlight))), description: 'ranges in snippet (UTF-16 offsets)' }),
    offset: g.field({ type: g.nonNull(g.Int), description: 'where the snippet starts in the section text' }),
  },
})

const Result = g.object<SearchResult>()({
  name: 'ArchiveSearchResult',
  fields: {
    total: g.field({ type: g.nonNull(g.Int), description: 'matching sections, counted up to 1,000' }),
    totalExact: g.field({
      type: g.nonNull(g.Boolean),
      description: 'false: total is 1,000 and there are more (超过 1,000 条), or (PostgreSQL, a phrase of 3+ characters among more than 500 matches) an upper bound (约 N 条)',
    }),
    terms: g.field({ type: g.nonNull(g.list(g.nonNull(g.String))), description: 'the query as searched (folded)' }),
    hits: g.field({ type: g.nonNull(g.list(g.nonNull(Hit))) }),
  },
})

const Source = g.object<PassageSource>()({
  name: 'PassageSource',
  fields: {
    ...reportFields(),
    ...rangeFields(),
    heading: g.field({ type: g.nonNull(g.String) }),
    similarity: g.field({ type: g.nonNull(g.Float) }),
    context: g.field({ type: g.nonNull(g.String) }),
    contextStart: g.field({ type: g.nonNull(g.Int) }),
  },
})

const Passage = g.object<ReusePassage>()({
  name: 'ReusePassage',
  fields: {
    text: g.field({ type: g.nonNull(g.String) }),
    ...rangeFields(),
    sourceSectionId: g.field({ type: g.nonNull(g.ID) }),
    sourceStart: g.field({ type: g.nonNull(g.Int) }),
    sourceEnd: g.field({ type: g.nonNull(g.Int) }),
  },
})

const ReuseSourceType = g.object<ReuseSource>()({
  name: 'ReuseSource',
  fields: {
    ...reportFields(),
    ownDepartment: g.field({ type: g.nonNull(g.Boolean) }),
    sharedChars: g.field({ type: g.nonNull(g.Int) }),
    share: g.field({ type: g.nonNull(g.Float) }),
    passages: g.field({ type: g.nonNull(g.list(g.nonNull(Passage))) }),
  },
})

const ReuseCheckType = g.object<ReuseCheck>()({
  name: 'ReuseCheck',
  fields: {
    ...reportFields(),
    totalChars: g.field({ type: g.nonNull(g.Int) }),
    reusedShare: g.field({ type: g.nonNull(g.Float) }),
    ownDepartmentShare: g.field({ type: g.nonNull(g.Float) }),
    otherDepartmentsShare: g.field({ type: g.nonNull(g.Float) }),
    sources: g.field({ type: g.nonNull(g.list(g.nonNull(ReuseSourceType))) }),
  },
})

async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ArchiveError || error instanceof ArchiveQueryError) throw new GraphQLError(error.message, { extensions: { code: 'ARCHIVE' } })
    throw error
  }
}

export const extendArchiveSchema = g.extend(() => ({
  query: {
    searchArchive: g.field({
      type: g.nonNull(Result),
      description:
        '档案全文检索 / Full-text search over the reports you may read: words must all appear, "quoted phrases" whole. The newest 500 matches are ranked (whole phrase first, then the phrase in the section heading, then relevance, then newest); pages past them follow newest first.',
      args: {
        query: g.arg({ type: g.nonNull(g.String) }),
        departmentId: g.arg({ type: g.ID, description: 'this department and its sub-departments' }),
        yearFrom: g.arg({ type: g.Int }),
        yearTo: g.arg({ type: g.Int }),
        status: g.arg({ type: g.String }),
        kind: g.arg({ type: g.String }),
        take: g.arg({ type: g.Int, defaultValue: 20 }),
        skip: g.arg({ type: g.Int, defaultValue: 0 }),
      },
      resolve: (_, args, context) => run(() => searchArchive(context, args)),
    }),
    passageSources: g.field({
      type: g.nonNull(g.list(g.nonNull(Source))),
      description: '此段还出现在哪里 / Where a passage (or a near copy) appears in reports you may read, earliest first',
      args: { text: g.arg({ type: g.nonNull(g.String) }), excludeReportId: g.arg({ type: g.ID }) },
      resolve: (_, args, context) => run(() => passageSources(context, args)),
    }),
    reuseCheck: g.field({
      type: g.nonNull(ReuseCheckType),
      description: '查重 / Share of a report’s text found in earlier reports of its department and in other departments',
      args: { reportId: g.arg({ type: g.nonNull(g.ID) }) },
      resolve: (_, args, context) => run(() => reuseCheck(context, args)),
    }),
  },
}))
