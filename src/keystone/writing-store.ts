// Keystone glue for the writing desk: next year's report, structural changes to a report's
// outline, versioned section saves and presence. Access is decided here, per request, from the
// session; the rules themselves are in src/access and src/workflow.
import type { JSONValue } from '@keystone-6/core/types'
import type { ListTypeInfo, TypedContext } from './types'
import { departmentIdsOf, isEditableStatus, mayAuthorForDepartment, permissions, roleOf, userIdOf } from '../access'
import { countCharacters, documentToPlainText, sectionKeyFor } from '../text'
import {
  contentHash,
  defaultReportTitle,
  duplicateReportProblem,
  headingProblem,
  kindLabel,
  notEditableProblem,
  notMemberProblem,
  snapshotOf,
  staleVersionProblem,
} from '../workflow'
import { EMPTY_BODY, nextYearSections, nextYearTitle, notApprovedSourceProblem, unknownModeProblem, type NextYearMode } from '../workflow/next-year'
import { compareTexts, type DiffOp } from '../compare'
import { lastYearBeside, type LastYearBeside } from '../workflow/last-year'
import { insertAt, levelProblem, moveTo, notReadableProblem, positionChanges, positionProblem, sectionNotInReportProblem, writersOnlyProblem } from '../workflow/outline'

export type WritingErrorCode = 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'DUPLICATE' | 'BAD_INPUT' | 'NOT_EDITABLE'

/** A refusal with a message for the user (Chinese first) and a code for clients. */
export class WritingError extends Error {
  constructor(
    readonly code: WritingErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message)
    this.name = 'WritingError'
  }
}

// Prisma's transaction client and the context's client share these calls; typed loosely on purpose
// because the generated client differs per database.
type Db = TypedContext['prisma']

type ReportRow = { id: string; title: string; year: number; kind: string; status: string; version: number; departmentId: string | null; department: { name: string } | null }

async function findReport(db: Db, id: string): Promise<ReportRow | null> {
  return db.report.findUnique({ where: { id }, include: { department: { select: { name: true } } } })
}

/** May this session read the report? Same rule as the API's read filter. */
function mayRead(context: TypedContext, report: ReportRow): boolean {
  const role = roleOf(context)
  if (!role) return false
  if (role === 'admin' || report.status === 'approved') return true
  return role !== 'archivist' && !!report.departmentId && departmentIdsOf(context).includes(report.departmentId)
}

/** The report if this session may write it now; otherwise the specific reason. */
export async function writableReport(context: TypedContext, reportId: string, db: Db = context.prisma): Promise<ReportRow> {
  const report = await findReport(db, reportId)
  if (!report) throw new WritingError('NOT_FOUND', notReadableProblem())
  checkWritable(context, report)
  return report
}

function checkWritable(context: TypedContext, report: ReportRow) {
  if (!mayRead(context, report)) throw new WritingError('NOT_FOUND', notReadableProblem())
  mayAuthorReport(context, report)
  if (!isEditableStatus(report.status)) throw new WritingError('NOT_EDITABLE', notEditableProblem(report.status))
}

function mayAuthorReport(context: TypedContext, report: ReportRow) {
  if (!permissions.canAuthor(context)) throw new WritingError('FORBIDDEN', writersOnlyProblem())
  if (!report.departmentId || !mayAuthorForDepartment(context, report.departmentId)) {
    throw new WritingError('FORBIDDEN', notMemberProblem(report.department?.name ?? ''))
  }
}

// ---------- next year's report ----------

/** Creates next year's draft from an approved report: outline only or full text, all or nothing. */
export async function createNextYearReport(context: TypedContext, fromReportId: string, mode: NextYearMode): Promise<string> {
  if (mode !== 'OUTLINE' && mode !== 'FULL_TEXT') throw new WritingError('BAD_INPUT', unknownModeProblem(String(mode)))
  const source = await findReport(context.prisma, fromReportId)
  if (!source || !mayRead(context, source)) throw new WritingError('NOT_FOUND', notReadableProblem())
  mayAuthorReport(context, source)
  if (source.status !== 'approved') throw new WritingError('BAD_INPUT', notApprovedSourceProblem(source.status))
  const year = source.year + 1
  const departmentName = source.department?.name ?? ''
  const duplicate = () => new WritingError('DUPLICATE', duplicateReportProblem(departmentName, year, kindLabel(source.kind)))
  const existing = await context.prisma.report.count({ where: { departmentId: source.departmentId, year, kind: source.kind } })
  if (existing > 0) throw duplicate()

  const sourceSections: { key: string; heading: string; level: number | null; body: unknown; plainText: string }[] = await context.prisma.section.findMany({
    where: { reportId: source.id },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { key: true, heading: true, level: true, body: true, plainText: true },
  })
  const title = nextYearTitle(source.title, source.year, defaultReportTitle(departmentName, year, source.kind))
  const planned = nextYearSections(
    sourceSections.map(s => ({ key: s.key || sectionKeyFor(s.heading), heading: s.heading, level: s.level ?? 1, body: s.body })),
    source.year,
    mode
  )
  const userId = userIdOf(context)
  try {
    return await context.sudo().transaction(async tx => {
      const db = tx.prisma
      const report = await db.report.create({
        data: { title, departmentId: source.departmentId, year, kind: source.kind, status: 'draft', version: 1, contentVersion: 0, lastEditedById: userId },
      })
      const texts: string[] = []
      for (const section of planned) {
        const plainText = documentToPlainText(section.body)
        texts.push(plainText)
        await db.section.create({
          data: {
            reportId: report.id,
            position: section.position,
            heading: section.heading,
            level: section.level,
            key: section.key,
            // the source section's document (JSON read from the database), passed on untouched
            body: section.body as object,
            plainText,
            charCount: countCharacters(plainText),
            version: 1,
            lastEditedById: userId,
          },
        })
      }
      const reason = mode === 'OUTLINE' ? `由${source.year}年提纲创建 / outline of ${source.year}` : `由${source.year}年全文创建 / full text of ${source.year}`
      const snapshot = snapshotOf(title, planned.map((s, i) => ({ key: s.key, heading: s.heading, text: texts[i] })))
      await db.revision.create({
        data: { reportId: report.id, number: 1, label: `#1 ${reason}`, reason, event: 'create', snapshot, contentHash: contentHash(snapshot), authorId: userId },
      })
      await db.auditEvent.create({ data: { reportId: report.id, actorId: userId, action: reason, toStatus: 'draft' } })
      return String(report.id)
    })
  } catch (error) {
    // two writers pressing at once: the database's unique key decides, the loser gets the same message
    // (Prisma's unique-key error: code P2002, or its message from a driver adapter)
    if ((error as { code?: string }).code === 'P2002' || /Unique constraint/i.test(String((error as Error).message))) throw duplicate()
    throw error
  }
}

// ---------- the outline: add, delete, move ----------

export type OutlineSection = { id: string; position: number; heading: string; level: number; key: string; version: number }
export type Outline = { reportId: string; reportVersion: number; sections: OutlineSection[] }

async function sectionsOf(db: Db, reportId: string): Promise<OutlineSection[]> {
  const rows: { id: string; position: number | null; heading: string; level: number | null; key: string; version: number | null }[] = await db.section.findMany({
    where: { reportId },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, position: true, heading: true, level: true, key: true, version: true },
  })
  return rows.map(r => ({ id: r.id, position: r.position ?? 0, heading: r.heading, level: r.level ?? 1, key: r.key, version: r.version ?? 1 }))
}

export async function outlineOf(db: Db, reportId: string): Promise<Outline> {
  const report = await db.report.findUnique({ where: { id: reportId }, select: { version: true } })
  return { reportId, reportVersion: report?.version ?? 0, sections: await sectionsOf(db, reportId) }
}

/** Moves the report's version from `expected` to the next, or refuses naming who saved in between. */
async function claimReport(db: Db, reportId: string, expected: number, userId: string | undefined) {
  const { count } = await db.report.updateMany({
    where: { id: reportId, version: expected },
    data: { version: expected + 1, lastEditedById: userId, contentVersion: { increment: 1 } },
  })
  if (count === 1) return
  const now = await db.report.findUnique({ where: { id: reportId }, include: { lastEditedBy: { select: { name: true } } } })
  throw new WritingError('CONFLICT', staleVersionProblem(expected, now?.version ?? -1, now?.lastEditedBy?.name, now?.updatedAt ?? undefined), {
    currentVersion: now?.version ?? null,
    savedBy: now?.lastEditedBy?.name ?? null,
  })
}

async function writeOrder(db: Db, order: readonly string[], current: readonly OutlineSection[]) {
  const positions = new Map(current.map(s => [s.id, s.position]))
  for (const { id, position } of positionChanges(order, positions)) await db.section.update({ where: { id }, data: { position } })
}

/** One structural change in one transaction: access, the report's version, the change, consecutive positions. */
async function changeOutline(
  context: TypedContext,
  reportId: string,
  reportVersion: number,
  what: string,
  change: (db: Db, sections: OutlineSection[]) => Promise<string[]>
): Promise<Outline> {
  await writableReport(context, reportId)
  const userId = userIdOf(context)
  return context.sudo().transaction(async tx => {
    const db = tx.prisma
    await claimReport(db, reportId, reportVersion, userId)
    const sections = await sectionsOf(db, reportId)
    const order = await change(db, sections)
    await writeOrder(db, order, (await sectionsOf(db, reportId)))
    if (userId) await db.auditEvent.create({ data: { reportId, actorId: userId, action: 'edit', comment: what } })
    return outlineOf(db, reportId)
  })
}

export type AddSectionInput = { reportId: string; reportVersion: number; position: number; heading: string; level?: number | null }

export async function addSection(context: TypedContext, input: AddSectionInput): Promise<Outline & { sectionId: string }> {
  const heading = input.heading.trim()
  const level = input.level ?? 1
  const problem = headingProblem(heading) ?? levelProblem(level)
  if (problem) throw new WritingError('BAD_INPUT', problem)
  let sectionId = ''
  const outline = await changeOutline(context, input.reportId, input.reportVersion, `新增章节：${heading}`, async (db, sections) => {
    const bad = positionProblem(input.position, sections.length)
    if (bad) throw new WritingError('BAD_INPUT', bad)
    const created = await db.section.create({
      data: {
        reportId: input.reportId,
        position: sections.length + 1,
        heading,
        level,
        key: uniqueKey(sectionKeyFor(heading), sections),
        body: EMPTY_BODY,
        plainText: '',
        charCount: 0,
        version: 1,
        lastEditedById: userIdOf(context),
      },
    })
    sectionId = String(created.id)
    return insertAt(sections.map(s => s.id), sectionId, input.position)
  })
  return { ...outline, sectionId }
}

/** A new section's key must not capture another section's match across years. */
function uniqueKey(key: string, sections: readonly OutlineSection[]): string {
  const taken = new Set(sections.map(s => s.key))
  if (!taken.has(key)) return key
  let n = 2
  while (taken.has(`${key}-${n}`)) n++
  return `${key}-${n}`
}

export async function deleteSection(context: TypedContext, input: { id: string; reportId: string; reportVersion: number; version: number }): Promise<Outline> {
  return changeOutline(context, input.reportId, input.reportVersion, '删除章节', async (db, sections) => {
    if (!sections.some(s => s.id === input.id)) throw new WritingError('NOT_FOUND', sectionNotInReportProblem(input.id))
    // the text may have changed since the writer decided: refuse rather than delete unseen words
    const { count } = await db.section.deleteMany({ where: { id: input.id, version: input.version } })
    if (count !== 1) {
      const now = await db.section.findUnique({ where: { id: input.id }, include: { lastEditedBy: { select: { name: true } } } })
      throw new WritingError('CONFLICT', staleVersionProblem(input.version, now?.version ?? -1, now?.lastEditedBy?.name, now?.updatedAt ?? undefined), {
        currentVersion: now?.version ?? null,
        savedBy: now?.lastEditedBy?.name ?? null,
      })
    }
    return sections.filter(s => s.id !== input.id).map(s => s.id)
  })
}

export async function moveSection(context: TypedContext, input: { id: string; reportId: string; reportVersion: number; toPosition: number }): Promise<Outline> {
  return changeOutline(context, input.reportId, input.reportVersion, '调整章节顺序', async (_db, sections) => {
    if (!sections.some(s => s.id === input.id)) throw new WritingError('NOT_FOUND', sectionNotInReportProblem(input.id))
    const bad = positionProblem(input.toPosition, sections.length - 1)
    if (bad) throw new WritingError('BAD_INPUT', bad)
    return moveTo(sections.map(s => s.id), input.id, input.toPosition)
  })
}

// ---------- saving a section ----------

export type SectionState = { id: string; reportId: string; heading: string; level: number; version: number; body: JSONValue; plainText: string; savedBy: string | null; savedAt: string | null }
/** `diff`: on CONFLICT, the stored text (before) against the text that was sent (after). */
export type SaveResult = { status: 'SAVED' | 'CONFLICT'; message: string | null; section: SectionState; diff: DiffOp[] | null }

type SectionRow = { id: string; reportId: string | null; heading: string; level: number | null; version: number | null; body: JSONValue; plainText: string; updatedAt: Date | string | null }

function stateOf(row: SectionRow, savedBy: string | null): SectionState {
  return {
    id: row.id,
    // every section belongs to a report (checkSectionInput)
    reportId: row.reportId ?? '',
    heading: row.heading,
    level: row.level ?? 1,
    version: row.version ?? 1,
    body: row.body,
    plainText: row.plainText,
    savedBy,
    savedAt: row.updatedAt ? new Date(row.updatedAt).toISOString() : null,
  }
}

async function sectionState(db: Db, id: string): Promise<SectionState | null> {
  const row = await db.section.findUnique({ where: { id }, include: { lastEditedBy: { select: { name: true } } } })
  return row && stateOf(row, row.lastEditedBy?.name ?? null)
}

export type SaveSectionInput = { id: string; version: number; heading?: string | null; body?: JSONValue; level?: number | null }

/**
 * Saves a section only if nobody saved it since `version`; otherwise answers CONFLICT with the
 * text now stored and who saved it, so the writer can compare and choose. The write itself goes
 * through the Section list (its access rules, hooks and atomic version claim).
 */
export async function saveSection(context: TypedContext, input: SaveSectionInput): Promise<SaveResult> {
  // the section, who saved it last and its report, in one query: saves are the desk's hot path
  const row = await context.prisma.section.findUnique({
    where: { id: input.id },
    include: { lastEditedBy: { select: { name: true } }, report: { include: { department: { select: { name: true } } } } },
  })
  if (!row?.report) throw new WritingError('NOT_FOUND', sectionNotInReportProblem(input.id))
  checkWritable(context, row.report)
  const current = stateOf(row, row.lastEditedBy?.name ?? null)
  if (input.level !== undefined && input.level !== null) {
    const problem = levelProblem(input.level)
    if (problem) throw new WritingError('BAD_INPUT', problem)
  }
  if (current.version !== input.version) {
    // the same text sent twice (a retry, or a second tab holding the same copy) is no conflict
    return sameContent(input, current) ? { status: 'SAVED', message: null, section: current, diff: null } : conflict(input, current)
  }
  const data: ListTypeInfo<'Section'>['inputs']['update'] = {
    version: input.version,
    ...(typeof input.heading === 'string' ? { heading: input.heading } : {}),
    ...(input.body !== undefined && input.body !== null ? { body: input.body } : {}),
    ...(typeof input.level === 'number' ? { level: input.level } : {}),
  }
  let saved: SectionRow
  try {
    // one transaction: the version claim, the update and its audit row commit together, once
    saved = await context.transaction(tx => tx.db.Section.updateOne({ where: { id: input.id }, data }))
  } catch (error) {
    // lost the race for this version between our check and the write
    const now = await sectionState(context.prisma, input.id)
    if (now && now.version !== input.version) return conflict(input, now)
    throw error
  }
  const me = context.session?.data?.name ?? null
  return { status: 'SAVED', message: null, section: stateOf(saved, me), diff: null }
}

function sameContent(input: SaveSectionInput, now: SectionState): boolean {
  return (
    (typeof input.heading !== 'string' || input.heading.trim() === now.heading) &&
    (typeof input.level !== 'number' || input.level === now.level) &&
    (input.body === undefined || input.body === null || JSON.stringify(input.body) === JSON.stringify(now.body))
  )
}

/** Nothing is written: the writer gets the stored text, who saved it, and both texts compared. */
function conflict(input: SaveSectionInput, now: SectionState): SaveResult {
  const mine = input.body !== undefined && input.body !== null ? documentToPlainText(input.body) : now.plainText
  return {
    status: 'CONFLICT',
    message: staleVersionProblem(input.version, now.version, now.savedBy ?? undefined, now.savedAt ? new Date(now.savedAt) : undefined),
    section: now,
    diff: compareTexts(now.plainText, mine).ops,
  }
}

// ---------- presence ----------

/** How long a presence row counts: the page reports every 15 s, so two missed beats. */
export const PRESENCE_TTL_MS = 40_000

export type PresenceEntry = { userId: string; name: string; sectionId: string | null; seenAt: string }

/** Records that this user has the report open (in a section) and answers who else has. */
export async function reportPresence(context: TypedContext, reportId: string, sectionId: string | null, leaving = false): Promise<PresenceEntry[]> {
  const report = await findReport(context.prisma, reportId)
  const userId = userIdOf(context)
  // presence is for the department's own members (and admins), never for the archive's readers
  const member = !!report && !!userId && (roleOf(context) === 'admin' || (!!report.departmentId && departmentIdsOf(context).includes(report.departmentId)))
  if (!report || !member || !mayRead(context, report)) throw new WritingError('NOT_FOUND', notReadableProblem())
  const db = context.prisma
  const now = new Date()
  if (leaving) {
    await db.presence.deleteMany({ where: { reportId, userId } })
  } else {
    await db.presence.upsert({
      where: { reportId_userId: { reportId, userId } },
      create: { reportId, userId, sectionId: sectionId ?? '', seenAt: now },
      update: { sectionId: sectionId ?? '', seenAt: now },
    })
  }
  const since = new Date(now.getTime() - PRESENCE_TTL_MS)
  // short-lived rows: old ones go as soon as anyone looks
  await db.presence.deleteMany({ where: { seenAt: { lt: new Date(now.getTime() - 10 * PRESENCE_TTL_MS) } } })
  const rows = await db.presence.findMany({
    where: { reportId, seenAt: { gte: since }, NOT: { userId } },
    include: { user: { select: { name: true } } },
    orderBy: { seenAt: 'desc' },
  })
  // rows are written above with both set: the `?? ''` and `?? 0` only satisfy the nullable columns
  return rows.map(r => ({ userId: r.userId ?? '', name: r.user?.name ?? '', sectionId: r.sectionId || null, seenAt: new Date(r.seenAt ?? 0).toISOString() }))
}

// ---------- last year beside the draft ----------

/** The draft's sections beside the department's latest earlier approved report of the same kind. */
export async function lastYearFor(context: TypedContext, reportId: string): Promise<LastYearBeside> {
  const report = await findReport(context.prisma, reportId)
  if (!report || !mayRead(context, report)) throw new WritingError('NOT_FOUND', notReadableProblem())
  const select = { id: true, key: true, heading: true, plainText: true }
  const orderBy = [{ position: 'asc' as const }, { id: 'asc' as const }]
  const [draft, earlier] = await Promise.all([
    context.prisma.section.findMany({ where: { reportId }, select, orderBy }),
    context.prisma.report.findFirst({
      where: { departmentId: report.departmentId, kind: report.kind, status: 'approved', year: { lt: report.year } },
      orderBy: { year: 'desc' },
      select: { id: true, year: true, title: true, sections: { select, orderBy } },
    }),
  ])
  type Row = { id: string; key: string; heading: string; plainText: string }
  const sectionsOf = (rows: Row[]) => rows.map(s => ({ id: s.id, key: s.key, heading: s.heading, text: s.plainText }))
  return lastYearBeside(sectionsOf(draft), earlier ? { id: earlier.id, year: earlier.year, title: earlier.title, sections: sectionsOf(earlier.sections) } : null)
}
