// One comment beside its passage: the quote, what was said, where the passage stands now,
// the replies, and (for the department's writers and heads) reply and resolve.
import { useState } from 'react'
import { useMutation } from '@keystone-6/core/admin-ui/apollo'
import { CREATE_COMMENT, SET_RESOLVED, type CommentRow } from './queries'
import { timeInChina } from './format'
import { ErrorNote, useAttempt } from './attempt'
import { ui } from './styles'

type Props = { comment: CommentRow; reportId: string; canTalk: boolean; active: boolean; onFocus: (id: string) => void; onChanged: () => void }

export function CommentThread({ comment, reportId, canTalk, active, onFocus, onChanged }: Props) {
  const [reply, setReply] = useState('')
  const { error, attempt } = useAttempt()
  const [createComment, creating] = useMutation(CREATE_COMMENT)
  const [setResolved, resolving] = useMutation(SET_RESOLVED)
  const anchor = comment.anchor
  const sendReply = () =>
    attempt(async () => {
      await createComment({ variables: { data: { report: { connect: { id: reportId } }, replyTo: { connect: { id: comment.id } }, body: reply.trim() } } })
      setReply('')
      onChanged()
    })
  const toggleResolved = () =>
    attempt(async () => {
      await setResolved({ variables: { id: comment.id, resolved: !comment.resolved } })
      onChanged()
    })
  return (
    <div data-testid="comment-thread" data-comment-id={comment.id} onClick={() => onFocus(comment.id)} style={{ ...ui.card, ...(active ? ui.cardActive : {}), opacity: comment.resolved ? 0.65 : 1 }}>
      {comment.quote && <div style={ui.quote}>“{comment.quote}”</div>}
      {anchor && anchor.status !== 'found' && (
        <div data-testid="anchor-status" style={{ ...ui.small, color: anchor.status === 'missing' ? '#cf222e' : '#9a6700' }}>
          {anchor.status === 'missing' ? '⚠ 所批注的文字已被删除或改写 / The passage was removed or rewritten' : '⚠ 所批注的文字仍在，但前后文已改动 / The passage is there, its surroundings changed'}
        </div>
      )}
      <div style={{ whiteSpace: 'pre-wrap' }} data-testid="comment-body">{comment.body}</div>
      <div style={ui.small}>
        {comment.author?.name ?? ''} · {timeInChina(comment.createdAt)}
        {comment.resolved && <span data-testid="resolved-label"> · 已解决 Resolved</span>}
      </div>
      {comment.replies.map(r => (
        <div key={r.id} data-testid="reply" style={ui.reply}>
          <div style={{ whiteSpace: 'pre-wrap' }}>{r.body}</div>
          <div style={ui.small}>
            {r.author?.name ?? ''} · {timeInChina(r.createdAt)}
          </div>
        </div>
      ))}
      {canTalk && (
        <div style={{ marginTop: 6 }}>
          {!comment.resolved && (
            <>
              <textarea aria-label="回复 Reply" placeholder="回复… Reply…" value={reply} onChange={e => setReply(e.target.value)} rows={2} style={ui.textarea} />
              <button type="button" style={ui.button} disabled={!reply.trim() || creating.loading} onClick={sendReply}>
                回复 Reply
              </button>{' '}
            </>
          )}
          <button type="button" style={ui.buttonQuiet} disabled={resolving.loading} onClick={toggleResolved}>
            {comment.resolved ? '重新打开 Reopen' : '标为已解决 Resolve'}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  )
}
