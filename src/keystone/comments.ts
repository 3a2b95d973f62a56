// Comment glue: a comment quotes a passage of one section of its report; context before and
// after the quote is stored so it can be found again after edits (src/workflow/anchor.ts).
import type { TypedContext } from './types'
import { anchorAt, locateAnchor, type Located } from '../workflow'
import { invalidTextIn } from '../workflow/text-validity'
import { mayCommentOn, oneReport, reportReadFilter } from '../access'
import { connectedId } from './relations'

/** Comment input as the hooks read it: field values not yet trusted. */
type Data = Record<string, unknown>

/** The section must belong to the report, and the quote must stand in its current text. */
export async function checkNewComment(context: TypedContext, data: Data, addValidationError: (message: string) => void) {
  const invalidText = invalidTextIn(data)
  if (invalidText) return addValidationError(invalidText)
  const reportId = connectedId(data.report)
  const sectionId = connectedId(data.section)
  if (!reportId) return addValidationError('批注必须属于一份报告 / A comment must belong to a report')
  if (!sectionId) {
    if (data.quote) addValidationError('引用原文时必须指定章节 / A quote needs the section it comes from')
    return
  }
  const section = await context.prisma.section.findUnique({ where: { id: sectionId } })
  if (!section || section.reportId !== reportId) return addValidationError('该章节不属于此报告 / That section is not part of this report')
  if (typeof data.quote === 'string' && data.quote && !section.plainText.includes(data.quote)) {
    addValidationError('引文不在该章节的当前正文中 / The quoted passage is not in the section’s current text')
  }
}

/** Context before and after the quote, taken from the section as it is now (unless given). */
export async function withAnchorContext(context: TypedContext, data: Data): Promise<Data> {
  const sectionId = connectedId(data.section)
  const quote = typeof data.quote === 'string' ? data.quote : ''
  if (!sectionId || !quote || (data.prefix && data.suffix)) return data
  const section = await context.prisma.section.findUnique({ where: { id: sectionId } })
  const at = section?.plainText.indexOf(quote) ?? -1
  if (!section || at < 0) return data
  const { prefix, suffix } = anchorAt(section.plainText, at, at + quote.length)
  return { ...data, prefix: data.prefix || prefix, suffix: data.suffix || suffix }
}

export type CommentAnchor = Located & { sectionId: string | null; heading: string | null; message: string }

/** Where a comment's quote stands in its section now, said in words for the UI. */
export async function anchorOf(context: TypedContext, item: { sectionId?: string | null; quote?: string | null; prefix?: string | null; suffix?: string | null }): Promise<CommentAnchor | null> {
  if (!item.sectionId || !item.quote) return null
  const section = await context.prisma.section.findUnique({ where: { id: item.sectionId } })
  if (!section) return { status: 'missing', sectionId: null, heading: null, message: '所批注的章节已删除 / The section was deleted' }
  const located = locateAnchor(section.plainText, { quote: item.quote, prefix: item.prefix, suffix: item.suffix })
  const message =
    located.status === 'found'
      ? '引文仍在原处 / The quoted passage is in place'
      : located.status === 'moved'
        ? '引文仍在，但上下文已改动 / The quoted passage is still there, its surroundings changed'
        : '引文已被删除或改写，批注不再指向正文 / The quoted passage was removed or rewritten'
  return { ...located, sectionId: section.id, heading: section.heading, message }
}

/** Loads the report a new comment names and asks src/access whether this session may comment on it. */
export async function mayCreateComment(context: TypedContext, inputData: Data): Promise<boolean> {
  const reportId = connectedId(inputData.report)
  if (!reportId) return false
  const report = await context.prisma.report.findUnique({ where: { id: reportId }, select: { departmentId: true } })
  const where = oneReport(reportId, reportReadFilter(context))
  const readable = where !== false && (await context.sudo().db.Report.count({ where })) === 1
  return mayCommentOn(context, report, readable)
}
