// Input rules for reports and sections. Each returns a message a user sees (Chinese first,
// English after) or undefined when the input is fine. No Keystone here: hooks call these.
import { statusLabel } from './vocabulary'

export const MIN_YEAR = 1949
export const MAX_YEAR = 2100
export const MAX_SECTION_CHARS = 200_000
export const MAX_HEADING_CHARS = 200

export function yearProblem(year: unknown): string | undefined {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    return `年份必须是 ${MIN_YEAR} 到 ${MAX_YEAR} 之间的整数（收到 ${String(year)}）/ Year must be a whole number from ${MIN_YEAR} to ${MAX_YEAR} (got ${String(year)})`
  }
}

export function headingProblem(heading: unknown): string | undefined {
  const text = typeof heading === 'string' ? heading.trim() : ''
  if (!text) return '节标题不能为空 / Section heading must not be empty'
  if ([...text].length > MAX_HEADING_CHARS) {
    return `节标题不能超过 ${MAX_HEADING_CHARS} 个字符 / Section heading must be at most ${MAX_HEADING_CHARS} characters`
  }
}

export function sectionLengthProblem(plainText: string): string | undefined {
  const length = [...plainText].length
  if (length > MAX_SECTION_CHARS) {
    return `节正文共 ${length} 个字符，超过上限 ${MAX_SECTION_CHARS}，未保存；请拆分为多节 / Section body has ${length} characters, over the limit of ${MAX_SECTION_CHARS}; nothing was saved, split it into several sections`
  }
}

export function duplicateReportProblem(departmentName: string, year: number, kindLabel: string): string {
  return `${departmentName} ${year} 年的“${kindLabel}”已存在，每个部门每年每类只能有一份报告 / A ${kindLabel} report for ${departmentName} ${year} already exists (one per department, year and kind)`
}

export function notMemberProblem(departmentName: string): string {
  return `您不属于部门“${departmentName}”，不能为其撰写报告 / You are not a member of ${departmentName} and cannot write its reports`
}

export function notEditableProblem(status: string): string {
  return `报告当前状态为“${statusLabel(status)}”，不能修改 / The report is ${status} and cannot be edited`
}

const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })

/** “2025-03-01 14:05:09 北京时间”: users read times in China's time zone. */
export function chinaTime(at: Date): string {
  return `${CHINA_TIME.format(at)} 北京时间`
}

export function staleVersionProblem(expected: number, current: number, savedBy?: string, savedAt?: Date): string {
  const who = savedBy ?? '其他用户'
  const when = savedAt ? chinaTime(savedAt) : ''
  return `保存冲突：您编辑的是第 ${expected} 版，但 ${who} 已于 ${when} 保存了第 ${current} 版；您的修改未保存，请刷新后重做 / Edit conflict: you edited version ${expected}, but ${savedBy ?? 'another user'} saved version ${current}${when ? ' at ' + when : ''}; your change was not applied`
}
