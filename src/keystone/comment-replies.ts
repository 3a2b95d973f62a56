// Replies to review comments: one level deep, in the same report as the comment they answer,
// and fixed to it (replyTo cannot be updated). Who may create one is the Comment list's rule.
import type { TypedContext } from './types'
import { connectedId } from './relations'

type Data = Record<string, unknown>

export async function checkReply(context: TypedContext, data: Data, addValidationError: (message: string) => void) {
  const parentId = connectedId(data.replyTo)
  if (!parentId) return
  const parent = await context.prisma.comment.findUnique({ where: { id: parentId }, select: { reportId: true, replyToId: true } })
  if (!parent || parent.reportId !== connectedId(data.report)) {
    return addValidationError('只能回复同一报告中的批注 / A reply must answer a comment on the same report')
  }
  if (parent.replyToId) addValidationError('请回复批注本身，不能回复回复 / Reply to the comment itself, not to a reply')
  if (data.quote) addValidationError('回复不能引用原文 / A reply does not quote the text')
}
