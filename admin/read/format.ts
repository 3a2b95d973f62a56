// Formatting shared by the reading view and the 工作台: China's time zone, years as written.
import { statusLabel } from '../../src/workflow/vocabulary'

const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })

/** 2025/03/02 14:05 in Asia/Shanghai, whatever the browser's zone. */
export function timeInChina(iso: string | null | undefined): string {
  return iso ? TIME.format(new Date(iso)) : ''
}

/** A year is a name, not a quantity: 2025, never 2,025. */
export function yearText(year: number | null | undefined): string {
  return year == null ? '' : String(year)
}

export { statusLabel }

export const STATUS_COLORS: Record<string, string> = { draft: '#6e7781', in_review: '#9a6700', changes_requested: '#cf222e', approved: '#1a7f37' }

export const AUDIT_LABELS: Record<string, string> = { submit: '提交审核', approve: '批准', requestChanges: '退回修改', reopen: '重新打开', edit: '修改', import: '导入' }

/**
 * What to show for a failed request: the server's own bilingual message when it has one,
 * a Chinese sentence otherwise; never a stack trace or Keystone's English internals.
 */
export function userMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error ?? '')
  const cjk = text.search(/[\u4e00-\u9fff]/u)
  if (cjk >= 0) return text.slice(cjk).split('\n')[0]
  if (/access denied|not allowed|may not exist/iu.test(text)) return '您无权执行此操作，或内容已不存在 / You may not do this, or it no longer exists'
  if (/failed to fetch|network/iu.test(text)) return '无法连接服务器，请稍后重试 / The server cannot be reached; try again'
  return '操作未能完成，请刷新后重试 / The request failed; reload and try again'
}
